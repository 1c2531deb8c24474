/**
 * Sorted by price on FlickRocket, whose catalogue the app sorts itself (platforms.md 3): a product
 * whose price models lack the shop's currency shows its price in another (map.ts: EUR, else USD, else
 * the first), and no amount in one currency is lower or higher than one in another. Lowest price put
 * "$9.99" between "€4.99" and "€10.05", and "£…" wherever its figure fell (shopper QA, s40): now the
 * shop's own currency in order first, then the others (grouped, each in order), then "Price not
 * available". In Chromium on the built app against the faithful server (1001: USD only; 1003: GBP
 * and CHF; 1008: no price), at 360 px and 1280 px.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { productCards } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { connectAllowing, useFlickRocketApp } from '../helpers/flickrocket-app.ts';

const { env, openHome } = useFlickRocketApp();

/** Each card's price as shown, in the grid's order (all drawn: a handful). */
async function prices(page: Page): Promise<string[]> {
  return (await productCards(page).locator('.price').allInnerTexts()).map((text) => text.split('\n')[0]!.replace(/^was\s.*$/, '').trim());
}

/** The amount of a price as shown ("€10.05" → 10.05), null for "Price not available". */
const amount = (price: string): number | null => (/\d/.test(price) ? Number(price.replace(/[^\d.]/g, '')) : null);

describe('FlickRocket: sorted by price, with prices in other currencies', () => {
  it('Lowest and Highest price order the shop’s euros first, then the other currencies, then no price, at 360 px and 1280 px', async () => {
    const { app } = await env();
    const page = await openHome(360);
    await connectAllowing(page, app);
    // "100" finds 1001-1009 and 1100: euros, dollars (1001), pounds (1003) and no price (1008)
    for (const [width, sort] of [[360, 'price'], [1280, '-price']] as const) {
      // tall enough for the grid to draw all ten cards
      await page.setViewportSize({ width, height: 2400 });
      await page.goto(`${app.url}#/s/fr?q=100&sort=${sort}`);
      await expect.poll(async () => (await productCards(page).count()) === 10 && (await prices(page)).every((p) => p !== '')).toBe(true);
      const shown = await prices(page);
      const kinds = shown.map((p) => (p.includes('€') ? 'eur' : amount(p) === null ? 'none' : 'other'));
      // the euros first, then the others, then no price: never a euro after another currency
      expect(kinds.join(' '), shown.join(' | ')).toMatch(/^(eur )+(other )+none$/);
      const euros = shown.filter((p) => p.includes('€')).map((p) => amount(p)!);
      expect(euros, shown.join(' | ')).toEqual([...euros].sort((a, b) => (sort === 'price' ? a - b : b - a)));
      await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-price-sort-${width}.png`, fullPage: true });
    }
  });
});
