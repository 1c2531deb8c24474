/**
 * A newer version of the app deployed while a person has it open, as a CDN does it: a new
 * index.html naming other hashed chunks, the old chunks deleted (redeploy.test.ts's way, with the
 * files of a real second build swapped on the server rather than answered 404 by the browser). A
 * part whose code is gone is told from a dropped connection (the host's index.html answers and names
 * other chunks, or nothing answers), said as a newer version with Reload one press away, and nothing
 * is lost: a screen comes by itself with a load of the same address, once per address and version;
 * a credentials form keeps what was pasted and says the reload empties it; the stores list, whose
 * sign-in code is gone, says so too (and the connection's words where the host does not answer).
 * Screenshots at 360 and 1280 px (.test-artifacts/screenshots/new-version-*.png).
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { CLIENT_ID, STORE_NAME, deploymentHeaders, readSessionKeys } from '../helpers/e2e-app.ts';
import { startDemoStore, type DemoStore } from '../demo-store/server.ts';
import { productCards } from '../helpers/catalog-grid.ts';
import { BUILD_DIR, SCREENSHOT_DIR } from '../helpers/paths.ts';
import { startStaticServer, type StaticServer } from '../helpers/static-server.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';
import { startStoreHippoStore, type StoreHippoStore } from '../platforms/storehippo/server.ts';
import { loadProfilesFor } from '../../src/lib/config/load-config.ts';
import type { AppConfig, StoreConfig } from '../../src/lib/config/types.ts';

const e2e = useE2e();
const HIPPO = 'Hippo Demo';
/** What the next build's chunks are called: the same files under other names, as a new build's hashes are. */
const NEXT = 'next-';
let hippo: StoreHippoStore;
/** A store whose Connect signs in on its own page (OAuth 2.0 with PKCE): the sign-in's code loads on the press. */
let goodsie: DemoStore;
const GOODSIE = `${STORE_NAME} (PKCE)`;
let cdn: StaticServer;
/** The config.json the host serves, and the deployment's headers for it. */
let config = '';
let hippoOnly: AppConfig;
let withSignIn: AppConfig;
function serve(app: AppConfig): void {
  config = JSON.stringify(app);
  cdn.setHeaders(deploymentHeaders(app, [hippo.cdnOrigin]));
}
/** The folder the CDN serves, and copies of the two builds. */
let root: string;
let current: string;
let next: string;

/**
 * A second build from the first: every file of assets/ renamed, and every reference to it (in
 * index.html, in the chunks' imports and preload lists, a worker's URL) with it.
 */
async function renameAssets(dir: string): Promise<void> {
  const names = await readdir(join(dir, 'assets'));
  const pattern = new RegExp(`(?<=[/'"\`])(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g');
  const texts = ['index.html', ...names.filter((n) => /\.(js|css|json)$/.test(n)).map((n) => `assets/${n}`)];
  for (const file of texts) {
    const path = join(dir, file);
    await writeFile(path, (await readFile(path, 'utf8')).replace(pattern, `${NEXT}$1`));
  }
  for (const name of names) await cp(join(dir, 'assets', name), join(dir, 'assets', `${NEXT}${name}`));
  for (const name of names) await rm(join(dir, 'assets', name));
}

/** The host's files become `build`'s: its index.html and assets/ (the previous chunks deleted unless `keepOld`). */
async function deploy(build: string, { keepOld = false } = {}): Promise<void> {
  if (!keepOld) await rm(join(root, 'assets'), { recursive: true, force: true });
  await cp(join(build, 'assets'), join(root, 'assets'), { recursive: true });
  await cp(join(build, 'index.html'), join(root, 'index.html'));
}

beforeAll(async () => {
  const made = await mkdtemp(join(tmpdir(), 'new-version-'));
  e2e.closeAfterAll(() => rm(made, { recursive: true, force: true }));
  [root, current, next] = [join(made, 'root'), join(made, 'current'), join(made, 'next')];
  for (const dir of [root, current, next]) await cp(BUILD_DIR, dir, { recursive: true });
  await renameAssets(next);
  cdn = await startStaticServer({ root, overrides: { 'config.json': () => config } });
  e2e.closeAfterAll(() => cdn.close());
  hippo = await startStoreHippoStore({ port: 0, allowedOrigins: [cdn.origin] });
  e2e.closeAfterAll(() => hippo.close());
  const stores = [
    { id: 'hippo', kind: 'storehippo', name: HIPPO, apiBase: hippo.origin, apiVersion: '1.1', auth: ['access-key'], currency: 'INR', imageBase: hippo.imageBase },
  ] as StoreConfig[];
  goodsie = await startDemoStore({ sendIssuer: true, port: 0, clients: [{ clientId: CLIENT_ID, name: 'Storefront Connect', redirectUris: [cdn.url] }], allowedOrigins: [cdn.origin] });
  e2e.closeAfterAll(() => goodsie.close());
  const signIn = {
    kind: 'goodsie', id: 'demo-code', name: GOODSIE, flow: 'code', clientId: CLIENT_ID, redirectUri: cdn.url, defaultScopes: ['storefront'],
    authorizationEndpoint: `${goodsie.origin}/oauth2/authorize`, tokenEndpoint: `${goodsie.origin}/oauth2/access_token`, apiBase: goodsie.origin,
    issuer: goodsie.origin, authorizationResponseIssParameterSupported: true, revocationEndpoint: `${goodsie.origin}/oauth2/revoke`,
  } as StoreConfig;
  hippoOnly = { stores } as AppConfig;
  withSignIn = { stores: [signIn, ...stores] } as AppConfig;
  await loadProfilesFor(withSignIn);
  serve(hippoOnly);
});

// Each test starts on the first build.
beforeEach(() => deploy(current));

const storeRow = (page: Page) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: HIPPO, exact: true }) });
const shoot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `new-version-${name}.png`), fullPage: true });
/** The entry script the page runs: which build it is. */
const entryOf = (page: Page) => page.locator('script[type="module"]').getAttribute('src');
const missingScreen = (page: Page) => page.locator('#main > .unavailable');
/**
 * The store's Orders: a screen whose code a tab fetches only when it is opened (the catalogue fetches
 * the product screen's ahead, as its first cards are drawn), so a new deployment can have removed it.
 */
const ordersLink = (page: Page) => page.getByRole('navigation', { name: 'Store' }).getByRole('link', { name: 'Orders', exact: true });
const NEWER_WORDS = 'A newer version of this app is out. This part of it needs the new one. Reload to get it: your store connections and unsaved product edits are kept, other text typed on this page is not.';

async function pasteHippoKey(page: Page, key: string = DEMO_KEYS.readOnly): Promise<void> {
  await page.getByRole('textbox', { name: 'Access key', exact: true }).fill(key);
  await page.getByRole('button', { name: `Connect ${HIPPO} with the access key` }).click();
}

/** Connected to the store with its read-only key, or `key` (the only store listed: its form is open), on its catalogue. */
async function onCatalogue(page: Page, key?: string): Promise<void> {
  await page.goto(cdn.url);
  await pasteHippoKey(page, key);
  await storeRow(page).getByText(/^Connected/).waitFor();
  await page.goto(`${cdn.url}#/s/hippo`);
  await productCards(page).first().waitFor();
}

/** Marks this document: gone once the page has loaded another (a reload). */
const mark = (page: Page) => page.evaluate(() => ((window as { __sameDocument?: boolean }).__sameDocument = true));
const sameDocument = (page: Page) => page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument === true);
/** The page's build, once the page is one (during a load, asking fails: not yet). */
const settledEntry = (page: Page) => entryOf(page).catch(() => null);

/** The app's page loads (documents) the page asks for from now on. */
function countLoads(page: Page): { count: () => number } {
  let loads = 0;
  page.on('request', (request) => {
    if (request.resourceType() === 'document' && request.url().startsWith(cdn.url)) loads += 1;
  });
  return { count: () => loads };
}

/**
 * What the page asked for ahead is in: the catalogue's parts for an error, and once idle the product
 * screen's code (each import() puts its chunks in the head as links, the chunk's own first). A deploy
 * before then had such a fetch find its chunk gone and the host's index.html name the newer
 * version, found while the link still held (a fresh clone's loaded CI machine, 1 run in 7).
 */
async function partsAheadIn(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 })));
  // As a string: vitest would rewrite an import() written here into its own loader's call.
  const allIn = () =>
    page.evaluate<boolean>(`(async () => {
      const links = [...document.querySelectorAll('link[rel="modulepreload"], link[rel="stylesheet"]')];
      await Promise.all(links.filter((l) => l.rel === 'modulepreload').map((l) => import(l.href)));
      return links.every((l) => l.rel === 'modulepreload' || l.sheet !== null);
    })()`);
  await expect.poll(allIn).toBe(true);
}

/**
 * The link back (the host's files answer again), Back to the catalogue, and the orders opened again:
 * they come with the new version, by one load of the page, still signed in.
 */
async function ordersOnceHostAnswers(page: Page, loads: { count: () => number }): Promise<void> {
  await page.unroute(`${cdn.origin}/**`);
  await page.goBack();
  await productCards(page).first().waitFor();
  await ordersLink(page).click();
  await page.locator('main h1').waitFor();
  expect(await sameDocument(page)).toBe(false);
  expect(loads.count()).toBe(1);
  expect(await entryOf(page)).toContain(`/${NEXT}`);
  expect(await readSessionKeys(page)).toEqual(['session:hippo']);
}

describe('a screen whose code a new deployment removed', () => {
  it('is said to be the connection’s while the host does not answer; once it does, the new version loads by itself at the same address, signed in', async () => {
    const { page } = await e2e.open({ width: 1280, height: 800 });
    await onCatalogue(page, DEMO_KEYS.manager);
    const first = await entryOf(page);
    // (the newer version is first found with the link down: nothing asked for ahead found it before)
    await partsAheadIn(page);
    await deploy(next);
    await mark(page);
    const loads = countLoads(page);

    // The link down (the browser still says online): nothing tells a new version from a dropped connection, so it is not said.
    await page.route(`${cdn.origin}/**`, (route) => route.abort('internetdisconnected'));
    const orders = ordersLink(page);
    const ordersUrl = new URL((await orders.getAttribute('href')) ?? '', cdn.url).href;
    await orders.click();
    await missingScreen(page).getByText('Part of this app could not be loaded. Check your connection, then try again.').waitFor();
    await missingScreen(page).getByRole('button', { name: 'Try again' }).waitFor();
    expect(await page.getByText('A newer version').count()).toBe(0);

    // Back: the host answers with the new index.html; the orders, opened again, come with the new version by itself.
    await ordersOnceHostAnswers(page, loads);
    expect(page.url()).toBe(ordersUrl);
    expect(await entryOf(page)).not.toBe(first);
    expect(await missingScreen(page).count()).toBe(0);
  });

  it('found while the link held, it does not load by itself while the host does not answer: the app stays, not the browser’s error page; once it answers, it does', async () => {
    const { page } = await e2e.open({ width: 360, height: 780 });
    // The catalogue's fetch ahead of the product screen's code goes out after the deploy (a loaded
    // machine's order, or a person's) and finds it gone: the host's index.html names the newer version.
    const productCode = /\/ProductView-[^/]*\.js$/;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(productCode, async (route) => {
      await held;
      await route.continue();
    });
    await onCatalogue(page, DEMO_KEYS.manager);
    await deploy(next);
    const asked = page.waitForResponse((r) => r.url() === cdn.url && r.request().resourceType() === 'fetch');
    release();
    await asked;
    await page.unroute(productCode);
    await mark(page);
    const loads = countLoads(page);

    // The link down (the browser still says online): the orders' code is gone, and the page is not
    // reloaded into the browser's error page (it was: the reload asked no host first). Reload says it.
    await page.route(`${cdn.origin}/**`, (route) => route.abort('internetdisconnected'));
    const hostAsked = page.waitForEvent('requestfailed', (r) => r.method() === 'HEAD' && r.url() === cdn.url);
    hostAsked.catch(() => undefined); // (awaited below, after the words: a failure there is the one to see)
    await ordersLink(page).click();
    await missingScreen(page).getByText(NEWER_WORDS).waitFor();
    await hostAsked;
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
    expect(await sameDocument(page)).toBe(true);
    expect(loads.count()).toBe(0);
    await missingScreen(page).getByRole('button', { name: 'Reload' }).waitFor();
    await shoot(page, 'host-silent-360');
    await page.setViewportSize({ width: 1280, height: 800 });
    await shoot(page, 'host-silent-1280');

    // Back: the host answers; the orders, opened again, come with the new version by itself.
    await ordersOnceHostAnswers(page, loads);
  });

  it('loads the new version by itself once per address and version: where the reload brings the old page again, it says so, with Reload', async () => {
    const { page } = await e2e.open({ width: 360, height: 780 });
    await onCatalogue(page, DEMO_KEYS.manager);
    // The new build beside the old, whose orders screen alone is gone; the host's cache still
    // sends the old index.html to a page load, while a request made past the cache gets the new one.
    await deploy(next, { keepOld: true });
    const oldIndex = await readFile(join(current, 'index.html'), 'utf8');
    await rm(join(root, 'assets', (await readdir(join(current, 'assets'))).find((n) => /^OrdersView-.*\.js$/.test(n)) ?? 'none'));
    const stale = (url: URL) => url.href.split('#')[0] === cdn.url;
    await page.route(stale, async (route) => {
      const response = await route.fetch();
      await route.fulfill(route.request().resourceType() === 'document' ? { response, body: oldIndex } : { response });
    });
    const loads = countLoads(page);
    await mark(page);
    await ordersLink(page).click();
    // one load of the address, by itself: the old page again, which says so, and waits for the person
    await expect.poll(() => sameDocument(page).catch(() => true)).toBe(false);
    await missingScreen(page).getByText(NEWER_WORDS).waitFor();
    await mark(page);
    // (its decision not to load again was taken as it said so; a load would have started by the page's next task)
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
    expect(await sameDocument(page)).toBe(true);
    expect(loads.count()).toBe(1);
    expect(await entryOf(page)).not.toContain(NEXT);
    expect(await page.evaluate(() => (history.state as Record<string, unknown>).newerVersionLoaded)).toContain(`/${NEXT}`);
    await shoot(page, 'screen-360');
    await page.setViewportSize({ width: 1280, height: 800 });
    await shoot(page, 'screen-1280');

    // The host's cache renewed: Reload brings the new version and its orders screen.
    await page.unroute(stale);
    await missingScreen(page).getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => settledEntry(page)).toContain(`/${NEXT}`);
    await page.locator('main h1').waitFor();
    expect(loads.count()).toBe(2);
    expect(await readSessionKeys(page)).toEqual(['session:hippo']);
  });
});

describe('a credentials form open across a new deployment', () => {
  it('says a newer version is out, keeps the pasted key, sends nothing, and Reload gets the new version', async () => {
    const { page } = await e2e.open({ width: 360, height: 780 });
    await page.goto(cdn.url);
    const field = page.getByRole('textbox', { name: 'Access key', exact: true });
    await field.waitFor();
    await deploy(next);
    const asked = hippo.requests().length;
    await pasteHippoKey(page);
    const failure = storeRow(page).getByRole('alert').filter({ hasText: 'A newer version of this app is out.' });
    await failure.waitFor();
    await failure.getByText(/This form needs the new one, so nothing was sent to the store\. Reload the page to get it, then connect again; the reload empties this form/).waitFor();
    expect((await field.inputValue()) === DEMO_KEYS.readOnly).toBe(true); // as a boolean: a failure never prints the key
    expect(hippo.requests().length).toBe(asked);
    expect(await readSessionKeys(page)).toEqual([]);
    await shoot(page, 'credentials-360');
    await page.setViewportSize({ width: 1280, height: 800 });
    await shoot(page, 'credentials-1280');

    await failure.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => settledEntry(page)).toContain(`/${NEXT}`);
    await pasteHippoKey(page);
    await storeRow(page).getByText(/^Connected/).waitFor();
  });
});

/** The first build's chunk of new-version.ts (the newer-version check). */
async function newerVersionChunk(): Promise<string> {
  const chunk = (await readdir(join(current, 'assets'))).find((n) => /^new-version-.*\.js$/.test(n));
  if (!chunk) throw new Error('the build has no new-version chunk');
  return chunk;
}

/**
 * Whether the stores list has brought in, once idle, the code that tells a newer version from a
 * dropped connection (new-version.ts's chunk and every chunk it imports: what the page downloaded).
 */
async function newerVersionCheckIn(page: Page): Promise<boolean> {
  const chunk = await newerVersionChunk();
  const imported = [...(await readFile(join(current, 'assets', chunk), 'utf8')).matchAll(/from"\.\/([^"]+\.js)"/g)].map((m) => m[1]);
  const wanted = [chunk, ...imported].map((name) => `/assets/${name}`);
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
  return wanted.every((path) => fetched.includes(path));
}

describe('the stores list across a new deployment', () => {
  beforeEach(() => serve(withSignIn));
  afterEach(() => serve(hippoOnly));
  const notices = (page: Page) => page.getByRole('region', { name: 'Notices' }).getByRole('alert');
  const connectGoodsie = (page: Page) => page.getByRole('button', { name: `Connect ${GOODSIE}`, exact: true });

  /** On the stores list, drawn and idle (what it brings in then is in). */
  async function onStoresList(page: Page): Promise<void> {
    await page.goto(cdn.url);
    await connectGoodsie(page).waitFor();
    await expect.poll(() => newerVersionCheckIn(page), { message: 'the stores list brings in the newer-version check once idle' }).toBe(true);
  }

  it('a connection whose code is gone says a newer version is out, with Reload, not to check the connection; Reload gets it, and Connect then works', async () => {
    const { page } = await e2e.open({ width: 360, height: 780 });
    await onStoresList(page);
    const first = await entryOf(page);
    await deploy(next);
    await mark(page);
    await connectGoodsie(page).click();
    const notice = notices(page);
    await notice.waitFor();
    await expect.poll(() => notice.textContent(), { message: 'the notice says a newer version is out' }).toContain(NEWER_WORDS);
    await notice.getByRole('button', { name: 'Reload' }).waitFor();
    expect(await page.getByText('Check your connection').count()).toBe(0);
    // no load by itself here (the list is not a missing screen): the person presses Reload
    expect(await sameDocument(page)).toBe(true);
    expect(await entryOf(page)).toBe(first);
    await shoot(page, 'stores-list-360');
    await page.setViewportSize({ width: 1280, height: 800 });
    await shoot(page, 'stores-list-1280');

    // A credentials form opened now, whose code is gone too: said the same way in its card.
    await page.getByRole('button', { name: `Connect ${HIPPO}`, exact: true }).click();
    await storeRow(page).getByRole('alert').getByText(NEWER_WORDS).waitFor();
    await storeRow(page).getByRole('alert').getByRole('button', { name: 'Reload' }).waitFor();

    // Reload: the new version, whose sign-in code is there: Connect leaves for the store's own page.
    await notice.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => settledEntry(page)).toContain(`/${NEXT}`);
    await connectGoodsie(page).click();
    await page.waitForURL((url) => url.origin === goodsie.origin);
  });

  it('the check, whose idle load the connection dropped, is brought again by itself: a deploy later is said as a newer version, not the connection', async () => {
    const { page } = await e2e.open({ width: 1280, height: 800 });
    const chunk = `/assets/${await newerVersionChunk()}`;
    let asked = 0;
    // The link drops for the check's first request only (the browser still online).
    await page.route((url) => url.pathname === chunk, (route) => (++asked === 1 ? route.abort('internetdisconnected') : route.continue()));
    const brought = page.waitForResponse((response) => new URL(response.url()).pathname === chunk && response.ok(), { timeout: 20_000 });
    await page.goto(cdn.url);
    await connectGoodsie(page).waitFor();
    await brought; // asked for again (its first request refused) and come, by itself
    expect(asked).toBe(2);
    await expect.poll(() => newerVersionCheckIn(page), { message: 'the check and what it imports are in' }).toBe(true);
    await deploy(next);
    await connectGoodsie(page).click();
    const notice = notices(page);
    await notice.waitFor();
    await expect.poll(() => notice.textContent(), { message: 'the notice says a newer version is out' }).toContain(NEWER_WORDS);
    await notice.getByRole('button', { name: 'Reload' }).waitFor();
    expect(await page.getByText('Check your connection').count()).toBe(0);
  });

  it('with the host out of reach (the browser still online), it is the connection’s words, with Try again', async () => {
    const { page } = await e2e.open({ width: 1280, height: 800 });
    await onStoresList(page);
    await deploy(next);
    await page.route(`${cdn.origin}/**`, (route) => route.abort('internetdisconnected'));
    // The host asked for its index.html, past any cache, as the part failed: no answer.
    const asked = page.waitForEvent('requestfailed', (request) => request.url() === cdn.url && request.resourceType() === 'fetch');
    await connectGoodsie(page).click();
    await asked;
    const notice = notices(page);
    await notice.getByText('Part of this app could not be loaded. Check your connection, then try again.').waitFor();
    await notice.getByRole('button', { name: 'Try again' }).waitFor();
    // The question got no answer, so nothing tells a newer version from a dropped connection: never said.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
    expect(await page.getByText('A newer version').count()).toBe(0);
    expect(await notice.count()).toBe(1);
  });
});
