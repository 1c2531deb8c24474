/**
 * A browser whose storage is full, in Chromium against the demo store: IndexedDB refuses the
 * session's write with a QuotaExceededError (a full disk, or the site's quota; simulated by an init
 * script wrapping IDBObjectStore.put for the vault's keys). The sign-in still works, kept in this
 * tab's memory (security case 24), and the banner says the device is out of space, what is at risk
 * and what to do, not "private mode or storage blocked". Photographed at 360 and 1280 px
 * (.test-artifacts/screenshots/storage-full-*.png).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent, readSessionKeys } from '../helpers/e2e-app.ts';
import { productCards } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

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
const CODE_STORE = `${STORE_NAME} (PKCE)`;

describe('storage full (QuotaExceededError on the session’s write)', () => {
  for (const width of [360, 1280]) {
    it(`at ${width} px: connected for this tab, and the banner names the full device, what is at risk and what to do`, async () => {
      const { page } = await e2e.open({ width, height: 900 });
      await page.addInitScript(DISK_FULL_FOR_SESSIONS);
      await page.goto(e2e.env.app.url);
      await page.getByRole('heading', { name: 'Your stores' }).waitFor();
      await connectThroughConsent(page, STORE_NAME);
      await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
      await expect.poll(() => productCards(page).count()).toBeGreaterThan(0);

      const note = page.getByRole('status').filter({ hasText: 'This device is out of storage space' });
      await note.waitFor();
      const words = await note.innerText();
      expect(words).toContain('nothing is lost so far');
      expect(words).toContain('closing or reloading it would lose changes not yet saved to the store, and you may need to connect again');
      expect(words).toContain('free up space on the device, or clear data that other websites keep in this browser');
      expect(await page.getByText(/private mode|storage blocked/).count()).toBe(0);
      // The refusal was real: nothing of the session reached IndexedDB; the tab holds it in memory.
      expect(await readSessionKeys(page)).toEqual([]);
      await note.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/storage-full-${width}.png` });

      // As the banner says: a reload of this tab ends the connection, which is asked for again.
      await page.reload();
      await page.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true }).waitFor();
    });
  }
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

  for (const width of [360, 1280]) {
    it(`at ${width} px: "Try saving again" says still full while it is; once space is freed it saves, the note says so, and a reload is still signed in`, async () => {
      const { page, note, banner } = await connectedOnFullDisk(width, STORE_NAME);
      const again = note.getByRole('button', { name: 'Try saving again' });
      await note.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/storage-full-try-again-${width}.png` });
      await again.click();
      await note.getByText('Still out of space').waitFor();
      expect(await readSessionKeys(page)).toEqual([]);
      // Still connected in this tab: its catalogue is there.
      expect(await productCards(page).count()).toBeGreaterThan(0);

      await page.evaluate(FREE_SPACE);
      await again.click();
      // Saved: the note goes with its banner, says so once in main, and the focus is in main (its button went).
      await banner.waitFor({ state: 'detached' });
      await page.locator('main > [role="status"]').filter({ hasText: 'Saved on this device again.' }).waitFor({ state: 'attached' });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      expect(await readSessionKeys(page)).toEqual(['session:demo']);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/storage-full-saved-again-${width}.png` });

      await stillSignedInAfterReload(page);
    });
  }

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
