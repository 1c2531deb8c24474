/**
 * The Orders screen of a Shopware integration whose role may read orders but not their line items or
 * deliveries (the demo's "browse + orders" key: no order_line_item:read, no order_delivery:read), in
 * Chromium on the built app against the faithful server, which refuses those associations with 403
 * MISSING_PRIVILEGE as Shopware's AclCriteriaValidator does. Before, the orders came without an Items
 * column and without shipping, and nothing said why: a merchant could not tell orders with no items
 * from items the app may not see. Now one line above the table says what is not shown, the rights
 * Shopware named, and where they are given; an administrator key reads them all and sees no such line.
 */
import { describe, expect, it } from 'vitest';
import { forgetCredentials } from '../helpers/e2e-app.ts';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { serveShopwareDemo, SHOPWARE_DEMO } from '../helpers/shopware-app.ts';
import { ADMIN, ORDERS } from '../platforms/shopware/client.ts';
import type { Page } from 'playwright-core';

const e2e = useE2e();

const UNREAD =
  'What each order bought and whether it was shipped are not shown: Shopware says this connection lacks the rights: order_line_item:read, order_delivery:read. Add the rights to the integration’s role in Shopware Administration › Settings › System › Users & permissions › Roles (Settings › System › Integrations says which role it has), then reload this page.';

async function connect(page: Page, key: { accessKeyId: string; secret: string }): Promise<void> {
  await page.getByLabel('Access key ID').fill(key.accessKeyId);
  await page.getByLabel('Secret access key').fill(key.secret);
  await page.getByRole('button', { name: /^Connect .* with the integration key$/ }).click();
  await page.getByText(/^Connected · /).waitFor();
}

describe('Shopware: orders for a role that may not read their items or deliveries', () => {
  it('says once, above the orders, which rights Shopware refused and where they are given; an administrator key sees the Items column and no such words', async () => {
    const { app, page } = await serveShopwareDemo(e2e);
    await connect(page, ORDERS);
    await page.goto(`${app.url}#/s/sw/orders`);
    await page.getByRole('table').waitFor();
    const note = page.getByText(UNREAD, { exact: true });
    expect(await note.count()).toBe(1);
    expect(await note.isVisible()).toBe(true);
    // above the table, the rest of the screen as it was: no Items column, the orders listed
    expect(await note.evaluate((p) => Boolean(p.compareDocumentPosition(document.querySelector('table')!) & Node.DOCUMENT_POSITION_FOLLOWING))).toBe(true);
    expect(await page.getByRole('columnheader', { name: 'Items' }).count()).toBe(0);
    expect(await page.getByRole('row').count()).toBeGreaterThan(1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-orders-unread-360.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-orders-unread-1280.png`, fullPage: true });

    // the same screen with a key whose role reads everything: items shown, nothing said of rights
    await page.goto(app.url);
    await forgetCredentials(page, SHOPWARE_DEMO);
    await connect(page, ADMIN);
    await page.goto(`${app.url}#/s/sw/orders`);
    await page.getByRole('columnheader', { name: 'Items' }).waitFor();
    expect(await page.getByText(/are not shown|is not shown|lacks the right/).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-orders-all-read-1280.png`, fullPage: true });
  });
});
