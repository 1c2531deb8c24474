/**
 * The orders screen as a merchant reads it, in the built app against the local StoreHippo store
 * (manager key): an order whose status StoreHippo words its own way ("on_hold") says that word,
 * not a bare "Pending" that read as an order simply waiting. Photographed at 360 and 1280 px
 * (.test-artifacts/screenshots/merchant-orders-*.png).
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { openAppHome, servePlatformApp } from '../helpers/platform-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';
import { startStoreHippoStore } from '../platforms/storehippo/server.ts';

const e2e = useE2e();

describe('orders as the store words them', () => {
  it('StoreHippo: an order on hold says “On hold”, in the table and on a phone’s cards', async () => {
    const { app } = await servePlatformApp(e2e, {
      basePath: '/shops/hippo/',
      startStore: (app) => startStoreHippoStore({ port: 0, allowedOrigins: [app.origin] }),
      config: (hippo) => ({
        stores: [{ id: 'hippo', kind: 'storehippo', name: 'Hippo Demo', apiBase: hippo.origin, apiVersion: '1.1', auth: ['access-key'], currency: 'INR', imageBase: hippo.imageBase }],
      }),
    });
    const { page } = await openAppHome(e2e, app);
    await page.getByRole('textbox', { name: 'Access key', exact: true }).fill(DEMO_KEYS.manager);
    await page.getByRole('button', { name: 'Connect Hippo Demo with the access key' }).click();
    await page.getByText(/^Connected · /).waitFor();
    await page.goto(`${app.url}#/s/hippo/orders`);
    await page.getByRole('table').waitFor();
    const statuses = await page.locator('td.state').allInnerTexts();
    expect(statuses).toContain('On hold');
    // the words the app knows stay its own; nothing shows the wire's spelling
    expect(statuses.every((status) => ['Pending', 'Paid', 'Shipped', 'Cancelled', 'Refunded', 'On hold'].includes(status.trim()))).toBe(true);
    const held = page.getByRole('row').filter({ hasText: 'On hold' }).first();
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await held.evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: `${SCREENSHOT_DIR}/merchant-orders-on-hold-${width}.png` });
    }
  });
});
