/**
 * A product save the store refuses for what was sent, in the built app against the local stores:
 * the Goodsie demo store's 400 for a price over 1,000,000 (its ApiError names `cost_raw`), and a
 * Shopware shop whose own rule caps prices (the DAL's 400 with a pointer to /0/price/0/gross).
 * Each time the store's words stand beside the price, which has the focus, is aria-invalid and
 * described by them; nothing typed is lost; a price the store takes then saves. Photographed at
 * 360 and 1280 px (.test-artifacts/screenshots/save-refused-*.png).
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { openAppHome, servePlatformApp } from '../helpers/platform-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { DEMO_INTEGRATIONS } from '../platforms/shopware/constants.ts';
import { startShopwareStore } from '../platforms/shopware/server.ts';
import { startFlickRocketStore } from '../platforms/flickrocket/server.ts';
import { describedAs } from '../helpers/screen-audits.ts';

const e2e = useE2e();

const focused = (field: Locator): Promise<boolean> => field.evaluate((element) => element === document.activeElement);

/** Saves `price` (with a new name), expects the refusal beside the price, photographs it at 360 and 1280 px. */
async function refusedBesidePrice(page: Page, editor: Locator, price: string, words: string, shot: string): Promise<void> {
  const name = editor.getByLabel('Name');
  const priceField = editor.getByLabel(/^Price/);
  await name.fill('Gilded edition');
  await priceField.fill(price);
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(() => focused(priceField)).toBe(true);
  expect(await priceField.getAttribute('aria-invalid')).toBe('true');
  expect(await describedAs(priceField)).toBe(`The store said: ${words}`);
  expect(await name.getAttribute('aria-invalid')).toBe('false');
  // nothing typed is lost, and no generic "check what you entered"
  expect(await name.inputValue()).toBe('Gilded edition');
  expect(await priceField.inputValue()).toBe(price);
  expect(await page.getByText(/check what you entered/i).count()).toBe(0);
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await priceField.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${SCREENSHOT_DIR}/save-refused-${shot}-${width}.png` });
  }
}

describe('a save the store refuses', () => {
  it('Goodsie: a price over 1,000,000 is refused beside the price in the store’s words; a price it takes then saves', async () => {
    const started = await e2e.startApp({ defaultScopes: ['storefront', 'admin'] });
    const { page } = await e2e.open();
    await page.goto(started.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.locator('main ul > li article').nth(3).getByRole('link').first().click();
    const productId = decodeURIComponent(new URL(page.url()).hash).split('/').at(-1) ?? '';
    const ask = page.getByRole('button', { name: 'Manage this product (store owners)' });
    if (await ask.isVisible()) await ask.click();
    const editor = page.getByRole('form', { name: 'Edit product' });
    await editor.waitFor();
    const before = started.store.getProduct(productId) as { name: string; cost_raw: number };

    await refusedBesidePrice(page, editor, '2000000', 'cost_raw must be a number between 0 and 1000000.', 'goodsie');
    expect(started.store.getProduct(productId)).toMatchObject({ name: before.name, cost_raw: before.cost_raw });

    // a price the store takes: the words go as it is typed, and the save goes through with the name kept
    const priceField = editor.getByLabel(/^Price/);
    await priceField.fill('999999');
    expect(await priceField.getAttribute('aria-invalid')).toBe('false');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(started.store.getProduct(productId)).toMatchObject({ name: 'Gilded edition', cost_raw: 999999 });
  });

  it('Shopware 6: the DAL’s 400 pointing at /0/price/0/gross stands beside the price; nothing reaches the shop', async () => {
    const admin = DEMO_INTEGRATIONS[2]!;
    const { app, store: shop } = await servePlatformApp(e2e, {
      basePath: '/shops/demo/',
      startStore: () => startShopwareStore({ port: 0, maxGross: 100_000 }),
      config: (shop) => ({
        stores: [{ id: 'sw', kind: 'shopware6', name: 'Shopware Demo Shop', apiBase: shop.origin, auth: ['integration'], currency: 'EUR' }],
        imageOrigins: [shop.mediaOrigin],
      }),
    });
    const { page } = await openAppHome(e2e, app);
    await page.getByLabel('Access key ID').fill(admin.accessKeyId);
    await page.getByLabel('Secret access key').fill(admin.secret);
    await page.getByRole('button', { name: /^Connect .* with the integration key$/ }).click();
    await page.getByText(/^Connected · /).waitFor();
    await page.goto(`${app.url}#/s/sw`);
    await page.getByRole('searchbox', { name: 'Search' }).fill('Cherries');
    const card = page.locator('main ul > li article');
    await expect.poll(() => card.count()).toBe(1);
    await card.first().getByRole('link').first().click();
    const editor = page.getByRole('form', { name: 'Edit product' });
    await editor.waitFor();
    const productId = decodeURIComponent(new URL(page.url()).hash).split('/product/')[1]?.split(/[?/]/)[0] ?? '';
    const before = shop.getProduct(productId);

    await refusedBesidePrice(page, editor, '2000000', 'This value should be less than or equal to 100000.', 'shopware');
    expect(shop.getProduct(productId)).toEqual(before);
    // a name past the 255 characters Shopware keeps: its violation points into the translation
    // (/0/translations/<languageId>/name), and stands beside the name all the same
    const name = editor.getByLabel('Name');
    const long = `Cherries ${'very sweet '.repeat(23)}`.trim();
    expect([...long].length).toBeGreaterThan(255);
    await editor.getByLabel(/^Price/).fill('9.99');
    await name.fill(long);
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => focused(name)).toBe(true);
    expect(await describedAs(name)).toBe('The store said: This value is too long. It should have 255 characters or less.');
    expect(await name.inputValue()).toBe(long);
    expect(shop.getProduct(productId)).toEqual(before);
    await page.setViewportSize({ width: 360, height: 900 });
    await name.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${SCREENSHOT_DIR}/save-refused-shopware-long-name-360.png` });
    // the secret is never on the screen
    expect(await page.locator('body').innerText()).not.toContain(admin.secret);
  });

  it('FlickRocket: Published on a product never released is refused beside Published, nothing sent (valid alone left it unpublished under “Saved.”)', async () => {
    const clientId = 'StorefrontConnect.e2e.apps.flickrocket.com';
    const { app, store: shop } = await servePlatformApp(e2e, {
      basePath: '/shops/fr/',
      startStore: (app) => startFlickRocketStore({ port: 0, hooksPort: null, productCount: 30, clients: [{ clientId, name: 'Storefront Connect', redirectUris: [app.url] }], allowedOrigins: [app.origin], rateLimit: null }),
      config: (shop, app) => ({
        stores: [
          { id: 'fr', kind: 'flickrocket', name: 'FlickRocket Test Shop', authorizationEndpoint: `${shop.origin}/oauth2/auth`, tokenEndpoint: `${shop.origin}/token`, apiBase: shop.origin, clientId, redirectUri: app.url, defaultScopes: ['products'], currency: 'EUR', language: 'en' },
        ],
      }),
    });
    const { page } = await openAppHome(e2e, app);
    await page.getByRole('button', { name: 'Connect FlickRocket Test Shop', exact: true }).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    await page.getByRole('heading', { name: 'FlickRocket Test Shop', level: 1 }).waitFor();
    // 1015: valid, but its published_at is 0001-01-01 (the seed's every 15th: never released)
    expect(shop.getProduct(1015)).toMatchObject({ valid: true, published_at: '0001-01-01T00:00:00' });
    const puts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT') puts.push(request.url());
    });
    await page.goto(`${app.url}#/s/fr/product/1015`);
    const editor = page.getByRole('form', { name: 'Edit product' });
    await editor.waitFor();
    const published = editor.getByRole('checkbox', { name: 'Published' });
    expect(await published.isChecked()).toBe(false);
    await editor.getByLabel('Name').fill('Lantern, first light');
    await published.check();
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => published.getAttribute('aria-invalid')).toBe('true');
    expect(await describedAs(published)).toBe(
      'The store said: This product has never been released (it has no release date), so FlickRocket does not show it. Set its release date in FlickRocket Admin, then publish it here.',
    );
    expect(await focused(published)).toBe(true);
    expect(await page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(0);
    // nothing typed is lost, nothing sent
    expect(await published.isChecked()).toBe(true);
    expect(await editor.getByLabel('Name').inputValue()).toBe('Lantern, first light');
    expect(puts).toEqual([]);
    // the words read across the form, not down a column beside it
    const wordsBox = await editor.locator('#edit-published-problem').boundingBox();
    const nameBox = await editor.getByLabel('Name').boundingBox();
    expect(wordsBox!.width).toBeGreaterThan(nameBox!.width * 0.9);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await published.evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: `${SCREENSHOT_DIR}/save-refused-flickrocket-${width}.png` });
    }
    // left unpublished, the name saves
    await published.uncheck();
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(shop.getProduct(1015)?.locales[0]?.title).toBe('Lantern, first light');
  });
});
