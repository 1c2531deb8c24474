/**
 * The tab's one connection to the app's database (kv.ts createIdbUseStore): every openStorage of the
 * tab on the same IndexedDB stores through it. Each opened its own, never closed: a "Try again" of
 * the start-up refusal (state/storage-again.ts) one more each time, a sign-out two (the copied
 * snippet's check, the drafts' mark). And it yields to a version change (another tab's upgrade, a
 * deletion of the site's data), opening again at the next use.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { storageWorksNow } from '../../../src/lib/state/storage-again.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

/**
 * A view of `real` (the same databases) that counts its opens and the connections not closed since;
 * while `full`, every write is refused as Chromium refuses one on a full disk (QuotaExceededError).
 */
function tab(real: IDBFactory) {
  const connections = new Set<IDBDatabase>();
  const state = { opens: 0, full: false };
  const factory = Object.assign(Object.create(real) as IDBFactory, {
    open: (...args: Parameters<IDBFactory['open']>) => {
      state.opens++;
      const request = real.open(...args);
      request.addEventListener('success', () => {
        const db = request.result;
        connections.add(db);
        const close = db.close.bind(db);
        db.close = () => (connections.delete(db), close());
        const transaction = db.transaction.bind(db);
        db.transaction = ((...made: Parameters<IDBDatabase['transaction']>) => {
          const opened = transaction(...made);
          const objectStore = opened.objectStore.bind(opened);
          opened.objectStore = (name: string) => {
            const store = objectStore(name);
            const put = store.put.bind(store);
            store.put = (...written: Parameters<IDBObjectStore['put']>) => {
              if (state.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
              return put(...written);
            };
            return store;
          };
          return opened;
        }) as IDBDatabase['transaction'];
      });
      return request;
    },
  });
  return { factory, state, open: () => connections.size };
}

describe('the tab’s one connection to its database', () => {
  it('a full disk: each Try again checks storage on the connection the start-up check opened, and opens no other (it opened one each, never closed)', async () => {
    const { factory, state, open } = tab(new IDBFactory());
    vi.stubGlobal('indexedDB', factory);
    state.full = true;
    expect((await openStorage()).refusal).toBe('full');
    for (let tries = 0; tries < 3; tries++) expect(await storageWorksNow()).toBe('full');
    expect({ opens: state.opens, open: open() }).toEqual({ opens: 1, open: 1 });
    // Space freed: the check finds storage that works, still on that connection.
    state.full = false;
    expect(await storageWorksNow()).toBe(true);
    expect({ opens: state.opens, open: open() }).toEqual({ opens: 1, open: 1 });
  });

  it('every openStorage of the tab (the boot’s, a sign-out’s, a snippet check’s) stores through one connection', async () => {
    const { factory, state, open } = tab(new IDBFactory());
    const boot = await openStorage({ indexedDB: factory });
    const later = await Promise.all([openStorage({ indexedDB: factory }), openStorage({ indexedDB: factory })]);
    await later[0]!.store.set('discard-drafts:acme', { v: 1 });
    expect(await later[1]!.store.get('discard-drafts:acme')).toEqual({ v: 1 });
    expect(await boot.store.keys()).toContain('discard-drafts:acme');
    expect({ opens: state.opens, open: open() }).toEqual({ opens: 1, open: 1 });
  });

  it('yields to another tab’s newer version of the database (not blocked), and opens again at the next use', async () => {
    const real = new IDBFactory();
    const { factory, state, open } = tab(real);
    const { store } = await openStorage({ indexedDB: factory });
    await store.set('k', 1);
    await openStorage({ indexedDB: factory });
    // Another tab (a newer app) deletes the database, which waits for every connection to it to close.
    const blocked = await new Promise<boolean>((resolve) => {
      const deleting = real.deleteDatabase('storefront-connect');
      deleting.onblocked = () => resolve(true);
      deleting.onsuccess = () => resolve(false);
    });
    expect(blocked).toBe(false);
    expect(open()).toBe(0);
    await store.set('k', 2);
    expect(await store.get('k')).toBe(2);
    expect({ opens: state.opens, open: open() }).toEqual({ opens: 2, open: 1 });
  });
});
