/**
 * FlickRocket stores in the built app, configured by config.json alone, against the faithful local
 * FlickRocket server (platforms.md 3): the consent redirect (whose `code` is a refresh token, `state`
 * not echoed) connects, the callback is scrubbed and single use; browse, search, filter, sort, open a
 * product, reload; "Grant access" asks FlickRocket for `orders` too; a product priced by country only
 * says "Price not available"; the products' pictures come from FlickRocket's picture host, which learns
 * nothing of the callback. In a shop of 1,000 products (the list loaded whole, paged in the browser), a
 * reload 600-odd products down comes back to the same card. Each screen passes axe at 360 px light and
 * 1280 px dark, and the focus follows each action. Refused sign-ins: flickrocket-sign-in.test.ts;
 * renewals at expiry: flickrocket-renewal.test.ts (set-up shared in test/helpers/flickrocket-app.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { hasFocus, screenAudits, AXE_FLOW_TIMEOUT } from '../helpers/screen-audits.ts';
import { loadedProducts, loadedProductsReachable, productCards, readPlace, stepToNextPage } from '../helpers/catalog-grid.ts';
import { readOtherStorage, readSessionKeys, recordCallbacks } from '../helpers/e2e-app.ts';
import { openAppHome } from '../helpers/platform-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { STORE, connectButton, useFlickRocketApp } from '../helpers/flickrocket-app.ts';

const { e2e, env, startEnv, openHome, connect, openCatalogue } = useFlickRocketApp();
const cards = productCards;

describe('FlickRocket in the app', () => {
  it('shows the products’ pictures from FlickRocket’s picture host: the shipped policy allows it with no imageOrigins in config.json; the host learns nothing of the callback (no Referer: security case 35)', async () => {
    const { app } = await startEnv('/shops/fr-pictures/');
    const { page } = await openAppHome(e2e, app, 1280);
    const refused: string[] = [];
    page.on('console', (message) => void (/Content Security Policy/.test(message.text()) && refused.push(message.text())));
    const callbacks = recordCallbacks(page, app.url);
    // FlickRocket's host is not reachable here: the browser's request is answered in its place,
    // after the policy has let it go (a refused picture never asks). What a third-party host would log:
    // Each request's Referer is recorded before it is answered (and counted): reading them while a
    // request was between the two once saw 17 referers for 18 requests (CI at cf86f57).
    const referers: string[] = [];
    await page.route('https://admin-static.flickrocket.com/**', async (route) => {
      referers.push((await route.request().allHeaders())['referer'] ?? '');
      return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><rect width="600" height="600" fill="#c44"/></svg>' });
    });
    await connectButton(page).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    await page.getByRole('heading', { name: STORE, level: 1 }).waitFor();
    const pictures = page.locator('main ul > li article img[src^="https://admin-static.flickrocket.com/"]');
    await expect.poll(() => pictures.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => pictures.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    expect(referers.length).toBeGreaterThan(0);
    expect(refused).toEqual([]);
    // The callback's address held a refresh token (FlickRocket's code): no picture request says where it came from.
    const code = new URL(callbacks[0] ?? app.url).searchParams.get('code') ?? '';
    expect(code.length).toBeGreaterThan(10);
    // (booleans, so that a failure never prints the token)
    expect(referers.some((referer) => referer.includes(code))).toBe(false);
    expect(referers.every((referer) => referer === '')).toBe(true);
  });

  it('connects through consent (deny first), scrubs the code, browses, searches, filters, sorts, opens a product (price not editable), reloads; Grant access asks for orders; a replayed callback spends nothing; sign out says where to revoke', async () => {
    const { app, shop } = await env();
    const page = await openHome();
    await connectButton(page).click();
    await page.getByRole('button', { name: 'Deny', exact: true }).click();
    await page.getByText(`You declined access to ${STORE}`).waitFor();
    expect(await readSessionKeys(page)).toEqual([]);

    const callbacks = recordCallbacks(page, app.url);
    await connect(page);
    expect(callbacks.length).toBe(1);
    const callback = callbacks[0]!;
    const code = new URL(callback).searchParams.get('code') ?? '';
    expect(code.length).toBe(32);
    expect(new URL(callback).searchParams.has('state')).toBe(false); // FlickRocket does not echo it
    expect(/code=|companyid=/.test(page.url())).toBe(false);
    expect((await readOtherStorage(page)).includes(code)).toBe(false);
    expect(shop.tokenRequestsFor(code)).toBe(1);
    expect(await readSessionKeys(page)).toEqual(['session:fr']);

    await page.goto(app.url);
    await page.getByText(/Connected · can browse products/).waitFor();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-home-connected-360.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    // no Embed tab; the Embed address says why in FlickRocket's terms (its access also edits), and leads back
    await openCatalogue(page);
    expect(await page.getByRole('navigation', { name: 'Store' }).getByRole('link', { name: /Embed/ }).count()).toBe(0);
    await page.goto(`${app.url}#/s/fr/embed`);
    await page.getByRole('heading', { name: `Products of ${STORE} cannot be embedded` }).waitFor();
    await page.getByText(/FlickRocket has no read-only access: the products access this app holds also edits and deletes products/).waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-embed-360.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('link', { name: 'Back to the catalogue' }).click();
    await expect.poll(() => loadedProductsReachable(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(24);
    const listed = shop.stats().apiRequests;
    await page.getByRole('searchbox', { name: 'Search' }).fill('1010');
    await expect.poll(() => cards(page).count()).toBe(1);
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await expect.poll(() => loadedProducts(page)).toBeGreaterThanOrEqual(24);
    await page.getByLabel('Category').selectOption('Films');
    await expect.poll(() => cards(page).count()).toBeGreaterThan(0);
    await page.getByLabel('Sort by').selectOption('name');
    await expect
      .poll(async () => {
        const names = await cards(page).locator('h3').allInnerTexts();
        return names.length > 1 && names.every((name, i) => i === 0 || names[i - 1]!.localeCompare(name) <= 0);
      })
      .toBe(true);
    // searched, filtered and sorted here: the whole catalogue was loaded once
    expect(shop.stats().apiRequests).toBe(listed);
    // Its pictures are on FlickRocket's CDN, which this deployment's CSP does not list (no
    // imageOrigins): refused, so the first row's cards show the "no picture" mark, not a broken image.
    const firstRow = page.locator('main ul > li:nth-child(-n+6) article');
    // (Polled together: a new list's pictures are set after its first frame, so for a moment a card
    // has neither its picture nor the mark.)
    await expect.poll(async () => [await firstRow.locator('img').count(), await firstRow.locator('.no-image').count()]).toEqual([0, 6]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-catalogue-1280.png`, fullPage: true });
    const first = (await cards(page).first().locator('h3').innerText()).trim();
    await cards(page).first().getByRole('link').first().click();
    await page.getByRole('heading', { name: first, level: 1 }).waitFor();
    // FlickRocket has no cart: no lock asking for a scope the platform does not have
    expect(await page.getByRole('button', { name: /^Grant access/ }).count()).toBe(0);
    // name and published are edited here; price and stock live in FlickRocket's price models
    await page.getByText(/Prices are set in FlickRocket’s shared price models/).waitFor();
    expect(await page.getByLabel(/^Price/).count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { name: first, level: 1 }).waitFor();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-product-360.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // orders were not granted: Grant access goes back to FlickRocket's consent asking for both;
    // declined there, the connection stays as it was, back on Orders with a calm note
    await page.goto(`${app.url}#/s/fr/orders`);
    await page.getByRole('button', { name: /^Grant access/ }).click();
    await page.getByRole('button', { name: 'Deny', exact: true }).click();
    await page.getByRole('status').filter({ hasText: `You declined the extra access to ${STORE}. Nothing changed` }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/s/fr/orders');
    expect(await readSessionKeys(page)).toEqual(['session:fr']);
    await page.getByRole('button', { name: /^Grant access/ }).click();
    await page.waitForURL((url) => url.pathname === '/oauth2/auth');
    expect(new URL(page.url()).searchParams.get('scope')).toBe('products,orders');
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(app.url));
    await page.getByRole('table').waitFor();
    expect(new URL(page.url()).hash).toBe('#/s/fr/orders');
    expect(shop.stats().maxTokenRequestsPerRefreshToken).toBe(1);
    // newest first, though the shop lists them oldest first: its last order heads the first page
    const numbers = await page.locator('tbody tr td:first-child').allInnerTexts();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `#FR-${100_059 - i}`));
    await page.getByText('Page 1 of 3').waitFor();
    // the shop's count (count.json) beside the paging; and, calmly above the orders, that how they
    // read is not yet confirmed against a live FlickRocket (platforms.md 3.4), not only on the scope
    expect(await page.getByRole('navigation', { name: 'Order pages' }).locator('span').innerText()).toBe('Page 1 of 3 · 60 orders');
    const unconfirmed = page.getByText(/^Experimental: FlickRocket’s order format is not yet confirmed, so check an order in FlickRocket Admin before acting on it\.$/);
    await unconfirmed.waitFor();
    expect(await unconfirmed.evaluate((p) => p.closest('[role="alert"], [role="status"]'))).toBeNull();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-orders-1280.png`, fullPage: true });
    await page.getByRole('link', { name: 'Older' }).click();
    await page.getByText('Page 2 of 3').waitFor();
    expect(await page.locator('tbody tr td:first-child').first().innerText()).toBe('#FR-100039');
    // on a phone, Newer, the page with its count, and Older fit the width (the words wrap, not the row)
    await page.setViewportSize({ width: 360, height: 800 });
    const pager = page.getByRole('navigation', { name: 'Order pages' });
    expect(await pager.evaluate((nav) => [...nav.children].every((part) => part.getBoundingClientRect().right <= nav.getBoundingClientRect().right))).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 900 });

    // coupons: FlickRocket has none for apps; said by its name, with the way back (an address typed or
    // kept) to the catalogue as it was last seen, its search kept
    await page.goto(`${app.url}#/s/fr?q=1010`);
    await expect.poll(() => cards(page).count()).toBe(1);
    await page.goto(`${app.url}#/s/fr/coupons`);
    await page.getByText('Seeing the store’s coupons is not something FlickRocket offers to apps.').waitFor();
    expect(await page.getByRole('button', { name: /^Grant access/ }).count()).toBe(0);
    await page.getByRole('link', { name: 'Back to the catalogue' }).click();
    await expect.poll(() => cards(page).count()).toBe(1);
    expect(new URL(page.url()).hash).toBe('#/s/fr?q=1010');

    // the first callback again: already used here, and unknown in a fresh browser; never exchanged again
    const tokenRequests = shop.stats().tokenRequests;
    await page.goto(callback);
    await expect.poll(() => cards(page).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(page.url().includes('code=')).toBe(false);
    const other = await e2e.open({ width: 360 });
    await other.page.goto(callback);
    await other.page.getByText('That sign-in was not started here').waitFor();
    expect(other.page.url().includes('code=')).toBe(false);
    expect(await readSessionKeys(other.page)).toEqual([]);
    expect(shop.stats().tokenRequests).toBe(tokenRequests);
    expect(shop.tokenRequestsFor(code)).toBe(1);

    // signing out forgets the tokens here and says where FlickRocket revokes the app
    await page.goto(app.url);
    await page.getByRole('button', { name: `Sign out of ${STORE}` }).click();
    // The note's words, and its live region's copy of them a moment later (say-later.ts): the first.
    await page.getByText(/to end the app’s access at the store too: FlickRocket Admin › Extensions › Manage Apps/).first().waitFor();
    expect(await readSessionKeys(page)).toEqual([]);
    // the pressed button went with the connection: the focus is on the card's Connect
    await hasFocus(connectButton(page));
  });

  it('a product whose price model has no currency (1008, priced by country only) says “Price not available” on its card and page, not €0.00 (free); sorted by price it comes last both ways; its name still saves (no price sent)', async () => {
    const { app, shop } = await env();
    const page = await openHome();
    await connect(page);
    // "100" finds 1001-1009 and 1100: a handful of cards, all drawn
    await page.goto(`${app.url}#/s/fr?q=100`);
    const unpriced = cards(page).filter({ hasText: '1008' });
    await expect.poll(() => unpriced.locator('.price').textContent()).toBe('Price not available');
    expect(await cards(page).count()).toBeGreaterThan(3);
    const lastCard = async () => (await cards(page).last().locator('h3').innerText()).trim();
    for (const sort of ['price', '-price']) {
      await page.getByLabel('Sort by').selectOption(sort);
      await expect.poll(() => new URL(page.url()).hash).toContain(`sort=${sort}`);
      // the priced ones in order, then the one without a price, lowest first and highest first (the
      // shop's euros in order; a price in another currency after them: flickrocket-price-sort.test.ts)
      await expect.poll(lastCard).toMatch(/ 1008$/);
      const priced = (await cards(page).locator('.price .now').allInnerTexts()).slice(0, -1);
      const cents = priced.filter((text) => text.includes('€')).map((text) => Number(text.replace(/[^\d]/g, '')));
      expect(cents.length).toBeGreaterThan(3);
      expect(priced.every((text) => /\d/.test(text))).toBe(true);
      expect(cents).toEqual([...cents].sort((a, b) => (sort === 'price' ? a - b : b - a)));
    }
    // its words (muted, small) pass axe's contrast and the rest at 360 px light and 1280 px dark
    const { problems, audit } = screenAudits(page, 'flickrocket-no-price');
    await audit('catalogue');
    await page.setViewportSize({ width: 1280, height: 900 });
    await unpriced.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-no-price-cards-1280.png` });
    await page.setViewportSize({ width: 360, height: 800 });
    // At the foot of the list (the last card; the grid draws only the cards near the view). In a
    // phone's narrow card its words stay on one line: the card is as tall as a priced one beside it
    // (the grid's rows keep one height).
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    // (drawn once the jump's scroll has settled: a card flown past holds its price back)
    await expect.poll(() => unpriced.locator('.price').textContent(), { timeout: 10_000 }).toBe('Price not available');
    const heightOf = async (card: Locator) => (await card.boundingBox({ timeout: 5_000 }))?.height;
    // in the same row: 1007, the cheapest priced one, is drawn just before it
    const beside = cards(page).filter({ has: page.locator('h3', { hasText: / 1007$/ }) });
    await expect.poll(() => beside.locator('.price').count()).toBe(1);
    // (polled: just after the width changed and the jump, the grid may not have measured its rows
    // for the phone's cards yet; on a loaded machine it read 310 against 286 once)
    await expect.poll(async () => (await heightOf(unpriced))! - (await heightOf(beside))!, { timeout: 10_000 }).toBe(0);
    // its words on one line, inside the card, whole (not cut short with an ellipsis)
    const [line, card] = await Promise.all([unpriced.locator('.price .now').boundingBox(), unpriced.boundingBox()]);
    expect(line!.height).toBeLessThan(30);
    expect(line!.x + line!.width).toBeLessThanOrEqual(card!.x + card!.width);
    expect(await unpriced.locator('.price .now').evaluate((words) => words.scrollWidth <= words.clientWidth)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-no-price-cards-360.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    const name = await unpriced.locator('h3').innerText();
    await unpriced.getByRole('link').first().click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await expect.poll(() => page.locator('.details .price').textContent()).toBe('Price not available');
    expect(await page.locator('.details').innerText()).not.toMatch(/€|0[.,]00/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-no-price-product-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-no-price-product-360.png`, fullPage: true });
    await audit('product');
    expect(problems).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
    // its editor has nothing unsaved on opening, and a new name saves without a price in the body
    // (leaves 1008 renamed: the tests after this one do not read its name)
    expect(await page.getByRole('button', { name: 'Discard changes' }).getAttribute('aria-disabled')).toBe('true');
    await page.getByLabel('Name').fill(`${name} (revised)`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: /^Saved\.$/ }).waitFor();
    const put = shop.requests().filter((r) => r.method === 'PUT' && r.path === '/api/products/1008.json');
    expect(put.map((r) => r.status)).toEqual([200]);
    await page.getByRole('heading', { name: `${name} (revised)`, level: 1 }).waitFor();
    expect(await page.locator('.details .price').textContent()).toBe('Price not available');
  });
});

describe('FlickRocket, a shop of 1,000 products', () => {
  it('a reload further down than a store asked per page allows comes back to the same card: the list is loaded whole', async () => {
    const { app, shop } = await startEnv('/shops/fr-big/', 1000);
    const { page } = await openAppHome(e2e, app, 1280);
    await connectButton(page).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    await page.getByRole('heading', { name: STORE, level: 1 }).waitFor();
    await expect.poll(() => stepToNextPage(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(720);
    await page.evaluate(() => scrollTo({ top: document.documentElement.scrollHeight * 0.85, behavior: 'instant' }));
    await page.waitForTimeout(700); // the place is kept a little after the scroll stops
    const { height: _height, ...before } = await readPlace(page);
    // Past where 20 requests of 24 reach, the reach of a store asked per page of 24 (reloadReach);
    // a list loaded whole has none (catalog-reload.test.ts).
    expect(before.position).toBeGreaterThan(20 * 24);

    // The product requests of the first visit: the whole list, loaded once (the 30 pages scrolled cost none).
    const productRequests = () => shop.requests().filter((r) => r.path.startsWith('/api/products')).length;
    const firstVisit = productRequests();
    await page.reload();
    await expect.poll(async () => { const { height: _h, ...now } = await readPlace(page); return now; }, { timeout: 15_000 }).toEqual(before);
    expect(productRequests() - firstVisit).toBeLessThanOrEqual(firstVisit);
  }, 90_000);
});

describe('FlickRocket’s screens to a keyboard and a screen reader', () => {
  it('each screen passes axe (WCAG 2.1 A/AA, and a sound outline) at 360 px light and 1280 px dark; Sign out in the store bar gives the focus to the store’s Connect', async () => {
    const { app } = await env();
    const page = await openHome(360);
    const { problems, audit, catalogueThenProduct } = screenAudits(page, 'flickrocket');

    await audit('home');
    await connectButton(page).click();
    await page.getByRole('button', { name: 'Deny', exact: true }).click();
    await page.getByText(`You declined access to ${STORE}`).waitFor();
    await audit('declined');
    await connectButton(page).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    await page.getByRole('heading', { name: STORE, level: 1 }).waitFor();
    await catalogueThenProduct(page.getByRole('form', { name: 'Edit product' }));
    await page.goto(`${app.url}#/s/fr/orders`);
    await page.getByRole('button', { name: /^Grant access/ }).waitFor();
    await audit('orders-locked');
    await page.goto(`${app.url}#/s/fr/coupons`);
    await page.getByText('Seeing the store’s coupons is not something FlickRocket offers to apps.').waitFor();
    await audit('coupons-not-offered');
    await page.goto(`${app.url}#/s/fr/embed`);
    await page.getByRole('heading', { name: `Products of ${STORE} cannot be embedded` }).waitFor();
    await audit('embed-unavailable');
    await page.goto(app.url);
    await page.getByText(/^Connected · /).waitFor();
    await audit('home-connected');

    // Sign out in the store bar: back on the stores list, the focus on the store's Connect
    await page.getByRole('link', { name: `Browse ${STORE}` }).click();
    await page.getByRole('heading', { name: STORE, level: 1 }).waitFor();
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await hasFocus(connectButton(page));
    await audit('signed-out');
    expect(problems).toEqual([]);
  }, AXE_FLOW_TIMEOUT);
});
