/**
 * A merchant on a phone edits a StoreHippo product while the key is disabled at the store (another
 * admin unticked Enable in Advance Settings › Access Keys), in the built app against the faithful
 * local StoreHippo server. Save meets the store's 401: the banner at the top asks for the key again,
 * and the focus goes to its field, in view with the banner's words. Regression: the focus stayed on Save, some 2,000 px below
 * the form that "Connect again with the form above to carry on." pointed at, and each further press
 * of Save did nothing there. Once the key is given again, the edit is still in the form and saves.
 * Screenshots at 360 and 1280 px.
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { manageFirstProduct, useHippoApp } from '../helpers/storehippo-app.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';

const { startEnv, openHome } = useHippoApp();
const TYPED = 'Linen Tote, large';

/** Whether `locator` has the keyboard's focus and is within the window as it is scrolled. */
const focusedInView = (locator: Locator) =>
  locator.evaluate((field) => {
    const box = field.getBoundingClientRect();
    return field === document.activeElement && box.top >= 0 && box.bottom <= window.innerHeight;
  });

describe('StoreHippo: Save after the key stopped working', () => {
  it('takes the merchant to the key field at the top (360 px), each press again too; the key given, the edit saves', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 360);
    await manageFirstProduct(page, DEMO_KEYS.manager);
    const name = page.getByLabel('Name', { exact: true });
    await name.fill(TYPED);

    env.hippo.disableKey(DEMO_KEYS.manager);
    const save = page.getByRole('button', { name: 'Save changes' });
    await save.click();
    const again = page.getByRole('alert').filter({ hasText: 'no longer accepts the saved key' });
    await again.waitFor();
    await page.getByText('Connect again with the form above to carry on.').waitFor();
    const keyField = again.getByRole('textbox', { name: 'Access key', exact: true });
    await expect.poll(() => focusedInView(keyField)).toBe(true);
    // and the banner's words above it, which say why, in view too
    expect(await again.evaluate((banner) => banner.getBoundingClientRect().top >= 0)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-save-key-ended-360.png` });

    // Save pressed again from down the page: not nothing, the same way up to the key
    await save.focus();
    await save.click();
    await expect.poll(() => focusedInView(keyField)).toBe(true);
    expect(await name.inputValue()).toBe(TYPED);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-save-key-ended-1280.png` });

    env.hippo.enableKey(DEMO_KEYS.manager);
    await keyField.fill(DEMO_KEYS.manager);
    await again.getByRole('button', { name: /^Connect again .* with the access key$/ }).click();
    await again.waitFor({ state: 'detached' });
    await expect.poll(() => name.inputValue()).toBe(TYPED);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: TYPED, level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: /^Saved\.$/ }).waitFor();
  });
});
