/**
 * The code flow against node-oidc-provider (a certified OpenID Provider) running in-process on
 * 127.0.0.1: a public client with PKCE required, refresh token rotation, opaque access tokens for a
 * default resource (so our requests stay resource-less), plain OAuth 2.0 (no openid scope).
 * The browser part (consent) is driven by fetch with a tiny cookie jar; our interaction endpoint
 * grants 'storefront cart' (fewer than asked) or denies.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppConfig, GoodsieStoreConfig } from '../../../src/lib/config/types.ts';
import { completeCodeFlow, refreshAccessToken, startCodeFlow } from '../../../src/lib/oidc/code-flow.ts';
import { openStorage, type KeyValueStore } from '../../../src/lib/storage/kv.ts';
import { createOidcStateStore } from '../../../src/lib/storage/oidc-state-store.ts';
import { startOidcServer, type OidcServer } from '../../helpers/oidc-server.ts';
import { catchAppError } from '../../helpers/catch-error.ts';
import { IDBFactory } from 'fake-indexeddb';

const REDIRECT_URI = 'https://cdn.example.com/shops/acme/';
const RESOURCE = 'https://api.example.com/';
let oidc: OidcServer;
let issuer: string;
let store: GoodsieStoreConfig;
let config: AppConfig;
let kv: KeyValueStore;
/** What the fake user does on the consent screen. */
let decision: 'allow' | 'deny' = 'allow';

beforeAll(async () => {
  oidc = await startOidcServer({
    clientId: 'storefront-app',
    redirectUris: [REDIRECT_URI],
    resource: RESOURCE,
    // Our interaction endpoint: grants 'storefront cart' (fewer than asked) or denies.
    interactions: async (provider, req, res) => {
      const details = await provider.interactionDetails(req, res);
      if (decision === 'deny') {
        await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User denied' });
        return;
      }
      const grant = new provider.Grant({ accountId: 'shopper-1', clientId: String(details.params['client_id']) });
      grant.addResourceScope(RESOURCE, 'storefront cart');
      grant.rejectResourceScope(RESOURCE, 'admin');
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId: 'shopper-1' }, consent: { grantId } });
    },
  });
  issuer = oidc.issuer;

  store = {
    id: 'op',
    kind: 'goodsie',
    name: 'node-oidc-provider',
    authorizationEndpoint: oidc.authorizationEndpoint,
    tokenEndpoint: oidc.tokenEndpoint,
    apiBase: RESOURCE,
    clientId: 'storefront-app',
    redirectUri: REDIRECT_URI,
    defaultScopes: ['storefront'],
    flow: 'code',
  };
  config = { stores: [store] };
});

afterAll(async () => {
  await oidc?.close();
});

beforeEach(async () => {
  decision = 'allow';
  kv = (await openStorage({ indexedDB: new IDBFactory() })).store;
});

const deps = () => ({ fetch: globalThis.fetch, stateStore: createOidcStateStore(kv, { now: Date.now }), now: Date.now });

/** Follows the authorization server's redirects like a browser until it lands on our redirect URI. */
async function authorize(url: string): Promise<string> {
  const jar = new Map<string, string>();
  let next = url;
  for (let hop = 0; hop < 10; hop++) {
    if (next.startsWith(REDIRECT_URI)) return next;
    const response = await fetch(next, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at).trim(), pair.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`authorization stopped at HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
    next = new URL(location, next).href;
  }
  throw new Error('too many redirects');
}

describe('code flow against node-oidc-provider', () => {
  it('signs in with PKCE, gets the granted scopes and an opaque token, and rotates the refresh token', async () => {
    const url = await startCodeFlow(store, { scopes: ['storefront', 'cart', 'admin'], returnTo: '/orders' }, deps());
    const callback = await authorize(url);
    expect(new URL(callback).searchParams.has('code')).toBe(true);
    const query = new URL(callback).search;

    const result = await completeCodeFlow(query, config, deps(), REDIRECT_URI);
    expect(result.storeId).toBe('op');
    expect(result.returnTo).toBe('/orders');
    expect(result.tokens.tokenType).toBe('bearer');
    expect(result.tokens.accessToken.split('.')).toHaveLength(1); // opaque, not a JWT
    expect(result.tokens.scopes.sort()).toEqual(['cart', 'storefront']);
    expect(result.tokens.refreshToken).toEqual(expect.any(String));
    expect(result.tokens.expiresAt).toBeGreaterThan(Date.now());

    // The same callback again: refused locally, the code is not sent twice.
    expect((await catchAppError(() => completeCodeFlow(query, config, deps(), REDIRECT_URI))).code).toBe('OAUTH_STATE_REUSED');

    const refreshed = await refreshAccessToken(store, result.tokens, deps());
    expect(refreshed.accessToken).not.toBe(result.tokens.accessToken);
    expect(refreshed.refreshToken).toEqual(expect.any(String));
    expect(refreshed.refreshToken).not.toBe(result.tokens.refreshToken);
    expect(refreshed.scopes.sort()).toEqual(['cart', 'storefront']);

    // The rotated-out refresh token is dead.
    const stale = await catchAppError(() => refreshAccessToken(store, result.tokens, deps()));
    expect(stale.code).toBe('OAUTH_TOKEN_REQUEST_FAILED');
  });

  it('reports a denied consent as OAUTH_ACCESS_DENIED for the store', async () => {
    decision = 'deny';
    const url = await startCodeFlow(store, { scopes: ['storefront'], returnTo: '/' }, deps());
    const callback = await authorize(url);
    const error = await catchAppError(() => completeCodeFlow(new URL(callback).search, config, deps(), REDIRECT_URI));
    expect(error.code).toBe('OAUTH_ACCESS_DENIED');
    expect(error.storeId).toBe('op');
  });

  it('a code exchanged with the wrong verifier is refused by the server', async () => {
    const url = await startCodeFlow(store, { scopes: ['storefront'], returnTo: '/' }, deps());
    const callback = await authorize(url);
    const code = new URL(callback).searchParams.get('code')!;
    const response = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        client_id: 'storefront-app',
        redirect_uri: REDIRECT_URI,
        code_verifier: 'x'.repeat(43),
      }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_grant');
  });
});
