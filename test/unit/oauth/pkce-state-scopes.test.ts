import { describe, expect, it } from 'vitest';
import { computeCodeChallenge } from '../../helpers/pkce.ts';
import { generateState } from '../../../src/lib/oauth/state.ts';
import { dedupeScopes, formatScope, isScopeToken, parseScope } from '../../../src/lib/oauth/scopes.ts';

describe('PKCE oracle (test/helpers/pkce.ts, checks oidc-client-ts in the code-flow tests)', () => {
  it('computes the RFC 7636 Appendix B challenge', async () => {
    expect(await computeCodeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('rejects a verifier outside the RFC 7636 syntax without echoing it', async () => {
    await expect(computeCodeChallenge('short-secret')).rejects.toThrow(RangeError);
    await expect(computeCodeChallenge('short-secret')).rejects.not.toThrow(/short-secret/);
    await expect(computeCodeChallenge('a'.repeat(129))).rejects.toThrow(RangeError);
    await expect(computeCodeChallenge('é'.repeat(43))).rejects.toThrow(RangeError);
  });
});

describe('state', () => {
  it('is base64url of 256 random bits and unique', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) seen.add(generateState());
    expect(seen.size).toBe(50);
    for (const state of seen) expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('scopes', () => {
  it('parses space-separated scopes, dropping empties and duplicates, keeping order', () => {
    expect(parseScope('storefront  cart storefront admin ')).toEqual(['storefront', 'cart', 'admin']);
    expect(parseScope('')).toEqual([]);
    expect(parseScope(null)).toEqual([]);
    expect(parseScope(undefined)).toEqual([]);
  });

  it('formats deduplicated, order-stable', () => {
    expect(formatScope(['cart', 'storefront', 'cart', ''])).toBe('cart storefront');
    expect(dedupeScopes(['b', 'a', 'b'])).toEqual(['b', 'a']);
  });

  it('checks scope-token characters per RFC 6749 3.3', () => {
    expect(isScopeToken('storefront')).toBe(true);
    expect(isScopeToken('read:products')).toBe(true);
    expect(isScopeToken('a b')).toBe(false);
    expect(isScopeToken('quote"d')).toBe(false);
    expect(isScopeToken('back\\slash')).toBe(false);
    expect(isScopeToken('ünï')).toBe(false);
    expect(isScopeToken('')).toBe(false);
  });
});
