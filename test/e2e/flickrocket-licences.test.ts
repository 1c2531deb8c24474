/**
 * A FlickRocket product sold under several licences lists them on its page, in Chromium on the built
 * app against the faithful server: 1009 (a film) is sold as "Buy" (€49.00), "Rent 48 h" (€4.99) and
 * "Family (5 devices)" on a USD-only price model ("Price not available" in this EUR shop). Before,
 * the page said only "From €4.99": a shopper could not tell what the licences were or what each
 * cost. The names come from licenses.json, read once with the catalogue; a product with one licence
 * (1003) shows its price and nothing more.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { screenAudits } from '../helpers/screen-audits.ts';
import { useFlickRocketApp } from '../helpers/flickrocket-app.ts';

const { env, openHome, connect } = useFlickRocketApp();

async function openProduct(page: Page, appUrl: string, id: number): Promise<void> {
  await page.goto(`${appUrl}#/s/fr/product/${id}`);
  // the product itself read (its description), not only what its card showed
  await page.getByRole('heading', { level: 2, name: 'Description' }).waitFor({ timeout: 20_000 });
}

describe('FlickRocket: a product sold under several licences lists them', () => {
  it('lists each licence’s name and price (or "Price not available") under its "From" price; one licence: nothing more', async () => {
    const { app, shop } = await env();
    const page = await openHome();
    await connect(page);
    await page.setViewportSize({ width: 360, height: 800 });
    // GETs (each has its CORS preflight)
    const licencesRead = (): number => shop.requests().filter((r) => r.method === 'GET' && r.path === '/api/licenses.json').length;
    expect(licencesRead()).toBe(1); // with the catalogue, once

    await openProduct(page, app.url, 1009);
    expect(await page.locator('main article.product .price .now').first().textContent()).toBe('From €4.99');
    const section = page.getByRole('region', { name: 'Licences' });
    const items = section.getByRole('listitem');
    // as a screen reader says each one (the commas are for it alone)
    const said = async (): Promise<string[]> => (await items.allTextContents()).map((t) => t.replace(/\s+/g, ' ').replace(/ ,/g, ',').trim());
    await expect.poll(said, { timeout: 10_000 }).toEqual(['Buy, €49.00', 'Rent 48 h, €4.99', 'Family (5 devices), Price not available']);
    // each name and its price on one line at 360 px: nothing wider than the screen
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    for (const item of await items.all()) {
      const [what, price] = [item.locator('.what'), item.locator('.price')];
      const [a, b] = [await what.boundingBox(), await price.boundingBox()];
      expect(a !== null && b !== null && Math.abs(a.y - b.y) < 8).toBe(true);
    }
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-licences-360.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-licences-1280.png` });
    // the list passes axe (WCAG 2.1 A/AA) in both looks
    const { problems, audit } = screenAudits(page, 'flickrocket-licences');
    await audit('product');
    expect(problems).toEqual([]);

    // one licence: its price, no list
    await openProduct(page, app.url, 1003);
    expect(await page.locator('main article.product .price .now').first().textContent()).toMatch(/12\.50/);
    expect(await page.getByRole('region', { name: 'Licences' }).count()).toBe(0);
    // the product pages asked for no licences again
    expect(licencesRead()).toBe(1);
  });
});
