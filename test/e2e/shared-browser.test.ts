/**
 * A shared browser (a shop's back-office PC, a family laptop): what one merchant leaves behind must
 * not reach the next person who connects to the same store in the same profile. A sign-out, or
 * Forget credentials, discards the store's unsaved product edits (a product's, and the new
 * product's with its unsure Adds), after asking, since they are lost: before, the next person's
 * editor said "Your unsaved changes were restored" with the first merchant's typing in it. Another
 * tab drops the orders it showed, and a catalogue list kept in memory for Back is not shown again
 * under the next person's connection (it showed the 25 unpublished products a manager sees to a
 * storefront-only sign-in). Screenshots of the questions at 360 and 1280 px.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { servePlatformApp } from '../helpers/platform-app.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';
import { startStoreHippoStore } from '../platforms/storehippo/server.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'admin'] } });

/** The keys of the app's drafts database (storage/drafts.ts), or [] where it has none yet. */
function draftKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const open = indexedDB.open('storefront-connect-drafts');
        open.onerror = () => resolve([]);
        open.onsuccess = () => {
          const db = open.result;
          if (![...db.objectStoreNames].includes('drafts')) return (db.close(), resolve([]));
          const all = db.transaction('drafts').objectStore('drafts').getAllKeys();
          all.onsuccess = () => (db.close(), resolve(all.result.map(String).sort()));
          all.onerror = () => (db.close(), resolve([]));
        };
      }),
  );
}

describe('a shared browser: what a sign-out leaves for the next person', () => {
  it('the store’s unsaved product edits are discarded by the sign-out, after asking; the next sign-in finds none', async () => {
    const { page } = await e2e.open({ width: 1280, height: 900 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.locator('main ul > li article').nth(3).getByRole('link').first().click();
    const productId = decodeURIComponent(new URL(page.url()).hash).split('/').at(-1) ?? '';
    const storeName = (e2e.env.store.getProduct(productId) as { name: string }).name;
    const editor = page.getByRole('form', { name: 'Edit product' });
    await editor.getByRole('textbox', { name: 'Name' }).fill('Reserved for Mrs Jones, 555-0199');
    await expect.poll(() => draftKeys(page)).toEqual([`demo/product/${productId}`]);

    // and a new product begun, not added
    await page.goto(`${e2e.env.app.url}#/s/demo`);
    await page.getByRole('button', { name: 'New product' }).click();
    await page.getByRole('form', { name: 'New product' }).getByRole('textbox', { name: 'Name' }).fill('Surprise for the owner');
    await expect.poll(() => draftKeys(page)).toEqual(['demo/new-product', `demo/product/${productId}`]);

    // Sign out asks first, saying what goes; Cancel keeps both
    const signOut = page.getByRole('button', { name: 'Sign out' });
    await signOut.click();
    const dialog = page.getByRole('alertdialog', { name: `Sign out of ${STORE_NAME}?` });
    await dialog.waitFor();
    expect((await dialog.innerText()).replace(/\s+/g, ' ')).toContain(
      'Your unsaved changes to 2 products will be discarded, so that nothing of this store stays in this browser after you sign out.',
    );
    await page.evaluate(() => document.fonts.ready);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(SCREENSHOT_DIR, `shared-browser-sign-out-drafts-${width}.png`) });
    }
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await draftKeys(page)).toEqual(['demo/new-product', `demo/product/${productId}`]);

    await signOut.click();
    await dialog.getByRole('button', { name: 'Sign out anyway' }).click();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await expect.poll(() => draftKeys(page)).toEqual([]);

    // The next person, in the same browser profile, connects to the same store (and lands on its
    // catalogue: an address typed before the sign-in is finished would be replaced by it)
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.goto(`${e2e.env.app.url}#/s/demo/product/${encodeURIComponent(productId)}`);
    const theirs = page.getByRole('form', { name: 'Edit product' });
    await theirs.waitFor();
    expect(await theirs.getByRole('textbox', { name: 'Name' }).inputValue()).toBe(storeName);
    expect(await page.getByText(/unsaved changes were restored/).count()).toBe(0);
    await page.goto(`${e2e.env.app.url}#/s/demo`);
    await page.getByRole('button', { name: 'New product' }).click();
    expect(await page.getByRole('form', { name: 'New product' }).getByRole('textbox', { name: 'Name' }).inputValue()).toBe('');
  });
});

describe('a shared browser: another tab, when the sign-out happens in this one', () => {
  it('drops the orders it showed, and once the next person connects, shows the store as their access has it, not the list loaded before', async () => {
    const { context, page: first } = await e2e.open({ width: 1280, height: 900 });
    await first.goto(e2e.env.app.url);
    await connectThroughConsent(first, STORE_NAME);
    await first.getByText('520 products').waitFor();

    const second = await context.newPage();
    await second.goto(`${e2e.env.app.url}#/s/demo/orders`);
    await second.getByRole('heading', { name: 'Orders' }).waitFor();
    const email = /@/;
    await expect.poll(() => second.getByText(email).count()).toBeGreaterThan(0);
    await second.goto(`${e2e.env.app.url}#/s/demo`);
    await second.getByText('520 products').waitFor();

    await first.getByRole('button', { name: 'Sign out' }).click();
    await first.getByRole('heading', { name: 'Your stores' }).waitFor();
    await second.getByRole('heading', { name: `${STORE_NAME} is not connected` }).waitFor();
    expect(await second.getByText(email).count()).toBe(0);

    // The next person's grant is the storefront only: the 25 unpublished products are not theirs to see
    e2e.env.store.setMaxScopes(['storefront']);
    await connectThroughConsent(first, STORE_NAME);
    await first.getByText('495 products').waitFor();
    await second.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await second.getByText('495 products').waitFor();
    expect(await second.getByText('520 products').count()).toBe(0);
  });
});

describe('a shared browser: a form open in another tab, when the sign-out happens in this one', () => {
  it('is closed, and its draft stays gone (what it saves after the sign-out is heard: component tests)', async () => {
    // a manager's grant (the test before gave the next person the storefront only)
    e2e.env.store.setMaxScopes(['storefront', 'cart', 'admin']);
    const { context, page: first } = await e2e.open({ width: 1280, height: 900 });
    await first.goto(e2e.env.app.url);
    await connectThroughConsent(first, STORE_NAME);
    await first.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();

    const second = await context.newPage();
    await second.goto(`${e2e.env.app.url}#/s/demo`);
    await second.getByRole('button', { name: 'New product' }).click();
    const form = second.getByRole('form', { name: 'New product' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Surprise for the owner');
    await expect.poll(() => draftKeys(second)).toEqual(['demo/new-product']);

    await first.getByRole('button', { name: 'Sign out' }).click();
    await first.getByRole('alertdialog', { name: `Sign out of ${STORE_NAME}?` }).getByRole('button', { name: 'Sign out anyway' }).click();
    await first.getByRole('heading', { name: 'Your stores' }).waitFor();
    await expect.poll(() => draftKeys(first)).toEqual([]);
    await second.getByRole('heading', { name: `${STORE_NAME} is not connected` }).waitFor();
    expect(await form.count()).toBe(0);
    expect(await draftKeys(second)).toEqual([]);
    await second.evaluate(() => document.fonts.ready);
    for (const width of [360, 1280]) {
      await second.setViewportSize({ width, height: 900 });
      await second.screenshot({ path: join(SCREENSHOT_DIR, `shared-browser-other-tab-form-${width}.png`) });
    }
  });
});

describe('a shared browser: the same tab, connected again with pasted credentials', () => {
  it('Forget credentials discards the unsaved edits, after saying so; Back to a catalogue the first person loaded asks the store again, under the new connection', async () => {
    const HIPPO = 'Hippo Demo';
    const { app, store: hippo } = await servePlatformApp(e2e, {
      basePath: '/shops/hippo/',
      startStore: (app) => startStoreHippoStore({ port: 0, allowedOrigins: [app.origin] }),
      config: (hippo) => ({
        stores: [{ id: 'hippo', kind: 'storehippo', name: HIPPO, apiBase: hippo.origin, apiVersion: '1.1', auth: ['access-key'], currency: 'INR', imageBase: hippo.imageBase }],
      }),
    });
    /** The catalogue's first page asked of the store (a list shown from memory asks, at most, for the page after the last it has). */
    const firstPages = () => hippo.requests().filter((r) => r.listener === 'api' && r.method === 'GET' && /\/entity\/ms\.products\/?$/.test(r.path) && new URLSearchParams(r.search).get('start') === '0');
    const connect = async (page: Page, key: string) => {
      await page.getByRole('textbox', { name: 'Access key', exact: true }).fill(key);
      await page.getByRole('button', { name: `Connect ${HIPPO} with the access key` }).click();
      await page.getByText(/^Connected · /).waitFor();
    };
    const { page } = await e2e.open({ width: 1280, height: 900 });
    await page.goto(app.url);
    await connect(page, DEMO_KEYS.manager);
    await page.goto(`${app.url}#/s/hippo`);
    await expect.poll(() => page.locator('main ul > li article').count()).toBeGreaterThan(0);
    // an edit left unsaved: Forget credentials discards it too, and says so first
    await page.locator('main ul > li article').first().getByRole('link').first().click();
    await page.getByRole('form', { name: 'Edit product' }).getByRole('textbox', { name: 'Name' }).fill('Hold for the owner');
    await expect.poll(async () => (await draftKeys(page)).length).toBe(1);
    await page.goBack();
    await page.getByRole('heading', { name: HIPPO, level: 1 }).waitFor();
    await page.goto(`${app.url}#/`);
    await page.getByRole('button', { name: `Forget key of ${HIPPO}` }).click();
    const question = page.getByRole('alertdialog', { name: `Forget the key for ${HIPPO}?` });
    await question.waitFor();
    expect((await question.innerText()).replace(/\s+/g, ' ')).toContain(
      'Your unsaved changes to a product will be discarded, so that nothing of this store stays in this browser after you forget the key.',
    );
    await page.evaluate(() => document.fonts.ready);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(SCREENSHOT_DIR, `shared-browser-forget-drafts-${width}.png`) });
    }
    await question.getByRole('button', { name: 'Forget key' }).click();
    await page.getByRole('status').filter({ hasText: /forgot the credentials for/ }).waitFor();
    await expect.poll(() => draftKeys(page)).toEqual([]);

    // the next person connects with their own key, in the same tab, and presses Back
    await connect(page, DEMO_KEYS.readOnly);
    const before = firstPages().length;
    await page.goBack();
    await page.getByRole('heading', { name: HIPPO, level: 1 }).waitFor();
    await expect.poll(() => firstPages().length).toBe(before + 1);
    expect(firstPages().at(-1)?.headers['access-key']).toBe(DEMO_KEYS.readOnly);
    await expect.poll(() => page.locator('main ul > li article').count()).toBeGreaterThan(0);
  });
});
