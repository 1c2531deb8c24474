import { afterEach, describe, expect, it } from 'vitest';
import { openSessionChannel, type SessionMessage } from '../../../src/lib/auth/session-channel.ts';

/**
 * The session channel is the app's only message listener: whatever else runs on the origin (another
 * build of the app, an older tab, a stray script) may post on it, so a message is read only in the
 * shape the app sends (a known type and a store id), and nothing else of it reaches the listener.
 */
const raw: BroadcastChannel[] = [];
afterEach(() => {
  for (const channel of raw.splice(0)) channel.close();
});

function poster(name: string): BroadcastChannel {
  const channel = new BroadcastChannel(name);
  raw.push(channel);
  return channel;
}

describe('the session channel', () => {
  it('passes on only { type, storeId } of a known type with a string store id, and nothing else the message held', async () => {
    const name = `session-channel-test-${Math.random()}`;
    const channel = openSessionChannel(name);
    expect(channel).not.toBeNull();
    const heard: SessionMessage[] = [];
    const stop = channel!.subscribe((message) => heard.push(message));
    const other = poster(name);
    for (const data of [
      null,
      'signed-out',
      42,
      ['signed-out', 'demo'],
      {},
      { type: 'signed-out' },
      { type: 'signed-out', storeId: 42 },
      { type: 'signed-out', storeId: { toString: 'demo' } },
      { type: 'delete-everything', storeId: 'demo' },
      { type: 'SIGNED-OUT', storeId: 'demo' },
      { type: 'connected', storeId: ['demo'] },
    ]) {
      other.postMessage(data);
    }
    other.postMessage({ type: 'connected', storeId: 'demo', accessToken: 'leaked-token', extra: { deep: true } });
    other.postMessage({ type: 'signed-out', storeId: 'other' });
    // Messages of one sender arrive in order: once the last is heard, every earlier one was handled.
    await expect.poll(() => heard.length, { timeout: 2000 }).toBeGreaterThanOrEqual(2);
    stop();
    expect(heard).toEqual([
      { type: 'connected', storeId: 'demo' },
      { type: 'signed-out', storeId: 'other' },
    ]);
  });
});
