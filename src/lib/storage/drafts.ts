import { del, get, promisifyRequest, set, type UseStore } from 'idb-keyval';
import { openStorage, prefixed } from './kv.ts';
import { refusal, type StorageRefusal } from './storage-full.ts';

/**
 * Unsaved edits, kept so that a reconnect (which leaves the page) loses nothing. Drafts hold no
 * secrets. When IndexedDB is unavailable they live in the tab's memory for its life.
 */
export interface DraftStore {
  load<T>(key: string): Promise<T | undefined>;
  /**
   * Resolves to nothing once kept (on the device, or in the tab's memory where there is no IndexedDB
   * at all: the app's banner says so), or, where IndexedDB refused the write, why (StorageRefusal:
   * 'full' for want of space): the draft is then in this tab's memory only, which the form says.
   */
  save(key: string, value: unknown): Promise<StorageRefusal | void>;
  discard(key: string): Promise<void>;
  /**
   * Discards `key` only while it holds `expected` (as JSON): a draft another tab wrote over it since
   * (its own typing in the same form) is left.
   */
  discardIf(key: string, expected: string): Promise<void>;
  /**
   * Writes again every draft storage refused (kept in this tab's memory only), as `save` does: the
   * person freed space and pressed Try saving again. Resolves to nothing once all are on the device
   * (or where there is no IndexedDB at all, nothing to do), else to why not.
   */
  saveKept(): Promise<StorageRefusal | void>;
  /** The keys kept that start with `prefix` (IndexedDB's and this tab's memory's). */
  keysFrom(prefix: string): Promise<string[]>;
  /** Discards every draft whose key starts with `prefix`. */
  discardFrom(prefix: string): Promise<void>;
}

/** What the keys of a store's drafts start with (a store id has no '/': validate-config.ts). */
export function storeDraftsPrefix(storeId: string): string {
  return `${storeId}/`;
}

/** The key of a product's unsaved edit. */
export function productDraftKey(storeId: string, productId: string): string {
  return `${storeDraftsPrefix(storeId)}product/${productId}`;
}

/** The key of the product being added to a store (one at a time), before the store gives it an id. */
export function newProductDraftKey(storeId: string): string {
  return `${storeDraftsPrefix(storeId)}new-product`;
}

/**
 * Every key of `store`. Not idb-keyval's keys() or delMany(): idb-keyval is in the first load (kv.ts),
 * and the first load would then export them to this chunk.
 */
function keysOf(store: UseStore): Promise<string[]> {
  return store('readonly', (objects) => new Promise((resolve, reject) => {
    const request = objects.getAllKeys();
    request.onsuccess = () => resolve(request.result.map(String));
    request.onerror = () => reject(request.error);
  }));
}

/**
 * What this tab keeps where IndexedDB is missing or failing, one for the tab: each form's store
 * object kept its own, so an edit typed there was lost when its screen was drawn afresh (Back and
 * forth, a store connected again in place), though still in the tab.
 */
const memory = new Map<string, unknown>();

/** Deletes `key` in one transaction, if its value reads as `expected` (JSON). */
function deleteIf(store: UseStore, key: string, expected: string): Promise<void> {
  return store('readwrite', (objects) => new Promise((resolve, reject) => {
    const read = objects.get(key);
    read.onsuccess = () => {
      if (read.result !== undefined && JSON.stringify(read.result) === expected) objects.delete(key);
      resolve();
    };
    read.onerror = () => reject(read.error);
  }));
}

const DRAFTS_DATABASE = 'storefront-connect-drafts';
const DRAFTS = 'drafts';

interface Connection {
  /** The IndexedDB it is opened on: a test's fresh fake one (vi.stubGlobal) is a new connection. */
  factory: IDBFactory;
  store: UseStore;
  close(): void;
}

/** Deletes every key of `store` that starts with `prefix`. */
async function deleteFrom(store: UseStore, prefix: string): Promise<void> {
  const kept = (await keysOf(store)).filter((key) => key.startsWith(prefix));
  await Promise.all(kept.map((key) => del(key, store)));
}

/**
 * What the keys start with, in the app's plain storage (kv.ts), of the marks of the stores whose
 * drafts a sign-out could not discard: their code did not download (offline; Chromium keeps a failed
 * import for the page's life, so asking again fails too). The sign-out leaves one (no secret) with
 * code it already has (auth/sign-out.ts, which spells this prefix out: importing it would bring this
 * chunk into the first load's list); a new sign-in leaves it, unlike the sign-out marker, since the
 * next person to connect the store is who it is for.
 */
export const DRAFTS_TO_DISCARD_PREFIX = 'discard-drafts:';

/**
 * Discards, from `store`, the drafts of each store marked, and clears its mark once they are gone
 * (a discard that fails leaves it, for the next time). Never fails: storage that cannot be read has none.
 */
async function honourDraftsToDiscard(store: UseStore): Promise<void> {
  const marks = await openStorage().then((opened) => prefixed(opened.store, DRAFTS_TO_DISCARD_PREFIX), () => null);
  const storeIds = (await marks?.keys().catch(() => [])) ?? [];
  await Promise.all(storeIds.map((storeId) => deleteFrom(store, storeDraftsPrefix(storeId)).then(() => marks?.del(storeId)).catch(() => undefined)));
}

/**
 * One connection to the drafts database, opened at first use and kept for the next: a product's
 * editor, the new product's form and the draft an Add keeps for the product's page each opened
 * their own (idb-keyval's createStore per store object), and none was ever closed. Opened again
 * at the next use after the browser closes it (Safari, storage cleared) or another tab asks for a
 * newer version of the database (closed here, not holding that tab up), or a failed open.
 * Before its first transaction, the drafts of the stores a sign-out could not discard go
 * ({@link DRAFTS_TO_DISCARD_PREFIX}): none of them is read in this browser after that sign-out.
 */
function connect(factory: IDBFactory): Connection {
  let database: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    if (database) return database;
    const request = factory.open(DRAFTS_DATABASE);
    request.onupgradeneeded = () => request.result.createObjectStore(DRAFTS);
    const opening = promisifyRequest(request);
    const forget = () => {
      if (database === opening) database = undefined;
    };
    database = opening;
    opening.then((db) => {
      db.onclose = forget;
      db.onversionchange = () => (db.close(), forget());
    }, forget);
    return opening;
  };
  const raw: UseStore = (mode, callback) => open().then((db) => callback(db.transaction(DRAFTS, mode).objectStore(DRAFTS)));
  let honoured: Promise<void> | undefined;
  return {
    factory,
    store: (mode, callback) => {
      honoured ??= honourDraftsToDiscard(raw);
      return honoured.then(() => raw(mode, callback));
    },
    close: () => {
      const closing = database;
      database = undefined;
      closing?.then((db) => db.close(), () => undefined);
    },
  };
}

let connection: Connection | undefined;

/**
 * The tab's connection, on the IndexedDB of the moment: null where there is none, or reading it
 * throws (storage blocked). One that IndexedDB has replaced (a component test's fresh fake one) or
 * that has gone is closed, so nothing of one test's database reaches the next.
 */
function drafts(): UseStore | null {
  let factory: IDBFactory | undefined;
  try {
    factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  } catch {
    factory = undefined;
  }
  if (connection?.factory !== factory) {
    connection?.close();
    connection = factory ? connect(factory) : undefined;
  }
  return connection?.store ?? null;
}

/** `orElse` is given the error where IndexedDB failed; nothing where there is none. */
const fallback = <T>(run: (store: UseStore) => Promise<T>, orElse: (error?: unknown) => T): Promise<T> => {
  let idb: UseStore | null;
  try {
    idb = drafts();
  } catch {
    idb = null;
  }
  return idb ? run(idb).catch((error: unknown) => orElse(error ?? 'unknown')) : Promise.resolve(orElse());
};

/** The tab's drafts, on its one connection to the drafts database (or its memory). */
const tabDrafts: DraftStore = {
  load: <T>(key: string) => fallback(async (s) => (await get<T>(key, s)) ?? (memory.get(key) as T | undefined), () => memory.get(key) as T | undefined),
  save: (key, value) => {
    memory.set(key, value);
    // Once IndexedDB holds it, memory does not: a discard made there since (a sign-out's,
    // discardStoreDrafts) is not undone by a load finding the old copy.
    return fallback(async (s): Promise<StorageRefusal | void> => {
      await set(key, value, s);
      if (memory.get(key) === value) memory.delete(key);
    }, (error) => (error === undefined ? undefined : refusal(error)));
  },
  saveKept: () =>
    fallback(async (s): Promise<StorageRefusal | void> => {
      // All asked for at once, in the order of the memory's keys: a save asked for later (newer
      // typing) writes after these, in a transaction of its own begun after theirs.
      await Promise.all(
        [...memory].map(async ([key, value]) => {
          await set(key, value, s);
          if (memory.get(key) === value) memory.delete(key);
        }),
      );
    }, (error) => (error === undefined ? undefined : refusal(error))),
  discard: (key) => {
    memory.delete(key);
    return fallback((s) => del(key, s), () => undefined);
  },
  discardIf: (key, expected) => {
    if (memory.has(key) && JSON.stringify(memory.get(key)) === expected) memory.delete(key);
    return fallback((s) => deleteIf(s, key, expected), () => undefined);
  },
  keysFrom: async (prefix) => {
    const kept = await fallback(keysOf, () => []);
    return [...new Set([...kept, ...memory.keys()])].filter((key) => key.startsWith(prefix));
  },
  discardFrom: async (prefix) => {
    for (const key of [...memory.keys()]) if (key.startsWith(prefix)) memory.delete(key);
    await fallback((s) => deleteFrom(s, prefix), () => undefined);
  },
};

/** The tab's drafts: every form, the sign-out and the count before it share them and their connection. */
export function draftStore(): DraftStore {
  return tabDrafts;
}

/**
 * Discards every unsaved edit of `storeId`, with the Adds whose answer never came kept beside the new
 * product's: they are the signed-in account's, and the next person to connect to the store in this
 * browser would find them restored in the editor (a shared computer). At sign-out (auth/sign-out.ts).
 */
export function discardStoreDrafts(storeId: string, store: DraftStore = draftStore()): Promise<void> {
  return store.discardFrom(storeDraftsPrefix(storeId));
}
