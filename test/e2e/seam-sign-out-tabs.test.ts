/**
 * Forget credentials in one of two tabs of a seam store (StoreHippo, against its faithful server),
 * as Goodsie's sign-out (security case 27; sign-out-tabs.test.ts): the other tab shows the store not
 * connected within a second and sends no request with the old key afterwards, and the key is gone
 * from IndexedDB. StoreHippo has no revocation endpoint (platforms.md 2.2): the forget words say where
 * to disable the key. Connected again in the other tab, the first shows it without a reload. And
 * (Shopware 6's Administration sign-in, whose refresh token rotates) the forget does not wait for the
 * other tab's renewal stuck on the shop's token endpoint: it ends at once, and the renewal answered
 * later saves nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { watchStoreCalls } from '../helpers/quiet-tabs.ts';
import { forgetCredentials, readSessionKeys } from '../helpers/e2e-app.ts';
import { openAppHome, servePlatformApp } from '../helpers/platform-app.ts';
import { loadedProductsReachable } from '../helpers/catalog-grid.ts';
import { stampOf, watchShown, watchWindowEvent } from '../helpers/page-stamps.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';
import { startStoreHippoStore } from '../platforms/storehippo/server.ts';
import { DEMO_USERS } from '../platforms/shopware/constants.ts';
import { startShopwareStore } from '../platforms/shopware/server.ts';

const e2e = useE2e();
const NAME = 'Hippo Demo';

describe('forget credentials in one of two tabs of a seam store', () => {
  it('the other tab shows the store not connected within a second and sends nothing more with the old key', async () => {
    const { app, store: hippo } = await servePlatformApp(e2e, {
      basePath: '/shops/hippo/',
      startStore: (app) => startStoreHippoStore({ port: 0, allowedOrigins: [app.origin] }),
      config: (hippo) => ({
        stores: [{ id: 'hippo', kind: 'storehippo', name: NAME, apiBase: hippo.origin, apiVersion: '1.1', auth: ['access-key'], currency: 'INR', imageBase: hippo.imageBase }],
      }),
    });
    const key = DEMO_KEYS.readOnly;
    const usesOfKey = () => hippo.requests().filter((r) => r.listener === 'api' && r.headers['access-key'] === key).length;

    const { context, page: first } = await e2e.open();
    await first.goto(app.url);
    await first.getByRole('textbox', { name: 'Access key', exact: true }).fill(key);
    await first.getByRole('button', { name: `Connect ${NAME} with the access key` }).click();
    await first.getByText(/^Connected · /).waitFor();

    const second = await context.newPage();
    // Forgotten only once the other tab has no call going (the next page loading ahead, the
    // category list): one sent before the forget and counted by the store after it is not what
    // this test is about.
    const calls = watchStoreCalls([second]);
    await second.goto(`${app.url}#/s/hippo`);
    await second.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    await expect.poll(() => second.locator('main ul > li article').count()).toBeGreaterThan(0);
    await calls.quiet();

    // "Within a second" is timed by the two tabs' own clocks (the machine's wall clock in each), from
    // this tab's words that it forgot to the other tab's heading: not by when this process hears of
    // them, hundreds of ms late on a busy machine.
    await watchShown(first, 'forgot', { selector: 'p', startsWith: 'This browser forgot the credentials for' });
    await watchShown(second, 'forgotten', { selector: 'h1, h2', text: `${NAME} is not connected` });
    await forgetCredentials(first, NAME);
    await first.getByRole('status').filter({ hasText: /forgot the credentials for/ }).waitFor();
    const usesAtForget = usesOfKey();

    await second.getByRole('heading', { name: `${NAME} is not connected` }).waitFor();
    expect((await stampOf(second, 'forgotten')) - (await stampOf(first, 'forgot'))).toBeLessThan(1_000);
    // and says why, instead of a bare form
    await second.getByRole('status').filter({ hasText: 'Its credentials were forgotten in another tab of this browser.' }).waitFor();

    // the other tab tries to work with the store: nothing goes out with the old key
    await second.goto(`${app.url}#/`);
    await second.goto(`${app.url}#/s/hippo`);
    await second.getByRole('heading', { name: `${NAME} is not connected` }).waitFor();
    await second.reload();
    await second.getByRole('heading', { name: `${NAME} is not connected` }).waitFor();
    expect(usesOfKey()).toBe(usesAtForget);
    expect(await readSessionKeys(second)).toEqual([]);
    // no revocation endpoint on StoreHippo: the words say where to disable the key
    await first.getByText(/Advance Settings › Access Keys/).first().waitFor();

    // connected again from that page: it becomes the catalogue, and the focus goes to its main region
    await watchShown(second, 'connected', { selector: 'h1', text: NAME });
    await watchShown(first, 'connected-elsewhere', { selector: 'p', startsWith: 'Connected' });
    await second.getByRole('textbox', { name: 'Access key', exact: true }).fill(key);
    await second.getByRole('button', { name: `Connect ${NAME} with the access key` }).click();
    await second.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    await expect.poll(() => second.evaluate(() => document.activeElement?.id)).toBe('main');
    // and the first tab, still on the stores list, shows the store connected without a reload, within
    // 2 s of the second tab's catalogue (timed as above)
    await first.getByText(/^Connected · /).waitFor();
    expect((await stampOf(first, 'connected-elsewhere')) - (await stampOf(second, 'connected'))).toBeLessThan(2_000);
    expect(await first.getByText(/forgot the credentials for/).count()).toBe(0);
  });

  it('Shopware: while the other tab’s renewal waits on a token endpoint that does not answer, the forget ends at once, and the renewal answered later saves nothing', async () => {
    const STORE = 'Shopware Demo Shop';
    const [admin] = DEMO_USERS as [(typeof DEMO_USERS)[0]];
    const { app, store: shop } = await servePlatformApp(e2e, {
      basePath: '/shops/demo/',
      startStore: () => startShopwareStore({ port: 0 }),
      config: (shop) => ({
        stores: [{ id: 'sw', kind: 'shopware6', name: STORE, apiBase: shop.origin, auth: ['password'], currency: 'EUR' }],
        imageOrigins: [shop.mediaOrigin],
      }),
    });
    const { page: first } = await openAppHome(e2e, app);
    await first.getByLabel('Username').fill(admin.username);
    await first.getByLabel('Password').fill(admin.password);
    await first.getByRole('button', { name: /with the administration sign-in$/ }).click();
    await first.getByText(/^Connected · /).waitFor();
    const refreshes = () => shop.stats().tokenRequests.byGrant['refresh_token'] ?? 0;

    // The other tab's renewal reaches the shop (which rotates the refresh token), and its answer is
    // held: that tab holds the store's renewal lock meanwhile, as with a token endpoint that hangs.
    const second = await first.context().newPage();
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    let delivered = false;
    await second.route(`${shop.origin}/api/oauth/token`, async (route: Route) => {
      const response = await route.fetch();
      await answered;
      await route.fulfill({ response }).catch(() => undefined);
      delivered = true;
    });
    try {
      await second.goto(`${app.url}#/s/sw`);
      await expect.poll(() => loadedProductsReachable(second), { timeout: 20_000 }).toBeGreaterThan(0);
      shop.expireAccessTokens();
      await second.getByRole('searchbox', { name: 'Search' }).fill('Pears');
      await expect.poll(refreshes, { timeout: 10_000 }).toBe(1);

      // "At once" (within 3 s) by this tab's own clock, from the question's Forget sign-in (the
      // press that forgets) to the note that says it is done: not by when this process hears of them,
      // hundreds of ms late on a busy machine.
      await first.getByRole('button', { name: `Forget sign-in of ${STORE}` }).click();
      const question = first.getByRole('alertdialog', { name: `Forget the sign-in for ${STORE}?` });
      await question.waitFor();
      await watchWindowEvent(first, 'pressed', 'click');
      await watchShown(first, 'forgotten', { selector: '[role="status"]', startsWith: 'This browser forgot the credentials for' });
      await question.getByRole('button', { name: 'Forget sign-in' }).click();
      await question.waitFor({ state: 'detached' });
      await first.getByRole('status').filter({ hasText: /forgot the credentials for/ }).waitFor();
      // before: not until the other tab's renewal let go of the lock (here, never: its answer is held)
      expect((await stampOf(first, 'forgotten')) - (await stampOf(first, 'pressed'))).toBeLessThan(3_000);
      expect(await readSessionKeys(first)).toEqual([]);
      await second.getByRole('heading', { name: `${STORE} is not connected` }).waitFor();
    } finally {
      answer();
    }
    // The renewal's answer, late: not saved, in either tab, nor after a reload.
    await expect.poll(() => delivered).toBe(true);
    await second.waitForTimeout(500);
    expect(await readSessionKeys(second)).toEqual([]);
    await second.reload();
    await second.getByRole('heading', { name: `${STORE} is not connected` }).waitFor();
    await first.reload();
    await first.getByLabel('Username').waitFor();
    expect(await readSessionKeys(first)).toEqual([]);
    expect(refreshes()).toBe(1);
  }, 90_000);
});
