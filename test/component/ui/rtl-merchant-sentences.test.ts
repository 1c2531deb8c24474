/**
 * Merchant text in a right-to-left script inside the app's own sentences, where the earlier round
 * left it bare: the banners, the store screen's words for a connection the store ended before this
 * visit (providers/ended-words.ts), the signed-out note, a sign-out's progress line, and the page's
 * title (Shell: both its parts isolated, always). The name goes between FIRST STRONG ISOLATE and
 * POP DIRECTIONAL ISOLATE (shared/direction.ts); a Latin name is left as it is (banners.test.ts,
 * ended-before.test.ts keep their exact Latin sentences). How it is drawn, in Chromium: e2e
 * rtl-merchant-text.
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoreConfig } from '../../../src/lib/config/types.ts';
import Banners from '../../../src/lib/components/Banners.svelte';
import Shell from '../../../src/lib/components/Shell.svelte';
import SignedOutNote from '../../../src/lib/components/SignedOutNote.svelte';
import SignOutProgress from '../../../src/lib/components/SignOutProgress.svelte';
import { signingOut } from '../../../src/lib/state/signing-out.svelte.ts';
import NotConnectedView from '../../../src/lib/components/views/NotConnectedView.svelte';
import { endedWhen } from '../../../src/lib/providers/ended-words.ts';
import { loadProfiles, knownProviderKinds } from '../../../src/lib/providers/registry.ts';
import { LazyApis } from '../../../src/lib/state/apis-port.svelte.ts';
import { sessionEndedBefore, sessionOf } from '../../helpers/stub-session.ts';
import { answerStoreInfo, createTestApp, harnessProps, json, wireProduct } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';
import { show } from './show-in-harness.ts';

await loadProfiles(knownProviderKinds());

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Starts with a number: bare in an English sentence, "24/7" is drawn on the wrong side of the Hebrew. */
const HEBREW = '24/7 מרקט';
const ARABIC = 'متجر 24';
const isolated = (name: string) => `\u2068${name}\u2069`;

const hippo = (name: string): StoreConfig => ({ id: 'hippo', kind: 'storehippo', name, apiBase: 'https://hippo.example', apiVersion: '1.1', auth: ['access-key', 'token'], currency: 'INR' });
const goodsie = (name: string): StoreConfig => ({
  id: 'acme',
  kind: 'goodsie',
  name,
  authorizationEndpoint: 'https://acme.example/oauth2/authorize',
  tokenEndpoint: 'https://acme.example/oauth2/access_token',
  apiBase: 'https://acme.example',
  clientId: 'acme-client',
  redirectUri: `${location.origin}/`,
  defaultScopes: ['storefront'],
  flow: 'code',
});
const AT = Date.UTC(2026, 11, 6, 4, 50);
const WHEN = endedWhen(AT);


describe('the store screen, for a connection the store ended before this visit (ended-words.ts)', () => {
  it.each([HEBREW, ARABIC])('isolates %s in the sentence naming it, for a pasted key and for a store that connects on its own page', async (name) => {
    show(await sessionEndedBefore({ hippo: { reason: 'refused', at: AT, mode: 'access-key' } }, hippo(name)), NotConnectedView, { storeId: 'hippo' });
    expect(await screen.findByText(`${isolated(name)} refused its access key on ${WHEN}, so this browser removed it. Paste a new access key to connect again.`)).toBeInTheDocument();
    cleanup();
    show(await sessionEndedBefore({ acme: { reason: 'expired', at: AT } }, goodsie(name)), NotConnectedView, { storeId: 'acme' });
    expect(await screen.findByText(`This app’s access to ${isolated(name)} expired on ${WHEN}. Connect to allow it again.`)).toBeInTheDocument();
  });
});

describe('the banners', () => {
  it('isolate the store’s name where its access ended, where more access was declined, and where a sign-in could not start', async () => {
    const session = sessionOf(goodsie(HEBREW));
    session.accept({ storeId: 'acme', tokens: { accessToken: 'AT', tokenType: 'bearer', scopes: ['storefront'], expiresAt: null, obtainedAt: AT } });
    session.markExpired('acme');
    session.noteDeclinedMore('acme');
    show(session, Banners, { storeId: 'acme' });
    const notices = await screen.findByRole('region', { name: 'Notices' });
    expect(within(notices).getByRole('alert')).toHaveTextContent(`Your access to ${isolated(HEBREW)} has ended.`);
    expect(within(notices).getByText(/^You declined the extra access to/).textContent).toMatch(new RegExp(`^You declined the extra access to ${isolated(HEBREW)}\\. `));

    // Reconnect while offline: the sign-in cannot start, and says so naming the store.
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    await userEvent.click(within(notices).getByRole('button', { name: 'Reconnect' }));
    expect(await screen.findByText(`Could not start signing in to ${isolated(HEBREW)}`)).toBeInTheDocument();
  });
});

describe('the signed-out note on the stores list', () => {
  it.each([
    ['a sign-out', goodsie(ARABIC), `Signed out of ${isolated(ARABIC)}.`],
    ['a Forget', hippo(ARABIC), `This browser forgot the credentials for ${isolated(ARABIC)}.`],
  ])('after %s isolates the store’s name', (_, store, words) => {
    show(sessionOf(store), SignedOutNote, { storeId: store.id, onArrived: () => undefined });
    expect(document.querySelector('p.notice')?.textContent).toMatch(new RegExp(`^${words.replace(/[.]/g, '\\.')}`));
  });
});

describe('a sign-out’s progress line', () => {
  it.each([
    ['waiting', `Waiting for another tab to finish renewing ${isolated(HEBREW)}’s access…`],
    ['ending', `Signed out here. Telling ${isolated(HEBREW)} to end this access too…`],
    ['started', `Signing out of ${isolated(HEBREW)}…`],
  ])('at the step “%s” isolates the store’s name', (step, words) => {
    const session = sessionOf(goodsie(HEBREW));
    signingOut.acme = step;
    try {
      render(SignOutProgress, { props: { session } });
      expect(screen.getByRole('status').textContent?.trim()).toBe(words);
    } finally {
      delete signingOut.acme;
    }
  });
});

describe('the page’s title (Shell)', () => {
  it('isolates the screen’s heading and the store’s name, each keeping its own direction and their order: “(3) كوب – Demo Store”, not one right-to-left run', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: '/s/demo/product/p-100' });
    answerStoreInfo(app.network);
    app.network.on('GET', '/api/v1/products/p-100', () => json(wireProduct({ name: '(3) كوب' })));
    const apis = new LazyApis(() => app.apis);
    render(Harness, { props: harnessProps(app, Shell, () => ({ session: app.session, apis, callbackError: null })) });
    expect(await screen.findByRole('heading', { name: '(3) كوب', level: 1 })).toBeInTheDocument();
    await vi.waitFor(() => expect(document.title).toBe(`${isolated('(3) كوب')} – ${isolated('Demo Store')}`));
  });
});
