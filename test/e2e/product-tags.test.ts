/**
 * A product's tags read as words after "Tags:", at 360 and 1280 px: not drawn as the category chips
 * beside them, which are links (to the catalogue of that category). They were drawn alike, so a tag
 * looked like something to tap, and a tap did nothing; no platform's catalogue filters by tag.
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { productCards } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { atBothWidths } from '../helpers/both-widths.ts';

const e2e = useE2e({ app: {} });

/** The texts of those of `targets` drawn as a chip: a border or a fill of their own. */
function chipsAmong(targets: Locator): Promise<string[]> {
  return targets.evaluateAll((elements) => elements.flatMap((element) => {
    const style = getComputedStyle(element);
    const chip = (style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) > 0) || style.backgroundColor !== 'rgba(0, 0, 0, 0)';
    return chip ? [(element.textContent ?? '').trim()] : [];
  }));
}

describe('a product’s tags', () => {
  // One page for both widths: the product opened at 360 px, checked and photographed at 360 px and at 1280 px.
  it('at 360 px and at 1280 px: words after "Tags:", not drawn as the category chips (links) are', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    await page.route(`${e2e.env.store.origin}/api/v1/products/*`, async (route) => {
      const response = await route.fetch();
      const product = await response.json();
      await route.fulfill({ response, json: { ...product, categories: ['Kitchen', 'Gifts'], tags: ['green', 'gift', 'handmade'] } });
    });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await productCards(page).first().getByRole('link').first().click();
    const tags = page.locator('p').filter({ hasText: /^\s*Tags:/ });
    await tags.waitFor();
    await atBothWidths(page, async (width) => {
      // Not targets: no link or button among them.
      expect(await tags.locator('a, button, [role="link"], [role="button"]').count()).toBe(0);
      const category = page.getByRole('link', { name: 'Kitchen', exact: true });
      expect(await chipsAmong(category), 'a category is a chip').toEqual(['Kitchen']);
      expect(await chipsAmong(tags.locator('*')), 'tags drawn as chips').toEqual([]);
      expect((await tags.textContent())!.replace(/\s+/g, ' ').trim()).toBe('Tags: green, gift, handmade');
      await tags.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/product-tags-${width}.png` });
    });
  });
});
