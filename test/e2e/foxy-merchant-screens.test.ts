/**
 * A connected Foxy merchant's product page and Orders screen in the built app, against the local
 * Foxy server, beside a Goodsie store connected with its admin scope (the demo store):
 * - Foxy has no product records, so no editor: one quiet line under the product says where a
 *   product is changed (its cart links and forms) and where the page's figures come from (the
 *   store's orders), in Foxy's own words (its profile's note); a platform with an editor shows the
 *   editor and not the line (regression: Foxy's page said nothing where every other platform's had
 *   an editor).
 * Screenshots at 360 and 1280 px.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { openAppHome, servePlatformApp } from '../helpers/platform-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { DEMO_BUNDLE } from '../platforms/foxy/constants.ts';
import { startFoxyStore, type FoxyStore } from '../platforms/foxy/server.ts';
import type { StaticServer } from '../helpers/static-server.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart', 'admin'] } });
const FOXY = 'Foxy Demo Outfitters';
const NOTE = /^Foxy keeps no list of products to edit: a product is what your store’s cart links and forms send, so change its name or price there\. What this page shows comes from your store’s orders\.$/;

async function connectedFoxy(width: number): Promise<{ page: Page; app: StaticServer; foxy: FoxyStore }> {
  const { app, store: foxy } = await servePlatformApp(e2e, {
    basePath: '/shops/foxy/',
    startStore: (app) => startFoxyStore({ port: 0, allowedOrigins: [app.origin] }),
    config: (foxy) => ({ stores: [{ id: 'foxy', kind: 'foxy', name: FOXY, apiBase: foxy.origin, auth: ['token-bundle'] }] }),
  });
  const { page } = await openAppHome(e2e, app, width);
  const { client_id, client_secret, refresh_token } = DEMO_BUNDLE;
  await page.getByRole('textbox', { name: /^Get Token bundle/ }).fill(`client_id: ${client_id}\nclient_secret: ${client_secret}\nrefresh_token: ${refresh_token}`);
  await page.getByRole('button', { name: /^Connect .* with the get token bundle$/ }).click();
  await page.getByText(/^Connected · can browse products and see orders and coupons$/).waitFor();
  return { page, app, foxy };
}

describe('a Foxy merchant’s product page and orders', () => {
  it('under a Foxy product, one line says why there is no editor and where names and prices change; a Goodsie admin sees the editor and no such line', async () => {
    const { page, app } = await connectedFoxy(1280);
    await page.goto(`${app.url}#/s/foxy/product/${encodeURIComponent('code:MUG-01')}`);
    await page.getByRole('heading', { name: 'Ceramic Mug (Large)', level: 1 }).waitFor();
    const note = page.getByRole('main').getByText(NOTE);
    await note.waitFor();
    expect(await note.count()).toBe(1);
    // quiet: muted words, under the product (below its heading), no heading, button or alert of its own
    expect(await note.evaluate((p) => getComputedStyle(p).color)).not.toBe(await page.getByRole('heading', { level: 1 }).evaluate((h) => getComputedStyle(h).color));
    expect((await note.boundingBox())!.y).toBeGreaterThan((await page.getByRole('heading', { level: 1 }).boundingBox())!.y);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Manage this product' }).count()).toBe(0);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: join(SCREENSHOT_DIR, `foxy-product-note-${width}.png`), fullPage: true });
    }

    // Goodsie, the admin scope granted: the editor, and no line of Foxy's
    const { page: goodsie } = await e2e.open({ width: 1280 });
    await goodsie.goto(e2e.env.app.url);
    await connectThroughConsent(goodsie, STORE_NAME);
    await goodsie.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await goodsie.goto(`${e2e.env.app.url}#/s/demo/product/1001`);
    await goodsie.getByRole('heading', { name: 'Manage this product' }).waitFor();
    await goodsie.getByRole('button', { name: 'Save' }).waitFor();
    expect(await goodsie.getByText(/keeps no list of products to edit/).count()).toBe(0);
  });
});
