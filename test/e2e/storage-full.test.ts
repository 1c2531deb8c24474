/**
 * A browser whose storage is full, in Chromium against the demo store: IndexedDB refuses the
 * session's write with a QuotaExceededError (a full disk, or the site's quota; simulated by an init
 * script wrapping IDBObjectStore.put for the vault's keys). The sign-in still works, kept in this
 * tab's memory (security case 24), and the banner says the device is out of space, what is at risk
 * and what to do, not "private mode or storage blocked". Also: a disk that fills while the store's
 * page is open (every write refused at the callback, the transaction aborting as Chromium's does),
 * a sign-in begun on a full disk, product edits kept in memory saved by Try saving again, and a
 * write refused for another reason than space. Photographed at 360 and 1280 px
 * (.test-artifacts/screenshots/storage-full-*.png, storage-refused-*.png).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent, readSessionKeys } from '../helpers/e2e-app.ts';
import { draftsHolding } from '../helpers/drafts-in-page.ts';
import { productCards } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { atBothWidths } from '../helpers/both-widths.ts';

const e2e = useE2e({ app: {} });

/**
 * Every write of a session to the vault is refused as a full disk would refuse it; the rest is
 * written. Until space is "freed" (FREE_SPACE: a mark in this tab's sessionStorage, so a reload of
 * the tab after it finds the disk with room, as a real one would stay).
 */
const DISK_FULL_FOR_SESSIONS = `(() => {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (value, key) {
    const full = sessionStorage.getItem('e2e:space-freed') !== 'yes';
    if (full && typeof key === 'string' && key.startsWith('session:')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return put.call(this, value, key);
  };
})();`;
const FREE_SPACE = () => sessionStorage.setItem('e2e:space-freed', 'yes');

/**
 * A disk that fills while the store's page is open, refusing as Chromium refuses: each put goes in,
 * and its transaction then aborts with `name` (QuotaExceededError: no space) as its error, as at a
 * commit that found no room. From the callback's page on (its address, as the page starts, holds the
 * store's answer), or once 'e2e:disk-full' is marked in this tab; `only`: the keys refused (every
 * key, where not given); until FREE_SPACE.
 */
const DISK_FILLS = (name: string, only?: string) => `(() => {
  const atCallback = /[?#&](code|access_token)=/.test(location.href);
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (value, key) {
    const full = (atCallback || sessionStorage.getItem('e2e:disk-full') === 'yes') && sessionStorage.getItem('e2e:space-freed') !== 'yes';
    const request = put.call(this, value, key);
    if (full && (${JSON.stringify(only ?? '')} === '' || String(key).startsWith(${JSON.stringify(only ?? '')}))) {
      const transaction = this.transaction;
      Object.defineProperty(transaction, 'error', { configurable: true, get: () => new DOMException('refused', ${JSON.stringify(name)}) });
      transaction.abort();
    }
    return request;
  };
})();`;
const FULL_DISK = DISK_FILLS('QuotaExceededError');
const CODE_STORE = `${STORE_NAME} (PKCE)`;

// Each test below that names both widths signs in (or opens the page) once, at 360 px, and checks
// and photographs what it shows at 360 px and at 1280 px (atBothWidths: the viewport resized); where
// it presses a button twice, once at each width.
describe('storage full (QuotaExceededError on the session’s write)', () => {
  it(`at 360 px and at 1280 px: connected for this tab, and the banner names the full device, what is at risk and what to do`, async () => {
    const { page } = await e2e.open({ width: 360, height: 900 });
    await page.addInitScript(DISK_FULL_FOR_SESSIONS);
    await page.goto(e2e.env.app.url);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(() => productCards(page).count()).toBeGreaterThan(0);

    const note = page.getByRole('status').filter({ hasText: 'This device is out of storage space' });
    await note.waitFor();
    await atBothWidths(page, async (width) => {
      const words = await note.innerText();
      expect(words).toContain('nothing is lost so far');
      expect(words).toContain('closing or reloading it would lose changes not yet saved to the store, and you may need to connect again');
      expect(words).toContain('free up space on the device, or clear data that other websites keep in this browser');
      expect(await page.getByText(/private mode|storage blocked/).count()).toBe(0);
      // The refusal was real: nothing of the session reached IndexedDB; the tab holds it in memory.
      expect(await readSessionKeys(page)).toEqual([]);
      await note.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/storage-full-${width}.png` });
    });

    // As the banner says: a reload of this tab ends the connection, which is asked for again.
    await page.reload();
    await page.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true }).waitFor();
  });
});

describe('storage full, then space freed', () => {
  /** Connected to `store` on a full disk: the note shows, nothing of the session in IndexedDB. */
  async function connectedOnFullDisk(width: number, store: string) {
    const { page } = await e2e.open({ width, height: 900 });
    await page.addInitScript(DISK_FULL_FOR_SESSIONS);
    await page.goto(e2e.env.app.url);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await connectThroughConsent(page, store);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(() => productCards(page).count()).toBeGreaterThan(0);
    const note = page.getByRole('status').filter({ hasText: 'This device is out of storage space' });
    await note.waitFor();
    expect(await readSessionKeys(page)).toEqual([]);
    return { page, note, banner: page.getByRole('region', { name: 'Notices' }) };
  }

  /** After a reload the store is still connected: its catalogue, no Connect, no storage note. */
  async function stillSignedInAfterReload(page: Page): Promise<void> {
    await page.reload();
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(() => productCards(page).count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true }).count()).toBe(0);
    expect(await page.getByText('This device is out of storage space').count()).toBe(0);
  }

  it(`at 360 px and at 1280 px: "Try saving again" says still full while it is; once space is freed it saves, the note says so, and a reload is still signed in`, async () => {
    const { page, note, banner } = await connectedOnFullDisk(360, STORE_NAME);
    const again = note.getByRole('button', { name: 'Try saving again' });
    await atBothWidths(page, async (width) => {
      await note.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/storage-full-try-again-${width}.png` });
    });
    // (pressed at 1280 px while still full, at 360 px once space is freed)
    await again.click();
    await note.getByText('Still out of space').waitFor();
    await atBothWidths(page, async () => {
      expect(await readSessionKeys(page)).toEqual([]);
      // Still connected in this tab: its catalogue is there.
      expect(await productCards(page).count()).toBeGreaterThan(0);
    });

    await page.evaluate(FREE_SPACE);
    await again.click();
    // Saved: the note goes with its banner, says so once in main, and the focus is in main (its button went).
    await banner.waitFor({ state: 'detached' });
    await page.locator('main > [role="status"]').filter({ hasText: 'Saved on this device again.' }).waitFor({ state: 'attached' });
    await atBothWidths(page, async (width) => {
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      expect(await readSessionKeys(page)).toEqual(['session:demo']);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/storage-full-saved-again-${width}.png` });
    });

    await stillSignedInAfterReload(page);
  });

  it('the next write by itself (a renewal after the access token expired) saves it: the note goes, and a reload is still signed in', async () => {
    const { page, banner } = await connectedOnFullDisk(1280, CODE_STORE);
    await page.evaluate(FREE_SPACE);
    e2e.env.store.expireAccessTokens();
    // The next request the screen makes is refused (401) and renewed; the renewed session is written.
    await productCards(page).first().getByRole('link').first().click();
    await banner.waitFor({ state: 'detached' });
    expect(await page.getByText('This device is out of storage space').count()).toBe(0);
    expect(await readSessionKeys(page)).toEqual(['session:demo-code']);
    await page.goBack(); // to the catalogue (the same document)
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await stillSignedInAfterReload(page);
  });
});

describe('a disk that fills while the store’s page is open (every write refused at the callback, as Chromium refuses them)', () => {
  for (const store of [STORE_NAME, CODE_STORE]) {
    it(`${store}: connected for this tab (the sign-in's own writes refused for want of space), said as the device out of space, not "private mode or blocked"`, async () => {
      const { page } = await e2e.open({ width: 1280, height: 900 });
      await page.addInitScript(FULL_DISK);
      await page.goto(e2e.env.app.url);
      await page.getByRole('heading', { name: 'Your stores' }).waitFor();
      await connectThroughConsent(page, store);
      await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
      await expect.poll(() => productCards(page).count()).toBeGreaterThan(0);
      const note = page.getByRole('status').filter({ hasText: 'This device is out of storage space' });
      await note.waitFor();
      expect(await note.innerText()).toContain('It works in this tab');
      expect(await page.getByText(/private mode|storage blocked|cannot keep your session/).count()).toBe(0);
      expect(await readSessionKeys(page)).toEqual([]);
      // As said: a reload loses it (nothing was written), and asks to connect again.
      await page.reload();
      await page.getByRole('button', { name: `Connect ${store}`, exact: true }).waitFor();
    });
  }

  it(`at 360 px and at 1280 px: a sign-in begun on a full disk does not start, and says the device is out of space and what to do`, async () => {
    const { page } = await e2e.open({ width: 360, height: 900 });
    await page.addInitScript(FULL_DISK);
    await page.goto(e2e.env.app.url);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await page.evaluate(() => sessionStorage.setItem('e2e:disk-full', 'yes'));
    await page.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true }).click();
    const failure = page.getByRole('alert').filter({ hasText: `Could not start signing in to ${STORE_NAME}` });
    await failure.waitFor();
    await atBothWidths(page, async (width) => {
      const words = await failure.innerText();
      expect(words).toContain('This device is out of storage space');
      expect(words).toContain('Free up space on the device, or clear data that other websites keep in this browser, then connect again.');
      expect(words).not.toMatch(/private mode|blocked/);
      expect(new URL(page.url()).origin).toBe(new URL(e2e.env.app.url).origin);
      await failure.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/storage-full-sign-in-not-started-${width}.png` });
    });
  });
});

describe('product edits kept in memory on a full disk, then "Try saving again"', () => {
  it(`at 360 px and at 1280 px: the editor's "kept in this tab only" line goes once Try saving again has saved them, and the draft is on the device`, async () => {
    const started = await e2e.startApp({ defaultScopes: ['storefront', 'admin'] });
    const { page } = await e2e.open({ width: 360, height: 900 });
    await page.addInitScript(FULL_DISK);
    await page.goto(started.app.url);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await connectThroughConsent(page, STORE_NAME);
    const banner = page.getByRole('region', { name: 'Notices' });
    const note = banner.getByRole('status').filter({ hasText: 'This device is out of storage space' });
    await note.waitFor();
    await productCards(page).nth(3).getByRole('link').first().click();
    const ask = page.getByRole('button', { name: 'Manage this product (store owners)' });
    const editor = page.getByRole('form', { name: 'Edit product' });
    await ask.or(editor).first().waitFor();
    if (await ask.isVisible()) await ask.click();
    await editor.waitFor();
    const typed = 'Typed on a full disk';
    await editor.getByLabel('Name').fill(typed);
    const line = editor.getByText('so what you typed here is kept in this tab only');
    await line.waitFor();
    await atBothWidths(page, async (width) => {
      expect(await line.innerText()).toContain('This device is out of storage space');
      // It names the button there is to press (the banner's, which writes the drafts again too).
      expect(await line.innerText()).toContain('once space is freed, press “Try saving again” in the notice at the top of the page');
      expect(await draftsHolding(page, typed)).toBe(false);
      await line.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/storage-full-draft-not-kept-${width}.png` });
    });

    await page.evaluate(FREE_SPACE);
    await note.getByRole('button', { name: 'Try saving again' }).click();
    await banner.waitFor({ state: 'detached' });
    // No keystroke since: Try saving again wrote the draft, and its line went.
    await line.waitFor({ state: 'detached' });
    await atBothWidths(page, async (width) => {
      expect(await draftsHolding(page, typed)).toBe(true);
      expect(await editor.getByLabel('Name').inputValue()).toBe(typed);
      await editor.getByRole('button', { name: 'Save changes' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/storage-full-draft-saved-again-${width}.png` });
    });
  });
});

describe('product edits refused for want of space, the connection saved before the disk filled', () => {
  it('the editor’s line names no "Try saving again" (there is no banner, so none to press): the next change is the way', async () => {
    const started = await e2e.startApp({ defaultScopes: ['storefront', 'admin'] });
    const { page } = await e2e.open({ width: 1280, height: 900 });
    // From the callback on, only the drafts' writes (keys 'demo/…') are refused: the connection is saved.
    await page.addInitScript(DISK_FILLS('QuotaExceededError', 'demo/'));
    await page.goto(started.app.url);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await connectThroughConsent(page, STORE_NAME);
    await expect.poll(() => productCards(page).count()).toBeGreaterThan(0);
    expect(await readSessionKeys(page)).toEqual(['session:demo']);
    await productCards(page).nth(3).getByRole('link').first().click();
    const ask = page.getByRole('button', { name: 'Manage this product (store owners)' });
    const editor = page.getByRole('form', { name: 'Edit product' });
    await ask.or(editor).first().waitFor();
    if (await ask.isVisible()) await ask.click();
    await editor.waitFor();
    await editor.getByLabel('Name').fill('Typed on a disk that filled');
    const line = editor.getByText('so what you typed here is kept in this tab only');
    await line.waitFor();
    expect(await line.innerText()).toContain('once space is freed, your next change is saved on the device again.');
    expect(await line.innerText()).not.toContain('Try saving again');
    expect(await page.getByRole('button', { name: 'Try saving again' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Notices' }).count()).toBe(0);
  });
});

describe('a connection’s write refused, not for want of space (storage that works reported an error)', () => {
  it(`at 360 px and at 1280 px: said as such (not "private mode or blocked"), with Try saving again, which saves it`, async () => {
    const { page } = await e2e.open({ width: 360, height: 900 });
    await page.addInitScript(DISK_FILLS('UnknownError', 'session:'));
    await page.goto(e2e.env.app.url);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    const banner = page.getByRole('region', { name: 'Notices' });
    const note = banner.getByRole('status').filter({ hasText: 'This browser did not save your store connection on this device' });
    await note.waitFor();
    await atBothWidths(page, async () => {
      const words = await note.innerText();
      expect(words).toContain('its storage for this site reported an error');
      expect(words).toContain('It works in this tab, and nothing is lost so far');
      expect(await page.getByText(/private mode|storage blocked|out of storage space/).count()).toBe(0);
    });
    // (pressed at 1280 px while refused, at 360 px once it is not)
    const again = note.getByRole('button', { name: 'Try saving again' });
    await again.click();
    await note.getByText('Still not saved').waitFor();
    await atBothWidths(page, async (width) => {
      await note.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/storage-refused-${width}.png` });
      expect(await readSessionKeys(page)).toEqual([]);
    });

    await page.evaluate(FREE_SPACE);
    await again.click();
    await banner.waitFor({ state: 'detached' });
    expect(await readSessionKeys(page)).toEqual(['session:demo']);
  });
});
