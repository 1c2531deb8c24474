/**
 * A product's draft stops being saved once a sign-out of its store is heard (in this tab or another,
 * on the sessions channel): the sign-out discarded the store's drafts, and a form still open in a tab
 * must not write its own back for the next person to use this browser (a shared computer).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { SESSION_CHANNEL_NAME } from '../../../src/lib/auth/session-channel.ts';
import { draftStore, discardStoreDrafts, newProductDraftKey, productDraftKey, type DraftStore } from '../../../src/lib/storage/drafts.ts';
import { ProductDraft } from '../../../src/lib/state/product-draft.ts';
import { connectedSinceSignOut, signOutsHeard } from '../../../src/lib/state/sign-outs-heard.ts';

/** What a new connection of `storeId` posts (in this tab or another: auth/connections.ts), heard here before it returns. */
async function connectedElsewhere(storeId: string): Promise<void> {
  const other = new BroadcastChannel(SESSION_CHANNEL_NAME);
  try {
    other.postMessage({ type: 'connected', storeId });
    for (let turn = 0; turn < 100 && !connectedSinceSignOut(storeId); turn++) await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    other.close();
  }
  expect(connectedSinceSignOut(storeId)).toBe(true);
}

/** What another tab's sign-out of `storeId` posts (auth/sign-outs.ts), heard here before it returns. */
async function signOutElsewhere(storeId: string): Promise<void> {
  const heard = signOutsHeard(storeId);
  const other = new BroadcastChannel(SESSION_CHANNEL_NAME);
  try {
    other.postMessage({ type: 'signed-out', storeId });
    for (let turn = 0; turn < 100 && signOutsHeard(storeId) === heard; turn++) await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    other.close();
  }
  expect(signOutsHeard(storeId)).toBe(heard + 1);
}

describe('a product draft, after a sign-out of its store was heard', () => {
  it('saves nothing more for that store; another store’s, and one opened after the sign-out, still save', async () => {
    const open = new ProductDraft<{ name: string }>('shop-a', null);
    const other = new ProductDraft<{ name: string }>('shop-b', '9');
    await open.save({ name: 'before' });
    await signOutElsewhere('shop-a');
    await discardStoreDrafts('shop-a');

    await open.save({ name: 'typed after' });
    expect(await draftStore().load(newProductDraftKey('shop-a'))).toBeUndefined();
    await other.save({ name: 'still kept' });
    expect(await draftStore().load(productDraftKey('shop-b', '9'))).toEqual({ name: 'still kept' });
    // the next connection's form (opened after) keeps its drafts
    const next = new ProductDraft<{ name: string }>('shop-a', null);
    await next.save({ name: 'next person' });
    expect(await draftStore().load(newProductDraftKey('shop-a'))).toEqual({ name: 'next person' });
  });

  it('undoes a save that was on its way when the sign-out was heard (the discard may have come first)', async () => {
    const real = draftStore();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // a store whose write lands only once released: the sign-out and its discard happen meanwhile
    const slow: DraftStore = { ...real, save: async (key, value) => { await held; await real.save(key, value); } };
    const open = new ProductDraft<{ name: string }>('shop-c', '1', slow);
    const saving = open.save({ name: 'typed' });
    await signOutElsewhere('shop-c');
    await discardStoreDrafts('shop-c');
    release();
    await saving;
    expect(await draftStore().load(productDraftKey('shop-c', '1'))).toBeUndefined();
  });

  it('saves again once a new connection of the store is heard (a form left open, then Reconnect): what is typed then is kept, nothing from before', async () => {
    // regression: the open form saved nothing more for the rest of its life, the next typing silently not kept
    const open = new ProductDraft<{ name: string }>('shop-d', '4');
    await open.save({ name: 'first person' });
    await signOutElsewhere('shop-d');
    await discardStoreDrafts('shop-d');
    await open.save({ name: 'typed while signed out' });
    await connectedElsewhere('shop-d');
    // the connection alone brings nothing back
    expect(await draftStore().load(productDraftKey('shop-d', '4'))).toBeUndefined();
    await open.save({ name: 'typed after Reconnect' });
    expect(await draftStore().load(productDraftKey('shop-d', '4'))).toEqual({ name: 'typed after Reconnect' });
    // and a later sign-out stops it again
    await signOutElsewhere('shop-d');
    await discardStoreDrafts('shop-d');
    await open.save({ name: 'after the second sign-out' });
    expect(await draftStore().load(productDraftKey('shop-d', '4'))).toBeUndefined();
  });

  it('a save asked for before the sign-out, still waiting its turn when the new connection is heard, is not written', async () => {
    const real = draftStore();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow: DraftStore = { ...real, save: async (key, value) => { await held; await real.save(key, value); } };
    const open = new ProductDraft<{ name: string }>('shop-e', '1', slow);
    const first = open.save({ name: 'first' });
    const second = open.save({ name: 'first person, more' });
    await signOutElsewhere('shop-e');
    await discardStoreDrafts('shop-e');
    await connectedElsewhere('shop-e');
    release();
    await Promise.all([first, second]);
    expect(await draftStore().load(productDraftKey('shop-e', '1'))).toBeUndefined();
  });
});

describe('a product draft, saved then discarded', () => {
  it('stays discarded when the save lands after the discard was asked for (the product was added meanwhile)', async () => {
    // regression: a write still on its way put the draft back after the Add's discard, without its mark
    const real = draftStore();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow: DraftStore = { ...real, save: async (key, value) => { await held; await real.save(key, value); } };
    const open = new ProductDraft<{ name: string }>('shop-f', null, slow);
    const saving = open.save({ name: 'typed' });
    const discarding = open.discard();
    release();
    await Promise.all([saving, discarding]);
    expect(await draftStore().load(newProductDraftKey('shop-f'))).toBeUndefined();
  });
});
