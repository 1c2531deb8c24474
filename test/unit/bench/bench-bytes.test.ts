import { describe, expect, it } from 'vitest';
import { platformChunks, returningCatalogueKeys } from '../../bench/bytes.ts';
import type { Manifest } from '../../bench/size-report.ts';

/** A tiny build: the registry lazily imports two platforms; one shares a chunk with the catalogue. */
const manifest: Manifest = {
  'index.html': { file: 'assets/index.js', isEntry: true, dynamicImports: ['src/boot.ts'] },
  'src/boot.ts': { file: 'assets/boot.js', isDynamicEntry: true, imports: ['_registry.js'], dynamicImports: ['src/lib/components/views/CatalogView.svelte', 'src/lib/api/client.ts', 'src/lib/auth/auth-service.ts'] },
  '_registry.js': { file: 'assets/registry.js', dynamicImports: ['src/lib/providers/goodsie.ts', 'src/lib/providers/foxy.ts'] },
  'src/lib/components/views/CatalogView.svelte': { file: 'assets/CatalogView.js', isDynamicEntry: true, imports: ['_safe-url.js'], css: ['assets/CatalogView.css'] },
  'src/lib/api/client.ts': { file: 'assets/client.js', isDynamicEntry: true },
  'src/lib/auth/auth-service.ts': { file: 'assets/auth-service.js', isDynamicEntry: true, imports: ['_scopes.js'] },
  '_scopes.js': { file: 'assets/scopes.js' },
  '_safe-url.js': { file: 'assets/safe-url.js' },
  '_money.js': { file: 'assets/money.js' },
  'src/lib/providers/goodsie.ts': { file: 'assets/goodsie.js', isDynamicEntry: true, imports: ['_safe-url.js'] },
  'src/lib/providers/foxy.ts': { file: 'assets/foxy.js', isDynamicEntry: true, imports: ['_safe-url.js', '_money.js'] },
  'src/lib/sanitize/merchant-html.ts': { file: 'assets/merchant-html.js', isDynamicEntry: true },
};

describe('bench bytes from the build manifest', () => {
  it('a returning visitor loads the first load, the catalogue view, the API client and the AuthService', () => {
    expect(returningCatalogueKeys(manifest)).toEqual([
      'index.html',
      'src/boot.ts',
      '_registry.js',
      'src/lib/components/views/CatalogView.svelte',
      '_safe-url.js',
      'src/lib/api/client.ts',
      'src/lib/auth/auth-service.ts',
      '_scopes.js',
    ]);
  });

  it("finds every platform's lazy code, without what the catalogue already loaded", () => {
    const platforms = platformChunks(manifest, new Set(returningCatalogueKeys(manifest)));
    expect([...platforms.keys()].sort()).toEqual(['foxy', 'goodsie']);
    expect(platforms.get('goodsie')).toEqual(['src/lib/providers/goodsie.ts']);
    expect(platforms.get('foxy')).toEqual(['src/lib/providers/foxy.ts', '_money.js']);
  });
});
