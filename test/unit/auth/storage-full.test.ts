/**
 * A write storage refuses for want of space (QuotaExceededError: the device's disk, or the site's
 * quota) is told apart from storage being unavailable (a closed database, blocked), so the banner
 * names the right cause (StorageFullNote.svelte); either way the session is kept in memory.
 */
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../../src/lib/auth/session-store.ts';
import type { StoreSession } from '../../../src/lib/oauth/types.ts';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { openStorage, type KeyValueStore } from '../../../src/lib/storage/kv.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import { openSealingKey, sealedStore } from '../../../src/lib/storage/sealed-store.ts';
import { isStorageFull } from '../../../src/lib/storage/storage-full.ts';

const session = (storeId: string, refreshToken: string): StoreSession => ({
  storeId,
  tokens: { accessToken: `at-${refreshToken}`, refreshToken, tokenType: 'bearer', scopes: ['storefront'], expiresAt: null, obtainedAt: 1 },
});

describe('isStorageFull', () => {
  it('is a quota refusal (Chromium, Safari, and older Firefox’s name), and nothing else', () => {
    expect(isStorageFull(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))).toBe(true);
    expect(isStorageFull(new DOMException('full', 'NS_ERROR_DOM_QUOTA_REACHED'))).toBe(true);
    expect(isStorageFull(new DOMException('The database connection is closing.', 'InvalidStateError'))).toBe(false);
    expect(isStorageFull(new DOMException('blocked', 'SecurityError'))).toBe(false);
    expect(isStorageFull(new Error('QuotaExceededError'))).toBe(false);
    // As kv.ts hands it on (only the name survives), or with the DOMException as its cause.
    expect(isStorageFull(new AppError('STORAGE_UNAVAILABLE', 'IndexedDB failed (QuotaExceededError)', { cause: 'QuotaExceededError' }))).toBe(true);
    expect(isStorageFull(new AppError('STORAGE_UNAVAILABLE', 'x', { cause: new DOMException('full', 'QuotaExceededError') }))).toBe(true);
    expect(isStorageFull(new AppError('STORAGE_UNAVAILABLE', 'IndexedDB failed (InvalidStateError)', { cause: 'InvalidStateError' }))).toBe(false);
    expect(isStorageFull(null)).toBe(false);
    expect(isStorageFull(undefined)).toBe(false);
  });
});

describe('SessionStore.save', () => {
  it('on IndexedDB whose put throws QuotaExceededError (as Chromium refuses on a full disk): "full", kept in memory', async () => {
    const factory = new IDBFactory();
    const storage = await openStorage({ indexedDB: factory });
    const store = new SessionStore(storage.sealed);
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, k?: IDBValidKey) {
      if (typeof k === 'string' && k.startsWith('session:')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, k);
    };
    try {
      expect(await store.save(session('acme', 'rt-2'))).toBe('full');
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect((await store.get('acme'))?.tokens.refreshToken).toBe('rt-2');
    expect(await storage.store.keys()).not.toContain('session:acme');
  });

  async function storeRefusingWith(error: () => unknown) {
    const plain = createMemoryStore();
    const key = await openSealingKey(plain);
    let refuse = false;
    const sealed: KeyValueStore = { ...sealedStore(plain, key) };
    const set = sealed.set.bind(sealed);
    sealed.set = (k, value) => (refuse ? Promise.reject(error()) : set(k, value));
    const store = new SessionStore(sealed);
    expect(await store.save(session('acme', 'rt-1'))).toBe('saved');
    refuse = true;
    return { store, allow: () => (refuse = false), stored: () => new SessionStore(sealedStore(plain, key)).get('acme') };
  }

  it('says "full" for a quota refusal, and keeps the rotated refresh token in memory', async () => {
    const { store, stored } = await storeRefusingWith(() => new DOMException('full', 'QuotaExceededError'));
    expect(await store.save(session('acme', 'rt-2'))).toBe('full');
    expect((await store.get('acme'))?.tokens.refreshToken).toBe('rt-2');
    expect((await stored())?.tokens.refreshToken).toBe('rt-1');
  });

  it('says "refused" for storage failing otherwise (a closed database), and keeps it in memory too', async () => {
    const { store, allow, stored } = await storeRefusingWith(() => new DOMException('closing', 'InvalidStateError'));
    expect(await store.save(session('acme', 'rt-2'))).toBe('refused');
    expect((await store.get('acme'))?.tokens.refreshToken).toBe('rt-2');
    // Space again: the next write lands, and memory no longer overrides the vault.
    allow();
    expect(await store.save(session('acme', 'rt-3'))).toBe('saved');
    expect((await stored())?.tokens.refreshToken).toBe('rt-3');
  });
});
