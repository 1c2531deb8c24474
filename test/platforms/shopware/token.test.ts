import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, BROWSE, apiSearch, call, passwordGrant, refreshGrant, tokenRequest, type Answer } from './client.ts';
import { fingerprint } from './oauth.ts';
import { startShopwareStore, type ShopwareStore } from './server.ts';

let store: ShopwareStore;
let origin: string;

// the throttle is keyed by username + IP: each test uses its own user-less or reset path, and a
// high divisor keeps the backoff out of these tests' way
beforeAll(async () => {
  store = await startShopwareStore({ port: 0, throttleDivisor: 1_000_000 });
  origin = store.origin;
});
afterAll(() => store.close());

function expectError(answer: Answer, status: number, code: string, title: string, detail: string | null): void {
  expect(answer.status).toBe(status);
  expect(answer.json).toEqual({ errors: [expect.objectContaining({ status: String(status), code, title, detail })] });
}

describe('body parsing (4.6.1)', () => {
  it('reads JSON when the Content-Type starts with application/json, any case and parameters', async () => {
    const answer = await tokenRequest(origin, { grant_type: 'client_credentials', client_id: BROWSE.accessKeyId, client_secret: BROWSE.secret }, 'Application/JSON; charset=utf-8');
    expect(answer.status).toBe(200);
  });

  it('reads a form body too', async () => {
    const answer = await tokenRequest(origin, { grant_type: 'client_credentials', client_id: BROWSE.accessKeyId, client_secret: BROWSE.secret }, 'application/x-www-form-urlencoded');
    expect(answer.status).toBe(200);
  });

  it('sees no parameters in any other type (the application:json typo) and answers code "2"', async () => {
    const answer = await tokenRequest(origin, { grant_type: 'client_credentials', client_id: BROWSE.accessKeyId, client_secret: BROWSE.secret }, 'application:json');
    expectError(answer, 400, '2', 'The authorization grant type is not supported by the authorization server.', 'Check that all required parameters have been provided');
  });

  it('answers malformed JSON with a 400 "The JSON payload is malformed."', async () => {
    const answer = await call(`${origin}/api/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"grant_type":' });
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].detail).toBe('The JSON payload is malformed.');
  });

  it("records each token request's Content-Type in order", async () => {
    const before = store.stats().tokenRequests.contentTypes.length;
    await tokenRequest(origin, { grant_type: 'client_credentials', client_id: BROWSE.accessKeyId, client_secret: BROWSE.secret }, 'text/plain');
    await tokenRequest(origin, { grant_type: 'client_credentials', client_id: BROWSE.accessKeyId, client_secret: BROWSE.secret });
    expect(store.stats().tokenRequests.contentTypes.slice(before)).toEqual(['text/plain', 'application/json']);
  });
});

describe('client_credentials (integration)', () => {
  it('answers Bearer, 600 s and no refresh token', async () => {
    const answer = await tokenRequest(origin, { grant_type: 'client_credentials', client_id: ADMIN.accessKeyId, client_secret: ADMIN.secret });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ token_type: 'Bearer', expires_in: 600, access_token: expect.stringMatching(/^eyJ0/) });
    expect(answer.headers.get('www-authenticate')).toBeNull();
  });

  it('refuses a wrong secret and an unknown SWIA key with 401 code "4" and detail null', async () => {
    expectError(await tokenRequest(origin, { grant_type: 'client_credentials', client_id: BROWSE.accessKeyId, client_secret: 'wrong' }), 401, '4', 'Client authentication failed', null);
    expectError(await tokenRequest(origin, { grant_type: 'client_credentials', client_id: 'SWIAUNKNOWNKEY000000000000', client_secret: BROWSE.secret }), 401, '4', 'Client authentication failed', null);
  });

  it('answers 500 FRAMEWORK__API_INVALID_ACCESS_KEY for a key id without a known prefix', async () => {
    const answer = await tokenRequest(origin, { grant_type: 'client_credentials', client_id: 'ABCDEFGHIJKLMNOP', client_secret: 'x' });
    expectError(answer, 500, 'FRAMEWORK__API_INVALID_ACCESS_KEY', 'Internal Server Error', 'Access key is invalid and could not be identified.');
  });

  it('tells the ID’s kind by SWIA in capitals only (a small-letter swia… is the 500 above), and finds the rest of it in any case, as its utf8mb4_unicode_ci column does', async () => {
    const lower = BROWSE.accessKeyId.toLowerCase();
    expectError(await tokenRequest(origin, { grant_type: 'client_credentials', client_id: lower, client_secret: BROWSE.secret }), 500, 'FRAMEWORK__API_INVALID_ACCESS_KEY', 'Internal Server Error', 'Access key is invalid and could not be identified.');
    const rest = await tokenRequest(origin, { grant_type: 'client_credentials', client_id: `SWIA${lower.slice(4)}`, client_secret: BROWSE.secret });
    expect(rest.status).toBe(200);
  });

  it('refuses a revoked integration, and its live token keeps no rights', async () => {
    const local = await startShopwareStore({ port: 0 });
    try {
      const token = (await tokenRequest(local.origin, { grant_type: 'client_credentials', client_id: BROWSE.accessKeyId, client_secret: BROWSE.secret })).json.access_token;
      expect(local.revokeIntegration(BROWSE.accessKeyId)).toBe(true);
      expect((await tokenRequest(local.origin, { grant_type: 'client_credentials', client_id: BROWSE.accessKeyId, client_secret: BROWSE.secret })).status).toBe(401);
      expect((await apiSearch(local.origin, 'product', token, { limit: 1 })).json.errors[0].code).toBe('FRAMEWORK__MISSING_PRIVILEGE_ERROR');
    } finally {
      await local.close();
    }
  });
});

describe('password and refresh_token grants', () => {
  it('issues access + refresh for client administration, and each refresh rotates the refresh token', async () => {
    const first = await passwordGrant(origin);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ token_type: 'Bearer', expires_in: 600, access_token: expect.any(String), refresh_token: expect.stringMatching(/^def50200/) });
    const second = await refreshGrant(origin, first.json.refresh_token);
    expect(second.status).toBe(200);
    expect(second.json.refresh_token).not.toBe(first.json.refresh_token);
    // the old access token still works: refresh does not revoke access tokens
    expect((await apiSearch(origin, 'product', first.json.access_token, { limit: 1 })).status).toBe(200);
    // reuse of the rotated refresh token
    expectError(await refreshGrant(origin, first.json.refresh_token), 400, '8', 'The refresh token is invalid.', 'Token has been revoked');
    expect((await refreshGrant(origin, second.json.refresh_token)).status).toBe(200);
  });

  it('refuses garbage as undecryptable and an expired refresh token as expired', async () => {
    expectError(await refreshGrant(origin, 'not-a-token'), 400, '8', 'The refresh token is invalid.', 'Cannot decrypt the refresh token');
    const local = await startShopwareStore({ port: 0 });
    try {
      const refresh = (await passwordGrant(local.origin)).json.refresh_token;
      local.advanceClock(7 * 24 * 3600 + 1);
      expectError(await refreshGrant(local.origin, refresh), 400, '8', 'The refresh token is invalid.', 'Token has expired');
    } finally {
      await local.close();
    }
  });

  it('answers code-8 errors with 401 on league 8', async () => {
    const local = await startShopwareStore({ port: 0, league: 8 });
    try {
      expectError(await refreshGrant(local.origin, 'not-a-token'), 401, '8', 'The refresh token is invalid.', 'Cannot decrypt the refresh token');
    } finally {
      await local.close();
    }
  });

  it('answers wrong credentials with 400 code "6" and detail null, missing fields with code "3"', async () => {
    expectError(await passwordGrant(origin, 'admin', 'wrong'), 400, '6', 'The user credentials were incorrect.', null);
    const missing = await tokenRequest(origin, { grant_type: 'password', client_id: 'administration', password: 'x' });
    expect(missing.json.errors[0]).toMatchObject({ status: '400', code: '3', detail: 'Check the `username` parameter' });
    const noRefresh = await tokenRequest(origin, { grant_type: 'refresh_token', client_id: 'administration' });
    expect(noRefresh.json.errors[0]).toMatchObject({ code: '3', detail: 'Check the `refresh_token` parameter' });
  });

  it('answers a password grant for another client, and an unknown grant, with code "2"', async () => {
    const other = await tokenRequest(origin, { grant_type: 'password', client_id: 'storefront-connect', username: 'admin', password: 'shopware' });
    expect(other.json.errors[0]).toMatchObject({ status: '400', code: '2' });
    expect((await tokenRequest(origin, { grant_type: 'authorization_code', client_id: 'administration' })).json.errors[0].code).toBe('2');
  });

  it('kills refresh tokens and older access tokens on a password change; a new sign-in works', async () => {
    const local = await startShopwareStore({ port: 0 });
    try {
      const before = (await passwordGrant(local.origin, 'viewer', 'viewer-demo-1')).json;
      local.changePassword('viewer', 'new-password-2');
      const dead = await apiSearch(local.origin, 'product', before.access_token, { limit: 1 });
      expectError(dead, 401, '9', 'The resource owner or authorization server denied the request.', 'Access token is expired');
      expect((await refreshGrant(local.origin, before.refresh_token)).json.errors[0].detail).toBe('Token has been revoked');
      expect((await passwordGrant(local.origin, 'viewer', 'viewer-demo-1')).status).toBe(400);
      const after = await passwordGrant(local.origin, 'viewer', 'new-password-2');
      expect((await apiSearch(local.origin, 'product', after.json.access_token, { limit: 1 })).status).toBe(200);
    } finally {
      await local.close();
    }
  });
});

describe('access tokens', () => {
  it('expire after 600 s with the 401 of 4.2, without WWW-Authenticate', async () => {
    const local = await startShopwareStore({ port: 0 });
    try {
      const token = (await passwordGrant(local.origin)).json.access_token;
      local.advanceClock(599);
      expect((await apiSearch(local.origin, 'product', token, { limit: 1 })).status).toBe(200);
      local.advanceClock(1);
      const expired = await apiSearch(local.origin, 'product', token, { limit: 1 });
      expectError(expired, 401, '9', 'The resource owner or authorization server denied the request.', 'Access token could not be verified');
      expect(expired.headers.get('www-authenticate')).toBeNull();
    } finally {
      await local.close();
    }
  });

  it('answers a request without Authorization with detail Missing "Authorization" header', async () => {
    const answer = await call(`${origin}/api/_info/version`, { headers: { Accept: 'application/json' } });
    expectError(answer, 401, '9', 'The resource owner or authorization server denied the request.', 'Missing "Authorization" header');
  });

  it('follow the accessTokenTtlSeconds knob', async () => {
    const local = await startShopwareStore({ port: 0, accessTokenTtlSeconds: 5 });
    try {
      expect((await passwordGrant(local.origin)).json.expires_in).toBe(5);
    } finally {
      await local.close();
    }
  });
});

describe('stats', () => {
  it('count token requests per grant, per refresh token and per credential', async () => {
    const local = await startShopwareStore({ port: 0 });
    try {
      const first = (await passwordGrant(local.origin)).json;
      await refreshGrant(local.origin, first.refresh_token);
      await refreshGrant(local.origin, first.refresh_token);
      await tokenRequest(local.origin, { grant_type: 'client_credentials', client_id: BROWSE.accessKeyId, client_secret: BROWSE.secret });
      const stats = local.stats().tokenRequests;
      expect(stats.total).toBe(4);
      expect(stats.byGrant).toEqual({ password: 1, refresh_token: 2, client_credentials: 1 });
      expect(stats.byRefreshToken).toEqual({ [fingerprint(first.refresh_token)]: 2 });
      expect(stats.byCredential).toEqual({ admin: 1, [BROWSE.accessKeyId]: 1 });
      expect(JSON.stringify(stats)).not.toContain(first.refresh_token);
    } finally {
      await local.close();
    }
  });
});
