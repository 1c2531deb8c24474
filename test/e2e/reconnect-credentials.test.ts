/**
 * A merchant mid-edit on a store connected with an integration key (Shopware 6), in the built app
 * against the faithful Shopware server: the shop refuses the save with a 401 that a renewed token
 * meets too, and the editor says "Your access has ended" with Reconnect. Reconnect takes the key
 * again in the form at the top of the page (the focus in its first field), and once connected again
 * the edit is still there and saves. Regression: Reconnect started a redirect sign-in this store does
 * not have, and the only thing the merchant got was "Could not start signing in to Shopware Demo
 * Shop: config.json could not be used as it is", a deployment fault that was not there, and no way
 * to give the key again from the page. Screenshots at 360 and 1280 px.
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { serveShopwareDemo } from '../helpers/shopware-app.ts';
import { DEMO_INTEGRATIONS } from '../platforms/shopware/constants.ts';
import { SEED_IDS } from '../platforms/shopware/seed.ts';

const e2e = useE2e();
const ADMIN = DEMO_INTEGRATIONS.find((integration) => integration.admin && integration.label.includes('administrator'))!;
const TYPED = 'Cherries 500 g, picked today';

describe('Reconnect on a store connected with a key', () => {
  it('Shopware: a save refused with 401 after renewal: Reconnect asks for the key again at the top, the edit stays and saves', async () => {
    const { app, shop, page } = await serveShopwareDemo(e2e, 1280);
    await page.getByLabel('Access key ID').fill(ADMIN.accessKeyId);
    await page.getByLabel('Secret access key').fill(ADMIN.secret);
    await page.getByRole('button', { name: /^Connect .* with the integration key$/ }).click();
    await page.getByText(/^Connected · /).waitFor();
    await page.goto(`${app.url}#/s/sw/product/${SEED_IDS.cherries}`);
    await page.getByRole('heading', { name: 'Manage this product' }).waitFor();
    const edit = page.getByRole('button', { name: 'Edit this product' });
    if (await edit.isVisible()) await edit.click();
    const name = page.getByLabel('Name', { exact: true });
    await name.fill(TYPED);

    // The shop refuses the product's save however often the token is renewed (the renewal itself works).
    let refused = 0;
    const saveUrl = `${shop.origin}/api/product/${SEED_IDS.cherries}`;
    await page.route(saveUrl, (route) => {
      if (route.request().method() !== 'PATCH') return route.fallback();
      refused++;
      return route.fulfill({
        status: 401,
        headers: { 'access-control-allow-origin': app.origin, 'content-type': 'application/json' },
        body: JSON.stringify({ errors: [{ status: '401', code: '9', title: 'Unauthorized', detail: 'The resource owner or authorization server denied the request.' }] }),
      });
    });
    await page.getByRole('button', { name: 'Save changes' }).click();
    const panel = page.getByRole('alert').filter({ hasText: 'Your access has ended' });
    await panel.waitFor();
    expect(refused).toBeGreaterThanOrEqual(1);
    await page.unroute(saveUrl);

    await panel.getByRole('button', { name: 'Reconnect' }).click();
    // the key asked for again where the app asks for it, in the store's words; never a deployment fault
    const again = page.getByRole('alert').filter({ hasText: 'no longer accepts the saved key' });
    await again.waitFor();
    await page.getByText('Connect again with the form above to carry on.').waitFor();
    expect(await page.getByText(/Could not start signing in|config\.json could not be used/).count()).toBe(0);
    const keyField = again.getByLabel('Access key ID');
    await expect.poll(() => keyField.evaluate((field) => field === document.activeElement)).toBe(true);
    // what was typed is still in the form, under the banner
    expect(await name.inputValue()).toBe(TYPED);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/reconnect-credentials-${width}.png`, fullPage: true });
    }

    await keyField.fill(ADMIN.accessKeyId);
    await again.getByLabel('Secret access key').fill(ADMIN.secret);
    await again.getByRole('button', { name: /^Connect again .* with the integration key$/ }).click();
    await again.waitFor({ state: 'detached' });
    // the editor drawn afresh for the connection brings the edit back from its draft
    await expect.poll(() => name.inputValue()).toBe(TYPED);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: TYPED, level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: /^Saved\.$/ }).waitFor();
  });
});
