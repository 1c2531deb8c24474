/**
 * The widget on a German host page that gives its own words (`text-*` attributes): every one shown
 * as text, markup in an attribute as its characters; without them, or with an empty one, the
 * English ones; words changed after the first draw show at once (the widget draws again, with the
 * products it has: no new request). widget.js is read from the app's origin into a host page on
 * another origin under its own strict CSP, reading the demo store (its answer changed in flight
 * where a state needs it: a product out of stock, without a picture, one reduced; no products; held
 * while loading; no answer at all), and the Shopware test server for a price said "From" (Leeks:
 * two prices by quantity, test/platforms/shopware/seed.ts).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import type { StaticServer } from '../helpers/static-server.ts';
import { strictHostCsp } from '../helpers/static-server.ts';
import { startWidgetHost, storefrontToken } from '../helpers/widget-host.ts';
import { WIDGET_HEADERS } from '../deploy/csp.ts';
import { SALES_CHANNEL_ACCESS_KEY } from '../platforms/shopware/constants.ts';
import { startShopwareStore, type ShopwareStore } from '../platforms/shopware/server.ts';

const e2e = useE2e({ app: {} });
let host: StaticServer;
let swHost: StaticServer;
let shop: ShopwareStore;
let token: string;

/** A host page's own words, one of them with markup in it (to be shown as those characters). */
const GERMAN = {
  'text-no-picture': 'Kein Bild',
  'text-out-of-stock': '<strong>Ausverkauft</strong>',
  'text-loading': 'Produkte werden geladen…',
  'text-unavailable': 'Die Produkte sind gerade nicht verfügbar.',
  'text-no-match': 'Keine passenden Produkte.',
  'text-empty': 'Noch keine Produkte.',
  'text-try-again': 'Nochmal versuchen',
  'text-new-tab': '(öffnet in neuem Tab)',
  'text-was': '<del>statt</del>',
  'text-list': 'Unsere Lieblingsstücke aus dem Shop',
};

/** The words a card only says to a screen reader, and the list's name, in English. */
const ENGLISH_UNSEEN = { newTab: ' (opens in a new tab)', was: 'was ', list: 'Products' };

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function page(lang: string, words: Record<string, string>, search = ''): string {
  const attrs = Object.entries(words)
    .map(([name, value]) => ` ${name}="${escapeAttr(value)}"`)
    .join('');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Unser Blog</title></head><body>
<h1>Unsere Lieblingsstücke</h1>
<storefront-products api-base="${e2e.env.store.origin}" token="${token}" limit="4" search="${search}"${attrs}><a href="${e2e.env.store.origin}/">Zum Shop</a></storefront-products>
<script src="${e2e.env.app.url}widget.js" defer></script></body></html>`;
}

beforeAll(async () => {
  e2e.env.app.setHeaders({ ...WIDGET_HEADERS });
  token = await storefrontToken(e2e, 'widget-words-e2e');
  ({ host } = await startWidgetHost(e2e, 'widget-words-'));
  host.setOverride('de.html', () => page('de', GERMAN));
  host.setOverride('de-none.html', () => page('de', GERMAN, 'zzz-no-such-product'));
  host.setOverride('en.html', () => page('en', {}));
  // empty attributes: the English words
  host.setOverride('en-empty.html', () => page('en', { 'text-no-picture': '', 'text-out-of-stock': '', 'text-new-tab': '', 'text-was': '', 'text-list': '' }));

  shop = await startShopwareStore({ port: 0 });
  e2e.closeAfterAll(() => shop.close());
  // a second site, under the same strict CSP but for the Shopware server (its media on their own origin)
  ({ host: swHost } = await startWidgetHost(e2e, 'widget-words-sw-'));
  const csp = strictHostCsp(e2e.env.app.origin, shop.origin)['content-security-policy']!.replace(`img-src ${shop.origin}`, `img-src ${shop.mediaOrigin}`);
  swHost.setHeaders({ 'content-security-policy': csp });
  const leeks = (lang: string, words: Record<string, string>): string => {
    const attrs = Object.entries(words)
      .map(([name, value]) => ` ${name}="${escapeAttr(value)}"`)
      .join('');
    return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Hofladen</title></head><body>
<h1>Frisch diese Woche</h1>
<storefront-products kind="shopware6" api-base="${shop.origin}" access-key="${SALES_CHANNEL_ACCESS_KEY}" storefront-url="${shop.origin}/" search="Leeks"${attrs}></storefront-products>
<script src="${e2e.env.app.url}widget.js" defer></script></body></html>`;
  };
  swHost.setOverride('leeks-de.html', () => leeks('de', { 'text-from': 'ab', 'text-new-tab': '(öffnet in neuem Tab)' }));
  swHost.setOverride('leeks-hi.html', () => leeks('hi', { 'text-from': '{price} से शुरू' }));
  swHost.setOverride('leeks-markup.html', () => leeks('de', { 'text-from': '<b>ab</b> {price}' }));
  swHost.setOverride('leeks-en.html', () => leeks('de', {}));
  swHost.setOverride('leeks-empty.html', () => leeks('de', { 'text-from': '' }));
});

type WireProduct = Record<string, unknown>;

/**
 * The host page, the store's first product out of stock and without a picture (or, `none`, no
 * products at all); the store's answer waits for `held` where given. Returns the requests the store got.
 */
async function open(path: string, { width = 1280, none = false, held }: { width?: number; none?: boolean; held?: Promise<void> } = {}): Promise<{ page: Page; asked: string[] }> {
  const { page: tab } = await e2e.open({ width, height: 900 });
  const asked: string[] = [];
  await tab.route(
    (url) => url.origin === e2e.env.store.origin && url.pathname === '/api/v1/products',
    async (route) => {
      asked.push(route.request().url());
      await held;
      const response = await route.fetch();
      const body = (await response.json()) as { products: WireProduct[] };
      // the first: out of stock, no picture; the second: reduced (a price before, struck through)
      const products = none ? [] : body.products.map((product, index) => (index === 0 ? { ...product, in_stock: false, images: [] } : index === 1 ? { ...product, compare_at_cost_raw: Number(product.cost_raw) + 5 } : product));
      await route.fulfill({ response, json: { ...body, products } });
    },
  );
  await tab.goto(`${host.url}${path}`);
  return { page: tab, asked };
}

/** The widget's own words on its cards whose text runs out of their card (a long one wraps). */
async function outsideTheirCard(tab: Page): Promise<string[]> {
  return tab.locator('storefront-products').evaluate((widget) =>
    [...widget.shadowRoot!.querySelectorAll('.none-label, .note')]
      .filter((word) => {
        const text = document.createRange();
        text.selectNodeContents(word);
        const drawn = text.getBoundingClientRect();
        const card = word.closest('.card')!.getBoundingClientRect();
        return drawn.left < card.left || drawn.right > card.right;
      })
      .map((word) => word.textContent ?? ''),
  );
}

/** The texts of the widget's own words once its cards are drawn. */
async function cardWords(tab: Page): Promise<{ noPicture: string[]; outOfStock: string[]; markup: number }> {
  const widget = tab.locator('storefront-products');
  await widget.locator('.grid:not(.skeleton) .card').first().waitFor();
  return {
    noPicture: await widget.locator('.none-label').allTextContents(),
    outOfStock: await widget.locator('.note').allTextContents(),
    // markup from an attribute never becomes an element
    markup: await widget.locator('.none-label *, .note *, .sr *').count(),
  };
}

/** What a screen reader hears of the widget's own words once its cards are drawn: after the first card's name, before its struck price, and the list's name. */
async function unseenWords(tab: Page): Promise<{ newTab: string; was: string; list: string }> {
  const widget = tab.locator('storefront-products');
  await widget.locator('.grid:not(.skeleton) .card').first().waitFor();
  return {
    newTab: (await widget.locator('.card a .sr').first().textContent()) ?? '',
    was: (await widget.locator('.was .sr').first().textContent()) ?? '',
    list: (await widget.locator('.grid').getAttribute('aria-label')) ?? '',
  };
}

/** The Shopware host page's one card (Leeks), drawn: its price line as shown, and whether markup became an element. */
async function leeksPrice(path: string, width = 1280): Promise<{ page: Page; price: string; markup: number; expected: (from: string) => string }> {
  const { page: tab } = await e2e.open({ width, height: 900 });
  await tab.goto(`${swHost.url}${path}`);
  const price = tab.locator('storefront-products .card .price');
  await price.waitFor();
  // Leeks from 10 items: 0.95 EUR, written as the page's language writes it (Chromium's own ICU)
  const lang = await tab.evaluate(() => document.documentElement.lang);
  const amount = await tab.evaluate((locale) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(0.95), lang);
  return { page: tab, price: await price.innerText(), markup: await price.locator('*').count(), expected: (from) => from.replace('{price}', amount) };
}

describe('widget.js in the host page’s own words', () => {
  it('shows a German page’s words while loading and on its cards, markup in one as its characters (a long one wrapped in its card); a page without them, or with empty ones, keeps the English ones', async () => {
    let release!: () => void;
    const german = await open('de.html', { held: new Promise<void>((resolve) => (release = resolve)) });
    await expect.poll(() => german.page.locator('storefront-products p.sr').first().textContent()).toBe('Produkte werden geladen…');
    // the placeholder cards: a grey picture and two grey lines each (the lines are .body's ::before and ::after)
    const lines = await german.page.locator('storefront-products .skeleton .body').first().evaluate((body) =>
      ['::before', '::after'].map((pseudo) => {
        const style = getComputedStyle(body, pseudo);
        return { width: Math.round((parseFloat(style.width) / body.clientWidth) * 100), height: parseFloat(style.height) > 0 };
      }),
    );
    expect(lines.map((line) => line.height)).toEqual([true, true]);
    expect(lines[0]!.width).toBeGreaterThan(lines[1]!.width);
    await german.page.screenshot({ path: join(SCREENSHOT_DIR, 'widget-words-de-loading-1280.png'), fullPage: true });
    release();
    expect(await cardWords(german.page)).toEqual({ noPicture: ['Kein Bild'], outOfStock: ['<strong>Ausverkauft</strong>'], markup: 0 });
    expect(await unseenWords(german.page)).toEqual({ newTab: ' (öffnet in neuem Tab)', was: '<del>statt</del> ', list: 'Unsere Lieblingsstücke aus dem Shop' });
    expect(await german.page.getByRole('list', { name: 'Unsere Lieblingsstücke aus dem Shop' }).count()).toBe(1);
    for (const width of [360, 1280]) {
      await german.page.setViewportSize({ width, height: 900 });
      expect(await outsideTheirCard(german.page), `${width} px`).toEqual([]);
      await german.page.screenshot({ path: join(SCREENSHOT_DIR, `widget-words-de-${width}.png`), fullPage: true });
    }

    const english = await open('en.html');
    expect(await cardWords(english.page)).toEqual({ noPicture: ['No picture'], outOfStock: ['Out of stock'], markup: 0 });
    expect(await unseenWords(english.page)).toEqual(ENGLISH_UNSEEN);
    const empty = await open('en-empty.html');
    expect(await cardWords(empty.page)).toEqual({ noPicture: ['No picture'], outOfStock: ['Out of stock'], markup: 0 });
    expect(await unseenWords(empty.page)).toEqual(ENGLISH_UNSEEN);
  });

  it('says that nothing matches, that there are no products, and that the products are unavailable with its Try again, in the page’s words', async () => {
    const noMatch = await open('de-none.html');
    await expect.poll(() => noMatch.page.locator('storefront-products [role="status"]').textContent()).toBe('Keine passenden Produkte.');
    const none = await open('de.html', { none: true });
    await expect.poll(() => none.page.locator('storefront-products [role="status"]').textContent()).toBe('Noch keine Produkte.');

    const { page: down } = await e2e.open({ width: 360, height: 900 });
    await down.route((url) => url.origin === e2e.env.store.origin, (route) => route.abort('connectionrefused'));
    await down.goto(`${host.url}de.html`);
    const alert = down.locator('storefront-products [role="alert"]');
    await expect.poll(() => alert.textContent()).toBe('Die Produkte sind gerade nicht verfügbar. Nochmal versuchen');
    expect(await down.getByRole('button', { name: 'Nochmal versuchen' }).count()).toBe(1);
    await down.screenshot({ path: join(SCREENSHOT_DIR, 'widget-words-de-unavailable-360.png'), fullPage: true });
  });

  it('words set after the first draw show, as text, when the widget draws again with another attribute (a new limit)', async () => {
    const { page: tab, asked } = await open('en.html');
    await cardWords(tab);
    await tab.locator('storefront-products').evaluate((widget) => {
      widget.setAttribute('text-out-of-stock', 'Épuisé');
      widget.setAttribute('text-no-picture', '<img src=x onerror=alert(1)>');
      widget.setAttribute('limit', '3');
    });
    await expect.poll(() => tab.locator('storefront-products .note').allTextContents()).toEqual(['Épuisé']);
    expect(await cardWords(tab)).toEqual({ noPicture: ['<img src=x onerror=alert(1)>'], outOfStock: ['Épuisé'], markup: 0 });
    expect(await tab.locator('storefront-products .card').count()).toBe(3);
    expect(asked).toHaveLength(2);
  });

  it('says a price "From" in the page’s words: before it (ab), or round it where {price} says (Hindi); markup as its characters; English when absent or empty', async () => {
    const german = await leeksPrice('leeks-de.html', 360);
    expect(german.price).toBe(german.expected('ab {price}'));
    expect(await german.page.locator('storefront-products .card a .sr').textContent()).toBe(' (öffnet in neuem Tab)');
    for (const width of [360, 1280]) {
      await german.page.setViewportSize({ width, height: 900 });
      await german.page.screenshot({ path: join(SCREENSHOT_DIR, `widget-words-de-from-${width}.png`), fullPage: true });
    }
    const hindi = await leeksPrice('leeks-hi.html');
    expect(hindi.price).toBe(hindi.expected('{price} से शुरू'));
    const markup = await leeksPrice('leeks-markup.html');
    expect({ price: markup.price, markup: markup.markup }).toEqual({ price: markup.expected('<b>ab</b> {price}'), markup: 0 });
    for (const path of ['leeks-en.html', 'leeks-empty.html']) {
      const english = await leeksPrice(path);
      expect(english.price, path).toBe(english.expected('From {price}'));
    }
  });

  it('a word changed alone shows at once, as text, with the products it has (no new request)', async () => {
    const { page: tab, asked } = await open('en.html');
    await cardWords(tab);
    await tab.locator('storefront-products').evaluate((widget) => {
      widget.setAttribute('text-out-of-stock', 'Ausverkauft');
      widget.setAttribute('text-no-picture', '<img src=x onerror=alert(1)>');
      widget.setAttribute('text-new-tab', '(öffnet in neuem Tab)');
      widget.setAttribute('text-was', 'statt');
      widget.setAttribute('text-list', 'Unsere Produkte');
    });
    await expect.poll(() => tab.locator('storefront-products .note').allTextContents()).toEqual(['Ausverkauft']);
    expect(await cardWords(tab)).toEqual({ noPicture: ['<img src=x onerror=alert(1)>'], outOfStock: ['Ausverkauft'], markup: 0 });
    expect(await unseenWords(tab)).toEqual({ newTab: ' (öffnet in neuem Tab)', was: 'statt ', list: 'Unsere Produkte' });
    // emptied again: English
    await tab.locator('storefront-products').evaluate((widget) => widget.setAttribute('text-out-of-stock', ''));
    await expect.poll(() => tab.locator('storefront-products .note').allTextContents()).toEqual(['Out of stock']);
    expect(asked).toHaveLength(1);
  });
});
