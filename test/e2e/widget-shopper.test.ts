/**
 * The widget on a stranger's page as its shoppers meet it: when the store's answer is not the tidy
 * one (a product it cannot read among good ones, more products than asked for, a name that goes on
 * and on: the demo store's real answer, changed in flight, route.fetch keeping its CORS headers),
 * and with a shopper's own text size. widget.js is read from the app's origin into a host page on
 * another origin under its own strict CSP.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { BUILD_DIR, SCREENSHOT_DIR } from '../helpers/paths.ts';
import type { StaticServer } from '../helpers/static-server.ts';
import { STORE_NAME } from '../helpers/e2e-app.ts';
import { startWidgetHost, storefrontToken } from '../helpers/widget-host.ts';
import { WIDGET_HEADERS } from '../deploy/csp.ts';

const e2e = useE2e({ app: {} });
let host: StaticServer;
let token: string;
/** Tokens of the pages with two widgets, one each, so that the store's count of requests per token is that page's alone. */
let sharedToken: string;
let failingToken: string;

const FALLBACK = `See our products at ${STORE_NAME}`;
const LIMIT = 8;
const LONG_NAME =
  'Handmade stoneware coffee mug with a speckled glaze, 350 ml, dishwasher and microwave safe, each one a little different, ' +
  'glazed by hand in our workshop in Portugal, gift boxed, set of two in sand, moss or midnight blue';

beforeAll(async () => {
  e2e.env.app.setHeaders({ ...WIDGET_HEADERS });
  token = await storefrontToken(e2e, 'store-answers-e2e');
  sharedToken = await storefrontToken(e2e, 'two-widgets-e2e');
  failingToken = await storefrontToken(e2e, 'two-widgets-failing-e2e');
  ({ host } = await startWidgetHost(e2e, 'widget-answers-'));
  host.setOverride('two.html', () => twoWidgetsPage(sharedToken));
  host.setOverride('two-failing.html', () => twoWidgetsPage(failingToken));
  host.setOverride(
    'page.html',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A shop's blog</title></head><body>
<h1>Our favourite things</h1>
<storefront-products api-base="${e2e.env.store.origin}" token="${token}" limit="${LIMIT}"><a href="${e2e.env.store.origin}/">${FALLBACK}</a></storefront-products>
<script src="${e2e.env.app.url}widget.js" defer></script></body></html>`,
  );
});

/** A host page with two widgets asking the same (store, token, category, limit; one has columns, layout only). */
function twoWidgetsPage(pageToken: string): string {
  const same = `api-base="${e2e.env.store.origin}" token="${pageToken}" category="Home &amp; Kitchen" limit="4"`;
  const fallback = `<a href="${e2e.env.store.origin}/">${FALLBACK}</a>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A shop's blog</title></head><body>
<h1>Our favourite things</h1>
<h2>For the kitchen</h2>
<storefront-products id="first" ${same}>${fallback}</storefront-products>
<p>Some words of the host page between the two.</p>
<h2>Also in our shop</h2>
<storefront-products id="second" ${same} columns="2">${fallback}</storefront-products>
<script src="${e2e.env.app.url}widget.js" defer></script></body></html>`;
}

type WireProduct = Record<string, unknown>;

/** Opens the host page with the store's product list changed by `change` on its way to the widget. */
async function openWith(change: (products: WireProduct[]) => WireProduct[], width = 1280, before?: (page: Page) => Promise<unknown>): Promise<{ page: Page; warnings: string[] }> {
  const { page, console: log } = await e2e.open({ width, height: 900 });
  await before?.(page);
  await page.route(
    (url) => url.origin === e2e.env.store.origin && url.pathname === '/api/v1/products',
    async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { products: WireProduct[] };
      await route.fulfill({ response, json: { ...body, products: change(body.products) } });
    },
  );
  await page.goto(`${host.url}page.html`);
  return { page, warnings: log.lines };
}

/** The cards once the widget has drawn its list (it draws it in one go), or the alert it shows instead. */
async function settled(page: Page): Promise<{ names: string[]; alert: string | null }> {
  const widget = page.locator('storefront-products');
  await widget.locator('.grid:not(.skeleton) .card, [role="alert"]').first().waitFor();
  const alert = widget.locator('[role="alert"]');
  return { names: await widget.locator('.grid:not(.skeleton) .name').allTextContents(), alert: (await alert.count()) > 0 ? await alert.textContent() : null };
}

describe('widget.js, when the store’s answer is not the tidy one', () => {
  it('leaves out a product it cannot read (a price that is text), as the app’s catalogue does: the others show, not "unavailable" for all; where none can be read, the neutral line and the console’s reason', async () => {
    let dropped = '';
    const { page } = await openWith((products) => {
      dropped = String(products[2]!.name);
      products[2]!.cost_raw = 'ask us';
      return products;
    });
    const { names, alert } = await settled(page);
    expect(alert).toBeNull();
    expect(names).toHaveLength(LIMIT - 1);
    expect(names.some((name) => name.startsWith(dropped))).toBe(false);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'widget-one-unreadable-product.png'), fullPage: true });

    const none = await openWith((products) => products.map((product) => ({ ...product, cost_raw: 'ask us' })));
    const all = await settled(none.page);
    expect(all.names).toEqual([]);
    expect(all.alert).toMatch(/^Products are unavailable right now\./);
    expect(await none.page.getByRole('link', { name: FALLBACK }).isVisible()).toBe(true);
    await expect.poll(() => none.warnings.join('\n')).toContain('<storefront-products>: no product list came back; check api-base.');
  });

  it('shows at most `limit` products when the store sends more than it was asked for (the page stays bounded)', async () => {
    const { page } = await openWith((products) => [...products, ...products, ...products]);
    const { names, alert } = await settled(page);
    expect(alert).toBeNull();
    expect(names).toHaveLength(LIMIT);
  });

  it('shows a very long name in at most three lines (cut off), at 360 and 1280 px, not as a card as tall as the name is long; the link still says the whole name', async () => {
    for (const width of [360, 1280]) {
      const { page } = await openWith((products) => products.map((product, index) => (index === 0 ? { ...product, name: LONG_NAME } : product)), width);
      await settled(page);
      const name = page.locator('storefront-products .card .name').first();
      const box = await name.evaluate((node) => {
        const style = getComputedStyle(node);
        return { height: node.getBoundingClientRect().height, lineHeight: parseFloat(style.lineHeight), clipped: node.scrollHeight > node.clientHeight + 1 };
      });
      expect(box.height).toBeLessThanOrEqual(3 * box.lineHeight + 1);
      expect(box.clipped).toBe(true);
      // the whole name for a screen reader, and the link is still the whole card (Tab reaches it)
      expect(await page.getByRole('link', { name: `${LONG_NAME} (opens in a new tab)` }).count()).toBe(1);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `widget-long-name-${width}.png`), fullPage: true });
    }
  });
});

describe('widget.js and the shopper’s own text size', () => {
  it('follows the text size the shopper set in the browser (“Very large”, 24 px), as the host page’s text does, not a fixed 16 px; on a phone its cards widen for it, names not cut short', async () => {
    const larger = (page: Page) => page.context().newCDPSession(page).then((cdp) => cdp.send('Page.setFontSizes', { fontSizes: { standard: 24 } }));
    const { page } = await openWith((products) => products, 360, larger);
    await settled(page);
    const sizes = await page.evaluate(() => {
      const root = document.querySelector('storefront-products')!.shadowRoot!;
      const size = (node: Element) => getComputedStyle(node).fontSize;
      return { page: size(document.body), name: size(root.querySelector('.name')!), price: size(root.querySelector('.price')!) };
    });
    expect(sizes).toEqual({ page: '24px', name: '24px', price: '24px' });
    // wider cards for the larger words (one column here), so that ordinary names are not cut short;
    // no card wider than the screen
    const names = page.locator('storefront-products .grid .name');
    expect(await names.count()).toBe(LIMIT);
    expect(await names.evaluateAll((nodes) => nodes.filter((node) => node.scrollHeight > node.clientHeight + 1).map((node) => node.textContent))).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    // the viewport only: a full-page screenshot resets the text size Page.setFontSizes set
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'widget-text-24px-360.png') });
  });
});

describe('widget.js moved by the host page’s own script', () => {
  it('keeps showing its products where a host moves the element (a tab, a carousel, a framework’s re-render): no placeholder cards again, no second request', async () => {
    const { page } = await e2e.open({ width: 1280 });
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${e2e.env.store.origin}/api/`)) asked.push(request.url());
    });
    await page.goto(`${host.url}page.html`);
    await settled(page);
    // the move and what the widget shows after it, in one turn of the page (a reload would have drawn its placeholder by then)
    const after = await page.evaluate(async () => {
      const widget = document.querySelector('storefront-products')!;
      const tab = document.createElement('section');
      document.body.prepend(tab);
      tab.append(widget);
      await new Promise((resolve) => setTimeout(resolve, 0));
      return { placeholder: widget.shadowRoot!.querySelector('.skeleton') !== null, cards: widget.shadowRoot!.querySelectorAll('.card').length };
    });
    expect(after).toEqual({ placeholder: false, cards: LIMIT });
    expect(asked).toHaveLength(1);
  });
});

describe('widget.js on a page that is not in UTF-8', () => {
  it('names its list right for a screen reader (Products matching “mug”, not â€œmugâ€) on a windows-1252 page whose server sends widget.js without a charset (nginx’s and Apache’s default)', async () => {
    // A site's own old server: its page in windows-1252, and widget.js (the build's bytes) as text/javascript, no charset.
    const widget = await readFile(join(BUILD_DIR, 'widget.js'));
    const legacy = createServer((request, response) => {
      if (request.url === '/widget.js') return response.writeHead(200, { 'content-type': 'text/javascript' }).end(widget);
      const html = `<!doctype html><html lang="en"><head><meta charset="windows-1252"><title>Caf\u00e9 notes</title></head><body>
<h1>Caf\u00e9 notes</h1>
<storefront-products api-base="${e2e.env.store.origin}" token="${token}" search="mug" limit="4"></storefront-products>
<script src="/widget.js" defer></script></body></html>`;
      response.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' }).end(Buffer.from(html, 'latin1'));
    });
    await new Promise<void>((resolve) => legacy.listen(0, '127.0.0.1', resolve));
    e2e.closeAfterAll(() => new Promise((resolve) => legacy.close(resolve)));
    const { page } = await e2e.open({ width: 1280 });
    await page.goto(`http://127.0.0.1:${(legacy.address() as AddressInfo).port}/`);
    expect(await page.evaluate(() => document.characterSet)).toBe('windows-1252');
    await page.locator('storefront-products .grid:not(.skeleton) .card').first().waitFor();
    expect(await page.locator('storefront-products .grid').getAttribute('aria-label')).toBe('Products matching “mug”');
    expect(await page.getByRole('list', { name: 'Products matching “mug”', exact: true }).count()).toBe(1);
  });
});

describe('widget.js, two on one page asking the same', () => {
  /** Product names of the widget `id` (its links' own text, without "opens in a new tab"). */
  const names = (page: Page, id: string): Promise<string[]> =>
    page.locator(`#${id}`).evaluate((element) => [...(element.shadowRoot?.querySelectorAll('.name a') ?? [])].map((link) => link.firstChild?.textContent ?? ''));

  it('share one request to the store; a widget added later asking the same is shown those products without one; another limit asks on its own (360 and 1280 px)', async () => {
    for (const width of [360, 1280]) {
      const before = e2e.env.store.traffic.apiRequestsWith(sharedToken);
      const { page } = await e2e.open({ width, height: 900 });
      await page.goto(`${host.url}two.html`);
      await expect.poll(() => names(page, 'second').then((shown) => shown.length), { timeout: 15_000 }).toBe(4);
      expect(await names(page, 'first')).toEqual(await names(page, 'second'));
      expect(e2e.env.store.traffic.apiRequestsWith(sharedToken) - before).toBe(1);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `widget-two-on-a-page-${width}.png`), fullPage: true });

      const shown = await names(page, 'first');
      await page.evaluate(() => {
        const later = document.querySelector('#first')!.cloneNode(false) as HTMLElement;
        later.id = 'later';
        const fewer = document.querySelector('#first')!.cloneNode(false) as HTMLElement;
        fewer.id = 'fewer';
        fewer.setAttribute('limit', '2');
        document.body.append(later, fewer);
      });
      await expect.poll(() => names(page, 'fewer').then((names) => names.length), { timeout: 15_000 }).toBe(2);
      expect(await names(page, 'later')).toEqual(shown);
      expect(e2e.env.store.traffic.apiRequestsWith(sharedToken) - before).toBe(2);
    }
  });

  it('a failure reaches both (each shows the unavailable line and Try again) and is not kept: Try again asks the store again, and the other’s Try again then shows those products', async () => {
    const { page } = await e2e.open({ width: 1280, height: 900 });
    let fail = true;
    let refused = 0;
    await page.route(
      (url) => url.origin === e2e.env.store.origin && url.pathname === '/api/v1/products',
      (route) => {
        if (!fail || route.request().method() !== 'GET') return route.continue();
        refused++;
        return route.abort('connectionrefused');
      },
    );
    await page.goto(`${host.url}two-failing.html`);
    const retry = (id: string) => page.locator(`#${id}`).getByRole('button', { name: 'Try again' });
    await retry('first').waitFor();
    await retry('second').waitFor();
    expect(await page.locator('#second [role="alert"]').textContent()).toMatch(/^Products are unavailable right now\./);
    expect(await page.getByRole('link', { name: FALLBACK }).count()).toBe(2);
    expect(refused).toBe(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'widget-two-on-a-page-failed.png'), fullPage: true });

    fail = false;
    await retry('first').click();
    await expect.poll(() => names(page, 'first').then((shown) => shown.length), { timeout: 15_000 }).toBe(4);
    expect(e2e.env.store.traffic.apiRequestsWith(failingToken)).toBe(1);
    // the other still says what it met until its own Try again, which the products just fetched answer
    expect(await retry('second').count()).toBe(1);
    await retry('second').click();
    await expect.poll(() => names(page, 'second').then((shown) => shown.length), { timeout: 15_000 }).toBe(4);
    expect(await names(page, 'second')).toEqual(await names(page, 'first'));
    expect(e2e.env.store.traffic.apiRequestsWith(failingToken)).toBe(1);
    expect(refused).toBe(1);
  });
});
