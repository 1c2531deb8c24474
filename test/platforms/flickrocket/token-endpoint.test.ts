import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlickRocketStore, type FlickRocketStore } from './server.ts';
import { APP_ORIGIN, CLIENT_ID, api, consent, refreshParams, signIn, tokenPost } from './client.ts';

let store: FlickRocketStore;
let origin: string;

beforeAll(async () => {
  store = await startFlickRocketStore({ port: 0, hooksPort: null });
  origin = store.origin;
});
afterAll(() => store.close());

async function code(target = store): Promise<string> {
  const value = (await consent(target.origin)).get('code');
  if (value === null) throw new Error('no code');
  return value;
}

describe('POST /token: the exchange', () => {
  it('answers the OWIN body: lowercase bearer, 1799 s, a new 32-hex refresh token, comma scopes, dotted dates', async () => {
    const refreshToken = await code();
    const result = await tokenPost(origin, refreshParams(refreshToken));
    expect(result.status).toBe(200);
    expect(result.headers.get('cache-control')).toBe('no-store');
    const body = result.json;
    expect(body.token_type).toBe('bearer');
    expect(body.expires_in).toBe(1799);
    expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{100,}$/);
    expect(body.refresh_token).toMatch(/^[0-9a-f]{32}$/);
    expect(body.refresh_token).not.toBe(refreshToken);
    expect(body.scope).toBe('products,orders');
    expect(body.access_type).toBe('offline');
    expect(body['as:client_id']).toBe(CLIENT_ID);
    expect(body.userName).toBe('owner@example.com');
    expect(Date.parse(body['.expires']) - Date.parse(body['.issued'])).toBe(1799_000);
    expect(body['.issued']).toMatch(/GMT$/);
  });

  it('kills the used refresh token at once (the redirect code included); the new one works exactly once', async () => {
    const first = await code();
    const second = (await tokenPost(origin, refreshParams(first))).json.refresh_token as string;
    const reuse = await tokenPost(origin, refreshParams(first));
    expect(reuse.status).toBe(400);
    expect(reuse.json).toEqual({ error: 'invalid_grant' });
    const third = await tokenPost(origin, refreshParams(second));
    expect(third.status).toBe(200);
    expect((await tokenPost(origin, refreshParams(second))).json).toEqual({ error: 'invalid_grant' });
    expect((await tokenPost(origin, refreshParams(third.json.refresh_token))).status).toBe(200);
  });

  it('counts token requests per refresh token', async () => {
    const refreshToken = await code();
    expect(store.tokenRequestsFor(refreshToken)).toBe(0);
    await tokenPost(origin, refreshParams(refreshToken));
    expect(store.tokenRequestsFor(refreshToken)).toBe(1);
    await tokenPost(origin, refreshParams(refreshToken));
    expect(store.tokenRequestsFor(refreshToken)).toBe(2);
    expect(store.stats().maxTokenRequestsPerRefreshToken).toBeGreaterThanOrEqual(2);
  });

  it('five racing exchanges of one refresh token: exactly one wins', async () => {
    const refreshToken = await code();
    const results = await Promise.all(Array.from({ length: 5 }, () => tokenPost(origin, refreshParams(refreshToken))));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.json?.error === 'invalid_grant')).toHaveLength(4);
    expect(store.tokenRequestsFor(refreshToken)).toBe(5);
  });
});

describe('POST /token: errors', () => {
  it('unknown client: 400 invalid_client', async () => {
    const result = await tokenPost(origin, refreshParams(await code(), 'someone-else'));
    expect(result.status).toBe(400);
    expect(result.json).toEqual({ error: 'invalid_client' });
  });

  it('missing refresh token (the CORS probe shape): 400 invalid_grant', async () => {
    const result = await tokenPost(origin, { grant_type: 'refresh_token', client_id: CLIENT_ID });
    expect(result.status).toBe(400);
    expect(result.json).toEqual({ error: 'invalid_grant' });
  });

  it('unknown refresh token: invalid_grant; any other grant type: unsupported_grant_type', async () => {
    expect((await tokenPost(origin, refreshParams('0123456789abcdef0123456789abcdef'))).json).toEqual({ error: 'invalid_grant' });
    const other = await tokenPost(origin, { grant_type: 'authorization_code', code: await code(), client_id: CLIENT_ID });
    expect(other.status).toBe(400);
    expect(other.json).toEqual({ error: 'unsupported_grant_type' });
  });

  it('a revoked grant (permission removed in the admin): invalid_grant', async () => {
    const other = await startFlickRocketStore({ port: 0, hooksPort: null });
    try {
      const refreshToken = await code(other);
      other.revokeAll();
      expect((await tokenPost(other.origin, refreshParams(refreshToken))).json).toEqual({ error: 'invalid_grant' });
    } finally {
      await other.close();
    }
  });

  it('a narrowed grant (test control): the next refresh names only the scopes kept, and the API follows', async () => {
    const other = await startFlickRocketStore({ port: 0, hooksPort: null });
    try {
      const first = await tokenPost(other.origin, refreshParams(await code(other)));
      expect(first.json.scope).toBe('products,orders');
      other.narrowGrants(['products']);
      const renewed = await tokenPost(other.origin, refreshParams(first.json.refresh_token as string));
      expect(renewed.status).toBe(200);
      expect(renewed.json.scope).toBe('products');
      expect((await api(other.origin, '/api/orders.json', renewed.json.access_token as string)).status).toBe(403);
      expect((await api(other.origin, '/api/products.json', renewed.json.access_token as string)).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('where /token reads its parameters: the form body, as OWIN does', () => {
  it('the parameters only in the query: 400 unsupported_grant_type (nothing in the form), the refresh token unspent, the request recorded as a leak', async () => {
    const refreshToken = await code();
    const leaks = store.stats().requestsWithTokensInQuery;
    store.clearRequests();
    const queryOnly = await tokenPost(origin, refreshParams(refreshToken), 'query');
    expect(queryOnly.status).toBe(400);
    expect(queryOnly.json).toEqual({ error: 'unsupported_grant_type' });
    expect(store.tokenRequestsFor(refreshToken)).toBe(0);
    expect(store.requests()).toMatchObject([{ path: '/token', tokensInQuery: ['refresh_token'], status: 400 }]);
    expect(store.stats().requestsWithTokensInQuery).toBe(leaks + 1);
    // still live: the form body spends it
    const form = await tokenPost(origin, refreshParams(refreshToken), 'form');
    expect(form.status).toBe(200);
    expect(store.requests()[1]).toMatchObject({ path: '/token', queryKeys: [], tokensInQuery: [], status: 200 });
    expect(store.stats().requestsWithTokensInQuery).toBe(leaks + 1);
  });

  it('a `code` or an access_token in the query of a token request is recorded as a leak too', async () => {
    const redirectCode = await code();
    const leaks = store.stats().requestsWithTokensInQuery;
    store.clearRequests();
    await tokenPost(origin, { grant_type: 'authorization_code', code: redirectCode }, 'query');
    await tokenPost(origin, { access_token: 'x' }, 'query');
    expect(store.requests().map((r) => r.tokensInQuery)).toEqual([['code'], ['access_token']]);
    expect(store.stats().requestsWithTokensInQuery).toBe(leaks + 2);
  });

  it('both places at once: answered from the form (the query is not read), and still recorded as a leak', async () => {
    const leaks = store.stats().requestsWithTokensInQuery;
    expect((await tokenPost(origin, refreshParams(await code()), 'both')).status).toBe(200);
    expect(store.stats().requestsWithTokensInQuery).toBe(leaks + 1);
  });
});

describe('lifetime and clock', () => {
  it('expires_in is a knob, and advancing the clock past it makes the API answer 401 expired', async () => {
    const short = await startFlickRocketStore({ port: 0, hooksPort: null, accessTokenLifetimeSeconds: 60 });
    try {
      const tokens = await signIn(short.origin);
      expect((await api(short.origin, '/api/products/count.json', tokens.access_token)).status).toBe(200);
      short.advanceClock(59);
      expect((await api(short.origin, '/api/products/count.json', tokens.access_token)).status).toBe(200);
      short.advanceClock(2);
      const expired = await api(short.origin, '/api/products/count.json', tokens.access_token);
      expect(expired.status).toBe(401);
      expect(expired.json).toEqual({ error: 'expired' });
      // The refresh token outlives the access token.
      const renewed = await tokenPost(short.origin, refreshParams(tokens.refresh_token));
      expect(renewed.json.expires_in).toBe(60);
      expect((await api(short.origin, '/api/products/count.json', renewed.json.access_token)).status).toBe(200);
    } finally {
      await short.close();
    }
  });
});

describe('CORS on /token', () => {
  it('allowed origin: readable answer and a preflight that allows the POST', async () => {
    const result = await tokenPost(origin, { grant_type: 'refresh_token', client_id: CLIENT_ID }, 'form', { Origin: APP_ORIGIN });
    expect(result.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const preflight = await fetch(`${origin}/token`, { method: 'OPTIONS', headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const stranger = await tokenPost(origin, { grant_type: 'refresh_token', client_id: CLIENT_ID }, 'form', { Origin: 'https://evil.example' });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("cors 'none': a simple POST is still processed (the code is spent) though no page could read the answer", async () => {
    const closed = await startFlickRocketStore({ port: 0, hooksPort: null, cors: 'none' });
    try {
      const refreshToken = await code(closed);
      const blind = await tokenPost(closed.origin, refreshParams(refreshToken), 'form', { Origin: APP_ORIGIN });
      expect(blind.status).toBe(200);
      expect(blind.headers.get('access-control-allow-origin')).toBeNull();
      expect((await tokenPost(closed.origin, refreshParams(refreshToken))).json).toEqual({ error: 'invalid_grant' });
      // The probe without a refresh token spends nothing and is just as unreadable: a browser gets a TypeError.
      const probe = await tokenPost(closed.origin, { grant_type: 'refresh_token', client_id: CLIENT_ID }, 'form', { Origin: APP_ORIGIN });
      expect(probe.status).toBe(400);
      expect(probe.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await fetch(`${closed.origin}/token`, { method: 'OPTIONS', headers: { Origin: APP_ORIGIN } });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await closed.close();
    }
  });
});
