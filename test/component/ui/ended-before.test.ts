/**
 * A store that ended its connection before this visit (it refused the pasted key or token on use; the
 * app deleted it and kept only a marker of why and when): after a reload the stores list and the
 * store's screen say why, in the words of the mode it was connected with, not only "Not connected";
 * connected again, the words go. And the store bar's switcher marks a store whose access ended in
 * this tab, as the stores list does. In Chromium: e2e storehippo-keys, foxy-app, multi-store.
 */
import { cleanup, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import type { StoreConfig } from '../../../src/lib/config/types.ts';
import HomeView from '../../../src/lib/components/views/HomeView.svelte';
import NotConnectedView from '../../../src/lib/components/views/NotConnectedView.svelte';
import StoreBar from '../../../src/lib/components/StoreBar.svelte';
import Banners from '../../../src/lib/components/Banners.svelte';
import { endedWhen } from '../../../src/lib/providers/ended-words.ts';
import { loadProfiles, knownProviderKinds } from '../../../src/lib/providers/registry.ts';
import { sessionEndedBefore, sessionOf } from '../../helpers/stub-session.ts';
import { show } from './show-in-harness.ts';

await loadProfiles(knownProviderKinds());

afterEach(() => cleanup());

const HIPPO: StoreConfig = { id: 'hippo', kind: 'storehippo', name: 'Hippo Demo', apiBase: 'https://hippo.example', apiVersion: '1.1', auth: ['access-key', 'token'], currency: 'INR' };
const SHOP: StoreConfig = { id: 'sw', kind: 'shopware6', name: 'Fruit Shop', apiBase: 'https://shop.example', auth: ['integration', 'password'] };
const FOXY: StoreConfig = { id: 'foxy', kind: 'foxy', name: 'Foxy Store', apiBase: 'https://api.foxy.io', auth: ['token-bundle'] };
const FR: StoreConfig = {
  id: 'fr',
  kind: 'flickrocket',
  name: 'FR Shop',
  apiBase: 'https://admin.flickrocket.example',
  authorizationEndpoint: 'https://admin.flickrocket.example/oauth2/auth',
  tokenEndpoint: 'https://admin.flickrocket.example/token',
  clientId: 'MyApp.1.apps.flickrocket.com',
  redirectUri: 'https://app.example/',
  defaultScopes: ['products'],
};
const GOODSIE: StoreConfig = {
  id: 'acme',
  kind: 'goodsie',
  name: 'Acme Goods',
  authorizationEndpoint: 'https://acme.example/oauth2/authorize',
  tokenEndpoint: 'https://acme.example/oauth2/access_token',
  apiBase: 'https://acme.example',
  clientId: 'acme-client',
  redirectUri: 'https://app.example/',
  defaultScopes: ['storefront'],
  flow: 'code',
};
const AT = Date.UTC(2026, 11, 6, 4, 50);
const WHEN = endedWhen(AT);


const card = (name: string) => within(screen.getByRole('heading', { name, level: 2 }).closest('li')!);

describe('after a reload, a store that refused its saved credential', () => {
  it('the stores list says why and when, in each mode’s words, and what to do; a store with no marker says Not connected', async () => {
    const session = await sessionEndedBefore(
      { hippo: { reason: 'refused', at: AT, mode: 'access-key' }, foxy: { reason: 'refused', at: AT, mode: 'token-bundle' }, sw: { reason: 'refused', at: AT, mode: 'password' } },
      HIPPO,
      FOXY,
      SHOP,
      FR,
    );
    show(session, HomeView, { callbackError: null });
    expect(await card('Hippo Demo').findByText(`Key refused on ${WHEN} · paste a new key to connect again`)).toBeInTheDocument();
    expect(await card('Foxy Store').findByText(`Token refused on ${WHEN} · paste a new token to connect again`)).toBeInTheDocument();
    expect(await card('Fruit Shop').findByText(`Sign-in ended by the store on ${WHEN} · enter the username and password again to connect`)).toBeInTheDocument();
    expect(card('FR Shop').getByText(/^Not connected · asks you to allow/)).toBeInTheDocument();
    // still offered as a store to connect, not as connected
    expect(card('Hippo Demo').getByRole('button', { name: 'Connect Hippo Demo' })).toBeInTheDocument();
    expect(card('Hippo Demo').queryByRole('link', { name: /Browse/ })).not.toBeInTheDocument();
  });

  it('the store’s screen says who refused what and when, and its form opens on the mode it was connected with', async () => {
    const session = await sessionEndedBefore({ sw: { reason: 'refused', at: AT, mode: 'password' }, hippo: { reason: 'refused', at: AT, mode: 'access-key' } }, SHOP, HIPPO);
    show(session, NotConnectedView, { storeId: 'sw' });
    expect(await screen.findByText(`Fruit Shop ended this app’s sign-in on ${WHEN}, so this browser no longer holds it. Enter the username and password again to connect.`)).toBeInTheDocument();
    expect(await screen.findByRole('radio', { name: 'Administration sign-in' })).toBeChecked();
    cleanup();
    show(session, NotConnectedView, { storeId: 'hippo' });
    expect(await screen.findByText(`Hippo Demo refused its access key on ${WHEN}, so this browser removed it. Paste a new access key to connect again.`)).toBeInTheDocument();
  });

  it('a store that connects on its own page (FlickRocket) says its access ended, with the platform’s steps first', async () => {
    const session = await sessionEndedBefore({ fr: { reason: 'refused', at: AT, mode: 'refresh-code' } }, FR, HIPPO);
    show(session, HomeView, { callbackError: null });
    expect(await card('FR Shop').findByText(`Access ended by the store on ${WHEN} · Connect to allow it again`)).toBeInTheDocument();
    cleanup();
    show(session, NotConnectedView, { storeId: 'fr' });
    expect(await screen.findByText(/^FR Shop stopped accepting this app’s access on .+\. FlickRocket no longer accepts this app’s refresh token\. Remove the app’s permission in .+, then connect again\.$/)).toBeInTheDocument();
  });

  it('a Goodsie store the store ended (a renewal answered invalid_grant) says so, on the list and its screen; one whose token ran out says it expired', async () => {
    const session = await sessionEndedBefore({ acme: { reason: 'refused', at: AT } }, GOODSIE, HIPPO);
    show(session, HomeView, { callbackError: null });
    expect(await card('Acme Goods').findByText(`Access ended by the store on ${WHEN} · Connect to allow it again`)).toBeInTheDocument();
    expect(card('Acme Goods').getByRole('button', { name: 'Connect Acme Goods' })).toBeInTheDocument();
    cleanup();
    show(session, NotConnectedView, { storeId: 'acme' });
    expect(await screen.findByText(`Acme Goods stopped accepting this app’s access on ${WHEN}. Connect to allow it again.`)).toBeInTheDocument();
    cleanup();
    const expired = await sessionEndedBefore({ acme: { reason: 'expired', at: AT } }, GOODSIE);
    show(expired, HomeView, { callbackError: null });
    expect(await card('Acme Goods').findByText(`Access expired on ${WHEN} · Connect to allow it again`)).toBeInTheDocument();
    cleanup();
    show(expired, NotConnectedView, { storeId: 'acme' });
    expect(await screen.findByText(`This app’s access to Acme Goods expired on ${WHEN}. Connect to allow it again.`)).toBeInTheDocument();
  });

  it('a Goodsie sign-in there clears the words', async () => {
    const session = await sessionEndedBefore({ acme: { reason: 'refused', at: AT } }, GOODSIE);
    await vi.waitFor(() => expect(session.ended('acme')).toBeDefined());
    session.accept({ storeId: 'acme', tokens: { accessToken: 'AT', tokenType: 'bearer', scopes: ['storefront'], expiresAt: null, obtainedAt: AT } });
    expect(session.ended('acme')).toBeUndefined();
  });

  it('connected again, the words go', async () => {
    const session = await sessionEndedBefore({ hippo: { reason: 'refused', at: AT, mode: 'access-key' }, foxy: { reason: 'refused', at: AT, mode: 'token-bundle' } }, HIPPO, FOXY);
    show(session, HomeView, { callbackError: null });
    await card('Hippo Demo').findByText(/^Key refused on /);
    session.link({ v: 2, storeId: 'hippo', kind: 'storehippo', mode: 'access-key', secrets: { accessKey: 'K' }, capabilities: ['browse'] });
    expect(await card('Hippo Demo').findByText(/^Connected · /)).toBeInTheDocument();
    expect(session.ended('hippo')).toBeUndefined();
    expect(session.ended('foxy')?.status).toMatch(/^Token refused on /);
  });
});

describe('the store bar’s switcher', () => {
  it('marks a store whose access ended in this tab, as the stores list does; the others as they are', () => {
    const session = sessionOf(HIPPO, FOXY);
    session.link({ v: 2, storeId: 'hippo', kind: 'storehippo', mode: 'access-key', secrets: { accessKey: 'K' }, capabilities: ['browse'] });
    session.link({ v: 2, storeId: 'foxy', kind: 'foxy', mode: 'token-bundle', secrets: { clientSecret: 'S' }, capabilities: ['browse'] });
    session.markExpired('hippo');
    show(session, StoreBar, { storeId: 'foxy' });
    const options = within(screen.getByRole('combobox', { name: 'Store' })).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Hippo Demo · access ended', 'Foxy Store']);
  });
});

describe('once the store ended its access in this tab', () => {
  // Regression: a refused pasted key took Forget away with it, so a person who wanted no key could not drop it.
  it('the store bar keeps Forget key while the store refuses the key (the banner asks for another; Forget drops it), and a sign-in’s Sign out goes', async () => {
    const session = sessionOf(HIPPO, FOXY, GOODSIE);
    session.link({ v: 2, storeId: 'hippo', kind: 'storehippo', mode: 'access-key', secrets: { accessKey: 'K' }, capabilities: ['browse'] });
    show(session, StoreBar, { storeId: 'hippo' });
    expect(screen.getByRole('button', { name: 'Forget key for Hippo Demo' })).toBeInTheDocument();
    session.markExpired('hippo');
    flushSync();
    expect(session.isExpired('hippo')).toBe(true);
    expect(screen.getByRole('button', { name: 'Forget key for Hippo Demo' })).toBeInTheDocument();
    session.link({ v: 2, storeId: 'hippo', kind: 'storehippo', mode: 'access-key', secrets: { accessKey: 'K2' }, capabilities: ['browse'] });
    expect(await screen.findByRole('button', { name: 'Forget key for Hippo Demo' })).toBeInTheDocument();
    cleanup();

    session.accept({ storeId: 'acme', tokens: { accessToken: 'AT', tokenType: 'bearer', scopes: ['storefront'], expiresAt: null, obtainedAt: AT } });
    show(session, StoreBar, { storeId: 'acme' });
    expect(screen.getByRole('button', { name: 'Sign out of Acme Goods' })).toBeInTheDocument();
    session.markExpired('acme');
    await vi.waitFor(() => expect(screen.queryByRole('button')).not.toBeInTheDocument());
  });

  it('the banner says a sign-in’s password was never kept (a Shopware Administration sign-in), and that a key is no longer accepted (not that it expired)', async () => {
    const session = sessionOf(SHOP, HIPPO);
    session.link({ v: 2, storeId: 'sw', kind: 'shopware6', mode: 'password', tokens: { accessToken: 'A', tokenType: 'bearer', scopes: [], expiresAt: AT, obtainedAt: AT, refreshToken: 'R' }, capabilities: ['browse'] });
    session.markExpired('sw');
    show(session, Banners, { storeId: 'sw' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Fruit Shop ended this app’s sign-in (it ran out, or the password or the user’s rights changed); the password was never kept here. Enter the username and password again to carry on right here; this page and anything you were editing are kept.');
    expect(alert).not.toHaveTextContent(/saved/);
    cleanup();
    session.link({ v: 2, storeId: 'hippo', kind: 'storehippo', mode: 'access-key', secrets: { accessKey: 'K' }, capabilities: ['browse'] });
    session.markExpired('hippo');
    show(session, Banners, { storeId: 'hippo' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Hippo Demo no longer accepts the saved key: it may have been disabled or deleted at the store. Paste a key the store accepts to carry on right here;');
  });
});
