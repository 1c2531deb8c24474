/**
 * The app's numbers in the person's locale, in Chromium: in ar-EG the prices came in Arabic-Indic
 * digits (Intl) while the counts written around them ("495 products", "Your cart now has 2 of
 * this", the cart's quantity, "Page 1 of 2", "10% off") stayed in Latin digits, two digit systems
 * side by side. Now every number the app writes uses the locale's digits, as its prices do.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart', 'admin'] } });

/** Latin digits, which an ar-EG screen should no longer show beside its Arabic-Indic prices. */
const LATIN = /[0-9]/;
const ARABIC_INDIC = /[٠-٩]/;

describe('numbers in an ar-EG browser', () => {
  it('the catalogue’s counts, the cart’s quantities, the orders’ pages and the coupons’ percentages are in the same digits as the prices', async () => {
    const { page } = await e2e.open({ width: 360, height: 800, locale: 'ar-EG' });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();

    // the prices: the digits the rest should match
    const price = page.locator('main ul > li article .price .now').first();
    await price.waitFor();
    expect(await price.innerText()).toMatch(ARABIC_INDIC);

    const count = page.getByRole('status').filter({ hasText: / products$/ }).first();
    await count.waitFor();
    expect(await count.innerText()).toMatch(/^[٠-٩]+ products$/);
    const showing = page.locator('main .more p').first();
    await expect.poll(() => showing.innerText()).toMatch(/^Showing [٠-٩]+ of [٠-٩]+$/);

    await page.locator('main ul > li article').nth(1).getByRole('link').click();
    await page.getByRole('spinbutton', { name: 'Quantity' }).fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('status').filter({ hasText: /^Your cart now has ٢ of this \(٢ items in all\)\./ }).waitFor();

    await page.getByRole('link', { name: 'View cart' }).click();
    const line = page.getByRole('row').nth(1);
    await line.waitFor();
    const [, quantity, total] = await line.getByRole('cell').allInnerTexts();
    expect(quantity).toBe('٢');
    expect(total).toMatch(ARABIC_INDIC);
    expect(total).not.toMatch(LATIN);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'locale-digits-cart-ar-EG-360.png'), fullPage: true });

    await page.getByRole('link', { name: 'Orders' }).click();
    const pager = page.getByRole('navigation', { name: 'Order pages' }).locator('span');
    await pager.waitFor();
    expect(await pager.innerText()).toMatch(/^Page ١ of ٢ · /);
    expect(await pager.innerText()).not.toMatch(LATIN);

    await page.getByRole('link', { name: 'Coupons' }).click();
    const off = page.locator('main .off').first();
    await off.waitFor();
    expect(await off.innerText()).toMatch(/^[٠-٩]+% off$/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'locale-digits-coupons-ar-EG-360.png'), fullPage: true });
  });
});
