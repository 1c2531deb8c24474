import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openStorage, type KeyValueStore } from '../../../src/lib/storage/kv.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import { CopiedSnippets } from '../../../src/lib/storage/copied-snippets.ts';

const COPIED = { copiedAt: 1_000, obtainedAt: 500, expiresAt: null };

describe('CopiedSnippets', () => {
  it('notes, reads and forgets one marker per store, in IndexedDB under its own prefix', async () => {
    const { store } = await openStorage({ indexedDB: new IDBFactory() });
    const copied = new CopiedSnippets(store);
    await copied.note('demo', COPIED);
    await copied.note('other', { ...COPIED, expiresAt: 9_000 });
    expect(await copied.get('demo')).toEqual(COPIED);
    expect(await copied.get('other')).toEqual({ ...COPIED, expiresAt: 9_000 });
    expect(await store.get('copied-snippet:demo')).toEqual({ v: 1, ...COPIED });
    await copied.forget('demo');
    expect(await copied.get('demo')).toBeNull();
    expect(await copied.get('other')).not.toBeNull();
  });

  it.each([
    ['nothing', undefined],
    ['not an object', 'garbage'],
    ['another version', { v: 2, ...COPIED }],
    ['no obtainedAt', { v: 1, copiedAt: 1, expiresAt: null }],
    ['a string expiry', { v: 1, ...COPIED, expiresAt: 'soon' }],
  ])('reads %s as no marker', async (_label, record) => {
    const store = createMemoryStore();
    if (record !== undefined) await store.set('copied-snippet:demo', record);
    expect(await new CopiedSnippets(store).get('demo')).toBeNull();
  });

  it('reads a store that fails as no marker (a marker never stands between the person and signing out)', async () => {
    const failing: KeyValueStore = { ...createMemoryStore(), get: () => Promise.reject(new Error('gone')) };
    expect(await new CopiedSnippets(failing).get('demo')).toBeNull();
  });
});
