/**
 * A product on sale in the catalogue's narrow cards (two columns at 360 px), in the built app against
 * the Goodsie demo store. Regression: where the earlier price did not fit beside the price it was cut
 * with an ellipsis, "$107.50 $151…", which a shopper reads as another price. Now a card shows its
 * was-price whole or not at all (its product page shows it); at 1280 px every one fits and shows.
 * Where it is not drawn, the card showed no sign of the sale at all: now a short "Sale" mark beside
 * the price, drawn only there (a drawn was-price covers it), and never said to a screen reader,
 * which hears the was-price. Screenshots at 360, 390 and 1280 px.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { productCards } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: {} });

interface WasPrice {
  name: string;
  /** Drawn inside the price's line, not cut (no ellipsis, no edge through it). */
  whole: boolean;
  /** Not drawn at all: on the line below the price's box, which the box does not draw. */
  hidden: boolean;
  /** A sale mark is seen: inside the price's line and not under a drawn was-price (whose opaque box covers it). */
  mark: boolean;
}

/** Each drawn card's was-price, as drawn. */
function wasPrices(page: Page): Promise<WasPrice[]> {
  return productCards(page).evaluateAll((cards) =>
    cards.flatMap((card) => {
      const was = card.querySelector<HTMLElement>('.was');
      const box = card.querySelector('.price')?.getBoundingClientRect();
      if (!was || !box) return [];
      const within = (at: DOMRect) => at.left >= box.left - 0.5 && at.right <= box.right + 0.5 && at.top >= box.top - 0.5 && at.bottom <= box.bottom + 0.5;
      const at = was.getBoundingClientRect();
      const hidden = at.top >= box.bottom - 0.5;
      const sale = card.querySelector<HTMLElement>('.sale');
      const mark = sale?.getBoundingClientRect();
      const opaque = getComputedStyle(was).backgroundColor !== 'rgba(0, 0, 0, 0)';
      const covered = mark !== undefined && !hidden && opaque && at.left <= mark.left + 0.5 && at.right >= mark.right - 0.5 && at.top <= mark.top + 0.5 && at.bottom >= mark.bottom - 0.5;
      const seen = sale !== null && mark !== undefined && mark.width > 0 && within(mark) && sale.scrollWidth <= sale.clientWidth + 0.5 && !covered;
      return [{ name: card.querySelector('h3')?.textContent ?? '', whole: within(at) && was.scrollWidth <= was.clientWidth, hidden, mark: seen }];
    }),
  );
}

describe('a was-price in a catalogue card', () => {
  it('shows whole or not at all at 360 px (never "$151…"), and whole at 1280 px', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    // mugs: one on sale whose two prices do not fit in a phone's card ($107.50, was $151.99), others that do
    await page.getByRole('searchbox', { name: 'Search' }).fill('mug');
    await page.locator('main p.count').filter({ hasText: /products matching “mug”/ }).waitFor();
    await productCards(page).filter({ hasText: 'Classic Terracotta Mug' }).locator('.price').waitFor();
    await expect.poll(() => wasPrices(page).then((all) => all.length)).toBeGreaterThan(1);

    const narrow = await wasPrices(page);
    expect(narrow.filter((was) => !was.whole && !was.hidden)).toEqual([]);
    // not drawn, but the sale is still seen: a mark beside the price, not past the card's edge
    expect(narrow.find((was) => was.name === 'Classic Terracotta Mug')).toMatchObject({ hidden: true, mark: true });
    expect(narrow.some((was) => was.whole)).toBe(true);
    // a drawn was-price says the sale itself: no mark beside it as well
    expect(narrow.filter((was) => was.whole && was.mark)).toEqual([]);
    expect(narrow.filter((was) => was.hidden && !was.mark)).toEqual([]);
    // still said to a screen reader, whole, and the sale once (the mark is not read)
    const mug = productCards(page).filter({ hasText: 'Classic Terracotta Mug' });
    expect(await mug.locator('.was').textContent()).toMatch(/was \$151\.99$/);
    const said = await mug.locator('.price').ariaSnapshot();
    expect(said).toMatch(/was \$151\.99/);
    expect(said).not.toMatch(/sale/i);
    await mug.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/card-was-price-whole-360.png` });

    // a little wider, the same: every was-price whole or a mark in its place, never both
    await page.setViewportSize({ width: 390, height: 800 });
    await expect
      .poll(() => wasPrices(page).then((all) => all.length > 1 && all.every((was) => (was.whole && !was.mark) || (was.hidden && was.mark))))
      .toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/card-was-price-whole-390.png` });

    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => wasPrices(page).then((all) => all.every((was) => was.whole && !was.mark) && all.length > 1)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/card-was-price-whole-1280.png` });
  });
});
