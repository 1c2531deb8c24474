import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BUNDLE } from './constants.ts';
import { accessToken, basic, call, get, tokenCall } from './foxy-client.ts';
import { startFoxyStore, type FoxyStore } from './server.ts';

let store: FoxyStore;
let origin: string;
const { client_id: id, client_secret: secret, refresh_token: rt } = DEMO_BUNDLE;
const grant = { grant_type: 'refresh_token', refresh_token: rt };

beforeAll(async () => {
  store = await startFoxyStore({ port: 0 });
  origin = store.origin;
});
afterAll(() => store.close());

function expectOAuthError(answer: Awaited<ReturnType<typeof call>>, status: number, error: string): void {
  expect(answer.status).toBe(status);
  expect(answer.json.error).toBe(error);
  expect(typeof answer.json.error_description).toBe('string');
  expect(answer.headers.get('cache-control')).toBe('no-store');
}

describe('FOXY-API-VERSION (5.6.1)', () => {
  it.each([null, '2', ''])('refuses /token and the API home with version %s: 400 HAL error', async (version) => {
    for (const url of [`${origin}/token`, `${origin}/`]) {
      const answer = await call(url, {
        method: url.endsWith('/token') ? 'POST' : 'GET',
        version,
        ...(url.endsWith('/token') ? { headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic(id, secret) }, body: new URLSearchParams(grant) } : {}),
      });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toBe('application/hal+json');
      expect(answer.json.total).toBe(1);
      expect(answer.json._embedded['fx:errors'][0]).toEqual({ logref: expect.stringMatching(/^id-/), message: expect.stringContaining('FOXY-API-VERSION') });
    }
  });
});

describe('POST /token (5.6.2)', () => {
  it('refreshes with HTTP Basic client auth: expires_in 7200, Bearer, store_full_access, the SAME refresh token', async () => {
    const answer = await tokenCall(origin, grant, basic(id, secret));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.json).toEqual({ access_token: expect.any(String), expires_in: 7200, token_type: 'Bearer', scope: 'store_full_access', refresh_token: rt });
  });

  it('keeps the refresh token valid for any number of uses, each giving a new access token', async () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const answer = await tokenCall(origin, grant, basic(id, secret));
      expect(answer.status).toBe(200);
      expect(answer.json.refresh_token).toBe(rt);
      tokens.add(String(answer.json.access_token));
    }
    expect(tokens.size).toBe(4);
  });

  it('accepts client_id and client_secret as form fields (the SDK way)', async () => {
    const answer = await tokenCall(origin, { ...grant, client_id: id, client_secret: secret });
    expect(answer.status).toBe(200);
  });

  it('accepts Basic and identical form fields together, refuses them when they differ (401 invalid_client)', async () => {
    expect((await tokenCall(origin, { ...grant, client_id: id, client_secret: secret }, basic(id, secret))).status).toBe(200);
    expectOAuthError(await tokenCall(origin, { ...grant, client_id: id, client_secret: 'other' }, basic(id, secret)), 401, 'invalid_client');
  });

  it('answers a wrong secret, an unknown client and no client auth with 401 invalid_client', async () => {
    const wrong = await tokenCall(origin, grant, basic(id, 'wrong-secret'));
    expectOAuthError(wrong, 401, 'invalid_client');
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(JSON.stringify(wrong.json)).not.toContain('wrong-secret');
    expectOAuthError(await tokenCall(origin, grant, basic('client_nobody', secret)), 401, 'invalid_client');
    expectOAuthError(await tokenCall(origin, grant), 401, 'invalid_client');
  });

  it('answers an unknown refresh token with 400 invalid_grant', async () => {
    expectOAuthError(await tokenCall(origin, { ...grant, refresh_token: 'not-a-token' }, basic(id, secret)), 400, 'invalid_grant');
    expectOAuthError(await tokenCall(origin, { grant_type: 'refresh_token' }, basic(id, secret)), 400, 'invalid_grant');
  });

  it('refuses other grant types and a JSON body (form only)', async () => {
    expectOAuthError(await tokenCall(origin, { grant_type: 'client_credentials' }, basic(id, secret)), 400, 'unsupported_grant_type');
    const json = await call(`${origin}/token`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: basic(id, secret) }, body: JSON.stringify(grant) });
    expectOAuthError(json, 400, 'invalid_request');
    expect((await call(`${origin}/token`)).status).toBe(405);
  });

  it('issues tokens with the configured lifetime (knob)', async () => {
    const short = await startFoxyStore({ port: 0, accessLifetimeSeconds: 90 });
    try {
      expect((await tokenCall(short.origin, grant, basic(id, secret))).json.expires_in).toBe(90);
      short.setAccessLifetime(30);
      expect((await tokenCall(short.origin, grant, basic(id, secret))).json.expires_in).toBe(30);
    } finally {
      await short.close();
    }
  });
});

describe('Bearer on the API (5.6.3)', () => {
  it('answers no token with 401 and a Bearer challenge', async () => {
    const home = await get(`${origin}/`, 'x');
    expect(home.status).toBe(401);
    const noToken = await call(`${origin}/`, { headers: { Authorization: 'Basic abc' } });
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('answers an unknown token with 401 invalid_token and WWW-Authenticate: Bearer', async () => {
    const answer = await get(`${origin}/`, 'unknown-token');
    expect(answer.status).toBe(401);
    expect(answer.json.error).toBe('invalid_token');
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it('expires tokens after expires_in on the server clock; the refresh token still works', async () => {
    const clocked = await startFoxyStore({ port: 0 });
    try {
      const token = await accessToken(clocked.origin);
      expect((await get(`${clocked.origin}/`, token)).status).toBe(200);
      clocked.advanceClock(7199);
      expect((await get(`${clocked.origin}/`, token)).status).toBe(200);
      clocked.advanceClock(2);
      const expired = await get(`${clocked.origin}/`, token);
      expect(expired.status).toBe(401);
      expect(expired.json).toEqual({ error: 'invalid_token', error_description: 'The access token provided has expired' });
      expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer /);
      const fresh = await accessToken(clocked.origin);
      expect((await get(`${clocked.origin}/`, fresh)).status).toBe(200);
    } finally {
      await clocked.close();
    }
  });

  it('expireAccessTokens() ends every issued access token, not the refresh token', async () => {
    const token = await accessToken(origin);
    store.expireAccessTokens();
    expect((await get(`${origin}/`, token)).json.error_description).toBe('The access token provided has expired');
    expect((await get(`${origin}/`, await accessToken(origin))).status).toBe(200);
  });

  it('revokeClient() ends the integration: refresh gives 401 invalid_client, live tokens 401', async () => {
    const revoked = await startFoxyStore({ port: 0 });
    try {
      const token = await accessToken(revoked.origin);
      expect(revoked.revokeClient()).toBe(true);
      expectOAuthError(await tokenCall(revoked.origin, grant, basic(id, secret)), 401, 'invalid_client');
      expect((await get(`${revoked.origin}/`, token)).status).toBe(401);
    } finally {
      await revoked.close();
    }
  });
});
