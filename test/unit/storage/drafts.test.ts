/**
 * A store's drafts, discarded at sign-out (auth/sign-out.ts) and counted for the question before it
 * (ask-before-sign-out.ts): only that store's, never another's whose id starts the same way
 * ("demo" and "demo-code"), in IndexedDB and in the memory a tab keeps where IndexedDB is missing.
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { draftStore, discardStoreDrafts, newProductDraftKey, productDraftKey } from '../../../src/lib/storage/drafts.ts';
import { ProductDraft, saveDraftsAgain, storeDraftCount } from '../../../src/lib/state/product-draft.ts';
import { allowPuts, refusePuts } from '../../helpers/full-disk.ts';

describe('a store’s drafts', () => {
  it('are counted and discarded for that store only', async () => {
    const drafts = draftStore();
    await drafts.save(productDraftKey('demo', '7'), { form: { name: 'a' } });
    await drafts.save(newProductDraftKey('demo'), { form: { name: 'b' } });
    await drafts.save(productDraftKey('demo-code', '7'), { form: { name: 'c' } });
    expect(await storeDraftCount('demo')).toBe(2);
    expect(await storeDraftCount('demo-code')).toBe(1);

    await discardStoreDrafts('demo');
    expect(await storeDraftCount('demo')).toBe(0);
    expect(await draftStore().load(productDraftKey('demo', '7'))).toBeUndefined();
    expect(await draftStore().load(productDraftKey('demo-code', '7'))).toEqual({ form: { name: 'c' } });
  });

  it('discarded by the sign-out, are not found again by a store object that saved them earlier', async () => {
    // regression: each store object kept a copy of what it saved, and its load returned it after a discard made elsewhere
    const editor = draftStore();
    await editor.save(newProductDraftKey('demo'), { form: { name: 'a' } });
    await discardStoreDrafts('demo');
    expect(await editor.load(newProductDraftKey('demo'))).toBeUndefined();
    expect(await editor.keysFrom('demo/')).toEqual([]);
  });

  it('kept in the tab’s memory where there is no IndexedDB, are discarded there too', async () => {
    const saved = indexedDB;
    (globalThis as { indexedDB?: unknown }).indexedDB = undefined;
    try {
      const drafts = draftStore();
      await drafts.save(productDraftKey('shop', '1'), { form: { name: 'x' } });
      await drafts.save(productDraftKey('shop-2', '1'), { form: { name: 'y' } });
      expect(await drafts.keysFrom('shop/')).toEqual(['shop/product/1']);
      await drafts.discardFrom('shop/');
      expect(await drafts.keysFrom('shop/')).toEqual([]);
      expect(await drafts.load(productDraftKey('shop', '1'))).toBeUndefined();
      expect(await drafts.load(productDraftKey('shop-2', '1'))).toEqual({ form: { name: 'y' } });
    } finally {
      (globalThis as { indexedDB?: unknown }).indexedDB = saved;
    }
  });

  it('kept in the tab’s memory where there is no IndexedDB, are found by the next form’s store object (a screen drawn afresh)', async () => {
    // regression: each store object kept its own memory, and the editor opened again found nothing
    const saved = indexedDB;
    (globalThis as { indexedDB?: unknown }).indexedDB = undefined;
    try {
      await draftStore().save(productDraftKey('shop-3', '1'), { form: { name: 'typed' } });
      expect(await draftStore().load(productDraftKey('shop-3', '1'))).toEqual({ form: { name: 'typed' } });
      expect(await storeDraftCount('shop-3')).toBe(1);
      await discardStoreDrafts('shop-3');
      expect(await draftStore().load(productDraftKey('shop-3', '1'))).toBeUndefined();
    } finally {
      (globalThis as { indexedDB?: unknown }).indexedDB = saved;
    }
  });
});

describe('the tab’s connection to the drafts database', () => {
  /** A fresh IndexedDB, installed as the global, that counts the drafts database's opens and closes. */
  function countedIndexedDb() {
    const factory = new IDBFactory();
    const opened: IDBDatabase[] = [];
    const open = factory.open.bind(factory);
    factory.open = (name: string, version?: number) => {
      const request = open(name, version);
      if (name === 'storefront-connect-drafts') request.addEventListener('success', () => opened.push(request.result));
      return request;
    };
    vi.stubGlobal('indexedDB', factory);
    const closed = vi.spyOn(IDBDatabase.prototype, 'close');
    return { factory, opened, closed: () => opened.filter((db) => closed.mock.contexts.includes(db)).length };
  }

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('is one for every form, the Add’s kept draft, the count and the sign-out’s discard', async () => {
    // regression: each ProductDraft made its own store object, which opened its own connection
    const { opened } = countedIndexedDb();
    const editor = new ProductDraft<{ name: string }>('one', '7');
    const adding = new ProductDraft<{ name: string }>('one', null);
    await Promise.all([editor.load(), adding.load()]);
    await editor.save({ name: 'edited' });
    await adding.save({ name: 'new' });
    await new ProductDraft<{ name: string }>('one', '8').save({ name: 'kept for its page' });
    expect(await new ProductDraft<{ name: string }>('one', '8').load()).toEqual({ name: 'kept for its page' });
    expect(await storeDraftCount('one')).toBe(3);
    await discardStoreDrafts('one');
    expect(await storeDraftCount('one')).toBe(0);
    expect(opened).toHaveLength(1);
  });

  it('follows IndexedDB when it is replaced (a test’s fresh one): the old connection is closed and its drafts stay there', async () => {
    const first = countedIndexedDb();
    await new ProductDraft<{ name: string }>('two', '1').save({ name: 'first database' });
    const second = countedIndexedDb();
    expect(await new ProductDraft<{ name: string }>('two', '1').load()).toBeUndefined();
    expect(first.closed()).toBe(1);
    expect(second.opened).toHaveLength(1);
    vi.stubGlobal('indexedDB', first.factory);
    expect(await new ProductDraft<{ name: string }>('two', '1').load()).toEqual({ name: 'first database' });
  });

  it('is closed when IndexedDB goes missing, the drafts then kept in memory, and opened again when it is back', async () => {
    const { factory, opened, closed } = countedIndexedDb();
    await new ProductDraft<{ name: string }>('three', '1').save({ name: 'on disk' });
    vi.stubGlobal('indexedDB', undefined);
    await new ProductDraft<{ name: string }>('three', '2').save({ name: 'in memory' });
    expect(await storeDraftCount('three')).toBe(1);
    expect(closed()).toBe(1);
    vi.stubGlobal('indexedDB', factory);
    expect(await storeDraftCount('three')).toBe(2);
    await discardStoreDrafts('three');
    expect(await storeDraftCount('three')).toBe(0);
    expect(opened).toHaveLength(2);
  });

  it('does not hold up another tab opening a newer version of the database, and is opened again after', async () => {
    const { factory, opened } = countedIndexedDb();
    await new ProductDraft<{ name: string }>('four', '1').save({ name: 'kept' });
    const blocked = vi.fn();
    await new Promise<void>((resolve, reject) => {
      const upgrade = factory.open('storefront-connect-drafts', 2);
      upgrade.onblocked = () => (blocked(), resolve());
      upgrade.onsuccess = () => (upgrade.result.close(), resolve());
      upgrade.onerror = () => reject(upgrade.error);
    });
    expect(blocked).not.toHaveBeenCalled();
    expect(await new ProductDraft<{ name: string }>('four', '1').load()).toEqual({ name: 'kept' });
    // this tab's first, the other tab's, this tab's again
    expect(opened).toHaveLength(3);
  });
});

describe('a draft storage refuses for want of space', () => {
  it('is kept in the tab’s memory, the form is told why (full), and told again once a later write lands on the device', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const draft = new ProductDraft<{ name: string }>('full', '1');
    const told: unknown[] = [];
    draft.onKept = (refused) => told.push(refused);
    try {
      await draft.save({ name: 'typed on a full disk' });
      expect(told).toEqual(['full']);
      // Nothing lost: this tab still has it.
      expect(await new ProductDraft<{ name: string }>('full', '1').load()).toEqual({ name: 'typed on a full disk' });
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    // Space freed: the next keystroke's write lands on the device, and the form's line goes.
    await draft.save({ name: 'typed on a full disk, and more' });
    expect(told).toEqual(['full', null]);
    vi.stubGlobal('indexedDB', undefined); // memory alone: empty, the draft is on the device
    expect(await new ProductDraft<{ name: string }>('full', '1').load()).toBeUndefined();
    vi.unstubAllGlobals();
  });

  it('refused otherwise (a closed database): told as "refused"; with no IndexedDB at all, nothing is told (the app’s banner says so)', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The database connection is closing.', 'InvalidStateError');
    };
    const draft = new ProductDraft<{ name: string }>('closed', '1');
    const told: unknown[] = [];
    draft.onKept = (refused) => told.push(refused);
    try {
      await draft.save({ name: 'a' });
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    vi.stubGlobal('indexedDB', undefined);
    await draft.save({ name: 'b' });
    expect(told).toEqual(['refused', null]);
    await draft.discard();
    expect(told).toEqual(['refused', null, null]);
    vi.unstubAllGlobals();
  });
});

describe('drafts storage refused for want of space, then "Try saving again" (StorageFullNote)', () => {
  /** What the drafts database holds under `key`, read past this tab's memory. */
  const onDevice = (key: string) =>
    new Promise<unknown>((resolve, reject) => {
      const open = indexedDB.open('storefront-connect-drafts');
      open.onsuccess = () => {
        const read = open.result.transaction('drafts', 'readonly').objectStore('drafts').get(key);
        read.onsuccess = () => (open.result.close(), resolve(read.result));
        read.onerror = () => reject(read.error);
      };
      open.onerror = () => reject(open.error);
    });

  it('writes every draft kept in memory only (an open form’s and a closed one’s), and each open form’s line goes; still full, nothing changes', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    const editor = new ProductDraft<{ name: string }>('again', '1');
    const told: unknown[] = [];
    editor.onKept = (refused) => told.push(refused);
    const adding = new ProductDraft<{ name: string }>('again', null); // its form closed since: nobody listens
    try {
      refusePuts();
      await editor.save({ name: 'typed on a full disk' });
      await adding.save({ name: 'a new one, on a full disk' });
      expect(told).toEqual(['full']);
      expect(await onDevice(productDraftKey('again', '1'))).toBeUndefined();

      // Still full: said so, the line stays, nothing lost.
      expect(await saveDraftsAgain()).toBe('full');
      expect(told).toEqual(['full']);
      expect(await editor.load()).toEqual({ name: 'typed on a full disk' });

      // Space freed: both written, the editor's line goes (told once), without another keystroke.
      allowPuts();
      expect(await saveDraftsAgain()).toBeUndefined();
      expect(told).toEqual(['full', null]);
      expect(await onDevice(productDraftKey('again', '1'))).toEqual({ name: 'typed on a full disk' });
      expect(await onDevice(newProductDraftKey('again'))).toEqual({ name: 'a new one, on a full disk' });
      // Pressed again: nothing more to tell.
      await saveDraftsAgain();
      expect(told).toEqual(['full', null]);
    } finally {
      allowPuts();
      vi.unstubAllGlobals();
    }
  });
});
