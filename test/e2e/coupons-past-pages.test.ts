/**
 * A StoreHippo store and a Foxy store with more coupons than the pages the Coupons screen reads, in
 * Chromium against the faithful local servers: the screen lists what it read and says, last in the
 * list of what is not listed, how many more the store keeps (StoreHippo's `paging.total`, Foxy's
 * `total_items`), as it does for a Shopware shop's oldest promotions. Before, past 200 StoreHippo
 * codes or 1,000 Foxy coupons the rest were neither listed nor counted. Screenshots at 360 and 1280 px.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { openAppHome, servePlatformApp } from '../helpers/platform-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { connectedFoxy } from '../helpers/foxy-app.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';
import { startStoreHippoStore } from '../platforms/storehippo/server.ts';

const e2e = useE2e();

async function photograph(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-360.png` });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-1280.png` });
}

describe('Coupons past the pages read, said as Shopware’s are', () => {
  it('StoreHippo: 215 coupon codes, four pages of 50 read newest first; the 15 past them counted by paging.total, as the oldest', async () => {
    const { app } = await servePlatformApp(e2e, {
      basePath: '/shops/hippo/',
      // the 5 seeded codes (OLDSALE not enabled) and 210 more, EXTRA0001 … EXTRA0210
      startStore: (app) => startStoreHippoStore({ port: 0, allowedOrigins: [app.origin], extraCoupons: 210 }),
      config: (hippo) => ({ stores: [{ id: 'hippo', kind: 'storehippo', name: 'Hippo Demo', apiBase: hippo.origin, apiVersion: '1.1', auth: ['access-key'], currency: 'INR', imageBase: hippo.imageBase }] }),
    });
    const { page } = await openAppHome(e2e, app, 360);
    await page.getByRole('textbox', { name: 'Access key', exact: true }).fill(DEMO_KEYS.manager);
    await page.getByRole('button', { name: 'Connect Hippo Demo with the access key' }).click();
    await page.getByText('Connected · can browse products, see orders and coupons, and edit products').waitFor();
    await page.goto(`${app.url}#/s/hippo/coupons`);
    // read newest first (sort=-created_on): the 15 past the pages are the oldest, the seeded five (OLDSALE, not
    // enabled, among them) and EXTRA0001 … EXTRA0010, and said to be
    const notListed = page.getByRole('list', { name: '15 coupons are not listed here:' });
    await notListed.waitFor();
    expect(await notListed.getByRole('listitem').allInnerTexts()).toEqual(['15 more, the oldest, are not read here: see them in the admin named above.']);
    // the newest first; the last code of the fourth page was read (found by typing it: 100 are drawn at first); none past it
    const active = page.getByRole('list', { name: 'Active now' });
    expect(await active.locator('code').first().innerText()).toBe('EXTRA0210');
    expect(await page.locator('#coupon-found').innerText()).toBe('200 coupons, showing the first 100.');
    const field = page.getByRole('searchbox', { name: 'Find a coupon by code or name' });
    await field.fill('EXTRA0011');
    await active.getByRole('button', { name: 'Copy EXTRA0011' }).waitFor();
    await field.fill('EXTRA0010');
    await page.getByText('No coupon here has “EXTRA0010” in its code or name.').waitFor();
    await field.fill('WELCOME10');
    await page.getByText('No coupon here has “WELCOME10” in its code or name.').waitFor();
    await field.fill('');
    await photograph(page, 'storehippo-coupons-past-pages');
  });

  it('Foxy: 1,007 coupons, five pages of 200 read newest first; the 7 past them counted by total_items, as the oldest', async () => {
    // the 7 seeded coupons (two without codes) and 1,000 more, "Extra 1" … with codes EXTRA0001 …
    const { page, app } = await connectedFoxy(e2e, 360, { extraCoupons: 1000 });
    await page.goto(`${app.url}#/s/foxy/coupons`);
    // read newest first (order=date_created desc): the 7 past the pages are the seeded ones, the oldest, and said to be
    const notListed = page.getByRole('list', { name: '7 coupons are not listed here:' });
    await notListed.waitFor();
    expect(await notListed.getByRole('listitem').allInnerTexts()).toEqual(['7 more, the oldest, are not read here: see them in the admin named above.']);
    const active = page.getByRole('list', { name: 'Active now' });
    await active.getByRole('button', { name: 'Copy EXTRA1000' }).waitFor();
    expect(await page.getByText('SPRING10').count()).toBe(0);
    await photograph(page, 'foxy-coupons-past-pages');
  });
});
