/**
 * A store's drafts, discarded at sign-out (auth/sign-out.ts) and counted for the question before it
 * (ask-before-sign-out.ts): only that store's, never another's whose id starts the same way
 * ("demo" and "demo-code"), in IndexedDB and in the memory a tab keeps where IndexedDB is missing.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createDraftStore, discardStoreDrafts, newProductDraftKey, productDraftKey } from '../../../src/lib/storage/drafts.ts';
import { storeDraftCount } from '../../../src/lib/state/product-draft.ts';

describe('a store’s drafts', () => {
  it('are counted and discarded for that store only', async () => {
    const drafts = createDraftStore();
    await drafts.save(productDraftKey('demo', '7'), { form: { name: 'a' } });
    await drafts.save(newProductDraftKey('demo'), { form: { name: 'b' } });
    await drafts.save(productDraftKey('demo-code', '7'), { form: { name: 'c' } });
    expect(await storeDraftCount('demo')).toBe(2);
    expect(await storeDraftCount('demo-code')).toBe(1);

    await discardStoreDrafts('demo');
    expect(await storeDraftCount('demo')).toBe(0);
    expect(await createDraftStore().load(productDraftKey('demo', '7'))).toBeUndefined();
    expect(await createDraftStore().load(productDraftKey('demo-code', '7'))).toEqual({ form: { name: 'c' } });
  });

  it('discarded by the sign-out, are not found again by a store object that saved them earlier', async () => {
    // regression: each store object kept a copy of what it saved, and its load returned it after a discard made elsewhere
    const editor = createDraftStore();
    await editor.save(newProductDraftKey('demo'), { form: { name: 'a' } });
    await discardStoreDrafts('demo');
    expect(await editor.load(newProductDraftKey('demo'))).toBeUndefined();
    expect(await editor.keysFrom('demo/')).toEqual([]);
  });

  it('kept in the tab’s memory where there is no IndexedDB, are discarded there too', async () => {
    const saved = indexedDB;
    (globalThis as { indexedDB?: unknown }).indexedDB = undefined;
    try {
      const drafts = createDraftStore();
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
      await createDraftStore().save(productDraftKey('shop-3', '1'), { form: { name: 'typed' } });
      expect(await createDraftStore().load(productDraftKey('shop-3', '1'))).toEqual({ form: { name: 'typed' } });
      expect(await storeDraftCount('shop-3')).toBe(1);
      await discardStoreDrafts('shop-3');
      expect(await createDraftStore().load(productDraftKey('shop-3', '1'))).toBeUndefined();
    } finally {
      (globalThis as { indexedDB?: unknown }).indexedDB = saved;
    }
  });
});
