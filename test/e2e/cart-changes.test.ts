/**
 * The cart of a Goodsie demo store, in Chromium, as it changes after the shopper filled it. A product
 * that sold out: its line says "Out of stock" (it said nothing until the store's own checkout),
 * at 360 px in the dark theme and at 1280 px in the light one (one cart, seen in both), within the screen. And a product out
 * of stock: no quantity field beside its disabled button, so Tab stops on neither. A price
 * changed since the product went into the cart, where the store totals at the old one: the lines
 * (today's prices) and the store's subtotal disagree, and the screen says why instead of leaving a
 * sum that does not add up. And an add the store takes only part of (the demo store keeps at most 99
 * on a line): the cart's count as the store answered, and that it is fewer than this page added.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { axeAudit } from '../helpers/axe.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart'] } });

describe('a cart line whose product sold out', () => {
  // One cart for both looks: filled and opened at 360 px in the dark theme, then checked again at
  // 1280 px in the light one (the viewport resized, the scheme emulated, two frames given).
  it(`at 360 px (dark) and at 1280 px (light): says “Out of stock” on that line only, keeps its quantity and total`, async () => {
    const { page } = await e2e.open({ width: 360, height: 800, colorScheme: 'dark' });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const cards = page.locator('main ul > li article');
    // two products in the cart
    const names: string[] = [];
    for (const nth of [1, 2]) {
      await cards.nth(nth).waitFor();
      names.push((await cards.nth(nth).locator('h3').textContent())!);
      await cards.nth(nth).getByRole('link').first().click();
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await page.getByRole('link', { name: 'View cart' }).waitFor();
      await page.goBack();
    }
    const [inStock, soldOut] = names as [string, string];
    // The second one sells out: the store now answers for it as for a product out of stock.
    await page.route(/\/api\/v1\/products\/[^/?]+$/, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { name?: string };
      await route.fulfill({ response, json: body.name === soldOut ? { ...body, in_stock: false } : body });
    });
    await page.getByRole('link', { name: 'Cart', exact: true }).click();
    const line = (name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await line(soldOut).waitFor();
    await line(soldOut).getByText('Out of stock', { exact: true }).waitFor();
    for (const [width, colorScheme] of [[360, 'dark'], [1280, 'light']] as const) {
      if (page.viewportSize()!.width !== width) {
        await page.setViewportSize({ width, height: 800 });
        await page.emulateMedia({ colorScheme });
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      }
      await line(soldOut).getByText('Out of stock', { exact: true }).waitFor();
      expect(await line(inStock).getByText(/stock/).count()).toBe(0);
      const cells = await line(soldOut).getByRole('cell').allInnerTexts();
      expect(cells[1]).toBe('1');
      expect(cells[2]).toMatch(/^\$\d+\.\d\d$/);

      await page.screenshot({ path: join(SCREENSHOT_DIR, `cart-sold-out-${width}-${colorScheme}.png`), fullPage: true });
      const serious = (await axeAudit(page)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      expect(serious, `${width} ${colorScheme}`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    }
  });
});

describe('a product out of stock', () => {
  it('from the keyboard: Tab goes from Back to the catalogue past the disabled button, no quantity drawn beside it (it stopped on a quantity with nothing to add to)', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const card = page.locator('main ul > li article').first();
    await card.waitFor();
    // The first product, answered as out of stock (as the store answers for one): not found by
    // scrolling for a card that says so, which raced the cards' pictures (a card shows its badges
    // once shown, and the scroll went on past it; CI at cf86f57).
    const name = (await card.locator('h3').textContent())!;
    await page.route(/\/api\/v1\/products\/[^/?]+$/, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { name?: string };
      await route.fulfill({ response, json: body.name === name ? { ...body, in_stock: false } : body });
    });
    await card.getByRole('link').first().click();
    const button = page.getByRole('button', { name: 'Out of stock' });
    await button.waitFor();
    expect(await button.isDisabled()).toBe(true);
    // no quantity beside it: a greyed "1" read as a count, and offered nothing
    expect(await page.getByRole('spinbutton').count()).toBe(0);
    await page.getByRole('link', { name: '← Back to the catalogue' }).focus();
    await page.keyboard.press('Tab');
    // the next stop is past the form: the product's first category
    expect(await page.evaluate(() => document.activeElement?.closest('.tags') !== null)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'product-out-of-stock-360.png'), fullPage: true });
  });
});

describe('a cart line whose price changed since it was added', () => {
  it('at 360 px (dark): the store’s subtotal stays, and a note says what the lines add up to and why they differ', async () => {
    const { page } = await e2e.open({ width: 360, height: 800, colorScheme: 'dark' });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const card = page.locator('main ul > li article').nth(1);
    await card.waitFor();
    const name = (await card.locator('h3').textContent())!;
    await card.getByRole('link').first().click();
    await page.getByRole('spinbutton', { name: 'Quantity' }).fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'View cart' }).waitFor();
    // The product costs $5 more now; the store (as one that keeps the price an item was added at) totals at the old one.
    let price = 0;
    await page.route(/\/api\/v1\/products\/[^/?]+$/, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { name?: string; cost_raw: number };
      if (body.name === name) price = body.cost_raw + 5;
      await route.fulfill({ response, json: body.name === name ? { ...body, cost_raw: price } : body });
    });
    await page.getByRole('link', { name: 'View cart' }).click();
    const note = page.getByText(/^These prices add up to/);
    await note.waitFor();
    const dollars = (amount: number) => `$${amount.toFixed(2)}`;
    expect(await note.innerText()).toBe(
      `These prices add up to ${dollars(price * 2)}, not the store’s subtotal: a price may have changed since it went into your cart. The subtotal is the store’s, and its checkout has the final amount.`,
    );
    expect(await page.getByRole('row', { name: /Subtotal/ }).getByRole('cell').innerText()).toBe(dollars((price - 5) * 2));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'cart-price-changed-360-dark.png'), fullPage: true });
    expect((await axeAudit(page)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });
});

describe('an add the store takes only part of', () => {
  it('at 360 px: 2, then 99 more of one product, where the store keeps at most 99 on a line: says the cart has 99, fewer than the 101 added', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const card = page.locator('main ul > li article').first();
    await card.waitFor();
    await card.getByRole('link').first().click();
    const quantity = page.getByRole('spinbutton', { name: 'Quantity' });
    const result = page.getByRole('status').filter({ hasText: /Your cart now has/ });
    await quantity.fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await result.filter({ hasText: /^Your cart now has 2 of this \(2 items in all\)\./ }).waitFor();
    // every one taken: nothing more said
    expect((await result.innerText()).trim()).toBe('Your cart now has 2 of this (2 items in all). View cart');
    await quantity.fill('99');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    // the store's answer, as it is, and that it is not what was added (it said "99 of this" and no more)
    await result.filter({ hasText: /^Your cart now has 99 of this \(99 items in all\)\./ }).waitFor();
    expect(await result.innerText()).toContain('That is fewer than the 101 added here: the store may limit how many of one product a cart holds');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'cart-add-fewer-360.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });
});
