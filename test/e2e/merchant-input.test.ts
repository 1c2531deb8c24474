/**
 * A merchant's ordinary typing, in the built app against the Goodsie demo store: what reaches the
 * store is what was meant, or nothing with the reason beside the field. Photographed at 360 and
 * 1280 px (.test-artifacts/screenshots/merchant-input-*.png).
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { describedAs } from '../helpers/screen-audits.ts';
import { draftsHolding } from '../helpers/drafts-in-page.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'admin'] } });

/** Signed in with Manage the store, on the editor of the catalogue's fourth product; its id. */
async function openEditor(page: Page): Promise<{ editor: Locator; productId: string }> {
  await page.goto(e2e.env.app.url);
  await connectThroughConsent(page, STORE_NAME);
  await page.locator('main ul > li article').nth(3).getByRole('link').first().click();
  const productId = decodeURIComponent(new URL(page.url()).hash).split('/').at(-1) ?? '';
  const editor = page.getByRole('form', { name: 'Edit product' });
  await editor.waitFor();
  return { editor, productId };
}

/** Waits (10 s at most) until the app's drafts (IndexedDB) hold `text` somewhere. */
async function draftsHold(page: Page, text: string): Promise<void> {
  await expect.poll(() => draftsHolding(page, text), { timeout: 10_000, interval: 100 }).toBe(true);
}

describe('what a merchant types reaches the store as meant', () => {
  it('the stock: "2,5", "1.000", "5-" and an emptied field are refused beside it, never saved as 25, 1 or "no change" under "Saved."', async () => {
    const { page } = await e2e.open({ width: 1280, height: 900 });
    const { editor, productId } = await openEditor(page);
    const before = e2e.env.store.getProduct(productId) as { name: string; inventory: number };
    const stock = editor.getByLabel('Inventory', { exact: true });
    const name = editor.getByRole('textbox', { name: 'Name' });
    const save = editor.getByRole('button', { name: 'Save changes' });
    await name.fill('Restocked edition');

    const refusals: Array<[string, string]> = [
      ['2,5', 'Inventory is a whole number, 0 or more.'],
      ['1.000', 'Enter the stock without thousands separators, for example 1000.'],
      ['5-', 'Inventory is a whole number, 0 or more.'],
      // emptied: the store kept its old count while the screen said "Saved." and showed it back
      ['', 'Enter how many are in stock: 0 or more.'],
    ];
    for (const [typed, words] of refusals) {
      // typed key by key, as a person does (fill() would set the value the way no keyboard can)
      await stock.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      if (typed !== '') await stock.pressSequentially(typed);
      expect(await stock.inputValue()).toBe(typed);
      expect(await stock.getAttribute('aria-invalid')).toBe('true');
      expect(await describedAs(stock)).toBe(words);
      // Enter from the field: nothing goes out, the focus stays where the fix is
      await page.keyboard.press('Enter');
      expect(await stock.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await save.getAttribute('aria-disabled')).toBe('true');
      expect(e2e.env.store.getProduct(productId)).toMatchObject({ name: before.name, inventory: before.inventory });
      if (typed === '1.000' || typed === '') {
        for (const width of [360, 1280]) {
          await page.setViewportSize({ width, height: 900 });
          await stock.evaluate((element) => element.scrollIntoView({ block: 'center' }));
          await page.screenshot({ path: `${SCREENSHOT_DIR}/merchant-input-stock${typed === '' ? '-empty' : ''}-${width}.png` });
        }
      }
    }

    // a count the store takes: saved as typed, with the name typed before
    await stock.fill('');
    await stock.pressSequentially('1000');
    expect(await stock.getAttribute('aria-invalid')).toBe('false');
    await save.click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(e2e.env.store.getProduct(productId)).toMatchObject({ name: 'Restocked edition', inventory: 1000 });
    expect(await stock.inputValue()).toBe('1000');
  });

  it('a pasted description longer than the store takes is refused beside it, whole: the browser cut it at 20,000 characters and Save stored the cut HTML', async () => {
    const { page } = await e2e.open({ width: 1280, height: 900 });
    const { editor, productId } = await openEditor(page);
    const before = e2e.env.store.getProduct(productId) as { description: string };
    const description = editor.getByRole('textbox', { name: 'Description' });
    // 20,200 characters of HTML, its last paragraph past the 20,000th
    const pasted = `${'<p>Hand-finished in small batches.</p>'.repeat(530)}<p>Last words.</p>`;
    expect(pasted.length).toBeGreaterThan(20_000);
    await description.click();
    await page.keyboard.press('Control+A');
    // a paste: one insertion, as the browser makes it from the clipboard (maxlength applies to it)
    await page.keyboard.insertText(pasted);
    expect((await description.inputValue()).length).toBe(pasted.length);
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => describedAs(description)).toMatch(/^The store said: description must be a string of at most 20000 characters\./);
    expect(await description.getAttribute('aria-invalid')).toBe('true');
    expect(await description.evaluate((element) => element === document.activeElement)).toBe(true);
    // nothing cut reached the store, and what was pasted is all still there to shorten
    expect((e2e.env.store.getProduct(productId) as { description: string }).description).toBe(before.description);
    expect(await description.inputValue()).toBe(pasted);
    expect(await page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(0);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await description.evaluate((element) => element.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: `${SCREENSHOT_DIR}/merchant-input-description-${width}.png` });
    }
  });

  it('an unsaved description comes back after a reload though someone changed the product meanwhile, over their change (it was dropped without a word)', async () => {
    const { page } = await e2e.open({ width: 1280, height: 900 });
    const { editor, productId } = await openEditor(page);
    const typed = '<p>Turned by hand; a text that took a while to write.</p>';
    const description = editor.getByRole('textbox', { name: 'Description' });
    await description.fill(typed);
    // the draft is written as typed: wait for it to be in IndexedDB before leaving
    await page.waitForFunction(
      () =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open('storefront-connect-drafts');
          open.onerror = () => resolve(false);
          open.onsuccess = () => {
            const db = open.result;
            const names = [...db.objectStoreNames];
            if (!names.includes('drafts')) return resolve(false);
            const all = db.transaction('drafts').objectStore('drafts').getAll();
            all.onsuccess = () => resolve(JSON.stringify(all.result).includes('took a while'));
            all.onerror = () => resolve(false);
          };
        }),
      undefined,
      { timeout: 10_000 },
    );

    // another person, in their own browser, changes the stock
    const other = (await e2e.open({ width: 1280, height: 900 })).page;
    const theirs = await openEditor(other);
    expect(theirs.productId).toBe(productId);
    await theirs.editor.getByLabel('Inventory', { exact: true }).fill('3');
    await theirs.editor.getByRole('button', { name: 'Save changes' }).click();
    await other.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await page.reload();
    const restored = page.getByRole('form', { name: 'Edit product' });
    await restored.getByRole('status').filter({ hasText: /^Your unsaved changes were restored onto this product as the store has it now/ }).waitFor();
    expect(await restored.getByRole('textbox', { name: 'Description' }).inputValue()).toBe(typed);
    expect(await restored.getByLabel('Inventory', { exact: true }).inputValue()).toBe('3');
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await restored.evaluate((element) => element.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: `${SCREENSHOT_DIR}/merchant-input-restored-${width}.png` });
    }
    await restored.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(e2e.env.store.getProduct(productId)).toMatchObject({ description: typed, inventory: 3 });
  });

  it('two tabs on the same product: a save in one leaves the unsaved description typed in the other, which its reload brings back (the save deleted it)', async () => {
    const { context, page } = await e2e.open({ width: 1280, height: 900 });
    const { editor, productId } = await openEditor(page);
    await editor.getByRole('textbox', { name: 'Name' }).fill('Renamed in the first tab');
    await draftsHold(page, 'Renamed in the first tab');

    const second = await context.newPage();
    await second.goto(page.url());
    const theirs = second.getByRole('form', { name: 'Edit product' });
    const typed = '<p>Written in the second tab, not saved yet.</p>';
    await theirs.getByRole('textbox', { name: 'Description' }).fill(typed);
    await draftsHold(second, 'Written in the second tab');

    await editor.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(e2e.env.store.getProduct(productId)).toMatchObject({ name: 'Renamed in the first tab' });

    await second.reload();
    const restored = second.getByRole('form', { name: 'Edit product' });
    await restored.getByRole('status').filter({ hasText: /^Your unsaved changes were restored/ }).waitFor();
    expect(await restored.getByRole('textbox', { name: 'Description' }).inputValue()).toBe(typed);
    expect(await restored.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Renamed in the first tab');
  });

  it('two tabs on the same product: Discard changes in one takes the unsaved edit away in the other that restored it (it stayed there, offered to save over), not one typed over there', async () => {
    const { context, page } = await e2e.open({ width: 1280, height: 900 });
    const { editor, productId } = await openEditor(page);
    const before = e2e.env.store.getProduct(productId) as { name: string };
    await editor.getByRole('textbox', { name: 'Name' }).fill('Renamed, then thought better of');
    await draftsHold(page, 'Renamed, then thought better of');

    const second = await context.newPage();
    await second.setViewportSize({ width: 360, height: 800 });
    await second.goto(page.url());
    const theirs = second.getByRole('form', { name: 'Edit product' });
    await theirs.getByRole('status').filter({ hasText: 'Your unsaved changes were restored.' }).waitFor();
    expect(await theirs.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Renamed, then thought better of');

    await editor.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Changes discarded.' }).waitFor();
    await theirs.getByRole('status').filter({ hasText: 'Your unsaved changes were discarded in another tab, so they are gone here too.' }).waitFor();
    expect(await theirs.getByRole('textbox', { name: 'Name' }).inputValue()).toBe(before.name);
    expect(await theirs.getByRole('button', { name: 'Save changes' }).getAttribute('aria-disabled')).toBe('true');
    await theirs.evaluate((form) => form.scrollIntoView({ block: 'start' }));
    await second.screenshot({ path: `${SCREENSHOT_DIR}/merchant-input-discarded-elsewhere-360.png` });
    await second.setViewportSize({ width: 1280, height: 900 });
    await theirs.evaluate((form) => form.scrollIntoView({ block: 'start' }));
    await second.screenshot({ path: `${SCREENSHOT_DIR}/merchant-input-discarded-elsewhere-1280.png` });
    expect(await draftsHolding(second, 'Renamed, then thought better of')).toBe(false);

    // Restored in the second tab and typed over there: that typing is its own, and stays.
    await editor.getByRole('textbox', { name: 'Name' }).fill('Renamed again');
    await draftsHold(page, 'Renamed again');
    await second.reload();
    const again = second.getByRole('form', { name: 'Edit product' });
    await again.getByRole('status').filter({ hasText: 'Your unsaved changes were restored.' }).waitFor();
    await again.getByRole('textbox', { name: 'Name' }).fill('Renamed again, in the second tab');
    await draftsHold(second, 'Renamed again, in the second tab');
    // Told in the page once the first tab's discard has reached it: a channel opened after the editor's
    // hears each message after it (BroadcastChannel delivers in the order the channels were made).
    await second.evaluate(() => {
      const heard = new BroadcastChannel('storefront-connect:drafts');
      heard.onmessage = () => Object.assign(window, { discardHeard: true });
    });
    await editor.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Changes discarded.' }).waitFor();
    await second.waitForFunction(() => (window as { discardHeard?: boolean }).discardHeard === true, undefined, { timeout: 10_000 });
    expect(await draftsHolding(second, 'Renamed again, in the second tab')).toBe(true);
    expect(await again.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Renamed again, in the second tab');
    expect(e2e.env.store.getProduct(productId)).toMatchObject({ name: before.name });
  });

  it('Cancel on a new product with something typed asks first, from the keyboard: Escape keeps it, Discard forgets it (it forgot at one click)', async () => {
    const { page } = await e2e.open({ width: 1280, height: 900 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('button', { name: 'New product' }).click();
    const adding = page.getByRole('form', { name: 'New product' });
    await adding.getByRole('textbox', { name: 'Name' }).fill('Hand-thrown mug');
    await adding.getByRole('textbox', { name: 'Description' }).fill('<p>Stoneware, thrown on the wheel and glazed twice.</p>');
    const cancel = adding.getByRole('button', { name: 'Cancel' });
    await cancel.focus();
    await page.keyboard.press('Enter');
    const question = adding.getByRole('group', { name: 'Discard what you typed for this new product?' });
    await question.waitFor();
    const focusedName = () => page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(await focusedName()).toBe('Keep editing');
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await question.evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: `${SCREENSHOT_DIR}/merchant-input-cancel-${width}.png` });
    }
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/merchant-input-cancel-dark-1280.png` });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    await expect.poll(() => question.count()).toBe(0);
    expect(await focusedName()).toBe('Cancel');
    expect(await adding.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Hand-thrown mug');

    await page.keyboard.press('Enter');
    await question.waitFor();
    await page.keyboard.press('Shift+Tab');
    expect(await focusedName()).toBe('Discard');
    await page.keyboard.press('Enter');
    await expect.poll(() => adding.count()).toBe(0);
    expect(await focusedName()).toBe('New product');
    // nothing comes back: the form opens empty
    await page.keyboard.press('Enter');
    expect(await page.getByRole('form', { name: 'New product' }).getByRole('textbox', { name: 'Name' }).inputValue()).toBe('');
  });

  it('a save while offline: back online the editor says calmly that the edit is kept, not saved, and Save saves it (it said "Back online" in the red alert)', async () => {
    const { page, context } = await e2e.open({ width: 1280, height: 900 });
    const { editor, productId } = await openEditor(page);
    await editor.getByRole('textbox', { name: 'Name' }).fill('Saved after the train tunnel');
    await context.setOffline(true);
    await editor.getByRole('button', { name: 'Save changes' }).click();
    const failure = editor.getByRole('alert');
    await failure.getByText('This browser is offline').waitFor();
    await context.setOffline(false);
    const kept = editor.getByRole('status').filter({ hasText: 'Back online.' });
    await kept.waitFor();
    expect(await kept.innerText()).toContain('Your changes were not saved while this browser was offline; they are kept here. Save changes saves them now.');
    await expect.poll(() => failure.count()).toBe(0);
    expect(await editor.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    // nothing went out by itself, nothing typed is lost
    expect((e2e.env.store.getProduct(productId) as { name: string }).name).not.toBe('Saved after the train tunnel');
    expect(await editor.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Saved after the train tunnel');
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await kept.evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: `${SCREENSHOT_DIR}/merchant-input-back-online-${width}.png` });
    }
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((e2e.env.store.getProduct(productId) as { name: string }).name).toBe('Saved after the train tunnel');
  });
});
