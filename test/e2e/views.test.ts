import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { axeAudit } from '../helpers/axe.ts';
import { startStaticServer } from '../helpers/static-server.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { WIDTHS, atBothWidths } from '../helpers/both-widths.ts';

/**
 * Every view, at 360 px and 1280 px, in the light and the dark theme: a screenshot to look at
 * (.test-artifacts/screenshots/) and an axe-core audit that must find no serious or critical
 * violation. Nothing here overflows sideways.
 */
const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart', 'admin'] } });

async function audit(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  const results = await axeAudit(page);
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, name).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
}

const widths = WIDTHS;
const schemes = ['light', 'dark'] as const;

describe('every view', () => {
  // One sign-in and one page for both widths of a theme: each screen loaded once and seen (audited,
  // looked at) at 360 px and at 1280 px. What depends on the width (a screen's audit and sideways
  // scroll, the editor brought into view) is checked at both; what does not (the empty search's
  // Clear, the editor's emptied name, the quantity and the cart's add, a reload of the cart) is done
  // once a theme, at the width the page is at then. The light theme starts at 360 px and the dark one
  // at 1280 px, so that each of those steps is still done at each width, in one theme or the other.
  it.each(schemes)('in the %s theme, at 360 px and at 1280 px wide', async (colorScheme) => {
    const { page, console: log } = await e2e.open({ width: colorScheme === 'light' ? 360 : 1280, height: 800, colorScheme });
    const auditBoth = (name: string) => atBothWidths(page, (width) => audit(page, `${name}-${width}-${colorScheme}`));
    await page.goto(e2e.env.app.url);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await auditBoth('home');

    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(() => page.locator('main ul > li article img').count()).toBeGreaterThan(3);
    await auditBoth('catalog');

    await page.getByRole('searchbox', { name: 'Search' }).fill('zzzz-nothing');
    await page.getByRole('heading', { name: 'No products match “zzzz-nothing”' }).waitFor();
    await page.getByText('Try other words.').waitFor();
    await auditBoth('catalog-empty');
    await page.getByRole('button', { name: 'Clear search', exact: true }).click();
    // the button goes with the empty list: the focus is in the search box, emptied
    expect(await page.getByRole('searchbox', { name: 'Search' }).evaluate((box) => box === document.activeElement && (box as HTMLInputElement).value === '')).toBe(true);

    await page.locator('main ul > li article').nth(1).getByRole('link').click();
    await page.getByRole('form', { name: 'Edit product' }).waitFor();
    await page.getByRole('heading', { name: 'Description' }).waitFor();
    await auditBoth('product');
    // The editor is below the description: "Edit this product" beside the price brings it into view
    // (at each width: from the top of the page, the focus elsewhere).
    const nameField = page.getByRole('form', { name: 'Edit product' }).getByLabel('Name');
    await atBothWidths(page, async () => {
      await page.evaluate(() => {
        (document.activeElement as HTMLElement | null)?.blur();
        scrollTo({ top: 0, behavior: 'instant' });
      });
      await page.getByRole('button', { name: 'Edit this product' }).click();
      await expect.poll(() => nameField.evaluate((field) => field === document.activeElement)).toBe(true);
      expect(await page.getByRole('heading', { name: 'Manage this product' }).evaluate((h) => { const { top, bottom } = h.getBoundingClientRect(); return top >= 0 && bottom <= innerHeight; })).toBe(true);
      expect(await nameField.evaluate((field) => { const { top, bottom } = field.getBoundingClientRect(); return top >= 0 && bottom <= innerHeight; })).toBe(true);
    });
    // An emptied name is said once, by the form ("Enter a name."): Enter in the field (or a click on
    // Save, which only looks disabled) does not also raise the browser's own "Please fill out this
    // field" bubble over it, which Chromium shows for an "invalid" event of a field of the form.
    const name = await nameField.inputValue();
    await nameField.evaluate((field) => field.addEventListener('invalid', () => ((window as unknown as { invalids: number }).invalids = ((window as unknown as { invalids?: number }).invalids ?? 0) + 1)));
    await nameField.fill('');
    await nameField.press('Enter');
    await expect.poll(() => nameField.evaluate((field) => field.getAttribute('aria-invalid'))).toBe('true');
    expect(await page.evaluate(() => (window as unknown as { invalids?: number }).invalids ?? 0)).toBe(0);
    await nameField.fill(name);
    await page.evaluate(() => scrollTo({ top: 0, behavior: 'instant' }));

    const addToCart = page.getByRole('button', { name: 'Add to cart' });
    // an emptied quantity is asked for under the field (the stock known to a manager: 1 to it), not taken as 1
    const quantity = page.getByRole('spinbutton', { name: 'Quantity' });
    let cartPosts = 0;
    page.on('request', (request) => void (request.method() === 'POST' && request.url().includes('/cart/items') && cartPosts++));
    await quantity.fill('');
    await addToCart.click();
    await expect.poll(() => quantity.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#quantity-problem').textContent()).toMatch(/^Enter how many to add, from 1 to \d+\.$/);
    expect(cartPosts).toBe(0);
    await quantity.fill('1');
    await addToCart.click();
    await page.getByRole('link', { name: 'View cart' }).waitFor();
    expect(cartPosts).toBe(1);
    // what the cart holds as the store answered, not the quantity asked for
    await page.getByRole('status').filter({ hasText: /^Your cart now has 1 of this \(1 item in all\)\./ }).waitFor();
    // the button was "Adding…" (aria-disabled) meanwhile: it kept the focus
    expect(await addToCart.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.getByRole('link', { name: 'View cart' }).click();
    await page.getByRole('table').waitFor();
    // Each line's total under "Total" (not "Price", read as one item's price).
    expect(await page.getByRole('columnheader').allInnerTexts()).toEqual(['Product', 'Quantity', 'Total']);
    // The API adds to the cart and reads it, no more: the rest happens on the store's own site.
    const site = page.getByRole('link', { name: 'the store’s website (opens in a new tab) ↗', exact: true });
    expect(new URL((await site.getAttribute('href'))!).origin).toBe(e2e.env.store.origin);
    expect(await site.getAttribute('target')).toBe('_blank');
    expect(await site.evaluate((link) => link.closest('p')?.textContent?.replace(/\s+/g, ' ').trim())).toBe(
      'This app adds to your cart. To change it or check out, continue on the store’s website (opens in a new tab) ↗.',
    );
    await auditBoth('cart');
    // opened by reload (no other screen asked for the store's info first): the link is there too
    await page.reload();
    await page.getByRole('table').waitFor();
    await site.waitFor();

    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('table').waitFor();
    await auditBoth('orders');

    await page.getByRole('link', { name: 'Coupons' }).click();
    await page.locator('main li code').first().waitFor();
    await auditBoth('coupons');

    await page.getByRole('link', { name: 'Embed' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await auditBoth('embed');

    await page.goto(`${e2e.env.app.url}#/s/demo/pages/about`);
    await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Loading' }).waitFor();
    await auditBoth('page');

    // Every view ran under the shipped Content-Security-Policy without a single violation.
    expect(log.lines.filter((line) => /Content Security Policy/i.test(line))).toEqual([]);
  });
});

describe('locked features', () => {
  it('a storefront-only session at 360 px and at 1280 px shows cart and orders locked, each with Grant access', async () => {
    const env = await e2e.startApp();
    const { page } = await e2e.open({ width: 360 });
    await page.goto(env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.getByRole('link', { name: /^Cart/ }).click();
    await page.getByText(/Seeing and filling the cart needs permission/).waitFor();
    await atBothWidths(page, (width) => audit(page, `locked-cart-${width}`));
    // (at 1280 px now: Orders opened from the wide bar, then seen at 360 px)
    await page.getByRole('link', { name: /^Orders/ }).click();
    await page.getByText(/Seeing the store’s orders needs permission/).waitFor();
    await atBothWidths(page, async (width) => {
      expect(await page.getByRole('button', { name: /^Grant access/ }).count()).toBe(1);
      await audit(page, `locked-orders-${width}`);
    });
  });
});

describe('screens that explain a problem', () => {
  it('at 360 px and at 1280 px: a broken config, a declined sign-in, a link to a store not connected, an unknown store', async () => {
    const env = await e2e.startApp();
    const { page } = await e2e.open({ width: 360 });
    // Each screen loaded at one width and seen at both (the widths take turns loading).
    // A link to a product of a store that is not connected asks to connect, and would come back.
    await page.goto(`${env.app.url}#/s/demo/product/1001`);
    await page.getByRole('heading', { name: `${STORE_NAME} is not connected` }).waitFor();
    await atBothWidths(page, (width) => audit(page, `not-connected-${width}`));

    await page.goto(`${env.app.url}#/s/nowhere`);
    await page.getByRole('heading', { name: 'Unknown store' }).waitFor();
    await atBothWidths(page, (width) => audit(page, `unknown-store-${width}`));

    await page.goto(env.app.url);
    await connectThroughConsent(page, STORE_NAME, 'Deny');
    await page.getByRole('heading', { name: `You declined access to ${STORE_NAME}` }).waitFor();
    await atBothWidths(page, (width) => audit(page, `declined-${width}`));

    const broken = JSON.stringify({ stores: [{ ...env.stores[0], apiBase: 'ftp://x' }] });
    env.app.setOverride('config.json', broken);
    await page.goto('about:blank');
    await page.goto(env.app.url);
    await page.getByText('stores[0].apiBase').waitFor();
    await atBothWidths(page, (width) => audit(page, `config-error-${width}`));
  });
});

/**
 * Each live region marked, as it comes onto the page, with what it said then (a11y audit, finding 9:
 * a region drawn already filled, with the rest of a new screen, is not announced). Run before the app.
 */
const MARK_ARRIVALS = `new MutationObserver((records) => {
  for (const node of records.flatMap((r) => [...r.addedNodes])) {
    if (!(node instanceof Element)) continue;
    for (const region of [node, ...node.querySelectorAll('[role="status"]')]) {
      if (region.getAttribute('role') === 'status') region.setAttribute('data-arrived-with', region.textContent.trim());
    }
  }
}).observe(document, { childList: true, subtree: true });`;

describe('an address that is not a page', () => {
  it.each(widths)('at %i px: the stores list says so, in a status that came empty and was filled after (so it is said)', async (width) => {
    const { page } = await e2e.open({ width });
    await page.addInitScript({ content: MARK_ARRIVALS });
    await page.goto(`${e2e.env.app.url}#/no-such-page`);
    await page.getByRole('heading', { name: 'Your stores', level: 1 }).waitFor();
    const words = 'That address is not a page of this app. Here are your stores.';
    const note = page.getByRole('status').filter({ hasText: words });
    await note.waitFor();
    expect(await note.getAttribute('data-arrived-with')).toBe('');
    // Seen whole from the start: the copy people see is there, hidden from screen readers.
    expect(await page.locator('main [aria-hidden="true"]').filter({ hasText: words }).isVisible()).toBe(true);
    await audit(page, `not-a-page-${width}`);
  });
});

describe('the shipped Content-Security-Policy (security case 36)', () => {
  it('blocks an inline script and an inline handler injected into the running app (each string refused as it is set, by Trusted Types), and the browser reports each', async () => {
    const { page, console: log } = await e2e.open();
    await page.goto(e2e.env.app.url);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    const outcome = await page.evaluate(
      () =>
        new Promise<{ ran: boolean; violated: string[] }>((resolve) => {
          const violated: string[] = [];
          document.addEventListener('securitypolicyviolation', (event) => violated.push(event.effectiveDirective));
          // What an injection would add: an inline script element and an inline event handler.
          // Under Trusted Types a string is refused as it is set (a TypeError): the script's text,
          // the handler. A script given its text as a node instead is refused when it would run.
          const script = document.createElement('script');
          try {
            script.textContent = 'window.__injected = true;';
            violated.push('text assigned');
          } catch (error) {
            violated.push((error as Error).name);
          }
          script.append(document.createTextNode('window.__injected = true;'));
          document.body.append(script);
          const image = document.createElement('img');
          try {
            image.setAttribute('onerror', 'window.__injected = true;');
            violated.push('handler set');
          } catch (error) {
            violated.push((error as Error).name);
          }
          image.src = 'data:,not-an-image';
          document.body.append(image);
          setTimeout(() => resolve({ ran: (window as unknown as { __injected?: boolean }).__injected === true, violated }), 300);
        }),
    );
    expect(outcome.ran).toBe(false);
    // The script's text and the handler, each a string, refused as they were set (TypeError); the
    // script given its text as a node, refused as it would run: each reported.
    expect(outcome.violated.filter((entry) => entry === 'TypeError')).toHaveLength(2);
    expect(outcome.violated).not.toContain('text assigned');
    expect(outcome.violated).not.toContain('handler set');
    expect(outcome.violated.filter((entry) => entry === 'require-trusted-types-for')).toHaveLength(3);
    expect(log.lines.some((line) => /Content Security Policy/i.test(line))).toBe(true);
  });
});

describe('framing (security case 38)', () => {
  it('a page of another origin cannot show the app, nor its callback address, in a frame', async () => {
    const app = e2e.env.app.url;
    // A hostile page on another origin (its own local server), framing the app and its callback.
    const empty = await mkdtemp(join(tmpdir(), 'hostile-'));
    const hostile = await startStaticServer({
      root: empty,
      overrides: {
        'index.html': `<!doctype html><title>Hostile</title><iframe id="app" src="${app}"></iframe><iframe id="callback" src="${app}#access_token=framed-token&token_type=bearer&state=framed-state"></iframe>`,
      },
    });
    try {
      const { page } = await e2e.open();
      const blocked: string[] = [];
      page.on('console', (message) => {
        if (/frame-ancestors/.test(message.text())) blocked.push(message.text());
      });
      await page.goto(hostile.url);
      await expect.poll(() => blocked.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      // Neither frame holds the app: the browser's "blocked" page instead, not the app's title or stores.
      const frames = page.frames().filter((f) => f !== page.mainFrame());
      expect(frames).toHaveLength(2);
      for (const frame of frames) {
        const seen = await frame.evaluate(() => ({ title: document.title, text: document.body?.innerText ?? '' })).catch(() => ({ title: '', text: '' }));
        expect(seen.title).not.toBe('Storefront Connect');
        expect(seen.text).not.toContain('Your stores');
      }
    } finally {
      await hostile.close();
      await rm(empty, { recursive: true });
    }
  });
});

describe('the store’s tabs on a phone', () => {
  it('a tap on the visible part of a tab under the fading edge opens it (the bar does not scroll away from the finger)', async () => {
    // a touch screen, tapped with a finger (touch events, pointerType touch): a mouse's click there
    // scrolls the bar instead (store-tabs-more.test.ts)
    const { page } = await e2e.open({ width: 360, height: 800, hasTouch: true });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Store', exact: true });
    const fade = page.locator('[data-more="after"]');
    await fade.waitFor();
    // The first tab the bar's right edge cuts, and a point on its visible part under the fade.
    const cut = await nav.evaluate((bar) => {
      const right = bar.getBoundingClientRect().right;
      const under = bar.parentElement!.querySelector('[data-more="after"]')!.getBoundingClientRect();
      for (const link of bar.querySelectorAll('a')) {
        const box = link.getBoundingClientRect();
        if (box.left < right - 8 && box.right > right) return { name: link.textContent!.trim(), x: (Math.max(box.left, under.left) + right) / 2, y: box.top + box.height / 2 };
      }
      return null;
    });
    expect(cut, 'a tab cut by the edge at 360 px').not.toBeNull();
    expect(await fade.evaluate((more, x) => { const box = more.getBoundingClientRect(); return box.left <= x && x < box.right; }, cut!.x), 'the point under the fade').toBe(true);
    await page.touchscreen.tap(cut!.x, cut!.y);
    await expect.poll(() => page.url()).toContain(`/s/demo/${cut!.name.toLowerCase().replace(/\s.*$/, '')}`);
  });

  it('keep the focused one clear of the fading edge as Tab and Shift+Tab reach it, and the current one in view (Embed, the last, reached by its address), and scroll back for the Catalogue', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Store' });
    const inView = (name: string) =>
      nav.getByRole('link', { name }).evaluate((link) => {
        const box = link.getBoundingClientRect();
        const shown = link.closest('nav')!.getBoundingClientRect();
        return box.left >= shown.left && box.right <= shown.right;
      });
    expect(await inView('Embed')).toBe(false); // past the edge at 360 px
    // Tab along the tabs: each one focused is clear of the fading edge (2rem), its focus ring seen
    // (the browser's own scrolling left Embed under the fade: only activation scrolled the nav)
    const clearOfFade = (name: string) =>
      nav.getByRole('link', { name }).evaluate((link) => {
        const box = link.getBoundingClientRect();
        const shown = link.closest('nav')!.getBoundingClientRect();
        return link === document.activeElement && box.left >= shown.left && box.right <= shown.right - 32 + 0.5;
      });
    await nav.getByRole('link', { name: 'Catalogue' }).focus();
    for (const name of ['Cart', 'Orders', 'Coupons', 'Embed']) {
      await page.keyboard.press('Tab');
      await expect.poll(() => clearOfFade(name)).toBe(true);
    }
    // and back with Shift+Tab to the first, shown from the start of the row again
    for (const name of ['Coupons', 'Orders', 'Cart', 'Catalogue']) {
      await page.keyboard.press('Shift+Tab');
      await expect.poll(() => clearOfFade(name)).toBe(true);
    }
    expect(await nav.getByRole('link', { name: 'Catalogue' }).evaluate((link) => link.closest('nav')!.scrollLeft)).toBe(0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // arriving on the Embed screen by its address (a reload, a bookmark, Back), not by a click that
    // focuses the tab (the browser brings a focused tab into view by itself)
    await page.goto(`${e2e.env.app.url}#/s/demo/embed`);
    await page.getByRole('heading', { name: /^Embed/, level: 1 }).waitFor();
    await expect.poll(() => inView('Embed')).toBe(true);
    await page.goBack();
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(() => inView('Catalogue')).toBe(true);
  });
});


describe('reduced motion', () => {
  it('with prefers-reduced-motion, the loading skeleton’s pulse runs once and stops: no animation keeps running (they ran forever at 0.01 ms)', async () => {
    const { page } = await e2e.open();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    // The catalogue's products held back, so that its skeleton stays on screen.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`${e2e.env.store.origin}/api/v1/products?**`, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const shimmer = page.locator('.shimmer').first();
    await shimmer.waitFor();
    expect(await shimmer.evaluate((element) => getComputedStyle(element).animationIterationCount)).toBe('1');
    // Two frames on, every animation of the page has finished (none is running, or left at all).
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await page.evaluate(() => document.getAnimations().map((a) => `${(a as CSSAnimation).animationName ?? '?'} ${a.playState}`))).toEqual([]);
    release();
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(() => page.locator('main ul > li article').count()).toBeGreaterThan(0);
  });
});

describe('a shopper’s screens at their edges', () => {
  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Loading' });
  /** What the tab and the main region are called (Shell: both from the screen's heading). */
  const names = (page: Page) => page.evaluate(() => ({ title: document.title, main: document.getElementById(document.getElementById('main')?.getAttribute('aria-labelledby') ?? '')?.textContent }));

  it('a product the store has not, and store pages that could not be read: each screen keeps a heading (the tab’s title, main’s name), the failure said once below it', async () => {
    const { page } = await e2e.open({ width: 360 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();

    await page.goto(`${e2e.env.app.url}#/s/demo/product/no-such-product`);
    const gone = page.getByRole('main').getByRole('alert');
    await gone.getByText('Not found').waitFor();
    expect(await heading(page).allInnerTexts()).toEqual(['Product']);
    await expect.poll(() => names(page)).toEqual({ title: `\u2068Product\u2069 – \u2068${STORE_NAME}\u2069`, main: 'Product' });
    await audit(page, 'product-not-found-360');

    // The store's pages, read afresh by a new page load, do not come.
    await page.route('**/api/v1/pages', (route) => route.fulfill({ status: 500, json: { error: 'server_error' } }));
    await page.goto(`${e2e.env.app.url}#/s/demo/pages/about`);
    await page.reload();
    const failed = page.getByRole('main').getByRole('alert');
    await failed.getByRole('button', { name: 'Try again' }).waitFor();
    expect(await heading(page).allInnerTexts()).toEqual(['Store page']);
    await expect.poll(() => names(page)).toEqual({ title: `\u2068Store page\u2069 – \u2068${STORE_NAME}\u2069`, main: 'Store page' });
    await audit(page, 'store-page-failed-360');
    await page.unroute('**/api/v1/pages');
    await failed.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'About us', level: 1 }).waitFor();
    await expect.poll(() => names(page)).toEqual({ title: `\u2068About us\u2069 – \u2068${STORE_NAME}\u2069`, main: 'About us' });
  });

  it('a store page’s own headings stay under its title: the merchant’s h2 is smaller than the page’s h1', async () => {
    const { page } = await e2e.open({ width: 1280 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Store pages' }).getByRole('link', { name: 'About us' }).click();
    const size = (name: string, level: number) => page.getByRole('heading', { name, level }).evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
    const title = await size('About us', 1);
    const merchant = await size('Small goods, made well', 2);
    expect(merchant).toBeLessThan(title * 0.8);
  });

  it('a store page whose merchant HTML has a long preformatted line and a wide table: at 360 px the page stays within the screen', async () => {
    const { page } = await e2e.open({ width: 360 });
    const line = 'SKU-2024-STONEWARE-PLATTER-XL  dimensions=48x32x4cm  weight=2.4kg  care=dishwasher-safe  origin=Portugal';
    const cells = Array.from({ length: 8 }, (_, i) => `<td>Column ${i + 1} value</td>`).join('');
    const bodyHtml = `<h2>Care sheet</h2><pre>${line}</pre><table><tr>${cells}</tr></table><p>Ask us anything.</p>`;
    await page.route('**/api/v1/pages', (route) => route.fulfill({ json: { pages: [{ slug: 'care', title: 'Care', body_html: bodyHtml }] } }));
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('navigation', { name: 'Store pages' }).getByRole('link', { name: 'Care' }).click();
    await page.getByText('Ask us anything.').waitFor();
    // The line wraps on screen, its words and spaces as the merchant wrote them.
    expect(await page.locator('main pre').innerText()).toBe(line);
    await audit(page, 'store-page-wide-360');
  });

  it('the store page a merchant wrote with its own h1 and a wide table (the demo’s Size guide), at 360 px and at 1280 px: one h1, the merchant’s headings under it; a table wider than the column scrolls in its own box, by keyboard too', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('navigation', { name: 'Store pages' }).getByRole('link', { name: 'Size guide' }).click();
    const article = page.locator('main article');
    await article.getByText('One size, with an adjustable neck strap.').waitFor();
    // Opened at 360 px, then widened to 1280 px (the box follows the table's width as it changes).
    await atBothWidths(page, async (width) => {
      const outline = () => article.getByRole('heading').evaluateAll((hs) => hs.map((h) => `${h.localName} ${h.textContent}`));
      // (its own h1 repeating the title is not drawn: store-page-title-once.test.ts)
      expect(await outline()).toEqual(['h1 Size guide', 'h2 Shirts', 'h2 Aprons']);
      // No column squeezed to a letter or two a line: each header's word stays on one line.
      const lines = await article.getByRole('columnheader').evaluateAll((ths) =>
        ths.map((th) => { const range = document.createRange(); range.selectNodeContents(th); return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size; }),
      );
      expect(lines).toEqual([1, 1, 1, 1, 1, 1, 1]);
      const region = page.getByRole('region', { name: 'Shirt measurements (cm)' });
      if (width === 1280) {
        // It fits: a plain table, no extra tab stop.
        expect(await region.count()).toBe(0);
      } else {
        // Reached by Tab from the link before it (nothing else in between), then scrolled by the arrow keys.
        await page.getByRole('link', { name: '← Back to the catalogue' }).focus();
        await page.keyboard.press('Tab');
        expect(await region.evaluate((box) => box === document.activeElement)).toBe(true);
        expect(await region.evaluate((box) => box.scrollWidth > box.clientWidth && box.scrollLeft === 0)).toBe(true);
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => region.evaluate((box) => box.scrollLeft)).toBeGreaterThan(0);
      }
      await audit(page, `store-page-size-guide-${width}`);
    });
  });

  it('a product description with the merchant’s own h1 and h2, at 360 px and at 1280 px: under the product’s h1 and its Description h2, they start at h3 and keep their order', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    const description = '<h1>Linen apron</h1><p>Stonewashed linen.</p><h2>Care</h2><p>Wash cold.</p><h3>Ironing</h3><p>Warm iron.</p>';
    await page.route(/\/api\/v1\/products\/[^/?]+$/, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...((await response.json()) as object), description } });
    });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.locator('main ul > li article').first().getByRole('link').first().click();
    const section = page.getByRole('region', { name: 'Description' });
    await section.getByText('Warm iron.').waitFor();
    await atBothWidths(page, async (width) => {
      const outline = await page.locator('main').getByRole('heading').evaluateAll((hs) => hs.map((h) => h.localName));
      expect(outline.filter((level) => level === 'h1')).toHaveLength(1);
      expect(await section.getByRole('heading').evaluateAll((hs) => hs.map((h) => `${h.localName} ${h.textContent}`))).toEqual([
        'h2 Description', 'h3 Linen apron', 'h4 Care', 'h5 Ironing',
      ]);
      // Sized as the merchant wrote them, under the screen's own.
      const size = (name: string) => section.getByRole('heading', { name, exact: true }).evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
      expect(await size('Linen apron')).toBeLessThanOrEqual(await size('Description'));
      expect(await size('Ironing')).toBeLessThan(await size('Linen apron'));
      await audit(page, `product-merchant-headings-${width}`);
    });
  });

  it('the cart, at 360 px and at 1280 px, with a line whose product could not be loaded: says so plainly, keeps its quantity, links its page', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.locator('main ul > li article').nth(2).getByRole('link').first().click();
    await page.getByRole('spinbutton', { name: 'Quantity' }).fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'View cart' }).waitFor();
    const productPage = new URL(page.url()).hash;
    const id = decodeURIComponent(productPage.split('/').pop()!);
    await page.route(`**/api/v1/products/${encodeURIComponent(id)}`, (route) => route.fulfill({ status: 500, json: { error: 'server_error' } }));
    await page.getByRole('link', { name: 'View cart' }).click();
    const row = page.getByRole('row').filter({ hasText: 'This product’s details could not be loaded.' });
    await row.waitFor();
    await atBothWidths(page, async (width) => {
      const cells = await row.getByRole('cell').allInnerTexts();
      // (innerText includes the visually hidden words)
      expect(cells.map((text) => text.replace(/\s+/g, ' ').trim())).toEqual(['This product’s details could not be loaded. Open its page', '2', '— Not known']);
      expect(await row.getByRole('link', { name: 'Open its page' }).getAttribute('href')).toBe(productPage);
      // A screen reader hears the total as not known; the eye sees a dash.
      expect(await row.getByRole('cell').nth(2).ariaSnapshot()).toBe('- cell "Not known"');
      await audit(page, `cart-product-unloaded-${width}`);
    });
  });

  it('a product with no picture at all, on a phone: a low “no picture” band, the name and price in the first screen', async () => {
    const { page } = await e2e.open({ width: 360, height: 640 });
    let id: string | undefined;
    // The store's answers for one product, as a store whose product has no picture gives them.
    await page.route(/\/api\/v1\/products(\?|\/)/, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { id?: string; images?: unknown[]; products?: { id: string; images: unknown[] }[] };
      if (body.products) {
        id ??= body.products[0]?.id;
        body.products = body.products.map((p) => (p.id === id ? { ...p, images: [] } : p));
      }
      await route.fulfill({ response, json: body.id !== undefined && body.id === id ? { ...body, images: [] } : body });
    });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.locator('main ul > li article').first().getByRole('link').first().click();
    const none = page.getByRole('img', { name: 'No picture of this product' });
    await none.waitFor();
    const box = (await none.boundingBox())!;
    expect(box.height).toBeLessThanOrEqual(box.width / 2);
    const price = page.locator('main .details .summary');
    expect(await price.evaluate((element) => element.getBoundingClientRect().bottom <= innerHeight)).toBe(true);
    await audit(page, 'product-no-picture-360');
    // Wide, beside the details: the square as before.
    await page.setViewportSize({ width: 1280, height: 800 });
    const wide = (await none.boundingBox())!;
    expect(Math.abs(wide.height - wide.width)).toBeLessThan(2);
  });

  it('a product with a very long name in another currency: the cart at 360 px stays within the screen', async () => {
    const { page } = await e2e.open({ width: 360 });
    const name = 'Supercalifragilisticexpialidocious-Handmade-Organic-Stoneware-Serving-Platter';
    let id: string | undefined;
    // The store's answers for one product, as a store with such a product would give them.
    await page.route(/\/api\/v1\/products(\?|\/)/, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { id?: string; products?: { id: string }[] };
      const long = <T,>(p: T) => ({ ...p, name, currency: 'JPY', cost: '¥1,234,567', cost_raw: 1234567 });
      if (body.products) {
        id ??= body.products[0]?.id;
        body.products = body.products.map((p) => (p.id === id ? long(p) : p));
      }
      await route.fulfill({ response, json: body.id !== undefined && body.id === id ? long(body) : body });
    });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.locator('main ul > li article').getByRole('link', { name }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'View cart' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name }) });
    await row.waitFor();
    expect(await row.getByRole('cell').last().innerText()).toMatch(/^¥\d{1,3}(,\d{3})+$/);
    await audit(page, 'cart-long-name-360');
  });
});
