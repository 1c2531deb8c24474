import { describe, expect, it } from 'vitest';
import {
  authorizationCodeGrantRequest,
  normalizeTokenResponse,
  processTokenResponse,
  refreshTokenGrantRequest,
} from '../../../src/lib/oauth/token.ts';
import { HttpError } from '../../../src/lib/oauth/errors.ts';
import { catchAppError } from './catch-error.ts';

const now = 1_700_000_000_000;
const opts = { requestedScopes: ['storefront', 'admin'], now };
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('normalizeTokenResponse', () => {
  it('converts the wire shape once, with expires_in as a number', () => {
    expect(
      normalizeTokenResponse(
        { access_token: 'at', token_type: 'Bearer', expires_in: 3600, refresh_token: 'rt', scope: 'storefront' },
        opts,
      ),
    ).toEqual({
      accessToken: 'at',
      tokenType: 'bearer',
      refreshToken: 'rt',
      scopes: ['storefront'],
      expiresAt: now + 3_600_000,
      obtainedAt: now,
    });
  });

  it.each([
    [{ expires_in: '60' }, now + 60_000],
    [{ expire_in: 60 }, now + 60_000],
    [{ expire_in: '315360000' }, now + 315_360_000_000],
    [{ expires_in: 'x', expire_in: 30 }, now + 30_000],
    [{ expires_in: 0 }, now],
    [{ expires_in: 2.9 }, now + 2_000],
    [{}, null],
    [{ expires_in: null }, null],
    [{ expires_in: -1 }, null],
    [{ expires_in: '12abc' }, null],
    [{ expires_in: true }, null],
    [{ expires_in: 1e300 }, null],
  ])('lifetime %j gives expiresAt %s', (lifetime, expected) => {
    expect(normalizeTokenResponse({ access_token: 'at', token_type: 'bearer', ...lifetime }, opts).expiresAt).toBe(
      expected,
    );
  });

  it('falls back to the requested scopes when scope is absent or empty', () => {
    expect(normalizeTokenResponse({ access_token: 'at', token_type: 'bearer' }, opts).scopes).toEqual([
      'storefront',
      'admin',
    ]);
    expect(normalizeTokenResponse({ access_token: 'at', token_type: 'bearer', scope: '' }, opts).scopes).toEqual([
      'storefront',
      'admin',
    ]);
  });

  it.each([
    [null, 'OAUTH_INVALID_RESPONSE'],
    [[], 'OAUTH_INVALID_RESPONSE'],
    ['at', 'OAUTH_INVALID_RESPONSE'],
    [{ token_type: 'bearer' }, 'OAUTH_INVALID_RESPONSE'],
    [{ access_token: 42, token_type: 'bearer' }, 'OAUTH_INVALID_RESPONSE'],
    [{ access_token: 'at', token_type: 'DPoP' }, 'OAUTH_UNSUPPORTED_TOKEN_TYPE'],
    [{ access_token: 'at', token_type: 'bearer', scope: 7 }, 'OAUTH_INVALID_RESPONSE'],
    [{ access_token: 'at', token_type: 'bearer', refresh_token: 7 }, 'OAUTH_INVALID_RESPONSE'],
  ])('rejects %j with %s', async (wire, code) => {
    expect((await catchAppError(() => normalizeTokenResponse(wire, opts))).code).toBe(code);
  });
});

describe('token endpoint pairs', () => {
  it('sends a PKCE code grant as a form, then processes the answer', async () => {
    const requests: Request[] = [];
    const fetchFn: typeof fetch = async (input, init) => {
      requests.push(new Request(input, init));
      return json({ access_token: 'at', token_type: 'bearer', expire_in: 10, scope: 'storefront' });
    };
    const response = await authorizationCodeGrantRequest(fetchFn, {
      tokenEndpoint: 'https://auth.example.com/oauth2/access_token',
      clientId: 'app',
      redirectUri: 'https://cdn.example.com/',
      code: 'the-code',
      codeVerifier: 'v'.repeat(43),
    });
    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://auth.example.com/oauth2/access_token');
    const body = new URLSearchParams(await request.text());
    expect(Object.fromEntries(body)).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: 'https://cdn.example.com/',
      client_id: 'app',
      code_verifier: 'v'.repeat(43),
    });
    const tokens = await processTokenResponse(response, opts);
    expect(tokens.scopes).toEqual(['storefront']);
    expect(tokens.expiresAt).toBe(now + 10_000);
  });

  it('sends a refresh grant and keeps the old refresh token when none is returned', async () => {
    let body: URLSearchParams | undefined;
    const fetchFn: typeof fetch = async (_input, init) => {
      body = new URLSearchParams(String(init?.body));
      return json({ access_token: 'at2', token_type: 'bearer' });
    };
    const response = await refreshTokenGrantRequest(fetchFn, {
      tokenEndpoint: 'https://auth.example.com/token',
      clientId: 'app',
      refreshToken: 'rt1',
      scopes: ['storefront'],
    });
    expect(body?.get('grant_type')).toBe('refresh_token');
    expect(body?.get('refresh_token')).toBe('rt1');
    expect(body?.get('scope')).toBe('storefront');
    const tokens = await processTokenResponse(response, { ...opts, previousRefreshToken: 'rt1' });
    expect(tokens.refreshToken).toBe('rt1');
    expect(tokens.accessToken).toBe('at2');
  });

  it('turns an RFC 6749 5.2 error body into OAUTH_TOKEN_REQUEST_FAILED with the status', async () => {
    const error = await catchAppError(() =>
      processTokenResponse(json({ error: 'invalid_grant', error_description: 'code used', code: 'SECRET' }, 400), opts),
    );
    expect(error.code).toBe('OAUTH_TOKEN_REQUEST_FAILED');
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    expect((error as HttpError).body).toEqual({ error: 'invalid_grant', error_description: 'code used' });
    expect(JSON.stringify((error as HttpError).body)).not.toContain('SECRET');
  });

  it('handles an error answer with no JSON body', async () => {
    const error = await catchAppError(() => processTokenResponse(new Response('<html>oops</html>', { status: 502 }), opts));
    expect(error.code).toBe('OAUTH_TOKEN_REQUEST_FAILED');
    expect((error as HttpError).status).toBe(502);
    expect((error as HttpError).body).toBeUndefined();
  });

  it('rejects a 200 that is not JSON', async () => {
    expect((await catchAppError(() => processTokenResponse(new Response('nope'), opts))).code).toBe(
      'OAUTH_INVALID_RESPONSE',
    );
  });

  it('reports a network failure as OAUTH_NETWORK_ERROR without the request in it', async () => {
    const fetchFn: typeof fetch = async () => {
      throw new TypeError('Failed to fetch refresh_token=rt1');
    };
    const error = await catchAppError(() =>
      refreshTokenGrantRequest(fetchFn, { tokenEndpoint: 'https://a/token', clientId: 'c', refreshToken: 'rt1' }),
    );
    expect(error.code).toBe('OAUTH_NETWORK_ERROR');
    expect(error.message).not.toContain('rt1');
    expect(error.cause).toBeUndefined();
  });
});
