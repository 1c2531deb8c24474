/**
 * Foxy stores in the built app, configured by config.json alone, against the faithful local Foxy
 * server (platforms.md 5; issue 14): the Get Token block copied from the server's own admin page is
 * pasted, checked by one renewal, and the derived catalogue is browsed over two pages, searched,
 * filtered, sorted; a product opens and survives a reload; orders and coupons show; the Embed
 * screen makes no snippet. Each refused bundle and CORS off say their own thing and store nothing.
 * At expiry five tabs renew with one token request; a removed integration ends access with the
 * banner. The canary origin never receives an Authorization header (server evidence). Each screen
 * passes axe at 360 px light and 1280 px dark, and the focus follows each action.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasFocus, screenAudits, AXE_FLOW_TIMEOUT } from '../helpers/screen-audits.ts';
import { reloadAtExpiry } from '../helpers/quiet-tabs.ts';
import { loadedProducts, loadedProductsReachable, productCards, stepToNextPage } from '../helpers/catalog-grid.ts';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { forgetCredentials, readAllIndexedDb, readOtherStorage, readSealedRecord, readSessionKeys, readVaultKeys } from '../helpers/e2e-app.ts';
import type { StaticServer } from '../helpers/static-server.ts';
import { openAppHome, servePlatformApp } from '../helpers/platform-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { DEMO_BUNDLE, USER_BUNDLE } from '../platforms/foxy/constants.ts';
import { FREE_TYPES, MADE_UP_NAME, MODIFIED_MUG_NAME, MODIFIED_NEW_NAME, createSeed } from '../platforms/foxy/seed.ts';
import { startFoxyStore, type FoxyStore, type FoxyStoreOptions } from '../platforms/foxy/server.ts';

const e2e = useE2e();
const STORE = 'Foxy Demo Outfitters';
const BUNDLE_LABEL = /^Get Token bundle/;
const SECRETS = [DEMO_BUNDLE.client_secret, DEMO_BUNDLE.refresh_token, USER_BUNDLE.refresh_token];
/** Foxy's statuses for a payment taken or held (the SDK's `Transaction.status`), written out here: not pending, voided, declined… */
const TOOK_PAYMENT = ['', 'captured', 'approved', 'authorized', 'capturing', 'completed', 'refunding', 'refunded'];
/**
 * Products the seed's transactions derive: one per item code (or name, where it has none) sold in a
 * sale neither test nor hidden whose money was taken (two pages of 24; the declined sale's made-up
 * product would be one more).
 */
const DERIVED = new Set(
  createSeed()
    .transactions.filter((t) => !t.is_test && !t.hide_transaction && TOOK_PAYMENT.includes(t.status) && !FREE_TYPES.has(t.type ?? ''))
    .flatMap((t) => t.items.map((i) => i.code || i.name)),
).size;

interface Env {
  app: StaticServer;
  foxy: FoxyStore;
}

async function startEnv(options: FoxyStoreOptions = {}): Promise<Env> {
  const { app, store: foxy } = await servePlatformApp(e2e, {
    basePath: '/shops/foxy/',
    startStore: (app) => startFoxyStore({ port: 0, allowedOrigins: [app.origin], ...options }),
    config: (foxy) => ({ stores: [{ id: 'foxy', kind: 'foxy', name: STORE, apiBase: foxy.origin, auth: ['token-bundle'] }] }),
  });
  return { app, foxy };
}

const openHome = (env: Env, width?: number) => openAppHome(e2e, env.app, width);

/** The block as the demo server's "Integrations › Get Token" page shows it (a person copies it). */
async function copyBundleFromAdmin(page: Page, env: Env): Promise<string> {
  const admin = await page.context().newPage();
  await admin.goto(`${env.foxy.adminOrigin}/admin/integrations/get-token`);
  const block = await admin.locator('#token-block').innerText();
  await admin.close();
  return block;
}

async function paste(page: Page, block: string): Promise<void> {
  await page.getByRole('textbox', { name: BUNDLE_LABEL }).fill(block);
  await page.getByRole('button', { name: /^Connect .* with the get token bundle$/ }).click();
}

const block = (bundle: { client_id: string; client_secret: string; refresh_token: string }): string =>
  `client_id: ${bundle.client_id}\nclient_secret: ${bundle.client_secret}\naccess_token: not-used\nrefresh_token: ${bundle.refresh_token}`;
const cards = productCards;

describe('Foxy in the app', () => {
  it('the pasted Get Token block connects; the derived catalogue pages, searches, filters, sorts; a product survives a reload; orders, coupons; no snippet; Forget', async () => {
    const env = await startEnv();
    const { page, lines } = await openHome(env);
    // the form: one textarea for the block, the red notice of 5.1, where to remove the integration
    const risk = page.getByText(/10-year, non-rotating refresh token with full store access/);
    await risk.waitFor();
    expect(await risk.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(161, 38, 27)');
    await page.getByText(/Remove the integration in Foxy admin › Integrations/).first().waitFor();
    expect(await page.getByRole('textbox', { name: BUNDLE_LABEL }).evaluate((el) => el.tagName)).toBe('TEXTAREA');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-home-form-1280.png`, fullPage: true });

    env.foxy.resetStats();
    await paste(page, await copyBundleFromAdmin(page, env));
    await page.getByText(/^Connected · can browse products and see orders and coupons$/).waitFor();
    // one renewal checked the bundle (the pasted access_token is never used)
    expect(env.foxy.stats().tokenRequests).toBe(1);

    await page.getByRole('link', { name: `Browse ${STORE}` }).click();
    await page.getByRole('heading', { name: STORE, level: 1 }).waitFor();
    await expect.poll(() => loadedProducts(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(20);
    expect(DERIVED).toBeGreaterThan(24); // two pages
    await expect.poll(() => stepToNextPage(page)).toBe(DERIVED);
    await page.getByText(`You have seen all ${DERIVED} products.`).first().waitFor(); // the line under the cards (Load more's press also says it)
    // every loaded name, read from the drawn cards while stepping down the window from the top (the
    // names alone: a card drawn during the fast scroll above holds its price until the scroll
    // settles). Scrolled by script, not the wheel: wheel steps on a busy machine can fall short of
    // the top (24 of 26 read once in a fresh-clone CI run).
    const names = new Set<string>();
    await page.evaluate(() => scrollTo({ top: 0, behavior: 'instant' }));
    for (let step = 0; step < 40 && names.size < DERIVED; step++) {
      await page.waitForTimeout(100);
      for (const text of await cards(page).locator('h3').allInnerTexts()) names.add(text);
      await page.evaluate(() => scrollBy({ top: 300, behavior: 'instant' }));
    }
    expect(names.size).toBe(DERIVED);
    expect([...names].some((t) => t.includes('TEST MUG') || t.includes('Hidden Thing') || t.includes(MADE_UP_NAME) || t.includes(MODIFIED_NEW_NAME) || t.includes(MODIFIED_MUG_NAME))).toBe(false);

    // the box says what Foxy's search matches: an item's name and code
    expect(await page.getByRole('searchbox', { name: 'Search' }).getAttribute('placeholder')).toBe('Name or product code');
    await page.getByRole('searchbox', { name: 'Search' }).fill('mug');
    await expect.poll(() => cards(page).count()).toBe(1);
    expect(await cards(page).first().innerText()).toContain('Ceramic Mug (Large)');
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await expect.poll(() => loadedProducts(page)).toBeGreaterThanOrEqual(20);
    // the filter offers the merchant's categories, never Foxy's own DEFAULT ("Default for all products")
    const options = page.getByLabel('Category').locator('option');
    await expect.poll(async () => (await options.allInnerTexts()).filter((t) => t !== 'All categories').sort()).toEqual(['Apparel', 'E-books', 'Garden', 'Kitchen']);
    await page.getByLabel('Category').selectOption('Garden');
    await expect.poll(() => cards(page).count()).toBe(6);
    await page.getByLabel('Sort by').selectOption('price');
    await expect.poll(async () => (await cards(page).first().innerText()).includes('Pruning Shears')).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-catalogue-1280.png`, fullPage: true });
    await cards(page).first().getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Pruning Shears', level: 1 }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Pruning Shears', level: 1 }).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-product-1280.png`, fullPage: true });
    // no editing on Foxy: nothing offers it
    expect(await page.getByRole('button', { name: /Manage this product/ }).count()).toBe(0);
    await page.goBack();
    await page.getByRole('heading', { name: STORE, level: 1 }).waitFor();
    expect(new URL(page.url()).hash).toContain('category=Garden');

    // orders (transactions, statuses mapped) and coupons (each once, its other codes beside the first)
    await page.goto(`${env.app.url}#/s/foxy/orders`);
    await page.getByRole('table').waitFor();
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(5);
    // the count of orders: asked without the test and hidden transactions, Foxy's total_items is that
    const orders = createSeed().transactions.filter((t) => !t.is_test && !t.hide_transaction).length;
    expect(await page.getByRole('navigation', { name: 'Order pages' }).locator('span').innerText()).toMatch(new RegExp(`^Page 1 of \\d+ · ${orders} orders$`));
    // and no FlickRocket caveat here
    expect(await page.getByText(/^Experimental:/).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-orders-1280.png`, fullPage: true });
    await page.goto(`${env.app.url}#/s/foxy/coupons`);
    const code = (text: string) => page.locator('li code').getByText(text, { exact: true });
    await code('SPRING10').waitFor();
    await code('BIG15').waitFor();
    // what each takes off, tiers and conditions in words; what cannot be read is not guessed
    // a card's words, its Copy button left out
    const coupon = (text: string) =>
      page
        .getByRole('listitem')
        .filter({ has: page.locator('code').getByText(text, { exact: true }) })
        .evaluate((card) => {
          const words = card.cloneNode(true) as HTMLElement;
          words.querySelector('button')?.remove();
          return (words.innerText || words.textContent || '').replace(/\s+/g, ' ').trim();
        });
    expect(await coupon('BULK')).toMatch(/^BULK Bulk tiers Up to 20% off 5% from 2 items, 10% from 5 items, 20% from 10 items\. Expire[sd] \S/);
    expect(await coupon('BIG15')).toBe('BIG15 Order over 50 15% off When you spend $50.00 or more. No end date');
    expect(await coupon('THIRD')).toBe('THIRD Every third item Its terms are set in the store’s admin. No end date');
    // shown, not edited, here: said under the title, with where Foxy keeps them (no edit button to look for)
    await page.getByText('Shown here to copy and share. Coupons are created and changed in Foxy’s admin, on its Coupons page.', { exact: true }).waitFor();
    // the coupon without codes is named, with why and where codes are added, before the coupons (it was left out without a word);
    // the auto-apply one without codes applies by itself (it was said to have "no codes yet", untrue of it)
    const notListed = page.getByRole('list', { name: '2 coupons are not listed here:' });
    expect(await notListed.getByRole('listitem').allInnerTexts()).toEqual([
      '1 has no codes yet: “No codes yet”. Codes are added to a coupon in the admin named above.',
      '1 applies by itself to the customers or subscriptions it is set for, without a code: “Members 10%”.',
    ]);
    // where Foxy keeps its coupons is said once, under the title (the line about codes said it again)
    expect((await page.locator('main').innerText()).split('Foxy’s admin, on its Coupons page')).toHaveLength(2);
    expect(await notListed.evaluate((list) => list.compareDocumentPosition(document.getElementById('active-title')!) & Node.DOCUMENT_POSITION_FOLLOWING)).toBeTruthy();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-coupons-1280.png`, fullPage: true });
    const wide = page.viewportSize()!;
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-coupons-360.png`, fullPage: true });
    await page.setViewportSize(wide);
    // a code copies with one press, and says so
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.app.origin });
    await page.getByRole('button', { name: 'Copy BIG15' }).click();
    await page.getByRole('button', { name: 'Copied BIG15' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'BIG15 copied.' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('BIG15');
    // a coupon with two codes is one card: its first code with Copy, the other beside it
    expect(await coupon('SPRING10')).toMatch(/^SPRING10 Also: SPRING10B Spring 10% 10% off /);
    expect(await page.getByRole('button', { name: 'Copy SPRING10B' }).count()).toBe(0);
    // Opened afresh on Coupons (the coupons come before the store's currency, which Foxy gives with
    // its transactions): every amount the cards ever showed names the currency, never a bare "5 off".
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { couponAmounts: seen });
      new MutationObserver(() => {
        for (const off of document.querySelectorAll('main li .off')) seen.push(off.textContent ?? '');
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await page.reload();
    await page.getByText('$5.00 off', { exact: true }).waitFor();
    const amounts = await page.evaluate(() => (window as unknown as { couponAmounts: string[] }).couponAmounts);
    expect(amounts).toContain('$5.00 off');
    expect(amounts.filter((off) => /^[\d.,]+ off/.test(off))).toEqual([]);
    // no cart tab and no Embed tab; the Embed address explains why there is no snippet
    expect(await page.getByRole('link', { name: 'Cart' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Embed' }).count()).toBe(0);
    await page.goto(`${env.app.url}#/s/foxy/embed`);
    await page.getByRole('heading', { name: `Products of ${STORE} cannot be embedded` }).waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);

    // Forget credentials (the question it asks first answered) empties the vault
    await page.goto(env.app.url);
    expect(await readSessionKeys(page)).toHaveLength(1);
    await forgetCredentials(page, STORE, 'token');
    await page.getByRole('status').filter({ hasText: /forgot the credentials for/ }).waitFor();
    expect(await readSessionKeys(page)).toEqual([]);

    // every API request carried the version header; the canary never saw a credential
    const api = env.foxy.requests().filter((r) => r.listener === 'api' && r.method !== 'OPTIONS');
    expect(api.length).toBeGreaterThan(3);
    expect(api.every((r) => r.apiVersion === '1')).toBe(true);
    expect(env.foxy.stats().canaryHitsWithAuthorization).toBe(0);
    const other = await readOtherStorage(page);
    const idb = await readAllIndexedDb(page);
    for (const secret of SECRETS) {
      expect(other.includes(secret)).toBe(false);
      expect(idb.includes(secret)).toBe(false);
      expect(lines.join('\n').includes(secret)).toBe(false);
    }
  });

  it('a sale whose item url leads off the shop’s own site (a shopper’s edited add-to-cart link) gives its product no link to it; the others keep theirs', async () => {
    const env = await startEnv();
    const { page } = await openHome(env);
    // Foxy keeps what the shopper's add-to-cart link said of an item unless the store signs its links
    // (HMAC): the mug's sales come back as such a link would leave them, pointing elsewhere.
    const EVIL = 'https://evil.example/products/ceramic-mug';
    await page.route(`${env.foxy.origin}/**`, async (route) => {
      if (!route.request().url().includes('transactions') || route.request().method() !== 'GET') return route.fallback();
      const response = await route.fetch();
      const edited = (await response.text()).replace(/"url":"https:\/\/shop\.example\.com\/products\/ceramic-mug"/g, `"url":"${EVIL}"`);
      await route.fulfill({ response, body: edited });
    });
    await paste(page, await copyBundleFromAdmin(page, env));
    await page.getByText(/^Connected · can browse products and see orders and coupons$/).waitFor();
    const storeLink = page.getByRole('link', { name: /View on the store’s website/ });
    const open = async (code: string, name: string) => {
      await page.goto(`${env.app.url}#/s/foxy/product/${encodeURIComponent(`code:${code}`)}`);
      await page.getByRole('heading', { name, level: 1 }).waitFor();
    };
    await open('MUG-01', 'Ceramic Mug (Large)');
    expect(await page.locator(`a[href^="https://evil.example"]`).count()).toBe(0);
    expect(await storeLink.count()).toBe(0);
    // A product whose sales name the shop's own page links to it as before.
    await page.getByRole('link', { name: '← Back to the catalogue' }).click();
    await cards(page).filter({ hasText: 'Pruning Shears' }).first().getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Pruning Shears', level: 1 }).waitFor();
    expect(await storeLink.getAttribute('href')).toMatch(/^https:\/\/shop\.example\.com\/products\/pruning-shears/);
  });

  it('a declined sale (no money taken), newer than every paid one, neither renames nor reprices the mug, nor adds the product it made up; the order itself still shows, cancelled, as Foxy words it (Declined); a change to a subscription reads as one, not as a paid sale', async () => {
    const env = await startEnv();
    const { page } = await openHome(env);
    await paste(page, block(DEMO_BUNDLE));
    await page.getByText(/^Connected · /).waitFor();
    await page.getByRole('link', { name: `Browse ${STORE}` }).click();
    await expect.poll(() => loadedProducts(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(20);
    // newest first: the mug, as its newest paid sale (not the declined one) names and prices it
    const first = cards(page).first();
    expect(await first.locator('h3').innerText()).toBe('Ceramic Mug (Large)');
    expect(await first.innerText()).toContain('$24.50');
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('free');
    await page.getByRole('heading', { name: 'No products match “free”' }).waitFor();
    expect(await cards(page).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-no-free-phone-1280.png`, fullPage: true });
    // the made-up product has no page either
    await page.goto(`${env.app.url}#/s/foxy/product/${encodeURIComponent('code:PHONE-1')}`);
    await page.getByRole('main').getByRole('alert').getByText('Not found').waitFor();
    // the declined transaction is still an order of the store: listed, cancelled, in Foxy's word
    // (its admin alerts that the payment was declined; "Cancelled" read as an order called off)
    await page.goto(`${env.app.url}#/s/foxy/orders`);
    const row = page.locator('tbody tr').filter({ hasText: 'never-pays@example.com' });
    await row.waitFor();
    expect(await row.locator('.status').innerText()).toBe('Declined');
    expect(await row.locator('.status.cancelled').count()).toBe(1);
    // a sale through a normal payment gateway has an empty status, "to be considered completed" (Foxy's SDK): Paid, not Pending
    const normal = createSeed().transactions.filter((t) => t.status === '' && t.type === '' && !t.is_test && !t.hide_transaction).at(-1)!;
    const normalRow = page.locator('tbody tr').filter({ hasText: normal.customer_email });
    expect(await normalRow.locator('.status').innerText()).toBe('Paid');
    // a subscriber's change to their subscription (status '', total 0) is no paid sale: said as Foxy's admin lists it
    const change = createSeed().transactions.find((t) => t.type === 'subscription_modification')!;
    const changeRow = page.locator('tbody tr').filter({ hasText: change.customer_email });
    expect(await changeRow.locator('.status').innerText()).toBe('Subscription modification');
    // its total is shown, as Foxy's admin shows a modification's
    expect(await changeRow.locator('.total').innerText()).toBe('$0.00');
    // a new payment method charges nothing: no amount, as Foxy's admin lists it, not a free order's $0.00
    const newCard = createSeed().transactions.find((t) => t.type === 'updateinfo')!;
    const newCardRow = page.locator('tbody tr').filter({ hasText: newCard.customer_email });
    expect(await newCardRow.locator('.status').innerText()).toBe('Payment method change');
    expect(await newCardRow.locator('.total').innerText()).not.toContain('$');
    expect(await newCardRow.getByRole('cell').nth(2).textContent()).toBe('—No amount');
    // one the gateway flagged as possibly fraudulent says so (Foxy's admin shows it as an alert), not a bare "Pending"
    const flagged = createSeed().transactions.filter((t) => t.status === 'pending_fraud_review' && !t.is_test && !t.hide_transaction).at(-1)!;
    expect(await page.locator('tbody tr').filter({ hasText: flagged.customer_email }).locator('.status').innerText()).toBe('Pending fraud review');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-declined-order-360.png` });
    await page.goto(`${env.app.url}#/s/foxy`);
    await expect.poll(() => cards(page).first().locator('h3').innerText()).toBe('Ceramic Mug (Large)');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-mug-first-360.png` });
  });

  it('from 1024 to 1280 px each order’s status is on one line (“Subscription modification”, “Pending fraud review” took two at 1280); at 360 px and in between the table scrolls sideways nowhere', async () => {
    const env = await startEnv();
    const { page } = await openHome(env);
    await paste(page, block(DEMO_BUNDLE));
    await page.getByText(/^Connected · /).waitFor();
    await page.goto(`${env.app.url}#/s/foxy/orders`);
    await page.locator('tbody tr .status').first().waitFor();
    /** Each status pill's words with the lines they are drawn on (their text's line boxes, a Range over them). */
    const statusLines = () =>
      page.locator('tbody tr .status').evaluateAll((pills) =>
        pills.map((pill) => {
          const range = document.createRange();
          range.selectNodeContents(pill);
          return { words: pill.textContent ?? '', lines: new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top))).size };
        }),
      );
    /** How far the page and the orders' region scroll sideways. */
    const sideways = () =>
      page.evaluate(() => {
        const region = document.querySelector('main .scroll')!;
        return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth, table: region.scrollWidth - region.clientWidth };
      });
    const statuses = await statusLines();
    // the longest of Foxy's words the seed's first page holds
    expect(statuses.map((s) => s.words)).toEqual(expect.arrayContaining(['Subscription modification', 'Payment method change', 'Pending fraud review', 'Declined']));
    expect(statuses.filter((s) => s.lines !== 1)).toEqual([]);
    expect(await sideways()).toEqual({ page: 0, table: 0 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-orders-status-1280.png`, fullPage: true });
    // the widths where the orders are a table (from 56rem, 896 px) up to a desktop, and a phone's cards
    for (const width of [360, 600, 897, 960, 1024, 1152]) {
      await page.setViewportSize({ width, height: 800 });
      await expect.poll(sideways, { message: `${width} px` }).toEqual({ page: 0, table: 0 });
    }
    // on one line too at 1152 and 1024 px (narrower, in the table, a status may wrap: the items' column needs the room)
    expect((await statusLines()).filter((s) => s.lines !== 1)).toEqual([]);
    await page.setViewportSize({ width: 1024, height: 800 });
    await expect.poll(async () => (await statusLines()).filter((s) => s.lines !== 1)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-orders-status-1024.png`, fullPage: true });
    await page.setViewportSize({ width: 897, height: 800 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-orders-status-897.png`, fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-orders-status-360.png`, fullPage: true });
  });

  it('sales the store sent unreadable leave out only themselves (or their unreadable items), said over the cards; a pending sale (a checkout not paid) names and prices nothing', async () => {
    const env = await startEnv();
    const { page } = await openHome(env);
    // The first page of sales the catalogue is derived from, as a store could send it: the newest
    // real sale (the mug's new name and price) left pending by its hosted gateway, an item with no
    // price in another, a sale with no date.
    const salesPage = (url: URL) => url.origin === env.foxy.origin && url.pathname.endsWith('/transactions') && url.searchParams.get('zoom') === 'items' && !url.searchParams.has('offset');
    await page.route(salesPage, async (route) => {
      const answer = await route.fetch();
      const body = (await answer.json()) as { _embedded: { 'fx:transactions': Array<Record<string, unknown> & { _embedded: { 'fx:items': Array<Record<string, unknown>> } }> } };
      const sales = body._embedded['fx:transactions'];
      const mug = sales.findIndex((sale) => sale._embedded['fx:items'].some((item) => item['name'] === 'Ceramic Mug (Large)'));
      const paid = sales.filter((sale, i) => i > mug && TOOK_PAYMENT.includes(String(sale['status'])) && sale['is_test'] === false && sale['hide_transaction'] === false);
      sales[mug]!['status'] = 'pending';
      paid[0]!._embedded['fx:items'][0]!['price'] = 'n/a';
      paid[1]!['transaction_date'] = null;
      await route.fulfill({ response: answer, body: JSON.stringify(body) });
    });
    await paste(page, block(DEMO_BUNDLE));
    await page.getByText(/^Connected · /).waitFor();
    await page.getByRole('link', { name: `Browse ${STORE}` }).click();
    const note = page.locator('main p.skipped');
    await note.waitFor();
    expect((await note.innerText()).replace(/\s+/g, ' ')).toBe(
      '2 of the store’s sales could not be read (a date, a status, or an item’s name or price missing or malformed), so a product they sold may be missing here or show an older name or price.',
    );
    await expect.poll(() => loadedProducts(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(20);
    expect(await page.getByText('The store’s answer was not understood').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-unread-sales-1280.png` });
    // the mug as its newest paid sale names and prices it: not the pending one's name, nor its $24.50
    await page.getByRole('searchbox', { name: 'Search' }).fill('mug');
    await expect.poll(() => cards(page).count()).toBe(1);
    expect(await cards(page).first().locator('h3').innerText()).toBe('Ceramic Mug');
    expect(await cards(page).first().innerText()).not.toContain('$24.50');
    // said for every search of the same catalogue, and at 360 px
    await note.waitFor();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-unread-sales-360.png` });
  });

  it('a wrong secret, a dead refresh token, a missing field, a user token and CORS off each say their own thing, and nothing is stored', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 360);
    /** `kept`: the store never judged the bundle (no answer, or this browser's own check refused it), so it is still in the field to put right or send again. */
    const attempt = async (text: string, expected: RegExp, kept = false): Promise<void> => {
      await paste(page, text);
      await page.getByRole('alert').filter({ hasText: expected }).waitFor();
      expect(await page.getByRole('textbox', { name: BUNDLE_LABEL }).inputValue()).toBe(kept ? text : '');
      expect(await readSessionKeys(page)).toEqual([]);
    };
    await attempt(block({ ...DEMO_BUNDLE, client_secret: 'not-the-secret' }), /Foxy did not accept this Get Token bundle\. Its client_id or client_secret is wrong/);
    await attempt(block({ ...DEMO_BUNDLE, refresh_token: 'dead-refresh-token' }), /Foxy did not accept this Get Token bundle\. Its refresh_token expired/);
    // refused here, never sent: kept to complete (it was emptied, a bundle Foxy shows once)
    await attempt(`client_id: ${DEMO_BUNDLE.client_id}\nrefresh_token: ${DEMO_BUNDLE.refresh_token}`, /The pasted text has no client_secret\. Copy the whole block from Foxy’s Integrations › Get Token page\./, true);
    // a JSON copy that stopped short is told so (it holds client_id: not "holds none of ...")
    await attempt('{"client_id": "x"', /This looks like Foxy’s bundle, but it is cut off: copy all of it, from \{ to \}\./, true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-cut-off-360.png`, fullPage: true });
    await attempt(block(USER_BUNDLE), /paste a store token/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-user-token-360.png`, fullPage: true });
    env.foxy.setCors('none');
    // (it was emptied: a Get Token bundle lost to the store's CORS, under words that said to try again)
    await attempt(block(DEMO_BUNDLE), /^The store could not be reached\. Nothing was connected, and what you entered is kept\. The store may be down for a moment, or the connection dropped: try again shortly; if it keeps happening, the store is not set up to answer this app’s address \(CORS\)\.$/, true);
    expect(await page.getByText(/did not accept/).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-cors-360.png`, fullPage: true });
    env.foxy.setCors('app');
    // the same block now connects, at 360 px too
    await paste(page, block(DEMO_BUNDLE));
    await page.getByText(/^Connected · /).waitFor();
    await page.getByRole('link', { name: `Browse ${STORE}` }).click();
    await expect.poll(() => loadedProducts(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(20);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-catalogue-360.png` });
    expect(env.foxy.stats().canaryHitsWithAuthorization).toBe(0);
  });

  it('at expiry five tabs renew with one token request; a removed integration ends access with the banner and is not kept, and after a reload the list and the store’s screen say why and when', async () => {
    const env = await startEnv();
    const { page } = await openHome(env);
    // the browser's clock, so that the tabs can be two hours older (Date only; timers run as usual)
    await page.context().clock.install();
    await page.reload();
    await paste(page, block(DEMO_BUNDLE));
    await page.getByText(/^Connected · /).waitFor();
    const tabs: Page[] = [page];
    for (let i = 0; i < 4; i++) tabs.push(await page.context().newPage());
    for (const tab of tabs) {
      await tab.goto(`${env.app.url}#/s/foxy`);
      await expect.poll(() => loadedProductsReachable(tab), { timeout: 15_000 }).toBeGreaterThanOrEqual(20);
    }
    // proactive: two hours later by the browser's clock every tab finds the token due at once
    let before = env.foxy.stats().tokenRequests;
    // (the server's tokens stay valid: only a renewal before expiry asks for a token here)
    // (the pages load again once none is open: quiet-tabs.ts says why)
    await reloadAtExpiry(tabs, () => page.context().clock.setSystemTime(Date.now() + 7200_000));
    for (const tab of tabs) await expect.poll(() => loadedProductsReachable(tab), { timeout: 20_000 }).toBeGreaterThanOrEqual(20);
    expect(env.foxy.stats().tokenRequests - before).toBe(1);
    // reactive: the server ends every access token early; the five 401s renew once
    before = env.foxy.stats().tokenRequests;
    await reloadAtExpiry(tabs, () => env.foxy.expireAccessTokens());
    for (const tab of tabs) await expect.poll(() => loadedProductsReachable(tab), { timeout: 20_000 }).toBeGreaterThanOrEqual(20);
    expect(env.foxy.stats().tokenRequests - before).toBe(1);
    for (const tab of tabs.slice(1)) await tab.close();

    // the integration removed in Foxy's admin while browsing: the 401 renews once, Foxy refuses, the banner says so
    await page.goto(`${env.app.url}#/s/foxy?q=Trowel`);
    await expect.poll(() => cards(page).count()).toBe(1);
    env.foxy.revokeClient();
    env.foxy.expireAccessTokens();
    // (the catalogue is derived once and searched locally: the orders are the next request)
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByText(/no longer accepts the saved token/).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-revoked-banner-1280.png`, fullPage: true });
    // the refused bundle is not kept; the banner offers the form in place
    expect(await readSessionKeys(page)).toEqual([]);
    await page.getByRole('textbox', { name: BUNDLE_LABEL }).waitFor();
    expect(env.foxy.stats().canaryHitsWithAuthorization).toBe(0);

    // after a reload, the stores list and the store's screen still say why and when, in Foxy's words
    await page.goto(env.app.url);
    await page.reload();
    const status = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: STORE, level: 2 }) }).locator('p.status');
    await status.filter({ hasText: /^Token refused on .+ at .+ · paste a new token to connect again$/ }).waitFor();
    await page.goto(`${env.app.url}#/s/foxy`);
    await page.getByRole('heading', { name: `${STORE} is not connected`, level: 1 }).waitFor();
    await page.getByText(/^Foxy Demo Outfitters refused its Get Token bundle on .+ at .+, so this browser removed it\. Paste a new Get Token bundle to connect again\.$/).waitFor();
    // IndexedDB keeps only why (the reason, the time, the mode), not the bundle
    expect((await readVaultKeys(page)).filter((k) => k.includes('foxy'))).toEqual(['ended:foxy']);
    expect(await readSealedRecord(page, 'ended:foxy')).toEqual({ v: 1, at: expect.any(Number), reason: 'refused', mode: 'token-bundle' });
    const stored = (await readAllIndexedDb(page)) + (await readOtherStorage(page));
    for (const secret of SECRETS) expect(stored.includes(secret)).toBe(false);
  });
});

describe('Foxy’s screens to a keyboard and a screen reader', () => {
  it('each screen passes axe (WCAG 2.1 A/AA, and a sound outline) at 360 px light and 1280 px dark; the focus follows a refused bundle, connect and Forget', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 360);
    const { problems, audit, catalogueThenProduct } = screenAudits(page, 'foxy');
    const bundle = page.getByRole('textbox', { name: BUNDLE_LABEL });

    await bundle.waitFor();
    await audit('form');
    await paste(page, block({ ...DEMO_BUNDLE, client_secret: 'not-the-secret' }));
    await page.getByRole('alert').filter({ hasText: 'Foxy did not accept this Get Token bundle.' }).waitFor();
    await hasFocus(bundle);
    expect(await bundle.getAttribute('aria-invalid')).toBe('true');
    await audit('form-refused');
    await paste(page, await copyBundleFromAdmin(page, env));
    const browse = page.getByRole('link', { name: `Browse ${STORE}` });
    await hasFocus(browse);
    await audit('home-connected');

    await browse.click();
    await catalogueThenProduct(page.locator('main h1'));
    await page.goto(`${env.app.url}#/s/foxy/orders`);
    await page.getByRole('table').waitFor();
    await audit('orders');
    await page.goto(`${env.app.url}#/s/foxy/coupons`);
    await page.locator('main li code').first().waitFor();
    await audit('coupons');
    await page.goto(`${env.app.url}#/s/foxy/embed`);
    await page.getByRole('heading', { name: `Products of ${STORE} cannot be embedded` }).waitFor();
    await audit('embed-unavailable');

    // Forget token in the store bar: back on the stores list, the focus in the form shown again
    await forgetCredentials(page, STORE, 'token', page.getByRole('banner').getByRole('button', { name: `Forget token for ${STORE}`, exact: true }));
    await hasFocus(bundle);
    expect(problems).toEqual([]);
  }, AXE_FLOW_TIMEOUT);
});
