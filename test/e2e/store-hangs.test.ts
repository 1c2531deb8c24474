/**
 * A store that takes the connection and never answers (the demo store's hangs.ts), in Chromium on the
 * built app. Regression (shopper QA, Goodsie at 360 px): a product stayed at "Loading product…" and
 * Add to cart at "Adding…" for ever, with nothing said and nothing to press. Now every store API
 * request has a time limit of 20 s (src/lib/api/time-limit.ts): a read says the store is taking too
 * long to answer, with Try again, which loads it once the store answers; a write says the store may
 * have done it, and keeps what was chosen. The page's clock (page.clock, installed before the app
 * loads) is moved past the limit: no test waits 20 s. Photographed at 360 and 1280 px
 * (store-hangs-*.png).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart'] } });

/** Just under and just over the store API's time limit (20 s). */
const UNDER_LIMIT_MS = 19_000;
const PAST_LIMIT_MS = 2_000;

afterEach(async () => {
  await e2e.env.store.hangs.release();
});

/** A page with its clock installed (before the app loads), connected to the demo store, its catalogue drawn. */
async function connected(): Promise<Page> {
  const { page } = await e2e.open({ width: 360, height: 780 });
  await page.clock.install({ time: Date.now() });
  await page.goto(e2e.env.app.url);
  await connectThroughConsent(page, STORE_NAME);
  await page.locator('main ul > li article').nth(1).waitFor();
  return page;
}

async function shootAtBothWidths(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `store-hangs-${name}-360.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `store-hangs-${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 360, height: 780 });
}

/** Waits (bounded) until the demo store holds `count` hung requests in all. */
async function heldReach(count: number): Promise<void> {
  await expect.poll(() => e2e.env.store.hangs.held(), { timeout: 10_000 }).toBeGreaterThanOrEqual(count);
}

describe('a store that never answers', () => {
  it('a product read: after 20 s says the store is taking too long to answer, with Try again, which loads the product once the store answers', async () => {
    const page = await connected();
    const before = e2e.env.store.hangs.held();
    e2e.env.store.hangs.hang('GET', /^\/api\/v1\/products\/[^/]+$/);
    const card = page.locator('main ul > li article').nth(1);
    const name = (await card.locator('h3').textContent())!.trim();
    await card.getByRole('link').first().click();
    await heldReach(before + 1);

    const late = page.getByRole('alert').filter({ hasText: `${STORE_NAME} is taking too long to answer` });
    await page.clock.fastForward(UNDER_LIMIT_MS);
    expect(await late.count(), 'not before the limit').toBe(0);
    await page.clock.fastForward(PAST_LIMIT_MS);
    await late.waitFor();
    expect(await late.innerText()).toContain('Try again in a moment');
    expect(await late.innerText()).not.toMatch(/could not be reached|Error:|at \w+ \(/);
    await shootAtBothWidths(page, 'product');

    // The store answers again: Try again loads the product.
    await e2e.env.store.hangs.release();
    await late.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('button', { name: 'Add to cart' }).waitFor();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    expect(await late.count()).toBe(0);
  });

  it('Add to cart: after 20 s says the store did not answer in time and the cart may have it, keeps the quantity, and the cart does have it', async () => {
    const page = await connected();
    const card = page.locator('main ul > li article').nth(2);
    const name = (await card.locator('h3').textContent())!.trim();
    await card.getByRole('link').first().click();
    const add = page.getByRole('button', { name: 'Add to cart' });
    await add.waitFor();
    const quantity = page.getByRole('spinbutton', { name: 'Quantity' });
    await quantity.fill('3');
    // The store adds it, and its answer never comes.
    const before = e2e.env.store.hangs.held();
    e2e.env.store.hangs.hang('POST', /^\/api\/v1\/cart\/items$/, { done: true });
    await add.click();
    await page.getByRole('button', { name: 'Adding…' }).waitFor();
    await heldReach(before + 1);

    const unsure = page.getByRole('alert').filter({ hasText: `${STORE_NAME} did not answer in time` });
    await page.clock.fastForward(UNDER_LIMIT_MS);
    expect(await unsure.count(), 'not before the limit').toBe(0);
    await page.clock.fastForward(PAST_LIMIT_MS);
    await unsure.waitFor();
    const said = await unsure.innerText();
    expect(said).toContain('The cart may have it already: look there before adding it again');
    expect(said).not.toMatch(/could not be reached|Nothing was added|Error:/);
    expect(await quantity.inputValue(), 'the quantity chosen is kept').toBe('3');
    // Its button does not add (it only takes the panel away): not called Try again.
    expect(await unsure.getByRole('button').allInnerTexts()).toEqual(['Dismiss']);
    await page.getByRole('button', { name: 'Add to cart' }).waitFor();
    const viewCart = page.getByRole('main').getByRole('link', { name: 'View cart' });
    await viewCart.waitFor();
    await shootAtBothWidths(page, 'add-to-cart');

    // And it was right to say so: the store did add it.
    await e2e.env.store.hangs.release();
    await viewCart.click();
    const line = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await line.waitFor();
    expect((await line.getByRole('cell').allInnerTexts())[1]).toBe('3');
  });
});
