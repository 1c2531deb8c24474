/**
 * A StoreHippo store in the built app while the browser is offline, against the faithful local
 * StoreHippo server (platforms.md 2): a key sent offline is kept and sent by itself once online; a
 * saved connection whose code does not download at start, and the credentials form's code offline,
 * each say so with a Try again that brings it. The tour of the app: storehippo-app.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { HIPPO_NAME as NAME, pasteKey, useHippoApp } from '../helpers/storehippo-app.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';

const { startEnv, openHome } = useHippoApp();

describe('StoreHippo in the app', () => {
  it('a key sent while the browser is offline: the form says the browser is offline (not CORS), keeps the key, and it connects by itself once online', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 360);
    // Online first, a key the store refuses: the form's connector code is in from then on.
    await pasteKey(page, DEMO_KEYS.disabled);
    await page.getByRole('alert').filter({ hasText: 'StoreHippo did not accept this access key' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Access key', exact: true }).inputValue()).toBe('');
    await page.context().setOffline(true);
    await pasteKey(page, DEMO_KEYS.readOnly);
    const alert = page.getByRole('alert').filter({ hasText: 'This browser is offline' });
    // Its words say what happens: the form sends by itself once online (no "Try again").
    await alert.getByText('Nothing reached the store, and what you entered is kept: it is sent by itself once the browser is back online.', { exact: false }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'CORS' }).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-offline-360.png`, fullPage: true });
    // Nothing left the browser: the key is still in its field (a refused one was emptied, above).
    const keyField = page.getByRole('textbox', { name: 'Access key', exact: true });
    expect(await keyField.inputValue()).toBe(DEMO_KEYS.readOnly);
    // Back online, the kept key is sent by itself (Connect was pressed already): no press, no stale alert.
    await page.context().setOffline(false);
    await page.getByText(/^Connected · /).waitFor({ timeout: 6000 });
    expect(await alert.count()).toBe(0);
  });

  it('a saved connection whose code does not download at start (offline, or the site replaced): says so, not "Something went wrong", and Try again brings the store back', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 360);
    await pasteKey(page, DEMO_KEYS.readOnly); // the only store: its form shows at once
    await page.getByText(/^Connected · /).waitFor();
    // The seam's door (store-connections.ts), which lists saved connections as the app starts.
    const seamCode = /\/assets\/seam-[\w-]+\.js$/;
    await page.route(seamCode, (route) => route.abort('internetdisconnected'));
    await page.reload();
    const alert = page.getByRole('alert').filter({ hasText: 'Part of this app could not be loaded' });
    await alert.waitFor();
    expect(await page.getByText('Something went wrong').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-seam-unavailable-360.png`, fullPage: true });
    await page.unroute(seamCode);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('link', { name: `Browse ${NAME}` }).waitFor();
  });

  it('the credentials form’s code, offline: the store’s card says so instead of an empty space, and Try again brings the form', async () => {
    const env = await startEnv(true);
    const { page } = await openHome(env, 360);
    // The form's file fails at the network (a route also turns the page's HTTP cache off).
    const formCode = /\/assets\/ConnectWithCredentials-[\w-]+\.js$/;
    await page.route(formCode, (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: `Connect ${NAME}`, exact: true }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: NAME, exact: true }) });
    const alert = card.getByRole('alert').filter({ hasText: 'Part of this app could not be loaded' });
    await alert.waitFor();
    expect(await page.getByRole('alert').count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-form-unavailable-360.png`, fullPage: true });
    await page.unroute(formCode);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('button', { name: `Connect ${NAME}`, exact: true }).click();
    await pasteKey(page, DEMO_KEYS.readOnly);
    await page.getByText(/^Connected · /).waitFor();
  });
});
