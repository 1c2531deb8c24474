import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openStorage, type KeyValueStore } from '../../../src/lib/storage/kv.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import { StorefrontKeys } from '../../../src/lib/storage/storefront-keys.ts';

describe('StorefrontKeys', () => {
  it('keeps, reads and forgets one key per store, in IndexedDB under its own prefix', async () => {
    const { store } = await openStorage({ indexedDB: new IDBFactory() });
    const keys = new StorefrontKeys(store);
    await keys.keep('sw', 'SWSCKEY1');
    await keys.keep('other', 'SWSCKEY2');
    expect(await keys.get('sw')).toBe('SWSCKEY1');
    expect(await store.get('storefront-key:sw')).toEqual({ v: 1, key: 'SWSCKEY1' });
    await keys.forget('sw');
    expect(await keys.get('sw')).toBeNull();
    expect(await keys.get('other')).toBe('SWSCKEY2');
  });

  it('reads garbage, another version or a failing store as no key', async () => {
    const store = createMemoryStore();
    await store.set('storefront-key:a', 'garbage');
    await store.set('storefront-key:b', { v: 2, key: 'x' });
    await store.set('storefront-key:c', { v: 1, key: '' });
    const keys = new StorefrontKeys(store);
    for (const id of ['a', 'b', 'c', 'none']) expect(await keys.get(id)).toBeNull();
    const failing: KeyValueStore = { ...createMemoryStore(), get: () => Promise.reject(new Error('gone')) };
    expect(await new StorefrontKeys(failing).get('sw')).toBeNull();
  });
});
