import { describe, expect, it } from 'vitest';
import { normalizeTokenResponse, parseTokenErrorResponse, type TokenQuirks } from '../../../src/lib/oauth/token.ts';
import { HttpError } from '../../../src/lib/oauth/http-errors.ts';
import { catchAppError } from '../../helpers/catch-error.ts';
import { json } from '../../helpers/fake-fetch.ts';
import { goodsieProfile } from '../../../src/lib/providers/goodsie-profile.ts';

const now = 1_700_000_000_000;
const opts = { requestedScopes: ['storefront', 'admin'], now };
const EXPIRE_IN: TokenQuirks = { lifetimeFields: ['expires_in', 'expire_in'], implicitRefreshToken: false };

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
    [{ expire_in: '86400' }, now + 86_400_000],
    [{ expires_in: 86_401 }, now + 86_400_000],
    [{ expires_in: 'x', expire_in: 30 }, now + 30_000],
    [{ expires_in: 0 }, now],
    [{ expires_in: 2.9 }, now + 2_000],
    [{}, null],
    [{ expires_in: null }, null],
    [{ expires_in: -1 }, now + 86_400_000],
    [{ expires_in: '12abc' }, now + 86_400_000],
    [{ expires_in: true }, now + 86_400_000],
    [{ expires_in: 1e300 }, now + 86_400_000],
    [{ expires_in: 'NaN' }, now + 86_400_000],
    [{ expires_in: '-5' }, now + 86_400_000],
    [{ expires_in: -1, expire_in: 30 }, now + 30_000],
  ])('lifetime %j gives expiresAt %s (with Goodsie-like quirks: expires_in, then expire_in; one given but unreadable counts as a day, none as unknown)', (lifetime, expected) => {
    expect(normalizeTokenResponse({ access_token: 'at', token_type: 'bearer', ...lifetime }, { ...opts, quirks: EXPIRE_IN }).expiresAt).toBe(
      expected,
    );
  });

  it('reads the lifetime only from the fields the quirks name (expires_in alone without quirks)', () => {
    expect(normalizeTokenResponse({ access_token: 'at', token_type: 'bearer', expire_in: 60 }, opts).expiresAt).toBeNull();
    expect(normalizeTokenResponse({ access_token: 'at', token_type: 'bearer', expires_in: 60 }, opts).expiresAt).toBe(now + 60_000);
    const onlyExpireIn: TokenQuirks = { lifetimeFields: ['expire_in'], implicitRefreshToken: false };
    expect(normalizeTokenResponse({ access_token: 'at', token_type: 'bearer', expires_in: 5, expire_in: 60 }, { ...opts, quirks: onlyExpireIn }).expiresAt).toBe(
      now + 60_000,
    );
  });

  it('a lifetime above the platform’s maximum is cut to it: Goodsie’s documented ten-year tokens are believed, twenty years are not', () => {
    const quirks = goodsieProfile.tokenQuirks;
    const tenYears = 315_360_000;
    expect(normalizeTokenResponse({ access_token: 'at', token_type: 'bearer', expire_in: tenYears }, { ...opts, quirks }).expiresAt).toBe(
      now + tenYears * 1000,
    );
    expect(
      normalizeTokenResponse({ access_token: 'at', token_type: 'bearer', expire_in: 2 * tenYears }, { ...opts, quirks }).expiresAt,
    ).toBe(now + tenYears * 1000);
    // Without the profile's exception, a day is the most believed.
    expect(normalizeTokenResponse({ access_token: 'at', token_type: 'bearer', expire_in: tenYears }, { ...opts, quirks: EXPIRE_IN }).expiresAt).toBe(
      now + 86_400_000,
    );
    // The exception is for the ten years Goodsie says, not for a lifetime it garbled: that is a day.
    expect(normalizeTokenResponse({ access_token: 'at', token_type: 'bearer', expire_in: '-1' }, { ...opts, quirks }).expiresAt).toBe(now + 86_400_000);
  });

  it('a scope the app never asked for unlocks nothing: granted ∩ requested', () => {
    const tokens = normalizeTokenResponse(
      { access_token: 'at', token_type: 'bearer', scope: 'admin storefront cart write_everything' },
      { requestedScopes: ['storefront', 'cart'], now },
    );
    expect(tokens.scopes).toEqual(['storefront', 'cart']);
    // ...but the token holds them, and whoever judges its power (the embed check) sees them.
    expect(tokens.unrequestedScopes).toEqual(['admin', 'write_everything']);
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

describe('parseTokenErrorResponse', () => {
  it('turns an RFC 6749 5.2 error body into OAUTH_TOKEN_REQUEST_FAILED with the status', async () => {
    const error = await parseTokenErrorResponse(json({ error: 'invalid_grant', error_description: 'code used', code: 'SECRET' }, 400));
    expect(error.code).toBe('OAUTH_TOKEN_REQUEST_FAILED');
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    expect((error as HttpError).body).toEqual({ error: 'invalid_grant', error_description: 'code used' });
    expect(JSON.stringify((error as HttpError).body)).not.toContain('SECRET');
  });

  it('handles an error answer with no JSON body', async () => {
    const error = await parseTokenErrorResponse(new Response('<html>oops</html>', { status: 502 }));
    expect(error.code).toBe('OAUTH_TOKEN_REQUEST_FAILED');
    expect((error as HttpError).status).toBe(502);
    expect((error as HttpError).body).toBeUndefined();
  });
});
