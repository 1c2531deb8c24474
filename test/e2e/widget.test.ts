/**
 * The widget as a stranger's web page uses it: dist/widget.js loaded from the app's (CDN) origin
 * into a page on another origin with a strict CSP of its own, reading a demo store on a third.
 * Also: a hostile host stylesheet, hostile products, a bad token, no globals, and the app's Embed
 * screen writing a snippet that works when pasted.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { axeAudit } from '../helpers/axe.ts';
import type { ConsoleLog } from '../helpers/browser.ts';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { BUILD_DIR, SCREENSHOT_DIR } from '../helpers/paths.ts';
import { startStaticServer, strictHostCsp, type StaticServer } from '../helpers/static-server.ts';
import { STORE_NAME, connectThroughConsent, grantFromOrders } from '../helpers/e2e-app.ts';
import { startWidgetHost, storefrontToken } from '../helpers/widget-host.ts';
import { appHeaders, WIDGET_HEADERS } from '../deploy/csp.ts';

let host: StaticServer;
let hostRoot: string;
let token: string;
let context: BrowserContext | undefined;

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * A host page: its own stylesheet(s), the element, then the script from the app's origin: the
 * classic script the Embed screen writes, or (`module`) the older `type="module"` form.
 */
function hostPage(attributes: Record<string, string>, stylesheets: string[] = ['host.css'], withWidget: boolean | 'module' = true, inside = ''): string {
  const attrs = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeAttr(value)}"`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A shop's blog</title>
${stylesheets.map((href) => `<link rel="stylesheet" href="${href}">`).join('\n')}
</head><body>
<h1>Our favourite things</h1>
<p>Some text of the host page before the products.</p>
<div class="wrap"><storefront-products${attrs}>${inside}</storefront-products></div>
<p>And after.</p>
${withWidget === 'module' ? `<script type="module" src="${e2e.env.app.url}widget.js"></script>` : withWidget ? `<script src="${e2e.env.app.url}widget.js" defer></script>` : ''}
</body></html>`;
}

const HOST_CSS = `body { margin: 0; padding: 24px; background: #fafafa; }
.wrap { width: 960px; }`;

/** What careless or hostile site CSS does to everything it can reach. */
const HOSTILE_CSS = `* { display: inline !important; font-size: 2px !important; color: red !important;
  line-height: 0 !important; letter-spacing: 6px !important; font-family: cursive !important;
  text-transform: uppercase !important; width: 10px !important; height: 10px !important;
  opacity: 0.3 !important; transform: rotate(8deg) scale(0.5) !important; float: right !important;
  filter: blur(2px) !important; box-sizing: content-box !important; overflow: hidden !important; }
html, body { display: block !important; width: auto !important; height: auto !important; overflow: visible !important;
  transform: none !important; opacity: 1 !important; filter: none !important; float: none !important; }
.wrap { display: block !important; width: 960px !important; height: auto !important; overflow: visible !important;
  transform: none !important; opacity: 1 !important; filter: none !important; float: none !important; }
storefront-products, storefront-products * { display: none !important; color: red !important; }
storefront-products::before { content: "HACKED BEFORE" !important; display: block !important; font-size: 40px !important; }
storefront-products::after { content: "HACKED AFTER" !important; display: block !important; }
ul, li, p, a, img, div, s { display: none !important; margin: 50px !important; padding: 30px !important; list-style: disc !important; }
:root { font-size: 3px !important; --unrelated: 1; }`;

const CATEGORY = 'Home & Kitchen';
const LAYOUT_ATTRIBUTES = () => ({ 'api-base': e2e.env.store.origin, token, category: CATEGORY, limit: '8', columns: '4' });

const e2e = useE2e({ app: { store: { hostileProducts: true } } });

beforeAll(async () => {
  // The deployment's headers as `npm run csp` derives them from this config.json, plus widget.js's.
  e2e.env.app.setHeaders({ ...appHeaders({ stores: e2e.env.stores }), ...WIDGET_HEADERS });
  token = await storefrontToken(e2e, 'widget-e2e');
  // The embedding site's own strict CSP: scripts only from the app's origin, no inline styles.
  ({ host, root: hostRoot } = await startWidgetHost(e2e, 'widget-host-'));
  host.setOverride('host.css', HOST_CSS);
  host.setOverride('hostile.css', HOSTILE_CSS);
  host.setOverride('clean.html', () => hostPage(LAYOUT_ATTRIBUTES()));
  host.setOverride('hostile.html', () => hostPage(LAYOUT_ATTRIBUTES(), ['host.css', 'hostile.css']));
  host.setOverride('hostile-products.html', () => hostPage({ 'api-base': e2e.env.store.origin, token, category: 'Hostile', limit: '12' }));
  host.setOverride('bad-token.html', () =>
    hostPage({ 'api-base': e2e.env.store.origin, token: 'not-a-token-the-store-knows' }, ['host.css'], true, `<a href="${e2e.env.store.origin}/">See our products at ${STORE_NAME}</a>`),
  );
  host.setOverride('shopify.html', () => hostPage({ kind: 'shopify', 'api-base': e2e.env.store.origin, token }, ['host.css'], true, `<a href="${e2e.env.store.origin}/">See our products at ${STORE_NAME}</a>`));
  host.setOverride('module.html', () => hostPage(LAYOUT_ATTRIBUTES(), ['host.css'], 'module'));
  host.setOverride('baseline.html', () => hostPage(LAYOUT_ATTRIBUTES(), ['host.css'], false));
});

interface Opened {
  page: Page;
  log: ConsoleLog;
  /** CSP violations the page reported (directive + blocked URL). */
  violations: string[];
  /** Every request the page made: URL and Authorization header. */
  requests: { url: string; authorization: string | undefined }[];
  dialogs: string[];
}

async function open(url: string, before?: (page: Page) => Promise<unknown>): Promise<Opened> {
  const opened = await e2e.open();
  context = opened.context;
  const { page } = opened;
  await before?.(page);
  const result: Opened = { page, log: opened.console, violations: [], requests: [], dialogs: [] };
  await page.exposeFunction('__reportViolation', (text: string) => result.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportViolation: (text: string) => void }).__reportViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on('request', (request) => result.requests.push({ url: request.url(), authorization: request.headers()['authorization'] }));
  page.on('dialog', (dialog) => {
    result.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(url);
  return result;
}

interface CardBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The cards' boxes relative to the widget's own box, and the styles that show what won. */
async function measureWidget(page: Page): Promise<{ host: CardBox; cards: CardBox[]; nameStyle: Record<string, string>; hostDisplay: string }> {
  return page.locator('storefront-products').evaluate((element) => {
    const root = element.shadowRoot;
    if (!root) throw new Error('no shadow root');
    const hostBox = element.getBoundingClientRect();
    const cards = [...root.querySelectorAll('.card')].map((card) => {
      const box = card.getBoundingClientRect();
      return { x: Math.round(box.x - hostBox.x), y: Math.round(box.y - hostBox.y), width: Math.round(box.width), height: Math.round(box.height) };
    });
    const name = root.querySelector('.name');
    const style = name ? getComputedStyle(name) : undefined;
    return {
      host: { x: 0, y: 0, width: Math.round(hostBox.width), height: Math.round(hostBox.height) },
      cards,
      nameStyle: {
        fontSize: style?.fontSize ?? '',
        color: style?.color ?? '',
        letterSpacing: style?.letterSpacing ?? '',
        textTransform: style?.textTransform ?? '',
        display: style?.display ?? '',
      },
      hostDisplay: getComputedStyle(element).display,
    };
  });
}

describe('widget.js on another site', () => {
  it('shows the store’s products under the host page’s strict CSP, with the token in the header only', async () => {
    const { page, violations, requests, log } = await open(`${host.url}clean.html`);
    const cards = page.locator('storefront-products .card');
    await expect.poll(() => cards.count()).toBe(8);
    await expect.poll(() => page.locator('storefront-products img').first().evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

    const apiCalls = requests.filter((r) => r.url.startsWith(`${e2e.env.store.origin}/api/`));
    expect(apiCalls).toHaveLength(1);
    expect(apiCalls[0]?.authorization).toBe(`Bearer ${token}`);
    const apiUrl = new URL(apiCalls[0]?.url ?? '');
    expect(apiUrl.searchParams.get('category')).toBe(CATEGORY);
    expect(apiUrl.searchParams.get('count')).toBe('8');
    for (const request of requests) expect(request.url).not.toContain(token);
    expect(log.lines.join('\n')).not.toContain(token);

    const { cards: boxes, nameStyle } = await measureWidget(page);
    // Four columns of equal width: the constructed stylesheet applied despite style-src 'self'.
    expect(new Set(boxes.map((b) => b.x)).size).toBe(4);
    expect(new Set(boxes.map((b) => b.width)).size).toBe(1);
    expect(boxes[0]?.width).toBeGreaterThan(180);
    expect(nameStyle.fontSize).toBe('16px');
    expect(await page.locator('storefront-products .card').first().evaluate((card) => getComputedStyle(card).borderTopLeftRadius)).toBe('8px');
    // Square pictures whatever the images' own shapes (800x600, 600x800...): cards in a row line up.
    const media = await page.locator('storefront-products .media').evaluateAll((boxes) => boxes.map((box) => [Math.round(box.getBoundingClientRect().width), Math.round(box.getBoundingClientRect().height)]));
    for (const [width, height] of media) expect(height).toBe(width);

    // Nothing outside the shadow root: no light-DOM children, nothing added to <head>.
    expect(await page.locator('storefront-products').evaluate((element) => element.childNodes.length)).toBe(0);
    expect(await page.evaluate(() => document.head.querySelectorAll('style, link:not([rel="stylesheet"]), script').length)).toBe(0);
    expect(violations).toEqual([]);
    expect(log.lines.filter((line) => line.startsWith('pageerror'))).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'widget-clean-host.png'), fullPage: true });
  });

  it('where the store’s pictures will not load (gone from its server), each card shows the "no picture" mark, not a broken image', async () => {
    const { page } = await open(`${host.url}clean.html`, (page) =>
      page.route((url) => url.origin === e2e.env.store.origin && url.pathname.startsWith('/images/'), (route) => route.fulfill({ status: 404, body: 'Not found' })),
    );
    const cards = page.locator('storefront-products .card');
    await expect.poll(() => cards.count()).toBe(8);
    await expect.poll(() => page.locator('storefront-products .media.none').count()).toBe(8);
    expect(await page.locator('storefront-products img').count()).toBe(0);
    expect(await page.locator('storefront-products .media').first().textContent()).toBe('No picture');
  });

  it('fits a phone: columns="4" becomes two columns of readable cards', async () => {
    const opened = await e2e.open({ width: 390, height: 844 });
    host.setOverride('phone.html', () => hostPage(LAYOUT_ATTRIBUTES(), ['phone.css']));
    host.setOverride('phone.css', 'body { margin: 0; padding: 12px; }');
    await opened.page.goto(`${host.url}phone.html`);
    await expect.poll(() => opened.page.locator('storefront-products .card').count()).toBe(8);
    const { cards } = await measureWidget(opened.page);
    expect(new Set(cards.map((b) => b.x)).size).toBe(2);
    expect(Math.min(...cards.map((b) => b.width))).toBeGreaterThanOrEqual(140);
    await opened.page.screenshot({ path: join(SCREENSHOT_DIR, 'widget-phone.png') });
  });

  it('fits a phone with no columns attribute (a 294 px widget too, as in the Embed screen’s preview): two columns, not one tall one; a wide page keeps cards of 180 px or more', async () => {
    const { columns: _none, ...attributes } = LAYOUT_ATTRIBUTES();
    host.setOverride('phone-auto.html', () => hostPage(attributes, ['phone.css']));
    host.setOverride('phone.css', 'body { margin: 0; padding: 12px; }');
    for (const [width, fewest, narrowest] of [[318, 2, 128], [360, 2, 140], [1280, 5, 180]] as const) {
      const opened = await e2e.open({ width, height: 800 });
      await opened.page.goto(`${host.url}phone-auto.html`);
      await expect.poll(() => opened.page.locator('storefront-products .card').count()).toBe(8);
      const { cards } = await measureWidget(opened.page);
      expect(new Set(cards.map((b) => b.x)).size).toBeGreaterThanOrEqual(fewest);
      expect(Math.min(...cards.map((b) => b.width))).toBeGreaterThanOrEqual(narrowest);
      if (width === 360) await opened.page.screenshot({ path: join(SCREENSHOT_DIR, 'widget-phone-auto.png') });
    }
  });

  it('in a flex row beside a sidebar (a site’s usual layout) fills the rest of the row, not the width of two cards; on a phone, where the row stacks, the whole width', async () => {
    const { columns: _none, ...attributes } = LAYOUT_ATTRIBUTES();
    host.setOverride('flex-row.html', () => hostPage(attributes, ['flex-row.css']));
    host.setOverride(
      'flex-row.css',
      `body { margin: 0; padding: 24px; } .wrap { display: flex; gap: 24px; }
.wrap::before { content: ""; flex: 0 0 240px; min-height: 120px; background: #e4e4e4; }
@media (max-width: 600px) { body { padding: 12px; } .wrap { flex-direction: column; } .wrap::before { flex-basis: 48px; min-height: 0; } }`,
    );
    for (const [width, fewest] of [[1280, 4], [360, 2]] as const) {
      const opened = await e2e.open({ width, height: 800 });
      await opened.page.goto(`${host.url}flex-row.html`);
      await expect.poll(() => opened.page.locator('storefront-products .card').count()).toBe(8);
      const { host: box, cards } = await measureWidget(opened.page);
      // The row's width less the sidebar and the gap (in a stacked column: the row's width).
      const rest = await opened.page.locator('.wrap').evaluate((row) => {
        const style = getComputedStyle(row);
        const sidebar = getComputedStyle(row, '::before');
        return style.flexDirection === 'row' ? row.clientWidth - parseFloat(sidebar.width) - parseFloat(style.columnGap) : row.clientWidth;
      });
      expect(Math.abs(box.width - rest)).toBeLessThanOrEqual(1);
      expect(new Set(cards.map((b) => b.x)).size).toBeGreaterThanOrEqual(fewest);
      await opened.page.screenshot({ path: join(SCREENSHOT_DIR, `widget-flex-row-${width}.png`), fullPage: true });
    }
  });

  it('keeps its layout under a hostile host stylesheet', async () => {
    const clean = await open(`${host.url}clean.html`);
    await expect.poll(() => clean.page.locator('storefront-products .card').count()).toBe(8);
    const reference = await measureWidget(clean.page);
    await context?.close();

    const { page, violations } = await open(`${host.url}hostile.html`);
    await expect.poll(() => page.locator('storefront-products .card').count()).toBe(8);
    const hostile = await measureWidget(page);

    expect(hostile.hostDisplay).toBe('block');
    expect(hostile.cards).toEqual(reference.cards);
    expect(hostile.host.width).toBe(reference.host.width);
    expect(hostile.nameStyle).toEqual(reference.nameStyle);
    expect(hostile.nameStyle.color).not.toBe('rgb(255, 0, 0)');
    // The page's ::before / ::after on the element generate nothing.
    const pseudo = await page.locator('storefront-products').evaluate((element) => [getComputedStyle(element, '::before').content, getComputedStyle(element, '::after').content]);
    expect(pseudo).toEqual(['none', 'none']);
    expect(violations).toEqual([]);
    await page.locator('storefront-products').screenshot({ path: join(SCREENSHOT_DIR, 'widget-hostile-host.png') });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'widget-hostile-host-page.png'), fullPage: true });
  });

  it('renders hostile products inert: text stays text, no script runs, no javascript: or data: URL', async () => {
    const { page, dialogs, violations } = await open(`${host.url}hostile-products.html`);
    await expect.poll(() => page.locator('storefront-products .card').count()).toBe(6);
    const names = await page.locator('storefront-products .name').allTextContents();
    expect(names.some((name) => name.includes('<img src=x onerror=alert("xss-name")>'))).toBe(true);
    expect(names.some((name) => name.includes('<svg onload=alert("xss-svg-name")>'))).toBe(true);
    const inside = await page.locator('storefront-products').evaluate((element) => {
      const root = element.shadowRoot!;
      return {
        scripts: root.querySelectorAll('script, iframe, object, embed, svg, style').length,
        hrefs: [...root.querySelectorAll('[href]')].map((a) => a.getAttribute('href') ?? ''),
        srcs: [...root.querySelectorAll('[src]')].map((a) => a.getAttribute('src') ?? ''),
        handlers: [...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
      };
    });
    expect(inside.scripts).toBe(0);
    expect(inside.handlers).toEqual([]);
    for (const url of [...inside.hrefs, ...inside.srcs]) expect(url).toMatch(/^https?:\/\//);
    // Give any payload a moment to fire, then check none did.
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(violations).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'widget-hostile-products.png'), fullPage: true });
  });

  it('passes axe (WCAG 2.1 AA) inside its shadow root, with a keyboard-visible focus on each product', async () => {
    const { page } = await open(`${host.url}clean.html`);
    await expect.poll(() => page.locator('storefront-products .card').count()).toBe(8);
    const results = await axeAudit(page, 'storefront-products');
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(0);
    // The list is named, and Tab reaches the first product link with an outline drawn around its card.
    expect(await page.getByRole('list', { name: `Products in ${CATEGORY}` }).count()).toBe(1);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const active = document.activeElement?.shadowRoot?.activeElement;
      return active ? { tag: active.tagName, outline: getComputedStyle(active, '::after').outlineStyle } : null;
    });
    expect(focused).toEqual({ tag: 'A', outline: 'solid' });
  });

  it('follows the page’s colour scheme: dark cards where the page declares a dark scheme and the visitor prefers dark (axe passes), light where it declares none; the theme’s colours still win', async () => {
    /** The page's own declaration of the schemes it supports (none: light only, as browsers take it). */
    const schemePage = (name: string, declared: boolean, stylesheets: string[] = ['host.css']) =>
      host.setOverride(name, () =>
        hostPage(LAYOUT_ATTRIBUTES(), stylesheets).replace('<meta charset="utf-8">', `<meta charset="utf-8">${declared ? '<meta name="color-scheme" content="light dark">' : ''}`),
      );
    schemePage('scheme-declared.html', true);
    schemePage('scheme-none.html', false);
    schemePage('scheme-themed.html', true, ['host.css', 'themed.css']);
    host.setOverride('themed.css', 'storefront-products { --sc-card-bg: #fdf6ec; --sc-fg: #2b2118; --sc-accent: #8a3b12; }');
    /** The colours a visitor sees on the first card: its background, its name, its price. */
    const colours = async (path: string, colorScheme: 'light' | 'dark') => {
      const { page } = await e2e.open({ colorScheme });
      await page.goto(`${host.url}${path}`);
      await expect.poll(() => page.locator('storefront-products .card').count()).toBe(8);
      const seen = await page.locator('storefront-products').evaluate((element) => {
        const root = element.shadowRoot!;
        const style = (selector: string) => getComputedStyle(root.querySelector(selector)!);
        return { card: style('.card').backgroundColor, name: style('.name').color, price: style('.price').color };
      });
      return { page, seen };
    };
    const LIGHT = { card: 'rgb(255, 255, 255)', name: 'rgb(27, 31, 36)', price: 'rgb(11, 87, 208)' };

    const dark = await colours('scheme-declared.html', 'dark');
    expect(dark.seen).toEqual({ card: 'rgb(27, 31, 36)', name: 'rgb(255, 255, 255)', price: 'rgb(136, 187, 255)' });
    const results = await axeAudit(dark.page, 'storefront-products');
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    await dark.page.screenshot({ path: join(SCREENSHOT_DIR, 'widget-dark-host.png'), fullPage: true });

    expect((await colours('scheme-declared.html', 'light')).seen).toEqual(LIGHT);
    // A page that says nothing of dark stays light, whatever the visitor prefers: no dark cards on a white page.
    expect((await colours('scheme-none.html', 'dark')).seen).toEqual(LIGHT);
    expect((await colours('scheme-themed.html', 'dark')).seen).toEqual({ card: 'rgb(253, 246, 236)', name: 'rgb(43, 33, 24)', price: 'rgb(138, 59, 18)' });
  });

  it('when the store refuses the token, visitors see a neutral line and the snippet’s link to the store; the site owner reads why in the console', async () => {
    const { page, log } = await open(`${host.url}bad-token.html`);
    const alert = page.locator('storefront-products [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Products are unavailable right now.');
    const fallback = page.getByRole('link', { name: `See our products at ${STORE_NAME}` });
    expect(await fallback.isVisible()).toBe(true);
    expect(await fallback.getAttribute('href')).toBe(`${e2e.env.store.origin}/`);
    await expect.poll(() => log.lines.join('\n')).toMatch(/<storefront-products>: the store did not accept the token/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'widget-unavailable.png'), fullPage: true });
  });

  it('when the host page’s own CSP leaves the store out of connect-src, the site owner’s console line names it (never the token); visitors see the neutral line', async () => {
    // A second policy in the page (both apply): connect-src 'self' refuses the store.
    host.setOverride('csp-blocks.html', () =>
      hostPage(LAYOUT_ATTRIBUTES()).replace('<meta charset="utf-8">', `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="connect-src 'self'">`),
    );
    const { page, log, violations, requests } = await open(`${host.url}csp-blocks.html`);
    const alert = page.locator('storefront-products [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^Products are unavailable right now\./);
    await expect.poll(() => log.lines.join('\n')).toContain('<storefront-products>: the store could not be reached (offline, wrong api-base, CORS, or CSP connect-src).');
    expect(violations.some((text) => text.startsWith('connect-src') && text.includes(e2e.env.store.origin))).toBe(true);
    // Refused before it left: nothing reached the store, and no line carries the token.
    expect(requests.filter((request) => request.url.startsWith(`${e2e.env.store.origin}/api/`))).toEqual([]);
    expect(log.lines.join('\n')).not.toContain(token);
  });

  it('Try again from the keyboard keeps focus in the widget, not dropped to the page’s body: the next Tab reaches its first product; inside a form of the page it submits nothing', async () => {
    host.setOverride('retry.html', () =>
      hostPage(LAYOUT_ATTRIBUTES())
        .replace('<h1>', '<nav><a href="#menu">Menu</a></nav><h1>')
        .replace('<div class="wrap">', '<form action="submitted.html"><div class="wrap">')
        .replace('</storefront-products></div>', '</storefront-products></div></form>'),
    );
    let fail = true;
    const { page } = await open(`${host.url}retry.html`, (page) =>
      page.route((url) => url.origin === e2e.env.store.origin && url.pathname.startsWith('/api/'), (route) => (fail ? route.abort('connectionrefused') : route.continue())),
    );
    const retry = page.locator('storefront-products').getByRole('button', { name: 'Try again' });
    await retry.waitFor();
    fail = false;
    // Tab: the page's Menu link, then Try again; Enter presses it
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await retry.evaluate((button) => button.getRootNode() instanceof ShadowRoot && (button.getRootNode() as ShadowRoot).activeElement === button)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('storefront-products .card').count()).toBe(8);
    // the pressed button is gone: focus is on the widget, not dropped to the page's body (a screen reader would start over from there)
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('STOREFRONT-PRODUCTS');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'widget-after-retry.png') });
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const active = document.activeElement?.shadowRoot?.activeElement ?? document.activeElement;
      return `${active?.tagName} ${active?.textContent ?? ''}`;
    });
    const firstName = await page.locator('storefront-products .card a').first().textContent();
    expect(focused).toBe(`A ${firstName}`);
    expect(new URL(page.url()).pathname).toBe('/retry.html');
  });

  it('kind="shopify": the console says the kind is unknown and names the two it reads (never the token); no request, no Try again, the fallback link', async () => {
    const { page, log, requests } = await open(`${host.url}shopify.html`);
    const alert = page.locator('storefront-products [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Products are unavailable right now.');
    expect(await page.getByRole('link', { name: `See our products at ${STORE_NAME}` }).isVisible()).toBe(true);
    await expect.poll(() => log.lines.join('\n')).toContain('<storefront-products>: kind must be goodsie or shopware6.');
    expect(log.lines.join('\n')).not.toMatch(/could not be loaded/);
    expect(log.lines.join('\n')).not.toContain(token);
    expect(await page.locator('storefront-products button').count()).toBe(0);
    expect(requests.filter((r) => r.url.startsWith(e2e.env.store.origin))).toEqual([]);
  });

  it('still works as a module script (older snippets), where widget.js is sent with CORS', async () => {
    const { page, violations } = await open(`${host.url}module.html`);
    await expect.poll(() => page.locator('storefront-products .card').count()).toBe(8);
    expect(violations).toEqual([]);
  });

  it('needs nothing more of the host’s CSP than docs/deployment.md says: under style-src \'none\' and Trusted Types enforced, the products show, styled, with no violation', async () => {
    const strictest = await startStaticServer({ root: hostRoot, basePath: '/' });
    e2e.closeAfterAll(() => strictest.close());
    const { 'content-security-policy': csp = '' } = strictHostCsp(e2e.env.app.origin, e2e.env.store.origin);
    strictest.setHeaders({ 'content-security-policy': `${csp.replace("style-src 'self'", "style-src 'none'")}; require-trusted-types-for 'script'; trusted-types 'none'` });
    strictest.setOverride('page.html', () => hostPage(LAYOUT_ATTRIBUTES(), []));
    const { page, violations, log } = await open(`${strictest.url}page.html`);
    await expect.poll(() => page.locator('storefront-products .card').count()).toBe(8);
    const { cards } = await measureWidget(page);
    expect(new Set(cards.map((box) => box.x)).size).toBe(4); // the constructed stylesheet applied
    expect(violations).toEqual([]);
    expect(log.lines.filter((line) => /pageerror|Content Security Policy|Trusted Type/i.test(line))).toEqual([]);
  });

  it('adds no global besides the element registration', async () => {
    const before = await open(`${host.url}baseline.html`);
    const baseline = await before.page.evaluate(() => Object.getOwnPropertyNames(window));
    await context?.close();
    const { page } = await open(`${host.url}clean.html`);
    await expect.poll(() => page.locator('storefront-products .card').count()).toBe(8);
    const after = await page.evaluate(() => Object.getOwnPropertyNames(window));
    expect(after.filter((name) => !baseline.includes(name) && name !== '__reportViolation')).toEqual([]);
    expect(await page.evaluate(() => customElements.get('storefront-products') !== undefined)).toBe(true);
  });
});

describe('the app’s Embed screen', () => {
  it('writes a snippet that works pasted into a page on another origin, with the app on a plain static server sending no CORS header', async () => {
    // A plain static host: the deployment's page headers, nothing for widget.js.
    e2e.env.app.setHeaders(appHeaders({ stores: e2e.env.stores }));
    const { page, violations } = await open(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.goto(`${e2e.env.app.url}#/s/demo/embed`);
    const box = page.getByRole('textbox', { name: 'Snippet' });
    await box.waitFor();
    const category = page.getByRole('combobox', { name: 'Category' });
    await expect.poll(() => category.locator('option', { hasText: CATEGORY }).count()).toBe(1);
    await category.selectOption(CATEGORY);
    await page.getByRole('combobox', { name: 'Columns' }).selectOption('4');
    await page.getByRole('spinbutton', { name: 'How many' }).fill('8');
    await expect.poll(() => box.inputValue()).toContain('columns="4"');
    const snippet = await box.inputValue();
    // the box shows the whole snippet, its closing tag too: none of it hides below the box's edge
    expect(snippet.split('\n')).toHaveLength(10);
    expect(await box.evaluate((textarea) => textarea.scrollHeight <= textarea.clientHeight)).toBe(true);
    expect(snippet).toContain(`<script src="${e2e.env.app.url}widget.js" defer></script>`);
    // Unpinned because this host sends no CORS on widget/: the screen says so and what would pin it,
    // folded away for whoever runs the site (the merchant only pastes the snippet).
    const unpinned = page.getByText(/without an integrity pin: pinning needs this site’s host to send\s+Access-Control-Allow-Origin: \*/);
    await page.getByText('For whoever runs this site').waitFor();
    expect(await unpinned.isVisible()).toBe(false);
    await page.getByText('For whoever runs this site').click();
    await unpinned.waitFor();
    expect(snippet).toContain(`api-base="${e2e.env.store.origin}"`);
    expect(snippet).toContain(`<a href="${e2e.env.store.origin}/">See our products at ${STORE_NAME}</a>`);

    // The live preview runs the real widget.js under the app's own CSP.
    await expect.poll(() => page.locator('storefront-products .card').count()).toBe(8);
    expect(violations).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'embed-screen.png'), fullPage: true });

    host.setOverride('pasted.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pasted</title><link rel="stylesheet" href="host.css"></head><body><div class="wrap">${snippet}</div></body></html>`);
    await context?.close();
    const pasted = await open(`${host.url}pasted.html`);
    await expect.poll(() => pasted.page.locator('storefront-products .card').count()).toBe(8);
    expect(pasted.violations).toEqual([]);
    // widget.js came without any CORS header: a classic script needs none.
    const script = await pasted.page.request.get(`${e2e.env.app.url}widget.js`);
    expect(script.headers()['access-control-allow-origin']).toBeUndefined();
    // Every card links to the product's page on the store, in a new tab, with no referrer.
    const link = pasted.page.locator('storefront-products .card a').first();
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^${e2e.env.store.origin}/products/`));
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    await pasted.page.screenshot({ path: join(SCREENSHOT_DIR, 'widget-pasted-plain-host.png'), fullPage: true });
    e2e.env.app.setHeaders({ ...appHeaders({ stores: e2e.env.stores }), ...WIDGET_HEADERS });
  });

  it('with the shipped headers (CORS on the widget files), pins the content-named copy with integrity; a modified bundle is refused', async () => {
    e2e.env.app.setHeaders({ ...appHeaders({ stores: e2e.env.stores }), ...WIDGET_HEADERS });
    const { page } = await open(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.goto(`${e2e.env.app.url}#/s/demo/embed`);
    const box = page.getByRole('textbox', { name: 'Snippet' });
    await box.waitFor();
    const pin = (JSON.parse(await readFile(join(BUILD_DIR, 'widget-integrity.json'), 'utf8')) as Record<string, { file: string; integrity: string }>)['widget.js']!;
    const pinnedBytes = await readFile(join(BUILD_DIR, pin.file));
    expect(pinnedBytes.equals(await readFile(join(BUILD_DIR, 'widget.js')))).toBe(true);
    expect(pin.integrity).toBe(`sha384-${createHash('sha384').update(pinnedBytes).digest('base64')}`);
    await expect.poll(() => box.inputValue()).toContain(`<script src="${e2e.env.app.url}${pin.file}" defer integrity="${pin.integrity}" crossorigin="anonymous"></script>`);
    expect(await page.getByText('without an integrity pin').count()).toBe(0);
    const snippet = await box.inputValue();
    host.setOverride('pinned.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pinned</title></head><body>${snippet}</body></html>`);
    await context?.close();
    const pinned = await open(`${host.url}pinned.html`);
    await expect.poll(() => pinned.page.locator('storefront-products .card').count()).toBeGreaterThan(0);

    // A modified bundle under the pinned name is refused by the browser: no element, no products.
    e2e.env.app.setOverride(pin.file, `${pinnedBytes.toString('utf8')}\n;globalThis.tampered = true;`);
    try {
      await context?.close();
      const tampered = await open(`${host.url}pinned.html`);
      await tampered.page.waitForLoadState('load');
      await expect.poll(() => tampered.log.lines.some((line) => /integrity/i.test(line))).toBe(true);
      expect(await tampered.page.evaluate(() => customElements.get('storefront-products') === undefined)).toBe(true);
      expect(await tampered.page.evaluate(() => (globalThis as { tampered?: boolean }).tampered)).toBeUndefined();
    } finally {
      e2e.env.app.setOverride(pin.file, pinnedBytes.toString('utf8'));
    }
  });

  it('refuses to put a token that can also manage the store into a snippet', async () => {
    const { page, log } = await open(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    // Grant admin from the Orders screen, then open Embed.
    await grantFromOrders(page);
    await page.goto(`${e2e.env.app.url}#/s/demo/embed`);
    try {
      await page.getByRole('heading', { name: /needs its own, show-only access/ }).waitFor({ timeout: 8000 });
    } catch (error) {
      // Keep what the screen showed, for whoever reads the failure.
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'embed-refusal-failure.png'), fullPage: true });
      await writeFile(join(SCREENSHOT_DIR, 'embed-refusal-failure.log'), `${page.url()}\n${log.lines.join('\n')}\n`);
      throw error;
    }
    expect(await page.getByText('Manage the store').count()).toBe(1);
    expect(await page.getByRole('textbox', { name: 'Snippet' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Get show-only access' }).isEnabled()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'embed-refusal.png'), fullPage: true });
  });
});
