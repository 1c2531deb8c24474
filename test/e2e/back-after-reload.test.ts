/**
 * "← Back to the catalogue" after a reload (a fault of an exploratory walk): a product opened from
 * a search of a StoreHippo store, its page reloaded, linked back to the whole catalogue (`#/s/hippo`)
 * and dropped the search the person came from, which the link kept before the reload. The store's
 * last catalogue is kept in the history entry of each screen that links back to it
 * (components/catalog-back.ts), which a reload keeps. The browser's own Back after the reload
 * goes to the results as well.
 */
import { describe, expect, it } from 'vitest';
import { productCards } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { HIPPO_NAME as NAME, hash, pasteKey, useHippoApp } from '../helpers/storehippo-app.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';

const { startEnv, openHome } = useHippoApp();

describe('Back to the catalogue after a reload', () => {
  it('a product opened from a search, reloaded, links back to the search; the browser’s Back goes there too', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 1280);
    await pasteKey(page, DEMO_KEYS.readOnly);
    await page.getByRole('link', { name: `Browse ${NAME}` }).click();
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    await productCards(page).first().waitFor();
    const word = ((await productCards(page).first().locator('h3').textContent()) ?? '').trim().split(' ')[0] ?? '';
    expect(word.length).toBeGreaterThan(2);
    await page.getByRole('searchbox', { name: 'Search' }).fill(word);
    await expect.poll(() => hash(page)).toBe(`#/s/hippo?q=${word}`);
    const results = `#/s/hippo?q=${encodeURIComponent(word)}`;
    await expect
      .poll(async () => ((names) => names.length > 0 && names.every((n) => n.toLowerCase().includes(word.toLowerCase())))(await productCards(page).locator('h3').allTextContents()))
      .toBe(true);

    await productCards(page).first().getByRole('link').first().click();
    await page.locator('main h1').waitFor();
    const back = page.getByRole('link', { name: '← Back to the catalogue' });
    expect(await back.getAttribute('href')).toBe(results);

    await page.reload();
    await page.locator('main h1').waitFor();
    await back.waitFor();
    expect(await back.getAttribute('href')).toBe(results);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/hippo-product-reloaded-1280.png` });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/hippo-product-reloaded-360.png` });
    await page.setViewportSize({ width: 1280, height: 800 });

    // the link, after the reload, shows the search's results
    await back.click();
    await expect.poll(() => hash(page)).toBe(`#/s/hippo?q=${word}`);
    expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe(word);
    await expect
      .poll(async () => ((names) => names.length > 0 && names.every((n) => n.toLowerCase().includes(word.toLowerCase())))(await productCards(page).locator('h3').allTextContents()))
      .toBe(true);

    // and the browser's own Back from a reloaded product page
    await productCards(page).first().getByRole('link').first().click();
    await page.locator('main h1').waitFor();
    await page.reload();
    await page.locator('main h1').waitFor();
    await page.goBack();
    await expect.poll(() => hash(page)).toBe(`#/s/hippo?q=${word}`);
    expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe(word);
    await expect.poll(async () => (await productCards(page).locator('h3').allTextContents()).length).toBeGreaterThan(0);
  }, 90_000);
});
