/**
 * Config rules of the mix-up defence (RFC 9700 4.4, RFC 9207) and of revocation (RFC 7009): a shared
 * redirect URI needs on both stores an issuer their servers always send, a server that always sends
 * `iss` needs an issuer, and the shipped config.json passes its own rules.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/lib/config/load-config.ts';
import { validateConfig } from '../../../src/lib/config/validate-config.ts';
import { goodsieEntry } from '../../helpers/auth-tabs.ts';

const A = 'https://a.example';
const B = 'https://b.example';
const ALWAYS_ISS = { authorizationResponseIssParameterSupported: true };

function goodsie(id: string, origin: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...goodsieEntry(id, origin, 'code', { redirectUri: 'https://app.example/' }), ...overrides };
}

function fieldOf(json: unknown): string {
  try {
    validateConfig(json);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('CONFIG_INVALID');
    return (error as ConfigError).field;
  }
  throw new Error('the config was accepted');
}

describe('two redirect-based stores on one redirect URI', () => {
  it('are refused when either has no issuer, naming the second one', () => {
    expect(fieldOf({ stores: [goodsie('a', A), goodsie('b', B)] })).toBe('stores[1].redirectUri');
    expect(fieldOf({ stores: [goodsie('a', A, { issuer: A }), goodsie('b', B)] })).toBe('stores[1].redirectUri');
    expect(fieldOf({ stores: [goodsie('a', A), goodsie('b', B, { issuer: B })] })).toBe('stores[1].redirectUri');
  });

  it('are refused when either server may leave iss out (no authorizationResponseIssParameterSupported): its answer could pass for the other’s', () => {
    expect(fieldOf({ stores: [goodsie('a', A, { issuer: A }), goodsie('b', B, { issuer: B })] })).toBe('stores[1].redirectUri');
    expect(fieldOf({ stores: [goodsie('a', A, { issuer: A, ...ALWAYS_ISS }), goodsie('b', B, { issuer: B })] })).toBe('stores[1].redirectUri');
    expect(fieldOf({ stores: [goodsie('a', A, { issuer: A }), goodsie('b', B, { issuer: B, ...ALWAYS_ISS })] })).toBe('stores[1].redirectUri');
  });

  it('are accepted when both declare an issuer their servers always send, kept as written', () => {
    const config = validateConfig({ stores: [goodsie('a', A, { issuer: `${A}/`, ...ALWAYS_ISS }), goodsie('b', B, { issuer: B, ...ALWAYS_ISS })] });
    expect(config.stores.map((store) => ('issuer' in store ? store.issuer : undefined))).toEqual([`${A}/`, B]);
  });

  it('count as one address when the browser arrives on them as one (the host in capitals, a default port)', () => {
    expect(fieldOf({ stores: [goodsie('a', A), goodsie('b', B, { redirectUri: 'https://APP.example/' })] })).toBe('stores[1].redirectUri');
    expect(fieldOf({ stores: [goodsie('a', A), goodsie('b', B, { redirectUri: 'https://app.example:443/' })] })).toBe('stores[1].redirectUri');
  });

  it('are accepted without issuers when their redirect URIs differ', () => {
    expect(() => validateConfig({ stores: [goodsie('a', A), goodsie('b', B, { redirectUri: 'https://app.example/b/' })] })).not.toThrow();
  });
});

describe('issuer, iss always sent, revocation endpoint', () => {
  it('authorizationResponseIssParameterSupported needs an issuer, and must be a boolean', () => {
    expect(fieldOf({ stores: [goodsie('a', A, { authorizationResponseIssParameterSupported: true })] })).toBe('stores[0].issuer');
    expect(fieldOf({ stores: [goodsie('a', A, { issuer: A, authorizationResponseIssParameterSupported: 'yes' })] })).toBe(
      'stores[0].authorizationResponseIssParameterSupported',
    );
    const [store] = validateConfig({ stores: [goodsie('a', A, { issuer: A, authorizationResponseIssParameterSupported: true })] }).stores;
    expect(store).toMatchObject({ issuer: A, authorizationResponseIssParameterSupported: true });
  });

  it.each([
    ['http://a.example', 'plain http off loopback'],
    ['https://a.example/?x=1', 'a query'],
    ['a.example', 'not a URL'],
  ])('refuses issuer %s (%s)', (issuer) => {
    expect(fieldOf({ stores: [goodsie('a', A, { issuer })] })).toBe('stores[0].issuer');
  });

  it('checks revocationEndpoint like the other endpoints', () => {
    expect(fieldOf({ stores: [goodsie('a', A, { revocationEndpoint: 'http://a.example/oauth2/revoke' })] })).toBe('stores[0].revocationEndpoint');
    const [store] = validateConfig({ stores: [goodsie('a', A, { revocationEndpoint: `${A}/oauth2/revoke` })] }).stores;
    expect(store).toMatchObject({ revocationEndpoint: `${A}/oauth2/revoke` });
  });
});

describe('the shipped config.json', () => {
  it('passes its own rules: its two Goodsie entries share a redirect URI, and both name the issuer their server always sends; FlickRocket (no iss) has its own', () => {
    const config = validateConfig(JSON.parse(readFileSync('public/config.json', 'utf8')));
    const redirectBased = config.stores.filter((store) => 'redirectUri' in store);
    expect(redirectBased.length).toBeGreaterThanOrEqual(3);
    const byUri = new Map<string, typeof redirectBased>();
    for (const store of redirectBased) byUri.set(store.redirectUri, [...(byUri.get(store.redirectUri) ?? []), store]);
    for (const sharing of byUri.values()) {
      if (sharing.length > 1) for (const store of sharing) expect(store).toMatchObject({ issuer: expect.any(String), authorizationResponseIssParameterSupported: true });
    }
    expect(byUri.get('http://127.0.0.1:5173/')?.map((s) => s.kind)).toEqual(['goodsie', 'goodsie']);
  });
});
