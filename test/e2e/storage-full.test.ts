/**
 * A browser whose storage is full, in Chromium against the demo store: IndexedDB refuses the
 * session's write with a QuotaExceededError (a full disk, or the site's quota; simulated by an init
 * script wrapping IDBObjectStore.put for the vault's keys). The sign-in still works, kept in this
 * tab's memory (security case 24), and the banner says the device is out of space, what is at risk
 * and what to do, not "private mode or storage blocked". Photographed at 360 and 1280 px
 * (.test-artifacts/screenshots/storage-full-*.png).
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent, readSessionKeys } from '../helpers/e2e-app.ts';
import { productCards } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: {} });

/** Every write of a session to the vault is refused as a full disk would refuse it; the rest is written. */
const DISK_FULL_FOR_SESSIONS = `(() => {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (value, key) {
    if (typeof key === 'string' && key.startsWith('session:')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return put.call(this, value, key);
  };
})();`;

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
