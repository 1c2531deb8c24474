/**
 * The Shopware widget as another site uses it (platforms.md 4.7): the built dist/widget.js from the
 * app's origin, on a page of a third origin with its own strict CSP, reading the faithful Shopware
 * server's Store API with the sales channel's public key. The key travels only in `sw-access-key`;
 * no Admin API route and no Authorization header is ever used; a wrong key shows the widget's error.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPage } from '../helpers/browser.ts';
import { fileChromium } from '../helpers/e2e-fixture.ts';
import { BUILD_DIR, SCREENSHOT_DIR } from '../helpers/paths.ts';
import { startStaticServer, type StaticServer } from '../helpers/static-server.ts';
import { WIDGET_HEADERS } from '../deploy/csp.ts';
import { SALES_CHANNEL_ACCESS_KEY } from '../platforms/shopware/constants.ts';
import { startShopwareStore, type ShopwareStore } from '../platforms/shopware/server.ts';

let browser: Browser;
let app: StaticServer;
let host: StaticServer;
let shop: ShopwareStore;
let hostRoot: string;

function hostPage(attributes: Record<string, string>): string {
  const attrs = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`)
    .join('');
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>A Shopware merchant's blog</title></head>
<body><h1>Fresh this week</h1><storefront-products${attrs}></storefront-products>
<script type="module" src="${app.url}widget.js"></script></body></html>`;
}

beforeAll(async () => {
  browser = await fileChromium();
  shop = await startShopwareStore({ port: 0 });
  app = await startStaticServer({ root: BUILD_DIR, basePath: '/shops/demo/' });
  app.setHeaders({ ...WIDGET_HEADERS });
  hostRoot = await mkdtemp(join(tmpdir(), 'sw-widget-host-'));
  host = await startStaticServer({ root: hostRoot, basePath: '/' });
  host.setHeaders({
    'content-security-policy': ["default-src 'none'", `script-src ${app.origin}`, "style-src 'self'", `img-src ${shop.mediaOrigin}`, `connect-src ${shop.origin}`, "base-uri 'none'"].join('; '),
  });
  host.setOverride('fruit.html', () => hostPage({ kind: 'shopware6', 'api-base': shop.origin, 'access-key': SALES_CHANNEL_ACCESS_KEY, category: 'Fruit', limit: '6', columns: '3' }));
  host.setOverride('all.html', () => hostPage({ kind: 'shopware6', 'api-base': shop.origin, 'access-key': SALES_CHANNEL_ACCESS_KEY, limit: '50' }));
  host.setOverride('leeks.html', () => hostPage({ kind: 'shopware6', 'api-base': shop.origin, 'access-key': SALES_CHANNEL_ACCESS_KEY, search: 'Leeks' }));
  host.setOverride('potatoes.html', () => hostPage({ kind: 'shopware6', 'api-base': shop.origin, 'access-key': SALES_CHANNEL_ACCESS_KEY, search: 'Potatoes' }));
  host.setOverride('linked.html', () => hostPage({ kind: 'shopware6', 'api-base': shop.origin, 'access-key': SALES_CHANNEL_ACCESS_KEY, 'storefront-url': `${shop.origin}/`, category: 'Fruit' }));
  host.setOverride('wrong-path.html', () => hostPage({ kind: 'shopware6', 'api-base': `${shop.origin}/shop`, 'access-key': SALES_CHANNEL_ACCESS_KEY }));
  host.setOverride('wrong-kind.html', () => hostPage({ kind: 'Shopware6', 'api-base': shop.origin, 'access-key': SALES_CHANNEL_ACCESS_KEY }));
  host.setOverride('wrong-key.html', () => hostPage({ kind: 'shopware6', 'api-base': shop.origin, 'access-key': 'SWSCNOTTHESALESCHANNELKEY1' }));
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.close(), host?.close(), shop?.close()]);
  if (hostRoot) await rm(hostRoot, { recursive: true, force: true });
});

async function open(path: string): Promise<{ page: Page; requests: { url: string; headers: Record<string, string> }[]; warnings: string[]; close: () => Promise<void> }> {
  const { context, page } = await newPage(browser);
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const warnings: string[] = [];
  page.on('request', (request) => requests.push({ url: request.url(), headers: request.headers() }));
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto(`${host.url}${path}`);
  return { page, requests, warnings, close: () => context.close() };
}

/** The widget's links (shadow root): each card's name links to the product's page. */
function widgetLinks(page: Page): Promise<{ href: string; name: string; target: string; rel: string }[]> {
  return page.locator('storefront-products').evaluate((element) =>
    [...(element.shadowRoot?.querySelectorAll<HTMLAnchorElement>('.card a') ?? [])].map((a) => ({ href: a.href, name: a.firstChild?.textContent ?? '', target: a.target, rel: a.rel })),
  );
}

describe('<storefront-products kind="shopware6"> on another origin', () => {
  it('shows the sales channel’s products of a category through the Store API, the key only in sw-access-key', async () => {
    const before = shop.stats();
    const { page, requests, close } = await open('fruit.html');
    try {
      const cards = page.locator('storefront-products .card');
      await expect.poll(() => cards.count(), { timeout: 15_000 }).toBeGreaterThan(1);
      const names = await cards.allInnerTexts();
      expect(names.join(' ')).toMatch(/Apples/);
      expect(names.join(' ')).toMatch(/€/);
      await page.locator('storefront-products').screenshot({ path: join(SCREENSHOT_DIR, 'shopware-widget.png') });
      const toShop = requests.filter((r) => r.url.startsWith(shop.origin));
      expect(toShop.length).toBeGreaterThan(0);
      for (const request of toShop) {
        expect(new URL(request.url).pathname).toMatch(/^\/store-api\//);
        expect(request.url).not.toContain(SALES_CHANNEL_ACCESS_KEY);
        expect(request.headers['authorization']).toBeUndefined();
      }
      expect(toShop.some((r) => r.headers['sw-access-key'] === SALES_CHANNEL_ACCESS_KEY)).toBe(true);
      const after = shop.stats();
      expect(after.apiRequests).toBe(before.apiRequests);
      expect(after.tokenRequests.total).toBe(before.tokenRequests.total);
    } finally {
      await close();
    }
  });

  it('with storefront-url, each card links to its product’s page on the shop (Storefront /detail/{id}), in a new tab; without it, no card links (regression: Shopware cards never linked)', async () => {
    const linked = await open('linked.html');
    try {
      const cards = linked.page.locator('storefront-products .card');
      await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(4);
      const links = await widgetLinks(linked.page);
      expect(links.length).toBe(4);
      for (const link of links) {
        expect(link.href).toMatch(new RegExp(`^${shop.origin.replace(/\./g, '\\.')}/detail/[0-9a-f]{32}$`));
        expect(link).toMatchObject({ target: '_blank', rel: 'noopener noreferrer' });
      }
      // the link is the product's page: the shop's Storefront shows that product there
      const apples = links.find((link) => link.name === 'Pink Lady Apples 1 kg');
      expect(apples).toBeDefined();
      const page = await fetch(apples!.href);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<h1>Pink Lady Apples 1 kg</h1>');
    } finally {
      await linked.close();
    }
    const plain = await open('fruit.html');
    try {
      await expect.poll(() => plain.page.locator('storefront-products .card').count(), { timeout: 15_000 }).toBeGreaterThan(1);
      expect(await widgetLinks(plain.page)).toEqual([]);
    } finally {
      await plain.close();
    }
  });

  it('an api-base path the shop answers 404 (with CORS, as Shopware answers every request): no Try again, and the console says to check api-base', async () => {
    const { page, warnings, close } = await open('wrong-path.html');
    try {
      const alert = page.locator('storefront-products [role="alert"]');
      await expect.poll(() => alert.count(), { timeout: 15_000 }).toBe(1);
      expect(await alert.innerText()).toBe('Products are unavailable right now.');
      expect(await page.locator('storefront-products button').count()).toBe(0);
      await expect.poll(() => warnings.join('\n')).toContain('<storefront-products>: the store answered 404; check api-base.');
    } finally {
      await close();
    }
  });

  it('kind="Shopware6" (a capital S) with a valid access-key: the console names the kinds, not a missing token; no request, no Try again', async () => {
    const { page, requests, warnings, close } = await open('wrong-kind.html');
    try {
      await expect.poll(() => warnings.join('\n'), { timeout: 15_000 }).toContain('<storefront-products>: kind must be goodsie or shopware6.');
      expect(warnings.join('\n')).not.toMatch(/token attribute|could not be loaded/);
      expect(warnings.join('\n')).not.toContain(SALES_CHANNEL_ACCESS_KEY);
      expect(await page.locator('storefront-products [role="alert"]').innerText()).toBe('Products are unavailable right now.');
      expect(await page.locator('storefront-products button').count()).toBe(0);
      expect(requests.filter((r) => r.url.startsWith(shop.origin))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('never shows an inactive product; one with an advanced price for every shopper shows that price, as the shop’s own card does', async () => {
    const { page, close } = await open('all.html');
    try {
      const cards = page.locator('storefront-products .card');
      await expect.poll(() => cards.count(), { timeout: 15_000 }).toBeGreaterThan(5);
      expect((await cards.allInnerTexts()).join(' ')).not.toMatch(/Stollen/);
      // Carrots: default price €0.79, advanced price €0.69 (test/platforms/shopware/seed.ts)
      const carrots = cards.filter({ hasText: 'Carrots' });
      expect(await carrots.innerText()).toMatch(/0[.,]69/);
      expect(await carrots.innerText()).not.toMatch(/0[.,]79/);
    } finally {
      await close();
    }
  });

  /** The one card a search finds: its name, its price's words (the host page is lang="de"), no was-price; shot at 360 and 1280 px. */
  async function oneCard(name: string, price: RegExp): Promise<void> {
    const { page, close } = await open(`${name.toLowerCase()}.html`);
    try {
      const cards = page.locator('storefront-products .card');
      await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(1);
      expect(await cards.locator('.name').innerText()).toBe(name);
      await expect.poll(() => cards.locator('.price').innerText()).toMatch(price);
      expect(await cards.locator('.was').count()).toBe(0);
      expect(await cards.innerText()).not.toMatch(/Out of stock/);
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        await page.locator('storefront-products').screenshot({ path: join(SCREENSHOT_DIR, `shopware-widget-${name.toLowerCase()}-${width}.png`) });
      }
    } finally {
      await close();
    }
  }

  it('a product with several advanced prices says "From" the last, as the shop’s own card does (regression: Leeks read 1,09 €, one item’s price, where the shop and the app say From €0.95)', async () => {
    // Leeks: "To 9" €1.09, "From 10" €0.95 (test/platforms/shopware/seed.ts)
    await oneCard('Leeks', /^From 0,95\s€$/);
  });

  it('a parent sold in variants at different prices says "From" its cheapest, as the shop’s card and the app do (regression: Potatoes read 1,53 €, though its 5 kg costs 4,49 €)', async () => {
    // Potatoes: 2.5 kg at the parent's €1.53 (in stock), 5 kg at €4.49 (none left) (test/platforms/shopware/seed.ts)
    await oneCard('Potatoes', /^From 1,53\s€$/);
  });

  it('a wrong key shows the widget’s neutral error, not products', async () => {
    const { page, close } = await open('wrong-key.html');
    try {
      const alert = page.locator('storefront-products [role="alert"]');
      await expect.poll(() => alert.count(), { timeout: 15_000 }).toBe(1);
      expect(await alert.innerText()).toBe('Products are unavailable right now.');
      expect(await page.locator('storefront-products .card').count()).toBe(0);
    } finally {
      await close();
    }
  });
});
