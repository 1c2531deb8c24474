/** StoreHippo config entries (platforms.md 2.5) through load-config: defaults, field-named errors, no secrets. */
import { describe, expect, it } from 'vitest';
import { ConfigError, validateConfig } from '../../../../src/lib/config/validate-config.ts';
import type { StoreHippoStoreConfig } from '../../../../src/lib/connect/store-config.ts';
import { loadAdapter, loadConnector } from '../../../../src/lib/providers/loaders.ts';
import { getProvider } from '../../../../src/lib/providers/registry.ts';
import { storeHippoProfile } from '../../../../src/lib/providers/storehippo-profile.ts';

const ENTRY = { id: 'hippo', kind: 'storehippo', name: 'Hippo Demo', apiBase: 'https://hippodemo.storehippo.com', currency: 'INR' };

function one(overrides: Record<string, unknown> = {}): StoreHippoStoreConfig {
  const store = validateConfig({ stores: [{ ...ENTRY, ...overrides }] }).stores[0];
  if (store?.kind !== 'storehippo') throw new Error('not a storehippo entry');
  return store;
}

function fieldOf(overrides: Record<string, unknown>): string {
  try {
    one(overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).field;
  }
  throw new Error('expected a ConfigError');
}

describe('StoreHippo config entries', () => {
  it('takes the minimal entry with the contract defaults: apiVersion 1.1, mode access-key', () => {
    expect(one()).toEqual({ ...ENTRY, apiVersion: '1.1', auth: ['access-key'] });
  });

  it('keeps apiVersion 1, both modes in order, imageBase (with a trailing slash) and storefrontUrl', () => {
    const store = one({ apiVersion: '1', auth: ['token', 'access-key'], imageBase: 'https://cdn1.storehippo.com/s/58b6b898fe14ad9f7ef50fb8', storefrontUrl: 'https://hippodemo.storehippo.com' });
    expect(store).toMatchObject({ apiVersion: '1', auth: ['token', 'access-key'], imageBase: 'https://cdn1.storehippo.com/s/58b6b898fe14ad9f7ef50fb8/', storefrontUrl: 'https://hippodemo.storehippo.com' });
    expect(storeHippoProfile.modesOf(store).map((mode) => mode.id)).toEqual(['token', 'access-key']);
  });

  it('names the field at fault', () => {
    expect(fieldOf({ currency: undefined })).toBe('stores[0].currency');
    expect(fieldOf({ currency: 'inr' })).toBe('stores[0].currency');
    expect(fieldOf({ apiVersion: '2' })).toBe('stores[0].apiVersion');
    expect(fieldOf({ auth: ['oauth'] })).toBe('stores[0].auth[0]');
    expect(fieldOf({ auth: [] })).toBe('stores[0].auth');
    expect(fieldOf({ imageBase: 'ftp://cdn.example/' })).toBe('stores[0].imageBase');
    expect(fieldOf({ imageBase: 'http://cdn.example/' })).toBe('stores[0].imageBase');
    expect(fieldOf({ storefrontUrl: 'javascript:alert(1)' })).toBe('stores[0].storefrontUrl');
  });

  it('refuses a key pasted into config.json, naming the key', () => {
    expect(fieldOf({ accessKey: '5eed0000000000000000000000000001' })).toBe('stores[0].accessKey');
    expect(fieldOf({ 'access-key': '5eed0000000000000000000000000001' })).toBe('stores[0].access-key');
  });

  it('offers credentials forms with a secret field, the can/risk lines and where to disable the key', () => {
    const [mode] = storeHippoProfile.modesOf(one());
    expect(mode?.style).toBe('credentials');
    expect(mode?.fields?.[0]).toMatchObject({ name: 'accessKey', secret: true });
    expect(mode?.fields?.[0]?.hint).toMatch(/read-only role/);
    expect(mode?.revokeAt).toMatch(/Advance Settings › Access Keys/);
    expect(mode?.risk).toMatch(/non-expiring/);
  });

  it('is a lazily loaded kind: profile, a connector per mode and the adapter come from the registry', async () => {
    expect(getProvider('storehippo')).toBe(storeHippoProfile);
    expect(storeHippoProfile.capabilities.from).toBe('probe');
    expect((await loadConnector('storehippo', 'access-key')).style).toBe('credentials');
    expect((await loadConnector('storehippo', 'token')).mode).toBe('token');
    await expect(loadConnector('storehippo', 'oauth')).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect(typeof (await loadAdapter('storehippo'))).toBe('function');
  });
});
