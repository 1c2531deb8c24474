/**
 * `npm run bench [-- --runs N] [--quick] [--only <section>]`: builds the app, starts the demo
 * store(s) and Debian's Chromium, measures (bytes, sign-in, warm start, scale and search,
 * Lighthouse), prints a table with the method beside each figure and the budgets of issue 15 as
 * met or missed, and how busy the CPUs were while each section ran, and writes
 * test/bench/results/latest.json. Not part of `npm test`: figures vary with the machine.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startAppUnderTest, type AppUnderTest } from '../helpers/e2e-app.ts';
import { BUILD_DIR, ROOT_DIR } from '../helpers/paths.ts';
import { measureBytes } from './bytes.ts';
import { measurePeers } from './peers.ts';
import { parseOptions, sectionsToRun, type Section } from './options.ts';
import { evaluateBudgets, formatBudgets, formatTable, type Figure } from './report.ts';
import { measureSignIn, measureWarmStart } from './signin.ts';
import { measureScale } from './scale.ts';
import { measureLocalSearch } from './local-search.ts';
import { measureReloadPlace } from './reload.ts';
import { measureLighthouse } from './lighthouse.ts';
import { cpuShare, formatCpuShares, readCpuTimes, type CpuShare } from './machine.ts';

const LIGHTHOUSE_MAX_RUNS = 5;
const options = parseOptions(process.argv.slice(2));
const sections = sectionsToRun(options);
const started = Date.now();
const log = (line: string): void => {
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
};

log(`building the app into ${BUILD_DIR}`);
const { build } = await import('vite');
// The bytes section reads the build manifest, which a deployment's build leaves out (vite.config.ts
// manifest: false): asked for here, as npm run size does, and removed once read.
await build({ root: ROOT_DIR, logLevel: 'warn', build: { outDir: BUILD_DIR, emptyOutDir: true, manifest: true } });

const figures: Figure[] = [];
/** How busy the CPUs were, and how much the hypervisor took, while each section ran (machine.ts). */
const cpu: Record<string, CpuShare | null> = {};
async function measured<T>(section: Section, run: () => Promise<T> | T): Promise<T> {
  const before = readCpuTimes();
  try {
    return await run();
  } finally {
    cpu[section] = cpuShare(before, readCpuTimes());
  }
}
const browserSections: Section[] = ['signin', 'warm', 'scale'];
let browser: Browser | null = null;
let env: AppUnderTest | null = null;
try {
  if (sections.includes('bytes')) {
    log('bytes');
    figures.push(
      ...(await measured('bytes', async () => {
        const ours = measureBytes(BUILD_DIR);
        rmSync(join(BUILD_DIR, '.vite'), { recursive: true, force: true });
        return [...ours, ...(await measurePeers(ROOT_DIR, ours))];
      })),
    );
  }
  if (sections.some((s) => browserSections.includes(s) && s !== 'scale')) {
    browser = await launchChromium();
    // Pictures as a real store serves them (raster photos), from the store with the HTTP cache on:
    // the demo store's SVGs cost Chromium a document each on the main thread (photos.ts).
    env = await startAppUnderTest({ store: { photoPictures: true } });
    if (sections.includes('signin')) {
      log(`sign-in, ${options.runs} runs per flow`);
      figures.push(...(await measured('signin', () => measureSignIn(browser!, env!, options.runs))));
    }
    if (sections.includes('warm')) {
      log(`warm start, ${options.runs} runs`);
      figures.push(...(await measured('warm', async () => [...(await measureWarmStart(browser!, env!, options.runs)), ...(await measureReloadPlace(browser!, env!, options.runs))])));
    }
  }
  if (sections.includes('scale')) {
    browser ??= await launchChromium();
    log('scale: a store of 10,000 products');
    figures.push(...(await measured('scale', async () => [...(await measureScale(browser!, options.runs, log)), ...(await measureLocalSearch(browser!, options.runs, log))])));
  }
  // Lighthouse starts a Chromium of its own: the other one and the demo stores are closed first, so
  // that nothing of the sections before (a 10,000-product scroll just ended) runs beside it.
  await env?.close();
  await browser?.close();
  env = null;
  browser = null;
  if (sections.includes('lighthouse')) {
    // Each Lighthouse run takes ~9 s here (20 runs at 5 each: 185 s): at most 5, not --runs, keep
    // the bench under ~10 minutes. Fewer would not do: the mobile catalogue's score moved from 76 to
    // 93 between two runs of the same code, and the median of two is the mean of its extremes.
    const lighthouseRuns = Math.min(options.runs, LIGHTHOUSE_MAX_RUNS);
    log(`lighthouse, ${lighthouseRuns} run(s) per page and form factor`);
    figures.push(...(await measured('lighthouse', () => measureLighthouse(lighthouseRuns, log))));
  }
} finally {
  await env?.close();
  await browser?.close();
}

const budgets = evaluateBudgets(figures);
process.stdout.write(`\n${formatTable(figures)}\n${formatBudgets(budgets, figures)}`);
const machine = { cpus: cpus().length, loadAverage: loadavg().map((n) => Number(n.toFixed(2))), node: process.version, platform: process.platform, cpuDuring: cpu };
process.stdout.write(`\nMachine: ${machine.cpus} CPUs, load average ${machine.loadAverage.join(' ')} (a loaded machine gives noisy figures)\n`);
const shares = formatCpuShares(cpu);
// Steal: CPU time the hypervisor gave another machine while ours waited. Every time figure of a
// section with a large share ran on a slower machine than its budget assumes.
if (shares) process.stdout.write(`CPU while measuring: ${shares}\n`);
const out = resolve(ROOT_DIR, options.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ takenAt: new Date().toISOString(), machine, options: { runs: options.runs, quick: options.quick, sections }, figures, budgets: budgets.map((b) => ({ ...b.budget, value: b.value, verdict: b.verdict })) }, null, 2)}\n`,
);
log(`wrote ${out}`);
