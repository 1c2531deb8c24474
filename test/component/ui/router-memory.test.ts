/** The Router's per-history-entry memory: ids kept in history.state, a bounded in-memory store. */
import { afterEach, describe, expect, it } from 'vitest';
import { Router } from '../../../src/lib/state/router.svelte.ts';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('Router entry memory', () => {
  it('gives every history entry its own id, found again on Back, and keeps the rest of history.state', async () => {
    history.replaceState({ other: 'kept' }, '', '/#/s/demo');
    const router = new Router();
    stop = router.listen();
    const first = router.entry;
    expect(history.state).toEqual({ other: 'kept', entry: first });

    router.go({ name: 'product', storeId: 'demo', productId: 'p-1' });
    const second = router.entry;
    expect(second).not.toBe(first);
    // A replace keeps the entry (and its id).
    router.go({ name: 'product', storeId: 'demo', productId: 'p-2' }, { replace: true });
    expect(router.entry).toBe(second);

    router.remember(first, 'the first entry');
    router.remember(second, 'the second entry');
    history.back();
    await settle(() => router.entry === first);
    expect(router.recall(router.entry)).toBe('the first entry');
  });

  it('an entry made by a plain link (no state) gets an id when it is reached', async () => {
    history.replaceState(null, '', '/#/s/demo');
    const router = new Router();
    stop = router.listen();
    const first = router.entry;
    location.hash = '#/s/demo/cart';
    await settle(() => router.current.name === 'cart');
    expect(router.entry).not.toBe(first);
    expect((history.state as { entry: string }).entry).toBe(router.entry);
  });

  it('a link changes the route once, though popstate and hashchange both come for it', async () => {
    history.replaceState(null, '', '/#/s/demo');
    const router = new Router();
    stop = router.listen();
    const seen: unknown[] = [];
    const note = () => seen.push(router.current);
    addEventListener('popstate', note);
    addEventListener('hashchange', note);
    try {
      location.hash = '#/s/demo/orders?page=2';
      await settle(() => seen.length === 2);
      expect(router.current).toEqual({ name: 'orders', storeId: 'demo', page: 1 });
      expect(seen[1]).toBe(seen[0]);
    } finally {
      removeEventListener('popstate', note);
      removeEventListener('hashchange', note);
    }
  });

  it('keeps the twelve newest entries; an older one starts over', () => {
    const router = new Router();
    for (let i = 0; i < 13; i++) router.remember(`e${i}`, i);
    expect(router.recall('e0')).toBeUndefined();
    expect(router.recall('e1')).toBe(1);
    expect(router.recall('e12')).toBe(12);
    // Remembering again makes an entry the newest.
    router.remember('e1', 'again');
    router.remember('e13', 13);
    expect(router.recall('e1')).toBe('again');
    expect(router.recall('e2')).toBeUndefined();
  });
});

/** Waits (bounded) for history traversal, which jsdom runs in a later task. */
async function settle(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}
