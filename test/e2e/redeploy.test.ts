/**
 * The deployment changed under a person who uses it: config.json no longer lists a store they
 * connected (its session and pasted key are kept unused, said at every visit, and forgotten on
 * request; listed again, as a stale copy of the file would leave it out for a while, it is connected
 * as before), and a new build replaced the hashed chunks while a credentials form was open (what
 * was pasted stays, nothing reaches the store, and the words say the reload empties the form), and
 * a new index.html reaches a returning visitor at once, not after the browser's heuristic caching.
 * Screenshots at 360 and 1280 px (.test-artifacts/screenshots/redeploy-*.png).
 */
import { cp, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent, deploymentHeaders, readSessionKeys, readVaultKeys } from '../helpers/e2e-app.ts';
import { BUILD_DIR, SCREENSHOT_DIR } from '../helpers/paths.ts';
import { startStaticServer } from '../helpers/static-server.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';
import { startStoreHippoStore, type StoreHippoStore } from '../platforms/storehippo/server.ts';
import { loadProfilesFor } from '../../src/lib/config/load-config.ts';
import type { AppConfig, StoreConfig } from '../../src/lib/config/types.ts';

const e2e = useE2e({ app: {} });
const HIPPO = 'Hippo Demo';
let hippo: StoreHippoStore;
let everyStore: StoreConfig[];

beforeAll(async () => {
  hippo = await startStoreHippoStore({ port: 0, allowedOrigins: [e2e.env.app.origin] });
  e2e.closeAfterAll(() => hippo.close());
  everyStore = [
    ...e2e.env.stores,
    { id: 'hippo', kind: 'storehippo', name: HIPPO, apiBase: hippo.origin, apiVersion: '1.1', auth: ['access-key'], currency: 'INR', imageBase: hippo.imageBase },
  ] as StoreConfig[];
  await deploy(everyStore);
});

/** A config.json (and the headers made from it, as `npm run csp` writes them) put in place of the last. */
async function deploy(stores: StoreConfig[]): Promise<void> {
  const config = { stores } as AppConfig;
  await loadProfilesFor(config);
  e2e.env.app.setOverride('config.json', JSON.stringify(config));
  e2e.env.app.setHeaders(deploymentHeaders(config));
}

const storeRow = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });
const unlistedBanner = (page: Page) => page.getByRole('region', { name: 'Notices' }).getByRole('status').filter({ hasText: 'This site no longer lists' });
const shoot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `redeploy-${name}.png`), fullPage: true });

async function pasteHippoKey(page: Page, key: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Access key', exact: true }).fill(key);
  await page.getByRole('button', { name: `Connect ${HIPPO} with the access key` }).click();
}

/** On the stores list, reloaded under the config.json now deployed. */
async function visitAgain(page: Page): Promise<void> {
  await page.goto(`${e2e.env.app.url}#/`);
  await page.reload();
  await page.getByRole('heading', { name: 'Your stores' }).waitFor();
}

describe('a store config.json no longer lists', () => {
  it('keeps its saved connection unused and says so at every visit; listed again it is connected as before; Forget removes it from this browser', async () => {
    const { page } = await e2e.open({ width: 360, height: 780 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.goto(`${e2e.env.app.url}#/`);
    await page.getByRole('button', { name: `Connect ${HIPPO}`, exact: true }).click();
    await pasteHippoKey(page, DEMO_KEYS.readOnly);
    await storeRow(page, HIPPO).getByText(/^Connected/).waitFor();
    expect((await readSessionKeys(page)).sort()).toEqual(['session:demo', 'session:hippo']);

    // The operator removes both stores: the saved connections stay, unused, and the person is told.
    await deploy(everyStore.filter((s) => s.id === 'demo-code'));
    const signed: string[] = [];
    page.on('request', (request) => {
      const headers = request.headers();
      if (headers['authorization'] || headers['access-key']) signed.push(new URL(request.url()).origin);
    });
    await visitAgain(page);
    const banner = unlistedBanner(page);
    await banner.waitFor();
    await banner.getByRole('button', { name: 'Forget “demo”' }).waitFor();
    await banner.getByRole('button', { name: 'Forget “hippo”' }).waitFor();
    // not said to be removed (it is not), and said once
    expect(await page.getByText(/was removed: it could not be read/).count()).toBe(0);
    expect(await page.getByRole('heading', { name: STORE_NAME, exact: true }).count()).toBe(0);
    expect((await readSessionKeys(page)).sort()).toEqual(['session:demo', 'session:hippo']);
    await shoot(page, 'unlisted-360');
    await page.setViewportSize({ width: 1280, height: 780 });
    await shoot(page, 'unlisted-1280');

    // A stale config.json gone again (the CDN's cache renewed): both are connected as before.
    await deploy(everyStore);
    await visitAgain(page);
    await storeRow(page, STORE_NAME).getByText(/^Connected/).waitFor();
    await storeRow(page, HIPPO).getByText(/^Connected/).waitFor();
    expect(await unlistedBanner(page).count()).toBe(0);

    // Removed for good: said again at the next visit, and forgotten one by one.
    await deploy(everyStore.filter((s) => s.id === 'demo-code'));
    await visitAgain(page);
    // an unsaved product edit kept for it (storage/drafts.ts: its own database, keyed by store), as an editor leaves one
    const drafts = (write: boolean) =>
      page.evaluate(
        (write) =>
          new Promise<string[]>((resolve, reject) => {
            const open = indexedDB.open('storefront-connect-drafts');
            open.onupgradeneeded = () => open.result.createObjectStore('drafts');
            open.onerror = () => reject(new Error('the drafts database did not open'));
            open.onsuccess = () => {
              const objects = open.result.transaction('drafts', 'readwrite').objectStore('drafts');
              if (write) objects.put({ form: { name: 'Left unsaved' } }, 'demo/product/1001');
              const keys = objects.getAllKeys();
              keys.onsuccess = () => (open.result.close(), resolve(keys.result.map(String)));
            };
          }),
        write,
      );
    expect(await drafts(true)).toEqual(['demo/product/1001']);
    await unlistedBanner(page).getByRole('button', { name: 'Forget “demo”' }).click();
    const forgotten = unlistedBanner(page).getByText('“demo”: forgotten in this browser.');
    await forgotten.waitFor();
    expect(await forgotten.evaluate((element) => element === document.activeElement)).toBe(true);
    await expect.poll(() => readSessionKeys(page)).toEqual(['session:hippo']);
    expect(await drafts(false)).toEqual([]);
    await unlistedBanner(page).getByRole('button', { name: 'Forget “hippo”' }).click();
    await unlistedBanner(page).getByText('“hippo”: forgotten in this browser.').waitFor();
    await expect.poll(() => readSessionKeys(page)).toEqual([]);
    // nothing else of theirs either (the markers of how a connection ended or was signed out, …)
    expect((await readVaultKeys(page)).filter((key) => /:(demo|hippo)$/.test(key))).toEqual([]);
    await shoot(page, 'unlisted-forgotten-1280');
    await visitAgain(page);
    await page.getByRole('button', { name: `Connect ${STORE_NAME} (PKCE)`, exact: true }).waitFor();
    expect(await unlistedBanner(page).count()).toBe(0);

    // Listed again after being forgotten: not connected. No token or key was sent the whole time.
    await deploy(everyStore);
    await visitAgain(page);
    await storeRow(page, STORE_NAME).getByText(/^Not connected/).waitFor();
    await storeRow(page, HIPPO).getByText(/^Not connected/).waitFor();
    expect(signed).toEqual([]);
  });
});

describe('a new build deployed while a credentials form is open', () => {
  it('keeps the pasted key, sends nothing, and says the reload it needs empties the form', async () => {
    await deploy(everyStore);
    const { page } = await e2e.open({ width: 360, height: 780 });
    await page.goto(e2e.env.app.url);
    await page.getByRole('button', { name: `Connect ${HIPPO}`, exact: true }).click();
    const field = page.getByRole('textbox', { name: 'Access key', exact: true });
    await field.waitFor();
    // The old build's chunks are gone from the CDN: every file of assets/ not loaded yet answers 404.
    await page.route(/\/assets\//, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
    const asked = hippo.requests().length;
    await pasteHippoKey(page, DEMO_KEYS.readOnly);
    const failure = storeRow(page, HIPPO).getByRole('alert').filter({ hasText: 'Part of this app could not be loaded' });
    await failure.waitFor();
    await failure.getByText(/nothing was sent to the store\. Reload the page .* the reload empties this form/).waitFor();
    expect((await field.inputValue()) === DEMO_KEYS.readOnly).toBe(true); // as a boolean: a failure never prints the key
    expect(hippo.requests().length).toBe(asked);
    expect(await readSessionKeys(page)).toEqual([]);
    await shoot(page, 'credentials-code-gone-360');
    await page.setViewportSize({ width: 1280, height: 780 });
    await shoot(page, 'credentials-code-gone-1280');

    // The new build in place: a reload, the key pasted again, connects.
    await page.unroute(/\/assets\//);
    await page.reload();
    await page.getByRole('button', { name: `Connect ${HIPPO}`, exact: true }).click();
    await pasteHippoKey(page, DEMO_KEYS.readOnly);
    await storeRow(page, HIPPO).getByText(/^Connected/).waitFor();
  });
});

describe('config.json unavailable on a returning visit', () => {
  it('a 503 is said to be passing, a web page in its place is the deployment’s; both say the saved connection is kept, and it is there once the file is back', async () => {
    await deploy(everyStore);
    const { page } = await e2e.open({ width: 360, height: 780 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    const kept = page.getByRole('status').filter({ hasText: 'Your connection to a store is kept in this browser' });

    // The host in trouble for a moment: its own error page, with a 503.
    await page.route(/\/config\.json$/, (route) => route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>503 Service Unavailable</h1>' }));
    await page.reload();
    await page.getByRole('heading', { name: 'This site could not load its configuration right now', level: 1 }).waitFor();
    await page.getByText('(HTTP 503), which usually lasts a short while. Reload in a moment.').waitFor();
    await kept.waitFor();
    expect(await page.getByText('This deployment has no configuration').count()).toBe(0);
    await shoot(page, 'config-503-360');
    await page.setViewportSize({ width: 1280, height: 780 });
    await shoot(page, 'config-503-1280');

    // A web page answered with 200 in its place (a host's fallback to index.html): the deployment's to fix.
    await page.unroute(/\/config\.json$/);
    await page.route(/\/config\.json$/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Shop</title>' }));
    await page.reload();
    await page.getByRole('heading', { name: 'This deployment’s configuration has a problem', level: 1 }).waitFor();
    await kept.waitFor();
    await shoot(page, 'config-html-1280');
    expect(await readSessionKeys(page)).toEqual(['session:demo']);

    // The file back: Reload, and the store's catalogue with the same connection.
    await page.unroute(/\/config\.json$/);
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.locator('main ul > li article').first().waitFor();
  });
});

describe('a new index.html deployed', () => {
  it('reaches a returning visitor at once, by the folder’s address and by index.html: the page the CDN sends with its Last-Modified is revalidated, not kept by the browser’s heuristic', async () => {
    // The build as a CDN serves it (Last-Modified on every file), its index.html a month old.
    const root = await mkdtemp(join(tmpdir(), 'redeploy-'));
    e2e.closeAfterAll(() => rm(root, { recursive: true, force: true }));
    await cp(BUILD_DIR, root, { recursive: true });
    const index = join(root, 'index.html');
    const monthAgo = new Date(Date.now() - 30 * 24 * 3600_000);
    await utimes(index, monthAgo, monthAgo);
    const config = { stores: e2e.env.stores } as AppConfig;
    const cdn = await startStaticServer({ root, basePath: '/shop/', lastModified: true, overrides: { 'config.json': JSON.stringify(config) }, headers: deploymentHeaders(config) });
    e2e.closeAfterAll(() => cdn.close());
    const { page } = await e2e.open({ width: 1280, height: 780 });
    const build = () => page.locator('meta[name="build"]').count();
    const addresses = [cdn.url, `${cdn.url}index.html`];
    for (const address of addresses) {
      await page.goto(address);
      await page.getByRole('heading', { name: 'Your stores' }).waitFor();
      expect(await build()).toBe(0);
    }

    // The new deployment's index.html (a new build names other chunks; here it carries a marker).
    const old = await readFile(index, 'utf8');
    await writeFile(index, old.replace('<head>', '<head><meta name="build" content="next">'));
    for (const address of addresses) {
      await page.goto('about:blank');
      await page.goto(address);
      await page.getByRole('heading', { name: 'Your stores' }).waitFor();
      expect(await build(), address).toBe(1);
    }
  });
});
