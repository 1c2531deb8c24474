/**
 * A store whose configured flow changed between visits (config.json edited by the deployer): code +
 * PKCE to implicit, and back. The session a code-flow sign-in left holds a refresh token the implicit
 * flow never uses (AuthService #canRefresh): once a new grant replaces it, or the app lets the session
 * go, that refresh token is revoked at the store and gone from storage, never kept alongside for
 * nothing; and never dropped before the replacement is safely stored.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { catchAppError } from '../../helpers/catch-error.ts';
import { codeStore, openTabs, type Tabs } from '../../helpers/auth-tabs.ts';
import { json } from '../../helpers/fake-fetch.ts';
import type { AuthService } from '../../../src/lib/auth/auth-service.ts';
import type { GoodsieStoreConfig } from '../../../src/lib/config/types.ts';
import { captureRedirect } from '../../../src/lib/oauth/callback.ts';
import { openStorage, type KeyValueStore } from '../../../src/lib/storage/kv.ts';

let unexpected: string[] = [];
afterEach(() => {
  expect(unexpected, 'no request the fake network did not expect').toEqual([]);
});

const revoked = (tabs: Tabs) => tabs.revocations().map((form) => `${form.get('token_type_hint')}:${form.get('token')}`);
const HOUR = 3600_000;

/** The saved session's tokens, its refresh token 'none' where it holds none. */
async function saved(auth: AuthService) {
  const tokens = (await auth.getSession('acme'))?.tokens;
  return tokens && { access: tokens.accessToken, refresh: tokens.refreshToken ?? 'none', scopes: tokens.scopes };
}

/** config.json now gives the store `flow` (the deployer edited it); the next visit reads it. */
function switchFlow(tabs: Tabs, flow: GoodsieStoreConfig['flow']): void {
  const index = tabs.config.stores.findIndex((store) => store.id === 'acme');
  tabs.config.stores[index] = { ...(tabs.config.stores[index] as GoodsieStoreConfig), flow };
}

/** An implicit sign-in to acme (more access asked for: `scopes`) answered with `fragment` (its state added). */
async function implicitSignIn(tabs: Tabs, auth: AuthService, fragment: string, scopes?: string[]) {
  await auth.beginSignIn('acme', scopes ? { scopes } : {});
  const request = new URL(tabs.navigated());
  expect(request.searchParams.get('response_type')).toBe('token');
  const captured = captureRedirect(`https://app.example/acme/#${fragment}&state=${request.searchParams.get('state')}`);
  if (!captured) throw new Error('not a callback');
  return auth.completeSignIn(captured);
}

/** A code-flow sign-in made on the first visit (AT1 / RT1, storefront), then config.json switched to implicit. */
async function codeSessionThenImplicit(options: Parameters<Tabs['open']>[0] = {}) {
  const tabs = await openTabs([codeStore('acme')]);
  unexpected = tabs.unexpected;
  const first = await tabs.open();
  await tabs.signIn(first.auth, 'acme');
  expect((await first.auth.getSession('acme'))?.tokens).toMatchObject({ accessToken: 'AT1', refreshToken: 'RT1' });
  switchFlow(tabs, 'token');
  const { auth, events } = await tabs.open(options);
  return { tabs, auth, events };
}

describe('code + PKCE, then config.json switches the store to the implicit flow', () => {
  it('Connect again: the implicit grant replaces the session, and the old refresh and access tokens are revoked', async () => {
    const { tabs, auth } = await codeSessionThenImplicit();
    await implicitSignIn(tabs, auth, 'access_token=IAT1&token_type=bearer&expires_in=3600&scope=storefront');
    expect(await saved(auth)).toEqual({ access: 'IAT1', refresh: 'none', scopes: ['storefront'] });
    await vi.waitFor(() => expect(revoked(tabs)).toEqual(['refresh_token:RT1', 'access_token:AT1']), { timeout: 2000, interval: 10 });
  });

  it('a step-up the store grants nothing more for: the implicit grant replaces the session (its refresh token is no use now), and the old grant is revoked', async () => {
    const { tabs, auth } = await codeSessionThenImplicit();
    const completed = await implicitSignIn(tabs, auth, 'access_token=IAT1&token_type=bearer&expires_in=3600&scope=storefront', ['admin']);
    expect(completed.asked).toContain('admin');
    expect(completed.session.tokens).toMatchObject({ accessToken: 'IAT1', scopes: ['storefront'] });
    expect(await saved(auth)).toEqual({ access: 'IAT1', refresh: 'none', scopes: ['storefront'] });
    await vi.waitFor(() => expect(revoked(tabs)).toEqual(['refresh_token:RT1', 'access_token:AT1']), { timeout: 2000, interval: 10 });
  });

  it('a step-up granted: the wider implicit grant replaces the session, and the old grant is revoked', async () => {
    const { tabs, auth } = await codeSessionThenImplicit();
    await implicitSignIn(tabs, auth, 'access_token=IAT1&token_type=bearer&expires_in=3600&scope=storefront+admin', ['admin']);
    expect(await saved(auth)).toEqual({ access: 'IAT1', refresh: 'none', scopes: ['storefront', 'admin'] });
    await vi.waitFor(() => expect(revoked(tabs)).toEqual(['refresh_token:RT1', 'access_token:AT1']), { timeout: 2000, interval: 10 });
  });

  it('a revocation that fails (unreachable) neither blocks nor loses the new session', async () => {
    const { tabs, auth, events } = await codeSessionThenImplicit();
    tabs.setRevocationAnswer(() => Promise.reject(new TypeError('Failed to fetch')));
    await implicitSignIn(tabs, auth, 'access_token=IAT1&token_type=bearer&expires_in=3600&scope=storefront', ['admin']);
    await vi.waitFor(() => expect(tabs.revocations()).toHaveLength(2), { timeout: 2000, interval: 10 });
    expect(await auth.getAccessToken('acme')).toBe('IAT1');
    expect(events).toEqual([]);
    expect((await (await tabs.open()).auth.getSession('acme'))?.tokens.accessToken).toBe('IAT1');
  });

  it('storage refusing the implicit grant’s write: nothing revoked, the next visit still has the old grant and its refresh token', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    await tabs.signIn((await tabs.open()).auth, 'acme');
    switchFlow(tabs, 'token');
    const real = await openStorage({ indexedDB: tabs.factory });
    const sealed: KeyValueStore = { ...real.sealed, set: () => Promise.reject(new DOMException('full', 'QuotaExceededError')) };
    const { auth, events } = await tabs.open({ storage: { ...real, sealed } });
    await implicitSignIn(tabs, auth, 'access_token=IAT1&token_type=bearer&expires_in=3600&scope=storefront', ['admin']);
    expect(events).toMatchObject([{ type: 'storage-write-failed', storeId: 'acme' }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tabs.revocations()).toEqual([]);
    expect((await (await tabs.open()).auth.getSession('acme'))?.tokens).toMatchObject({ accessToken: 'AT1', refreshToken: 'RT1' });
  });

  it('the old access token runs out (no renewal on this flow): the session ends, and its refresh token is revoked, not left valid at the store', async () => {
    const { tabs, auth } = await codeSessionThenImplicit();
    tabs.clock.now += HOUR;
    expect((await catchAppError(() => auth.getAccessToken('acme'))).code).toBe('TOKEN_EXPIRED');
    expect(await auth.getSession('acme')).toBeNull();
    await vi.waitFor(() => expect(revoked(tabs)).toEqual(['refresh_token:RT1']), { timeout: 2000, interval: 10 });
    expect(tabs.tokenCalls()).toHaveLength(1); // the first visit's exchange only: no renewal tried
  });

  it('the store refuses the old access token (401): the session ends, and its refresh token is revoked', async () => {
    const { tabs, auth } = await codeSessionThenImplicit();
    expect((await catchAppError(() => auth.handleUnauthorized('acme', 'AT1'))).code).toBe('TOKEN_EXPIRED');
    expect(await auth.getSession('acme')).toBeNull();
    await vi.waitFor(() => expect(revoked(tabs)).toEqual(['refresh_token:RT1']), { timeout: 2000, interval: 10 });
    expect(tabs.tokenCalls()).toHaveLength(1);
  });

  it('the screen’s requests refused together (three 401s at once) end the session once: one revocation, not three', async () => {
    const { tabs, auth } = await codeSessionThenImplicit();
    const refused = await Promise.all([1, 2, 3].map(() => catchAppError(() => auth.handleUnauthorized('acme', 'AT1'))));
    expect(refused.map((error) => error.code)).toEqual(['TOKEN_EXPIRED', 'TOKEN_EXPIRED', 'TOKEN_EXPIRED']);
    await vi.waitFor(() => expect(revoked(tabs)).toEqual(['refresh_token:RT1']), { timeout: 2000, interval: 10 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(revoked(tabs)).toEqual(['refresh_token:RT1']);
  });
});

describe('implicit, then config.json switches the store to code + PKCE', () => {
  async function implicitSessionThenCode() {
    const tabs = await openTabs([codeStore('acme', { flow: 'token' })]);
    unexpected = tabs.unexpected;
    const first = await tabs.open();
    await implicitSignIn(tabs, first.auth, 'access_token=IAT1&token_type=bearer&expires_in=3600&scope=storefront');
    switchFlow(tabs, 'code');
    return { tabs, ...(await tabs.open()) };
  }

  it('Connect again: the code grant (with its refresh token) replaces the session, and the old access token is revoked', async () => {
    const { tabs, auth } = await implicitSessionThenCode();
    await tabs.signIn(auth, 'acme');
    expect((await auth.getSession('acme'))?.tokens).toMatchObject({ accessToken: 'AT1', refreshToken: 'RT1' });
    await vi.waitFor(() => expect(revoked(tabs)).toEqual(['access_token:IAT1']), { timeout: 2000, interval: 10 });
  });

  it('the old access token runs out: the session ends with nothing to renew, and no request is sent', async () => {
    const { tabs, auth } = await implicitSessionThenCode();
    tabs.clock.now += HOUR;
    expect((await catchAppError(() => auth.getAccessToken('acme'))).code).toBe('TOKEN_EXPIRED');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tabs.seen).toEqual([]);
  });
});

describe('a step-up on the code flow', () => {
  it('granted: the old refresh and access tokens are revoked, the new refresh token kept', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    const { auth } = await tabs.open();
    await tabs.signIn(auth, 'acme');
    tabs.setTokenAnswer(() => json({ access_token: 'AT2', token_type: 'bearer', expires_in: 3600, refresh_token: 'RT2', scope: 'storefront admin' }));
    await auth.beginSignIn('acme', { scopes: ['admin'] });
    const state = new URL(tabs.navigated()).searchParams.get('state');
    await auth.completeSignIn(captureRedirect(`https://app.example/acme/?code=CODE&state=${state}`)!);
    expect((await auth.getSession('acme'))?.tokens).toMatchObject({ accessToken: 'AT2', refreshToken: 'RT2', scopes: ['storefront', 'admin'] });
    await vi.waitFor(() => expect(revoked(tabs)).toEqual(['refresh_token:RT1', 'access_token:AT1']), { timeout: 2000, interval: 10 });
  });
});
