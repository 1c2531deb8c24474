/**
 * `npm run size [-- <dist dir>]`: gzip sizes of the app's first-load JS and CSS and of widget.js,
 * against the budgets (app first-load JS, its chunk names blanked, and widget 6 KB; size-report.ts); exits 1
 * when one is exceeded.
 * Builds first when the folder has no build manifest. gzip level 9, each file on its own (as a
 * CDN serves them).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { blankChunkNames, firstLoadKeys, formatReport, measure, type Manifest } from './size-report.ts';
import { configuredKeys, FIRST_SCREEN, readChunkSources, RETURNING_SCREEN } from './bytes.ts';
import { loadProfilesFor } from '../../src/lib/config/load-config.ts';
import { getProvider } from '../../src/lib/providers/registry.ts';

/** The store kinds public/config.json names (none when it cannot be read). */
function shippedKinds(path: string): string[] {
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as { stores?: { kind?: unknown }[] };
    return (json.stores ?? []).map((store) => store.kind).filter((kind): kind is string => typeof kind === 'string');
  } catch {
    return [];
  }
}

/**
 * Whether the stores list loads its credentials form on a first visit: where config.json names one
 * store and it connects by a pasted credential (a list of several shows each form on Connect).
 */
async function showsCredentialsForm(kinds: readonly string[]): Promise<boolean> {
  if (kinds.length !== 1) return false;
  await loadProfilesFor({ stores: kinds.map((kind) => ({ kind })) });
  return kinds.some((kind) => {
    try {
      return getProvider(kind).modes.some((mode) => mode.style === 'credentials');
    } catch {
      return false; // an unknown kind: config validation names it
    }
  });
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = resolve(root, process.argv[2] ?? 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');

// Measure a fresh build of the working tree (a given folder is measured as it is). The build
// manifest (dist/.vite/manifest.json) tells first-load chunks from lazy ones; a deployment does not
// ship it, so it is asked for here and removed again once read.
let built = false;
if (process.argv[2] === undefined || !existsSync(manifestPath) || !existsSync(join(dist, 'widget.js'))) {
  process.stdout.write(`Building ${dist}…\n`);
  const { build } = await import('vite');
  await build({ root, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true, manifest: true } });
  built = true;
}

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
const sources = readChunkSources(dist);
if (built) rmSync(join(dist, '.vite'), { recursive: true, force: true });
const gzipSizeOf = (file: string): number => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const guardSizeOf = (file: string): number => gzipSync(blankChunkNames(readFileSync(join(dist, file), 'utf8')), { level: 9 }).length;
// A first visit shows the stores list; the catalogue is the first screen of a returning visitor.
const report = measure(manifest, gzipSizeOf, { firstScreen: FIRST_SCREEN, guardSizeOf });
const returning = measure(manifest, gzipSizeOf, { firstScreen: RETURNING_SCREEN, sources });
process.stdout.write(`Sizes of ${dist} (gzip -9, 1 KB = 1000 bytes)\n`);
process.stdout.write(formatReport(report));
process.stdout.write(
  `\nA returning visitor's first screen (the store screen's chunk: catalogue, tabs, API client; and the AuthService; not the failure parts, fetched once its cards are drawn): ` +
    `${(returning.totals.firstLoadJs / 1000).toFixed(2)} KB gzip JavaScript (for information; the budget is for a first visit)\n`,
);
// What the shipped config.json adds to a first visit (its platforms' profiles; the credentials form of a
// single store): not
// in the budget's figure, which is the app's own first screen whatever config.json names.
const kinds = shippedKinds(join(root, 'public', 'config.json'));
const configured = configuredKeys(manifest, kinds, new Set(firstLoadKeys(manifest, { firstScreen: FIRST_SCREEN })), sources, await showsCredentialsForm(kinds));
const configuredFiles = [...new Set(configured.flatMap((key) => [manifest[key]!.file, ...(manifest[key]!.css ?? [])]))];
const configuredGzip = configuredFiles.reduce((sum, file) => sum + gzipSizeOf(file), 0);
process.stdout.write(
  `A first visit with the shipped config.json (${[...new Set(kinds)].join(', ')}) also loads ${(configuredGzip / 1000).toFixed(2)} KB gzip JavaScript and CSS ` +
    `in ${configuredFiles.length} files (platform profiles${kinds.length === 1 ? ', the credentials form' : ''}): ${((report.totals.firstLoadJs + report.totals.firstLoadCss + configuredGzip) / 1000).toFixed(2)} KB JS + CSS in all\n`,
);
// The entry only scrubs an OAuth callback out of the URL; a static import would make it wait.
const entryImports = manifest['index.html']?.imports ?? [];
if (entryImports.length > 0) {
  process.stdout.write(`\nThe entry imports ${entryImports.join(', ')} statically: the URL scrub would wait for it.\n`);
}
process.exitCode = report.overBudget.length === 0 && entryImports.length === 0 ? 0 : 1;
