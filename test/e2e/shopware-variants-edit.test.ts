/**
 * Editing a Shopware parent sold in variants (Potatoes: its own stock 0, the 2.5 kg variant 18 at
 * the parent's price, the 5 kg €4.49), in Chromium against the faithful server: the editor offers
 * no stock field of its own, whose empty box sat beside "In stock" and sent a typed count to the
 * parent's own stock, which nobody buys from; it says each variant's stock is below (changed there:
 * shopware-variant-stock.test.ts) and what the price here is. The price saves to the parent; a product sold as itself keeps its Inventory field.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { productCards } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { serveShopwareDemo } from '../helpers/shopware-app.ts';
import { DEMO_INTEGRATIONS } from '../platforms/shopware/constants.ts';
import { SEED_IDS } from '../platforms/shopware/seed.ts';

const e2e = useE2e();
const ADMIN = DEMO_INTEGRATIONS[2] as (typeof DEMO_INTEGRATIONS)[2];
const NOTE = 'Sold in variants, each with its own stock (below). The price here is what a variant without a price of its own costs.';

async function openProduct(page: Page, appUrl: string, name: string): Promise<void> {
  await page.goto(`${appUrl}#/s/sw`);
  await page.getByRole('searchbox', { name: 'Search' }).fill(name);
  await expect.poll(async () => (await productCards(page).allInnerTexts()).join('|')).toMatch(new RegExp(`^[^|]*${name}[^|]*$`));
  await productCards(page).first().getByRole('link').first().click();
  await page.getByRole('form', { name: 'Edit product' }).waitFor();
}

describe('Shopware: editing a product sold in variants', () => {
  it('offers no stock field (it sat empty beside “In stock” and wrote the parent’s own stock), says why, and saves the price to the parent', async () => {
    const { app, shop, page } = await serveShopwareDemo(e2e);
    await page.getByLabel('Access key ID').fill(ADMIN.accessKeyId);
    await page.getByLabel('Secret access key').fill(ADMIN.secret);
    await page.getByRole('button', { name: /^Connect .* with the integration key$/ }).click();
    await page.getByText(/^Connected · can browse products, see orders and coupons/).waitFor();

    // a product sold as itself: its count, to edit
    await openProduct(page, app.url, 'Cherries');
    expect(await page.getByRole('form', { name: 'Edit product' }).getByLabel('Inventory').inputValue()).toBe('15');
    expect(await page.getByText(NOTE).count()).toBe(0);

    await openProduct(page, app.url, 'Potatoes');
    const form = page.getByRole('form', { name: 'Edit product' });
    await page.getByText('In stock', { exact: true }).waitFor();
    await form.getByText(NOTE, { exact: true }).waitFor();
    expect(await form.getByLabel('Inventory').count()).toBe(0);
    expect(await form.getByLabel('Price (EUR)').inputValue()).toBe('1.53');
    await form.getByText(NOTE, { exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-variants-edit-360.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await form.getByText(NOTE, { exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-variants-edit-1280.png` });

    await form.getByLabel('Price (EUR)').fill('1.59');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByText('Saved.', { exact: true }).waitFor();
    const parent = shop.getProduct(SEED_IDS.potatoes);
    expect(parent?.price?.[0]?.gross).toBe(1.59);
    expect(parent?.stock).toBe(0);
    // the store's copy after the save is still the parent of variants: still no stock field
    await page.getByText('From €1.59', { exact: true }).waitFor();
    // the 2.5 kg inherits the parent's price: its row says the new one
    const variants = page.getByRole('region', { name: 'Variants' }).getByRole('listitem');
    await expect.poll(async () => (await variants.first().innerText()).replace(/\s+/g, ' ')).toContain('€1.59');
    expect(await form.getByLabel('Inventory').count()).toBe(0);
    await form.getByText(NOTE, { exact: true }).waitFor();
  });
});
