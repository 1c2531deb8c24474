/**
 * A Shopware parent sold in variants lists them on its product page, in Chromium against the
 * faithful server: Potatoes sells 2.5 kg (in stock, at the parent's price) and 5 kg (€4.49, out of
 * stock), both Charlotte; its 10 kg is switched off. Before, the page showed only the parent, so a
 * shopper could not tell which sizes there were, what they cost or which could be bought. The
 * variants are read by one search when the page opens, never with the catalogue; a failed read says
 * so under the product, with Try again, the product staying shown. Each variant says what it costs:
 * the 2.5 kg, whose `price` is null (inherited, as Shopware's Admin API sends it without
 * sw-inheritance), said no price at all under "From €1.53", so a shopper could not tell its price.
 */
import { describe, expect, it } from 'vitest';
import type { Page, Request, Route } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { productCards } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { serveShopwareDemo } from '../helpers/shopware-app.ts';
import { DEMO_INTEGRATIONS } from '../platforms/shopware/constants.ts';
import { SEED_IDS } from '../platforms/shopware/seed.ts';

const e2e = useE2e();
const BROWSE = DEMO_INTEGRATIONS[0] as (typeof DEMO_INTEGRATIONS)[0];

/** A search for the potatoes' variants (the parentId filter), as the app sends it. */
function asksVariants(request: Request): boolean {
  if (request.method() !== 'POST' || !request.url().endsWith('/api/search/product')) return false;
  const filter = (request.postDataJSON() as { filter?: { field?: string; value?: unknown }[] } | null)?.filter ?? [];
  return filter.some((f) => f.field === 'parentId' && f.value === SEED_IDS.potatoes);
}

async function openPotatoes(page: Page, appUrl: string): Promise<void> {
  await page.goto(`${appUrl}#/s/sw`);
  await page.getByRole('searchbox', { name: 'Search' }).fill('Potatoes');
  await expect.poll(async () => (await productCards(page).allInnerTexts()).join('|')).toMatch(/^[^|]*Potatoes[^|]*$/);
  await productCards(page).first().getByRole('link').first().click();
  await page.getByRole('heading', { level: 1, name: 'Potatoes' }).waitFor();
}

describe('Shopware: a product sold in variants lists them', () => {
  it('lists each variant’s options, its price (the parent’s where inherited), out of stock; read once the page opens; a failed read says so with Try again', async () => {
    const { app, page } = await serveShopwareDemo(e2e);
    const asked: string[] = [];
    page.on('request', (request) => {
      if (asksVariants(request)) asked.push(request.url());
    });
    await page.getByLabel('Access key ID').fill(BROWSE.accessKeyId);
    await page.getByLabel('Secret access key').fill(BROWSE.secret);
    await page.getByRole('button', { name: /^Connect .* with the integration key$/ }).click();
    await page.getByText(/^Connected · /).waitFor();
    await page.goto(`${app.url}#/s/sw`);
    await productCards(page).first().waitFor();
    expect(asked).toHaveLength(0);

    // The first read is held (loading shown), then lost; the product stays, the failure is said quietly.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const fail = async (route: Route): Promise<void> => {
      if (!asksVariants(route.request())) return route.fallback();
      await held;
      await route.abort('connectionreset');
    };
    await page.route('**/api/search/product', fail);
    await openPotatoes(page, app.url);
    const section = page.getByRole('region', { name: 'Variants' });
    await section.getByText('Loading the variants…', { exact: true }).waitFor();
    release();
    await section.getByText('The variants could not be loaded.').waitFor();
    expect(await page.getByRole('heading', { level: 1, name: 'Potatoes' }).isVisible()).toBe(true);
    expect(await page.getByText('From €1.53', { exact: true }).first().isVisible()).toBe(true);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-variants-failed-360.png` });
    await page.unroute('**/api/search/product', fail);

    await section.getByRole('button', { name: 'Try again' }).click();
    const items = section.getByRole('listitem');
    // as a screen reader says each one (the commas are for it alone)
    const said = async (): Promise<string[]> => (await items.allTextContents()).map((t) => t.replace(/\s+/g, ' ').replace(/ ,/g, ',').trim());
    await expect.poll(said).toEqual(['Weight: 2.5 kg · Variety: Charlotte, €1.53, In stock', 'Weight: 5 kg · Variety: Charlotte, €4.49, Out of stock']);
    // the 10 kg, switched off in the admin, is sold nowhere
    expect(await section.getByText(/10 kg|Désirée/).count()).toBe(0);
    expect(await section.getByText('The variants could not be loaded.').count()).toBe(0);
    expect(asked.length).toBeGreaterThanOrEqual(2);

    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-variants-list-360.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-variants-list-1280.png` });

    // a product sold as itself has no variants to list, and asks for none
    const before = asked.length;
    await page.goto(`${app.url}#/s/sw/product/${SEED_IDS.cherries}`);
    await page.getByRole('heading', { level: 1, name: 'Cherries 500 g' }).waitFor();
    expect(await page.getByRole('region', { name: 'Variants' }).count()).toBe(0);
    expect(asked).toHaveLength(before);
  });
});
