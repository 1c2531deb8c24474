/**
 * The demo store's RFC 7009 revocation endpoint, its RFC 9207 `iss`, and the traffic hooks the
 * app's end-to-end tests read (tokens seen, refresh tokens presented, planned token failures).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoStore, type DemoStore } from './server.ts';
import { CLIENT_ID, REDIRECT_URI, api, authorize, codeTokens, implicitToken, tokenRequest } from './store-client.ts';

let store: DemoStore;
let origin: string;

beforeAll(async () => {
  store = await startDemoStore({ port: 0, sendIssuer: true });
  origin = store.origin;
});
afterAll(() => store.close());

async function revoke(form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${origin}/oauth2/revoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://127.0.0.1:5173', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: response.status, cors: response.headers.get('access-control-allow-origin'), text: await response.text() };
}

describe('POST /oauth2/revoke (RFC 7009)', () => {
  it('a refresh token ends its grant: the refresh token and the access tokens stop working', async () => {
    const tokens = await codeTokens(origin, 'storefront');
    const before = store.stats().revocations;
    const result = await revoke({ token: tokens.refresh_token, token_type_hint: 'refresh_token', client_id: CLIENT_ID });
    expect(result).toMatchObject({ status: 200, cors: 'http://127.0.0.1:5173' });
    expect(store.stats().revocations).toBe(before + 1);
    expect(store.traffic.revocations().at(-1)).toBe('refresh_token');
    expect((await api(origin, '/api/v1/metadata', { token: tokens.access_token })).status).toBe(401);
    const refresh = await tokenRequest(origin, { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: tokens.refresh_token });
    expect(refresh.json.error).toBe('invalid_grant');
  });

  it('an access token ends itself only', async () => {
    const tokens = await codeTokens(origin, 'storefront');
    expect((await revoke({ token: tokens.access_token, token_type_hint: 'access_token', client_id: CLIENT_ID })).status).toBe(200);
    expect(store.traffic.revocations().at(-1)).toBe('access_token');
    expect((await api(origin, '/api/v1/metadata', { token: tokens.access_token })).status).toBe(401);
    const refresh = await tokenRequest(origin, { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: tokens.refresh_token });
    expect(refresh.status).toBe(200);
  });

  it('an unknown or already revoked token gets the same 200 (2.2); a missing token or client is refused', async () => {
    expect((await revoke({ token: 'never-issued', client_id: CLIENT_ID })).status).toBe(200);
    expect(store.traffic.revocations().at(-1)).toBeNull();
    expect((await revoke({ client_id: CLIENT_ID })).status).toBe(400);
    expect((await revoke({ token: 'x' })).status).toBe(400);
    expect((await revoke({ token: 'x', client_id: 'nobody' })).status).toBe(401);
    expect((await revoke({ token: 'x', client_id: CLIENT_ID, token_type_hint: 'id_token' })).status).toBe(400);
  });

  it('another client cannot revoke the default client’s token', async () => {
    store.addClient({ clientId: 'other-app', name: 'Other', redirectUris: [REDIRECT_URI] });
    const token = await implicitToken(origin, 'storefront');
    await revoke({ token, client_id: 'other-app' });
    expect((await api(origin, '/api/v1/metadata', { token })).status).toBe(200);
  });
});

describe('iss on authorization responses (RFC 9207), when asked for', () => {
  it('carries the store’s origin on success and on error, in the query and in the fragment', async () => {
    const implicit = await authorize(origin, { client_id: CLIENT_ID, response_type: 'token', redirect_uri: REDIRECT_URI, scope: 'storefront', state: 's' });
    expect(implicit.fragment.get('iss')).toBe(origin);
    const denied = await authorize(origin, { client_id: CLIENT_ID, response_type: 'token', redirect_uri: REDIRECT_URI, scope: 'storefront', state: 's' }, 'deny');
    expect(denied.fragment.get('iss')).toBe(origin);
    expect(denied.fragment.get('error')).toBe('access_denied');
  });

  it('is absent by default', async () => {
    const plain = await startDemoStore({ port: 0 });
    try {
      const { fragment } = await authorize(plain.origin, { client_id: CLIENT_ID, response_type: 'token', redirect_uri: REDIRECT_URI, scope: 'storefront', state: 's' });
      expect(fragment.has('iss')).toBe(false);
    } finally {
      await plain.close();
    }
  });
});

describe('traffic hooks', () => {
  it('fails planned token requests before processing, so the same refresh token still works after', async () => {
    const tokens = await codeTokens(origin, 'storefront');
    store.traffic.failTokenRequests(1, 429, 1);
    const form = { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: tokens.refresh_token };
    const limited = await tokenRequest(origin, form);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await tokenRequest(origin, form)).status).toBe(200);
    expect(store.traffic.refreshTokensPresented().slice(-2)).toEqual([tokens.refresh_token, tokens.refresh_token]);
  });

  it('counts the API requests per bearer token', async () => {
    const token = await implicitToken(origin, 'storefront');
    await api(origin, '/api/v1/metadata', { token });
    await api(origin, '/api/v1/metadata', { token });
    expect(store.traffic.apiRequestsWith(token)).toBe(2);
    expect(store.traffic.apiRequestsWith('other')).toBe(0);
  });
});
