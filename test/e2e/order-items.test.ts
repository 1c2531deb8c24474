/**
 * What each order bought, on the Orders screen of the built app in Chromium, against the faithful
 * local Shopware, StoreHippo and Foxy servers: a short line per order in an Items column (a card's
 * row at 360 px), the whole list behind a disclosure opened and closed from the keyboard; a Shopware
 * promotion's discount line is not an item; a Shopware order of more lines than are read says so
 * ("and more", the rest in the store's admin) rather than passing for whole; the store's names are text.
 * Where the platform's line says what it cost (Shopware `totalPrice`, Foxy `price` × `quantity`), each
 * line says it, in the order's currency, so a merchant can check a total or answer what an item cost
 * (regression: only names and quantities, no price a merchant could check the total by).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { openAppHome, servePlatformApp } from '../helpers/platform-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { pasteKey, useHippoApp } from '../helpers/storehippo-app.ts';
import { DEMO_INTEGRATIONS } from '../platforms/shopware/constants.ts';
import { startShopwareStore } from '../platforms/shopware/server.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';
import { DEMO_BUNDLE } from '../platforms/foxy/constants.ts';
import { createSeed } from '../platforms/foxy/seed.ts';
import { parseFoxyDate } from '../../src/lib/providers/foxy/wire.ts';
import { startFoxyStore } from '../platforms/foxy/server.ts';

const e2e = useE2e();
const hippoApp = useHippoApp();
const ADMIN = DEMO_INTEGRATIONS[2]!;

/** The Customer cell of the order numbered `number`: its lines (the name, then the email). */
const customerOf = (page: Page, number: string) => page.getByRole('row').filter({ hasText: `#${number}` }).locator('td.customer > span').allInnerTexts();

/** The Items cell of the order numbered `number` (the row that reads "#number"). */
const itemsOf = (page: Page, number: string) => page.getByRole('row').filter({ hasText: `#${number}` }).locator('td.items');

/** Opens the order's list from the keyboard (Tab from the cell before it, then Enter), reads it, closes it with Space. */
async function listByKeyboard(page: Page, number: string): Promise<string[]> {
  const cell = itemsOf(page, number);
  const summary = cell.locator('summary');
  await page.getByRole('row').filter({ hasText: `#${number}` }).locator('td.customer').click();
  await page.keyboard.press('Tab');
  expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
  const list = cell.getByRole('listitem');
  expect(await list.first().isVisible()).toBe(false);
  await page.keyboard.press('Enter');
  await list.first().waitFor();
  const lines = await list.allInnerTexts();
  await page.keyboard.press(' ');
  await list.first().waitFor({ state: 'hidden' });
  await page.keyboard.press(' ');
  await list.first().waitFor();
  return lines;
}

async function screenshots(page: Page, name: string, number: string): Promise<void> {
  // in between (a tablet, a half-screen window): cards up to 56rem, then the table; never scrolled sideways
  for (const width of [680, 900]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${width}.png`, fullPage: true });
    expect(await page.locator('#main .scroll').evaluate((region) => region.scrollWidth - region.clientWidth)).toBeLessThanOrEqual(1);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-1280.png`, fullPage: true });
  // each status one pill, however narrow its column ("Shipped · Partly paid" broke into two pieces)
  expect(await page.locator('#main .status').evaluateAll((pills) => pills.filter((p) => p.getClientRects().length !== 1).map((p) => p.textContent))).toEqual([]);
  // each customer's address whole on one line (Foxy's "never-pays@example.com" broke at its hyphen)
  expect(await page.locator('#main td.customer .email').evaluateAll((emails) => emails.filter((e) => new Set([...e.getClientRects()].map((r) => Math.round(r.top))).size !== 1).map((e) => e.textContent))).toEqual([]);
  await page.setViewportSize({ width: 360, height: 800 });
  // a card: the items under the customer, across its width, labelled by its column for the eye
  const cell = itemsOf(page, number);
  await cell.scrollIntoViewIfNeeded();
  const [row, box] = await Promise.all([page.getByRole('row').filter({ hasText: `#${number}` }).boundingBox(), cell.boundingBox()]);
  expect(box!.width).toBeGreaterThan(row!.width * 0.8);
  expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-360.png`, fullPage: true });
}

describe('Orders say what was bought', () => {
  it('Shopware: each order’s line items (asked with lineItems), the promotion’s discount line left out, a long list behind a disclosure; a name with markup is text', async () => {
    const { app } = await servePlatformApp(e2e, {
      basePath: '/shops/demo/',
      startStore: () => startShopwareStore({ port: 0 }),
      config: (shop) => ({ stores: [{ id: 'sw', kind: 'shopware6', name: 'Shopware Demo Shop', apiBase: shop.origin, auth: ['integration'], currency: 'EUR' }] }),
    });
    const { page } = await openAppHome(e2e, app, 1280);
    await page.getByLabel('Access key ID').fill(ADMIN.accessKeyId);
    await page.getByLabel('Secret access key').fill(ADMIN.secret);
    await page.getByRole('button', { name: /^Connect .* with the integration key$/ }).click();
    await page.getByText(/^Connected · /).waitFor();
    await page.goto(`${app.url}#/s/sw/orders`);
    await page.getByRole('columnheader', { name: 'Items' }).waitFor();
    // 10001: two products and "Summer 10 %", a promotion line: not bought
    // each line with what it cost (its totalPrice: 2 × €2.99), in the order's currency (10006 is in dollars)
    expect(await itemsOf(page, '10001').innerText()).toBe('2\u00a0×\u00a0Pink Lady Apples 1 kg\u00a0·\u00a0€5.98 and Cherries 500 g\u00a0·\u00a0€4.99');
    expect(await itemsOf(page, '10006').innerText()).toBe('Gift wrapping with a handwritten card for the whole family, in seasonal colours\u00a0·\u00a0$42.00');
    expect(await itemsOf(page, '10007').innerText()).toBe('2\u00a0×\u00a0Potatoes 5 kg\u00a0·\u00a0€8.98 and 3\u00a0×\u00a0Red Onions <img src=x onerror=alert(1)>\u00a0·\u00a0€2.97');
    expect(await itemsOf(page, '10007').locator('img').count()).toBe(0);
    // the customer by name (orderCustomer's first and last), the email under it
    expect(await customerOf(page, '10006')).toEqual(['Customer 6', 'customer6@example.com']);
    expect(await itemsOf(page, '10002').locator('summary').innerText()).toBe('3\u00a0×\u00a0Potatoes 5 kg\u00a0·\u00a0€13.47, 2\u00a0×\u00a0Conference Pears\u00a0·\u00a0€7.00 and 2 more');
    expect(await listByKeyboard(page, '10002')).toEqual(['3\u00a0×\u00a0Potatoes 5 kg\u00a0·\u00a0€13.47', '2\u00a0×\u00a0Conference Pears\u00a0·\u00a0€7.00', 'Cherries 500 g\u00a0·\u00a0€4.99', '6\u00a0×\u00a0Bananas\u00a0·\u00a0€1.50']);
    await screenshots(page, 'shopware-order-items', '10002');
    // 10009, a wholesale order of 40 lines: read up to the 25 said (a discount line among them, left
    // out), so its line says "and more", no count that would be wrong, and its list ends saying where the rest is
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await itemsOf(page, '10009').locator('summary').innerText()).toBe('12 × Crate 1 of Conference Pears · €42.00, 12 × Crate 2 of Conference Pears · €42.00 and more');
    // from the keyboard: the next disclosure after 10002's (a click in the table focuses its scroll region, whose first is 10002's)
    await itemsOf(page, '10002').locator('summary').focus();
    await page.keyboard.press('Tab');
    const summary = itemsOf(page, '10009').locator('summary');
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await itemsOf(page, '10009').getByRole('listitem').first().waitFor();
    const long = await itemsOf(page, '10009').getByRole('listitem').allInnerTexts();
    expect(long).toEqual([...[1, 2, ...Array.from({ length: 22 }, (_, i) => i + 4)].map((n) => `12 × Crate ${n} of Conference Pears · €42.00`), 'More items are not read here: see the order in the store’s admin.']);
    await screenshots(page, 'shopware-order-items-long', '10009');
  });

  it('StoreHippo: each order’s items[] by name and quantity; an order of four behind a disclosure', async () => {
    const env = await hippoApp.startEnv();
    const { page } = await hippoApp.openHome(env, 1280);
    await pasteKey(page, DEMO_KEYS.manager);
    await page.getByText('Connected · can browse products, see orders and coupons, and edit products').waitFor();
    // what the server holds, newest first (the first page of orders)
    const answer = (await (await fetch(`${env.hippo.origin}/api/1.1/entity/ms.orders?limit=20&sort=-created_on`, { headers: { 'access-key': DEMO_KEYS.manager } })).json()) as { data: { order_id: string; items: { name: string; quantity: number }[] }[] };
    const words = (i: { name: string; quantity: number }) => (i.quantity === 1 ? i.name : `${i.quantity}\u00a0×\u00a0${i.name}`);
    const single = answer.data.find((o) => o.items.length === 1)!;
    const four = answer.data.find((o) => o.items.length === 4)!;
    await page.goto(`${env.app.url}#/s/hippo/orders`);
    await page.getByRole('columnheader', { name: 'Items' }).waitFor();
    expect(await itemsOf(page, single.order_id).innerText()).toBe(words(single.items[0]!));
    expect(await itemsOf(page, four.order_id).locator('summary').innerText()).toBe(`${words(four.items[0]!)}, ${words(four.items[1]!)} and 2 more`);
    expect(await listByKeyboard(page, four.order_id)).toEqual(four.items.map(words));
    await screenshots(page, 'storehippo-order-items', four.order_id);
  });

  it('Foxy: orders asked with zoom=items say their items (fx:items); a sale of four behind a disclosure', async () => {
    const { app, store: foxy } = await servePlatformApp(e2e, {
      basePath: '/shops/foxy/',
      startStore: (app) => startFoxyStore({ port: 0, allowedOrigins: [app.origin] }),
      config: (foxy) => ({ stores: [{ id: 'foxy', kind: 'foxy', name: 'Foxy Demo Outfitters', apiBase: foxy.origin, auth: ['token-bundle'] }] }),
    });
    const { page } = await openAppHome(e2e, app, 1280);
    await page.getByRole('textbox', { name: /^Get Token bundle/ }).fill(`client_id: ${DEMO_BUNDLE.client_id}\nclient_secret: ${DEMO_BUNDLE.client_secret}\naccess_token: not-used\nrefresh_token: ${DEMO_BUNDLE.refresh_token}`);
    await page.getByRole('button', { name: /^Connect .* with the get token bundle$/ }).click();
    await page.getByText(/^Connected · /).waitFor();
    await page.goto(`${app.url}#/s/foxy/orders`);
    await page.getByRole('columnheader', { name: 'Items' }).waitFor();
    const firstPage = createSeed()
      .transactions.filter((t) => !t.is_test && !t.hide_transaction)
      .sort((a, b) => parseFoxyDate(b.transaction_date) - parseFoxyDate(a.transaction_date))
      .slice(0, 20);
    // each item with what its line cost: Foxy's price is one unit's (18.5 × 2 = 37.00, platforms.md 5.3)
    const dollars = (n: number) => `$${(Math.round(n * 100) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    const words = (i: { name: string; quantity: number; price: number }) => `${i.quantity === 1 ? i.name : `${i.quantity}\u00a0×\u00a0${i.name}`}\u00a0·\u00a0${dollars(i.price * i.quantity)}`;
    // a payment method change (no sale, no amount) lists its item with no price: nothing was charged for it
    const change = firstPage.find((t) => t.type === 'updateinfo')!;
    expect(await itemsOf(page, String(change.display_id)).innerText()).toBe(change.items.map((i) => (i.quantity === 1 ? i.name : `${i.quantity}\u00a0×\u00a0${i.name}`)).join(' and '));
    const sale = firstPage.find((t) => t.items.length >= 4)!;
    const short = firstPage.find((t) => t.items.length === 1 && !t.type)!;
    expect(await itemsOf(page, String(short.display_id)).innerText()).toBe(words(short.items[0]!));
    // the customer by name (customer_first_name and _last_name), the email under it; the email alone where the sale has no name
    expect(await customerOf(page, String(short.display_id))).toEqual([`${short.customer_first_name} ${short.customer_last_name}`, short.customer_email]);
    expect(await customerOf(page, String(change.display_id))).toEqual([change.customer_email]);
    expect(await itemsOf(page, String(sale.display_id)).locator('summary').innerText()).toBe(`${words(sale.items[0]!)}, ${words(sale.items[1]!)} and ${sale.items.length - 2} more`);
    expect(await listByKeyboard(page, String(sale.display_id))).toEqual(sale.items.map(words));
    // asked with zoom=items (without it, Foxy embeds no items)
    expect(foxy.requests().some((r) => /zoom=items/.test(decodeURIComponent(r.path)) && /is_test=false/.test(decodeURIComponent(r.path)))).toBe(true);
    await screenshots(page, 'foxy-order-items', String(sale.display_id));
  });
});
