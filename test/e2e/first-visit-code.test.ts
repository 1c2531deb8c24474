/**
 * What a visit downloads, in Chromium, against what the bench counts (test/bench/bytes.ts): a first
 * visit (nothing saved) loads the entry, the boot and the stores list with their CSS and the boot's
 * worker, nothing else; a store's code (its screen, the store APIs, the AuthService) loads only once a store is
 * connected; a returning visitor's catalogue loads the chunks the bench adds up for it. Chunks are
 * named by Vite's `name-hash.ext`.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent, deploymentHeaders } from '../helpers/e2e-app.ts';
import { startStaticServer } from '../helpers/static-server.ts';
import { BUILD_DIR } from '../helpers/paths.ts';
import type { AppConfig } from '../../src/lib/config/types.ts';

const e2e = useE2e({ app: {} });

/** Every answer of 400 or more (any origin) and console error the page meets from now on. */
function recordFailures(page: Page): string[] {
  const failures: string[] = [];
  page.on('response', (response) => void (response.status() >= 400 && failures.push(`${response.status()} ${response.url()}`)));
  page.on('console', (message) => void (message.type() === 'error' && failures.push(`console: ${message.text()} (${message.location().url})`)));
  return failures;
}

/** The chunks (`boot.js`, `HomeView.css`) the page asks for from now on, each once, by name without its hash. */
function recordChunks(page: Page): Set<string> {
  const chunks = new Set<string>();
  page.on('request', (request) => {
    const file = /\/assets\/([^/?]+)-[\w-]{8}\.(js|css)$/.exec(new URL(request.url()).pathname);
    if (file) chunks.add(`${file[1]}.${file[2]}`);
  });
  return chunks;
}

describe('the code a visit downloads', () => {
  it('a first visit loads the stores list’s code only, every answer under 400; connecting a store loads the store’s', async () => {
    const { page } = await e2e.open();
    const chunks = recordChunks(page);
    const failures = recordFailures(page);
    await page.goto(e2e.env.app.url);
    await page.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true }).waitFor();
    // Once the list is drawn and the browser idle, the newer-version check (new-version.ts, with the
    // words it shares with the store screens): a part of the list whose code a redeploy deleted is
    // then told apart from a dropped connection. Not needed to draw the list, so not in the bench's count.
    await expect.poll(() => chunks.has('new-version.js')).toBe(true);
    await page.waitForLoadState('networkidle');
    // The price formatter's worker too (warm-format.ts): the bench counts it with the boot. And the
    // profile of the one platform config.json names (Goodsie): the bench counts it with the shipped
    // config.json's additions.
    expect([...chunks].sort()).toEqual([
      'HomeView.css',
      'HomeView.js',
      'boot.css',
      'boot.js',
      'goodsie-profile.js',
      'index.css',
      'index.js',
      'new-version.js',
      'price-format.worker.js',
      'rolldown-runtime.js',
      'shared.js',
    ]);
    // A QA walk saw a 404 in the console: the home page's load has none (nor any other error).
    expect(failures).toEqual([]);

    chunks.clear();
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    expect([...chunks]).toEqual(expect.arrayContaining(['store.js', 'auth-service.js']));
    // That 404 was the demo store's consent page's /favicon.ico (it named no icon): it names its logo now.
    expect(failures).toEqual([]);
  });

  it('config.json is asked for once, by index.html while it is parsed (a preload), and the entry’s request takes that answer', async () => {
    const { page } = await e2e.open();
    const asked: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/config.json')) asked.push(request.url());
    });
    await page.goto(e2e.env.app.url);
    await page.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(asked).toEqual([new URL('config.json', e2e.env.app.url).href]);
    // Started by the <link>, not by the entry's fetch(), and before the entry's script was in.
    const timing = await page.evaluate(() => {
      const [config, ...more] = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/config.json')) as PerformanceResourceTiming[];
      const entry = performance.getEntriesByType('resource').find((e) => /\/assets\/index-[\w-]{8}\.js$/.test(e.name)) as PerformanceResourceTiming | undefined;
      return { initiator: config?.initiatorType, more: more.length, startedBeforeEntryIn: config !== undefined && entry !== undefined && config.startTime < entry.responseEnd };
    });
    expect(timing).toEqual({ initiator: 'link', more: 0, startedBeforeEntryIn: true });
  });

  it('a returning visitor’s catalogue loads what the bench counts for it (RETURNING_SCREEN, the Goodsie adapter) and, once idle, what a sign-out with the network gone needs; nothing else', async () => {
    const { page } = await e2e.open();
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    const chunks = recordChunks(page);
    await page.reload();
    await expect.poll(() => page.locator('main ul > li article img').count()).toBeGreaterThan(3);
    // Asked for once the first cards are drawn (failure-parts.ts): the parts for an error, an empty
    // list and the banners (FAILURE_PARTS), so that they show with the network gone; and with the
    // banners' code, once the page is idle (Banners.svelte's fetchAhead, within 7 s), the stores
    // list and its "Signed out of …", which a sign-out made offline lands on. Not needed to show
    // the catalogue, so not in the bench's count.
    await expect.poll(() => chunks.has('HomeView.js') && chunks.has('SignedOutNote.js')).toBe(true);
    await page.waitForLoadState('networkidle');
    // The first load less the stores list; the store screen's chunk; the AuthService with the
    // renewals' retry (one chunk, both loaded at once with a saved session) and what it imports;
    // Goodsie's profile and adapter; the reading of the records the vault's listing found and the
    // sealing that opens them (vault-records.ts and sealed-store.ts, one chunk: a first visit, with
    // none, never loads it); the reading of the markers of
    // connections a store ended (ended-before.ts and ended-markers.ts, which the AuthService shares;
    // a first visit, whose storage is new, reads none); the sign-out's steps, which the AuthService's
    // renewals ask whether the store was signed out of (sign-out.ts, its own chunk since the stores
    // list's Sign out imports it alone); the newer-version check, which the store bar starts and the
    // stores list loads when idle (new-version.ts, a chunk of its own since); the sign-in's lifetime
    // and state (oauth/state.ts), which a start without IndexedDB loads without the store's chunk; what
    // a connection lets the person do (store-capabilities.ts with providers/capabilities.ts, a chunk of
    // its own, which a connected store's line on the stores list loads too). (unload-guard.js is the chunk
    // of what the AuthService, the seam and the Embed screen's sign-in share: unload-guard.ts and
    // return-to.ts; Rolldown names it after one of them.)
    // And once idle after the first cards (CatalogView), the product screen's code (ProductView, with
    // the LockedFeature and SafeHtml chunks it imports), so that a card tapped once the link has
    // dropped shows what the catalogue knew of it (e2e offline-product-open).
    expect([...chunks].sort()).toEqual([
      'HomeView.css',
      'HomeView.js',
      'LockedFeature.css',
      'LockedFeature.js',
      'ProductView.css',
      'ProductView.js',
      'SafeHtml.css',
      'SafeHtml.js',
      'SignedOutNote.css',
      'SignedOutNote.js',
      'auth-service.js',
      'boot.css',
      'boot.js',
      'ended-before.js',
      'ended-markers.js',
      'failure-parts.css',
      'failure-parts.js',
      'goodsie-profile.js',
      'goodsie.js',
      'index.css',
      'index.js',
      'new-version.js',
      'price-format.worker.js',
      'rolldown-runtime.js',
      'scopes.js',
      'shared.js',
      'sign-out.js',
      'state.js',
      'store-capabilities.js',
      'store.css',
      'store.js',
      'unload-guard.js',
      'vault-records.js',
    ]);
  });

  it('the stores list’s credentials form (a Shopware store) loads what it shares with the store screen, not the store screen’s chunk', async () => {
    const app = await startStaticServer({ root: BUILD_DIR, basePath: '/shops/sw/' });
    e2e.closeAfterAll(() => app.close());
    const config: AppConfig = { stores: [{ id: 'sw', kind: 'shopware6', name: 'Fruit Shop', apiBase: 'https://shop.example', auth: ['integration'], currency: 'EUR' }] };
    app.setOverride('config.json', JSON.stringify(config));
    app.setHeaders(deploymentHeaders(config));
    const { page } = await e2e.open();
    const chunks = recordChunks(page);
    await page.goto(app.url);
    await page.locator('form.credentials').waitFor();
    await page.waitForLoadState('networkidle');
    expect([...chunks]).toEqual(expect.arrayContaining(['ConnectWithCredentials.js', 'shared.js']));
    // Before, the form's words for a failure came from the store screen's chunk: 19 KB gzip more on this screen.
    expect([...chunks]).not.toContain('store.js');
    expect([...chunks]).not.toContain('store.css');
    // Only the named platform's profile: a deployment without a Goodsie store never downloads Goodsie's.
    expect([...chunks]).toContain('shopware6-profile.js');
    expect([...chunks].filter((chunk) => chunk.endsWith('-profile.js'))).toEqual(['shopware6-profile.js']);
  });

  it('with several stores, a credentials form and its code come on Connect: the focus goes into it, Cancel puts it away', async () => {
    const app = await startStaticServer({ root: BUILD_DIR, basePath: '/shops/two/' });
    e2e.closeAfterAll(() => app.close());
    const config: AppConfig = {
      stores: [
        { id: 'sw', kind: 'shopware6', name: 'Fruit Shop', apiBase: 'https://shop.example', auth: ['integration'], currency: 'EUR' },
        { id: 'hippo', kind: 'storehippo', name: 'Veg Store', apiBase: 'https://veg.storehippo.com', apiVersion: '1.1', auth: ['access-key'], currency: 'INR' },
      ],
    };
    app.setOverride('config.json', JSON.stringify(config));
    app.setHeaders(deploymentHeaders(config));
    const { page } = await e2e.open();
    const chunks = recordChunks(page);
    await page.goto(app.url);
    const connectFruit = page.getByRole('button', { name: 'Connect Fruit Shop', exact: true });
    await connectFruit.waitFor();
    await page.getByRole('button', { name: 'Connect Veg Store', exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('form').count()).toBe(0);
    expect([...chunks]).not.toContain('ConnectWithCredentials.js');
    expect(await connectFruit.getAttribute('aria-expanded')).toBe('false');

    await connectFruit.click();
    const keyId = page.getByRole('textbox', { name: 'Access key ID' });
    await keyId.waitFor();
    expect([...chunks]).toContain('ConnectWithCredentials.js');
    expect(await page.locator('form').count()).toBe(1); // the other store's stays closed
    await expect.poll(() => keyId.evaluate((field) => field === document.activeElement)).toBe(true);
    const cancel = page.getByRole('button', { name: 'Cancel connecting Fruit Shop', exact: true });
    expect(await cancel.getAttribute('aria-expanded')).toBe('true');
    expect(await cancel.getAttribute('class')).toContain('secondary');

    await keyId.fill('SWIATYPEDBEFORECANCEL0001');
    await cancel.click();
    expect(await page.locator('form').count()).toBe(0);
    // The same button, so the focus stays on it, named Connect again.
    expect(await connectFruit.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await connectFruit.getAttribute('aria-expanded')).toBe('false');
    // Opened again, it starts empty: what was typed went with Cancel.
    await connectFruit.click();
    expect(await keyId.inputValue()).toBe('');
  });
});
