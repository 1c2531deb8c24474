/**
 * Session.load lists the seam stores' saved connections through the seam's door (store-connections.ts
 * and what it loads: connections, the credential vault, the connectors' loaders), which it builds
 * only when the vault holds a record: a first visit to a deployment with seam stores has none, and
 * its stores list shows without downloading the door.
 */
import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../../../src/lib/config/types.ts';
import { Session } from '../../../src/lib/state/session.svelte.ts';
import { createMemoryStore, type KeyValueStore } from '../../../src/lib/storage/kv.ts';

type AuthLike = ConstructorParameters<typeof Session>[0];

const CONFIG: AppConfig = {
  stores: [{ id: 'foxy', kind: 'foxy', name: 'Foxy Store', apiBase: 'https://api.foxy.io', auth: ['token-bundle'] }],
};

/** A session over `store`, counting how often the seam's door was built (it takes the sign-outs then). */
function sessionOver(store: KeyValueStore): { session: Session; doorsBuilt: () => number } {
  let built = 0;
  const auth = {
    persistent: true,
    canSignIn: true,
    credentialStore: store,
    fetchImpl: (() => Promise.reject(new Error('no request expected'))) as typeof fetch,
    get signOuts() {
      built++;
      return { onElsewhere: () => () => undefined };
    },
    listSessions: async () => ({ sessions: [], discarded: [] }),
    onEvent: () => () => undefined,
  } as unknown as AuthLike;
  return { session: new Session(auth, CONFIG), doorsBuilt: () => built };
}

describe('Session.load and the seam’s door', () => {
  it('an empty vault: no door, nothing connected, nothing discarded', async () => {
    const { session, doorsBuilt } = sessionOver(createMemoryStore());
    await session.load();
    expect(doorsBuilt()).toBe(0);
    expect(session.isConnected('foxy')).toBe(false);
    expect(session.discarded).toEqual([]);
  });

  it('keys of other kinds (a sign-out marker, a pending sign-in) are no vault record: no door', async () => {
    const store = createMemoryStore();
    await store.set('signed-out:foxy', 1);
    await store.set('seam-pending:x', {});
    const { session, doorsBuilt } = sessionOver(store);
    await session.load();
    expect(doorsBuilt()).toBe(0);
  });

  it('a vault record: the door is built and reads it (a damaged one is discarded and reported)', async () => {
    const store = createMemoryStore();
    await store.set('session:foxy', 'not a credential');
    const { session, doorsBuilt } = sessionOver(store);
    await session.load();
    expect(doorsBuilt()).toBe(1);
    expect(session.discarded).toEqual(['foxy']);
    expect(await store.keys()).toEqual([]);
  });
});
