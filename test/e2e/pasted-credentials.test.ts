/**
 * What merchants really paste into the credentials forms, in the built app against the faithful
 * local Shopware and StoreHippo servers (platforms.md 4.1, 2.1): a paste the app's own check
 * refuses before sending it (the access key ID and the secret swapped) keeps both fields, the secret
 * too (Shopware shows it once, and it was emptied under a fault of the other field), and says so on
 * the field at fault, which takes the focus; a value copied
 * with its label (the integration table's rows, `Access key: …`, `Authorization: Bearer …`)
 * connects. Nothing is stored on a refusal, and nothing pasted shows in the address, the console or
 * the words. At 360 and 1280 px. The store's own refusals (emptied secret): shopware-app.test.ts,
 * storehippo-keys.test.ts; modes: credential-modes.test.ts.
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
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';
import { startStoreHippoStore } from '../platforms/storehippo/server.ts';

const e2e = useE2e();
const SHOP = 'Pasted Shop';

async function startShop() {
  return (await startShopAndStore()).app;
}

async function startShopAndStore() {
  return servePlatformApp(e2e, {
    basePath: '/shops/pasted/',
    startStore: () => startShopwareStore({ port: 0 }),
    config: (shop) => ({ stores: [{ id: 'sw', kind: 'shopware6', name: SHOP, apiBase: shop.origin, auth: ['integration', 'password'], currency: 'EUR' }] }),
  });
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
  it('Connect pressed from the keyboard keeps the focus while the key is checked, saying so (disabled, it dropped the focus to the page); at 360 and 1280 px', async () => {
    const { app, store } = await startShopAndStore();
    for (const width of [360, 1280]) {
      const { page } = await openAppHome(e2e, app, width);
      // the store's answer held until the button is looked at
      let answer: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (answer = resolve));
      await page.route(`${store.origin}/api/oauth/token`, async (route) => {
        await held;
        await route.continue();
      });
      await page.getByRole('textbox', { name: 'Access key ID' }).fill(BROWSE.accessKeyId);
      await page.getByLabel('Secret access key').fill(BROWSE.secret);
      const connect = page.getByRole('button', { name: /^Connect .* with the integration key$/ });
      await connect.focus();
      await page.keyboard.press('Enter');
      const focused = () => page.evaluate(() => `${document.activeElement?.tagName}: ${document.activeElement?.textContent?.trim()}`);
      await expect.poll(focused).toMatch(/^BUTTON: Checking what it may do…/);
      expect(await page.evaluate(() => (document.activeElement as HTMLButtonElement).getAttribute('aria-disabled'))).toBe('true');
      await page.screenshot({ path: `${SCREENSHOT_DIR}/credentials-checking-${width}.png` });
      answer();
      await page.getByText(/^Connected · /).waitFor();
      await page.close();
    }
  });

  it('the access key ID and the secret swapped: refused here before sending, said so on the ID’s field (focused), both kept (the secret is shown once), nothing stored; swapped back, they connect; at 360 and 1280 px', async () => {
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
      // said as it is, on the ID's field alone, which takes the focus (it read "not an ID Shopware can
      // identify", both fields marked, the focus in the secret's)
      expect(await alert.innerText()).toBe('Those credentials could not be read. The access key ID and the secret access key are swapped: the ID is the one that starts with SWIA. Paste each in its own field.');
      await hasFocus(id);
      expect(await id.getAttribute('aria-invalid')).toBe('true');
      expect(await secret.getAttribute('aria-invalid')).toBeNull();
      expect(await describedAs(id)).toContain(await alert.innerText());
      expect(await describedAs(secret)).not.toContain('swapped');
      expect(await readSessionKeys(page)).toEqual([]);
      await nothingLeaked(page, lines, [BROWSE.secret]);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/pasted-swapped-${width}.png`, fullPage: true });
      await pasteIntegration(page, BROWSE.accessKeyId, BROWSE.secret);
      await page.getByText(/^Connected · /).waitFor();
      await nothingLeaked(page, lines, [BROWSE.secret]);
      await page.context().close();
    }
  }, 60_000);

  it('each value copied with its label, a row of the integration’s table (Access key ID, a tab, the ID): connects at 360 px', async () => {
    const app = await startShop();
    const { page, lines } = await openAppHome(e2e, app, 360);
    await pasteIntegration(page, `Access key ID\t${BROWSE.accessKeyId}`, `Secret access key\t${BROWSE.secret}`);
    await page.getByText(/^Connected · /).waitFor();
    await nothingLeaked(page, lines, [BROWSE.secret]);
  });
});

describe('a Shopware access key ID typed in small letters', () => {
  it('connects: sent in capitals, as Shopware makes every ID and tells its kind by SWIA in capitals (it said “it starts with SWIA”, and sent as typed the store answers 500); at 360 and 1280 px', async () => {
    const { app, store } = await startShopAndStore();
    const lower = BROWSE.accessKeyId.toLowerCase();
    for (const width of [360, 1280]) {
      const { page, lines } = await openAppHome(e2e, app, width);
      await page.getByRole('textbox', { name: 'Access key ID' }).fill(lower);
      await page.getByLabel('Secret access key').fill(BROWSE.secret);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/pasted-lowercase-id-${width}.png`, fullPage: true });
      await page.getByLabel('Secret access key').press('Enter');
      const connected = page.getByText(/^Connected · /);
      await connected.or(page.getByRole('alert')).first().waitFor();
      // (it said: "That access key ID is not one Shopware can identify: it starts with SWIA (integration) or SWUA (user key).")
      expect(await page.getByRole('alert').allInnerTexts()).toEqual([]);
      await connected.waitFor();
      expect(await readSessionKeys(page)).toEqual(['session:sw']);
      await nothingLeaked(page, lines, [BROWSE.secret]);
      await page.context().close();
    }
    const sent = store.stats().tokenRequests.byCredential;
    expect(sent[lower]).toBeUndefined();
    expect(sent[BROWSE.accessKeyId]).toBe(2);
  }, 60_000);
});

const HIPPO = 'Pasted Hippo';

function serveHippoApp() {
  return servePlatformApp(e2e, {
    basePath: '/shops/pasted-hippo/',
    startStore: (app) => startStoreHippoStore({ port: 0, allowedOrigins: [app.origin] }),
    config: (hippo) => ({ stores: [{ id: 'hippo', kind: 'storehippo', name: HIPPO, apiBase: hippo.origin, apiVersion: '1.1', auth: ['access-key', 'token'], currency: 'INR', imageBase: hippo.imageBase }] }),
  });
}

/** A row of the store's Advance Settings › Access Keys table as Chromium copies it when the row is selected whole. */
async function copiedRow(page: Page, keysPage: string, key: string): Promise<string> {
  await page.goto(keysPage);
  const row = page.getByRole('row').filter({ hasText: key });
  return row.evaluate((tr) => {
    const range = document.createRange();
    range.selectNodeContents(tr);
    const selection = getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return selection.toString();
  });
}

describe('pasted StoreHippo credentials', () => {
  it('a row of the admin’s Access Keys table copied whole (name, user role, status, key) connects with the key alone, at 360 and 1280 px', async () => {
    const { app, store } = await serveHippoApp();
    for (const width of [360, 1280]) {
      const { page, lines } = await openAppHome(e2e, app, width);
      const row = await copiedRow(page, `${store.origin}/admin/settings/access-keys`, DEMO_KEYS.readOnly);
      // the whole row, its cells apart (as Chromium copies a table's row), the key last
      expect(row.split(/\t/).map((cell) => cell.trim())).toEqual(['Demo read-only key', 'Catalogue viewer (read-only)', 'Enabled', DEMO_KEYS.readOnly]);
      await page.goto(app.url);
      const key = page.getByRole('textbox', { name: 'Access key', exact: true });
      await key.fill(row);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/pasted-hippo-row-${width}.png`, fullPage: true });
      await key.press('Enter');
      const connected = page.getByText('Connected · can browse products; not allowed to see orders or coupons, or to edit products');
      await connected.or(page.getByRole('alert')).first().waitFor();
      // (it was refused here: "A StoreHippo access key is 16 to 64 letters and digits", the row kept in the field)
      expect(await page.getByRole('alert').allInnerTexts()).toEqual([]);
      await connected.waitFor();
      const sent = store.requests().filter((r) => r.path.startsWith('/api/') && r.method !== 'OPTIONS').map((r) => r.headers['access-key']);
      expect(new Set(sent)).toEqual(new Set([DEMO_KEYS.readOnly]));
      await nothingLeaked(page, lines, [DEMO_KEYS.readOnly]);
      await page.context().close();
    }
  }, 60_000);

  it('the admin’s line copied whole (Access key: …) and a header (Authorization: Bearer …) connect, at 360 and 1280 px', async () => {
    const { app } = await serveHippoApp();
    for (const width of [360, 1280]) {
      const { page, lines } = await openAppHome(e2e, app, width);
      const key = page.getByRole('textbox', { name: 'Access key', exact: true });
      await key.fill(`Access key: ${DEMO_KEYS.readOnly}`);
      await key.press('Enter');
      // (it was refused here: "A StoreHippo access key is 16 to 64 letters and digits", the field emptied)
      await page.getByText(/^Connected · /).waitFor();
      await nothingLeaked(page, lines, [DEMO_KEYS.readOnly]);
      await page.context().close();
    }
    const { page, lines } = await openAppHome(e2e, app, 360);
    await page.getByRole('radio', { name: 'Access token' }).check();
    const token = page.getByRole('textbox', { name: 'Access token', exact: true });
    await token.fill(`Authorization: Bearer ${DEMO_KEYS.managerBearer}`);
    await token.press('Enter');
    await page.getByText('Connected · can browse products, see orders and coupons, and edit products').waitFor();
    await nothingLeaked(page, lines, [DEMO_KEYS.managerBearer]);
  }, 60_000);
});
