/**
 * Each variant's stock changed from the editor of a Shopware parent sold in variants (Potatoes: the
 * 2.5 kg variant 18, the 5 kg 0), in Chromium on the built app against the faithful server: the
 * editor said a variant's stock could only be changed in the shop's own admin (merchant QA, s38).
 * Two figures typed and saved with Save are the store's after a reload; a role the store refuses
 * the write (no product:update: 403) keeps the figures typed, with the message. Every variant saved
 * at 0, the badge under the product's price says "Out of stock", as its variants do (it said "In
 * stock" above "All of its variants are out of stock" until a reload: merchant QA, s41); Back to the
 * catalogue, its card says so too, from the catalogue as it was kept, not asked of the store again
 * (the card said nothing of it until a reload: merchant QA, s42).
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { connectWithKey, openShopwareProduct, serveShopwareDemo } from '../helpers/shopware-app.ts';
import { productCards } from '../helpers/catalog-grid.ts';
import { DEMO_INTEGRATIONS } from '../platforms/shopware/constants.ts';
import { SEED_IDS } from '../platforms/shopware/seed.ts';

const e2e = useE2e();
const BROWSE = DEMO_INTEGRATIONS[0] as (typeof DEMO_INTEGRATIONS)[0];
const ADMIN = DEMO_INTEGRATIONS[2] as (typeof DEMO_INTEGRATIONS)[2];
const SMALL = 'Stock of 2.5 kg / Charlotte';
const LARGE = 'Stock of 5 kg / Charlotte';

describe('Shopware: each variant’s stock in the editor', () => {
  it('saves two variants’ stock with Save: the store has them, and a reload shows them', async () => {
    const { app, shop, page } = await serveShopwareDemo(e2e);
    const variantSearches: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'POST' || !request.url().endsWith('/api/search/product')) return;
      const filter = (request.postDataJSON() as { filter?: { field?: string; value?: unknown }[] } | null)?.filter ?? [];
      if (filter.some((f) => f.field === 'parentId' && f.value === SEED_IDS.potatoes)) variantSearches.push(request.url());
    });
    await connectWithKey(page, ADMIN);
    await openShopwareProduct(page, app.url, 'Potatoes');
    const form = page.getByRole('form', { name: 'Edit product' });
    await form.getByRole('textbox', { name: SMALL }).waitFor();
    // the page's list of variants and the editor's fields come from one search
    expect(variantSearches).toHaveLength(1);
    expect(await form.getByRole('textbox', { name: SMALL }).inputValue()).toBe('18');
    expect(await form.getByRole('textbox', { name: LARGE }).inputValue()).toBe('0');
    // the parent's own stock is still not offered (nobody buys the parent)
    expect(await form.getByLabel('Inventory').count()).toBe(0);

    await form.getByRole('textbox', { name: SMALL }).fill('25');
    await form.getByRole('textbox', { name: LARGE }).fill('2.5');
    await form.getByText('Stock is a whole number, such as 12 (no decimals or separators).').waitFor();
    await form.getByRole('textbox', { name: LARGE }).fill('6');
    await form.getByRole('group', { name: 'Stock of each variant' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-variant-stock-360.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await form.getByRole('group', { name: 'Stock of each variant' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-variant-stock-1280.png` });

    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByText('Saved.', { exact: true }).waitFor();
    expect(shop.getProduct(SEED_IDS.potatoesSmall)?.stock).toBe(25);
    expect(shop.getProduct(SEED_IDS.potatoesLarge)?.stock).toBe(6);
    expect(shop.getProduct(SEED_IDS.potatoes)?.stock).toBe(0);
    // the page's list of variants reads them again: the 5 kg is in stock now
    const variants = page.getByRole('region', { name: 'Variants' }).getByRole('listitem');
    await expect.poll(async () => (await variants.nth(1).innerText()).replace(/\s+/g, ' ')).toContain('In stock');

    await page.reload();
    await page.getByRole('form', { name: 'Edit product' }).getByRole('textbox', { name: SMALL }).waitFor();
    expect(await form.getByRole('textbox', { name: SMALL }).inputValue()).toBe('25');
    expect(await form.getByRole('textbox', { name: LARGE }).inputValue()).toBe('6');
    expect(await form.getByText('Your unsaved changes were restored.').count()).toBe(0);
  });

  it('a role the store refuses the write (403, no product:update) keeps the figures typed, with the message, and the store keeps its own', async () => {
    const { app, shop, page } = await serveShopwareDemo(e2e);
    await connectWithKey(page, BROWSE);
    await openShopwareProduct(page, app.url, 'Potatoes');
    const form = page.getByRole('form', { name: 'Edit product' });
    await form.getByRole('textbox', { name: SMALL }).fill('30');
    await form.getByRole('textbox', { name: LARGE }).fill('4');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByText('The stock of 2.5 kg / Charlotte, 5 kg / Charlotte was not saved: see beside each.').waitFor();
    expect(await form.getByRole('textbox', { name: SMALL }).inputValue()).toBe('30');
    expect(await form.getByRole('textbox', { name: LARGE }).inputValue()).toBe('4');
    expect(await form.getByRole('textbox', { name: SMALL }).getAttribute('aria-invalid')).toBe('true');
    // the lock above says what brings Save back: no "Save again" beside a field that has no Save
    expect(await form.getByText('Not saved: more access needed. Your figure is kept.', { exact: true }).count()).toBe(2);
    expect(shop.getProduct(SEED_IDS.potatoesSmall)?.stock).toBe(18);
    expect(shop.getProduct(SEED_IDS.potatoesLarge)?.stock).toBe(0);
    // editing was taken back: no Save; the draft stays to read
    await expect.poll(() => form.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-variant-stock-refused-360.png`, fullPage: true });

    await page.reload();
    await page.getByRole('form', { name: 'Edit product' }).getByRole('textbox', { name: SMALL }).waitFor();
    await expect.poll(() => form.getByRole('textbox', { name: SMALL }).inputValue()).toBe('30');
    expect(await form.getByRole('textbox', { name: LARGE }).inputValue()).toBe('4');
  });

  it('every variant saved at 0: the badge under the price says Out of stock, as the variants do; one back in stock, In stock', async () => {
    const { app, shop, page } = await serveShopwareDemo(e2e);
    await connectWithKey(page, ADMIN);
    await openShopwareProduct(page, app.url, 'Potatoes');
    const form = page.getByRole('form', { name: 'Edit product' });
    // what stands under the product's name: its price and its stock badge
    const summary = page.getByRole('heading', { name: 'Potatoes', level: 1 }).locator('xpath=following-sibling::*[1]');
    const said = async () => (await summary.innerText()).replace(/\s+/g, ' ');
    expect(await said()).toBe('From €1.53 In stock');

    await form.getByRole('textbox', { name: SMALL }).fill('0');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByText('Saved.', { exact: true }).waitFor();
    expect(shop.getProduct(SEED_IDS.potatoesSmall)?.stock).toBe(0);
    await page.getByText('All of its variants are out of stock.', { exact: true }).waitFor();
    await expect.poll(said).toBe('From €1.53 Out of stock');
    await summary.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-variants-sold-out-360.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await summary.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-variants-sold-out-1280.png` });

    await form.getByRole('textbox', { name: LARGE }).fill('3');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => shop.getProduct(SEED_IDS.potatoesLarge)?.stock).toBe(3);
    await expect.poll(said).toBe('From €1.53 In stock');
    expect(await page.getByText('All of its variants are out of stock.', { exact: true }).count()).toBe(0);
  });

  it('every variant saved at 0, Back to the catalogue: the card says Out of stock, without the catalogue asked again', async () => {
    const { app, shop, page } = await serveShopwareDemo(e2e);
    await connectWithKey(page, ADMIN);
    await openShopwareProduct(page, app.url, 'Potatoes');
    const form = page.getByRole('form', { name: 'Edit product' });
    await form.getByRole('textbox', { name: SMALL }).fill('0');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByText('Saved.', { exact: true }).waitFor();
    expect(shop.getProduct(SEED_IDS.potatoesSmall)?.stock).toBe(0);
    await page.getByText('All of its variants are out of stock.', { exact: true }).waitFor();

    // the searches of products asked of the store once Back is pressed (a variants' search filters by parentId)
    const lists: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'POST' || !request.url().endsWith('/api/search/product')) return;
      const filter = (request.postDataJSON() as { filter?: { field?: string }[] } | null)?.filter ?? [];
      if (!filter.some((f) => f.field === 'parentId')) lists.push(request.url());
    });
    await page.getByRole('link', { name: '← Back to the catalogue' }).click();
    const card = productCards(page).filter({ has: page.getByRole('heading', { name: 'Potatoes' }) });
    await expect.poll(async () => (await card.innerText()).replace(/\s+/g, ' ')).toContain('Out of stock');
    expect(lists).toEqual([]);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-variants-sold-out-card-360.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-variants-sold-out-card-1280.png` });

    // one back in stock, and Back again: the card no longer says it
    await card.getByRole('link').first().click();
    await form.getByRole('textbox', { name: LARGE }).fill('3');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByText('Saved.', { exact: true }).waitFor();
    const variants = page.getByRole('region', { name: 'Variants' }).getByRole('listitem');
    await expect.poll(async () => (await variants.nth(1).innerText()).replace(/\s+/g, ' ')).toContain('In stock');
    lists.length = 0;
    await page.getByRole('link', { name: '← Back to the catalogue' }).click();
    await expect.poll(async () => (await card.innerText()).replace(/\s+/g, ' ')).not.toContain('Out of stock');
    expect(await card.innerText()).toContain('Potatoes');
    expect(lists).toEqual([]);
  });
});
