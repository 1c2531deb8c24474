/**
 * Back while a store's credentials form is open (Connect on the stores list) closes the form, as a
 * phone's Back closes what the person opened: the stores list stays, the focus goes back to that
 * store's Connect, and nothing typed is sent or kept. It left the app altogether (the form took no
 * history entry). Closed otherwise (Cancel, or connected), the form leaves no entry behind: the next
 * Back leaves the app, not a dead "form open" entry. Forward after Back does not open it again (what
 * was typed is gone; back-closes.ts says why), and such an entry, or one a reload left, is taken over
 * by the next form, not stacked on. With two forms open, Back closes the last opened first, and
 * Cancel on either (the lower one too) leaves one Back per form still open; a reload with forms open
 * leaves no Back that changes nothing. A deployment of one store shows its form at once, the screen
 * itself: it takes no entry, and Back leaves the app. In the built app against the faithful local
 * Shopware server, at 360 and 1280 px.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { openAppHome, servePlatformApp } from '../helpers/platform-app.ts';
import { hasFocus } from '../helpers/screen-audits.ts';
import { readOtherStorage, readSessionKeys } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { DEMO_INTEGRATIONS } from '../platforms/shopware/constants.ts';
import { startShopwareStore } from '../platforms/shopware/server.ts';
import type { StoreConfig } from '../../src/lib/connect/store-config.ts';

const e2e = useE2e();
const STORE = 'Shopware Demo Shop';
const OTHER = 'Fruit Shop';
const BROWSE = DEMO_INTEGRATIONS[0]!;

/** The app with `count` stores listed (two: Connect on each; one: its form shown at once), the first the Shopware shop. */
async function startApp(count: 1 | 2) {
  return servePlatformApp(e2e, {
    basePath: `/shops/back-${count}/`,
    startStore: () => startShopwareStore({ port: 0 }),
    config: (shop) => {
      const stores: StoreConfig[] = [
        { id: 'sw', kind: 'shopware6', name: STORE, apiBase: shop.origin, auth: ['integration', 'password'], currency: 'EUR' },
        { id: 'other', kind: 'shopware6', name: OTHER, apiBase: 'https://shop.example', auth: ['integration'], currency: 'EUR' },
      ];
      return { stores: stores.slice(0, count) };
    },
  });
}

type App = Awaited<ReturnType<typeof startApp>>;

/** The stores list, come to from the shop's own Integrations page (where the person copied the key): Back from the app goes there. */
async function openFromIntegrations(app: App, width: number): Promise<Page> {
  const { page } = await openAppHome(e2e, app.app, width);
  await page.goto(`${app.store.origin}/admin/integrations`);
  await page.goto(app.app.url);
  await page.getByRole('heading', { name: 'Your stores' }).waitFor();
  return page;
}

const connectButton = (page: Page) => page.getByRole('button', { name: `Connect ${STORE}`, exact: true });
const keyIdField = (page: Page) => page.getByRole('textbox', { name: 'Access key ID' });

/** The credentials forms' code (ConnectWithCredentials' chunk). */
const FORM_CODE = /\/ConnectWithCredentials-[^/]*\.js$/;

/** The form's code held until `release` (bounded: released after 10 s whatever happens); `held`: how many requests for it came. */
async function holdFormCode(page: Page): Promise<{ release: () => void; held: () => number }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const timer = setTimeout(release, 10_000);
  let held = 0;
  await page.route(FORM_CODE, async (route) => {
    held += 1;
    await released;
    await route.continue();
  });
  return { release: () => (release(), clearTimeout(timer)), held: () => held };
}

/** Connect pressed while the form's code is held: its card says the form is coming (HomeView's CSS: its empty place), not only Connect turned Cancel. */
async function pressConnectWhileHeld(page: Page): Promise<Locator> {
  await connectButton(page).click();
  const loading = page.locator('.credentials:empty');
  await loading.waitFor();
  expect(await loading.evaluate((div) => getComputedStyle(div, '::before').content)).toBe('"Loading the form…"');
  return loading;
}

async function openForm(page: Page): Promise<void> {
  await connectButton(page).click();
  await hasFocus(keyIdField(page));
}

/** Back closes the form: the stores list stays, at the same address (it left the app). */
async function backClosesForm(page: Page, address: string): Promise<void> {
  await page.goBack();
  expect(page.url()).toBe(address);
  await keyIdField(page).waitFor({ state: 'detached' });
  await page.getByRole('heading', { name: 'Your stores' }).waitFor();
}

/**
 * Waits until the history entry shown counts `forms` open forms (back-closes.ts's connectForm). A
 * form's Cancel shows on the click, but its code loads after, and only then does it take its entry
 * (or, closed, give one back with history.back): a Back, reload or Cancel pressed before raced that.
 */
async function entryCounts(page: Page, forms: number): Promise<void> {
  await expect.poll(() => page.evaluate(() => (history.state as { connectForm?: number } | null)?.connectForm ?? 0)).toBe(forms);
}

/** Back leaves the app: to the shop's Integrations page it was come to from. */
async function backLeavesApp(page: Page, app: App): Promise<void> {
  await page.goBack();
  await page.waitForURL((url) => url.href.startsWith(`${app.store.origin}/admin/integrations`));
}

describe('Back while a store’s credentials form is open', () => {
  it('closes the form: the stores list stays at its address, the focus on Connect; nothing typed is sent or kept; the next Back leaves the app; at 360 and 1280 px', async () => {
    const app = await startApp(2);
    for (const width of [360, 1280]) {
      const page = await openFromIntegrations(app, width);
      const address = page.url();
      await openForm(page);
      await page.keyboard.insertText(BROWSE.accessKeyId);
      await page.keyboard.press('Tab');
      await page.keyboard.insertText(BROWSE.secret);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/connect-form-open-${width}.png`, fullPage: true });

      // (it left the app: the shop's Integrations page, the form and what was typed gone with it)
      await backClosesForm(page, address);
      await hasFocus(connectButton(page));
      expect(await connectButton(page).getAttribute('aria-expanded')).toBe('false');
      await page.screenshot({ path: `${SCREENSHOT_DIR}/connect-form-back-${width}.png`, fullPage: true });
      // nothing sent, stored, or put in the history's state
      expect(app.store.stats().tokenRequests.total).toBe(0);
      expect(await readSessionKeys(page)).toEqual([]);
      expect((await readOtherStorage(page)).includes(BROWSE.secret)).toBe(false);
      expect((await page.evaluate(() => JSON.stringify(history.state))).includes(BROWSE.secret)).toBe(false);
      // opened again, it is empty (Back forgot it, as Cancel does)
      await openForm(page);
      expect(await keyIdField(page).inputValue()).toBe('');
      await backClosesForm(page, address);

      await backLeavesApp(page, app);
      await page.context().close();
    }
  }, 60_000);

  it('closed with Cancel, or connected, it leaves no entry behind: the next Back leaves the app', async () => {
    const app = await startApp(2);
    const page = await openFromIntegrations(app, 360);
    await openForm(page);
    await page.getByRole('button', { name: `Cancel connecting ${STORE}` }).click();
    await hasFocus(connectButton(page));
    await backLeavesApp(page, app);

    await page.goForward();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await openForm(page);
    await keyIdField(page).fill(BROWSE.accessKeyId);
    await page.getByLabel('Secret access key').fill(BROWSE.secret);
    await page.getByRole('button', { name: `Connect ${STORE} with the integration key` }).click();
    await hasFocus(page.getByRole('link', { name: `Browse ${STORE}` }));
    await backLeavesApp(page, app);
  });

  it('Forward after Back leaves it closed; a reload with it open shows the list; either entry is the next form’s, so Back still closes it and then leaves the app', async () => {
    const app = await startApp(2);
    const page = await openFromIntegrations(app, 1280);
    const address = page.url();
    await openForm(page);
    await backClosesForm(page, address);
    await page.goForward();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    expect(await keyIdField(page).count()).toBe(0);
    // Forward came to an entry counting a form no longer open: gone back from at once (Back from it changed nothing).
    await entryCounts(page, 0);
    await openForm(page);
    await backClosesForm(page, address);
    await hasFocus(connectButton(page));
    await backLeavesApp(page, app);

    await page.goForward();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await openForm(page);
    await page.reload();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    expect(await keyIdField(page).count()).toBe(0);
    await openForm(page);
    await backClosesForm(page, address);
    await backLeavesApp(page, app);
  });

  /** The other store's Connect, and whether its form is open (its Cancel is there). */
  const otherConnect = (page: Page) => page.getByRole('button', { name: `Connect ${OTHER}`, exact: true });
  const cancelOf = (page: Page, name: string) => page.getByRole('button', { name: `Cancel connecting ${name}` });
  /** Back closes the form of `name` only: the other form named in `stillOpen` stays, at the same address. */
  async function backClosesOnly(page: Page, address: string, name: string, stillOpen: string[]): Promise<void> {
    await page.goBack();
    expect(page.url()).toBe(address);
    await cancelOf(page, name).waitFor({ state: 'detached' });
    for (const open of stillOpen) expect(await cancelOf(page, open).count()).toBe(1);
  }

  it('two forms open: Back closes the last opened, then the other; Cancel on either leaves one Back per form still open, then Back leaves the app', async () => {
    const app = await startApp(2);
    const page = await openFromIntegrations(app, 360);
    const address = page.url();
    // Back closes them one at a time, the last opened first.
    await openForm(page);
    await otherConnect(page).click();
    await entryCounts(page, 2);
    await backClosesOnly(page, address, OTHER, [STORE]);
    await backClosesOnly(page, address, STORE, []);
    await backLeavesApp(page, app);

    // Cancel on the lower one (opened last): the upper one's Back closes it, and the next leaves the app.
    await page.goForward();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await openForm(page);
    await otherConnect(page).click();
    await entryCounts(page, 2);
    await cancelOf(page, OTHER).click();
    await hasFocus(otherConnect(page));
    await entryCounts(page, 1);
    await backClosesOnly(page, address, STORE, []);
    await backLeavesApp(page, app);

    // Cancel on the lower one opened first, below the upper one's entry: the same.
    await page.goForward();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await otherConnect(page).click();
    await entryCounts(page, 1);
    await connectButton(page).click();
    await entryCounts(page, 2);
    await cancelOf(page, OTHER).click();
    await hasFocus(otherConnect(page));
    await entryCounts(page, 1);
    expect(await cancelOf(page, STORE).count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/connect-form-two-cancel-lower-360.png`, fullPage: true });
    await backClosesOnly(page, address, STORE, []);
    await backLeavesApp(page, app);
  });

  it('a reload with two forms open shows the list, and the first Back leaves the app (none left doing nothing)', async () => {
    const app = await startApp(2);
    const page = await openFromIntegrations(app, 1280);
    await openForm(page);
    await otherConnect(page).click();
    // both forms open, each with its entry (entryCounts says why not on the second's Cancel alone)
    await entryCounts(page, 2);
    await page.reload();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    expect(await cancelOf(page, STORE).count()).toBe(0);
    expect(await cancelOf(page, OTHER).count()).toBe(0);
    await backLeavesApp(page, app);
    // and one form opened after such a reload: Back closes it, then leaves the app
    await page.goForward();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await openForm(page);
    await page.reload();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await entryCounts(page, 0);
    await openForm(page);
    await backClosesForm(page, page.url());
    await backLeavesApp(page, app);
  });

  it('while the form’s code is coming (a slow link’s first form), its card says so, not only Connect turned Cancel', async () => {
    const app = await startApp(2);
    const page = await openFromIntegrations(app, 360);
    // the form's code held until looked at
    const code = await holdFormCode(page);
    const loading = await pressConnectWhileHeld(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/connect-form-loading-360.png`, fullPage: true });
    code.release();
    await hasFocus(keyIdField(page));
    expect(await loading.count()).toBe(0);
  });

  it('Back while the form’s code is still coming (a slow link’s first form) closes it and stays in the app; its code, come after, draws nothing; Forward and Back then as above', async () => {
    const app = await startApp(2);
    const page = await openFromIntegrations(app, 360);
    const address = page.url();
    // The form's code held until Back has been pressed.
    const code = await holdFormCode(page);
    // (Back then left the app: the form took its entry only once its code had come)
    const loading = await pressConnectWhileHeld(page);
    await expect.poll(() => code.held()).toBe(1);
    // its entry taken at the press, while the code is still held (not once it came)
    await entryCounts(page, 1);
    expect(await loading.count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/connect-form-loading-back-360.png`, fullPage: true });
    await page.goBack();
    expect(page.url()).toBe(address);
    await loading.waitFor({ state: 'detached' });
    await hasFocus(connectButton(page));
    expect(await connectButton(page).getAttribute('aria-expanded')).toBe('false');
    code.release();
    await page.waitForLoadState('networkidle');
    expect(await keyIdField(page).count()).toBe(0);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await page.unroute(FORM_CODE);

    // Forward leaves it closed (its entry gone back from); the next form's Back closes it, then Back leaves the app.
    await page.goForward();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await entryCounts(page, 0);
    expect(await keyIdField(page).count()).toBe(0);
    await openForm(page);
    await backClosesForm(page, address);
    await backLeavesApp(page, app);
  });

  it('a lone store’s form, shown at once with no Connect, takes no entry: Back leaves the app', async () => {
    const app = await startApp(1);
    const page = await openFromIntegrations(app, 360);
    await keyIdField(page).fill(BROWSE.accessKeyId);
    await backLeavesApp(page, app);
    expect(app.store.stats().tokenRequests.total).toBe(0);
  });
});
