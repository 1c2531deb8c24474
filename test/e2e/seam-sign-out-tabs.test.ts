/**
 * Forget credentials in one of two tabs of a seam store (StoreHippo, against its faithful server),
 * as Goodsie's sign-out (security case 27; sign-out-tabs.test.ts): the other tab shows the store not
 * connected within a second and sends no request with the old key afterwards, and the key is gone
 * from IndexedDB. StoreHippo has no revocation endpoint (platforms.md 2.2): the forget words say where
 * to disable the key. Connected again in the other tab, the first shows it without a reload.
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { watchStoreCalls } from '../helpers/quiet-tabs.ts';
import { forgetCredentials, readSessionKeys } from '../helpers/e2e-app.ts';
import { servePlatformApp } from '../helpers/platform-app.ts';
import { stampOf, watchShown } from '../helpers/page-stamps.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';
import { startStoreHippoStore } from '../platforms/storehippo/server.ts';

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
});
