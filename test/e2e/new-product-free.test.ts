/**
 * A merchant adds a product on the Goodsie demo store with its price left at 0, in the built app.
 * Regression: Add added it at once, free for shoppers. The first Add now sends nothing and says at
 * the price field, focused, what 0 does, what was typed kept; the second Add, the price still 0, adds
 * it and its page opens. Screenshots at 360 and 1280 px.
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent, fieldSays, fillNewProduct } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'admin'] } });
const ASKED = 'A price of 0 makes this product free for shoppers. To sell it at 0, press Add product again; otherwise enter its price.';

describe('New product at a price of 0', () => {
  it('the first Add asks at the focused price field and sends nothing; the second adds it', async () => {
    const { page } = await e2e.open({ width: 360 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    let posts = 0;
    page.on('request', (request) => void (request.method() === 'POST' && request.url() === `${e2e.env.store.origin}/api/v1/products` && posts++));

    await fillNewProduct(page, 'Free sticker', '0');
    const adding = page.getByRole('form', { name: 'New product' });
    const price = adding.getByRole('textbox', { name: 'Price (USD)' });
    await expect.poll(() => fieldSays(price)).toBe(ASKED);
    await expect.poll(() => price.evaluate((field) => field === document.activeElement)).toBe(true);
    expect(await price.inputValue()).toBe('0');
    expect(await adding.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Free sticker');
    expect(posts).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/new-product-free-360.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await price.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/new-product-free-1280.png` });

    await adding.getByRole('button', { name: 'Add product' }).click();
    await page.getByRole('heading', { name: 'Free sticker', level: 1 }).waitFor();
    expect(posts).toBe(1);
  });
});
