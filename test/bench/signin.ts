/**
 * Sign-in and warm start in Debian's Chromium against the demo store: callback to session stored
 * per flow, the API requests between the callback and the first product painted (and whether they
 * overlap), and a returning visitor's start with the session already in IndexedDB.
 */
import type { Browser, Page } from 'playwright-core';
import { answerConsent, STORE_NAME, type AppUnderTest } from '../helpers/e2e-app.ts';
import { addProbe, openMetrics, readApiTimings, waitForProbe } from './probes.ts';
import { maxConcurrency, summarize } from './stats.ts';
import type { Figure } from './report.ts';
import { serveEmptyPage } from './floors.ts';

/** How the pictures are served in these figures (bench.ts starts the store with photoPictures). */
export const PICTURES_METHOD = "the store's pictures as 400 x 400 PNG photos from the demo store itself (photoPictures: same URLs, HTTP cache on), not its SVG drawings";

const FLOWS = [
  { id: 'implicit', storeName: STORE_NAME, label: 'implicit' },
  { id: 'code', storeName: `${STORE_NAME} (PKCE)`, label: 'code + PKCE' },
] as const;

interface SignInRun {
  storedAt: number;
  scriptMs: number;
  firstProductAt: number;
  requests: { path: string; start: number; end: number }[];
}

/** Home screen, Connect, and the store's consent page is open (Allow not pressed yet). */
export async function openConsent(page: Page, appUrl: string, storeName = STORE_NAME): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole('button', { name: `Connect ${storeName}`, exact: true }).click();
  await page.getByRole('button', { name: 'Allow', exact: true }).waitFor();
}

/** Signs in through the consent page (Allow) and waits for the first product card to be painted (the probe's). */
export async function signInToCatalogue(page: Page, appUrl: string, storeName = STORE_NAME): Promise<void> {
  await openConsent(page, appUrl, storeName);
  await answerConsent(page, 'Allow');
  await waitForProbe(page, 'firstProductAt');
}

/** One sign-in in a fresh profile: Connect, Allow, then the callback document's figures. */
async function signInOnce(page: Page, env: AppUnderTest, storeName: string): Promise<SignInRun> {
  await openConsent(page, env.app.url, storeName);
  const metrics = await openMetrics(page);
  const before = await metrics.read();
  await answerConsent(page, 'Allow');
  const storedAt = await waitForProbe(page, 'sessionStoredAt');
  const after = await metrics.read();
  await metrics.close();
  const firstProductAt = await waitForProbe(page, 'firstProductAt');
  const requests = await readApiTimings(page, env.store.origin, firstProductAt);
  return { storedAt, scriptMs: ((after.ScriptDuration ?? 0) - (before.ScriptDuration ?? 0)) * 1000, firstProductAt, requests };
}

export async function measureSignIn(browser: Browser, env: AppUnderTest, runs: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const flow of FLOWS) {
    const results: SignInRun[] = [];
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        await addProbe(context);
        results.push(await signInOnce(await context.newPage(), env, flow.storeName));
      } finally {
        await context.close();
      }
    }
    const stat = (values: number[]) => {
      const stats = summarize(values);
      return { value: stats.median, stats };
    };
    figures.push({
      id: `signin.${flow.id}.scriptMs`,
      section: 'signin',
      label: `${flow.label}: callback to session stored, main-thread script`,
      unit: 'ms',
      ...stat(results.map((r) => r.scriptMs)),
      method: 'CDP Performance.getMetrics ScriptDuration, read on the consent page before Allow and again once the session is in IndexedDB (so it also counts what ran before the probe saw it)',
    });
    figures.push({
      id: `signin.${flow.id}.storedAt`,
      section: 'signin',
      label: `${flow.label}: callback to session stored, wall`,
      unit: 'ms',
      ...stat(results.map((r) => r.storedAt)),
      method: "from the callback document's navigation start to the IndexedDB transaction that put session:<store> completing (init-script hook on IDBObjectStore.put)",
    });
    const last = results[results.length - 1]!;
    const concurrency = results.map((r) => maxConcurrency(r.requests));
    figures.push({
      id: `signin.${flow.id}.apiRequests`,
      section: 'signin',
      label: `${flow.label}: API requests, callback to first product painted`,
      unit: 'count',
      ...stat(results.map((r) => r.requests.length)),
      method: 'Resource Timing entries of the store (API and token endpoint) that start before the first product card is painted',
      note: `last run: ${last.requests.map((r) => `${r.path} ${Math.round(r.start)}–${Math.round(r.end)} ms`).join(', ')}`,
    });
    figures.push({
      id: `signin.${flow.id}.parallel`,
      section: 'signin',
      label: `${flow.label}: most of those requests in flight at once`,
      unit: 'count',
      ...stat(concurrency),
      method: 'overlap of their Resource Timing intervals (startTime to responseEnd); 1 = one after another',
    });
    figures.push({
      id: `signin.${flow.id}.firstProduct`,
      section: 'signin',
      label: `${flow.label}: callback to first product painted`,
      unit: 'ms',
      ...stat(results.map((r) => r.firstProductAt)),
      method: `navigation start of the callback document to the first product card painted (MutationObserver, then the first user-blocking task after the next frame); ${PICTURES_METHOD}`,
    });
  }
  return figures;
}

/**
 * A returning visitor: signed in once, then the catalogue opened anew `runs` times; each run beside
 * an empty page opened the same way (the browser's own floor on this machine, floors.ts).
 */
export async function measureWarmStart(browser: Browser, env: AppUnderTest, runs: number): Promise<Figure[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const empty = await serveEmptyPage();
  try {
    await addProbe(context);
    const page = await context.newPage();
    await signInOnce(page, env, STORE_NAME);
    await page.close();
    const samples: number[] = [];
    const floors: number[] = [];
    for (let run = 0; run < runs; run++) {
      floors.push(await empty.time(context));
      const fresh = await context.newPage();
      await fresh.goto(`${env.app.url}#/s/demo`);
      samples.push(await waitForProbe(fresh, 'firstProductAt'));
      await fresh.close();
    }
    const stats = summarize(samples);
    const floor = summarize(floors);
    return [
      {
        id: 'warm.firstProduct',
        section: 'warm',
        label: 'warm start: navigation to first product painted',
        unit: 'ms',
        value: stats.median,
        stats,
        method: `new tab on #/s/demo with the session already in IndexedDB; navigation start to the first product card painted; files from a local static server with the shipped headers; ${PICTURES_METHOD}`,
        note: `${Math.round(stats.median - floor.median)} ms above the empty page's ${Math.round(floor.median)} ms (medians)`,
      },
      {
        id: 'warm.emptyPage',
        section: 'warm',
        label: "an empty page, opened the same way: navigation to its one line painted (the browser's floor)",
        unit: 'ms',
        value: floor.median,
        stats: floor,
        method: 'a page with one module script that adds one line, from a local static server, in a new tab of the same context (same init scripts), one before each warm start run; painted as the probe defines it',
      },
    ];
  } finally {
    await empty.close();
    await context.close();
  }
}
