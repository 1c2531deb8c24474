import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { productCards, loadedProducts } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

/**
 * People who see little: a larger text size set in the browser, Windows' High Contrast (forced
 * colours), and the contrast of what marks a form field (WCAG 1.4.4, 1.4.11, 1.4.3). Each screen
 * is photographed in the condition (`low-vision-*.png`) to look at.
 */
const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart', 'admin'] } });

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `low-vision-${name}.png`), fullPage: true });
}

/** Extra CSS for every document the page opens, as a person's own style sheet would be (the app's CSP allows no <style>). */
async function userStyles(page: Page, css: string): Promise<void> {
  await page.addInitScript((text) => {
    document.addEventListener('DOMContentLoaded', () => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    });
  }, css);
}

async function openCatalogue(page: Page): Promise<void> {
  await page.goto(e2e.env.app.url);
  await connectThroughConsent(page, STORE_NAME);
  await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);
}

async function openProduct(page: Page): Promise<void> {
  await productCards(page).nth(1).getByRole('link').first().click();
  await page.getByRole('form', { name: 'Edit product' }).waitFor();
}

describe('a larger text size set in the browser', () => {
  it('the words grow with it (the body is not a fixed 16 px), and the screens still fit at 1280 px; the product editor and the coupons fit a phone', async () => {
    const { page } = await e2e.open({ width: 1280 });
    // The browser's text size at 200 % ("Very large" is 24 px; this is 32 px): the root's size.
    await userStyles(page, 'html { font-size: 200% }');
    await openCatalogue(page);
    const sizes = () => page.evaluate(() => [document.documentElement, document.querySelector('main p')!].map((el) => getComputedStyle(el).fontSize));
    expect(await sizes()).toEqual(['32px', '32px']);
    await shoot(page, 'text-200-catalogue-1280');
    await openProduct(page);
    expect(await page.getByRole('button', { name: 'Add to cart' }).evaluate((b) => getComputedStyle(b).fontSize)).toBe('32px');
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await sideways()).toBeLessThanOrEqual(0);
    await shoot(page, 'text-200-product-1280');
    // On a phone (360 px) the editor's fields stack in one column as wide as the screen, not wider.
    await page.setViewportSize({ width: 360, height: 800 });
    const form = page.getByRole('form', { name: 'Edit product' });
    await expect.poll(() => form.evaluate((f) => Math.max(...[...f.querySelectorAll('input, textarea')].map((i) => i.getBoundingClientRect().right)) - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await shoot(page, 'text-200-product-360');
    // The coupons' cards too, one to a row.
    await page.getByRole('navigation', { name: 'Store', exact: true }).getByRole('link', { name: 'Coupons' }).click();
    await page.locator('main li code').first().waitFor();
    expect(await sideways()).toBeLessThanOrEqual(0);
    await shoot(page, 'text-200-coupons-360');
  });
});
