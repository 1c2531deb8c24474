import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import { HttpError } from '../../../../src/lib/oauth/http-errors.ts';
import {
  corsProbeAllows,
  corsProbeRequest,
  isInvalidClient,
  isInvalidGrant,
  normalizeTokenResponse,
  processTokenResponse,
  refreshTokenRequest,
} from '../../../../src/lib/providers/flickrocket/token.ts';
import { CLIENT_ID, consent } from '../../../platforms/flickrocket/client.ts';
import { startFlickRocketStore, type FlickRocketStore } from '../../../platforms/flickrocket/server.ts';

let queryStore: FlickRocketStore;
let formStore: FlickRocketStore;

beforeAll(async () => {
  queryStore = await startFlickRocketStore({ port: 0, hooksPort: null });
  formStore = await startFlickRocketStore({ port: 0, hooksPort: null, tokenParams: 'form', accessTokenLifetimeSeconds: 600 });
});
afterAll(() => Promise.all([queryStore.close(), formStore.close()]));

const context = (store: FlickRocketStore) => ({ tokenEndpoint: `${store.origin}/token`, clientId: CLIENT_ID });

async function code(store: FlickRocketStore, scope = 'products,orders'): Promise<string> {
  const value = (await consent(store.origin, { scope })).get('code');
  if (value === null) throw new Error('no code');
  return value;
}

async function send(request: { url: string; init: RequestInit }): Promise<Response> {
  return fetch(request.url, request.init);
}

describe('refreshTokenRequest', () => {
  it('describes a POST with the three parameters in both the query and the form body, no credentials', () => {
    const request = refreshTokenRequest({ tokenEndpoint: 'https://admin.flickrocket.com/token', clientId: 'App.1.apps.flickrocket.com', refreshToken: 'abc123' });
    const url = new URL(request.url);
    expect(url.origin + url.pathname).toBe('https://admin.flickrocket.com/token');
    expect(Object.fromEntries(url.searchParams)).toEqual({ grant_type: 'refresh_token', refresh_token: 'abc123', client_id: 'App.1.apps.flickrocket.com' });
    expect(Object.fromEntries(new URLSearchParams(request.init.body))).toEqual(Object.fromEntries(url.searchParams));
    expect(request.init).toMatchObject({ method: 'POST', credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });
    expect(request.init.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(request.init.body).not.toContain('secret');
  });

  it('refuses an empty refresh token and a tokenEndpoint that is not a URL, with stable codes', () => {
    expect(() => refreshTokenRequest({ tokenEndpoint: 'https://x.example/token', clientId: 'c', refreshToken: '' })).toThrow(
      expect.objectContaining({ code: 'TOKEN_MISSING' }),
    );
    expect(() => corsProbeRequest({ tokenEndpoint: 'not a url', clientId: 'c' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

describe('exchange and renewal against the faithful server', () => {
  for (const [mode, store] of [['query', () => queryStore], ['form', () => formStore]] as const) {
    it(`works when /token reads only the ${mode}, and every result carries the next refresh token`, async () => {
      const server = store();
      const first = await code(server);
      const now = Date.now();
      const tokens = await processTokenResponse(await send(refreshTokenRequest({ ...context(server), refreshToken: first })), { now });
      expect(tokens.tokenType).toBe('bearer');
      expect(tokens.scopes).toEqual(['products', 'orders']);
      expect(tokens.refreshToken).toMatch(/^[0-9a-f]{32}$/);
      expect(tokens.refreshToken).not.toBe(first);
      expect(tokens.expiresAt).toBe(now + (mode === 'query' ? 1799 : 600) * 1000);
      expect(tokens.obtainedAt).toBe(now);
      const renewed = await processTokenResponse(await send(refreshTokenRequest({ ...context(server), refreshToken: tokens.refreshToken })), { now });
      expect(renewed.refreshToken).not.toBe(tokens.refreshToken);
      expect(server.tokenRequestsFor(first)).toBe(1);
      expect(server.tokenRequestsFor(tokens.refreshToken)).toBe(1);
    });
  }

  it('a spent refresh token: HttpError OAUTH_TOKEN_REQUEST_FAILED that isInvalidGrant recognises', async () => {
    const first = await code(queryStore);
    await processTokenResponse(await send(refreshTokenRequest({ ...context(queryStore), refreshToken: first })), { now: 0 });
    const error = await processTokenResponse(await send(refreshTokenRequest({ ...context(queryStore), refreshToken: first })), { now: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'OAUTH_TOKEN_REQUEST_FAILED', status: 400 });
    expect(isInvalidGrant(error)).toBe(true);
    expect(isInvalidClient(error)).toBe(false);
    expect(String((error as Error).message)).not.toContain(first);
  });

  it('an unknown client id: isInvalidClient, not isInvalidGrant', async () => {
    const request = refreshTokenRequest({ tokenEndpoint: `${queryStore.origin}/token`, clientId: 'not-registered', refreshToken: await code(queryStore) });
    const error = await processTokenResponse(await send(request), { now: 0 }).catch((e: unknown) => e);
    expect(isInvalidClient(error)).toBe(true);
    expect(isInvalidGrant(error)).toBe(false);
    expect(isInvalidGrant(new AppError('OAUTH_NETWORK_ERROR'))).toBe(false);
  });
});

describe('the pre-consent CORS probe', () => {
  it('spends nothing and gets a readable 400 from a server with CORS', async () => {
    const before = queryStore.stats().maxTokenRequestsPerRefreshToken;
    const outcome = await send(corsProbeRequest(context(queryStore))).catch((e: unknown) => e);
    expect(corsProbeAllows(outcome)).toBe(true);
    expect((outcome as Response).status).toBe(400);
    expect(new URL(corsProbeRequest(context(queryStore)).url).searchParams.has('refresh_token')).toBe(false);
    expect(queryStore.stats().maxTokenRequestsPerRefreshToken).toBe(before);
  });

  it('a fetch failure (what a browser gives for a CORS refusal) means: do not start consent', async () => {
    expect(corsProbeAllows(new TypeError('Failed to fetch'))).toBe(false);
  });
});

describe('normalizeTokenResponse', () => {
  const body = {
    access_token: 'gjRiyX1zl4Js',
    token_type: 'Bearer',
    expires_in: 1799,
    refresh_token: '686ef3e7410b41858237daeaf4dc550b',
    scope: 'products,orders,customers,themes,files',
    '.issued': 'Thu, 21 Apr 2016 13:30:22 GMT',
    '.expires': 'Thu, 21 Apr 2016 14:00:22 GMT',
  };

  it('reads the docs example (token_type in any case, comma scopes)', () => {
    expect(normalizeTokenResponse(body, { now: 1000 })).toEqual({
      accessToken: 'gjRiyX1zl4Js',
      tokenType: 'bearer',
      refreshToken: '686ef3e7410b41858237daeaf4dc550b',
      scopes: ['products', 'orders', 'customers', 'themes', 'files'],
      expiresAt: 1000 + 1799_000,
      obtainedAt: 1000,
    });
  });

  it('falls back to .expires - .issued when expires_in is missing', () => {
    const { expires_in: _, ...rest } = body;
    expect(normalizeTokenResponse(rest, { now: 0 }).expiresAt).toBe(1800_000);
  });

  it('believes a lifetime of a day at most; one given but unreadable counts as a day, none at all as unknown (security case 12)', () => {
    const { expires_in: _, '.issued': __, '.expires': ___, ...bare } = body;
    const day = 86_400_000;
    expect(normalizeTokenResponse({ ...bare, expires_in: 9_999_999_999 }, { now: 5 }).expiresAt).toBe(5 + day);
    expect(normalizeTokenResponse({ ...bare, expires_in: -1 }, { now: 5 }).expiresAt).toBe(5 + day);
    expect(normalizeTokenResponse({ ...bare, expires_in: 'soon' }, { now: 5 }).expiresAt).toBe(5 + day);
    expect(normalizeTokenResponse({ ...bare, '.issued': 'then', '.expires': 'later' }, { now: 5 }).expiresAt).toBe(5 + day);
    expect(normalizeTokenResponse({ ...bare, '.issued': 'Thu, 21 Apr 2016 13:30:22 GMT', '.expires': 'Thu, 21 Apr 2026 13:30:22 GMT' }, { now: 5 }).expiresAt).toBe(5 + day);
    expect(normalizeTokenResponse(bare, { now: 5 }).expiresAt).toBeNull();
  });

  it('rejects a success without a new refresh token, a non-bearer type, and non-objects, by code', () => {
    const { refresh_token: _, ...noRefresh } = body;
    expect(() => normalizeTokenResponse(noRefresh, { now: 0 })).toThrow(expect.objectContaining({ code: 'OAUTH_INVALID_RESPONSE' }));
    expect(() => normalizeTokenResponse({ ...body, token_type: 'mac' }, { now: 0 })).toThrow(expect.objectContaining({ code: 'OAUTH_UNSUPPORTED_TOKEN_TYPE' }));
    expect(() => normalizeTokenResponse([], { now: 0 })).toThrow(expect.objectContaining({ code: 'OAUTH_INVALID_RESPONSE' }));
    expect(() => normalizeTokenResponse({ ...body, access_token: 'has space' }, { now: 0 })).toThrow(expect.objectContaining({ code: 'OAUTH_INVALID_RESPONSE' }));
  });

  it('a 200 that is not JSON is OAUTH_INVALID_RESPONSE', async () => {
    await expect(processTokenResponse(new Response('<html>', { status: 200 }), { now: 0 })).rejects.toMatchObject({ code: 'OAUTH_INVALID_RESPONSE' });
  });
});
