/**
 * Opening the app's IndexedDB database: its name, version and object store, in one place. Imported
 * by the entry (main.ts), which starts the open before the app's code has downloaded (a cold open
 * takes 35-70 ms in Chromium here, and a returning visitor's first request waits for it), and by
 * the storage seam (kv.ts), which takes that opening over. Kept tiny: it ships in the entry.
 */
export const DATABASE_NAME = 'storefront-connect';
export const OBJECT_STORE = 'kv';
const DATABASE_VERSION = 1;

/** The databases this page created (no earlier visit had), which hold nothing saved yet. */
const created = new WeakSet<IDBDatabase>();

/** Whether this page's open created `database` (a first visit's): nothing is saved in it. */
export function isNewDatabase(database: IDBDatabase): boolean {
  return created.has(database);
}

/** Opens (creating on first use) the database; rejects where IndexedDB refuses or throws. */
export function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(DATABASE_NAME, DATABASE_VERSION);
    request.onupgradeneeded = () => {
      if (request.result.objectStoreNames.contains(OBJECT_STORE)) return;
      request.result.createObjectStore(OBJECT_STORE);
      created.add(request.result);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * The entry's early open: undefined where there is no IndexedDB or merely reading it throws
 * (storage blocked); the storage seam then decides as it always did (memory, see kv.ts openStorage).
 */
export function openDatabaseEarly(): Promise<IDBDatabase> | undefined {
  try {
    const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (!factory) return undefined;
    const opening = openDatabase(factory);
    opening.catch(() => undefined); // kv.ts reports a failure when it takes the opening over
    return opening;
  } catch {
    return undefined;
  }
}
