import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { goodsie } from '../../../src/lib/providers/goodsie.ts';
import { goodsieProfile } from '../../../src/lib/providers/goodsie-profile.ts';
import { getProvider, knownProviderKinds, loadProfiles, loadProvider } from '../../../src/lib/providers/registry.ts';
import { SW_MAX_PAGE_SIZE } from '../../../src/lib/providers/shopware6/criteria.ts';
import { STOREHIPPO_MAX_COUNT } from '../../../src/lib/providers/storehippo/query.ts';

describe('provider registry', () => {
  it('knows goodsie', () => {
    expect(knownProviderKinds()).toContain('goodsie');
    expect(getProvider('goodsie')).toBe(goodsieProfile);
  });

  it('loads the adapter on demand, with the same profile data', async () => {
    const loaded = await loadProvider('goodsie');
    expect(loaded).toBe(goodsie);
    expect(loaded.scopes).toBe(goodsieProfile.scopes);
    expect(typeof loaded.adapter.mapProductPage).toBe('function');
  });

  it("asks for an adapter's module once: a second caller gets the same load (a second import() would resolve a task later)", () => {
    const first = loadProvider('goodsie');
    expect(loadProvider('goodsie')).toBe(first);
  });

  it('lists each kind once and maps it to its own profile', () => {
    const kinds = knownProviderKinds();
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const kind of kinds) expect(getProvider(kind).kind).toBe(kind);
  });

  it('gives the largest page each numbered platform’s adapter asks for (a reload’s reach is counted from it: catalog-place.ts)', () => {
    expect(getProvider('goodsie').paging.maxCount).toBe(100); // goodsie-api.yaml: count, maximum 100
    expect(getProvider('shopware6').paging.maxCount).toBe(SW_MAX_PAGE_SIZE);
    expect(getProvider('storehippo').paging.maxCount).toBe(STOREHIPPO_MAX_COUNT);
  });

  it('holds no profile, Goodsie’s included, until config.json names its kind (a deployment without one never downloads it)', async () => {
    vi.resetModules();
    const fresh = await import('../../../src/lib/providers/registry.ts');
    expect(fresh.knownProviderKinds()).toEqual(expect.arrayContaining(['goodsie', 'shopware6', 'storehippo', 'foxy', 'flickrocket']));
    expect(() => fresh.getProvider('goodsie')).toThrow(/not loaded/);
    await expect(fresh.loadProvider('goodsie')).rejects.toThrow(/not loaded/);
    await fresh.loadProfiles(['shopware6']);
    expect(fresh.getProvider('shopware6').kind).toBe('shopware6');
    expect(() => fresh.getProvider('goodsie')).toThrow(/not loaded/);
    await fresh.loadProfiles(['goodsie']);
    expect(fresh.getProvider('goodsie').displayName).toBe(goodsieProfile.displayName);
    expect((await fresh.loadProvider('goodsie')).adapter.mapProductPage).toBeTypeOf('function');
  });

  // Regression: StoreHippo's and Foxy's catalogues had no New product and said nothing, so a
  // merchant looked for a button; their contracts give this app no way to add one (platforms.md 2.2, 5.4).
  it('says where products are added on the platforms this app adds none to (StoreHippo, Foxy), and not on Goodsie, which has New product', async () => {
    await loadProfiles(['goodsie', 'storehippo', 'foxy']);
    expect(getProvider('storehippo').notes?.productsAdded).toBe('New products are added in StoreHippo’s own admin, under Products.');
    expect(getProvider('foxy').notes?.productsAdded).toBe('New products are added on your own website, as add-to-cart links or forms; Foxy’s admin keeps no product list.');
    expect(getProvider('goodsie').notes?.productsAdded).toBeUndefined();
    expect(goodsie.adapter.createProductRequest).toBeTypeOf('function');
  });

  // Regression: Shopware 6's and FlickRocket's stores add products where this app does not, and said nothing of where.
  it('says where products are added to a connection that may edit them on Shopware 6 and FlickRocket, whose stores add them', async () => {
    await loadProfiles(['shopware6', 'flickrocket']);
    expect(getProvider('shopware6').notes?.productsAddedByEditors).toBe('New products are added in the Shopware Administration, under Catalogues › Products.');
    expect(getProvider('flickrocket').notes?.productsAddedByEditors).toBe('New products are added in FlickRocket Admin, under Products › Manage Products.');
    for (const kind of ['shopware6', 'flickrocket']) expect(getProvider(kind).notes?.productsAdded).toBeUndefined();
  });

  it('refuses an unknown kind with CONFIG_INVALID', () => {
    let caught: unknown;
    try {
      getProvider('shopify');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('CONFIG_INVALID');
  });
});
