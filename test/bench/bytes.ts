/**
 * Bytes of the build, gzip and brotli, read from Vite's build manifest with the size report's
 * first-load walk (size-report.ts): first visit, returning visitor's catalogue, widget, and each
 * platform's lazily loaded code; plus peers bundled alone at bench time, as ratios.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { firstLoadKeys, measure, type Manifest } from './size-report.ts';
import type { Figure } from './report.ts';

export type Compress = 'gzip' | 'brotli';

export function compressedSize(bytes: Buffer, how: Compress): number {
  return how === 'gzip'
    ? gzipSync(bytes, { level: 9 }).length
    : brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

const HOME = 'src/lib/components/views/HomeView.svelte';
/** What a first visit loads beyond the entry's static graph: the stores list. */
export const FIRST_SCREEN = [HOME] as const;
const CATALOGUE = 'src/lib/components/views/CatalogView.svelte';
const API_CLIENT = 'src/lib/api/client.ts';
/** Loaded at once when a session is saved (the first screen holds only a lighter door to it, auth-port.ts). */
const AUTH_SERVICE = 'src/lib/auth/auth-service.ts';
/** What a returning visitor's first screen loads beyond the first load: the catalogue, the API client, the AuthService. */
export const RETURNING_SCREEN = [CATALOGUE, API_CLIENT, AUTH_SERVICE] as const;
const PROVIDERS = 'src/lib/providers/';

/**
 * Each platform's lazily loaded code: every dynamic entry under src/lib/providers/ (the registry
 * imports a platform's adapter on demand), with the static imports it brings that a returning
 * visitor's catalogue does not already have. Keyed by platform (the file's base name).
 */
export function platformChunks(manifest: Manifest, alreadyLoaded: ReadonlySet<string>): Map<string, string[]> {
  const platforms = new Map<string, string[]>();
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isDynamicEntry || !key.startsWith(PROVIDERS)) continue;
    const name = key.slice(PROVIDERS.length).replace(/\.[a-z]+$/, '');
    const keys = firstLoadKeys(manifest, { entry: key, eagerDynamic: [] }).filter((k) => !alreadyLoaded.has(k));
    platforms.set(name, keys);
  }
  return platforms;
}

/** The manifest keys a returning visitor's catalogue loads: first load and {@link RETURNING_SCREEN}. */
export function returningCatalogueKeys(manifest: Manifest): string[] {
  return firstLoadKeys(manifest, { firstScreen: RETURNING_SCREEN });
}

function filesOf(manifest: Manifest, keys: readonly string[]): string[] {
  const files = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key]!;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
  }
  return [...files];
}

export function measureBytes(dist: string): Figure[] {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const sizeOf = (how: Compress) => (file: string) => compressedSize(readFileSync(join(dist, file)), how);
  const figures: Figure[] = [];
  const add = (id: string, label: string, files: readonly string[], method: string): void => {
    for (const how of ['gzip', 'brotli'] as const) {
      const value = files.reduce((sum, file) => sum + sizeOf(how)(file), 0);
      figures.push({ id: `bytes.${id}.${how}`, section: 'bytes', label: `${label}, ${how}`, unit: 'bytes', value, method: `${method}; ${how === 'gzip' ? 'gzip -9' : 'brotli q11'}, each file alone` });
    }
  };
  // The size report's walk: the entry, what it imports, and the first screen's view (HomeView).
  const first = measure(manifest, sizeOf('gzip'), { firstScreen: FIRST_SCREEN });
  const firstFiles = [...first.firstLoadJs, ...first.firstLoadCss].map((f) => f.file);
  add('firstVisit', 'first visit (JS + CSS)', firstFiles, 'build manifest: entry + static imports + boot + HomeView, as npm run size');
  const returningKeys = returningCatalogueKeys(manifest);
  const returningFiles = filesOf(manifest, returningKeys);
  const platforms = platformChunks(manifest, new Set(returningKeys));
  // The catalogue cannot show a product without its platform's adapter: Goodsie's is counted in.
  const goodsie = platforms.get('goodsie') ?? [];
  add('returningCatalogue', 'returning catalogue (JS + CSS, Goodsie)', [...new Set([...returningFiles, ...filesOf(manifest, goodsie)])], 'build manifest: first load + CatalogView + API client + AuthService + the Goodsie adapter');
  add('widget', 'widget.js', ['widget.js'], 'dist/widget.js');
  for (const [platform, keys] of platforms) {
    add(`platform.${platform}`, `lazily loaded for ${platform}`, filesOf(manifest, keys), `build manifest: dynamic entry ${PROVIDERS}${platform} and the imports the catalogue lacks`);
  }
  return figures;
}
