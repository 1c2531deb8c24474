/**
 * Leaving the page asks first while a refresh token is spent and its successor not yet written
 * (unload-guard.ts): the handler is there during the work only, shared by renewals that overlap, and
 * gone after a failure too.
 */
import { describe, expect, it, vi } from 'vitest';
import { renewalsWritten, whileLeavingAsks } from '../../../src/lib/auth/unload-guard.ts';

/** Whether leaving the page now would ask: a cancelable beforeunload that a handler cancels. */
function leavingAsks(page: EventTarget): boolean {
  return !page.dispatchEvent(new Event('beforeunload', { cancelable: true }));
}

describe('whileLeavingAsks', () => {
  it('asks while the work runs, and no longer once it is done', async () => {
    const page = new EventTarget();
    let during = false;
    const result = await whileLeavingAsks(async () => {
      during = leavingAsks(page);
      return 'renewed';
    }, page);
    expect(result).toBe('renewed');
    expect(during).toBe(true);
    expect(leavingAsks(page)).toBe(false);
  });

  it('two renewals at once (two stores): asks until the last has ended', async () => {
    const page = new EventTarget();
    let endFirst!: () => void;
    let endSecond!: () => void;
    const first = whileLeavingAsks(() => new Promise<void>((resolve) => (endFirst = resolve)), page);
    const second = whileLeavingAsks(() => new Promise<void>((resolve) => (endSecond = resolve)), page);
    expect(leavingAsks(page)).toBe(true);
    endFirst();
    await first;
    expect(leavingAsks(page)).toBe(true);
    endSecond();
    await second;
    expect(leavingAsks(page)).toBe(false);
  });

  it('a renewal that fails lets the page go again, and its error reaches the caller', async () => {
    const page = new EventTarget();
    await expect(whileLeavingAsks(() => Promise.reject(new Error('HTTP 503')), page)).rejects.toThrow('HTTP 503');
    expect(leavingAsks(page)).toBe(false);
  });

  it('without a page (a worker, Node): runs the work as it is', async () => {
    expect(await whileLeavingAsks(async () => 7, undefined)).toBe(7);
  });
});

describe('renewalsWritten', () => {
  it('at once when nothing is renewed; else once the last renewal has written', async () => {
    const page = new EventTarget();
    await renewalsWritten(5_000, page);
    let endRenewal!: () => void;
    const renewal = whileLeavingAsks(() => new Promise<void>((resolve) => (endRenewal = resolve)), page);
    let written = false;
    const waited = renewalsWritten(5_000, page).then(() => (written = true));
    await Promise.resolve();
    expect(written).toBe(false);
    endRenewal();
    await renewal;
    await waited;
    expect(written).toBe(true);
    expect(leavingAsks(page)).toBe(false);
  });

  it('a renewal that hangs holds the redirect for its limit only', async () => {
    vi.useFakeTimers();
    try {
      const page = new EventTarget();
      void whileLeavingAsks(() => new Promise<void>(() => undefined), page);
      let written = false;
      const waited = renewalsWritten(5_000, page).then(() => (written = true));
      await vi.advanceTimersByTimeAsync(4_999);
      expect(written).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await waited;
      expect(written).toBe(true);
      expect(leavingAsks(page)).toBe(true); // still renewing: the browser asks if the page goes now
    } finally {
      vi.useRealTimers();
    }
  });
});
