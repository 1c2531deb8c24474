/**
 * A store page whose HTML opens with its own title, in the built app against the Goodsie demo store,
 * at 360 and 1280 px. Shopper QA (s41): the demo's Shipping page read "Shipping" twice, one heading
 * under the other (the screen's title, then the merchant's <h2>Shipping</h2>), and Returns the same.
 * Now that opening heading is not drawn; one with other words (About us: "Small goods, made well")
 * stays. Screenshots (store-page-title-once-*.png).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { atBothWidths } from '../helpers/both-widths.ts';

const e2e = useE2e({ app: {} });

/** The store page's headings as drawn, in order: tag and words. */
const outline = (page: Page) => page.locator('main article').getByRole('heading').evaluateAll((hs) => hs.map((h) => `${h.localName} ${h.textContent}`));

/** Opens a store page from the catalogue's links (back to the catalogue first, from a store page), waiting for a line of its merchant HTML. */
async function openStorePage(page: Page, name: string, line: string): Promise<void> {
  const back = page.getByRole('link', { name: '← Back to the catalogue' });
  if (await back.isVisible()) await back.click();
  await page.getByRole('navigation', { name: 'Store pages' }).getByRole('link', { name, exact: true }).click();
  await page.locator('main article').getByText(line).waitFor();
}

describe('a store page that opens with its own title', () => {
  it('shows the title once (Shipping, Returns); a first heading with other words stays (About us)', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();

    await openStorePage(page, 'Shipping', 'Express: 1 to 2 business days, $12');
    await atBothWidths(page, async (width) => {
      expect(await outline(page)).toEqual(['h1 Shipping']);
      expect(await page.locator('main').getByText('Shipping', { exact: true }).count()).toBe(1);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/store-page-title-once-${width}.png` });
    });

    await openStorePage(page, 'Returns', 'Changed your mind?');
    expect(await outline(page)).toEqual(['h1 Returns']);

    await openStorePage(page, 'About us', 'Everything here is generated');
    expect(await outline(page)).toEqual(['h1 About us', 'h2 Small goods, made well']);
  });
});
