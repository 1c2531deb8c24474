import { describe, expect, it } from 'vitest';
import { parseImplicitResponse, type ImplicitResponseOptions } from '../../../src/lib/oauth/implicit.ts';
import { OAuthRedirectError } from '../../../src/lib/oauth/http-errors.ts';
import { goodsieProfile } from '../../../src/lib/providers/goodsie-profile.ts';
import { catchAppError } from '../../helpers/catch-error.ts';

const now = 1_700_000_000_000;
const opts = { expectedState: 'xyz', requestedScopes: ['storefront', 'cart'], now };
const parse = (fragment: string, options: ImplicitResponseOptions = opts) => parseImplicitResponse(new URLSearchParams(fragment), options);

describe('parseImplicitResponse', () => {
  it('reads the RFC 6749 4.2.2 example but refuses its token_type "example"', async () => {
    const error = await catchAppError(() =>
      parse('access_token=2YotnFZFEjr1zCsicMWpAA&state=xyz&token_type=example&expires_in=3600'),
    );
    expect(error.code).toBe('OAUTH_UNSUPPORTED_TOKEN_TYPE');
    expect(error.message).not.toContain('2YotnFZFEjr1zCsicMWpAA');
  });

  it('accepts the same example with token_type Bearer in any case', () => {
    const tokens = parse('access_token=2YotnFZFEjr1zCsicMWpAA&state=xyz&token_type=BeArEr&expires_in=3600');
    expect(tokens).toEqual({
      accessToken: '2YotnFZFEjr1zCsicMWpAA',
      tokenType: 'bearer',
      scopes: ['storefront', 'cart'],
      expiresAt: now + 3_600_000,
      obtainedAt: now,
    });
  });

  it("reads Goodsie's expire_in and a '+'-encoded scope as granted scopes", () => {
    const tokens = parse('access_token=t0k&token_type=bearer&scope=storefront+cart&expire_in=315360000&state=xyz', {
      ...opts,
      quirks: goodsieProfile.tokenQuirks,
    });
    expect(tokens.scopes).toEqual(['storefront', 'cart']);
    expect(tokens.expiresAt).toBe(now + 315_360_000_000);
  });

  it('stores fewer scopes when fewer are granted', () => {
    expect(parse('access_token=t&token_type=bearer&scope=storefront&state=xyz').scopes).toEqual(['storefront']);
  });

  it('treats a missing lifetime as unknown, not expired', () => {
    expect(parse('access_token=t&token_type=bearer&state=xyz').expiresAt).toBeNull();
  });

  it('rejects the whole response when it carries a refresh_token (the implicit grant must not issue one)', async () => {
    const error = await catchAppError(() => parse('access_token=t&token_type=bearer&refresh_token=r&state=xyz'));
    expect(error.code).toBe('OAUTH_INVALID_RESPONSE');
  });

  it('without the platform’s rules, a lifetime is believed for a day at most', () => {
    expect(parse('access_token=t0k&token_type=bearer&expires_in=315360000&state=xyz').expiresAt).toBe(now + 86_400_000);
  });

  it('turns the RFC 6749 4.2.2.1 access_denied example into OAUTH_ACCESS_DENIED', async () => {
    const error = await catchAppError(() => parse('error=access_denied&state=xyz'));
    expect(error.code).toBe('OAUTH_ACCESS_DENIED');
    expect(error).toBeInstanceOf(OAuthRedirectError);
    expect((error as OAuthRedirectError).error).toBe('access_denied');
  });

  it('turns other errors into OAUTH_REDIRECT_ERROR with a cleaned description', async () => {
    const error = await catchAppError(() =>
      parse('error=invalid_scope&error_description=%3Cb%3Ebad%3C%2Fb%3E+scope+%E2%98%83&state=xyz'),
    );
    expect(error.code).toBe('OAUTH_REDIRECT_ERROR');
    expect((error as OAuthRedirectError).errorDescription).toBe('<b>bad</b> scope ');
  });

  it('checks state before trusting an error', async () => {
    expect((await catchAppError(() => parse('error=access_denied&state=forged'))).code).toBe('OAUTH_STATE_MISMATCH');
    expect((await catchAppError(() => parse('error=access_denied'))).code).toBe('OAUTH_STATE_MISSING');
  });

  it.each([
    ['missing state', 'access_token=t&token_type=bearer', 'OAUTH_STATE_MISSING'],
    ['empty state', 'access_token=t&token_type=bearer&state=', 'OAUTH_STATE_MISSING'],
    ['another state', 'access_token=t&token_type=bearer&state=XYZ', 'OAUTH_STATE_MISMATCH'],
    ['repeated state', 'access_token=t&token_type=bearer&state=xyz&state=xyz', 'OAUTH_INVALID_RESPONSE'],
    ['repeated token', 'access_token=a&access_token=b&token_type=bearer&state=xyz', 'OAUTH_INVALID_RESPONSE'],
    ['a code next to the token', 'access_token=t&code=c&token_type=bearer&state=xyz', 'OAUTH_INVALID_RESPONSE'],
    ['a code alone', 'code=c&state=xyz', 'OAUTH_INVALID_RESPONSE'],
    ['no access_token', 'token_type=bearer&state=xyz', 'OAUTH_INVALID_RESPONSE'],
    ['an empty access_token', 'access_token=&token_type=bearer&state=xyz', 'OAUTH_INVALID_RESPONSE'],
    ['no token_type', 'access_token=t&state=xyz', 'OAUTH_INVALID_RESPONSE'],
    ['an empty token_type', 'access_token=t&token_type=&state=xyz', 'OAUTH_INVALID_RESPONSE'],
    ['a mac token', 'access_token=t&token_type=mac&state=xyz', 'OAUTH_UNSUPPORTED_TOKEN_TYPE'],
    ['a unicode token', 'access_token=t%C3%B6ken&token_type=bearer&state=xyz', 'OAUTH_INVALID_RESPONSE'],
    ['a token with a space', 'access_token=a+b&token_type=bearer&state=xyz', 'OAUTH_INVALID_RESPONSE'],
    ['a unicode scope', 'access_token=t&token_type=bearer&scope=st%C3%B6re&state=xyz', 'OAUTH_INVALID_RESPONSE'],
    ['a unicode error code', 'error=acc%C3%A8s&state=xyz', 'OAUTH_INVALID_RESPONSE'],
    ['an empty error', 'error=&state=xyz', 'OAUTH_INVALID_RESPONSE'],
  ])('rejects %s', async (_label, fragment, code) => {
    expect((await catchAppError(() => parse(fragment))).code).toBe(code);
  });

  it('rejects huge values without echoing them', async () => {
    const huge = 'A'.repeat(100_000);
    const error = await catchAppError(() => parse(`access_token=${huge}&token_type=bearer&state=xyz`));
    expect(error.code).toBe('OAUTH_INVALID_RESPONSE');
    expect(error.message.length).toBeLessThan(200);
    const longState = await catchAppError(() =>
      parseImplicitResponse(new URLSearchParams(`access_token=t&token_type=bearer&state=${'s'.repeat(600)}`), {
        ...opts,
        expectedState: 's'.repeat(600),
      }),
    );
    expect(longState.code).toBe('OAUTH_STATE_MISMATCH');
  });

  it('counts a lifetime given but unreadable as a day at most (security case 12), and none at all as unknown', () => {
    for (const lifetime of ['-5', 'soon', '1e400', '', 'NaN']) {
      expect(parse(`access_token=t&token_type=bearer&expires_in=${lifetime}&state=xyz`).expiresAt).toBe(opts.now + 86_400_000);
    }
    expect(parse('access_token=t&token_type=bearer&state=xyz').expiresAt).toBeNull();
  });
});
