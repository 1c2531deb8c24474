/**
 * `npm run size [-- <dist dir>]`: gzip sizes of the app's first-load JS and CSS and of widget.js,
 * against the budgets (app first-load JS 35 KB, widget 15 KB); exits 1 when one is exceeded.
 * Builds first when the folder has no build manifest. gzip level 9, each file on its own (as a
 * CDN serves them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { formatReport, measure, type Manifest } from './size-report.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = resolve(root, process.argv[2] ?? 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');

if (!existsSync(manifestPath) || !existsSync(join(dist, 'widget.js'))) {
  process.stdout.write(`No build in ${dist}; building…\n`);
  const { build } = await import('vite');
  await build({ root, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
}

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
const gzipSizeOf = (file: string): number => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const report = measure(manifest, gzipSizeOf);
process.stdout.write(`Sizes of ${dist} (gzip -9, 1 KB = 1000 bytes)\n`);
process.stdout.write(formatReport(report));
process.exitCode = report.overBudget.length === 0 ? 0 : 1;
