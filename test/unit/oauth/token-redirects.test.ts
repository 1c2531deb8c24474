/**
 * Token requests never follow a redirect (security case 28: "the Shopware password exists only for
 * its single request"; platforms.md 1.1: a secret goes only to its store). A 307 or 308 makes fetch
 * send the same body again, to wherever Location says: the password, the client secret, the
 * single-use code or refresh token would reach another server. Against real local servers with the
 * runtime's fetch: the first answers 307 to the second, which must hear nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestToken } from '../../../src/lib/providers/shopware6/token.ts';
import { foxyRefreshRequest } from '../../../src/lib/providers/foxy/token.ts';
import { refreshTokenRequest } from '../../../src/lib/providers/flickrocket/token.ts';
import { revocationRequest } from '../../../src/lib/oauth/revocation.ts';
import { completeCodeFlow, refreshAccessToken, startCodeFlow } from '../../../src/lib/oidc/code-flow.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import { createOidcStateStore } from '../../../src/lib/storage/oidc-state-store.ts';
import type { GoodsieStoreConfig } from '../../../src/lib/config/types.ts';

const SECRET = 'a-secret-that-must-stay-home-4711';

/** What the redirect target received: every request's path and body. */
const heard: string[] = [];
let target: Server;
let redirecting: Server;
let targetOrigin = '';
let redirectingOrigin = '';

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  target = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      heard.push(`${request.url ?? ''} ${body} ${request.headers.authorization ?? ''}`);
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  targetOrigin = await listen(target);
  redirecting = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(307, { Location: `${targetOrigin}${request.url ?? '/'}` }).end());
  });
  redirectingOrigin = await listen(redirecting);
});
afterAll(async () => {
  await new Promise((resolve) => target.close(resolve));
  await new Promise((resolve) => redirecting.close(resolve));
});

/** Runs `send`, which must fail, and returns whether the redirect target heard the secret. */
async function leaks(send: () => Promise<unknown>): Promise<boolean> {
  heard.length = 0;
  await send().then(
    () => undefined,
    () => undefined,
  );
  return heard.some((line) => line.includes(SECRET));
}

describe('a token endpoint that answers 307 to another server', () => {
  it('checks itself: a plain fetch of the same POST does follow, body and all', async () => {
    expect(await leaks(() => fetch(`${redirectingOrigin}/token`, { method: 'POST', body: SECRET }))).toBe(true);
  });

  it('Shopware’s password grant: the password is not sent on', async () => {
    const grant = { grant_type: 'password', client_id: 'administration', scope: 'write', username: 'admin', password: SECRET } as const;
    expect(await leaks(() => requestToken(fetch, redirectingOrigin, grant, Date.now))).toBe(false);
  });

  it('Shopware’s integration grant: the secret access key is not sent on', async () => {
    const grant = { grant_type: 'client_credentials', client_id: 'SWIAEXAMPLEKEY0001', client_secret: SECRET } as const;
    expect(await leaks(() => requestToken(fetch, redirectingOrigin, grant, Date.now))).toBe(false);
  });

  it('Foxy’s refresh: neither the client secret nor the refresh token is sent on', async () => {
    const bundle = { clientId: 'client_x', clientSecret: SECRET, refreshToken: `${SECRET}-rt` };
    expect(await leaks(() => foxyRefreshRequest(fetch, { tokenEndpoint: `${redirectingOrigin}/token`, bundle }))).toBe(false);
  });

  it('FlickRocket’s exchange: the code (a refresh token) is not sent on', async () => {
    const { url, init } = refreshTokenRequest({ tokenEndpoint: `${redirectingOrigin}/token`, clientId: 'fr-client', refreshToken: SECRET });
    expect(await leaks(() => fetch(url, init))).toBe(false);
  });

  it('a revocation: the token is not sent on', async () => {
    const { url, init } = revocationRequest({ revocationEndpoint: `${redirectingOrigin}/revoke`, clientId: 'c' }, SECRET, 'refresh_token');
    expect(await leaks(() => fetch(url, init))).toBe(false);
  });

  it('Goodsie’s code flow: neither the code (with its verifier) nor a refresh token is sent on', async () => {
    const store: GoodsieStoreConfig = {
      id: 'acme',
      kind: 'goodsie',
      name: 'Acme',
      authorizationEndpoint: `${redirectingOrigin}/authorize`,
      tokenEndpoint: `${redirectingOrigin}/token`,
      apiBase: `${redirectingOrigin}/api/v1`,
      clientId: 'app-1',
      redirectUri: 'https://cdn.example.com/shops/acme/',
      defaultScopes: ['storefront'],
      flow: 'code',
    };
    const deps = { fetch, stateStore: createOidcStateStore(createMemoryStore(), { now: Date.now }), now: Date.now };
    const state = new URL(await startCodeFlow(store, { scopes: ['storefront'], returnTo: '/' }, deps)).searchParams.get('state')!;
    expect(await leaks(() => completeCodeFlow(`?code=${SECRET}&state=${state}`, { stores: [store] }, deps, store.redirectUri))).toBe(false);
    const tokens = { accessToken: 'AT', tokenType: 'bearer' as const, scopes: ['storefront'], expiresAt: Date.now(), obtainedAt: Date.now(), refreshToken: SECRET };
    expect(await leaks(() => refreshAccessToken(store, tokens, deps))).toBe(false);
  });
});
