import { beforeEach, describe, expect, it } from 'vitest';
import { completeCodeFlow, refreshAccessToken, startCodeFlow } from '../../../src/lib/oidc/code-flow.ts';
import { computeCodeChallenge } from '../../helpers/pkce.ts';
import { HttpError } from '../../../src/lib/oauth/http-errors.ts';
import { type KeyValueStore } from '../../../src/lib/storage/kv.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import { createOidcStateStore } from '../../../src/lib/storage/oidc-state-store.ts';
import type { AppConfig, GoodsieStoreConfig } from '../../../src/lib/config/types.ts';
import { catchAppError } from '../../helpers/catch-error.ts';
import { json, useTokenEndpoint } from '../../helpers/fake-fetch.ts';

const TOKEN_ENDPOINT = 'https://auth.example.com/oauth2/access_token';
const store: GoodsieStoreConfig = {
  id: 'acme',
  kind: 'goodsie',
  name: 'Acme',
  authorizationEndpoint: 'https://auth.example.com/oauth2/authorize?tenant=acme',
  tokenEndpoint: TOKEN_ENDPOINT,
  apiBase: 'https://api.example.com/api/v1',
  clientId: 'app-1',
  redirectUri: 'https://cdn.example.com/shops/acme/',
  defaultScopes: ['storefront'],
  flow: 'code',
};
const config: AppConfig = { stores: [store] };

let kv: KeyValueStore;
let clock: { now: number };
let tokenAnswer: (form: URLSearchParams, call: number) => Response | Promise<Response>;
// The library must never reach the global fetch.
const endpoint = useTokenEndpoint(TOKEN_ENDPOINT, (form, call) => tokenAnswer(form, call));

const deps = () => ({
  fetch: endpoint.fetch,
  stateStore: createOidcStateStore(kv, { now: () => clock.now }),
  now: () => clock.now,
});

beforeEach(() => {
  kv = createMemoryStore();
  clock = { now: Date.now() };
  tokenAnswer = () => json({ access_token: 'AT1', token_type: 'Bearer', expires_in: 3600, refresh_token: 'RT1', scope: 'storefront' });
});

async function start(scopes = ['storefront', 'cart'], returnTo = '/product/42') {
  const url = new URL(await startCodeFlow(store, { scopes, returnTo }, deps()));
  return { url, state: url.searchParams.get('state')! };
}

describe('startCodeFlow', () => {
  it('builds a plain OAuth 2.0 PKCE request with query response mode and stores the state', async () => {
    const { url, state } = await start();
    expect(url.origin + url.pathname).toBe('https://auth.example.com/oauth2/authorize');
    const q = url.searchParams;
    expect(q.get('tenant')).toBe('acme');
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe('app-1');
    expect(q.get('redirect_uri')).toBe(store.redirectUri);
    expect(q.get('scope')).toBe('storefront cart');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('response_mode')).toBe('query');
    expect(q.has('nonce')).toBe(false);
    expect(q.has('resource')).toBe(false);
    expect(q.get('scope')).not.toContain('openid');
    expect(state).toMatch(/^[0-9a-f]{32}$/);
    expect(await kv.keys()).toEqual([`oidc:${state}`]);
    expect(endpoint.calls).toHaveLength(0);
  });
});

describe('completeCodeFlow', () => {
  it('exchanges the code with the PKCE verifier and returns the granted TokenSet', async () => {
    const { url, state } = await start();
    const result = await completeCodeFlow(`?code=C0DE&state=${state}`, config, deps(), store.redirectUri);
    expect(endpoint.calls).toHaveLength(1);
    const form = endpoint.calls[0]!.form;
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('code')).toBe('C0DE');
    expect(form.get('redirect_uri')).toBe(store.redirectUri);
    expect(form.get('client_id')).toBe('app-1');
    expect(form.has('client_secret')).toBe(false);
    expect(await computeCodeChallenge(form.get('code_verifier')!)).toBe(url.searchParams.get('code_challenge'));
    expect(result).toEqual({
      storeId: 'acme',
      returnTo: '/product/42',
      tokens: {
        accessToken: 'AT1',
        tokenType: 'bearer',
        refreshToken: 'RT1',
        scopes: ['storefront'],
        expiresAt: clock.now + 3_600_000,
        obtainedAt: clock.now,
      },
      // What was asked, beside the grant: cart was left out, and the screens say so (finish-sign-in.ts).
      asked: ['storefront', 'cart'],
    });
  });

  it("copes with Goodsie's expire_in and a missing scope (the requested ones are granted)", async () => {
    tokenAnswer = () => json({ access_token: 'AT1', token_type: 'bearer', expire_in: '315360000' });
    const { state } = await start(['storefront', 'cart']);
    const { tokens } = await completeCodeFlow(`?code=C&state=${state}`, config, deps(), store.redirectUri);
    expect(tokens.scopes).toEqual(['storefront', 'cart']);
    expect(tokens.expiresAt).toBe(clock.now + 315_360_000_000);
    expect(tokens.refreshToken).toBeUndefined();
  });

  it('a replayed callback is OAUTH_STATE_REUSED and never exchanges the code twice', async () => {
    const { state } = await start();
    await completeCodeFlow(`?code=C&state=${state}`, config, deps(), store.redirectUri);
    const error = await catchAppError(() => completeCodeFlow(`?code=C&state=${state}`, config, deps(), store.redirectUri));
    expect(error.code).toBe('OAUTH_STATE_REUSED');
    expect(endpoint.calls).toHaveLength(1);
  });

  it.each([
    ['a forged state', '?code=C&state=0123456789abcdef0123456789abcdef', 'OAUTH_STATE_MISMATCH'],
    ['no state', '?code=C', 'OAUTH_STATE_MISSING'],
    ['an empty state', '?code=C&state=', 'OAUTH_STATE_MISSING'],
    ['a repeated code', '?code=C&code=D&state=x', 'OAUTH_INVALID_RESPONSE'],
  ])('%s gives %s without any request', async (_label, href, code) => {
    await start();
    expect((await catchAppError(() => completeCodeFlow(href, config, deps(), store.redirectUri))).code).toBe(code);
    expect(endpoint.calls).toHaveLength(0);
  });

  it('a state older than 10 minutes is OAUTH_STATE_EXPIRED', async () => {
    const { state } = await start();
    clock.now += 600_001;
    const error = await catchAppError(() => completeCodeFlow(`?code=C&state=${state}`, config, deps(), store.redirectUri));
    expect(error.code).toBe('OAUTH_STATE_EXPIRED');
    expect(endpoint.calls).toHaveLength(0);
  });

  it('access_denied becomes OAUTH_ACCESS_DENIED with the store id, and consumes the state', async () => {
    const { state } = await start();
    const error = await catchAppError(() =>
      completeCodeFlow(`?error=access_denied&error_description=User+said+no&state=${state}`, config, deps(), store.redirectUri),
    );
    expect(error.code).toBe('OAUTH_ACCESS_DENIED');
    expect(error.storeId).toBe('acme');
    expect(endpoint.calls).toHaveLength(0);
    expect((await catchAppError(() => completeCodeFlow(`?code=C&state=${state}`, config, deps(), store.redirectUri))).code).toBe(
      'OAUTH_STATE_REUSED',
    );
  });

  it('a callback without code is OAUTH_INVALID_RESPONSE', async () => {
    const { state } = await start();
    expect((await catchAppError(() => completeCodeFlow(`?state=${state}`, config, deps(), store.redirectUri))).code).toBe(
      'OAUTH_INVALID_RESPONSE',
    );
  });

  it('a 5.2 error from the token endpoint is OAUTH_TOKEN_REQUEST_FAILED with no secret anywhere', async () => {
    tokenAnswer = () => json({ error: 'invalid_grant', error_description: 'code expired' }, 400);
    const { state } = await start();
    const error = await catchAppError(() => completeCodeFlow(`?code=SECRETCODE&state=${state}`, config, deps(), store.redirectUri));
    expect(error.code).toBe('OAUTH_TOKEN_REQUEST_FAILED');
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    expect((error as HttpError).body).toEqual({ error: 'invalid_grant', error_description: 'code expired' });
    expect(error.storeId).toBe('acme');
    const verifier = endpoint.calls[0]!.form.get('code_verifier')!;
    const dump = JSON.stringify({ message: error.message, cause: error.cause, body: (error as HttpError).body });
    expect(dump).not.toContain('SECRETCODE');
    expect(dump).not.toContain(verifier);
  });

  it('a network failure is OAUTH_NETWORK_ERROR, and the code is never sent again', async () => {
    tokenAnswer = () => {
      throw new TypeError('Failed to fetch');
    };
    const { state } = await start();
    const error = await catchAppError(() => completeCodeFlow(`?code=C&state=${state}`, config, deps(), store.redirectUri));
    expect(error.code).toBe('OAUTH_NETWORK_ERROR');
    expect(error.storeId).toBe('acme');
    expect(endpoint.calls).toHaveLength(1);
    expect((await catchAppError(() => completeCodeFlow(`?code=C&state=${state}`, config, deps(), store.redirectUri))).code).toBe(
      'OAUTH_STATE_REUSED',
    );
    expect(endpoint.calls).toHaveLength(1);
  });

  it('a token endpoint that never answers times out as OAUTH_NETWORK_ERROR', async () => {
    tokenAnswer = () => new Promise<Response>(() => undefined);
    const hanging: typeof fetch = (input, init) =>
      new Promise((resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        void endpoint.fetch(input, init).then(resolve, reject);
      });
    const { state } = await start();
    const error = await catchAppError(() =>
      completeCodeFlow(`?code=C&state=${state}`, config, { ...deps(), fetch: hanging, timeoutMs: 20 }, store.redirectUri),
    );
    expect(error.code).toBe('OAUTH_NETWORK_ERROR');
  });

  it('a token response that is not usable is OAUTH_INVALID_RESPONSE or OAUTH_UNSUPPORTED_TOKEN_TYPE', async () => {
    tokenAnswer = () => json({ access_token: 'AT', token_type: 'mac' });
    let { state } = await start();
    expect((await catchAppError(() => completeCodeFlow(`?code=C&state=${state}`, config, deps(), store.redirectUri))).code).toBe(
      'OAUTH_UNSUPPORTED_TOKEN_TYPE',
    );
    tokenAnswer = () => new Response('not json', { status: 200, headers: { 'Content-Type': 'application/json' } });
    ({ state } = await start());
    expect((await catchAppError(() => completeCodeFlow(`?code=C&state=${state}`, config, deps(), store.redirectUri))).code).toBe(
      'OAUTH_INVALID_RESPONSE',
    );
  });

  it.each([
    ['invalid_grant', () => json({ error: 'invalid_grant' }, 400), 'OAUTH_TOKEN_REQUEST_FAILED'],
    ['a 503', () => json({ error: 'temporarily_unavailable' }, 503), 'OAUTH_TOKEN_REQUEST_FAILED'],
    ['no network', () => Promise.reject(new TypeError('Failed to fetch')), 'OAUTH_NETWORK_ERROR'],
    ['an unusable answer', () => json({ access_token: 'AT' }), 'OAUTH_INVALID_RESPONSE'],
  ])('a token request answered with %s carries the page the sign-in began on (a step-up goes back there)', async (_label, answer, code) => {
    tokenAnswer = answer;
    const { state } = await start(['storefront', 'admin'], '/orders');
    const error = await catchAppError(() => completeCodeFlow(`?code=C&state=${state}`, config, deps(), store.redirectUri));
    expect(error.code).toBe(code);
    expect(error.storeId).toBe('acme');
    expect(error.returnTo).toBe('/orders');
  });

  it('an answer whose state is not ours carries no page to go back to', async () => {
    await start(['storefront', 'admin'], '/orders');
    const error = await catchAppError(() => completeCodeFlow('?code=C&state=0123456789abcdef0123456789abcdef', config, deps(), store.redirectUri));
    expect(error.code).toBe('OAUTH_STATE_MISMATCH');
    expect(error.returnTo).toBeUndefined();
  });

  it('a state whose store left the config is OAUTH_STORE_UNLISTED (ours, not a forgery), with no request', async () => {
    const { state } = await start();
    const error = await catchAppError(() => completeCodeFlow(`?code=C&state=${state}`, { stores: [] }, deps(), store.redirectUri));
    expect(error.code).toBe('OAUTH_STORE_UNLISTED');
    expect(error.storeId).toBe('acme');
    expect(endpoint.calls).toHaveLength(0);
  });

  it('a state whose store is still listed but no longer on the code flow is a store configured differently (security case 5): OAUTH_MIX_UP naming its store and page, no token request', async () => {
    const { state } = await start();
    const error = await catchAppError(() => completeCodeFlow(`?code=C&state=${state}`, { stores: [{ ...store, flow: 'token' }] }, deps(), store.redirectUri));
    expect([error.code, error.storeId, error.returnTo]).toEqual(['OAUTH_MIX_UP', store.id, '/product/42']);
    expect(endpoint.calls).toHaveLength(0);
  });

  it('a state whose store config.json now gives another client id: OAUTH_MIX_UP before any token request (the code was issued to the old one)', async () => {
    const { state } = await start();
    const error = await catchAppError(() => completeCodeFlow(`?code=C&state=${state}`, { stores: [{ ...store, clientId: 'another-client' }] }, deps(), store.redirectUri));
    expect([error.code, error.storeId]).toEqual(['OAUTH_MIX_UP', store.id]);
    expect(endpoint.calls).toHaveLength(0);
  });
});

describe('refreshAccessToken', () => {
  const tokens = {
    accessToken: 'AT0',
    tokenType: 'bearer' as const,
    refreshToken: 'RT0',
    scopes: ['storefront'],
    expiresAt: 0,
    obtainedAt: 0,
  };

  it('uses the refresh grant and stores the rotated refresh token', async () => {
    tokenAnswer = () => json({ access_token: 'AT1', token_type: 'bearer', expires_in: 60, refresh_token: 'RT1' });
    const refreshed = await refreshAccessToken(store, tokens, deps());
    const form = endpoint.calls[0]!.form;
    expect(form.get('grant_type')).toBe('refresh_token');
    expect(form.get('refresh_token')).toBe('RT0');
    expect(form.get('client_id')).toBe('app-1');
    expect(form.get('scope')).toBe('storefront');
    expect(refreshed).toEqual({
      accessToken: 'AT1',
      tokenType: 'bearer',
      refreshToken: 'RT1',
      scopes: ['storefront'],
      expiresAt: clock.now + 60_000,
      obtainedAt: clock.now,
    });
  });

  it('keeps the old refresh token when the server does not rotate', async () => {
    tokenAnswer = () => json({ access_token: 'AT1', token_type: 'bearer' });
    expect((await refreshAccessToken(store, tokens, deps())).refreshToken).toBe('RT0');
  });

  it('a rejected refresh token is OAUTH_TOKEN_REQUEST_FAILED', async () => {
    tokenAnswer = () => json({ error: 'invalid_grant' }, 400);
    const error = await catchAppError(() => refreshAccessToken(store, tokens, deps()));
    expect(error.code).toBe('OAUTH_TOKEN_REQUEST_FAILED');
    expect(JSON.stringify({ m: error.message, c: error.cause })).not.toContain('RT0');
  });

  it('a token endpoint that sends its headers and then stalls the body gives up in time as OAUTH_NETWORK_ERROR (the renewal does not hold its lock for ever)', async () => {
    // As a browser's fetch does: the body stream errors when the request's signal aborts.
    const stalled: typeof fetch = async (_input, init) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"access_token":"AT1",'));
          init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
    };
    const refreshing = refreshAccessToken(store, tokens, { ...deps(), fetch: stalled, timeoutMs: 20 });
    const outcome = await Promise.race([refreshing.then(() => 'renewed', (error: unknown) => error), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1_000))]);
    expect(outcome).toMatchObject({ code: 'OAUTH_NETWORK_ERROR' });
  });

  it('without a refresh token it is TOKEN_EXPIRED and sends nothing', async () => {
    const { refreshToken: _dropped, ...noRefresh } = tokens;
    expect((await catchAppError(() => refreshAccessToken(store, noRefresh, deps()))).code).toBe('TOKEN_EXPIRED');
    expect(endpoint.calls).toHaveLength(0);
  });
});
