/**
 * A StoreHippo store in Chromium, on the built app configured by config.json alone (issue 12):
 * pasted read-only and manager keys, probe-derived locks, browsing with the CDN image origin, an
 * edit the server keeps, the refusal / CORS / 429 messages, and Forget removing the IndexedDB record.
 * One browser and one faithful server for the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newPage } from '../helpers/browser.ts';
import { deploymentHeaders, readOtherStorage, readVaultKeys } from '../helpers/e2e-app.ts';
import { startStaticServer, type StaticServer } from '../helpers/static-server.ts';
import { BUILD_DIR } from '../helpers/paths.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';
import { startStoreHippoStore, type StoreHippoStore } from '../platforms/storehippo/server.ts';
import type { AppConfig } from '../../src/lib/config/types.ts';

const NAME = 'Hippo Demo';
let browser: Browser;
let app: StaticServer;
let hippo: StoreHippoStore;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await startStaticServer({ root: BUILD_DIR, basePath: '/shops/hippo/' });
  hippo = await startStoreHippoStore({ port: 0, allowedOrigins: [app.origin] });
  const config: AppConfig = {
    stores: [{ id: 'hippo', kind: 'storehippo', name: NAME, apiBase: hippo.origin, apiVersion: '1.1', auth: ['access-key'], currency: 'INR', imageBase: hippo.imageBase }],
  };
  app.setOverride('config.json', JSON.stringify(config));
  app.setHeaders(deploymentHeaders(config));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.close(), hippo?.close()]);
});

async function freshPage(): Promise<void> {
  await context?.close();
  ({ context, page } = await newPage(browser));
  await page.goto(app.url);
}

async function pasteKey(key: string): Promise<void> {
  await page.getByLabel('Access key', { exact: true }).fill(key);
  await page.getByRole('button', { name: `Connect ${NAME} with the access key` }).click();
}

const cards = () => page.locator('main ul > li article');
const hash = () => decodeURIComponent(new URL(page.url()).hash);
const hippoKeys = async () => (await readVaultKeys(page)).filter((k) => k.includes('hippo'));

describe('StoreHippo with a pasted key', () => {
  it('a wrong key, CORS without access-key and a 429 each say so, and nothing is stored', async () => {
    await freshPage();
    await pasteKey(DEMO_KEYS.disabled);
    await page.getByRole('alert').filter({ hasText: 'StoreHippo refused this key' }).waitFor();
    expect(await hippoKeys()).toEqual([]);

    hippo.setCors('no-access-key');
    await pasteKey(DEMO_KEYS.manager);
    await page.getByRole('alert').filter({ hasText: 'CORS' }).waitFor();
    hippo.setCors('on');
    expect(await hippoKeys()).toEqual([]);

    hippo.setRateLimit(1);
    const limited = hippo.stats().rateLimited;
    await pasteKey(DEMO_KEYS.readOnly);
    await page.getByRole('link', { name: `Browse ${NAME}` }).waitFor({ timeout: 15_000 });
    expect(hippo.stats().rateLimited).toBeGreaterThan(limited);
    hippo.setRateLimit(null);
    const other = await readOtherStorage(page);
    expect(other.includes(DEMO_KEYS.readOnly) || page.url().includes(DEMO_KEYS.readOnly)).toBe(false);
    await page.getByRole('button', { name: `Forget credentials of ${NAME}` }).click();
    await page.getByLabel('Access key', { exact: true }).waitFor();
    expect(await hippoKeys()).toEqual([]);
  }, 60_000);

  it('a read-only key browses, pages, searches, filters, sorts, opens a CDN image, stays after reload; orders and coupons are locked', async () => {
    await freshPage();
    await pasteKey(DEMO_KEYS.readOnly);
    await page.getByText('can browse · locked: orders, coupons, edit').waitFor();
    expect(await hippoKeys()).toEqual(['session:hippo']);
    await page.getByRole('link', { name: `Browse ${NAME}` }).click();
    await expect.poll(() => cards().count(), { timeout: 15_000 }).toBe(24);
    await page.mouse.wheel(0, 20_000);
    await expect.poll(() => cards().count(), { timeout: 15_000 }).toBeGreaterThan(24);
    const starts = hippo.requests().filter((r) => r.path.endsWith('/ms.products')).map((r) => new URLSearchParams(r.search).get('start'));
    expect(starts).toContain('24');

    const firstName = (await cards().first().locator('h3').textContent()) ?? '';
    const word = firstName.split(' ')[0] ?? '';
    await page.getByRole('searchbox', { name: 'Search' }).fill(word);
    await expect.poll(hash).toContain(`q=${word}`);
    await expect.poll(async () => (await cards().locator('h3').allTextContents()).every((n) => n.toLowerCase().includes(word.toLowerCase())), { timeout: 10_000 }).toBe(true);
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    const category = page.getByRole('combobox', { name: 'Category' });
    await expect.poll(() => category.locator('option').count(), { timeout: 10_000 }).toBeGreaterThan(2);
    const chosen = (await category.locator('option').nth(1).getAttribute('value')) ?? '';
    await category.selectOption(chosen);
    await expect.poll(hash).toContain(`category=${chosen}`);
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('price');
    await expect.poll(hash).toContain('sort=price');
    await expect.poll(() => {
      const last = hippo.requests().filter((r) => r.path.endsWith('/ms.products')).at(-1);
      const params = new URLSearchParams(last?.search);
      return params.get('sort') === 'price' && (params.get('filters') ?? '').includes(chosen);
    }).toBe(true);

    await cards().first().getByRole('link').click();
    await page.locator('main h1').waitFor();
    await expect.poll(() => page.locator(`main img[src^="${hippo.cdnOrigin}"]`).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator(`main img[src^="${hippo.cdnOrigin}"]`).first().evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByText('Editing products is locked.').waitFor();

    const productName = (await page.locator('main h1').textContent()) ?? '';
    await page.reload();
    await page.getByRole('heading', { name: productName, level: 1 }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator(`main img[src^="${hippo.cdnOrigin}"]`).count(), { timeout: 10_000 }).toBeGreaterThan(0);

    // A 429 while browsing: the wait is shown, then the request is retried and the page fills.
    await page.goto(`${app.url}#/s/hippo`);
    await expect.poll(() => cards().count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(24);
    hippo.setRateLimit(1);
    await page.getByRole('searchbox', { name: 'Search' }).fill(word);
    // Another client on the same key uses up this second's allowance before the debounced search goes out.
    const elsewhere = { headers: { 'access-key': DEMO_KEYS.readOnly } };
    await fetch(`${hippo.origin}/api/1.1/entity/ms.products?limit=1`, elsewhere);
    await fetch(`${hippo.origin}/api/1.1/entity/ms.products?limit=1`, elsewhere);
    await page.getByText(/The store asked us to slow down\. Retrying in 1 s/).waitFor({ timeout: 10_000 });
    hippo.setRateLimit(null);
    await expect.poll(async () => (await cards().locator('h3').allTextContents()).every((n) => n.toLowerCase().includes(word.toLowerCase())), { timeout: 15_000 }).toBe(true);
    await page.goto(`${app.url}#/s/hippo/orders`);
    await page.getByText('is locked. This key’s role cannot read orders.').waitFor();
    expect(await page.getByRole('button', { name: /Grant access/ }).count()).toBe(0);
    await page.goto(`${app.url}#/s/hippo/coupons`);
    await page.getByText('This key’s role cannot read coupon codes.').waitFor();
    expect(hippo.requests().some((r) => r.search.includes(DEMO_KEYS.readOnly))).toBe(false);
  }, 90_000);

  it('a manager key sees orders and coupons and edits a product the server keeps', async () => {
    await freshPage();
    await pasteKey(DEMO_KEYS.manager);
    await page.getByText('can browse, orders, coupons, edit').waitFor();
    await page.goto(`${app.url}#/s/hippo/orders`);
    await page.getByText(/OID\d+/).first().waitFor({ timeout: 15_000 });
    await page.goto(`${app.url}#/s/hippo/coupons`);
    await page.locator('main li').first().waitFor({ timeout: 15_000 });
    await page.goto(`${app.url}#/s/hippo`);
    await expect.poll(() => cards().count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await cards().first().getByRole('link').click();
    const id = decodeURIComponent(new URL(page.url()).hash).split('/product/')[1] ?? '';
    const name = page.getByRole('textbox', { name: 'Name' });
    await name.waitFor({ timeout: 15_000 });
    await name.fill('Edited in Chromium');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => hippo.getProduct(id)?.name, { timeout: 10_000 }).toBe('Edited in Chromium');
    const put = hippo.requests().find((r) => r.method === 'PUT');
    expect(put?.headers['content-type']).toContain('application/json');
  }, 60_000);
});
