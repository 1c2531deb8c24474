import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorizationServer } from './authorization-server.ts';
import { startDemoStore, type DemoStore } from './server.ts';
import {
  APP_ORIGIN,
  CLIENT_ID,
  REDIRECT_URI,
  api,
  authorizationCode,
  authorize,
  codeTokens,
  pkcePair,
  tokenRequest,
} from './store-client.ts';

let store: DemoStore;
let origin: string;

beforeAll(async () => {
  store = await startDemoStore({ port: 0 });
  origin = store.origin;
  store.addClient({ clientId: 'other-app', name: 'Other', redirectUris: [REDIRECT_URI, 'http://127.0.0.1:5173/alt'] });
  store.addClient({ clientId: 'backend', name: 'Backend', redirectUris: [REDIRECT_URI], secret: 's3cret' });
});
afterAll(() => store.close());

function exchange(code: string, verifier: string, extra: Record<string, string> = {}) {
  return tokenRequest(origin, {
    grant_type: 'authorization_code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    code,
    code_verifier: verifier,
    ...extra,
  });
}

/** The first seeded product that is published and in stock (bounded search). */
function inStockProductId(): string {
  for (let n = 1001; n < 1101; n++) {
    const product = store.getProduct(String(n)) as { published: boolean; in_stock: boolean } | undefined;
    if (product?.published === true && product.in_stock) return String(n);
  }
  throw new Error('no published product in stock among the first 100');
}

function expectOAuthError(result: Awaited<ReturnType<typeof tokenRequest>>, status: number, error: string): void {
  expect(result.status).toBe(status);
  expect(result.json.error).toBe(error);
  expect(typeof result.json.error_description).toBe('string');
  expect(result.headers.get('cache-control')).toBe('no-store');
}

describe('authorization_code grant with PKCE', () => {
  it('answers the token with the expire_in spelling, lower-case bearer, a refresh token and the granted scope', async () => {
    const { code, verifier } = await authorizationCode(origin, 'storefront cart');
    const result = await exchange(code, verifier);
    expect(result.status).toBe(200);
    expect(result.headers.get('cache-control')).toBe('no-store');
    expect(result.json).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/),
      token_type: 'bearer',
      expire_in: 315360000,
      refresh_token: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/),
      scope: 'storefront cart',
    });
    expect(result.json.expires_in).toBeUndefined();
    expect((await api(origin, '/api/v1/cart', { token: result.json.access_token })).status).toBe(200);
  });

  it('refuses a wrong verifier with invalid_grant, and the code still works with the right one', async () => {
    const { code, verifier } = await authorizationCode(origin, 'storefront');
    expectOAuthError(await exchange(code, pkcePair().verifier), 400, 'invalid_grant');
    expect((await exchange(code, verifier)).status).toBe(200);
  });

  it('refuses a missing verifier (invalid_request) and a malformed one (invalid_request)', async () => {
    const { code } = await authorizationCode(origin, 'storefront');
    const noVerifier = await tokenRequest(origin, { grant_type: 'authorization_code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, code });
    expectOAuthError(noVerifier, 400, 'invalid_request');
    expectOAuthError(await exchange(code, 'too-short'), 400, 'invalid_request');
  });

  it('reusing a code that succeeded answers invalid_grant AND revokes the tokens it produced', async () => {
    const { code, verifier } = await authorizationCode(origin, 'storefront');
    const first = await exchange(code, verifier);
    expect(first.status).toBe(200);
    const { access_token: accessToken, refresh_token: refreshToken } = first.json;
    expect((await api(origin, '/api/v1/metadata', { token: accessToken })).status).toBe(200);

    expectOAuthError(await exchange(code, verifier), 400, 'invalid_grant');

    const after = await api(origin, '/api/v1/metadata', { token: accessToken });
    expect(after.status).toBe(401);
    expect(after.json.error_description).toContain('revoked');
    const refresh = await tokenRequest(origin, { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: refreshToken });
    expectOAuthError(refresh, 400, 'invalid_grant');
  });

  it('a code is bound to its redirect_uri', async () => {
    const { code, verifier } = await authorizationCode(origin, 'storefront', 'other-app');
    const result = await exchange(code, verifier, { client_id: 'other-app', redirect_uri: 'http://127.0.0.1:5173/alt' });
    expectOAuthError(result, 400, 'invalid_grant');
    expect(result.json.error_description).toContain('redirect_uri');
  });

  it('a code is bound to its client', async () => {
    const { code, verifier } = await authorizationCode(origin, 'storefront');
    const result = await exchange(code, verifier, { client_id: 'other-app' });
    expectOAuthError(result, 400, 'invalid_grant');
    expect(result.json.error_description).toContain('another client');
    expect((await exchange(code, verifier)).status).toBe(200);
  });

  it('an unknown code is invalid_grant; a missing code or redirect_uri is invalid_request', async () => {
    expectOAuthError(await exchange('no-such-code', pkcePair().verifier), 400, 'invalid_grant');
    const { code, verifier } = await authorizationCode(origin, 'storefront');
    expectOAuthError(await tokenRequest(origin, { grant_type: 'authorization_code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, code_verifier: verifier }), 400, 'invalid_request');
    expectOAuthError(await tokenRequest(origin, { grant_type: 'authorization_code', client_id: CLIENT_ID, code, code_verifier: verifier }), 400, 'invalid_request');
  });
});

describe('refresh_token grant', () => {
  it('rotates: a new refresh token each time, the old one refused afterwards', async () => {
    const first = await codeTokens(origin, 'storefront cart');
    const refresh = (token: string) => tokenRequest(origin, { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: token });
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.json.refresh_token).not.toBe(first.refresh_token);
    expect(second.json.access_token).not.toBe(first.access_token);
    expect(second.json.scope).toBe('storefront cart');
    expect(second.json.expire_in).toBe(315360000);
    expectOAuthError(await refresh(first.refresh_token), 400, 'invalid_grant');
    expect((await refresh(second.json.refresh_token)).status).toBe(200);
  });

  it('keeps the cart across a refresh (the cart belongs to the grant)', async () => {
    const first = await codeTokens(origin, 'cart');
    const id = inStockProductId();
    const added = await api(origin, '/api/v1/cart/items', { token: first.access_token, method: 'POST', body: { product_id: id, quantity: 2 } });
    expect(added.status).toBe(200);
    const second = await tokenRequest(origin, { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: first.refresh_token });
    const cart = await api(origin, '/api/v1/cart', { token: second.json.access_token });
    expect(cart.json.items).toEqual([{ product_id: id, quantity: 2 }]);
  });

  it('may narrow the scope but never widen it', async () => {
    const first = await codeTokens(origin, 'storefront cart');
    const narrower = await tokenRequest(origin, { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: first.refresh_token, scope: 'cart' });
    expect(narrower.json.scope).toBe('cart');
    const wider = await tokenRequest(origin, { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: narrower.json.refresh_token, scope: 'cart admin' });
    expectOAuthError(wider, 400, 'invalid_scope');
  });

  it('refuses a refresh token presented by another client', async () => {
    const first = await codeTokens(origin, 'storefront');
    expectOAuthError(await tokenRequest(origin, { grant_type: 'refresh_token', client_id: 'other-app', refresh_token: first.refresh_token }), 400, 'invalid_grant');
  });

  it('still works after expireAccessTokens(), but not after revokeAllTokens()', async () => {
    const local = await startDemoStore({ port: 0 });
    try {
      const first = await codeTokens(local.origin, 'storefront');
      local.expireAccessTokens();
      const expired = await api(local.origin, '/api/v1/metadata', { token: first.access_token });
      expect(expired.status).toBe(401);
      expect(expired.json.error_description).toContain('expired');
      const refreshed = await tokenRequest(local.origin, { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: first.refresh_token });
      expect(refreshed.status).toBe(200);
      expect((await api(local.origin, '/api/v1/metadata', { token: refreshed.json.access_token })).status).toBe(200);

      local.revokeAllTokens();
      expect((await api(local.origin, '/api/v1/metadata', { token: refreshed.json.access_token })).status).toBe(401);
      const again = await tokenRequest(local.origin, { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: refreshed.json.refresh_token });
      expect(again.status).toBe(400);
      expect(again.json.error).toBe('invalid_grant');
    } finally {
      await local.close();
    }
  });
});

describe('maxScopes and token lifetime', () => {
  it('grants fewer scopes than requested, and says so in `scope`', async () => {
    const local = await startDemoStore({ port: 0, maxScopes: ['storefront'], tokenLifetimeSeconds: 3600 });
    try {
      const implicit = await authorize(local.origin, { client_id: CLIENT_ID, response_type: 'token', redirect_uri: REDIRECT_URI, scope: 'storefront cart admin' });
      expect(implicit.fragment.get('scope')).toBe('storefront');
      expect(implicit.fragment.get('expire_in')).toBe('3600');
      const code = await codeTokens(local.origin, 'storefront cart');
      expect(code.scope).toBe('storefront');
      const cart = await api(local.origin, '/api/v1/cart', { token: code.access_token });
      expect(cart.status).toBe(403);
    } finally {
      await local.close();
    }
  });

  it('a refresh after setMaxScopes() narrows to what the store now grants', async () => {
    const local = await startDemoStore({ port: 0 });
    try {
      const first = await codeTokens(local.origin, 'storefront cart');
      local.setMaxScopes(['cart']);
      const refreshed = await tokenRequest(local.origin, { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: first.refresh_token });
      expect(refreshed.json.scope).toBe('cart');
    } finally {
      await local.close();
    }
  });
});

describe('token endpoint errors (RFC 6749 5.2)', () => {
  it('unknown client -> 401 invalid_client', async () => {
    expectOAuthError(await tokenRequest(origin, { grant_type: 'refresh_token', client_id: 'nobody', refresh_token: 'x' }), 401, 'invalid_client');
  });

  it('a public client sending a secret -> 401 invalid_client', async () => {
    expectOAuthError(await tokenRequest(origin, { grant_type: 'refresh_token', client_id: CLIENT_ID, client_secret: 'guess', refresh_token: 'x' }), 401, 'invalid_client');
  });

  it('unsupported grant_type -> unsupported_grant_type; missing grant_type -> invalid_request', async () => {
    expectOAuthError(await tokenRequest(origin, { grant_type: 'password', client_id: CLIENT_ID }), 400, 'unsupported_grant_type');
    expectOAuthError(await tokenRequest(origin, { client_id: CLIENT_ID }), 400, 'invalid_request');
  });

  it('a repeated parameter -> invalid_request', async () => {
    const response = await fetch(`${origin}/oauth2/access_token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=refresh_token&client_id=${CLIENT_ID}&refresh_token=a&refresh_token=b`,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('a JSON body -> invalid_request', async () => {
    const response = await fetch(`${origin}/oauth2/access_token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', client_id: CLIENT_ID }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('GET -> 405', async () => {
    expect((await fetch(`${origin}/oauth2/access_token`)).status).toBe(405);
  });
});

describe('confidential client', () => {
  async function backendCode(): Promise<string> {
    const { query } = await authorize(origin, { client_id: 'backend', response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'admin' });
    const code = query.get('code');
    if (code === null) throw new Error('no code');
    return code;
  }

  it('may skip PKCE and authenticates with client_secret', async () => {
    const code = await backendCode();
    expectOAuthError(await tokenRequest(origin, { grant_type: 'authorization_code', client_id: 'backend', client_secret: 'wrong', redirect_uri: REDIRECT_URI, code }), 401, 'invalid_client');
    const ok = await tokenRequest(origin, { grant_type: 'authorization_code', client_id: 'backend', client_secret: 's3cret', redirect_uri: REDIRECT_URI, code });
    expect(ok.status).toBe(200);
    expect(ok.json.scope).toBe('admin');
  });

  it('authenticates with HTTP Basic too, and a missing secret is invalid_client', async () => {
    const code = await backendCode();
    expectOAuthError(await tokenRequest(origin, { grant_type: 'authorization_code', client_id: 'backend', redirect_uri: REDIRECT_URI, code }), 401, 'invalid_client');
    const basic = `Basic ${Buffer.from('backend:s3cret').toString('base64')}`;
    const ok = await tokenRequest(origin, { grant_type: 'authorization_code', redirect_uri: REDIRECT_URI, code }, { Authorization: basic });
    expect(ok.status).toBe(200);
  });
});

describe('CORS on the token endpoint', () => {
  it('answers the preflight for an allowed origin', async () => {
    const response = await fetch(`${origin}/oauth2/access_token`, {
      method: 'OPTIONS',
      headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('Content-Type');
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('allows the response to be read by an allowed origin, errors included', async () => {
    const result = await tokenRequest(origin, { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: 'x' }, { Origin: APP_ORIGIN });
    expect(result.status).toBe(400);
    expect(result.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
  });

  it('gives no CORS headers to another origin', async () => {
    const response = await fetch(`${origin}/oauth2/access_token`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.test', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const result = await tokenRequest(origin, { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: 'x' }, { Origin: 'http://evil.test' });
    expect(result.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('code lifetime (fake clock, no waiting)', () => {
  it('a code is refused 60 s after it was issued', () => {
    let now = 1_000_000;
    const server = new AuthorizationServer({
      clients: [{ clientId: 'c', name: 'C', redirectUris: ['https://app.test/'], secret: 'k' }],
      tokenLifetimeSeconds: 100,
      maxScopes: ['storefront'],
      now: () => now,
    });
    const issueCode = (): string => {
      const page = server.beginAuthorization(new URLSearchParams({ client_id: 'c', response_type: 'code', redirect_uri: 'https://app.test/', scope: 'storefront' }));
      const html = page.reply.html ?? '';
      const consent = /name="consent" value="([^"]+)"/.exec(html)?.[1] ?? '';
      const cookie = page.cookie;
      if (cookie === undefined) throw new Error('no cookie');
      const form = new URLSearchParams({ client_id: 'c', response_type: 'code', redirect_uri: 'https://app.test/', scope: 'storefront', consent, decision: 'allow' });
      const done = server.completeAuthorization(form, new Map([[cookie.name, cookie.value]]));
      return new URL(done.reply.headers?.Location ?? '').searchParams.get('code') ?? '';
    };
    const exchangeAt = (code: string) =>
      server.token(new URLSearchParams({ grant_type: 'authorization_code', client_id: 'c', client_secret: 'k', redirect_uri: 'https://app.test/', code }), undefined);

    const late = issueCode();
    now += 60_000;
    const refused = exchangeAt(late);
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ error: 'invalid_grant', error_description: 'The code has expired.' });

    const onTime = issueCode();
    now += 59_999;
    const accepted = exchangeAt(onTime);
    expect(accepted.status).toBe(200);
    // The access token's lifetime runs on the same clock.
    const token = (accepted.json as { access_token: string }).access_token;
    expect(server.checkAccessToken(token).ok).toBe(true);
    now += 100_000;
    expect(server.checkAccessToken(token)).toEqual({ ok: false, reason: 'expired' });
  });
});
