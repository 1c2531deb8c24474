import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import { HttpError } from '../../../../src/lib/oauth/http-errors.ts';
import {
  corsProbeAllows,
  corsProbeRequest,
  endsRenewal,
  isInvalidGrant,
  normalizeTokenResponse,
  processTokenResponse,
  refreshTokenRequest,
} from '../../../../src/lib/providers/flickrocket/token.ts';
import { CLIENT_ID, consent } from '../../../platforms/flickrocket/client.ts';
import { startFlickRocketStore, type FlickRocketStore } from '../../../platforms/flickrocket/server.ts';

let store: FlickRocketStore;

beforeAll(async () => {
  store = await startFlickRocketStore({ port: 0, hooksPort: null, accessTokenLifetimeSeconds: 600 });
});
afterAll(() => store.close());

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
  it('describes a POST with the three parameters in the form body only, none in the URL, no credentials', () => {
    const request = refreshTokenRequest({ tokenEndpoint: 'https://admin.flickrocket.com/token', clientId: 'App.1.apps.flickrocket.com', refreshToken: 'abc123' });
    expect(request.url).toBe('https://admin.flickrocket.com/token');
    expect([...new URL(request.url).searchParams.keys()]).toEqual([]);
    expect(request.url).not.toContain('abc123');
    expect(Object.fromEntries(new URLSearchParams(request.init.body))).toEqual({ grant_type: 'refresh_token', refresh_token: 'abc123', client_id: 'App.1.apps.flickrocket.com' });
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
  it('works with a /token that reads the form body, sends nothing in the URL, and every result carries the next refresh token', async () => {
    const first = await code(store);
    store.clearRequests();
    const now = Date.now();
    const tokens = await processTokenResponse(await send(refreshTokenRequest({ ...context(store), refreshToken: first })), { now });
    expect(tokens.tokenType).toBe('bearer');
    expect(tokens.scopes).toEqual(['products', 'orders']);
    expect(tokens.refreshToken).toMatch(/^[0-9a-f]{32}$/);
    expect(tokens.refreshToken).not.toBe(first);
    expect(tokens.expiresAt).toBe(now + 600 * 1000);
    expect(tokens.obtainedAt).toBe(now);
    const renewed = await processTokenResponse(await send(refreshTokenRequest({ ...context(store), refreshToken: tokens.refreshToken })), { now });
    expect(renewed.refreshToken).not.toBe(tokens.refreshToken);
    expect(store.tokenRequestsFor(first)).toBe(1);
    expect(store.tokenRequestsFor(tokens.refreshToken)).toBe(1);
    expect(store.requests().map((r) => [r.path, r.queryKeys])).toEqual([
      ['/token', []],
      ['/token', []],
    ]);
  });

  it('a spent refresh token: HttpError OAUTH_TOKEN_REQUEST_FAILED that isInvalidGrant recognises', async () => {
    const first = await code(store);
    await processTokenResponse(await send(refreshTokenRequest({ ...context(store), refreshToken: first })), { now: 0 });
    const error = await processTokenResponse(await send(refreshTokenRequest({ ...context(store), refreshToken: first })), { now: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'OAUTH_TOKEN_REQUEST_FAILED', status: 400 });
    expect(isInvalidGrant(error)).toBe(true);
    expect(endsRenewal(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain(first);
  });

  it('an unknown client id (invalid_client): the renewal ends, though not as a spent token (isInvalidGrant)', async () => {
    const request = refreshTokenRequest({ tokenEndpoint: `${store.origin}/token`, clientId: 'not-registered', refreshToken: await code(store) });
    const error = await processTokenResponse(await send(request), { now: 0 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'OAUTH_TOKEN_REQUEST_FAILED' });
    expect(endsRenewal(error)).toBe(true);
    expect(isInvalidGrant(error)).toBe(false);
    expect(isInvalidGrant(new AppError('OAUTH_NETWORK_ERROR'))).toBe(false);
    expect(endsRenewal(new AppError('OAUTH_NETWORK_ERROR'))).toBe(false);
  });
});

describe('the pre-consent CORS probe', () => {
  it('spends nothing and gets a readable 400 from a server with CORS', async () => {
    const before = store.stats().maxTokenRequestsPerRefreshToken;
    const outcome = await send(corsProbeRequest(context(store))).catch((e: unknown) => e);
    expect(corsProbeAllows(outcome)).toBe(true);
    expect((outcome as Response).status).toBe(400);
    // read from the form: the grant was understood, only the refresh token is missing
    expect(await (outcome as Response).json()).toEqual({ error: 'invalid_grant' });
    const probe = corsProbeRequest(context(store));
    expect(probe.url).toBe(`${store.origin}/token`);
    expect(Object.fromEntries(new URLSearchParams(probe.init.body))).toEqual({ grant_type: 'refresh_token', client_id: CLIENT_ID });
    expect(store.stats().maxTokenRequestsPerRefreshToken).toBe(before);
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
