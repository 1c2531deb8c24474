/**
 * Moments the link drops, in the built app against the Goodsie demo store with Chromium's offline
 * emulation: what the person sees then, and once the browser is back online. Photographed at 360
 * and 1280 px (.test-artifacts/screenshots/offline-*.png).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { BUILD_DIR, SCREENSHOT_DIR } from '../helpers/paths.ts';
import { draftsHolding } from '../helpers/drafts-in-page.ts';
import { failurePartsFetched } from '../helpers/failure-screens.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'admin', 'cart'] } });

/** A built chunk by its name (`ProductView`), as a route pattern, to fail its download at the network as offline does. */
function chunkUrl(name: string): RegExp {
  const file = readdirSync(join(BUILD_DIR, 'assets')).find((found) => new RegExp(`^${name}-[\\w-]{8}\\.js$`).test(found));
  expect(file, `the built ${name} chunk`).toBeDefined();
  return new RegExp(`/assets/${file}$`);
}

/** The last product drawn in the catalogue, by its place in the list. */
const lastPlaceOf = (page: Page) =>
  page.evaluate(() => Math.max(0, ...[...document.querySelectorAll('main li[aria-posinset]')].map((li) => Number(li.getAttribute('aria-posinset')))));

/** When this document started: another value once the page has reloaded. */
const startedAt = (page: Page) => page.evaluate(() => performance.timeOrigin);

describe('offline moments', () => {
  it('a product opened offline before its screen’s code came: back online the page comes by itself, at the same address, the unsaved edit restored (Try again had to be pressed)', async () => {
    const { page, context } = await e2e.open({ width: 1280, height: 900 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const card = page.locator('main ul > li article').nth(3);
    await card.waitFor();
    const catalogueUrl = page.url();
    const productName = (await card.locator('h3').innerText()).trim();
    await card.getByRole('link').first().click();
    const editor = page.getByRole('form', { name: 'Edit product' });
    await editor.getByRole('textbox', { name: 'Name' }).fill('Typed before the tunnel');
    await expect.poll(() => draftsHolding(page, 'Typed before the tunnel')).toBe(true);
    const productUrl = page.url();

    // A fresh page on the catalogue, whose product screen's code has not been fetched: the link drops
    // (the route fails it as offline does, and keeps the HTTP cache from answering for it).
    const productCode = chunkUrl('ProductView');
    await page.route(productCode, (route) => route.abort('internetdisconnected'));
    await page.goto(catalogueUrl);
    await page.reload();
    await card.waitFor();
    await context.setOffline(true);
    await card.getByRole('link').first().click();
    const missing = page.getByRole('main').getByRole('alert').filter({ hasText: 'Part of this app could not be loaded' });
    await missing.getByText('This browser is offline: this screen loads by itself once it is back online.', { exact: false }).waitFor();
    expect(page.url()).toBe(productUrl);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-product-screen-${width}.png` });
    }
    const before = await startedAt(page);

    await page.unroute(productCode);
    await context.setOffline(false);
    await page.getByRole('heading', { name: productName, level: 1 }).waitFor();
    expect(await startedAt(page)).not.toBe(before);
    expect(page.url()).toBe(productUrl);
    await editor.getByRole('status').filter({ hasText: 'Your unsaved changes were restored.' }).waitFor(); // said, not only shown (the screen reader's copy is filled 100 ms later: two matches for getByText)
    expect(await editor.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Typed before the tunnel');
  });

  it('an add to the cart offline: back online it says calmly that nothing was added and Add to cart adds it (its Try again only took the panel away)', async () => {
    const { page, context } = await e2e.open({ width: 1280, height: 900 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.locator('main ul > li article').nth(1).getByRole('link').first().click();
    const add = page.getByRole('button', { name: 'Add to cart' });
    await add.waitFor();
    await context.setOffline(true);
    await add.click();
    const failure = page.getByRole('main').getByRole('alert').filter({ hasText: 'This browser is offline' });
    await failure.waitFor();
    await context.setOffline(false);
    const note = page.getByRole('status').filter({ hasText: 'Back online.' });
    await note.getByText('Nothing was added to the cart while this browser was offline. Add to cart adds it now.', { exact: false }).waitFor();
    expect(await failure.count()).toBe(0);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await note.evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-cart-add-back-online-${width}.png` });
    }
    await add.click();
    await page.getByRole('status').filter({ hasText: /Your cart now has 1 of this/ }).waitFor();
    expect(await note.count()).toBe(0);
  });

  it('an add to the cart cut off as the link drops, after the store added it: back online it says the cart may have it and to look there, never that nothing was added; View cart shows it', async () => {
    const { page, context } = await e2e.open({ width: 1280, height: 900 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const card = page.locator('main ul > li article').nth(1);
    await card.waitFor();
    const productName = (await card.locator('h3').innerText()).trim();
    await card.getByRole('link').first().click();
    let adds = 0;
    await page.route(`${e2e.env.store.origin}/api/v1/cart/items`, async (route) => {
      adds++;
      // The store adds it; the link drops before its answer is back.
      await route.fetch();
      await context.setOffline(true);
      await page.waitForFunction(() => !navigator.onLine);
      await route.abort('internetdisconnected');
    });
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('main').getByRole('alert').filter({ hasText: 'This browser is offline' }).waitFor();
    await context.setOffline(false);
    const note = page.getByRole('status').filter({ hasText: 'Back online.' });
    await note.getByText('The link dropped while this was on its way to the cart, so the cart may have it already. Look there before adding it again', { exact: false }).waitFor();
    expect(await page.getByText(/Nothing was added/).count()).toBe(0);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await note.evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-cart-add-unsure-${width}.png` });
    }
    await note.getByRole('link', { name: 'View cart' }).click();
    await page.getByRole('row').filter({ hasText: productName }).waitFor();
    expect(adds).toBe(1);
  });

  it('a product’s save cut off as the link drops, after the store saved it: back online it says the store may have saved it, and Save changes says Saved. (not "Changed elsewhere", as the store’s newer copy was its own)', async () => {
    const { page, context } = await e2e.open({ width: 1280, height: 900 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.locator('main ul > li article').nth(2).getByRole('link').first().click();
    const editor = page.getByRole('form', { name: 'Edit product' });
    const name = editor.getByRole('textbox', { name: 'Name' });
    await name.fill('Renamed in the tunnel');
    const patches: number[] = [];
    await page.route(new RegExp(`^${e2e.env.store.origin}/api/v1/products/[^/?]+$`), async (route) => {
      if (route.request().method() !== 'PATCH') return route.continue();
      if (patches.length > 0) {
        const response = await route.fetch();
        patches.push(response.status());
        return route.fulfill({ response });
      }
      // The store saves it; the link drops before its answer is back.
      patches.push((await route.fetch()).status());
      await context.setOffline(true);
      await page.waitForFunction(() => !navigator.onLine);
      await route.abort('internetdisconnected');
    });
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await editor.getByRole('alert').filter({ hasText: 'This browser is offline' }).waitFor();
    await context.setOffline(false);
    const note = editor.getByRole('status').filter({ hasText: 'Back online.' });
    await note.getByText('The link dropped while your changes were on their way, so the store may have saved them; they are kept here. Save changes is safe', { exact: false }).waitFor();
    expect(await page.getByText(/were not saved/).count()).toBe(0);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await note.evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-edit-unsure-${width}.png` });
    }
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await editor.getByText('Saved.', { exact: true }).waitFor();
    expect(await page.getByText('Changed elsewhere').count()).toBe(0);
    expect(await name.inputValue()).toBe('Renamed in the tunnel');
    // The store had the first; the second met its newer copy (the demo store's 409), which was this save's.
    expect(patches).toEqual([200, 409]);
  });

  it('a new product’s Add sent offline: back online it says calmly that nothing was added, and Add product adds it (the red panel said "Back online")', async () => {
    const { page, context } = await e2e.open({ width: 1280, height: 900 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const answered = createsAnswered(page);
    const adding = await newProductTyped(page, 'Mug from the tunnel');
    await context.setOffline(true);
    await adding.getByRole('button', { name: 'Add product' }).click();
    const failure = adding.getByRole('alert').filter({ hasText: 'This browser is offline' });
    await failure.waitFor();
    await context.setOffline(false);
    const note = adding.getByRole('status').filter({ hasText: 'Back online.' });
    await note.getByText('Nothing was added to the store while this browser was offline; what you typed is kept here. Add product adds it now.', { exact: false }).waitFor();
    expect(await failure.count()).toBe(0);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await note.evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-new-product-back-online-${width}.png` });
    }
    await adding.getByRole('button', { name: 'Add product' }).click();
    await page.getByRole('heading', { name: 'Mug from the tunnel', level: 1 }).waitFor();
    // Sent at once (nothing to look for first), and once.
    expect(answered()).toEqual(['POST']);
  });

  it('a new product’s Add cut off as the link drops, after the store kept it: back online it says the store may have it, never that nothing was added, and Add product opens the one kept', async () => {
    const { page, context } = await e2e.open({ width: 1280, height: 900 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    let posts = 0;
    await page.route(`${e2e.env.store.origin}/api/v1/products`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      if (++posts > 1) return route.continue();
      // The store keeps it; the link drops before its answer is back.
      await route.fetch();
      await context.setOffline(true);
      await page.waitForFunction(() => !navigator.onLine);
      await route.abort('internetdisconnected');
    });
    const adding = await newProductTyped(page, 'Mug cut off');
    await adding.getByRole('button', { name: 'Add product' }).click();
    await adding.getByRole('alert').filter({ hasText: 'This browser is offline' }).waitFor();
    await context.setOffline(false);
    const note = adding.getByRole('status').filter({ hasText: 'Back online.' });
    await note.getByText('The link dropped while the product was on its way, so the store may have added it.', { exact: false }).waitFor();
    expect(await page.getByText(/Nothing was added|Nothing reached the store/).count()).toBe(0);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await note.evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-new-product-unsure-${width}.png` });
    }
    await adding.getByRole('button', { name: 'Add product' }).click();
    await page.getByRole('heading', { name: 'Mug cut off', level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'It was saved: the store had it already.' }).waitFor();
    expect(posts).toBe(1);
  });

  it('a page loaded ahead as the scroll nears the end, when the link drops: said under the cards, and back online it comes by itself, the focus left on the page (a card took it)', async () => {
    const { page, context } = await e2e.open({ width: 1280, height: 900 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const cards = page.locator('main ul > li article');
    await cards.first().waitFor();
    const lastPlace = () => lastPlaceOf(page);
    await context.setOffline(true);
    const failure = page.getByRole('main').getByRole('alert').filter({ hasText: 'This browser is offline' });
    for (let turn = 0; turn < 40 && (await failure.count()) === 0; turn++) {
      await page.mouse.wheel(0, 1500);
      await page.waitForTimeout(100);
    }
    await failure.getByText('Nothing could reach the store. It is tried again by itself once the browser is back online.').waitFor();
    await failure.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await failure.evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-load-ahead-${width}.png` });
    }
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    // Nothing more comes while offline: the list ends where the failed page would begin.
    const before = await lastPlace();
    await context.setOffline(false);
    await failure.waitFor({ state: 'detached' });
    await expect.poll(lastPlace).toBeGreaterThan(before);
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  });

  it('pictures that could not load while offline say so, not "No picture", and come once back online (they stayed "No picture")', async () => {
    const { page, context } = await e2e.open({ width: 1280, height: 900 });
    // The pictures on their way when the link drops: held, then failed as offline fails them.
    const held: Array<() => Promise<void>> = [];
    const holding = (route: Route) => void held.push(() => route.abort('internetdisconnected'));
    const pictures = (url: URL) => /\.(png|jpe?g|webp|gif|svg)$/.test(url.pathname);
    await page.route(pictures, holding);
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const cards = page.locator('main ul > li article');
    await cards.first().waitFor();
    await expect.poll(() => held.length).toBeGreaterThan(0);
    await context.setOffline(true);
    await Promise.all(held.map((abort) => abort()));
    await page.unroute(pictures, holding);
    const notLoaded = page.locator('main ul > li article').getByText('Not loaded: offline');
    await notLoaded.first().waitFor();
    /** The names of the cards whose picture says `words`. */
    const namesSaying = (words: string) =>
      page.evaluate((words) => [...document.querySelectorAll('main ul > li article')].filter((card) => card.textContent?.includes(words)).map((card) => card.querySelector('h3')?.textContent?.trim() ?? ''), words);
    const missed = await namesSaying('Not loaded: offline');
    // A product with no picture at all still says so; none of those that have one.
    expect((await namesSaying('No picture')).filter((name) => missed.includes(name))).toEqual([]);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await notLoaded.first().evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-pictures-${width}.png` });
    }
    await context.setOffline(false);
    await expect.poll(() => notLoaded.count()).toBe(0);
    // Each comes: its picture drawn, not the mark (the list is where it was: nothing scrolled meanwhile).
    await expect
      .poll(() =>
        page.evaluate(
          (names) => {
            // those still drawn (the grid draws the cards near the viewport)
            const drawn = [...document.querySelectorAll('main ul > li article')].filter((card) => names.includes(card.querySelector('h3')?.textContent?.trim() ?? ''));
            return drawn.length > 0 && drawn.every((card) => (card.querySelector('img')?.naturalWidth ?? 0) > 0);
          },
          missed,
        ),
      )
      .toBe(true);
    expect((await namesSaying('No picture')).filter((name) => missed.includes(name))).toEqual([]);
  });

  it('a picture asked for offline whose failure is told only once the browser is back online (a busy page) comes, not "No picture" for good (it said "No picture")', async () => {
    const { page, context } = await e2e.open({ width: 1280, height: 900 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const cards = page.locator('main ul > li article');
    await cards.first().waitFor();
    // Offline, the cards scrolled to ask for their pictures; their failures are held
    // until the browser is back online, as a busy page runs the error's task after the online event.
    const held: Array<() => Promise<void>> = [];
    const holding = (route: Route) => void held.push(() => route.abort('internetdisconnected'));
    const pictures = (url: URL) => /\/images\/\d+\.svg$/.test(url.pathname);
    await page.route(pictures, holding);
    await context.setOffline(true);
    await page.evaluate(() => scrollBy(0, 2500));
    await expect.poll(() => held.length).toBeGreaterThan(0);
    /** The names of the drawn cards whose picture is still on its way. */
    const waiting = await page.evaluate(() =>
      [...document.querySelectorAll('main ul > li article')].filter((card) => card.querySelector('img')?.complete === false).map((card) => card.querySelector('h3')?.textContent?.trim() ?? ''),
    );
    expect(waiting.length).toBeGreaterThan(0);
    await context.setOffline(false);
    await page.waitForFunction(() => navigator.onLine);
    await Promise.all(held.splice(0).map((abort) => abort()));
    await page.unroute(pictures, holding);
    await expect
      .poll(() =>
        page.evaluate((names) => {
          const drawn = [...document.querySelectorAll('main ul > li article')].filter((card) => names.includes(card.querySelector('h3')?.textContent?.trim() ?? ''));
          return drawn.length > 0 && drawn.every((card) => (card.querySelector('img')?.naturalWidth ?? 0) > 0);
        }, waiting),
      )
      .toBe(true);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-pictures-told-late-${width}.png` });
    }
  });

  it('a returning visitor’s catalogue, the link dropped once its cards show: a search says this browser is offline (its panel’s code is no part of the store screen’s chunk, and came after the cards), and back online the search comes by itself', async () => {
    const { page, context } = await e2e.open({ width: 1280, height: 900 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const cards = page.locator('main ul > li article');
    await cards.first().waitFor();
    // Another visit, on the catalogue: nothing of this document's code was fetched before it.
    await page.reload();
    await cards.first().waitFor();
    // The failure parts (failure-parts.ts) are fetched as the first cards are drawn, not with the
    // store screen's chunk that the cards wait for: in memory before the link drops.
    await expect.poll(() => failurePartsFetched(page)).toBe(true);
    await context.setOffline(true);
    await page.getByRole('searchbox', { name: 'Search' }).fill('mug');
    const kept = page.getByRole('main').getByRole('alert').filter({ hasText: 'The new list could not be loaded, so the products shown before stay below.' });
    await kept.getByText('This browser is offline').waitFor();
    expect(await page.getByText('Part of this app could not be loaded').count()).toBe(0);
    expect(await cards.count()).toBeGreaterThan(0);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-returning-search-${width}.png` });
    }
    await context.setOffline(false);
    await kept.waitFor({ state: 'detached' });
    await page.getByText(/matching “mug”/).waitFor();
  });

  it('a sign-out offline, in a visit that began on a store’s screen: the stores list says it was signed out of (it said "Part of this app could not be loaded" in the list’s place)', async () => {
    const { page, context } = await e2e.open({ width: 1280, height: 900 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const card = page.locator('main ul > li article').first();
    await card.waitFor();
    // Another visit, on the catalogue: the stores list's code has not been asked for in it.
    await page.reload();
    await card.waitFor();
    // The banners' code, which the catalogue asks for as its first cards are drawn (failure-parts.ts), brings the stores list's
    // and its note's with it, once the page is idle.
    await expect.poll(() => signOutCodeFetched(page)).toBe(true);
    await context.setOffline(true);
    await page.getByRole('banner').getByRole('button', { name: /^Sign out/ }).click();
    await page.getByText(`Signed out of ${STORE_NAME}.`).first().waitFor();
    await page.getByRole('heading', { name: 'Your stores', level: 1 }).waitFor();
    expect(await page.getByText('Part of this app could not be loaded').count()).toBe(0);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-sign-out-${width}.png` });
    }
  });

  it('a sign-out offline, on a page that never loaded the drafts’ code: the next person to connect the store finds none of the unsaved edit (it was restored in their editor)', async () => {
    const { page, context } = await e2e.open({ width: 1280, height: 900 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const card = page.locator('main ul > li article').nth(2);
    await card.waitFor();
    const catalogueUrl = page.url();
    await card.getByRole('link').first().click();
    const editor = page.getByRole('form', { name: 'Edit product' });
    const name = editor.getByRole('textbox', { name: 'Name' });
    const productName = await name.inputValue();
    await name.fill('The first person’s unsaved edit');
    await expect.poll(() => draftsHolding(page, 'The first person’s unsaved edit')).toBe(true);
    const productUrl = page.url();

    // Another visit, on the catalogue, whose drafts' code never comes: the link drops as it is asked for.
    const draftsCode = chunkUrl('drafts');
    await page.route(draftsCode, (route) => route.abort('internetdisconnected'));
    await page.goto(catalogueUrl);
    await page.reload();
    await card.waitFor();
    // What the sign-out lands on, fetched ahead (as in the test above), before the link drops.
    await expect.poll(() => signOutCodeFetched(page)).toBe(true);
    await context.setOffline(true);
    await page.getByRole('banner').getByRole('button', { name: /^Sign out/ }).click();
    await page.getByText(`Signed out of ${STORE_NAME}.`).first().waitFor();
    // Its discard could not run: the edit is still there, for the drafts' code to discard where it next loads.
    expect(await draftsHolding(page, 'The first person’s unsaved edit')).toBe(true);

    // The next person, in this browser, once it is back online.
    await context.setOffline(false);
    await page.unroute(draftsCode);
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.locator('main ul > li article').first().waitFor();
    await page.goto(productUrl);
    await editor.waitFor();
    await expect.poll(() => draftsHolding(page, 'The first person’s unsaved edit')).toBe(false);
    expect(await name.inputValue()).toBe(productName);
    expect(await editor.getByText('Your unsaved changes were restored.').count()).toBe(0);
  });
});

/**
 * Whether the stores list's code and its "Signed out of …" have been fetched: the banners' code asks
 * for them once the page is idle, 2 s after it loads (Banners.svelte), for a sign-out made offline.
 */
function signOutCodeFetched(page: Page): Promise<boolean> {
  return page.evaluate(() => ['HomeView', 'SignedOutNote'].every((name) => performance.getEntriesByType('resource').some((entry) => new RegExp(`/${name}-[\\w-]{8}\\.js$`).test(entry.name))));
}

/** The methods of the requests for the store's products that got an answer, from now: a search is a GET. */
function createsAnswered(page: Page): () => string[] {
  const answered: string[] = [];
  page.on('requestfinished', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/v1/products' && (request.method() === 'POST' || url.searchParams.has('q'))) answered.push(request.method());
  });
  return () => answered;
}

/** The New product form, opened from the catalogue, with `name` and a price typed. */
async function newProductTyped(page: Page, name: string) {
  await page.getByRole('button', { name: 'New product' }).click();
  const adding = page.getByRole('form', { name: 'New product' });
  await adding.getByRole('textbox', { name: 'Name' }).fill(name);
  await adding.getByRole('textbox', { name: /^Price/ }).fill('24.5');
  return adding;
}
