/**
 * A merchant types a price the way it is written on a price tag, with the currency's sign or code
 * ("₹1250", "Rs. 1250", "$12"), on a phone, in the built app against the faithful local StoreHippo
 * server (an INR store). Regression: the field said "Enter a price, for example 19.90." to someone
 * who had just entered one, and not what was wrong. It now names what to leave out; nothing is sent
 * while it stands, and the number alone saves. Screenshots at 360 and 1280 px.
 */
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { fieldSays } from '../helpers/e2e-app.ts';
import { manageFirstProduct, useHippoApp } from '../helpers/storehippo-app.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';

const { startEnv, openHome } = useHippoApp();

describe('a price typed with its currency’s sign', () => {
  it('StoreHippo (INR): “₹1250”, “Rs. 1250” and “$12” are each told what to leave out, nothing is sent; 1250 saves', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 360);
    await manageFirstProduct(page, DEMO_KEYS.manager);
    const price = page.getByRole('textbox', { name: 'Price (INR)' });
    const said = () => fieldSays(price);
    const writes = () => env.hippo.requests().filter((r) => r.listener === 'api' && r.method === 'PUT').length;

    for (const [typed, words] of [
      ['₹1250', 'Enter the price as a number only, without “₹”, for example 19.90.'],
      ['Rs. 1250', 'Enter the price as a number only, without “Rs.”, for example 19.90.'],
      ['$12', 'Enter the price as a number only, without “$”, for example 19.90.'],
    ] as const) {
      await price.fill(typed);
      await expect.poll(said).toBe(words);
      expect(await price.getAttribute('aria-invalid')).toBe('true');
    }
    await page.getByRole('button', { name: 'Save changes' }).click({ force: true });
    // what was typed stays as typed, to be corrected, and the store is not written
    expect(await price.inputValue()).toBe('$12');
    expect(writes()).toBe(0);
    await price.fill('₹1250');
    await price.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/price-currency-sign-360.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await price.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/price-currency-sign-1280.png` });

    await price.fill('1250');
    await expect.poll(said).toBe('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: /^Saved\.$/ }).waitFor();
    await expect.poll(() => page.locator('main').getByText(/^₹1,250\.00$/).count()).toBeGreaterThan(0);
  });
});
