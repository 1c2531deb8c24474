/**
 * What merchants really paste into the credentials forms, in the built app against the faithful
 * local Shopware server (platforms.md 4.1): a paste the app's own check refuses before sending it
 * (the access key ID and the secret swapped) keeps both fields, the secret too (Shopware shows it
 * once, and it was emptied under a fault of the other field); nothing is stored, and nothing pasted
 * shows in the address, the console or the words. At 360 and 1280 px. The store's own refusals
 * (emptied secret): shopware-app.test.ts; modes: credential-modes.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { readSessionKeys } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { openAppHome, servePlatformApp } from '../helpers/platform-app.ts';
import { describedAs, hasFocus } from '../helpers/screen-audits.ts';
import { startShopwareStore } from '../platforms/shopware/server.ts';
import { BROWSE } from '../platforms/shopware/client.ts';

const e2e = useE2e();
const SHOP = 'Pasted Shop';

async function startShop() {
  const { app } = await servePlatformApp(e2e, {
    basePath: '/shops/pasted/',
    startStore: () => startShopwareStore({ port: 0 }),
    config: (shop) => ({ stores: [{ id: 'sw', kind: 'shopware6', name: SHOP, apiBase: shop.origin, auth: ['integration', 'password'], currency: 'EUR' }] }),
  });
  return app;
}

/** Pastes both values and presses Enter in the secret's field, as a merchant does. */
async function pasteIntegration(page: Page, id: string, secret: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Access key ID' }).fill(id);
  await page.getByLabel('Secret access key').fill(secret);
  await page.getByLabel('Secret access key').press('Enter');
}

/** Nothing pasted in the address, the console, or the words on the page (outside the fields). */
async function nothingLeaked(page: Page, lines: string[], values: string[]): Promise<void> {
  const words = await page.locator('body').innerText();
  for (const value of values) {
    expect(page.url()).not.toContain(value);
    expect(lines.join('\n')).not.toContain(value);
    expect(words).not.toContain(value);
  }
}

describe('pasted Shopware credentials', () => {
  it('the access key ID and the secret swapped: refused here before sending, both kept (the secret is shown once), nothing stored; swapped back, they connect; at 360 and 1280 px', async () => {
    const app = await startShop();
    for (const width of [360, 1280]) {
      const { page, lines } = await openAppHome(e2e, app, width);
      const id = page.getByRole('textbox', { name: 'Access key ID' });
      const secret = page.getByLabel('Secret access key');
      await pasteIntegration(page, BROWSE.secret, BROWSE.accessKeyId);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      // nothing reached the store: what was pasted is all still there to put right (the secret was emptied)
      expect(await id.inputValue()).toBe(BROWSE.secret);
      expect(await secret.inputValue()).toBe(BROWSE.accessKeyId);
      await hasFocus(secret);
      expect(await describedAs(secret)).toContain(await alert.innerText());
      expect(await readSessionKeys(page)).toEqual([]);
      await nothingLeaked(page, lines, [BROWSE.secret]);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/pasted-swapped-${width}.png`, fullPage: true });
      await pasteIntegration(page, BROWSE.accessKeyId, BROWSE.secret);
      await page.getByText(/^Connected · /).waitFor();
      await nothingLeaked(page, lines, [BROWSE.secret]);
      await page.context().close();
    }
  }, 60_000);
});
