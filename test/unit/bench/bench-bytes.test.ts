import { describe, expect, it } from 'vitest';
import { configuredKeys, firstVisitKeys, platformChunks, returningCatalogueKeys } from '../../bench/bytes.ts';
import type { ChunkSources, Manifest } from '../../bench/size-report.ts';
import { STORE_SCREEN } from '../../deploy/first-load.ts';

/**
 * A tiny build: the store screen's sources share one chunk (keyed by its name, so found through the
 * chunk-sources map), the registry lazily imports two platforms, one sharing a chunk with the store screen.
 */
const manifest: Manifest = {
  'index.html': { file: 'assets/index.js', isEntry: true, dynamicImports: ['src/boot.ts'] },
  'src/boot.ts': { file: 'assets/boot.js', isDynamicEntry: true, imports: ['_registry.js'], dynamicImports: ['_store.js', 'src/lib/storage/vault-records.ts', 'src/lib/auth/auth-service.ts', 'src/lib/auth/renewal-retry.ts', 'src/lib/state/ended-before.ts'] },
  '_registry.js': { file: 'assets/registry.js', dynamicImports: ['_goodsie-profile.js', 'src/lib/providers/goodsie.ts', 'src/lib/providers/foxy.ts'] },
  '_goodsie-profile.js': { file: 'assets/goodsie-profile.js' },
  '_store.js': { file: 'assets/store.js', name: 'store', imports: ['_safe-url.js'], css: ['assets/store.css'] },
  'src/lib/storage/vault-records.ts': { file: 'assets/vault-records.js', isDynamicEntry: true },
  'src/lib/auth/auth-service.ts': { file: 'assets/auth-service.js', isDynamicEntry: true, imports: ['_scopes.js', 'src/lib/storage/vault-records.ts', '_ended-markers.js'] },
  '_scopes.js': { file: 'assets/scopes.js' },
  'src/lib/auth/renewal-retry.ts': { file: 'assets/renewal-retry.js', isDynamicEntry: true },
  // The reading of the ended markers, whose storage module the AuthService shares.
  'src/lib/state/ended-before.ts': { file: 'assets/ended-before.js', isDynamicEntry: true, imports: ['_ended-markers.js'] },
  '_ended-markers.js': { file: 'assets/ended-markers.js' },
  '_safe-url.js': { file: 'assets/safe-url.js' },
  '_money.js': { file: 'assets/money.js' },
  'src/lib/providers/goodsie.ts': { file: 'assets/goodsie.js', isDynamicEntry: true, imports: ['_safe-url.js', '_goodsie-profile.js'] },
  'src/lib/providers/foxy.ts': { file: 'assets/foxy.js', isDynamicEntry: true, imports: ['_safe-url.js', '_money.js'] },
  'src/lib/sanitize/merchant-html.ts': { file: 'assets/merchant-html.js', isDynamicEntry: true },
  'src/lib/components/views/HomeView.svelte': { file: 'assets/home.js', isDynamicEntry: true, imports: ['_registry.js'], css: ['assets/home.css'] },
};
const sources: ChunkSources = {
  'assets/store.js': [...STORE_SCREEN, 'src/lib/components/ProductGrid.svelte'],
  // Shared by the registry's import and the adapter's: a chunk named by its source, as Rolldown emits it.
  'assets/goodsie-profile.js': ['src/lib/providers/goodsie-profile.ts'],
};

describe('bench bytes from the build manifest', () => {
  it('a returning visitor loads the first load, the store screen’s chunk (found by its sources), the reading of the saved records, the AuthService, the renewals’ retry, the reading of the ended markers and the Goodsie store’s profile, each chunk once', () => {
    expect(returningCatalogueKeys(manifest, sources)).toEqual([
      'index.html',
      'src/boot.ts',
      '_registry.js',
      '_store.js',
      '_safe-url.js',
      'src/lib/storage/vault-records.ts',
      'src/lib/auth/auth-service.ts',
      '_scopes.js',
      '_ended-markers.js',
      'src/lib/auth/renewal-retry.ts',
      'src/lib/state/ended-before.ts',
      '_goodsie-profile.js',
    ]);
  });

  it('a first visit loads the first load, the stores list and the Goodsie store’s profile (config.json names it), nothing of a store’s screen', () => {
    expect(firstVisitKeys(manifest, sources)).toEqual(['index.html', 'src/boot.ts', '_registry.js', 'src/lib/components/views/HomeView.svelte', '_goodsie-profile.js']);
  });

  it('refuses to count a screen whose sources no chunk holds, rather than leave them out', () => {
    expect(() => returningCatalogueKeys(manifest, {})).toThrow(/no chunk of the build holds "src\/lib\/components\/views\/CatalogView.svelte"/);
  });

  it("finds every platform's lazy code, without what the catalogue already loaded", () => {
    const platforms = platformChunks(manifest, new Set(returningCatalogueKeys(manifest, sources)));
    expect([...platforms.keys()].sort()).toEqual(['foxy', 'goodsie']);
    expect(platforms.get('goodsie')).toEqual(['src/lib/providers/goodsie.ts']);
    expect(platforms.get('foxy')).toEqual(['src/lib/providers/foxy.ts', '_money.js']);
  });
  it('a config.json naming seam platforms adds their profiles (not the seam door: a first visit’s vault holds no connection to list), and the credentials form where one is offered; each platform named adds its profile, Goodsie’s too', () => {
    const seamBuild: Manifest = {
      ...manifest,
      'src/lib/providers/foxy-profile.ts': { file: 'assets/foxy-profile.js', isDynamicEntry: true },
      'src/lib/state/store-connections.ts': { file: 'assets/store-connections.js', isDynamicEntry: true, dynamicImports: ['src/lib/auth/connections.ts'] },
      'src/lib/auth/connections.ts': { file: 'assets/connections.js', isDynamicEntry: true, imports: ['_scopes.js'] },
      'src/lib/components/ConnectWithCredentials.svelte': { file: 'assets/connect-with-credentials.js', isDynamicEntry: true, imports: ['_shared.js', '_scopes.js'] },
      '_shared.js': { file: 'assets/shared.js' },
    };
    expect(configuredKeys(seamBuild, ['goodsie'], new Set(['index.html']), sources)).toEqual(['_goodsie-profile.js']);
    expect(configuredKeys(seamBuild, ['goodsie', 'foxy', 'foxy'], new Set(['index.html', '_scopes.js']), sources)).toEqual(['_goodsie-profile.js', 'src/lib/providers/foxy-profile.ts']);
    expect(configuredKeys(seamBuild, ['shopify'], new Set(['index.html']), sources)).toEqual([]);
    // A store connecting by a pasted credential: the stores list's form too, with what it imports that is not loaded yet.
    expect(configuredKeys(seamBuild, ['foxy'], new Set(['index.html', '_scopes.js']), sources, true)).toEqual([
      'src/lib/providers/foxy-profile.ts',
      'src/lib/components/ConnectWithCredentials.svelte',
      '_shared.js',
    ]);
  });
});
