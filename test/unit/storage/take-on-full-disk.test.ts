/**
 * A callback on a full disk: the sign-in's own write at the callback (the used marker that makes
 * its state single use) refused for want of space, as Chromium refuses it (the transaction aborts
 * at its commit with a QuotaExceededError). It failed the sign-in as STORAGE_UNAVAILABLE, said as
 * "private mode or blocked", and the tokens the store was about to give were never asked for. Now
 * the entry is deleted instead (still single use) and the sign-in goes on, kept in this tab's memory.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { PendingStore } from '../../../src/lib/storage/pending-store.ts';
import { createOidcStateStore } from '../../../src/lib/storage/oidc-state-store.ts';
import type { PendingAuthorization } from '../../../src/lib/oauth/types.ts';
import { catchAppError } from '../../helpers/catch-error.ts';
import { allowPuts, refusePuts } from '../../helpers/full-disk.ts';

const T0 = 1_700_000_000_000;
const pending = (state: string): PendingAuthorization => ({
  state,
  storeId: 'acme',
  flow: 'token',
  scopes: ['storefront'],
  returnTo: '/',
  createdAt: T0,
  binding: { storeId: 'acme', authorizationEndpoint: 'https://auth.acme.example/oauth2/authorize', redirectUri: 'https://app.example/' },
});

afterEach(allowPuts);

async function pendingOnDisk() {
  const storage = await openStorage({ indexedDB: new IDBFactory() });
  expect(storage.persistent).toBe(true);
  const pendings = new PendingStore(storage.store, { now: () => T0 });
  await pendings.put(pending('s1'));
  expect(await storage.store.keys()).toContain('pending:s1');
  return { storage, pendings };
}

describe('taking a sign-in’s state on a full disk', () => {
  it('the implicit flow’s pending sign-in: taken once (deleted, its used marker refused for want of space), then missing', async () => {
    const { storage, pendings } = await pendingOnDisk();
    refusePuts('QuotaExceededError');
    expect(await pendings.take('s1')).toEqual(pending('s1'));
    expect(await storage.store.keys()).not.toContain('pending:s1');
    // Single use still: the same answer again is refused (no marker: it reads as never started here).
    expect((await catchAppError(() => pendings.take('s1'))).code).toBe('OAUTH_STATE_MISMATCH');
  });

  it('the code flow’s state (oidc-client-ts’s remove): its value once, then nothing', async () => {
    const storage = await openStorage({ indexedDB: new IDBFactory() });
    const states = createOidcStateStore(storage.store, { now: () => T0 });
    await states.set('k1', JSON.stringify({ id: 'k1', created: T0 / 1000, data: { storeId: 'acme', returnTo: '/' } }));
    refusePuts('QuotaExceededError');
    expect(await states.remove('k1')).toContain('"id":"k1"');
    expect(await states.remove('k1')).toBeNull();
  });

  it('refused for another reason (an I/O error): still an error, the state left as it was', async () => {
    const { storage, pendings } = await pendingOnDisk();
    refusePuts('UnknownError');
    expect((await catchAppError(() => pendings.take('s1'))).code).toBe('STORAGE_UNAVAILABLE');
    allowPuts();
    expect(await storage.store.keys()).toContain('pending:s1');
  });
});
