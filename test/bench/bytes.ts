/**
 * Bytes of the build, gzip and brotli, read from Vite's build manifest with the size report's
 * first-load walk (size-report.ts): first visit, returning visitor's catalogue, widget, and each
 * platform's lazily loaded code; plus peers bundled alone at bench time, as ratios.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chunkKeyOf, firstLoadKeys, workersOf, type ChunkSources, type Manifest } from './size-report.ts';
import { STORE_SCREEN } from '../deploy/first-load.ts';
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
/** Loaded at once when a session is saved (the first screen holds only a lighter door to it, auth-port.ts). */
const AUTH_SERVICE = 'src/lib/auth/auth-service.ts';
/** Loaded at once with a saved session too (Session.load), so that a renewal failed offline is retried. */
const RENEWAL_RETRY = 'src/lib/auth/renewal-retry.ts';
/** Loaded by the vault's listing when it finds a record (vault-listing.ts), with the sealing that opens it (RECORD_READING): a first visit has none. */
const VAULT_RECORDS = 'src/lib/storage/vault-records.ts';
/**
 * Reads, beside the listing, why a store the store itself disconnected is not connected (its markers,
 * storage/ended-markers.ts): loaded for a returning visitor only (Session.load), whatever the platform.
 */
const ENDED_BEFORE = 'src/lib/state/ended-before.ts';
/** The measured store's platform profile, loaded with config.json (registry.ts). */
const GOODSIE_PROFILE = 'src/lib/providers/goodsie-profile.ts';
/**
 * What a returning visitor's first screen loads beyond the first load: the store screen's chunk
 * (the catalogue and its tabs, which the shell loads as soon as a store is connected, the code that
 * builds the store's client and the API client; not the banners and the other failure parts,
 * FAILURE_PARTS, fetched once the first cards are drawn), the reading of the saved records, the
 * AuthService, the renewals' retry, the reading of the ended markers and the Goodsie store's profile.
 * test/e2e/first-visit-code.test.ts checks this against what Chromium downloads.
 */
export const RETURNING_SCREEN = [...STORE_SCREEN, VAULT_RECORDS, AUTH_SERVICE, RENEWAL_RETRY, ENDED_BEFORE, GOODSIE_PROFILE] as const;
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

/** The stores list's credentials forms, which it loads on Connect, or at once for the only store configured. */
const CREDENTIALS_FORM = 'src/lib/components/ConnectWithCredentials.svelte';

/**
 * What a first visit loads beyond {@link FIRST_SCREEN} because of what config.json names, as the
 * boot does it: each named platform's profile (the registry loads them with
 * config.json), and where the stores list shows a credentials form at once (`credentialsForms`: the
 * only store configured connects by a pasted credential) the form. Not the seam's door: Session.load builds it to list saved connections
 * only when the vault holds a seam store's record, and a first visit's holds none. Keys (with their static
 * imports) not already in `loaded`.
 */
export function configuredKeys(
  manifest: Manifest,
  kinds: readonly string[],
  loaded: ReadonlySet<string>,
  sources: ChunkSources = {},
  credentialsForms = false,
): string[] {
  const profiles = [...new Set(kinds)].flatMap((kind) => {
    try {
      return [chunkKeyOf(manifest, `${PROVIDERS}${kind}-profile.ts`, sources)];
    } catch {
      return []; // a kind the build has no profile for: config validation names it
    }
  });
  const forms = credentialsForms ? [chunkKeyOf(manifest, CREDENTIALS_FORM, sources)] : [];
  const keys = [...profiles, ...forms].flatMap((key) => firstLoadKeys(manifest, { entry: key, eagerDynamic: [] }));
  return [...new Set(keys)].filter((key) => !loaded.has(key));
}

/**
 * The manifest keys a first visit loads: the first load (entry, boot, the stores list) and the
 * profile of the platform config.json names, Goodsie's, as a one-store deployment loads it (the
 * registry loads it with config.json: no first visit is without one). The same store as the returning
 * catalogue's figure; `npm run size` adds what the shipped config.json's five platforms bring.
 */
export function firstVisitKeys(manifest: Manifest, sources: ChunkSources = {}): string[] {
  const first = firstLoadKeys(manifest, { firstScreen: FIRST_SCREEN, sources });
  return [...first, ...configuredKeys(manifest, ['goodsie'], new Set(first), sources)];
}

/** The manifest keys a returning visitor's catalogue loads: first load and {@link RETURNING_SCREEN}. */
export function returningCatalogueKeys(manifest: Manifest, sources: ChunkSources = {}): string[] {
  return firstLoadKeys(manifest, { firstScreen: RETURNING_SCREEN, sources });
}

/** The build's `.vite/chunk-sources.json` (see ChunkSources); empty when the build wrote none. */
export function readChunkSources(dist: string): ChunkSources {
  const path = join(dist, '.vite', 'chunk-sources.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ChunkSources) : {};
}

function filesOf(manifest: Manifest, keys: readonly string[]): string[] {
  const files = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key]!;
    files.add(chunk.file);
    for (const worker of workersOf(chunk)) files.add(worker);
    for (const css of chunk.css ?? []) files.add(css);
  }
  return [...files];
}

export function measureBytes(dist: string): Figure[] {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const sources = readChunkSources(dist);
  const sizeOf = (how: Compress) => (file: string) => compressedSize(readFileSync(join(dist, file)), how);
  const figures: Figure[] = [];
  const add = (id: string, label: string, files: readonly string[], method: string): void => {
    for (const how of ['gzip', 'brotli'] as const) {
      const value = files.reduce((sum, file) => sum + sizeOf(how)(file), 0);
      figures.push({ id: `bytes.${id}.${how}`, section: 'bytes', label: `${label}, ${how}`, unit: 'bytes', value, method: `${method}; ${how === 'gzip' ? 'gzip -9' : 'brotli q11'}, each file alone` });
    }
  };
  // The size report's walk (the entry, what it imports, the first screen's view: HomeView) and the
  // Goodsie store's profile.
  add('firstVisit', 'first visit (JS + CSS, Goodsie)', filesOf(manifest, firstVisitKeys(manifest, sources)), "build manifest: entry + static imports + boot + HomeView, as npm run size, + the Goodsie store's profile (loaded with config.json)");
  const returningKeys = returningCatalogueKeys(manifest, sources);
  const returningFiles = filesOf(manifest, returningKeys);
  const platforms = platformChunks(manifest, new Set(returningKeys));
  // The catalogue cannot show a product without its platform's adapter: Goodsie's is counted in.
  const goodsie = platforms.get('goodsie') ?? [];
  add('returningCatalogue', 'returning catalogue (JS + CSS, Goodsie)', [...new Set([...returningFiles, ...filesOf(manifest, goodsie)])], 'build manifest: first load + the store screen\'s chunk (catalogue, store bar, tabs, API client: STORE_SCREEN in test/deploy/first-load.ts) + AuthService + renewal retry + the Goodsie profile and adapter');
  add('widget', 'widget.js', ['widget.js'], 'dist/widget.js');
  for (const [platform, keys] of platforms) {
    add(`platform.${platform}`, `lazily loaded for ${platform}`, filesOf(manifest, keys), `build manifest: dynamic entry ${PROVIDERS}${platform} and the imports the catalogue lacks`);
  }
  return figures;
}
