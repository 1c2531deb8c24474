/**
 * The widget on a German host page that gives its own words (`text-*` attributes): every one shown
 * as text, markup in an attribute as its characters; without them, or with an empty one, the
 * English ones; words changed after the first draw show when the widget draws again (here: a new
 * `limit`). widget.js is read from the app's origin into a host page on another origin under its own
 * strict CSP, reading the demo store (its answer changed in flight where a state needs it: a product
 * out of stock, without a picture; no products; held while loading; no answer at all).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import type { StaticServer } from '../helpers/static-server.ts';
import { startWidgetHost, storefrontToken } from '../helpers/widget-host.ts';
import { WIDGET_HEADERS } from '../deploy/csp.ts';

const e2e = useE2e({ app: {} });
let host: StaticServer;
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
};

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
  host.setOverride('en-empty.html', () => page('en', { 'text-no-picture': '', 'text-out-of-stock': '' }));
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
      const products = none ? [] : body.products.map((product, index) => (index === 0 ? { ...product, in_stock: false, images: [] } : product));
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
    markup: await widget.locator('.none-label *, .note *').count(),
  };
}

describe('widget.js in the host page’s own words', () => {
  it('shows a German page’s words while loading and on its cards, markup in one as its characters (a long one wrapped in its card); a page without them, or with empty ones, keeps the English ones', async () => {
    let release!: () => void;
    const german = await open('de.html', { held: new Promise<void>((resolve) => (release = resolve)) });
    await expect.poll(() => german.page.locator('storefront-products p.sr').first().textContent()).toBe('Produkte werden geladen…');
    release();
    expect(await cardWords(german.page)).toEqual({ noPicture: ['Kein Bild'], outOfStock: ['<strong>Ausverkauft</strong>'], markup: 0 });
    for (const width of [360, 1280]) {
      await german.page.setViewportSize({ width, height: 900 });
      expect(await outsideTheirCard(german.page), `${width} px`).toEqual([]);
      await german.page.screenshot({ path: join(SCREENSHOT_DIR, `widget-words-de-${width}.png`), fullPage: true });
    }

    const english = await open('en.html');
    expect(await cardWords(english.page)).toEqual({ noPicture: ['No picture'], outOfStock: ['Out of stock'], markup: 0 });
    const empty = await open('en-empty.html');
    expect(await cardWords(empty.page)).toEqual({ noPicture: ['No picture'], outOfStock: ['Out of stock'], markup: 0 });
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
});
