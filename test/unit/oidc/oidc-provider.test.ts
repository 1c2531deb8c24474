/**
 * The code flow against node-oidc-provider (a certified OpenID Provider) running in-process on
 * 127.0.0.1: a public client with PKCE required, refresh token rotation, opaque access tokens for a
 * default resource (so our requests stay resource-less), plain OAuth 2.0 (no openid scope).
 * The browser part (consent) is driven by fetch with a tiny cookie jar; our interaction endpoint
 * grants 'storefront cart' (fewer than asked) or denies.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppConfig, StoreConfig } from '../../../src/lib/config/types.ts';
import { completeCodeFlow, refreshAccessToken, startCodeFlow } from '../../../src/lib/oidc/code-flow.ts';
import { openStorage, type KeyValueStore } from '../../../src/lib/storage/kv.ts';
import { createOidcStateStore } from '../../../src/lib/storage/oidc-state-store.ts';
import { catchAppError } from '../oauth/catch-error.ts';
import { IDBFactory } from 'fake-indexeddb';

const REDIRECT_URI = 'https://cdn.example.com/shops/acme/';
const RESOURCE = 'https://api.example.com/';
let server: Server;
let issuer: string;
let store: StoreConfig;
let config: AppConfig;
let kv: KeyValueStore;
/** What the fake user does on the consent screen. */
let decision: 'allow' | 'deny' = 'allow';

beforeAll(async () => {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'storefront-app',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [REDIRECT_URI],
      },
    ],
    rotateRefreshToken: true,
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 3600, AuthorizationCode: 60, RefreshToken: 86400 },
    issueRefreshToken: async () => true,
    pkce: { required: () => true },
    cookies: { keys: ['integration-test-cookie-key'] },
    findAccount: async (_ctx: unknown, id: string) => ({ accountId: id, claims: async () => ({ sub: id }) }),
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async () => ({ scope: 'storefront cart admin', accessTokenFormat: 'opaque' }),
      },
    },
  });
  const providerHandler = provider.callback();
  handler = (req, res) => {
    const match = /^\/interaction\/([^/?]+)/.exec(req.url ?? '');
    if (!match) return providerHandler(req, res);
    void (async () => {
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
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  };

  store = {
    id: 'op',
    kind: 'goodsie',
    name: 'node-oidc-provider',
    authorizationEndpoint: `${issuer}/auth`,
    tokenEndpoint: `${issuer}/token`,
    apiBase: RESOURCE,
    clientId: 'storefront-app',
    redirectUri: REDIRECT_URI,
    defaultScopes: ['storefront'],
    flow: 'code',
  };
  config = { stores: [store] };
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
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

    const result = await completeCodeFlow(query, config, deps());
    expect(result.storeId).toBe('op');
    expect(result.returnTo).toBe('/orders');
    expect(result.tokens.tokenType).toBe('bearer');
    expect(result.tokens.accessToken.split('.')).toHaveLength(1); // opaque, not a JWT
    expect(result.tokens.scopes.sort()).toEqual(['cart', 'storefront']);
    expect(result.tokens.refreshToken).toEqual(expect.any(String));
    expect(result.tokens.expiresAt).toBeGreaterThan(Date.now());

    // The same callback again: refused locally, the code is not sent twice.
    expect((await catchAppError(() => completeCodeFlow(query, config, deps()))).code).toBe('OAUTH_STATE_REUSED');

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
    const error = await catchAppError(() => completeCodeFlow(new URL(callback).search, config, deps()));
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
