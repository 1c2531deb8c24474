/**
 * A search typed as a Shopware catalogue opens, while the shop's currency table is still on its way,
 * in Chromium against the faithful server. The currency table is read once per store and shared by
 * every list that waits on it; the first list, left for the search's, took the read down with it, and
 * the search's list got its abort: the screen showed the search box and nothing else, no products, no
 * loading line, no error (seen in CI: "requests waiting: none; failed: POST /api/search/currency
 * (net::ERR_ABORTED)"). Now a list left stops only its own wait (shared-read.ts).
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { productCards } from '../helpers/catalog-grid.ts';
import { serveShopwareDemo } from '../helpers/shopware-app.ts';
import { DEMO_INTEGRATIONS } from '../platforms/shopware/constants.ts';

const e2e = useE2e();
const BROWSE = DEMO_INTEGRATIONS[0] as (typeof DEMO_INTEGRATIONS)[0];

describe('Shopware: a search typed while the catalogue is still loading', () => {
  it('shows the products found, not an empty screen', async () => {
    const { app, page } = await serveShopwareDemo(e2e, 1280);
    await page.getByLabel('Access key ID').fill(BROWSE.accessKeyId);
    await page.getByLabel('Secret access key').fill(BROWSE.secret);
    await page.getByRole('button', { name: /^Connect .* with the integration key$/ }).click();
    await page.getByText(/^Connected · /).waitFor();

    // the currency table held back until the search has been typed (a slow shop, or a busy machine)
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    await page.route(/\/api\/search\/currency$/, async (route) => {
      asked++;
      await held;
      await route.continue().catch(() => undefined); // (a request the page stopped meanwhile)
    });
    await page.goto(`${app.url}#/s/sw`);
    await expect.poll(() => asked).toBe(1);
    await page.getByRole('searchbox', { name: 'Search' }).fill('Cherries');
    await page.waitForURL(/q=Cherries/);
    release();

    await expect.poll(async () => (await productCards(page).allInnerTexts()).join('|')).toMatch(/^[^|]*Cherries[^|]*$/);
    await page.unroute(/\/api\/search\/currency$/);
  });
});
