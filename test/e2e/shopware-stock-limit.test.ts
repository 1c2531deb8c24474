/**
 * A stock past what Shopware keeps (its `stock` is a 32-bit signed int: 2,147,483,647 at most), in
 * Chromium on the built app against the faithful server. Merchant QA (s41): 99999999999 typed in
 * Inventory, or in a variant's stock, was taken and sent, and would come back as a server error;
 * it is refused beside the field, in the field's own words, and nothing is sent.
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { connectWithKey, openShopwareProduct, serveShopwareDemo } from '../helpers/shopware-app.ts';
import { ADMIN } from '../platforms/shopware/client.ts';
import { SEED_IDS } from '../platforms/shopware/seed.ts';

const e2e = useE2e();
const TOO_MANY = 'Enter a stock of 2,147,483,647 or less.';

describe('Shopware: a stock above 2,147,483,647', () => {
  it('is refused beside Inventory and beside a variant’s stock, and nothing goes to the store', async () => {
    const { app, shop, page } = await serveShopwareDemo(e2e);
    const writes: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') writes.push(request.url());
    });
    await connectWithKey(page, ADMIN);

    await openShopwareProduct(page, app.url, 'Cherries');
    const form = page.getByRole('form', { name: 'Edit product' });
    const inventory = form.getByLabel('Inventory');
    const stockBefore = shop.getProduct(SEED_IDS.cherries)?.stock;
    await inventory.fill('99999999999');
    await form.getByText(TOO_MANY).waitFor();
    expect(await inventory.getAttribute('aria-invalid')).toBe('true');
    const save = form.getByRole('button', { name: 'Save changes' });
    expect(await save.getAttribute('aria-disabled')).toBe('true');
    await form.getByText(TOO_MANY).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-stock-limit-inventory-360.png` });
    await inventory.fill('2147483647');
    await expect.poll(() => form.getByText(TOO_MANY).count()).toBe(0);
    expect(writes).toEqual([]);
    expect(shop.getProduct(SEED_IDS.cherries)?.stock).toBe(stockBefore);
    // back to the store's figure: nothing unsaved to keep on the way to the next product
    await inventory.fill(String(stockBefore));

    await openShopwareProduct(page, app.url, 'Potatoes');
    const variant = form.getByRole('textbox', { name: 'Stock of 2.5 kg / Charlotte' });
    await variant.fill('99999999999');
    await form.getByText(TOO_MANY).waitFor();
    expect(await variant.getAttribute('aria-invalid')).toBe('true');
    expect(await save.getAttribute('aria-disabled')).toBe('true');
    await form.getByRole('group', { name: 'Stock of each variant' }).scrollIntoViewIfNeeded();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-stock-limit-variant-1280.png` });
    expect(writes).toEqual([]);
    expect(shop.getProduct(SEED_IDS.potatoesSmall)?.stock).toBe(18);
  });
});
