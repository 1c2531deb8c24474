/** platforms.md 1.1: no store entry may hold a secret-named key, at any depth, whatever its kind. */
import { describe, expect, it } from 'vitest';
import { ConfigError, configReader, validateConfig } from '../../../src/lib/config/validate-config.ts';
import { validateConfigStrictly } from '../../../src/lib/config/config-lint.ts';

const goodsie = {
  id: 'demo-shop',
  kind: 'goodsie',
  name: 'Demo Shop',
  authorizationEndpoint: 'https://auth.shop.example/oauth2/authorize',
  apiBase: 'https://api.shop.example',
  clientId: 'storefront-connect',
  redirectUri: 'https://app.example/callback',
  defaultScopes: ['storefront'],
  flow: 'token',
};

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('secret-named keys in config.json', () => {
  const names = [
    'clientSecret', 'client_secret', 'secret', 'password', 'accessKey', 'access_key', 'accessToken', 'access_token', 'refreshToken', 'refresh_token',
    // Shopware's own names for an integration's secret, and other common ones (missed before 2026-12-05).
    'secretAccessKey', 'secret_access_key', 'integrationSecret', 'apiKey', 'api-key', 'privateKey', 'bearerToken', 'token', 'adminPasswd', 'credentials',
  ];
  it.each(names)('refuses %s, naming the key, saying to remove it and where secrets go, and that a deployed one is to be replaced', (name) => {
    const error = errorOf(() => validateConfigStrictly({ stores: [{ ...goodsie, [name]: 'x' }] })); // in words
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.field).toBe(`stores[0].${name}`);
    // what to do with the key, and that a deployed file has already given the secret away
    expect(error.hint).toBe(
      'Remove this key: secrets are entered in the app when connecting, never in config.json, which anyone can download. If it held a real secret that was ever deployed, replace that secret at the store.',
    );
    expect(error.message).not.toContain("'x'");
  });
  it('matches names case-insensitively and inside nested objects and lists', () => {
    expect(errorOf(() => validateConfig({ stores: [{ ...goodsie, PassWord: 'x' }] })).field).toBe('stores[0].PassWord');
    expect(errorOf(() => validateConfig({ stores: [{ ...goodsie, extra: [{ ACCESS_TOKEN: 'x' }] }] })).field).toBe('stores[0].extra[0].ACCESS_TOKEN');
  });
  it('refuses before anything else of the entry is looked at (even with a bad kind)', () => {
    expect(errorOf(() => validateConfig({ stores: [{ kind: 'nope', secret: 'x' }] })).field).toBe('stores[0].secret');
  });
  it('accepts a clean Goodsie entry unchanged, its endpoints and issuer flag included', () => {
    expect(validateConfig({ stores: [goodsie] }).stores[0]).toEqual(goodsie);
    const code = {
      ...goodsie,
      flow: 'code',
      tokenEndpoint: 'https://auth.shop.example/token',
      revocationEndpoint: 'https://auth.shop.example/revoke',
      issuer: 'https://auth.shop.example',
      authorizationResponseIssParameterSupported: true,
    };
    expect(validateConfig({ stores: [code] }).stores[0]).toEqual(code);
  });
});

describe('configReader (what a kind validator reads with)', () => {
  const reader = configReader({ auth: ['a', 'b'], bad: ['a', 'a'], cur: 'eur', kind: 'x' }, 'stores[3]');
  it('reads lists of allowed values, with a fallback when absent', () => {
    expect(reader.listOf('auth', ['a', 'b'])).toEqual(['a', 'b']);
    expect(reader.listOf('missing', ['a'], ['a'])).toEqual(['a']);
    expect(errorOf(() => reader.listOf('bad', ['a'])).field).toBe('stores[3].bad[1]');
    expect(errorOf(() => reader.listOf('auth', ['a'])).field).toBe('stores[3].auth[1]');
  });
  it('names the field of a bad currency or a failed rule', () => {
    expect(errorOf(() => reader.optionalCurrency('cur')).field).toBe('stores[3].cur');
    expect(reader.optionalCurrency('none')).toBeUndefined();
    expect(errorOf(() => reader.fail('kind', 'Fix it.')).hint).toBe('Fix it.');
  });
});

describe('a misspelt key', () => {
  it.each([
    ['revocationEndPoint', 'revocationEndpoint'],
    ['tokenEndpiont', 'tokenEndpoint'],
    ['ClientId', 'clientId'],
    ['redirectUrl', 'redirectUri'],
  ])('%s is refused, naming the key it nearly spells (dropped, it would leave the store without it; named before the missing key it stands for)', (typo, meant) => {
    const entry: Record<string, unknown> = { ...goodsie, flow: 'code', tokenEndpoint: 'https://auth.shop.example/token', [typo]: 'https://auth.shop.example/x' };
    if (typo === 'ClientId') delete entry['clientId'];
    if (typo === 'redirectUrl') delete entry['redirectUri'];
    if (typo === 'tokenEndpiont') delete entry['tokenEndpoint'];
    const error = errorOf(() => validateConfigStrictly({ stores: [entry] }));
    expect(error.field).toBe(`stores[0].${typo}`);
    expect(error.hint).toBe(`This platform has no "${typo}"; did you mean "${meant}"?`);
  });
  it.each([
    ['apiBAse', 'apiBase'],
    ['apibase', 'apiBase'],
    ['Name', 'name'],
    ['Kind', 'kind'],
    ['ID', 'id'],
  ])('%s, standing for a key every store has, is named instead of the key it stands for being missing', (typo, meant) => {
    const { [meant as keyof typeof goodsie]: value, ...rest } = goodsie;
    const error = errorOf(() => validateConfigStrictly({ stores: [{ ...rest, [typo]: value }] }));
    expect(error.field).toBe(`stores[0].${typo}`);
    expect(error.hint).toBe(`This platform has no "${typo}"; did you mean "${meant}"?`);
  });
  it('a list written without its brackets is told to be a list, with an example', () => {
    const error = errorOf(() => validateConfigStrictly({ stores: [{ ...goodsie, defaultScopes: 'storefront' }] }));
    expect(error.field).toBe('stores[0].defaultScopes');
    expect(error.hint).toBe('Write a list of at least one of storefront, cart, admin, in square brackets, like ["storefront"].');
  });
  it('two stores on one redirectUri are told how one deployment gives each its own', () => {
    const other = { ...goodsie, id: 'other', authorizationEndpoint: 'https://auth.other.example/oauth2/authorize', apiBase: 'https://api.other.example' };
    const error = errorOf(() => validateConfigStrictly({ stores: [goodsie, other] }));
    expect(error.field).toBe('stores[1].redirectUri');
    expect(error.hint).toContain('this page\'s address for one, the same ending in index.html for the other');
    // and that way is accepted
    expect(() => validateConfigStrictly({ stores: [{ ...goodsie, redirectUri: 'https://app.example/' }, { ...other, redirectUri: 'https://app.example/index.html' }] })).not.toThrow();
  });
  it('other unknown keys (notes, comments) are still ignored and dropped', () => {
    expect(validateConfigStrictly({ stores: [{ ...goodsie, _comment: 'staging shop', notes: 'ask Ann' }] }).stores[0]).toEqual(goodsie);
  });
});
