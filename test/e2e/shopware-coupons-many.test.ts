/**
 * A Shopware shop with 531 promotions, in Chromium against the faithful server (which pages as
 * Shopware's RequestCriteriaBuilder does, at most 500 a request): the Coupons screen reads the newest
 * 500, five pages of 100, lists every code among them, and says how many older ones it did not read.
 * Before, it read the first 100 only: BULK0100 to BULK0480 were missing, and nothing said so.
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { openAppHome, servePlatformApp } from '../helpers/platform-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { DEMO_INTEGRATIONS } from '../platforms/shopware/constants.ts';
import { startShopwareStore } from '../platforms/shopware/server.ts';

const e2e = useE2e();
const ADMIN = DEMO_INTEGRATIONS[2] as (typeof DEMO_INTEGRATIONS)[2];

describe('Shopware: a shop with more promotions than one page', () => {
  it('lists the codes of the newest 500 promotions, read page by page, and counts the 31 older ones it did not read (360 and 1280 px)', async () => {
    const { app } = await servePlatformApp(e2e, {
      basePath: '/shops/demo/',
      // the 11 seeded promotions and 520 older ones, every tenth with a code, the others switched off
      startStore: () => startShopwareStore({ port: 0, extraPromotions: 520 }),
      config: (shop) => ({ stores: [{ id: 'sw', kind: 'shopware6', name: 'Shopware Demo Shop', apiBase: shop.origin, auth: ['integration'], currency: 'EUR' }], imageOrigins: [shop.mediaOrigin] }) as never,
    });
    const { page } = await openAppHome(e2e, app, 360);
    const pagesAsked: number[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/search/promotion')) pagesAsked.push((request.postDataJSON() as { page: number }).page);
    });
    await page.getByLabel('Access key ID').fill(ADMIN.accessKeyId);
    await page.getByLabel('Secret access key').fill(ADMIN.secret);
    await page.getByRole('button', { name: /^Connect .* with the integration key$/ }).click();
    await page.getByText(/^Connected · can browse products, see orders and coupons/).waitFor();
    pagesAsked.length = 0;
    await page.goto(`${app.url}#/s/sw/coupons`);

    // what is not listed, the unread ones last, each with why, before the coupons
    const notListed = page.getByRole('list', { name: '475 promotions are not listed here:' });
    await notListed.waitFor();
    expect(await notListed.getByRole('listitem').allInnerTexts()).toEqual([
      '1 uses individual codes, a single-use code for each shopper: “Newsletter codes”. Its codes are listed in the admin named above.',
      '1 applies by itself in the cart, without a code: “Automatic free delivery”.',
      '442 are switched off: “Winter 20 %”, “Bulk 1”, “Bulk 2” and 439 more.',
      '31 more, the oldest, are not read here: see them in the admin named above.',
    ]);
    // the five pages, each asked once
    expect([...pagesAsked].sort()).toEqual([1, 2, 3, 4, 5]);
    // a code from the fifth page is listed, with Copy; none past the fifth
    const active = page.getByRole('list', { name: 'Active now' });
    expect(await active.locator('code').getByText('BULK0480', { exact: true }).count()).toBe(1);
    expect(await active.getByRole('button', { name: 'Copy BULK0480' }).count()).toBe(1);
    expect(await page.getByText('BULK0490').count()).toBe(0);
    // every coupon read once: 48 bulk codes and the 6 seeded live ones
    expect(await active.locator('li code').count()).toBe(48 + 6);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-coupons-many-360.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-coupons-many-1280.png` });
  });
});
