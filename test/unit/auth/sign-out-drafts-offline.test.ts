/**
 * A sign-out whose drafts' code does not download (offline, on a page that never loaded it; Chromium
 * keeps the failed import, so asking again fails too): the store's unsaved product edits must not be
 * found by the next person who connects that store in this browser. The sign-out leaves a mark; the
 * drafts' code, where it next loads, discards that store's drafts before it reads any.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it, vi } from 'vitest';
import type { SignOuts } from '../../../src/lib/auth/sign-outs.ts';
import { openStorage } from '../../../src/lib/storage/kv.ts';

const DRAFTS = '../../../src/lib/storage/drafts.ts';
type DraftsModule = typeof import('../../../src/lib/storage/drafts.ts');

afterEach(() => {
  vi.doUnmock(DRAFTS);
  vi.resetModules();
});

/** A SignOuts that marks at once and tells no other tab. */
const signOuts = { mark: async () => undefined, tell: () => undefined } as unknown as SignOuts;

/** The drafts' code as a page loads it afresh (a new module, its own connection). */
async function freshDrafts(): Promise<DraftsModule> {
  vi.resetModules();
  return (await import(DRAFTS)) as DraftsModule;
}

/** Signs out of `storeId` on a page whose drafts' code cannot download. */
async function signOutOffline(storeId: string): Promise<void> {
  vi.resetModules();
  vi.doMock(DRAFTS, () => {
    throw new TypeError('Failed to fetch dynamically imported module');
  });
  const { signOutOf } = await import('../../../src/lib/auth/sign-out.ts');
  await signOutOf(signOuts, storeId, async () => 'removed');
  vi.doUnmock(DRAFTS);
}

it('the next page to load the drafts’ code finds none of that store’s, and the other stores’ still', async () => {
  const before = await freshDrafts();
  await before.draftStore().save(before.productDraftKey('offline-a', '7'), { form: { name: 'first person’s edit' } });
  await before.draftStore().save(before.newProductDraftKey('offline-a'), { form: { name: 'first person’s new product' } });
  await before.draftStore().save(before.productDraftKey('offline-b', '7'), { form: { name: 'kept' } });

  await signOutOffline('offline-a');

  const next = await freshDrafts();
  // The first thing the next person's editor does: read its draft.
  expect(await next.draftStore().load(next.productDraftKey('offline-a', '7'))).toBeUndefined();
  expect(await next.draftStore().load(next.newProductDraftKey('offline-a'))).toBeUndefined();
  expect(await next.draftStore().keysFrom(next.storeDraftsPrefix('offline-a'))).toEqual([]);
  expect(await next.draftStore().load(next.productDraftKey('offline-b', '7'))).toEqual({ form: { name: 'kept' } });
});

it('the mark is cleared once honoured: what the next person types after it is kept', async () => {
  const before = await freshDrafts();
  await before.draftStore().save(before.productDraftKey('offline-c', '1'), { form: { name: 'old' } });
  await signOutOffline('offline-c');
  const store = (await openStorage()).store;
  const next = await freshDrafts();
  // The key the sign-out spells out is the one the drafts' code reads.
  expect(await store.keys()).toContain(`${next.DRAFTS_TO_DISCARD_PREFIX}offline-c`);

  await next.draftStore().save(next.productDraftKey('offline-c', '1'), { form: { name: 'the next person’s' } });
  expect(await store.keys()).not.toContain(`${next.DRAFTS_TO_DISCARD_PREFIX}offline-c`);

  const later = await freshDrafts();
  expect(await later.draftStore().load(later.productDraftKey('offline-c', '1'))).toEqual({ form: { name: 'the next person’s' } });
});
