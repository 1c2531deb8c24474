/**
 * Lighthouse (v12, the last major that runs on Node 20) on the built app served with its shipped
 * headers, desktop and mobile, on the first screen and on the catalogue. Debian's Chromium is
 * started by chrome-launcher with a profile of its own; the catalogue's session is made in that
 * profile by signing in through Playwright connected to the same browser, and Lighthouse keeps
 * storage (disableStorageReset) so it sees a returning visitor.
 * With BENCH_LIGHTHOUSE_REPORTS=<folder> each run's full report (the JSON Lighthouse writes, every
 * audit's details) is saved there as <page>-<form factor>-<run>.json, to see what an audit names.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../helpers/browser.ts';
import { answerConsent, startAppUnderTest } from '../helpers/e2e-app.ts';
import { openConsent } from './signin.ts';
import type { Figure } from './report.ts';
import { summarize } from './stats.ts';
import { noteOf, whyUnscored } from './lighthouse-notes.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const FORM_FACTORS = ['desktop', 'mobile'] as const;

export async function measureLighthouse(runs: number, log: (line: string) => void): Promise<Figure[]> {
  const reports = process.env.BENCH_LIGHTHOUSE_REPORTS;
  if (reports) mkdirSync(reports, { recursive: true });
  const env = await startAppUnderTest();
  const profile = mkdtempSync(join(tmpdir(), 'bench-lighthouse-'));
  const chrome = await launch({ chromePath: chromiumPath(), chromeFlags: CHROMIUM_ARGS, userDataDir: profile, logLevel: 'silent' });
  const figures: Figure[] = [];
  try {
    const pages = [
      { id: 'home', label: 'first screen', url: env.app.url },
      { id: 'catalogue', label: 'catalogue', url: `${env.app.url}#/s/demo` },
    ];
    for (const target of pages) {
      if (target.id === 'catalogue') await signInInProfile(chrome.port, env.app.url);
      for (const formFactor of FORM_FACTORS) {
        const scores = new Map<string, number[]>(CATEGORIES.map((c) => [c, []]));
        const failing = new Map<string, Set<string>>(CATEGORIES.map((c) => [c, new Set()]));
        /** Why a run gave a category no score (it is left out of the median, and said so). */
        const unscored = new Map<string, string[]>(CATEGORIES.map((c) => [c, []]));
        for (let run = 0; run < runs; run++) {
          log(`lighthouse ${formFactor} ${target.label}, run ${run + 1} of ${runs}`);
          const result = await lighthouse(
            target.url,
            { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES], disableStorageReset: true },
            formFactor === 'desktop' ? desktopConfig : undefined,
          );
          if (reports && result) writeFileSync(join(reports, `${target.id}-${formFactor}-${run + 1}.json`), JSON.stringify(result.lhr, null, 1));
          for (const category of CATEGORIES) {
            const score = result?.lhr.categories[category]?.score;
            if (typeof score === 'number') scores.get(category)!.push(Math.round(score * 100));
            else unscored.get(category)!.push(`run ${run + 1}: ${whyUnscored(result?.lhr, category)}`);
            for (const ref of result?.lhr.categories[category]?.auditRefs ?? []) {
              const audit = result?.lhr.audits[ref.id];
              if (ref.weight > 0 && audit && typeof audit.score === 'number' && audit.score < 1) failing.get(category)!.add(ref.id);
            }
          }
        }
        for (const category of CATEGORIES) {
          const samples = scores.get(category)!;
          const stats = samples.length > 0 ? summarize(samples) : undefined;
          figures.push({
            id: `lighthouse.${formFactor}.${target.id}.${category === 'best-practices' ? 'bestPractices' : category}`,
            section: 'lighthouse',
            label: `Lighthouse ${formFactor}, ${target.label}: ${category}`,
            unit: 'score',
            value: stats?.median ?? null,
            ...(stats ? { stats } : {}),
            ...(noteOf(failing.get(category)!, unscored.get(category)!) ?? {}),
            method: `lighthouse ${formFactor === 'desktop' ? 'desktop config' : 'default (mobile, simulated throttling)'} on the built app with its shipped headers, Debian Chromium via chrome-launcher`,
          });
        }
      }
    }
  } finally {
    chrome.kill();
    await env.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return figures;
}

/** Signs in to the demo store in the Lighthouse browser's own profile, so the session is in its IndexedDB. */
async function signInInProfile(port: number, appUrl: string): Promise<void> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const page = await browser.contexts()[0]!.newPage();
    await openConsent(page, appUrl);
    await answerConsent(page, 'Allow');
    await page.locator('ul.grid > li').first().waitFor();
    await page.close();
  } finally {
    await browser.close();
  }
}
