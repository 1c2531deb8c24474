/** platforms.md 5.5: Foxy entries in config.json, validated by the Foxy profile. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/lib/config/load-config.ts';
import { validateConfig } from '../../../src/lib/config/validate-config.ts';

const foxy = { id: 'foxy', kind: 'foxy', name: 'Foxy Store', apiBase: 'https://api.foxy.io' };

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).field;
  }
  throw new Error('expected a ConfigError');
}

describe('Foxy config entries', () => {
  it('accepts the minimal entry, with the token-bundle mode by default', () => {
    expect(validateConfig({ stores: [foxy] }).stores[0]).toEqual({ ...foxy, auth: ['token-bundle'] });
  });
  it('keeps a tokenEndpoint on apiBase’s origin and refuses one elsewhere', () => {
    const same = validateConfig({ stores: [{ ...foxy, tokenEndpoint: 'https://api.foxy.io/token' }] }).stores[0];
    expect(same).toMatchObject({ tokenEndpoint: 'https://api.foxy.io/token' });
    expect(fieldOf(() => validateConfig({ stores: [{ ...foxy, tokenEndpoint: 'https://evil.example/token' }] }))).toBe('stores[0].tokenEndpoint');
  });
  it('refuses another auth mode and any secret-named key', () => {
    expect(fieldOf(() => validateConfig({ stores: [{ ...foxy, auth: ['password'] }] }))).toMatch(/^stores\[0\]\.auth/);
    expect(fieldOf(() => validateConfig({ stores: [{ ...foxy, client_secret: 'x' }] }))).toBe('stores[0].client_secret');
  });
});
