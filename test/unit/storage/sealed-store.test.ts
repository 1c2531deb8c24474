import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import { SEALING_KEY_ID, openSealingKey, sealedStore } from '../../../src/lib/storage/sealed-store.ts';
import { TokenVault } from '../../../src/lib/storage/token-vault.ts';
import type { StoreSession } from '../../../src/lib/oauth/types.ts';
import { catchAppError } from '../../helpers/catch-error.ts';

const SECRET = 'at-SECRET-0123456789';
const session = (storeId: string): StoreSession => ({
  storeId,
  tokens: { accessToken: `${SECRET}-${storeId}`, refreshToken: `rt-SECRET-${storeId}`, tokenType: 'bearer', scopes: ['storefront'], expiresAt: null, obtainedAt: 1 },
});

/** Every byte and string of a stored value, as text, to search for a secret. */
const asText = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) => (ArrayBuffer.isView(item) ? Buffer.from(item.buffer, item.byteOffset, item.byteLength).toString('latin1') : item));

describe('sealed store (tokens encrypted at rest)', () => {
  it('what the vault writes to IndexedDB holds no token in the clear, and reads back whole', async () => {
    const opened = await openStorage({ indexedDB: new IDBFactory() });
    const vault = new TokenVault(opened.sealed);
    await vault.put(session('acme'));
    const raw = await opened.store.get('session:acme');
    expect(raw).toBeDefined();
    expect(asText(raw).includes(SECRET)).toBe(false);
    expect(asText(raw).includes('rt-SECRET')).toBe(false);
    expect(await vault.get('acme')).toEqual(session('acme'));
  });

  it('the key is an AES-GCM key that cannot be exported', async () => {
    const plain = createMemoryStore();
    const key = await openSealingKey(plain);
    expect(key.algorithm.name).toBe('AES-GCM');
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    // Opened again, it is the same key: what one sealed, the other opens.
    await sealedStore(plain, key).set('k', 'v');
    expect(await sealedStore(plain, await openSealingKey(plain)).get('k')).toBe('v');
  });

  /** What openStorage does to `factory`'s database: reads of the sealing key, and read-write transactions completed. */
  async function watchOpening(
    factory: IDBFactory,
    use: (opened: Awaited<ReturnType<typeof openStorage>>) => Promise<void> = async () => undefined,
  ): Promise<{ events: string[]; opened: Awaited<ReturnType<typeof openStorage>> }> {
    const events: string[] = [];
    const get = IDBObjectStore.prototype.get;
    const transaction = IDBDatabase.prototype.transaction;
    try {
      IDBObjectStore.prototype.get = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
        if (key === SEALING_KEY_ID) events.push('key read');
        return get.call(this, key);
      };
      IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
        const tx = transaction.apply(this, args);
        if (args[1] === 'readwrite') tx.addEventListener('complete', () => events.push('write done'));
        return tx;
      };
      const opened = await openStorage({ indexedDB: factory });
      events.push('opened');
      await use(opened);
      return { events, opened };
    } finally {
      IDBObjectStore.prototype.get = get;
      IDBDatabase.prototype.transaction = transaction;
    }
  }

  it('a returning visitor: openStorage reads the sealing key once, and writes no probe (the key kept from an earlier visit proves storage works)', async () => {
    const factory = new IDBFactory();
    await (await openStorage({ indexedDB: factory })).sealed.set('k', 'v'); // the key now exists
    const { events, opened } = await watchOpening(factory, async (opened) => {
      expect(await opened.sealed.get('k')).toBe('v'); // opened with the key read at the start, not read again
    });
    expect(opened.persistent).toBe(true);
    // No read-write transaction before the storage is open: the saved sessions' reads, made next,
    // would wait for its commit.
    expect(events).toEqual(['key read', 'opened']);
  });

  it('a first visit: openStorage reads the sealing key, then proves a write, then stores a new key', async () => {
    const { events, opened } = await watchOpening(new IDBFactory());
    expect(opened.persistent).toBe(true);
    // The probe's transaction, then the new key's: an atomic update that reads the key again in its
    // own transaction, so that tabs starting together agree on one (sealed-store.ts openSealingKey).
    expect(events).toEqual(['key read', 'write done', 'key read', 'write done', 'opened']);
  });

  it('tabs opening at once agree on one key: each reads what the others sealed', async () => {
    const factory = new IDBFactory();
    const tabs = await Promise.all(Array.from({ length: 5 }, () => openStorage({ indexedDB: factory })));
    await Promise.all(tabs.map((tab, index) => tab.sealed.set(`k${index}`, { index })));
    for (const tab of tabs) {
      for (let index = 0; index < tabs.length; index++) expect(await tab.sealed.get(`k${index}`)).toEqual({ index });
    }
  });

  it('a record copied under another store’s key does not open (the key name is bound in)', async () => {
    const plain = createMemoryStore();
    const sealed = sealedStore(plain, await openSealingKey(plain));
    await sealed.set('session:acme', { v: 1 });
    await plain.set('session:evil', await plain.get('session:acme'));
    await expect(sealed.get('session:evil')).rejects.toMatchObject({ name: 'DataError' });
    expect((await catchAppError(() => new TokenVault(sealed).get('evil'))).code).toBe('STORAGE_CORRUPT');
  });

  it('a tampered byte makes the record unreadable', async () => {
    const plain = createMemoryStore();
    const sealed = sealedStore(plain, await openSealingKey(plain));
    await sealed.set('k', { v: 1 });
    const raw = (await plain.get('k')) as { iv: Uint8Array; data: Uint8Array };
    raw.data[0] = raw.data[0]! ^ 1;
    await plain.set('k', raw);
    await expect(sealed.get('k')).rejects.toMatchObject({ name: 'DataError' });
  });

  it.each([
    ['the key was lost (storage partly cleared)', async (plain: ReturnType<typeof createMemoryStore>) => plain.del(SEALING_KEY_ID)],
    ['a record written in the clear (an old version)', async (plain: ReturnType<typeof createMemoryStore>) => plain.set('session:acme', { v: 1, session: session('acme') })],
  ])('%s: the vault discards the unreadable record and reports it, never crashes', async (_label, damage) => {
    const factory = new IDBFactory();
    const first = await openStorage({ indexedDB: factory });
    await new TokenVault(first.sealed).put(session('acme'));
    await damage(first.store);
    const second = await openStorage({ indexedDB: factory });
    const vault = new TokenVault(second.sealed);
    expect(await vault.list()).toEqual({ sessions: [], discarded: ['acme'], seamRecords: new Map() });
    expect(await second.store.get('session:acme')).toBeUndefined();
  });

  it('update is atomic over the sealing: concurrent increments all land', async () => {
    const plain = createMemoryStore();
    const sealed = sealedStore(plain, await openSealingKey(plain));
    await Promise.all(Array.from({ length: 5 }, () => sealed.update('n', (current) => (typeof current === 'number' ? current + 1 : 1))));
    expect(await sealed.get('n')).toBe(5);
    expect(await sealed.update('n', () => undefined)).toBe(5);
    expect(await plain.get('n')).toBeUndefined();
  });

  it('all site data purged (the user cleared it, or Safari’s 7-day cap): a clean signed-out state, nothing discarded', async () => {
    const factory = new IDBFactory();
    const first = await openStorage({ indexedDB: factory });
    await new TokenVault(first.sealed).put(session('acme'));
    await new Promise<void>((resolve) => {
      const request = factory.deleteDatabase('storefront-connect');
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
    const second = await openStorage({ indexedDB: factory });
    expect(second.persistent).toBe(true);
    expect(await new TokenVault(second.sealed).list()).toEqual({ sessions: [], discarded: [], seamRecords: new Map() });
  });

  it('a write the browser refuses (QuotaExceededError) leaves the previous record whole', async () => {
    const plain = createMemoryStore();
    const key = await openSealingKey(plain);
    await new TokenVault(sealedStore(plain, key)).put(session('acme'));
    const full = { ...plain, set: async () => Promise.reject(new DOMException('full', 'QuotaExceededError')) };
    const replaced = { ...session('acme'), tokens: { ...session('acme').tokens, accessToken: 'new' } };
    await expect(new TokenVault(sealedStore(full, key)).put(replaced)).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(await new TokenVault(sealedStore(plain, key)).get('acme')).toEqual(session('acme'));
  });
});
