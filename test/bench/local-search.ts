/**
 * Search where the app itself searches what it has loaded (issue 15: "search over what is loaded,
 * where a platform pages locally, stays within a frame"): FlickRocket's API cannot search, so its
 * catalogue (1,000 products at most, the app's cap) is loaded once and searched, filtered and
 * sorted in the page. No request is made, so the figure is the app's alone: from the end of the
 * 300 ms debounce to the results painted, one word per run, in one catalogue; beside it the floor
 * (a one-word change to painted, in the same page) and the longest task.
 *
 * The app is the built one, configured by config.json alone with the headers it ships with, against
 * the faithful local FlickRocket server; FlickRocket's picture host, which the policy allows for a
 * FlickRocket store (its profile's pictureOrigins), answered in the browser with PNG photos (photos.ts).
 */
import type { Browser } from 'playwright-core';
import { deploymentHeaders } from '../helpers/e2e-app.ts';
import { BUILD_DIR } from '../helpers/paths.ts';
import { startStaticServer } from '../helpers/static-server.ts';
import { startFlickRocketStore } from '../platforms/flickrocket/server.ts';
import { PICTURE_HOST } from '../platforms/flickrocket/pictures.ts';
import { loadProfilesFor } from '../../src/lib/config/load-config.ts';
import { PAGE_CAP, SERVER_PAGE_SIZE } from '../../src/lib/providers/flickrocket/adapter.ts';
import { timeTrivialPaints } from './floors.ts';
import { answerPicturesWithPhotos } from './photos.ts';
import { addProbe, typeSearch } from './probes.ts';
import type { Figure } from './report.ts';
import { SEARCH_DEBOUNCE_MS } from './scale.ts';
import { summarize } from './stats.ts';

const CLIENT_ID = 'StorefrontConnect.bench.apps.flickrocket.com';
/** The most the app loads from FlickRocket (its cap): the whole catalogue is searched in the page. */
export const LOCAL_PRODUCTS = PAGE_CAP * SERVER_PAGE_SIZE;
/** Words of the seeded titles (test/platforms/flickrocket/seed.ts), one per run. */
const WORDS = ['river', 'golden', 'paper', 'blue', 'copper', 'glass', 'winter', 'hidden', 'silent', 'lantern'];

export async function measureLocalSearch(browser: Browser, runs: number, log: (line: string) => void): Promise<Figure[]> {
  const app = await startStaticServer({ root: BUILD_DIR, basePath: '/shops/fr/' });
  const shop = await startFlickRocketStore({
    port: 0,
    hooksPort: null,
    productCount: LOCAL_PRODUCTS,
    clients: [{ clientId: CLIENT_ID, name: 'Storefront Connect', redirectUris: [app.url] }],
    allowedOrigins: [app.origin],
    rateLimit: null,
  }).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  const config = {
    stores: [{ id: 'fr', kind: 'flickrocket' as const, name: 'FlickRocket Bench Shop', authorizationEndpoint: `${shop.origin}/oauth2/auth`, tokenEndpoint: `${shop.origin}/token`, apiBase: shop.origin, clientId: CLIENT_ID, redirectUri: app.url, defaultScopes: ['products'], currency: 'EUR', language: 'en' }],
  };
  app.setOverride('config.json', JSON.stringify(config));
  // The policy names the platform's picture hosts, which its profile gives.
  await loadProfilesFor(config);
  app.setHeaders(deploymentHeaders(config));
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await addProbe(context);
    await answerPicturesWithPhotos(context, PICTURE_HOST, (url) => url.origin === PICTURE_HOST);
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Connect FlickRocket Bench Shop', exact: true }).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    // The whole catalogue is in once the count line says how many of the store's it holds.
    await page.getByRole('status').filter({ hasText: `${LOCAL_PRODUCTS} products among the first ${LOCAL_PRODUCTS}` }).waitFor({ timeout: 60_000 });
    const requestsBefore = shop.stats().apiRequests;
    log(`local search (FlickRocket, ${LOCAL_PRODUCTS} products), ${runs} runs`);
    const searches = [];
    for (let run = 0; run < runs; run++) {
      await page.waitForTimeout(500); // the last run's pictures and idle work out of the way
      searches.push(await typeSearch(page, WORDS[run % WORDS.length]!));
    }
    const requests = shop.stats().apiRequests - requestsBefore;
    const floor = summarize(await timeTrivialPaints(page, 20));
    const afterDebounce = summarize(searches.map((s) => s.painted - s.typedAt - SEARCH_DEBOUNCE_MS));
    const longest = Math.max(...searches.map((s) => s.longestTaskMs));
    return [
      {
        section: 'scale',
        id: 'scale.localSearchAfterDebounce',
        label: `search in a catalogue searched in the page (FlickRocket, ${LOCAL_PRODUCTS} products): debounce to results painted`,
        unit: 'ms',
        value: afterDebounce.median,
        stats: afterDebounce,
        method: `a word of the seeded titles per run, typed at 10 keys a second in one catalogue; from the last input event + ${SEARCH_DEBOUNCE_MS} ms to the first task after the frame that follows the count line naming it (as the other search figures); no request: the app filters the loaded list (${requests} API requests during the runs)`,
        note: `${Math.round(afterDebounce.median - floor.median)} ms above the ${Math.round(floor.median)} ms a one-word change takes to be painted in the same page (medians); longest task ${Math.round(longest)} ms`,
      },
    ];
  } finally {
    await context.close();
    await Promise.all([app.close(), shop.close()]);
  }
}
