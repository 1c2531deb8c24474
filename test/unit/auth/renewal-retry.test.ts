/**
 * The retry of a renewal that failed for a passing reason (security case 22): growing waits, at once
 * on `online`, then on at the last delay; it stops by itself on a success or a dead grant.
 */
import { describe, expect, it } from 'vitest';
import { RenewalRetry } from '../../../src/lib/auth/renewal-retry.ts';
import { AppError } from '../../../src/lib/oauth/errors.ts';

function harness(outcomes: Array<'ok' | 'unavailable' | 'expired'>) {
  const timers: Array<{ run: () => void; ms: number; cleared: boolean }> = [];
  const onlineListeners = new Set<() => void>();
  const tries: string[] = [];
  const retry = new RenewalRetry({
    retry: async (storeId) => {
      tries.push(storeId);
      const outcome = outcomes.shift() ?? 'ok';
      if (outcome === 'unavailable') throw new AppError('TOKEN_RENEWAL_UNAVAILABLE');
      if (outcome === 'expired') throw new AppError('TOKEN_EXPIRED');
    },
    onOnline: (listener) => {
      onlineListeners.add(listener);
      return () => onlineListeners.delete(listener);
    },
    setTimer: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      (timer as { cleared: boolean }).cleared = true;
    },
    delaysMs: [1_000, 2_000, 4_000],
  });
  const fireNext = async () => {
    const timer = timers.find((candidate) => !candidate.cleared && !(candidate as { fired?: boolean }).fired);
    if (!timer) throw new Error('no timer pending');
    (timer as { fired?: boolean }).fired = true;
    timer.run();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const pending = () => timers.filter((t) => !t.cleared && !(t as { fired?: boolean }).fired).map((t) => t.ms);
  return { retry, timers, tries, onlineListeners, fireNext, pending };
}

describe('RenewalRetry', () => {
  it('waits longer after each failure, stops after a success, and listens to online only while waiting', async () => {
    const h = harness(['unavailable', 'unavailable', 'ok']);
    h.retry.schedule('acme');
    h.retry.schedule('acme'); // already waiting: no second timer
    expect(h.pending()).toEqual([1_000]);
    expect(h.onlineListeners.size).toBe(1);
    await h.fireNext();
    expect(h.pending()).toEqual([2_000]);
    await h.fireNext();
    expect(h.pending()).toEqual([4_000]);
    await h.fireNext();
    expect(h.tries).toEqual(['acme', 'acme', 'acme']);
    expect(h.pending()).toEqual([]);
    expect(h.onlineListeners.size).toBe(0);
  });

  it('coming back online retries at once, cancelling the wait', async () => {
    const h = harness(['ok']);
    h.retry.schedule('acme');
    for (const listener of h.onlineListeners) listener();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.tries).toEqual(['acme']);
    expect(h.timers[0]!.cleared).toBe(true);
    expect(h.onlineListeners.size).toBe(0);
  });

  it('after the last delay it goes on at the last delay (it stopped there: a store back later was never asked again), online retries at once, and a dead grant stops it', async () => {
    const h = harness(['unavailable', 'unavailable', 'unavailable', 'unavailable', 'unavailable', 'expired']);
    h.retry.schedule('acme');
    await h.fireNext();
    await h.fireNext();
    await h.fireNext();
    expect(h.pending()).toEqual([4_000]);
    await h.fireNext();
    expect(h.pending()).toEqual([4_000]);
    expect(h.onlineListeners.size).toBe(1);
    for (const listener of h.onlineListeners) listener();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.tries).toHaveLength(5);
    expect(h.pending()).toEqual([4_000]);
    await h.fireNext();
    expect(h.tries).toHaveLength(6);
    expect(h.pending()).toEqual([]);
    expect(h.onlineListeners.size).toBe(0);
  });

  it('stop cancels the wait (sign-out, or renewed elsewhere)', () => {
    const h = harness([]);
    h.retry.schedule('acme');
    h.retry.stop('acme');
    expect(h.timers[0]!.cleared).toBe(true);
    expect(h.onlineListeners.size).toBe(0);
  });
});
