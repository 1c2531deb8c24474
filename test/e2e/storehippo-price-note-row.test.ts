/**
 * The words under the editor's price (its word of caution, its problem) in the built app against the
 * faithful local StoreHippo server. Regression: at 1280 px, with Price, Inventory and Published in
 * three columns, the note of a price raised above a sale's earlier price wrapped to seven lines in
 * the price's 200 px column. It now takes a row of its own below the three, as wide as the form,
 * still the price field's description (aria-describedby), Published still level with the inputs;
 * at 360 px (one column) it stays right under the price, before Inventory. Screenshots at both.
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { boxOf as box, fieldSays } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { hash, manageFirstProduct, useHippoApp } from '../helpers/storehippo-app.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';

const { startEnv, openHome } = useHippoApp();
const NOTE = /^Above the earlier price, ₹2,499\.00: shoppers will no longer see this product on sale\./;

describe('StoreHippo: the price’s note and problem in the editor', () => {
  it('take the row’s full width below Price, Inventory and Published at 1280 px, and stay under the price at 360 px', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 1280);
    await manageFirstProduct(page, DEMO_KEYS.manager);
    env.hippo.touchProduct(hash(page).split('/').pop() ?? '', { price: 2000, compare_price: 2499 });
    await page.reload();
    await page.getByRole('heading', { name: 'Manage this product' }).waitFor();
    await page.locator('main s').filter({ hasText: '₹2,499.00' }).first().waitFor();

    const price = page.getByRole('textbox', { name: 'Price (INR)' });
    const inventory = page.getByRole('textbox', { name: 'Inventory' });
    const published = page.getByRole('checkbox', { name: 'Published' });
    const description = page.getByRole('textbox', { name: 'Description' });
    const note = page.locator('#edit-price-note');
    await price.fill('2600');
    await expect.poll(() => fieldSays(price)).toMatch(NOTE);
    await note.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-price-note-row-1280.png` });

    // Price, Inventory and Published in one row, Published level with the inputs
    await expect.poll(async () => (await box(published)).x > (await box(inventory)).x && (await box(inventory)).x > (await box(price)).x).toBe(true);
    expect(Math.abs((await box(published)).y + (await box(published)).height / 2 - ((await box(inventory)).y + (await box(inventory)).height / 2))).toBeLessThanOrEqual(1);
    // the note: below that row, from the price's left edge to the form's right one (the description's), three lines at most
    const spread = async (words: Locator) => {
      const [said, field, wide] = [await box(words), await box(price), await box(description)];
      return {
        belowRow: said.y >= field.y + field.height && said.y < field.y + field.height + 24,
        left: Math.round(said.x - field.x),
        right: Math.round(wide.x + wide.width - (said.x + said.width)),
        // three lines of the 0.9rem text at most (a line about 22 px; seven lines before)
        threeLinesAtMost: said.height <= 70,
      };
    };
    expect(await spread(note)).toEqual({ belowRow: true, left: 0, right: 0, threeLinesAtMost: true });

    // its problem likewise, said instead of the note
    await price.fill('₹1250');
    await expect.poll(() => fieldSays(price)).toMatch(/^Enter the price as a number only/);
    expect(await spread(page.locator('#edit-price-problem'))).toEqual({ belowRow: true, left: 0, right: 0, threeLinesAtMost: true });

    // Inventory wrong too: its problem below the price's, in the form's order (in its column, it stood above it)
    const inventoryProblem = page.locator('#edit-inventory-problem');
    await inventory.fill('2.5');
    await expect.poll(() => fieldSays(inventory)).toBe('Inventory is a whole number, 0 or more.');
    const [priceSaid, inventorySaid] = [await box(page.locator('#edit-price-problem')), await box(inventoryProblem)];
    expect(inventorySaid.y).toBeGreaterThanOrEqual(priceSaid.y + priceSaid.height);
    expect(Math.round(inventorySaid.x - priceSaid.x)).toBe(0);
    await inventoryProblem.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-two-problems-1280.png` });
    await page.setViewportSize({ width: 360, height: 800 });
    await inventoryProblem.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-two-problems-360.png` });
    // one column: each right under its own field, the price's first
    await expect.poll(async () => {
      const [priceSaid, inventoryField, inventorySaid] = [await box(page.locator('#edit-price-problem')), await box(inventory), await box(inventoryProblem)];
      return priceSaid.y < inventoryField.y && inventorySaid.y - (inventoryField.y + inventoryField.height) >= 0 && inventorySaid.y - (inventoryField.y + inventoryField.height) <= 8;
    }).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
    await inventory.fill('7');

    // one column: the note right under the price's input, Inventory's label after it
    await price.fill('2600');
    await expect.poll(() => fieldSays(price)).toMatch(NOTE);
    await page.setViewportSize({ width: 360, height: 800 });
    await note.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-price-note-row-360.png` });
    const inventoryLabel = page.locator('label[for="edit-inventory"]');
    await expect.poll(async () => {
      const [said, field, next] = [await box(note), await box(price), await box(inventoryLabel)];
      return said.y - (field.y + field.height) >= 0 && said.y - (field.y + field.height) <= 8 && next.y > said.y + said.height;
    }).toBe(true);
  });
});
