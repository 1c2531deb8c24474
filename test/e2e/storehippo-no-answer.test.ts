/**
 * A StoreHippo store whose catalogue read gets no answer the page may read, while the browser is
 * online (the connection dropped, or the store's CORS), in the built app against the faithful local
 * StoreHippo server (platforms.md 2). The seam's transport calls it NETWORK_OR_CORS, Goodsie's client
 * API_NETWORK_ERROR: the same situation, said in the same words with the same next step
 * (failures-store.test.ts shows Goodsie's). Offline: storehippo-offline.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import { loadedProducts } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { HIPPO_NAME as NAME, pasteKey, useHippoApp } from '../helpers/storehippo-app.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';

const { startEnv, openHome } = useHippoApp();

/** Goodsie's words for a store read that got no answer (messages.ts), word for word. */
const NO_ANSWER = 'The store may be down for a moment, or the connection dropped: try again shortly. If the rest of the store loads, the store did not let this app read this answer (CORS).';

describe('StoreHippo in the app', () => {
  it('a catalogue read that gets no answer says what to do next in Goodsie’s words, not "could not be reached" twice; Try again loads the list', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 360);
    await pasteKey(page, DEMO_KEYS.readOnly);
    await page.getByText(/^Connected · /).waitFor();
    // Every products read from now on is cut off before an answer (as a dropped link or a refused CORS read is).
    const products = (url: URL) => url.origin === env.hippo.origin && url.pathname.endsWith('/ms.products');
    let cut = 0;
    await page.route(products, (route: Route) => {
      cut++;
      return route.abort('failed');
    });
    await page.getByRole('link', { name: `Browse ${NAME}` }).click();
    const panel = page.getByRole('alert').filter({ hasText: 'The store could not be reached' });
    await panel.waitFor({ timeout: 15_000 });
    expect(cut).toBeGreaterThan(0);
    await expect.poll(() => panel.textContent()).toContain(NO_ANSWER);
    // said once, with one next step: not the developer message of the contract ("... or could not be reached")
    expect(await panel.textContent()).not.toMatch(/could not be reached\./);
    expect(await panel.getByRole('button').allTextContents()).toEqual(['Try again']);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-no-answer-360.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-no-answer-1280.png`, fullPage: true });

    await page.unroute(products);
    await panel.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => loadedProducts(page), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await panel.count()).toBe(0);
  });
});
