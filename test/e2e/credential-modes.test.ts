/**
 * A store that takes two kinds of credential (Shopware 6: an integration key or an Administration
 * sign-in; StoreHippo: an access key or an access token) shows one form at a time, the other a radio
 * away. What was pasted into one form stays there while the person looks at the other: Shopware shows
 * an integration's secret once, when it is made, so a glance at the other mode (a click, or an arrow
 * key on the radios, which moves the choice as it moves the focus) must not throw it away.
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { openAppHome, servePlatformApp } from '../helpers/platform-app.ts';
import { hasFocus } from '../helpers/screen-audits.ts';
import { readOtherStorage } from '../helpers/e2e-app.ts';
import { DEMO_INTEGRATIONS } from '../platforms/shopware/constants.ts';
import { startShopwareStore } from '../platforms/shopware/server.ts';

const e2e = useE2e();
const STORE = 'Shopware Demo Shop';
const ADMIN = DEMO_INTEGRATIONS[2]!;

/** The app with two stores (so the stores list offers Connect on each): the Shopware shop, and another never called. */
async function startApp() {
  const { app } = await servePlatformApp(e2e, {
    basePath: '/shops/modes/',
    startStore: () => startShopwareStore({ port: 0 }),
    config: (shop) => ({
      stores: [
        { id: 'sw', kind: 'shopware6', name: STORE, apiBase: shop.origin, auth: ['integration', 'password'], currency: 'EUR' },
        { id: 'other', kind: 'shopware6', name: 'Fruit Shop', apiBase: 'https://shop.example', auth: ['integration'], currency: 'EUR' },
      ],
    }),
  });
  return app;
}

describe('the credentials forms of a store with two modes', () => {
  it('a pasted key ID and secret are still there after a look at Administration sign-in, by arrow keys and by a click; Connect then connects (they were emptied)', async () => {
    const app = await startApp();
    const { page } = await openAppHome(e2e, app, 360);
    await page.getByRole('button', { name: `Connect ${STORE}`, exact: true }).click();
    const keyId = page.getByRole('textbox', { name: 'Access key ID' });
    const secret = page.getByLabel('Secret access key');
    await hasFocus(keyId);
    await page.keyboard.insertText(ADMIN.accessKeyId);
    await page.keyboard.press('Tab');
    await hasFocus(secret);
    await page.keyboard.insertText(ADMIN.secret);

    // From the keyboard: back to the radios, an arrow key on to the other mode (its form shows), and back.
    const integration = page.getByRole('radio', { name: 'Integration key' });
    const signIn = page.getByRole('radio', { name: 'Administration sign-in' });
    await integration.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => signIn.isChecked()).toBe(true);
    await page.getByRole('textbox', { name: 'Username' }).waitFor();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => integration.isChecked()).toBe(true);
    expect(await keyId.inputValue()).toBe(ADMIN.accessKeyId);
    // compared as a boolean: a failing assertion must not print the secret
    expect((await secret.inputValue()) === ADMIN.secret).toBe(true);

    // With the mouse, and something typed in the other form meanwhile: each form keeps its own.
    await signIn.click();
    await page.getByRole('textbox', { name: 'Username' }).fill('admin');
    await integration.click();
    expect(await keyId.inputValue()).toBe(ADMIN.accessKeyId);
    expect((await secret.inputValue()) === ADMIN.secret).toBe(true);
    await signIn.click();
    expect(await page.getByRole('textbox', { name: 'Username' }).inputValue()).toBe('admin');
    await integration.click();

    await page.getByRole('button', { name: `Connect ${STORE} with the integration key` }).click();
    await page.getByRole('link', { name: `Browse ${STORE}` }).waitFor();
    expect((await readOtherStorage(page)).includes(ADMIN.secret)).toBe(false);
  });

  it('Cancel connecting forgets what was typed: opened again, the forms are empty', async () => {
    const app = await startApp();
    const { page } = await openAppHome(e2e, app);
    await page.getByRole('button', { name: `Connect ${STORE}`, exact: true }).click();
    await page.getByRole('textbox', { name: 'Access key ID' }).fill(ADMIN.accessKeyId);
    await page.getByLabel('Secret access key').fill(ADMIN.secret);
    await page.getByRole('button', { name: `Cancel connecting ${STORE}` }).click();
    await page.getByRole('button', { name: `Connect ${STORE}`, exact: true }).click();
    expect(await page.getByRole('textbox', { name: 'Access key ID' }).inputValue()).toBe('');
    expect(await page.getByLabel('Secret access key').inputValue()).toBe('');
  });
});
