/**
 * Shopware 6's config entries through load-config (platforms.md 4.5) and its light profile: modes
 * offered per `auth`, secret-named keys refused, connectors and adapter found lazily by the registry.
 */
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../../src/lib/config/validate-config.ts';
import { loadAdapter, loadConnector } from '../../../../src/lib/providers/loaders.ts';
import { getProvider } from '../../../../src/lib/providers/registry.ts';
import { shopware6Profile } from '../../../../src/lib/providers/shopware6-profile.ts';

const entry = (extra: Record<string, unknown> = {}) => ({ stores: [{ id: 'fruit', kind: 'shopware6', name: 'Fruit & Veggies', apiBase: 'https://shop.example.com', ...extra }] });

function configError(json: unknown): string {
  try {
    validateConfig(json);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('Shopware 6 config', () => {
  it('is a known kind with its own profile', () => {
    expect(getProvider('shopware6')).toBe(shopware6Profile);
  });

  it('defaults auth to the integration mode; both modes when listed, first preselected', () => {
    const store = validateConfig(entry()).stores[0]!;
    expect(store).toMatchObject({ kind: 'shopware6', auth: ['integration'] });
    expect(shopware6Profile.modesOf(store).map((m) => m.id)).toEqual(['integration']);
    const both = validateConfig(entry({ auth: ['password', 'integration'], currency: 'USD', storefrontUrl: 'https://shop.example.com', language: '2fbb5fe2e29a4d70aa5854ce7ce3e20b' })).stores[0]!;
    expect(both).toMatchObject({ auth: ['password', 'integration'], currency: 'USD', storefrontUrl: 'https://shop.example.com' });
    expect(shopware6Profile.modesOf(both).map((m) => m.id)).toEqual(['password', 'integration']);
  });

  it('refuses a secret, an unknown mode, a trailing /api and a bad language id, naming the field', () => {
    expect(configError(entry({ secret: 'x' }))).toMatch(/stores\[0\]\.secret/);
    expect(configError(entry({ auth: ['oauth'] }))).toMatch(/stores\[0\]\.auth/);
    expect(configError(entry({ apiBase: 'https://shop.example.com/api' }))).toMatch(/stores\[0\]\.apiBase/);
    expect(configError(entry({ language: 'de-DE' }))).toMatch(/stores\[0\]\.language/);
  });

  it('each mode’s secret fields are password fields, and each says what it can do, its risk and where to revoke', () => {
    for (const mode of shopware6Profile.modes) {
      expect(mode.style).toBe('credentials');
      expect(mode.fields!.some((f) => f.secret)).toBe(true);
      expect(mode.can && mode.risk && mode.revokeAt).toBeTruthy();
    }
    expect(shopware6Profile.modes.find((m) => m.id === 'password')!.risk).toMatch(/this app never keeps it/);
  });

  it('the registry loads the connectors and the adapter on demand', async () => {
    expect((await loadConnector('shopware6', 'password')).mode).toBe('password');
    expect(typeof (await loadAdapter('shopware6'))).toBe('function');
    await expect(loadConnector('goodsie', 'code')).rejects.toThrow();
  });
});
