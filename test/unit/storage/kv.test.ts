import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openStorage, prefixed, type KeyValueStore } from '../../../src/lib/storage/kv.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import { openDatabase, openDatabaseEarly } from '../../../src/lib/storage/open-database.ts';

async function stores(): Promise<Array<[string, KeyValueStore]>> {
  const opened = await openStorage({ indexedDB: new IDBFactory() });
  expect(opened.persistent).toBe(true);
  await opened.store.del('sealing-key');
  return [
    ['indexeddb', opened.store],
    ['memory', createMemoryStore()],
  ];
}

describe('KV stores', () => {
  it('round-trip get/set/keys/del in both implementations', async () => {
    for (const [name, store] of await stores()) {
      await store.set('a', { n: 1 });
      await store.set('b', 'two');
      expect(await store.get('a'), name).toEqual({ n: 1 });
      expect((await store.keys()).sort(), name).toEqual(['a', 'b']);
      await store.del('a');
      expect(await store.get('a'), name).toBeUndefined();
      expect(await store.keys(), name).toEqual(['b']);
    }
  });

  it('update is atomic: concurrent increments all land', async () => {
    for (const [name, store] of await stores()) {
      await Promise.all(
        Array.from({ length: 20 }, () => store.update('count', (current) => (typeof current === 'number' ? current + 1 : 1))),
      );
      expect(await store.get('count'), name).toBe(20);
    }
  });

  it('update returns the previous value and deletes on undefined', async () => {
    for (const [name, store] of await stores()) {
      await store.set('k', 'old');
      expect(await store.update('k', () => undefined), name).toBe('old');
      expect(await store.get('k'), name).toBeUndefined();
      expect(await store.update('k', () => 'new'), name).toBeUndefined();
      expect(await store.get('k'), name).toBe('new');
    }
  });

  it('update that throws leaves the value unchanged', async () => {
    for (const [name, store] of await stores()) {
      await store.set('k', 'keep');
      await expect(
        store.update('k', () => {
          throw new Error('boom');
        }),
        name,
      ).rejects.toThrow('boom');
      expect(await store.get('k'), name).toBe('keep');
    }
  });

  it('memory store hands out copies, like IndexedDB', async () => {
    const store = createMemoryStore();
    const value = { list: [1] };
    await store.set('k', value);
    value.list.push(2);
    const read = (await store.get('k')) as { list: number[] };
    read.list.push(3);
    expect(await store.get('k')).toEqual({ list: [1] });
  });

  it('prefixed views do not see each other', async () => {
    const base = createMemoryStore();
    const a = prefixed(base, 'a:');
    const b = prefixed(base, 'b:');
    await a.set('x', 1);
    await b.set('x', 2);
    expect(await a.get('x')).toBe(1);
    expect(await a.keys()).toEqual(['x']);
    expect((await base.keys()).sort()).toEqual(['a:x', 'b:x']);
  });
});

describe('openStorage', () => {
  it('persists across openings of the same database', async () => {
    const factory = new IDBFactory();
    const first = await openStorage({ indexedDB: factory });
    await first.store.set('session:acme', { v: 1 });
    const second = await openStorage({ indexedDB: factory });
    expect(second.persistent).toBe(true);
    expect(await second.store.get('session:acme')).toEqual({ v: 1 });
    expect(await second.store.keys()).toEqual(['sealing-key', 'session:acme']);
  });

  it('falls back to memory when IndexedDB is missing', async () => {
    const opened = await openStorage({ indexedDB: null });
    expect(opened.persistent).toBe(false);
    await opened.store.set('k', 1);
    expect(await opened.store.get('k')).toBe(1);
  });

  it('falls back to memory when opening throws (private mode)', async () => {
    const factory = {
      open() {
        throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
      },
    } as unknown as IDBFactory;
    expect((await openStorage({ indexedDB: factory })).persistent).toBe(false);
  });

  it('falls back to memory when opening fails with an error event', async () => {
    const factory = {
      open() {
        const request: Record<string, unknown> = {};
        setTimeout(() => {
          request['error'] = new DOMException('denied', 'InvalidStateError');
          (request['onerror'] as () => void)();
        }, 0);
        return request;
      },
    } as unknown as IDBFactory;
    expect((await openStorage({ indexedDB: factory })).persistent).toBe(false);
  });

  it('falls back to memory when opening hangs', async () => {
    const factory = { open: () => ({}) } as unknown as IDBFactory;
    const opened = await openStorage({ indexedDB: factory, timeoutMs: 20 });
    expect(opened.persistent).toBe(false);
  });

  it('uses the global indexedDB by default (fake-indexeddb in unit tests)', async () => {
    expect((await openStorage()).persistent).toBe(true);
  });
});

describe('openStorage: taking over the entry\'s early open', () => {
  /** A factory that counts its opens. */
  function counting(): { factory: IDBFactory; opens: () => number } {
    const real = new IDBFactory();
    let opens = 0;
    const factory = Object.assign(Object.create(real) as IDBFactory, {
      open: (...args: Parameters<IDBFactory['open']>) => {
        opens++;
        return real.open(...args);
      },
    });
    return { factory, opens: () => opens };
  }

  it('uses the connection the entry opened instead of opening another, and stores through it', async () => {
    const { factory, opens } = counting();
    const early = openDatabase(factory);
    const opened = await openStorage({ indexedDB: factory, database: early });
    expect(opened.persistent).toBe(true);
    await opened.store.set('session:acme', { v: 1 });
    expect(await opened.store.get('session:acme')).toEqual({ v: 1 });
    expect(opens()).toBe(1);
    // A later opening in the tab (a sign-out's, a Try again's) stores through the same connection.
    const again = await openStorage({ indexedDB: factory });
    expect(await again.store.get('session:acme')).toEqual({ v: 1 });
    expect(opens()).toBe(1);
  });

  it('reads the sealing key before the probe writes (read-only first, so it does not queue behind a commit), and the probe commits with relaxed durability', async () => {
    const { factory } = counting();
    const database = await openDatabase(factory);
    const made: Array<{ mode: IDBTransactionMode | undefined; durability: string | undefined }> = [];
    const transaction = database.transaction.bind(database);
    database.transaction = ((names: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) => {
      made.push({ mode, durability: options?.durability });
      return transaction(names, mode, options);
    }) as IDBDatabase['transaction'];
    const opened = await openStorage({ indexedDB: factory, database: Promise.resolve(database) });
    expect(opened.persistent).toBe(true);
    expect(made.slice(0, 2)).toEqual([
      { mode: 'readonly', durability: undefined },
      { mode: 'readwrite', durability: 'relaxed' },
    ]);
  });

  it('falls back to memory when the early open failed, as when opening fails', async () => {
    const { factory } = counting();
    const failed = Promise.reject(new DOMException('denied', 'InvalidStateError'));
    failed.catch(() => undefined);
    expect((await openStorage({ indexedDB: factory, database: failed })).persistent).toBe(false);
  });

  it('falls back to memory when the early open hangs', async () => {
    const { factory } = counting();
    const opened = await openStorage({ indexedDB: factory, database: new Promise<IDBDatabase>(() => {}), timeoutMs: 20 });
    expect(opened.persistent).toBe(false);
  });

  it('the entry opens nothing where IndexedDB is missing or reading it throws', () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB');
    try {
      Object.defineProperty(globalThis, 'indexedDB', { configurable: true, get: () => undefined });
      expect(openDatabaseEarly()).toBeUndefined();
      Object.defineProperty(globalThis, 'indexedDB', {
        configurable: true,
        get: () => {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
      expect(openDatabaseEarly()).toBeUndefined();
    } finally {
      if (saved) Object.defineProperty(globalThis, 'indexedDB', saved);
    }
  });
});

describe('openStorage: the start-up check', () => {
  it('several tabs opening at once all get IndexedDB: no tab sees another tab’s probe value', async () => {
    const real = new IDBFactory();
    // Six "tabs": six connections to the same database, started in the same tick (a tab keeps one
    // connection per IDBFactory: each tab's is a view of the same one).
    const opened = await Promise.all(Array.from({ length: 6 }, () => openStorage({ indexedDB: Object.create(real) as IDBFactory })));
    expect(opened.map((tab) => tab.persistent)).toEqual([true, true, true, true, true, true]);
  });

  it('leaves nothing behind in the store', async () => {
    const factory = new IDBFactory();
    await Promise.all(Array.from({ length: 3 }, () => openStorage({ indexedDB: factory })));
    const { store } = await openStorage({ indexedDB: factory });
    // Only the one sealing key the tabs agreed on (sealed-store.ts), no probe.
    expect(await store.keys()).toEqual(['sealing-key']);
  });

  it('falls back to memory when IndexedDB refuses to open', async () => {
    const broken = { open: () => { throw new DOMException('denied', 'SecurityError'); } } as unknown as IDBFactory;
    const opened = await openStorage({ indexedDB: broken });
    expect(opened.persistent).toBe(false);
    await opened.store.set('k', 1);
    expect(await opened.store.get('k')).toBe(1);
  });
});

describe('openStorage: why the start-up check found no storage (OpenedStorage.refusal)', () => {
  /** A factory whose open fails with an error event named `name`, as Chromium's does. */
  const failingOpen = (name: string, message = 'refused') =>
    ({
      open() {
        const request: Record<string, unknown> = {};
        setTimeout(() => {
          request['error'] = new DOMException(message, name);
          (request['onerror'] as () => void)();
        }, 0);
        return request;
      },
    }) as unknown as IDBFactory;

  it('a disk already full: the probe’s write aborted with a QuotaExceededError (Chromium, quota used up) is "full"', async () => {
    // As Chromium refuses it (measured: the site's quota at 1 byte): the write goes in, its
    // transaction then aborts with the QuotaExceededError, the probe's read and delete queued behind it.
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      const request = put.call(this, value, key);
      const transaction = this.transaction;
      request.addEventListener('success', () => {
        Object.defineProperty(transaction, 'error', { configurable: true, get: () => new DOMException('', 'QuotaExceededError') });
        transaction.abort();
      });
      return request;
    };
    try {
      const opened = await openStorage({ indexedDB: new IDBFactory() });
      expect(opened.persistent).toBe(false);
      expect(opened.refusal).toBe('full');
    } finally {
      IDBObjectStore.prototype.put = put;
    }
  });

  it('Chromium’s open failing on a disk with no room left (UnknownError, "Internal error.") is "refused"', async () => {
    const opened = await openStorage({ indexedDB: failingOpen('UnknownError', 'Internal error.') });
    expect(opened).toMatchObject({ persistent: false, refusal: 'refused' });
  });

  it('none at all, a private mode’s refusal, blocked, or no answer: no refusal ("private mode or blocked")', async () => {
    expect((await openStorage({ indexedDB: null })).refusal).toBeUndefined();
    expect((await openStorage({ indexedDB: failingOpen('InvalidStateError') })).refusal).toBeUndefined();
    const blocked = { open: () => { throw new DOMException('denied', 'SecurityError'); } } as unknown as IDBFactory;
    expect((await openStorage({ indexedDB: blocked })).refusal).toBeUndefined();
    const hangs = { open: () => ({}) } as unknown as IDBFactory;
    expect((await openStorage({ indexedDB: hangs, timeoutMs: 20 })).refusal).toBeUndefined();
  });

  it('storage that works has none', async () => {
    expect((await openStorage({ indexedDB: new IDBFactory() })).refusal).toBeUndefined();
  });
});

describe('openStorage: a returning visitor\'s first read', () => {
  /** A database on `factory` whose transactions are noted (mode, and the order they were made in). */
  async function noted(factory: IDBFactory) {
    const database = await openDatabase(factory);
    const made: Array<IDBTransactionMode | undefined> = [];
    const transaction = database.transaction.bind(database);
    database.transaction = ((names: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) => {
      made.push(mode);
      return transaction(names, mode, options);
    }) as IDBDatabase['transaction'];
    return { database: Promise.resolve(database), made };
  }

  /** A factory holding a sealing key and two sealed vault records (`session:acme`, `session:beta`) beside other keys. */
  async function visited(): Promise<IDBFactory> {
    const factory = new IDBFactory();
    const opened = await openStorage({ indexedDB: factory });
    await opened.sealed.set('session:acme', { v: 1, n: 'acme' });
    await opened.sealed.set('session:beta', { v: 1, n: 'beta' });
    await opened.store.set('sessions', 'not the vault');
    await opened.store.set('signed-out:acme', 1);
    return factory;
  }

  it('reads the sealing key and every vault record in one read-only transaction, and lists them with no further read', async () => {
    const factory = await visited();
    const { database, made } = await noted(factory);
    const opened = await openStorage({ indexedDB: factory, database });
    expect(made).toEqual(['readonly']);
    const first = opened.firstRead!;
    expect((await first.keys()).sort()).toEqual(['session:acme', 'session:beta']);
    expect(await first.get('session:beta')).toEqual({ v: 1, n: 'beta' });
    expect(await first.get('session:gone')).toBeUndefined();
    expect(made).toEqual(['readonly']);
    // Its values are the sealed ones: the plain store holds no clear text of them.
    expect(JSON.stringify(await opened.store.get('session:acme'))).not.toContain('acme');
  });

  it('a record deleted through it (a damaged one, by the listing) is gone from it and from storage', async () => {
    const factory = await visited();
    const opened = await openStorage({ indexedDB: factory });
    const first = opened.firstRead!;
    await first.del('session:acme');
    expect(await first.keys()).toEqual(['session:beta']);
    expect(await first.get('session:acme')).toBeUndefined();
    expect(await opened.sealed.get('session:acme')).toBeUndefined();
    expect(await opened.sealed.get('session:beta')).toEqual({ v: 1, n: 'beta' });
  });

  it('a first visit (no sealing key yet) has no first read: its records could not be opened with the new key', async () => {
    const opened = await openStorage({ indexedDB: new IDBFactory() });
    expect(opened.persistent).toBe(true);
    expect(opened.firstRead).toBeUndefined();
  });

  it('in memory there is no first read', async () => {
    expect((await openStorage({ indexedDB: null })).firstRead).toBeUndefined();
  });
});
