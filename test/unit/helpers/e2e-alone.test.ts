import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ALONE_FILES, holdRunLock, runsAlone, startRunLock } from '../../helpers/e2e-alone.ts';
import { ROOT_DIR } from '../../helpers/paths.ts';

/** A request for the lock, and whether it has been granted yet, without waiting for it. */
function request(port: number, alone: boolean, timeoutMs = 10_000): { granted: () => boolean; release: () => Promise<void> } {
  const hold = holdRunLock(port, alone, timeoutMs);
  let release: (() => void) | undefined;
  void hold.then((r) => (release = r));
  return { granted: () => release !== undefined, release: async () => (await hold)() };
}

/** A moment for the lock's server to answer: a request still not granted after it was not to be (a slow machine only passes more). */
const moment = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('the end-to-end run lock (test/helpers/e2e-alone.ts)', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
  });

  it('lets files run side by side, a file that runs alone only with none beside it, and none start beside one that waits to', async () => {
    const lock = await startRunLock();
    close = lock.close;
    const first = request(lock.port, false);
    const second = request(lock.port, false);
    await vi.waitFor(() => expect([first.granted(), second.granted()]).toEqual([true, true]));
    const alone = request(lock.port, true);
    await vi.waitFor(() => expect(lock.waiting()).toBe(1));
    const later = request(lock.port, false);
    await vi.waitFor(() => expect(lock.waiting()).toBe(2));
    await first.release();
    await moment();
    expect([alone.granted(), later.granted()]).toEqual([false, false]);
    await second.release();
    await vi.waitFor(() => expect(alone.granted()).toBe(true));
    await moment();
    expect(later.granted()).toBe(false);
    await alone.release();
    await vi.waitFor(() => expect(later.granted()).toBe(true));
    await later.release();
  });

  it('frees a hold whose connection ends (its worker gone), and says so when a hold is not granted in time', async () => {
    const lock = await startRunLock();
    close = lock.close;
    const gone = await holdRunLock(lock.port, true, 10_000);
    await expect(holdRunLock(lock.port, false, 200)).rejects.toThrow('not granted within 0.2 s');
    const next = request(lock.port, false);
    await vi.waitFor(() => expect(lock.waiting()).toBe(1));
    gone();
    await vi.waitFor(() => expect(next.granted()).toBe(true));
    await next.release();
  });

  it('names files that exist, and knows them by their path', () => {
    for (const file of ALONE_FILES) expect(existsSync(join(ROOT_DIR, file)), file).toBe(true);
    expect(runsAlone(join(ROOT_DIR, 'test/e2e/warm-start.test.ts'))).toBe(true);
    expect(runsAlone(join(ROOT_DIR, 'test/e2e/views.test.ts'))).toBe(false);
  });
});
