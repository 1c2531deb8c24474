/**
 * The app's IndexedDB connections, in Chromium on the built app against the Goodsie demo store: the
 * tab keeps ONE connection to its database ('storefront-connect'), whatever it does. Each "Try again"
 * of the start-up refusal (a full disk) opened one more, and signing out opened two more (the copied
 * snippet's check, and, offline, the drafts' mark), none ever closed: measured 4 connections open
 * after three Try agains, 3 after a sign-out offline. Counted by wrapping IDBFactory.open in the page
 * (an init script): the opens the app's code makes (its stack names a file of /assets/), and the
 * connections not closed since. And the one kept yields to a newer version of the database asked for
 * by another tab (the app's upgrade after a redeploy): it closes, and the upgrade is not blocked.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent, readSessionKeys, readVaultKeys } from '../helpers/e2e-app.ts';
import { BUILD_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: {} });

/** Notes, in `window.__idb`, each open the app's code makes (by name) and each connection not closed since. */
const COUNT_CONNECTIONS = `(() => {
  const log = { opens: [], open: [] };
  Object.defineProperty(window, '__idb', { value: log });
  const forget = (db) => { const at = log.open.indexOf(db); if (at >= 0) log.open.splice(at, 1); };
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...args) {
    const request = open.apply(this, args);
    if (!/\\/assets\\//.test(new Error().stack || '')) return request;
    log.opens.push(String(args[0]));
    request.addEventListener('success', () => {
      const db = request.result;
      log.open.push(db);
      db.addEventListener('close', () => forget(db));
    });
    return request;
  };
  const close = IDBDatabase.prototype.close;
  IDBDatabase.prototype.close = function () {
    forget(this);
    return close.call(this);
  };
})();`;

/** What the page noted: the app's opens of its database, and its connections still open to it. */
function connections(page: Page): Promise<{ opened: number; open: number }> {
  return page.evaluate(() => {
    const log = (window as unknown as { __idb: { opens: string[]; open: IDBDatabase[] } }).__idb;
    return {
      opened: log.opens.filter((name) => name === 'storefront-connect').length,
      open: log.open.filter((db) => db.name === 'storefront-connect').length,
    };
  });
}

/** Asks, from `page`, for version 2 of the app's database, as a newer app would: 'upgraded', or 'blocked' where a connection holds it up. */
function upgradeFrom(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const request = indexedDB.open('storefront-connect', 2);
        request.onblocked = () => resolve('blocked');
        request.onsuccess = () => (request.result.close(), resolve('upgraded'));
        request.onerror = () => resolve(`failed: ${request.error?.name}`);
      }),
  );
}

/** The file of a built chunk, by its name (`drafts`). */
function builtChunk(name: string): string {
  const file = readdirSync(join(BUILD_DIR, 'assets')).find((found) => new RegExp(`^${name}-[\\w-]{8}\\.js$`).test(found));
  expect(file, `the built ${name} chunk`).toBeDefined();
  return file ?? '';
}

/** Whether the stores list's code and its "Signed out of …" have been fetched (the banners ask for them once the page is idle). */
function signOutCodeFetched(page: Page): Promise<boolean> {
  return page.evaluate(() => ['HomeView', 'SignedOutNote'].every((name) => performance.getEntriesByType('resource').some((entry) => new RegExp(`/${name}-[\\w-]{8}\\.js$`).test(entry.name))));
}

describe('the app keeps one connection to its database', () => {
  it('a full disk: each Try again checks storage on the one connection (it opened one more each time); another tab’s upgrade is not held up', async () => {
    const { page, context } = await e2e.open({ width: 1280, height: 900 });
    await page.addInitScript(COUNT_CONNECTIONS);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(e2e.env.app.url).origin, quotaSize: 1 });
    await page.goto(e2e.env.app.url);
    const note = page.getByRole('status').filter({ hasText: 'This device is out of storage space' });
    await note.waitFor();
    expect(await connections(page)).toEqual({ opened: 1, open: 1 });

    for (let tries = 1; tries <= 3; tries++) {
      await note.getByRole('button', { name: 'Try again' }).click();
      await note.getByText('Still out of space: nothing can be kept on this device yet.').waitFor();
      await note.getByRole('button', { name: 'Try again' }).waitFor();
      expect(await connections(page), `after Try again #${tries}`).toEqual({ opened: 1, open: 1 });
    }

    // A newer version of the app, in another tab: its upgrade goes through, and this tab's connection closed for it.
    const other = await context.newPage();
    await other.goto(new URL('config.json', e2e.env.app.url).href);
    expect(await upgradeFrom(other)).toBe('upgraded');
    await expect.poll(() => connections(page)).toEqual({ opened: 1, open: 0 });
  });

  it('a sign-out offline, the drafts’ code not downloaded: the database is not opened again (it was twice), the session goes and the drafts’ mark is left', async () => {
    const { page, context } = await e2e.open({ width: 1280, height: 900 });
    await page.addInitScript(COUNT_CONNECTIONS);
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const card = page.locator('main ul > li article').first();
    await card.waitFor();
    // Another visit, on the catalogue, whose drafts' code never comes.
    await page.route(new RegExp(`/assets/${builtChunk('drafts')}$`), (route) => route.abort('internetdisconnected'));
    await page.reload();
    await card.waitFor();
    await expect.poll(() => signOutCodeFetched(page)).toBe(true);
    // The Sign out's question and the copied snippet's check, which the press asks for, already here
    // (fetched before the link dropped): the check reads storage too.
    for (const chunk of ['ask-before-sign-out', 'copied-snippet']) await page.evaluate(`import('./assets/${builtChunk(chunk)}').then(() => undefined)`);
    expect(await connections(page)).toEqual({ opened: 1, open: 1 });

    await context.setOffline(true);
    await page.getByRole('banner').getByRole('button', { name: /^Sign out/ }).click();
    await page.getByText(`Signed out of ${STORE_NAME}.`).first().waitFor();
    // What a shared computer's sign-out must leave behind: no session, and the mark that has the
    // store's drafts discarded where their code next loads (offline-moments.test.ts follows it there).
    await expect.poll(() => readVaultKeys(page)).toContain('discard-drafts:demo');
    expect(await readSessionKeys(page)).toEqual([]);
    expect(await connections(page)).toEqual({ opened: 1, open: 1 });
  });
});
