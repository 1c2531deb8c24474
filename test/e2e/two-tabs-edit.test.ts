/**
 * Two tabs editing the same product, in the built app against the faithful FlickRocket server: the
 * second save meets the first as "Changed elsewhere", never as "Saved." over it. FlickRocket has no
 * conditional update and no modification date on products, and its PUT carries the product's locales
 * whole: the second tab's save of the description alone used to send back its stale copy of the
 * name, and the first tab's rename was gone from the shop without a word to anyone.
 * Photographed at 360 and 1280 px (.test-artifacts/screenshots/two-tabs-edit-*.png).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { servePlatformApp } from '../helpers/platform-app.ts';
import { productCards } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { startFlickRocketStore } from '../platforms/flickrocket/server.ts';

const e2e = useE2e();
const STORE = 'FlickRocket Test Shop';
const CLIENT_ID = 'StorefrontConnect.e2e.apps.flickrocket.com';

const editorOf = (page: Page) => page.getByRole('form', { name: 'Edit product' });

describe('two tabs editing the same product', () => {
  it('FlickRocket: the second tab’s save says the first changed the name, keeps it in the shop, and Overwrite with mine saves the description over it', async () => {
    const { app, store: shop } = await servePlatformApp(e2e, {
      basePath: '/shops/two-tabs/',
      startStore: (app) =>
        startFlickRocketStore({ port: 0, hooksPort: null, productCount: 30, clients: [{ clientId: CLIENT_ID, name: 'Storefront Connect', redirectUris: [app.url] }], allowedOrigins: [app.origin], rateLimit: null }),
      config: (shop, app) => ({
        stores: [
          { id: 'fr', kind: 'flickrocket', name: STORE, authorizationEndpoint: `${shop.origin}/oauth2/auth`, tokenEndpoint: `${shop.origin}/token`, apiBase: shop.origin, clientId: CLIENT_ID, redirectUri: app.url, defaultScopes: ['products'], currency: 'EUR', language: 'en' },
        ],
      }),
    });
    const { page: first, context } = await e2e.open({ width: 1280, height: 900 });
    await first.goto(app.url);
    await first.getByRole('button', { name: `Connect ${STORE}`, exact: true }).click();
    await first.getByRole('button', { name: 'Allow', exact: true }).click();
    await first.getByRole('heading', { name: STORE, level: 1 }).waitFor();
    await productCards(first).nth(1).getByRole('link').first().click();
    await editorOf(first).waitFor();
    const productId = decodeURIComponent(new URL(first.url()).hash).split('/product/')[1]?.split(/[?/]/)[0] ?? '';
    const english = () => shop.getProduct(Number(productId))?.locales.find((l) => l.language_id === 1 || l.language_id === 'en');
    const oldName = english()?.title ?? '';
    expect(oldName).not.toBe('');

    // the same product in a second tab of the same browser, its editor open before the first saves
    const second = await context.newPage();
    await second.goto(first.url());
    await editorOf(second).waitFor();

    await editorOf(first).getByRole('textbox', { name: 'Name' }).fill(`${oldName} (2nd edition)`);
    await editorOf(first).getByRole('button', { name: 'Save changes' }).click();
    await first.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(english()?.title).toBe(`${oldName} (2nd edition)`);

    const blurb = '<p>Now with a foreword by the author.</p>';
    await editorOf(second).getByRole('textbox', { name: 'Description' }).fill(blurb);
    await editorOf(second).getByRole('button', { name: 'Save changes' }).click();
    const changed = editorOf(second).getByRole('alert').filter({ hasText: 'Changed elsewhere' });
    const saved = second.getByRole('status').filter({ hasText: 'Saved.' });
    // whichever the app says first: "Saved." here is the rename lost
    await changed.or(saved).first().waitFor();
    expect(await saved.count()).toBe(0);
    await changed.getByText(`Someone changed this product while you were editing (the name). Their version: “${oldName} (2nd edition)”`, { exact: false }).waitFor();
    // nothing went over the rename
    expect(english()).toMatchObject({ title: `${oldName} (2nd edition)` });
    expect(english()?.description).not.toBe(blurb);
    for (const width of [360, 1280]) {
      await second.setViewportSize({ width, height: 900 });
      await changed.evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await second.screenshot({ path: `${SCREENSHOT_DIR}/two-tabs-edit-changed-elsewhere-${width}.png` });
    }

    // Overwrite with mine: the description goes over their version, whose name stays
    await changed.getByRole('button', { name: 'Overwrite with mine' }).click();
    await saved.waitFor();
    expect(english()).toMatchObject({ title: `${oldName} (2nd edition)`, description: blurb });
    expect(await editorOf(second).getByRole('textbox', { name: 'Name' }).inputValue()).toBe(`${oldName} (2nd edition)`);
  });
});
