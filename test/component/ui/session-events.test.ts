/**
 * What the screens show when the AuthService reports a sign-out in another tab, a connection made
 * in another tab, a renewal that cannot reach the store (the session is kept), its recovery, and a
 * storage write refused after a rotation (issue 10 items 2 and 3; security cases 22, 24, 27).
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuthEvent } from '../../../src/lib/auth/auth-service.ts';
import AccessError from '../../../src/lib/components/AccessError.svelte';
import HomeView from '../../../src/lib/components/views/HomeView.svelte';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import type { StoreSession } from '../../../src/lib/oauth/types.ts';
import { Router } from '../../../src/lib/state/router.svelte.ts';
import { Session } from '../../../src/lib/state/session.svelte.ts';
import { StoreApis } from '../../../src/lib/state/apis.svelte.ts';
import { eventually, testConfig } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';
import { recordLiveRegions } from '../../helpers/live-regions.ts';
import { allowPuts, refusePuts } from '../../helpers/full-disk.ts';
import { ProductDraft } from '../../../src/lib/state/product-draft.ts';
import { draftStore, productDraftKey } from '../../../src/lib/storage/drafts.ts';
import { can, grantedScopes } from '../../../src/lib/state/store-capabilities.ts';

type AuthLike = ConstructorParameters<typeof Session>[0];

afterEach(() => cleanup());

const session = (storeId: string): StoreSession => ({
  storeId,
  tokens: { accessToken: `token-${storeId}`, tokenType: 'bearer', scopes: ['storefront'], expiresAt: null, obtainedAt: 0 },
});

/** `saved`: what the vault holds, read at each listing (a test adds to it as another tab would). */
async function setup(saved: StoreSession[] = [session('demo'), session('other')], inMain = false) {
  let emit: (event: AuthEvent) => void = () => undefined;
  const retries: string[] = [];
  const auth = {
    persistent: true,
    canSignIn: true,
    listSessions: async () => ({ sessions: [...saved], discarded: [], seamRecords: new Map() }),
    onEvent: (listener: (event: AuthEvent) => void) => {
      emit = listener;
      return () => undefined;
    },
    retryRenewal: async (storeId: string) => {
      retries.push(storeId);
      return new Promise<void>(() => undefined); // still out of reach: the test decides what happens
    },
  } as unknown as AuthLike;
  const state = new Session(auth, testConfig());
  await state.load();
  const apis = new StoreApis(state, (async () => new Response(null, { status: 500 })) as typeof fetch);
  render(Harness, {
    props: { session: state, apis, router: new Router(), component: HomeView, props: () => ({ callbackError: null }), banners: 'demo', ...(inMain ? { keyedBy: 'demo' } : {}) },
  });
  await screen.findByRole('heading', { name: 'Your stores' });
  return { state, emit: (event: AuthEvent) => emit(event), retries };
}

/** A screen's read that failed because the renewal could not reach the store (AccessError), over `state`. */
function renderUnreachableRead(
  state: Session,
  onRetry: () => unknown,
  retryWhenOnline = true,
  landing?: () => HTMLElement,
  error: unknown = new AppError('TOKEN_RENEWAL_UNAVAILABLE', 'the store could not renew the access token just now', { storeId: 'demo' }),
): void {
  const apis = new StoreApis(state, (async () => new Response(null, { status: 500 })) as typeof fetch);
  render(Harness, {
    props: { session: state, apis, router: new Router(), component: AccessError, props: () => ({ storeId: 'demo', error, onRetry, retryWhenOnline, landing }), banners: 'demo', keyedBy: 'demo' },
  });
}

describe('a read that waits on the store\'s renewal', () => {
  it('is tried again by itself, once, when the renewal goes through ("can’t reach" over); the other store\'s does not count', async () => {
    const { state, emit } = await setup();
    cleanup();
    const onRetry = vi.fn();
    emit({ type: 'renewal-unavailable', storeId: 'demo' });
    renderUnreachableRead(state, onRetry);
    // the banner says "can't reach" and that it tries again: the read says only what that means here
    await screen.findByText('This page loads by itself once Demo Store can be reached.');
    expect(screen.queryByText('The store could not be reached')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    emit({ type: 'renewed', storeId: 'other' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onRetry).not.toHaveBeenCalled();
    emit({ type: 'renewed', storeId: 'demo' });
    await eventually(() => expect(onRetry).toHaveBeenCalledTimes(1));
    emit({ type: 'renewed', storeId: 'demo' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('loading by itself moves no focus: from the page (after a reload) or a search box it stays (no Try again while the banner says it tries again)', async () => {
    for (const from of ['page', 'search box'] as const) {
      const { state, emit } = await setup();
      cleanup();
      const heading = Object.assign(document.body.appendChild(document.createElement('h1')), { tabIndex: -1 });
      const search = document.body.appendChild(document.createElement('input'));
      // The screen draws its loading state in the panel's place: the panel, its Try again with it, goes.
      const onRetry = vi.fn(() => document.querySelector('[data-retry]')?.parentElement?.remove());
      emit({ type: 'renewal-unavailable', storeId: 'demo' });
      renderUnreachableRead(state, onRetry, true, () => heading);
      await screen.findByText(/^This page loads by itself once /);
      if (from === 'search box') search.focus();
      emit({ type: 'renewed', storeId: 'demo' });
      await eventually(() => expect(onRetry).toHaveBeenCalledTimes(1));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(document.activeElement, from).toBe(from === 'page' ? document.body : search);
      heading.remove();
      search.remove();
      cleanup();
    }
  });

  it('one that loaded by itself with the focus elsewhere is said in main ("can be reached again", "back online"); not from Try again (the focus says it), nor one that failed again', async () => {
    const said = () => screen.queryAllByRole('status').map((region) => region.textContent).filter((words) => words?.includes('this page has loaded'));
    // The screen draws what loaded in the panel's place; `worked` false: the panel stays, failed again.
    const retrying = (worked: boolean) => vi.fn(() => void (worked && document.querySelector('[data-access-error]')?.remove()));
    for (const { cause, worked, fromTryAgain, words } of [
      { cause: 'renewed', worked: true, fromTryAgain: false, words: ['Demo Store can be reached again: this page has loaded.'] },
      { cause: 'online', worked: true, fromTryAgain: false, words: ['Back online: this page has loaded.'] },
      { cause: 'online', worked: true, fromTryAgain: true, words: [] },
      { cause: 'online', worked: false, fromTryAgain: false, words: [] },
    ] as const) {
      const { state, emit } = await setup();
      cleanup();
      const heading = Object.assign(document.body.appendChild(document.createElement('h1')), { tabIndex: -1 });
      const onRetry = retrying(worked);
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => cause !== 'online' });
      if (cause === 'renewed') emit({ type: 'renewal-unavailable', storeId: 'demo' });
      renderUnreachableRead(state, onRetry, true, () => heading, cause === 'online' ? new AppError('API_NETWORK_ERROR') : undefined);
      // (a read waiting on the renewal has no Try again: the banner says it tries again by itself)
      if (cause === 'renewed') await screen.findByText(/^This page loads by itself once /);
      else {
        const tryAgain = await screen.findByRole('button', { name: 'Try again' });
        if (fromTryAgain) tryAgain.focus();
      }
      if (cause === 'renewed') emit({ type: 'renewed', storeId: 'demo' });
      else {
        Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
        dispatchEvent(new Event('online'));
      }
      await eventually(() => expect(onRetry).toHaveBeenCalledTimes(1));
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(said(), `${cause}, worked ${worked}, from Try again ${fromTryAgain}`).toEqual(words);
      if (words[0]) expect(document.getElementById('main')?.lastElementChild).toHaveTextContent(words[0]);
      if (fromTryAgain) expect(heading).toHaveFocus();
      Reflect.deleteProperty(navigator, 'onLine');
      heading.remove();
      cleanup();
    }
  });

  it('one that sends something (a save) waits for the person', async () => {
    const { state, emit } = await setup();
    cleanup();
    const onRetry = vi.fn();
    emit({ type: 'renewal-unavailable', storeId: 'demo' });
    renderUnreachableRead(state, onRetry, false);
    await screen.findByText('The store could not be reached');
    emit({ type: 'renewed', storeId: 'demo' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onRetry).not.toHaveBeenCalled();
  });
});

describe('session events on screen', () => {
  it('a renewal out of reach: "can’t reach <store>" shows, the store stays connected, and the banner goes once renewed', async () => {
    const { state, emit } = await setup();
    const live = recordLiveRegions();
    emit({ type: 'renewal-unavailable', storeId: 'demo' });
    const words = 'Can’t reach Demo Store right now. You are still connected; we’ll try again shortly, and as soon as you’re back online.';
    expect(await screen.findByText(words)).toBeInTheDocument();
    // Said: its status was on the page, empty, before the words (drawn filled, it was not said).
    await eventually(() => expect(live.said).toEqual([words]));
    expect(live.drawnFilled).toEqual([]);
    live.stop();
    expect(state.isConnected('demo')).toBe(true);
    emit({ type: 'renewed', storeId: 'demo' });
    await eventually(() => expect(screen.queryByText(/Can’t reach Demo Store/)).not.toBeInTheDocument());
  });

  it('a renewal that granted fewer scopes: what the store grants here follows at once, the other store unchanged', async () => {
    const { state, emit } = await setup();
    expect(grantedScopes(state, 'demo')).toEqual(['storefront']);
    emit({ type: 'scopes-changed', storeId: 'demo', scopes: [] });
    expect(grantedScopes(state, 'demo')).toEqual([]);
    expect(grantedScopes(state, 'other')).toEqual(['storefront']);
    expect(state.isConnected('demo')).toBe(true);
  });

  it('a sign-out in another tab: the store shows as not connected here at once, the other store stays', async () => {
    const { state, emit } = await setup();
    emit({ type: 'signed-out-elsewhere', storeId: 'demo' });
    await screen.findByRole('button', { name: 'Connect Demo Store' });
    expect(state.isConnected('demo')).toBe(false);
    expect(state.isConnected('other')).toBe(true);
  });

  it('a store connected in another tab shows connected here, with what it granted, without a reload', async () => {
    const saved = [session('demo')];
    const { state, emit } = await setup(saved);
    expect(state.isConnected('other')).toBe(false);
    saved.push({ ...session('other'), tokens: { ...session('other').tokens, scopes: ['storefront', 'cart'] } });
    emit({ type: 'connected-elsewhere', storeId: 'other' });
    await screen.findByRole('link', { name: 'Browse Other Goods' });
    expect(grantedScopes(state, 'other')).toEqual(['storefront', 'cart']);
    expect(state.isConnected('demo')).toBe(true);
  });

  it('a store reconnected in another tab after its access ended: the reconnect banner goes here too', async () => {
    const saved = [session('demo'), session('other')];
    const { state, emit } = await setup(saved);
    state.markExpired('demo');
    expect(state.isExpired('demo')).toBe(true);
    saved[0] = { ...session('demo'), tokens: { ...session('demo').tokens, accessToken: 'token-demo-2' } };
    emit({ type: 'connected-elsewhere', storeId: 'demo' });
    await eventually(() => expect(state.isExpired('demo')).toBe(false));
    expect(state.sessionFor('demo')?.tokens.accessToken).toBe('token-demo-2');
  });

  it('a narrower grant renewed in another tab (told as connected there): what this tab offers follows', async () => {
    const saved = [{ ...session('demo'), tokens: { ...session('demo').tokens, scopes: ['storefront', 'cart'] } }];
    const { state, emit } = await setup(saved);
    expect(can(state, 'demo', 'addToCart')).toBe(true);
    saved[0] = { ...session('demo'), tokens: { ...session('demo').tokens, accessToken: 'token-demo-2', scopes: ['storefront'] } };
    emit({ type: 'connected-elsewhere', storeId: 'demo' });
    await eventually(() => expect(can(state, 'demo', 'addToCart')).toBe(false));
    expect(grantedScopes(state, 'demo')).toEqual(['storefront']);
    expect(state.isConnected('demo')).toBe(true);
  });

  it('a storage write refused after a rotation, not for want of space (a closed database, a disk error): said as such, not "private mode or blocked", with Try saving again, which saves it', async () => {
    const { state, emit } = await setup(undefined, true);
    expect(state.persistent).toBe(true);
    let tries = 0;
    const refuse = (): void =>
      emit({
        type: 'storage-write-failed',
        storeId: 'demo',
        why: 'refused',
        saveAgain: async () => {
          // The first try is refused again; the second lands.
          if (++tries === 1) refuse();
          else emit({ type: 'storage-saved', storeId: 'demo' });
        },
      });
    refuse();
    const note = (await screen.findByText(/This browser did not save your store connection on this device/)).closest('[role="status"]');
    expect(note).toHaveTextContent('its storage for this site reported an error');
    expect(note).toHaveTextContent('It works in this tab, and nothing is lost so far');
    expect(screen.queryByText(/private mode|storage blocked|out of storage space/)).not.toBeInTheDocument();
    expect(state.persistent).toBe(false);
    expect(state.refusal).toBe('refused');
    expect(state.isConnected('demo')).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Try saving again' }));
    await screen.findByText(/Still not saved/);
    await userEvent.click(screen.getByRole('button', { name: 'Try saving again' }));
    await eventually(() => expect(screen.queryByText(/This browser did not save your store connection/)).not.toBeInTheDocument());
    expect(tries).toBe(2);
    expect(state.persistent).toBe(true);
    expect(state.refusal).toBeUndefined();
  });

  it('a write refused for want of space: says the device is full, what is at risk and what to do, not "private mode"', async () => {
    const { state, emit } = await setup();
    emit({ type: 'storage-write-failed', storeId: 'demo', why: 'full', saveAgain: async () => undefined });
    const note = (await screen.findByText(/This device is out of storage space/)).closest('[role="status"]');
    expect(note).toHaveTextContent('nothing is lost so far');
    expect(note).toHaveTextContent('closing or reloading it would lose changes not yet saved to the store, and you may need to connect again');
    expect(note).toHaveTextContent('free up space on the device, or clear data that other websites keep in this browser');
    expect(screen.queryByText(/private mode/)).not.toBeInTheDocument();
    expect(state.persistent).toBe(false);
    expect(state.refusal).toBe('full');
    // A later refusal of another kind does not take back the cause first named.
    emit({ type: 'storage-write-failed', storeId: 'other', why: 'refused', saveAgain: async () => undefined });
    await Promise.resolve();
    expect(state.refusal).toBe('full');
    expect(state.isConnected('demo')).toBe(true);
  });
});

describe('storage full, then saved after all (space freed)', () => {
  /** Every store's "write it again" as the storage layer gives it: `outcome` decides, per call, what it tells. */
  function fullFor(emit: (event: AuthEvent) => void, storeIds: string[], outcome: (storeId: string) => 'saved' | 'full') {
    const asked: string[] = [];
    const fail = (storeId: string): void =>
      emit({
        type: 'storage-write-failed',
        storeId,
        why: 'full',
        saveAgain: async () => {
          asked.push(storeId);
          if (outcome(storeId) === 'saved') emit({ type: 'storage-saved', storeId });
          else fail(storeId);
        },
      });
    for (const storeId of storeIds) fail(storeId);
    return asked;
  }

  it('a later write that lands (a renewal, a sign-in): once the last store kept in memory is saved, the note goes, and "Saved on this device again." is said once in main', async () => {
    const { state, emit } = await setup(undefined, true);
    const main = document.getElementById('main')!; // the Harness's, as Shell's
    const live = recordLiveRegions();
    fullFor(emit, ['demo', 'other'], () => 'full');
    await screen.findByText(/This device is out of storage space/);
    emit({ type: 'storage-saved', storeId: 'demo' });
    await Promise.resolve();
    // One store still only in this tab's memory: the note stays.
    expect(state.persistent).toBe(false);
    expect(screen.getByText(/This device is out of storage space/)).toBeInTheDocument();
    emit({ type: 'storage-saved', storeId: 'other' });
    await eventually(() => expect(screen.queryByText(/This device is out of storage space/)).not.toBeInTheDocument());
    expect(state.persistent).toBe(true);
    expect(state.refusal).toBeUndefined();
    await eventually(() => expect(live.said.filter((words) => words === 'Saved on this device again.')).toHaveLength(1));
    expect(main.querySelector(':scope > [role="status"]')?.textContent).toBe('Saved on this device again.');
    // Nobody asked for it: the focus is not moved.
    expect(document.activeElement).toBe(document.body);
    live.stop();
  });

  it('"Try saving again": still full says so and keeps the connection; once space is freed, saved: the note goes and the focus lands in main', async () => {
    const { state, emit } = await setup(undefined, true);
    const main = document.getElementById('main')!; // the Harness's, as Shell's
    let space = false;
    const asked = fullFor(emit, ['demo'], () => (space ? 'saved' : 'full'));
    const again = await screen.findByRole('button', { name: 'Try saving again' });
    await userEvent.click(again);
    await screen.findByText(/Still out of space/);
    expect(asked).toEqual(['demo']);
    expect(state.persistent).toBe(false);
    expect(state.isConnected('demo')).toBe(true);
    space = true;
    await userEvent.click(screen.getByRole('button', { name: 'Try saving again' }));
    await eventually(() => expect(screen.queryByText(/This device is out of storage space/)).not.toBeInTheDocument());
    expect(asked).toEqual(['demo', 'demo']);
    expect(document.activeElement).toBe(main);
    expect(state.persistent).toBe(true);
  });

  it('"Try saving again" saves the product edits kept in memory only too: once on the device, the form’s "kept in this tab only" line goes', async () => {
    const { emit } = await setup(undefined, true);
    let space = false;
    fullFor(emit, ['demo'], () => (space ? 'saved' : 'full'));
    const draft = new ProductDraft<{ name: string }>('demo', '7');
    let line: unknown = 'not told';
    draft.onKept = (refused) => (line = refused);
    refusePuts();
    try {
      await draft.save({ name: 'typed while full' });
      expect(line).toBe('full');
      space = true;
      allowPuts();
      await userEvent.click(await screen.findByRole('button', { name: 'Try saving again' }));
      await eventually(() => expect(screen.queryByText(/This device is out of storage space/)).not.toBeInTheDocument());
      await eventually(() => expect(line).toBeNull());
      // On the device: a fresh load that skips this tab's memory (another tab, a reload) finds it.
      const onDevice = await new Promise<unknown>((resolve) => {
        const open = indexedDB.open('storefront-connect-drafts');
        open.onsuccess = () => {
          const read = open.result.transaction('drafts', 'readonly').objectStore('drafts').get(productDraftKey('demo', '7'));
          read.onsuccess = () => (open.result.close(), resolve(read.result));
        };
      });
      expect(onDevice).toEqual({ name: 'typed while full' });
    } finally {
      allowPuts();
      await draftStore().discard(productDraftKey('demo', '7'));
    }
  });
});
