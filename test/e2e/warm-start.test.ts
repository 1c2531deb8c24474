/**
 * A returning visitor's start, in Chromium on the built app: storage (which a session is read from
 * before anything is asked of the store) begins to open from the entry, while the app's own code is
 * still downloading, not once it has arrived and run.
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';

const e2e = useE2e({ app: {} });

/** Notes when the page first opens an IndexedDB database (an init script, before the app runs). */
const IDB_OPENS = `(() => {
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...args) {
    window.__idbOpenedAt ??= performance.now();
    return open.apply(this, args);
  };
})();`;

describe('warm start', () => {
  it('storage opens while the boot chunk is still downloading, and the catalogue then shows from the stored session', async () => {
    const { page, context } = await e2e.open({ width: 1280, height: 900 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.locator('main ul[aria-label="Products"] li article').first().waitFor();
    const catalogue = page.url();
    await page.close();

    const again = await context.newPage();
    await again.addInitScript({ content: IDB_OPENS });
    let openedWhileHeld: boolean | null = null;
    // The boot chunk's answer is held until the page has opened IndexedDB (at most 5 s).
    await again.route(/\/assets\/boot-[^/]+\.js$/, async (route) => {
      let opened = false;
      for (let i = 0; i < 100 && !opened; i++) {
        opened = await again.evaluate(() => (window as unknown as { __idbOpenedAt?: number }).__idbOpenedAt !== undefined);
        if (!opened) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      openedWhileHeld ??= opened;
      await route.continue();
    });
    await again.goto(catalogue);
    await again.locator('main ul[aria-label="Products"] li article').first().waitFor();
    expect(openedWhileHeld).toBe(true);
  });
});
