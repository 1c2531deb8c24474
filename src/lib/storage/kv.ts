/**
 * The storage seam: a tiny async key-value store. One IndexedDB implementation (idb-keyval on the
 * database 'storefront-connect') and one in-memory implementation, chosen by {@link openStorage}.
 * Nothing here ever touches localStorage, sessionStorage or cookies.
 */
import { del as idbDel, get as idbGet, keys as idbKeys, promisifyRequest, set as idbSet, type UseStore } from 'idb-keyval';
import { AppError } from '../oauth/errors.ts';
import type { KeyValueStore } from './key-value-store.ts';
import { isAesKey, openSealingKey, SEALING_KEY_ID } from './sealing-key.ts';
import { OBJECT_STORE, openDatabase } from './open-database.ts';
import type { StorageRefusal } from './storage-full.ts';

export type { KeyValueStore } from './key-value-store.ts';


/** idb-keyval's UseStore, with the transaction's options (its durability) where one asks. */
type IdbUseStore = <T>(mode: IDBTransactionMode, callback: (store: IDBObjectStore) => T | PromiseLike<T>, options?: IDBTransactionOptions) => Promise<T>;

/** The tab's store on the IndexedDB `sharedOn` (createIdbUseStore): one connection for every openStorage. */
let shared: IdbUseStore | undefined;
let sharedOn: IDBFactory | undefined;

/**
 * The tab's idb-keyval store on an explicit IDBFactory (so tests can pass a missing or broken one),
 * on one connection, shared by every openStorage on that IDBFactory: each opened its own and none was
 * ever closed (each "Try again" of a start-up refusal, each sign-out's snippet check and drafts mark:
 * connections piling up for the tab's life). Its first connection is `early` where the entry has
 * already begun opening it (open-database.ts; the boot's, the first openStorage). Opened again at the
 * next use after the browser closes it (Safari), a failed open, or another tab (a newer version of
 * the app) asks for a version change: closed at once, never holding that tab's upgrade up (nor a
 * deletion of the database). idb-keyval's own createStore does not answer a version change.
 */
function createIdbUseStore(factory: IDBFactory, early?: Promise<IDBDatabase>): IdbUseStore {
  if (!early && sharedOn === factory) return shared!;
  sharedOn = factory;
  let database: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    if (database) return database;
    const opened = (database = early ?? openDatabase(factory));
    early = undefined;
    opened.then(
      (db) => {
        // Closing again a connection the browser closed does nothing.
        db.onclose = db.onversionchange = () => {
          db.close();
          database = undefined;
        };
      },
      () => (database = undefined),
    );
    return opened;
  };
  return (shared = (mode, callback, options) => open().then((db) => callback(db.transaction(OBJECT_STORE, mode, options).objectStore(OBJECT_STORE))));
}

/** Wraps storage failures: only the DOMException name survives, never a value. */
async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    const name = error instanceof Error ? error.name : 'unknown';
    throw new AppError('STORAGE_UNAVAILABLE', `IndexedDB failed (${name})`, { cause: name });
  }
}

function indexedDbStore(store: UseStore): KeyValueStore {
  return {
    get: (key) => guarded(() => idbGet(key, store)),
    set: (key, value) => guarded(() => idbSet(key, value, store)),
    del: (key) => guarded(() => idbDel(key, store)),
    keys: () => guarded(async () => (await idbKeys(store)).filter((key): key is string => typeof key === 'string')),
    update: async (key, next) => {
      // An error thrown by `next` is the caller's own and passes through unwrapped.
      const failure: { error?: unknown } = {};
      try {
        return await guarded(() =>
          store('readwrite', (objectStore) => {
            return new Promise<unknown>((resolve, reject) => {
              const read = objectStore.get(key);
              read.onerror = () => reject(read.error);
              read.onsuccess = () => {
                const current: unknown = read.result;
                try {
                  const value = next(structuredClone(current));
                  if (value === undefined) objectStore.delete(key);
                  else objectStore.put(value, key);
                } catch (error) {
                  failure.error = error;
                  objectStore.transaction.abort();
                  reject(error);
                  return;
                }
                promisifyRequest(objectStore.transaction).then(() => resolve(current), reject);
              };
            });
          }),
        );
      } catch (error) {
        if ('error' in failure) throw failure.error;
        throw error;
      }
    },
  };
}

/** Where the vaults keep one record per store (token-vault.ts v1, credential-vault.ts v2): `session:<storeId>`. */
export const VAULT_PREFIX = 'session:';

/** A view of `store` whose keys all start with `prefix` (the prefix is hidden from callers). */
export function prefixed(store: KeyValueStore, prefix: string): KeyValueStore {
  return {
    get: (key) => store.get(prefix + key),
    set: (key, value) => store.set(prefix + key, value),
    del: (key) => store.del(prefix + key),
    keys: async () => (await store.keys()).filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length)),
    update: (key, next) => store.update(prefix + key, next),
  };
}

export interface OpenedStorage {
  store: KeyValueStore;
  /**
   * The same storage for secrets (tokens, pasted credentials): on IndexedDB every value is sealed with
   * AES-GCM (sealed-store.ts); in memory it is `store` itself (nothing reaches the disk).
   */
  sealed: KeyValueStore;
  /** false: IndexedDB is missing or refused, data lives in memory and is lost on reload. */
  persistent: boolean;
  /**
   * Not persistent: why the start-up check's IndexedDB failed, where its error says (storage-full.ts
   * refusedAtStart): 'full' for want of space, not private mode; undefined: none, blocked, no answer.
   */
  refusal?: StorageRefusal | undefined;
  /**
   * On IndexedDB: the vault's records (every {@link VAULT_PREFIX} key) as the start-up check read
   * them, in the one transaction that read the sealing key, sealed like `sealed`. For the first
   * listing of saved sessions (auth-port.ts listSaved), which then reads storage no more (it read
   * the keys, then the records: two more transactions, one after the other, before the first
   * request to the store).
   */
  firstRead?: KeyValueStore | undefined;
}

export interface OpenStorageOptions {
  /** Defaults to globalThis.indexedDB; null or undefined when the platform has none. */
  indexedDB?: IDBFactory | null;
  /** How long the probe may take before we give up on IndexedDB. */
  timeoutMs?: number;
  /** The database as the entry began opening it (open-database.ts openDatabaseEarly), taken over here. */
  database?: Promise<IDBDatabase>;
}

/**
 * Proves that IndexedDB really stores: writes a value under a key of this probe's own, reads it back
 * and deletes it, all in ONE readwrite transaction. Tabs starting together each use their own key and
 * their own transaction (IndexedDB runs overlapping readwrite transactions one after the other), so
 * no tab can see another's value and wrongly fall back to memory; and nothing is left behind, even
 * when the tab dies mid-probe (an unfinished transaction is rolled back).
 */
function probeIndexedDb(store: IdbUseStore): Promise<boolean> {
  const key = `probe:${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const mark = Math.random();
  // Relaxed durability: nothing of the probe is meant to outlive its transaction, so its commit
  // need not wait for the disk (a strict commit took ~45 ms here, and a returning visitor's first
  // request waited for it).
  return store(
    'readwrite',
    (objectStore) => {
      objectStore.put(mark, key);
      const read = objectStore.get(key);
      objectStore.delete(key);
      return promisifyRequest(objectStore.transaction).then(() => read.result === mark);
    },
    { durability: 'relaxed' },
  );
}

/** The sealing key and the vault's records (keys as stored, values sealed), read in one transaction. */
function readFirst(store: IdbUseStore): Promise<{ sealingKey: unknown; vault: Map<string, unknown> }> {
  return store('readonly', (objectStore) => {
    const sealingKey = objectStore.get(SEALING_KEY_ID);
    // Every string that starts with the prefix 'session:': up to, not including, 'session;' (the
    // prefix with its last character's successor).
    const range = IDBKeyRange.bound(VAULT_PREFIX, 'session;', false, true);
    const keys = objectStore.getAllKeys(range);
    const values = objectStore.getAll(range);
    return promisifyRequest(objectStore.transaction).then(() => ({
      sealingKey: sealingKey.result,
      vault: new Map(keys.result.map((key, i) => [String(key), values.result[i]])),
    }));
  });
}

/**
 * The vault's records as read at start-up, for the first listing of them (which reads, and deletes
 * a damaged record): `get` and `keys` answer from `vault` (the vault's keys only), `del` deletes from
 * it and from `store`; `set` and `update` go to `store` alone.
 */
function snapshotOf(store: KeyValueStore, vault: Map<string, unknown>): KeyValueStore {
  return {
    ...store,
    get: async (key) => vault.get(key),
    keys: async () => [...vault.keys()],
    del: (key) => (vault.delete(key), store.del(key)),
  };
}

/**
 * Opens IndexedDB and proves it works; falls back to memory when it is missing, throws (some private
 * modes), or hangs past `timeoutMs`. The proof: the sealing key a visit before this one stored, read
 * back; where there is none (a first visit, or storage cleared), a write read back ({@link probeIndexedDb}).
 */
export async function openStorage(options: OpenStorageOptions = {}): Promise<OpenedStorage> {
  let factory: IDBFactory | null | undefined;
  try {
    // Where storage is blocked, merely reading the global may throw (a SecurityError).
    factory = 'indexedDB' in options ? options.indexedDB : (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  } catch {
    // Then `factory` was never assigned: undefined, as for no IndexedDB at all.
  }
  if (!factory) return inMemory();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const useStore = createIdbUseStore(factory, options.database);
    const store = indexedDbStore(useStore);
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), options.timeoutMs ?? 3000);
    });
    // The sealing key first, in a read-only transaction, with the vault's records. A returning
    // visitor's key is there: this origin's IndexedDB kept it from an earlier visit, which proves it
    // stores, and no probe is written. Its read-write transaction would hold up the reads made after
    // it (the saved sessions, read next) until its commit: 17-48 ms of a returning visitor's start
    // in Chromium here.
    const first = guarded(() => readFirst(useStore));
    first.catch(() => undefined);
    const storedKey = first.then((read) => read.sealingKey);
    const kept = await Promise.race([storedKey.then(isAesKey, () => false), timeout]);
    if (!kept) {
      const probe = probeIndexedDb(useStore);
      probe.catch(() => undefined);
      if (!(await Promise.race([probe, timeout]))) return inMemory();
    }
    // No WebCrypto (an insecure context), or no key: secrets are not written to disk in the clear.
    const key = await openSealingKey(store, crypto.subtle, storedKey);
    // Kept: the first read came back, and its records open with this key.
    const firstRead = kept ? lazySealed(snapshotOf(store, (await first).vault), key) : undefined;
    return { store, sealed: lazySealed(store, key), persistent: true, firstRead };
  } catch (error) {
    return inMemory(error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A view of `plain` sealed under `key` (sealed-store.ts), whose sealing code loads with the first
 * value read or written: a first visit's screen reads none (its storage holds no secret yet), a
 * returning visitor's has that code on its way already (it shares the chunk of the records' reading,
 * asked for as soon as storage proves to be an earlier visit's: LazyAuth.openStorage). Keys and
 * deletes need no sealing. A failed download rejects as import() does (isCodeUnavailable), and the
 * next use tries again.
 */
function lazySealed(plain: KeyValueStore, key: CryptoKey): KeyValueStore {
  let sealing: Promise<KeyValueStore> | undefined;
  const sealed = (): Promise<KeyValueStore> => {
    sealing ??= import('./sealed-store.ts').then((m) => m.sealedStore(plain, key));
    sealing.catch(() => (sealing = undefined));
    return sealing;
  };
  return {
    get: async (name) => (await sealed()).get(name),
    set: async (name, value) => (await sealed()).set(name, value),
    update: async (name, next) => (await sealed()).update(name, next),
    del: (name) => plain.del(name),
    keys: () => plain.keys(),
  };
}

/**
 * Memory (for this tab only), told why IndexedDB failed (`error`: the open's or the probe's, where
 * one was thrown): its code, and what reads the error, load only where storage fails, which a usual
 * visit never does.
 */
const inMemory = async (error?: unknown): Promise<OpenedStorage> => {
  // The module whole, as lazySealed's: Vite wraps a destructured import (`(await import(…)).inMemory`
  // became one) in a function of its own, bytes of the first load.
  const memory = await import('./memory-store.ts');
  return memory.inMemory(error);
};
