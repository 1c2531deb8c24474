import { describe, expect, it } from 'vitest';
import { buildAuthorizationUrl } from '../../../src/lib/oauth/authorize.ts';
import { AppError } from '../../../src/lib/oauth/errors.ts';

const base = {
  authorizationEndpoint: 'https://auth.example.com/oauth2/authorize',
  clientId: 'app-1',
  redirectUri: 'https://cdn.example.com/shops/acme/',
  scopes: ['storefront', 'cart'],
  state: 'abc123',
  responseType: 'token' as const,
};

describe('buildAuthorizationUrl', () => {
  it('builds an implicit request with form-encoded scope', () => {
    const url = new URL(buildAuthorizationUrl(base));
    expect(url.origin + url.pathname).toBe('https://auth.example.com/oauth2/authorize');
    expect(url.searchParams.get('response_type')).toBe('token');
    expect(url.searchParams.get('client_id')).toBe('app-1');
    expect(url.searchParams.get('redirect_uri')).toBe('https://cdn.example.com/shops/acme/');
    expect(url.searchParams.get('scope')).toBe('storefront cart');
    expect(url.search).toContain('scope=storefront+cart');
    expect(url.searchParams.get('state')).toBe('abc123');
    expect(url.searchParams.has('code_challenge')).toBe(false);
  });

  it('keeps the endpoint query and replaces our own names instead of repeating them', () => {
    const url = new URL(
      buildAuthorizationUrl({ ...base, authorizationEndpoint: 'https://auth.example.com/authorize?tenant=acme&state=old' }),
    );
    expect(url.searchParams.get('tenant')).toBe('acme');
    expect(url.searchParams.getAll('state')).toEqual(['abc123']);
  });

  it('adds the S256 challenge for the code flow', () => {
    const url = new URL(buildAuthorizationUrl({ ...base, responseType: 'code', codeChallenge: 'E9Melhoa' }));
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('code_challenge')).toBe('E9Melhoa');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  });

  it('omits scope when none is asked and dedupes repeated scopes', () => {
    expect(new URL(buildAuthorizationUrl({ ...base, scopes: [] })).searchParams.has('scope')).toBe(false);
    expect(new URL(buildAuthorizationUrl({ ...base, scopes: ['a', 'a', 'b'] })).searchParams.get('scope')).toBe('a b');
  });

  it.each([
    ['not a url', 'authorize'],
    ['a javascript: url', 'javascript:alert(1)'],
    ['a fragment', 'https://auth.example.com/authorize#x'],
  ])('rejects %s as CONFIG_INVALID', (_label, endpoint) => {
    try {
      buildAuthorizationUrl({ ...base, authorizationEndpoint: endpoint });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('CONFIG_INVALID');
    }
  });
});
