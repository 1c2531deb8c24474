/**
 * A merchant clears a StoreHippo product's price to 0 (a slip, or a price meant to be typed next)
 * and presses Save, in the built app against the faithful local StoreHippo server. Regression: it
 * saved at once, and the product was free for shoppers. The first Save now sends nothing and says
 * at the price field, focused, what 0 does; what was typed stays. Saved again with the same 0, it is
 * saved. Screenshots at 360 and 1280 px.
 */
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { fieldSays } from '../helpers/e2e-app.ts';
import { hash, manageFirstProduct, useHippoApp } from '../helpers/storehippo-app.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';

const { startEnv, openHome } = useHippoApp();
const ASKED = 'A price of 0 makes this product free for shoppers. To sell it at 0, press Save changes again; otherwise enter its price.';

describe('StoreHippo: a price of 0', () => {
  it('the first Save asks at the focused price field and writes nothing; the second saves 0', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 360);
    await manageFirstProduct(page, DEMO_KEYS.manager);
    const id = hash(page).split('/').pop() ?? '';
    expect(env.hippo.getProduct(id)?.price).toBeGreaterThan(0);
    const price = page.getByRole('textbox', { name: 'Price (INR)' });
    const writes = () => env.hippo.requests().filter((r) => r.listener === 'api' && r.method === 'PUT').length;

    await price.fill('0');
    const save = page.getByRole('button', { name: 'Save changes' });
    await save.click();
    await expect.poll(() => fieldSays(price)).toBe(ASKED);
    await expect.poll(() => price.evaluate((field) => field === document.activeElement)).toBe(true);
    expect(await price.getAttribute('aria-invalid')).toBe('false');
    expect(await price.inputValue()).toBe('0');
    expect(writes()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-price-free-360.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await price.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-price-free-1280.png` });

    await save.click();
    await page.getByRole('status').filter({ hasText: /^Saved\.$/ }).waitFor();
    expect(writes()).toBe(1);
    expect(Number(env.hippo.getProduct(id)?.price)).toBe(0);
    expect(await fieldSays(price)).toBe('');
  });
});
