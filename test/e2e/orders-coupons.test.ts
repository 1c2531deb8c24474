/**
 * The orders and coupons screens of a Goodsie demo store (30 orders, 20 a page; four coupons, two of
 * them past their end), in Chromium: the orders page in the address is the one the screen says, so a
 * reload or a shared link lands on it; expired coupons come after the active ones, with no Copy.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart', 'admin'] } });

describe('orders and coupons', () => {
  it('Older shows page 2 with ?page=2 in the address, and a reload shows the same page (regression: the address said ?page=1)', async () => {
    const { page } = await e2e.open({ width: 1280, height: 900 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();

    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByText('Page 1 of 2').waitFor();
    expect(new URL(page.url()).hash).toBe('#/s/demo/orders');
    // how many orders the store holds (it tells), beside the paging
    expect(await page.getByRole('navigation', { name: 'Order pages' }).locator('span').innerText()).toBe('Page 1 of 2 · 30 orders');
    const firstOfPage1 = await page.locator('tbody tr td').first().textContent();
    // each order's status in words a screen reader reads as shown ("Shipped", not "shipped" capitalised by CSS)
    expect(await page.getByRole('cell', { name: /^(Pending|Paid|Shipped|Cancelled|Refunded)$/ }).count()).toBe(20);

    // From the keyboard: the link pressed goes with its page; the focus goes to the new page's orders,
    // named with the page (it fell to the document's body), the screen shown from its top.
    const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);
    await page.getByRole('link', { name: 'Older' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Page 2 of 2').waitFor();
    await expect.poll(focusedName).toBe('Orders, page 2 of 2');
    expect(await page.evaluate(() => scrollY)).toBe(0);
    expect(new URL(page.url()).hash).toBe('#/s/demo/orders?page=2');
    const firstOfPage2 = await page.locator('tbody tr td').first().textContent();
    expect(firstOfPage2).not.toBe(firstOfPage1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'orders-page-2-1280.png'), fullPage: true });

    await page.reload();
    await page.getByText('Page 2 of 2').waitFor();
    expect(await page.locator('tbody tr td').first().textContent()).toBe(firstOfPage2);
    expect(new URL(page.url()).hash).toBe('#/s/demo/orders?page=2');

    await page.getByRole('link', { name: 'Newer' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Page 1 of 2').waitFor();
    await expect.poll(focusedName).toBe('Orders, page 1 of 2');
    expect(new URL(page.url()).hash).toBe('#/s/demo/orders');
    expect(await page.locator('tbody tr td').first().textContent()).toBe(firstOfPage1);

    // A link past the end names the page it asked for; ?page=0 is the first page.
    await page.goto(`${e2e.env.app.url}#/s/demo/orders?page=3`);
    await page.getByText('No orders on page 3: the store’s orders end before it.').waitFor();
    await page.goto(`${e2e.env.app.url}#/s/demo/orders?page=0`);
    await page.getByText('Page 1 of 2').waitFor();
  });

  it('on a phone, Older from the keyboard shows the next page from its top, the focus on its orders (the focus scrolled the heading away)', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByText('Page 1 of 2').waitFor();
    await page.getByRole('link', { name: 'Older' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Page 2 of 2').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Orders, page 2 of 2');
    expect(await page.evaluate(() => scrollY)).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'orders-page-2-keyboard-360.png') });
  });

  it('says coupons are only shown here and edited in the store’s own admin; lists the active coupons first, each with Copy, then the expired ones under “Expired”, without Copy', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Coupons' }).click();
    await page.locator('main li code').first().waitFor();
    // shown, not edited, here: said under the title (a merchant looked for an edit button)
    await page.getByText('Shown here to copy and share. Coupons are created and changed in the store’s own admin.', { exact: true }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'coupons-grouped-360.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'coupons-grouped-1280.png') });
    await page.setViewportSize({ width: 360, height: 800 });

    const now = Date.now();
    const seeded = [
      ['WELCOME10', '2030-01-01T00:00:00.000Z'],
      ['SPRING15', '2026-06-01T00:00:00.000Z'],
      ['VIP20', '2029-12-31T23:59:59.000Z'],
      ['CLEARANCE40', '2024-02-01T00:00:00.000Z'],
    ] as const;
    const active = seeded.filter(([, end]) => Date.parse(end) >= now).map(([code]) => code);
    const expired = seeded.filter(([, end]) => Date.parse(end) < now).map(([code]) => code);
    expect(expired.length).toBeGreaterThan(0);
    expect(await page.locator('main li code').allTextContents()).toEqual([...active, ...expired]);
    // each group under its heading, the active ones too (a screen reader's list of headings skipped them)
    expect(await page.getByRole('list', { name: 'Active now' }).locator('code').allTextContents()).toEqual(active);
    expect(await page.locator('main').getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Active now', 'Expired']);
    const expiredList = page.getByRole('list', { name: 'Expired' });
    expect(await expiredList.locator('code').allTextContents()).toEqual(expired);
    expect(await expiredList.getByRole('button').count()).toBe(0);
    for (const code of active) await page.getByRole('button', { name: `Copy ${code}` }).waitFor();
  });
  it('a store with no orders yet says so, and where they will come from', async () => {
    for (const width of [360, 1280]) {
      const { page } = await e2e.open({ width, height: 800 });
      await page.goto(e2e.env.app.url);
      await connectThroughConsent(page, STORE_NAME);
      await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
      // The store's own answer for a shop that has sold nothing yet (its API's shape, no orders).
      await page.route(/\/api\/v1\/orders/, (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: JSON.stringify({ orders: [], paging: { page: 0, count: 20, total: 0 } }) }),
      );
      await page.getByRole('link', { name: 'Orders' }).click();
      await page.getByText('No orders yet. Orders placed in the store show here, newest first.').waitFor();
      expect(await page.getByRole('navigation', { name: 'Order pages' }).count()).toBe(0);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `orders-none-yet-${width}.png`) });
      await page.close();
    }
  });
});
