/**
 * The sealing code (sealed-store.ts) is not part of a first visit's screen: storage opens, the sealing
 * key is made and kept, and the empty vault is listed without it; it loads with the first secret
 * written or read. A failed download of it never costs a saved connection: the record is kept.
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { LazyAuth } from '../../../src/lib/auth/auth-port.ts';
import { openDatabase } from '../../../src/lib/storage/open-database.ts';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { SEALING_KEY_ID } from '../../../src/lib/storage/sealing-key.ts';
import { TokenVault } from '../../../src/lib/storage/token-vault.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import { readVaultRecord } from '../../../src/lib/storage/vault-record.ts';
import { listVault } from '../../../src/lib/storage/vault-listing.ts';
import type { KeyValueStore } from '../../../src/lib/storage/key-value-store.ts';
import type { AppConfig } from '../../../src/lib/config/types.ts';
import type { StoreSession } from '../../../src/lib/oauth/types.ts';

const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/lib/storage/sealed-store.ts', async (importOriginal) => {
  loads.count++;
  return importOriginal();
});

const SECRET = 'at-SECRET-first-visit';
const session: StoreSession = {
  storeId: 'acme',
  tokens: { accessToken: SECRET, tokenType: 'bearer', scopes: ['storefront'], expiresAt: null, obtainedAt: 1 },
};

/** What import() rejects with in Chromium when a chunk does not download. */
const notDownloaded = () => new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1/assets/vault-records-AbCd1234.js');

describe('the sealing code', () => {
  it('is not loaded by a first visit’s start (the key is kept, the empty vault listed); the first secret written loads it, sealed', async () => {
    const factory = new IDBFactory();
    const database = openDatabase(factory);
    const storage = LazyAuth.openStorage(database);
    const config: Promise<AppConfig> = Promise.resolve({ stores: [] });
    expect(await LazyAuth.listSaved(storage, config)).toEqual({ sessions: [], discarded: [], seamRecords: new Map() });
    const opened = await storage;
    expect(opened.persistent).toBe(true);
    expect((await opened.store.get(SEALING_KEY_ID)) instanceof CryptoKey).toBe(true);
    expect(loads.count).toBe(0);

    await new TokenVault(opened.sealed).put(session);
    expect(loads.count).toBe(1);
    const raw = await opened.store.get('session:acme');
    expect(JSON.stringify(raw, (_key, item: unknown) => (ArrayBuffer.isView(item) ? 'bytes' : item)).includes(SECRET)).toBe(false);
    (await database).close();

    // The next visit reads it back from the start-up check's records, with the same key.
    const next = await openStorage({ indexedDB: factory, database: openDatabase(factory) });
    expect(next.firstRead).toBeDefined();
    expect((await listVault(next.firstRead!, Promise.resolve(undefined))).sessions).toEqual([session]);
  });

  it('a record whose opening code did not download is kept, the failure thrown as it is, not called damaged', async () => {
    const plain = createMemoryStore();
    await plain.set('acme', { stored: true });
    const failing: KeyValueStore = { ...plain, get: () => Promise.reject(notDownloaded()) };
    await expect(readVaultRecord(failing, 'acme', () => null)).rejects.toThrow(/dynamically imported module/);
    expect(await plain.get('acme')).toEqual({ stored: true });

    // The listing likewise: it fails, and the record stays for the next visit.
    const vault: KeyValueStore = { ...plain, keys: async () => ['session:acme'], get: () => Promise.reject(notDownloaded()), del: (key) => plain.del(key.replace('session:', '')) };
    await expect(listVault(vault, Promise.resolve(undefined))).rejects.toThrow(/dynamically imported module/);
    expect(await plain.get('acme')).toEqual({ stored: true });
  });
});
