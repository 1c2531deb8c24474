/**
 * A Shopware product oversold (its `stock` below 0, which Shopware keeps: IntField without a
 * minimum, as the variants' editor already says), in Chromium on the built app against the faithful
 * server. Merchant QA (s41): Cherries at -2 could not be renamed, its editor refusing the store's own
 * count ("Inventory is a whole number, 0 or more.", Save off) until a made-up one was typed over it;
 * and its card and page said "-2 in stock", where shoppers see it out of stock.
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { productCards } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { connectWithKey, openShopwareProduct, serveShopwareDemo } from '../helpers/shopware-app.ts';
import { ADMIN, call, integrationToken } from '../platforms/shopware/client.ts';
import { SEED_IDS } from '../platforms/shopware/seed.ts';

const e2e = useE2e();

/** The product `id` changed at the shop as Shopware's Admin API writes it. */
async function patchProduct(origin: string, id: string, body: Record<string, unknown>): Promise<void> {
  const token = await integrationToken(origin, ADMIN);
  const answer = await call(`${origin}/api/product/${id}`, { method: 'PATCH', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(answer.status).toBe(204);
}

/** Cherries sold past their stock at the shop: its count at -2, written as Shopware's Admin API writes it. */
function oversell(origin: string): Promise<void> {
  return patchProduct(origin, SEED_IDS.cherries, { stock: -2 });
}

describe('Shopware: a product oversold (stock below 0)', () => {
  it('is renamed with its count as the store has it: the editor takes the store’s -2 as it stands and leaves it', async () => {
    const { app, shop, page } = await serveShopwareDemo(e2e);
    await oversell(shop.origin);
    await connectWithKey(page, ADMIN);
    await openShopwareProduct(page, app.url, 'Cherries');
    const form = page.getByRole('form', { name: 'Edit product' });
    const inventory = form.getByLabel('Inventory');
    // what stands under the product's name: its price and its stock
    const summary = page.getByRole('heading', { name: 'Cherries 500 g', level: 1 }).locator('xpath=following-sibling::*[1]');
    expect((await summary.innerText()).replace(/\s+/g, ' ')).toBe('€4.99 Out of stock 2 oversold');
    expect(await inventory.inputValue()).toBe('-2');
    expect(await inventory.getAttribute('aria-invalid')).not.toBe('true');
    expect(await form.getByText('Inventory is a whole number, 0 or more.').count()).toBe(0);

    await form.getByLabel('Name').fill('Cherries 500 g, dark');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByText('Saved.', { exact: true }).waitFor();
    expect(shop.getProduct(SEED_IDS.cherries)?.name).toBe('Cherries 500 g, dark');
    expect(shop.getProduct(SEED_IDS.cherries)?.stock).toBe(-2);
    await inventory.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-oversold-editor-360.png` });

    // another figure below 0 is still not one to type here
    await inventory.fill('-3');
    await form.getByText('Inventory is a whole number, 0 or more.').waitFor();
    await inventory.fill('4');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => shop.getProduct(SEED_IDS.cherries)?.stock).toBe(4);
  });

  it('says on its card and its page that it is out of stock and by how many it is oversold (it said "-2 in stock")', async () => {
    const { app, shop, page } = await serveShopwareDemo(e2e);
    await oversell(shop.origin);
    await connectWithKey(page, ADMIN);
    await page.goto(`${app.url}#/s/sw`);
    await page.getByRole('searchbox', { name: 'Search' }).fill('Cherries');
    const card = productCards(page).filter({ hasText: 'Cherries' });
    await expect.poll(async () => (await card.innerText()).replace(/\s+/g, ' ')).toBe('Cherries 500 g €4.99 Out of stock 2 oversold');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-oversold-card-360.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-oversold-card-1280.png` });
    await card.getByRole('link').first().click();
    const summary = page.getByRole('heading', { name: 'Cherries 500 g', level: 1 }).locator('xpath=following-sibling::*[1]');
    await expect.poll(async () => (await summary.innerText()).replace(/\s+/g, ' ')).toBe('€4.99 Out of stock 2 oversold');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-oversold-page-1280.png` });
  });

  it('keeps a card’s warnings on one line at 360 px, so its row of the grid gets no blank band (two badges wrapped, 27 px taller)', async () => {
    const { app, shop, page } = await serveShopwareDemo(e2e);
    await oversell(shop.origin);
    // the longest the card can say: oversold by a four-digit count, and unpublished
    await patchProduct(shop.origin, SEED_IDS.bananas, { stock: -1234, active: false });
    await connectWithKey(page, ADMIN);
    await page.goto(`${app.url}#/s/sw`);
    const search = page.getByRole('searchbox', { name: 'Search' });
    /** The card of `name`, searched for, once it says `words`. */
    const cardSaying = async (name: string, words: string) => {
      await search.fill(name);
      const card = productCards(page).filter({ hasText: name });
      await expect.poll(async () => (await card.innerText()).replace(/\s+/g, ' ')).toContain(words);
      return card;
    };
    const height = async (card: Locator) => (await card.boundingBox())?.height ?? 0;
    // a card without badges: its height that of every card of the grid's rows
    const plain = await height(await cardSaying('Pink Lady Apples', '€2.99'));
    expect(plain).toBeGreaterThan(0);
    const cherries = await cardSaying('Cherries', 'Out of stock 2 oversold');
    await expect.poll(() => height(cherries)).toBe(plain);
    const stollen = await cardSaying('Seasonal Stollen', 'Out of stock Unpublished');
    await expect.poll(() => height(stollen)).toBe(plain);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-card-badges-unpublished-360.png` });
    const bananas = await cardSaying('Bananas', 'Out of stock 1234 oversold Unpublished');
    await expect.poll(() => height(bananas)).toBe(plain);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-card-badges-longest-360.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-card-badges-longest-1280.png` });
  });
});
