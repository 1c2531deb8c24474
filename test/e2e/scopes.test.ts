/**
 * A permission taken back while the app is open, in Chromium against the demo store: the store
 * answers 403 insufficient_scope, the app withdraws the scope from its capability model (the
 * editor and the admin screens lock, each with "Grant access"), and granting it again returns to
 * the same place with the tools back. Once with the challenge readable, once with WWW-Authenticate
 * not exposed across origins (the app must go by the 403's JSON body or the provider's table).
 * More access granted in one tab opens the other tab's locked screen without a reload.
 * The locked state is photographed (.test-artifacts/screenshots/scopes-*.png) to be looked at.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page, Response } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, answerConsent, connectThroughConsent, type AppUnderTest } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { stampOf, watchChannel, watchShown } from '../helpers/page-stamps.ts';
import { SESSION_CHANNEL_NAME } from '../../src/lib/auth/session-channel.ts';

const ALL = ['storefront', 'cart', 'admin'];

let page: Page;
/** Every 403 the store API sent, as the network saw it. */
let refusals: Response[];

// Each test starts its own app and demo store (closed after it): the store's options differ.
const e2e = useE2e();

/** A fresh browser signed in with storefront, cart and admin, on the catalogue. */
async function signedInWithAdmin(exposeWwwAuthenticate: boolean): Promise<AppUnderTest> {
  const started = await e2e.startApp({ defaultScopes: ALL, store: { exposeWwwAuthenticate } });
  ({ page } = await e2e.open());
  refusals = [];
  page.on('response', (response) => {
    if (response.status() === 403 && new URL(response.url()).pathname.startsWith('/api/')) refusals.push(response);
  });
  await page.goto(started.app.url);
  await connectThroughConsent(page, STORE_NAME);
  await expect.poll(() => cards().count()).toBeGreaterThan(8);
  return started;
}

/** The merchant takes admin back from the app: live tokens lose it, and the store stops granting it. */
function takeAdminBack(store: AppUnderTest['store']): void {
  store.setMaxScopes(['storefront']);
  store.narrowGrants(['storefront']);
}

const cards = () => page.locator('main ul > li article');
const hash = () => decodeURIComponent(new URL(page.url()).hash);
const navLink = (name: string) => page.getByRole('navigation', { name: 'Store' }).getByRole('link', { name, exact: true });

/** Whether script on the app's page can read WWW-Authenticate from the store API (a 401 without a token). */
function pageCanReadChallenge(apiOrigin: string): Promise<boolean> {
  return page.evaluate(async (origin) => {
    const response = await fetch(`${origin}/api/v1/metadata`, { credentials: 'omit', cache: 'no-store' });
    return response.status === 401 && response.headers.get('WWW-Authenticate') !== null;
  }, apiOrigin);
}

async function expectAdminLockedInNav(): Promise<void> {
  await navLink('Orders (not granted)').waitFor();
  await navLink('Coupons (not granted)').waitFor();
  expect(await navLink('Catalogue').count()).toBe(1);
}

async function expectAdminOpenInNav(): Promise<void> {
  await navLink('Orders').waitFor();
  await navLink('Coupons').waitFor();
  expect(await page.getByRole('link', { name: /not granted/ }).count()).toBe(0);
}

describe('403 insufficient_scope withdraws the scope and offers "Grant access"', () => {
  it('a save refused for admin locks the editor and the admin screens; Grant access returns to the product with the edit kept', async () => {
    const { store } = await signedInWithAdmin(true);
    expect(await pageCanReadChallenge(store.origin)).toBe(true);
    await expectAdminOpenInNav();

    await cards().nth(8).getByRole('link').click();
    const editor = page.getByRole('form', { name: 'Edit product' });
    await editor.waitFor();
    const productHash = hash();
    const productId = productHash.split('/').at(-1)!;
    const before = (store.getProduct(productId) as { name: string }).name;

    takeAdminBack(store);
    await editor.getByRole('textbox', { name: 'Name' }).fill('Renamed after the 403');
    await editor.getByRole('button', { name: 'Save changes' }).click();

    // The refusal withdraws admin: the locked prompt above the draft, still in view without its Save
    // (the whole editor went away); the nav locks.
    const locked = page.getByRole('note').filter({ hasText: 'Editing products needs permission to “Manage the store”' });
    await locked.waitFor();
    await locked.getByText('Your unsaved changes to this product are kept below: Grant access, and Save comes back once the permission is granted; or discard them.').waitFor();
    expect(await editor.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Renamed after the 403');
    expect(await editor.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    await expectAdminLockedInNav();
    expect(hash()).toBe(productHash);
    expect(refusals.map((r) => `${r.request().method()} ${new URL(r.url()).pathname}`)).toEqual([`PATCH /api/v1/products/${productId}`]);
    expect((store.getProduct(productId) as { name: string }).name).toBe(before);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'scopes-editor-locked-after-403.png'), fullPage: true });

    // Orders says the same without asking the store again.
    await navLink('Orders (not granted)').click();
    await page.getByRole('note').filter({ hasText: 'Seeing the store’s orders needs permission' }).waitFor();
    expect(refusals).toHaveLength(1);
    await page.goBack();
    await locked.waitFor();

    // The merchant allows admin again; the person grants it and lands on the same product.
    store.setMaxScopes(ALL);
    await locked.getByRole('button', { name: /^Grant access/ }).click();
    await page.getByText('admin').first().waitFor();
    await answerConsent(page, 'Allow');
    await expect.poll(hash).toBe(productHash);
    await editor.waitFor();
    await expectAdminOpenInNav();
    await page.getByRole('status').filter({ hasText: 'Your unsaved changes were restored.' }).waitFor();
    expect(await editor.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Renamed after the 403');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((store.getProduct(productId) as { name: string }).name).toBe('Renamed after the 403');
  });

  it('without WWW-Authenticate exposed across origins, a refused Orders still withdraws admin, and Grant access brings the orders back', async () => {
    const { store } = await signedInWithAdmin(false);
    // The page cannot read the challenge: whatever the app learns, it learns from the body.
    expect(await pageCanReadChallenge(store.origin)).toBe(false);
    await expectAdminOpenInNav();

    takeAdminBack(store);
    await navLink('Orders').click();
    const locked = page.getByRole('note').filter({ hasText: 'Seeing the store’s orders needs permission to “Manage the store”' });
    await locked.waitFor();
    await expectAdminLockedInNav();
    expect(hash()).toBe('#/s/demo/orders');
    expect(await page.getByRole('table').count()).toBe(0);

    // The 403 the app got: no readable challenge, the scope in the JSON body.
    expect(refusals).toHaveLength(1);
    const refusal = refusals[0]!;
    expect(new URL(refusal.url()).pathname).toBe('/api/v1/orders');
    const exposed = (refusal.headers()['access-control-expose-headers'] ?? '').toLowerCase();
    expect(exposed).not.toContain('www-authenticate');
    expect(await refusal.json()).toMatchObject({ error: 'insufficient_scope', scope: 'admin' });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'scopes-orders-locked-after-403-no-header.png'), fullPage: true });

    // A product's editor is locked too, with its own prompt.
    await navLink('Catalogue').click();
    await cards().nth(2).getByRole('link').click();
    await page.getByRole('note').filter({ hasText: 'Editing products needs permission' }).waitFor();
    expect(await page.getByRole('form', { name: 'Edit product' }).count()).toBe(0);
    await page.goBack();
    await page.goBack();
    await expect.poll(hash).toBe('#/s/demo/orders');

    store.setMaxScopes(ALL);
    await locked.getByRole('button', { name: /^Grant access/ }).click();
    await answerConsent(page, 'Allow');
    await expect.poll(hash).toBe('#/s/demo/orders');
    await expect.poll(() => page.getByRole('row').count()).toBeGreaterThan(1);
    await expectAdminOpenInNav();
    expect(await locked.count()).toBe(0);
  });
});

describe('a renewal that grants fewer scopes (security case 31)', () => {
  it('locks what the scopes it lost opened, at once: the admin tabs say "not granted" after the refresh', async () => {
    const started = await e2e.startApp({ defaultScopes: ALL, store: { tokenLifetimeSeconds: 3600 } });
    ({ page } = await e2e.open());
    await page.clock.install({ time: Date.now() });
    await page.goto(started.app.url);
    await connectThroughConsent(page, `${STORE_NAME} (PKCE)`);
    await expect.poll(() => cards().count()).toBeGreaterThan(8);
    await expectAdminOpenInNav();

    // The merchant narrows what the store grants; the live token keeps its scopes until it expires.
    started.store.setMaxScopes(['storefront']);
    const renewals = started.store.stats().tokenRequests;
    await page.clock.fastForward('01:00:30'); // past the token's hour, by the page's clock
    // A search asks for a token: the expired one is renewed, with the narrower grant.
    await page.evaluate(() => {
      location.hash = `${location.hash.split('?')[0]}?q=mug`;
    });
    await expect.poll(() => started.store.stats().tokenRequests).toBe(renewals + 1);
    await expectAdminLockedInNav();
    await expect.poll(() => cards().count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /Reconnect/ }).count()).toBe(0);
  });

  it('made in another tab: this tab, left on its orders, locks them too within 2 s, sending nothing itself', async () => {
    const started = await e2e.startApp({ defaultScopes: ALL, store: { tokenLifetimeSeconds: 3600 } });
    const opened = await e2e.open();
    page = opened.page;
    await page.clock.install({ time: Date.now() });
    await page.goto(started.app.url);
    await connectThroughConsent(page, `${STORE_NAME} (PKCE)`);
    await expect.poll(() => cards().count()).toBeGreaterThan(8);
    const other = await opened.context.newPage();
    await other.goto(`${started.app.url}#/s/demo-code/orders`);
    await other.getByRole('table').waitFor();
    const otherRequests: string[] = [];
    other.on('request', (request) => void (request.url().startsWith(started.store.origin) && otherRequests.push(request.url())));
    // "Within 2 s" is timed by the other tab's own clock, from the renewing tab's word on the session
    // channel to its Grant access: not by when this process hears of them, late on a busy machine.
    // (Both tabs run page.clock's fake clock, each its own: stamps of two tabs do not compare. That
    // the renewing tab tells at once is unit/auth/renewal-errors.test.ts's; flickrocket-renewal's twin
    // of this test times both tabs on the wall clock.)
    await watchChannel(other, 'told', SESSION_CHANNEL_NAME, { type: 'connected', storeId: 'demo-code' });
    await watchShown(other, 'locked', { selector: 'button', startsWith: 'Grant access' });

    started.store.setMaxScopes(['storefront']);
    const renewals = started.store.stats().tokenRequests;
    await page.clock.fastForward('01:00:30');
    await page.evaluate(() => {
      location.hash = `${location.hash.split('?')[0]}?q=mug`;
    });
    await expect.poll(() => started.store.stats().tokenRequests).toBe(renewals + 1);
    // The other tab hears of the new grant and reads it (a store id on the channel, never a token).
    await other.getByRole('button', { name: /^Grant access/ }).waitFor();
    expect((await stampOf(other, 'locked')) - (await stampOf(other, 'told'))).toBeLessThan(2_000);
    expect(await other.getByRole('table').count()).toBe(0);
    expect(otherRequests).toEqual([]);
    expect(started.store.stats().tokenRequests).toBe(renewals + 1);
  });
});

describe('more access granted in another tab', () => {
  it('opens this tab’s locked Orders without a reload', async () => {
    const started = await e2e.startApp({ defaultScopes: ['storefront'] });
    const { context, page: first } = await e2e.open();
    await first.goto(started.app.url);
    await connectThroughConsent(first, STORE_NAME);
    await first.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    const second = await context.newPage();
    await second.goto(`${started.app.url}#/s/demo/orders`);
    await second.getByRole('button', { name: /^Grant access/ }).waitFor();

    await first.goto(`${started.app.url}#/s/demo/orders`);
    // Timed by the tabs' own clocks (the machine's wall clock in each), from the first tab's orders
    // (in the document it comes back to from the consent page) to the second's: not by when this
    // process hears of them, late on a busy machine.
    await watchShown(first, 'granted', { selector: 'table' }, { andNextDocuments: true });
    await watchShown(second, 'granted-elsewhere', { selector: 'table' });
    await first.getByRole('button', { name: /^Grant access/ }).click();
    await answerConsent(first, 'Allow');
    await first.getByRole('table').waitFor();
    // the other tab, left on the locked screen, has the orders now: no reload, no second consent
    await second.getByRole('table').waitFor();
    expect((await stampOf(second, 'granted-elsewhere')) - (await stampOf(first, 'granted'))).toBeLessThan(2_000);
    expect(await second.getByRole('button', { name: /^Grant access/ }).count()).toBe(0);
    expect(second.url()).toBe(`${started.app.url}#/s/demo/orders`);
  });
});

describe('the cart taken back while a product is open', () => {
  it('Add to cart pressed from the keyboard: the 403 locks it, and the focus goes to the lock’s Grant access, which says why', async () => {
    const { store } = await signedInWithAdmin(true);
    // The product page reads the cart as it opens (what it holds of this product): answered before the
    // cart is taken back, so that the refusal this test presses for is Add to cart's.
    const cartRead = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/cart' && r.request().method() === 'GET');
    await cards().nth(3).getByRole('link').click();
    const add = page.getByRole('button', { name: 'Add to cart', exact: true });
    await add.waitFor();
    expect((await cartRead).status()).toBe(200);
    store.setMaxScopes(['storefront', 'admin']);
    store.narrowGrants(['storefront', 'admin']);
    await add.focus();
    await page.keyboard.press('Enter');

    const locked = page.getByRole('note').filter({ hasText: 'Adding to the cart needs permission to “Use your cart”' });
    await locked.waitFor();
    expect(refusals.map((r) => `${r.request().method()} ${new URL(r.url()).pathname}`)).toEqual(['POST /api/v1/cart/items']);
    expect(await add.count()).toBe(0);
    // The button the keyboard was on went with the form: the focus is on the lock's way out, not the page.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')).toBe('Grant access to use your cart');
    expect(await page.getByRole('link', { name: 'Cart (not granted)' }).count()).toBe(1);
  });
});

describe('a new product refused for admin', () => {
  it('Grant access comes back to the catalogue with the New product form open and what was typed in it, and it adds', async () => {
    const { store } = await signedInWithAdmin(true);
    await page.getByRole('button', { name: 'New product', exact: true }).click();
    const form = page.getByRole('form', { name: 'New product' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Kept across the consent');
    await form.getByRole('textbox', { name: /^Price/ }).fill('12.50');
    takeAdminBack(store);
    await form.getByRole('button', { name: 'Add product' }).click();
    const locked = page.getByRole('note').filter({ hasText: 'Adding products needs permission to “Manage the store”' });
    await locked.waitFor();

    store.setMaxScopes(ALL);
    await locked.getByRole('button', { name: /^Grant access/ }).click();
    await answerConsent(page, 'Allow');
    // Where the merchant was: the form open again (it came back closed, the product behind "New
    // product"), its draft read from IndexedDB and said as it is put back.
    await form.getByRole('status').filter({ hasText: 'What you had typed for this product was restored.' }).waitFor();
    expect(await form.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Kept across the consent');
    expect(await page.getByRole('button', { name: 'New product', exact: true }).getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByText('Your unsaved new product is kept: New product brings it back.').count()).toBe(0);
    expect(new URL(page.url()).hash).not.toContain('open=');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'scopes-new-product-back-1280.png') });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'scopes-new-product-back-360.png') });
    await form.getByRole('button', { name: 'Add product' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kept across the consent' }).waitFor();
  });
});
