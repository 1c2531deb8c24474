/**
 * The product forms (Edit product, New product) on a phone, with words a merchant may well meet:
 * - the description's Preview of HTML pasted from elsewhere (a table wider than the screen, a long
 *   address, a line of code) fits the form's column as the shopper's Description does (a wide table
 *   scrolls in its own box): opened, it made the whole page 880 px wide at 360 px, every field of the
 *   form past the screen's edge;
 * - "Changed elsewhere" naming a product whose name is one long word (a German compound, a code) wraps
 *   it: the alert and every field above it ran off a 360 px screen.
 * Photographed at 360 px (.test-artifacts/screenshots/product-form-phone-*.png).
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'admin'] } });

const WIDE_HTML =
  `<p>Care guide: https://example.com/${'care-guide-'.repeat(12)}</p>` +
  `<table><tr><th>Size</th>${'<th>Chest (cm)</th>'.repeat(8)}</tr><tr><td>M</td>${'<td>96 to 101</td>'.repeat(8)}</tr></table>` +
  `<pre>${'SKU-0001-'.repeat(20)}</pre>`;

/** Types the wide HTML into `form`'s description and opens its Preview. */
async function previewWide(page: Page, form: Locator): Promise<void> {
  const description = form.getByRole('textbox', { name: 'Description' });
  await description.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(WIDE_HTML);
  await form.locator('summary', { hasText: 'Preview' }).click();
  await form.getByRole('table').waitFor();
}

/** The page's width beyond the screen's, and how far right each of `form`'s text fields reaches. */
async function widths(page: Page, form: Locator): Promise<{ pageOverflow: number; fieldsRight: number[]; tableScrolls: boolean }> {
  const pageOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const fieldsRight = await form.locator('input[type="text"], textarea').evaluateAll((fields) => fields.map((field) => Math.round(field.getBoundingClientRect().right)));
  const tableScrolls = await form.getByRole('table').evaluate((table) => {
    const box = table.parentElement!;
    return box.scrollWidth > box.clientWidth && getComputedStyle(box).overflowX === 'auto';
  });
  return { pageOverflow, fieldsRight, tableScrolls };
}

describe('the product forms fit a phone', () => {
  it('Edit product at 360 px: opened on a wide table, a long address and a line of code, the page does not scroll sideways, the fields stay on the screen, the table scrolls in its box', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.locator('main ul > li article').first().getByRole('link').first().click();
    const editor = page.getByRole('form', { name: 'Edit product' });
    await editor.waitFor();
    await previewWide(page, editor);
    const measured = await widths(page, editor);
    await editor.locator('summary', { hasText: 'Preview' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/product-form-phone-edit-360.png` });
    expect(measured.pageOverflow).toBe(0);
    expect(measured.fieldsRight.every((right) => right <= 360)).toBe(true);
    expect(measured.tableScrolls).toBe(true);
  });

  it('New product at 360 px: the same', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('button', { name: 'New product' }).click();
    const form = page.getByRole('form', { name: 'New product' });
    await form.waitFor();
    await previewWide(page, form);
    const measured = await widths(page, form);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/product-form-phone-new-360.png`, fullPage: true });
    expect(measured.pageOverflow).toBe(0);
    expect(measured.fieldsRight.every((right) => right <= 360)).toBe(true);
    expect(measured.tableScrolls).toBe(true);
  });

  it('Edit product at 360 px: "Changed elsewhere" with their name one long word wraps it; the alert, its buttons and the fields stay on the screen', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.locator('main ul > li article').nth(1).getByRole('link').first().click();
    const editor = page.getByRole('form', { name: 'Edit product' });
    await editor.waitFor();
    const productId = decodeURIComponent(new URL(page.url()).hash).split('/').at(-1) ?? '';
    // someone renames it meanwhile, in the store's admin: one German word of 48 letters
    e2e.env.store.touchProduct(productId, { name: 'Donaudampfschifffahrtsgesellschaftskapitänsmütze' });
    await editor.getByRole('textbox', { name: 'Inventory' }).fill('7');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    const alert = editor.getByRole('alert').filter({ hasText: 'Changed elsewhere' });
    await alert.getByRole('button', { name: 'Overwrite with mine' }).waitFor();
    await alert.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/product-form-phone-conflict-360.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    const right = (locator: Locator) => locator.evaluateAll((elements) => elements.map((element) => Math.round(element.getBoundingClientRect().right)));
    expect((await right(alert)).every((edge) => edge <= 360)).toBe(true);
    expect((await right(alert.getByRole('button'))).every((edge) => edge <= 360)).toBe(true);
    expect((await right(editor.locator('input[type="text"], textarea'))).every((edge) => edge <= 360)).toBe(true);
  });
});
