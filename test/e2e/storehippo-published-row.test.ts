/**
 * The editor's Published box beside Price and Inventory, in the built app against the faithful local
 * StoreHippo server, while a message under the price is said. Regression: at 1280 px
 * the box sat at the bottom of the row, as far below the fields it stands beside as the message was
 * tall. It now lines up with their inputs; at 360 px (one column) it comes after Inventory with the
 * fields' usual gap, no label's space above it. Screenshots at 360 and 1280 px.
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { boxOf as box, fieldSays } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { manageFirstProduct, useHippoApp } from '../helpers/storehippo-app.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';

const { startEnv, openHome } = useHippoApp();

describe('StoreHippo: Published beside a price message of several lines', () => {
  it('lines up with the price and inventory fields at 1280 px, and follows Inventory at the usual gap at 360 px', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 360);
    await manageFirstProduct(page, DEMO_KEYS.manager);
    const price = page.getByRole('textbox', { name: 'Price (INR)' });
    const inventory = page.getByRole('textbox', { name: 'Inventory' });
    const published = page.getByRole('checkbox', { name: 'Published' });
    const row = page.locator('label.check');
    await price.fill('₹1250');
    await expect.poll(() => fieldSays(price)).toMatch(/^Enter the price as a number only/);

    // one column: Published's row comes after Inventory's field, a field's gap (12 px) below it
    await published.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-published-row-360.png` });
    const inventoryField = page.locator('.field', { has: inventory });
    await expect.poll(async () => Math.round((await box(row)).y - ((await box(inventoryField)).y + (await box(inventoryField)).height))).toBe(12);

    await page.setViewportSize({ width: 1280, height: 900 });
    await published.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-published-row-1280.png` });
    // the message under the price is said below the three columns' row (its own row since
    // storehippo-price-note-row), and does not move Published down with it
    const message = page.locator('#edit-price-problem');
    await expect.poll(async () => (await box(message)).y >= (await box(price)).y + (await box(price)).height && (await box(published)).x > (await box(inventory)).x).toBe(true);
    // Published's row is level with the inputs beside it: same top, same middle (the box within 1 px)
    await expect.poll(async () => Math.abs(Math.round((await box(row)).y - (await box(price)).y))).toBe(0);
    const middle = async (locator: Locator) => (await box(locator)).y + (await box(locator)).height / 2;
    expect(Math.abs((await middle(published)) - (await middle(inventory)))).toBeLessThanOrEqual(1);
  });
});
