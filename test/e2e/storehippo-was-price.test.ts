/**
 * A merchant raises the price of a StoreHippo product on sale (₹2,000.00, was ₹2,499.00) above its
 * earlier price, in the built app against the faithful local StoreHippo server. Regression: Save took
 * it without a word, the sale badge went, and the store kept the earlier price (compare_price) that
 * no shopper saw any more. The price field now says so as the price is typed, and how to keep the
 * sale; Save is not held back, and saves the price alone. Screenshots at 360 and 1280 px.
 */
import { describe, expect, it } from 'vitest';
import { fieldSays } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { hash, manageFirstProduct, useHippoApp } from '../helpers/storehippo-app.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';

const { startEnv, openHome } = useHippoApp();
const NOTE = 'Above the earlier price, ₹2,499.00: shoppers will no longer see this product on sale. To keep the sale, enter a lower price; the earlier price is changed or cleared in the store’s own admin.';

describe('StoreHippo: a price raised above the earlier price of a sale', () => {
  it('is told at the field as it is typed, not below it; Save saves the price and the store keeps its earlier price', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 360);
    await manageFirstProduct(page, DEMO_KEYS.manager);
    const id = hash(page).split('/').pop() ?? '';
    // the product on sale, as the store has it when the page is opened
    env.hippo.touchProduct(id, { price: 2000, compare_price: 2499 });
    await page.reload();
    await page.getByRole('heading', { name: 'Manage this product' }).waitFor();
    await page.locator('main s').filter({ hasText: '₹2,499.00' }).first().waitFor();

    const price = page.getByRole('textbox', { name: 'Price (INR)' });
    await price.fill('2400');
    await expect.poll(() => price.inputValue()).toBe('2400');
    expect(await fieldSays(price)).toBe('');
    await price.fill('2600');
    await expect.poll(() => fieldSays(price)).toBe(NOTE);
    expect(await price.getAttribute('aria-invalid')).toBe('false');
    const save = page.getByRole('button', { name: 'Save changes' });
    expect(await save.getAttribute('aria-disabled')).toBe('false');
    // (the words, not the live region that said them once)
    const said = page.locator('#edit-price-note');
    await said.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-was-price-360.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await said.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-was-price-1280.png` });

    await save.click();
    await page.getByRole('status').filter({ hasText: /^Saved\.$/ }).waitFor();
    const stored = env.hippo.getProduct(id);
    expect([Number(stored?.price), Number(stored?.compare_price)]).toEqual([2600, 2499]);
    // no longer on sale: nothing more to say
    await expect.poll(() => fieldSays(price)).toBe('');
  });
});
