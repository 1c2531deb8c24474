import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import { PendingStore } from '../../../src/lib/storage/pending-store.ts';
import type { PendingAuthorization } from '../../../src/lib/oauth/types.ts';
import { catchAppError } from '../../helpers/catch-error.ts';

const T0 = 1_700_000_000_000;
const pending = (state: string, createdAt = T0): PendingAuthorization => ({
  state,
  storeId: 'acme',
  flow: 'token',
  scopes: ['storefront'],
  returnTo: '/',
  createdAt,
  binding: { storeId: 'acme', authorizationEndpoint: 'https://auth.acme.example/oauth2/authorize', redirectUri: 'https://app.example/' },
});

function setup() {
  const clock = { now: T0 };
  const store = createMemoryStore();
  return { clock, store, pendings: new PendingStore(store, { now: () => clock.now }) };
}

describe('PendingStore', () => {
  it('takes a pending sign-in once; the second take is OAUTH_STATE_REUSED', async () => {
    const { pendings } = setup();
    await pendings.put(pending('s1'));
    expect(await pendings.take('s1')).toEqual(pending('s1'));
    expect((await catchAppError(() => pendings.take('s1'))).code).toBe('OAUTH_STATE_REUSED');
  });

  it('an unknown state is OAUTH_STATE_MISMATCH and leaves nothing behind', async () => {
    const { pendings, store } = setup();
    expect((await catchAppError(() => pendings.take('forged'))).code).toBe('OAUTH_STATE_MISMATCH');
    expect((await catchAppError(() => pendings.take(''))).code).toBe('OAUTH_STATE_MISMATCH');
    expect((await catchAppError(() => pendings.take('x'.repeat(10_000)))).code).toBe('OAUTH_STATE_MISMATCH');
    expect(await store.keys()).toEqual([]);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'state=%s is an unknown state (no prototype lookup), on IndexedDB and in memory',
    async (state) => {
      const { store: idb } = await openStorage({ indexedDB: new IDBFactory() });
      for (const kv of [idb, createMemoryStore()]) {
        const store = new PendingStore(kv, { now: () => T0 });
        await store.put(pending('real-state'));
        expect((await catchAppError(() => store.take(state))).code).toBe('OAUTH_STATE_MISMATCH');
        expect((await store.take('real-state')).storeId).toBe('acme');
      }
    },
  );

  it('a state older than 10 minutes is OAUTH_STATE_EXPIRED, answered again too, naming its store and page; its record keeps nothing else of the sign-in and is gone a day later', async () => {
    const { pendings, clock, store } = setup();
    await pendings.put({ ...pending('s1'), returnTo: '/s/acme/orders?q=mug' });
    clock.now = T0 + 10 * 60 * 1000 + 1;
    for (let i = 0; i < 2; i++) {
      const error = await catchAppError(() => pendings.take('s1'));
      expect([error.code, error.storeId, error.returnTo]).toEqual(['OAUTH_STATE_EXPIRED', 'acme', '/s/acme/orders']);
    }
    expect(await store.get('pending:s1')).toEqual({ v: 1, expiredAt: T0, about: { storeId: 'acme', returnTo: '/s/acme/orders' } });
    clock.now = T0 + 24 * 60 * 60 * 1000 + 1;
    expect((await catchAppError(() => pendings.take('s1'))).code).toBe('OAUTH_STATE_MISMATCH');
    expect(await store.keys()).toEqual([]);
  });

  it('a sign-in swept by a later one (a consent page left open an hour) is still OAUTH_STATE_EXPIRED when answered, not “not started here”', async () => {
    const { pendings, clock, store } = setup();
    await pendings.put(pending('left-open'));
    clock.now = T0 + 60 * 60 * 1000;
    await pendings.put(pending('later', clock.now));
    expect(await store.get('pending:left-open')).toEqual({ v: 1, expiredAt: T0, about: { storeId: 'acme', returnTo: '/' } });
    expect((await catchAppError(() => pendings.take('left-open'))).code).toBe('OAUTH_STATE_EXPIRED');
    expect((await pendings.take('later')).state).toBe('later');
  });

  it('a state at exactly 10 minutes is still accepted', async () => {
    const { pendings, clock } = setup();
    await pendings.put(pending('s1'));
    clock.now = T0 + 10 * 60 * 1000;
    expect((await pendings.take('s1')).state).toBe('s1');
  });

  it('a corrupt entry counts as unknown', async () => {
    const { pendings, store } = setup();
    await store.set('pending:s1', { v: 1, pending: { state: 's1' } });
    expect((await catchAppError(() => pendings.take('s1'))).code).toBe('OAUTH_STATE_MISMATCH');
  });

  it('sweeps old used markers and leaves a bare marker for expired entries when a new sign-in starts', async () => {
    const { pendings, clock, store } = setup();
    await pendings.put(pending('old'));
    await pendings.put(pending('used'));
    await pendings.take('used');
    await store.set('pending:junk', 'junk');
    clock.now = T0 + 11 * 60 * 1000;
    await pendings.put(pending('new', clock.now));
    expect((await store.keys()).sort()).toEqual(['pending:new', 'pending:old']);
    // the expired one is a marker that keeps nothing of the sign-in but its store and page, and goes a day after it began
    expect(await store.get('pending:old')).toEqual({ v: 1, expiredAt: T0, about: { storeId: 'acme', returnTo: '/' } });
    clock.now = T0 + 24 * 60 * 60 * 1000 + 1;
    await pendings.sweep();
    expect(await store.keys()).toEqual(['pending:new']); // by now a marker itself
  });

  it('two concurrent takes on IndexedDB: exactly one wins', async () => {
    const { store } = await openStorage({ indexedDB: new IDBFactory() });
    const pendings = new PendingStore(store, { now: () => T0 });
    await pendings.put(pending('s1'));
    const results = await Promise.allSettled([pendings.take('s1'), pendings.take('s1'), pendings.take('s1')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const codes = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code: string }).code] : []));
    expect(codes).toEqual(['OAUTH_STATE_REUSED', 'OAUTH_STATE_REUSED']);
  });
});
