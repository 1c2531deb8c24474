/**
 * shared-read.ts: one read for every caller; a caller's signal stops its own wait, and the read
 * itself only when every caller has left.
 */
import { describe, expect, it } from 'vitest';
import { sharedRead } from '../../../src/lib/providers/shared-read.ts';

const left = () => new DOMException('left', 'AbortError');

/** A read that waits to be answered, counting how often it was started and whether it was stopped. */
function controlledRead() {
  const started: AbortSignal[] = [];
  const answers: Array<(value: string) => void> = [];
  const read = sharedRead((signal) => {
    started.push(signal);
    return new Promise<string>((resolve, reject) => {
      answers.push(resolve);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  });
  return { read, started, answer: (value: string) => answers.at(-1)!(value) };
}

describe('sharedRead', () => {
  it('reads once for callers together and after; a caller left does not fail the others', async () => {
    const { read, started, answer } = controlledRead();
    const first = new AbortController();
    const firstWait = read(first.signal);
    const second = read(new AbortController().signal);
    const third = read();
    first.abort(left());
    await expect(firstWait).rejects.toMatchObject({ name: 'AbortError' });
    expect(started[0]!.aborted).toBe(false);
    answer('catalogue');
    await expect(second).resolves.toBe('catalogue');
    await expect(third).resolves.toBe('catalogue');
    await expect(read()).resolves.toBe('catalogue');
    expect(started).toHaveLength(1);
  });

  it('stops the read when every caller with a signal has left, and the next caller reads afresh', async () => {
    const { read, started, answer } = controlledRead();
    const a = new AbortController();
    const b = new AbortController();
    const waits = [read(a.signal), read(b.signal)];
    a.abort(left());
    expect(started[0]!.aborted).toBe(false);
    b.abort(left());
    // asked for again in the same task as the last caller left: a new read, not the stopped one
    const again = read();
    expect(started[0]!.aborted).toBe(true);
    expect(started).toHaveLength(2);
    await Promise.allSettled(waits);
    answer('afresh');
    await expect(again).resolves.toBe('afresh');
    expect(started).toHaveLength(2);
  });

  it('a caller without a signal keeps the read going when the others leave', async () => {
    const { read, started, answer } = controlledRead();
    const a = new AbortController();
    const kept = read();
    const waited = read(a.signal);
    a.abort(left());
    await expect(waited).rejects.toMatchObject({ name: 'AbortError' });
    expect(started[0]!.aborted).toBe(false);
    answer('kept');
    await expect(kept).resolves.toBe('kept');
  });

  it('a failed read is not kept, an already-aborted signal starts nothing, and forget() reads afresh', async () => {
    let calls = 0;
    const read = sharedRead(async () => {
      calls++;
      if (calls === 1) throw new Error('503');
      return calls;
    });
    await expect(read()).rejects.toThrow('503');
    await expect(read()).resolves.toBe(2);
    await expect(read()).resolves.toBe(2);
    const gone = new AbortController();
    gone.abort(left());
    await expect(read(gone.signal)).rejects.toMatchObject({ name: 'AbortError' });
    read.forget();
    await expect(read()).resolves.toBe(3);
  });
});
