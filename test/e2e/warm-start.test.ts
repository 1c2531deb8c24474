/**
 * A returning visitor's start, in Chromium on the built app: storage (which a session is read from
 * before anything is asked of the store) begins to open from the entry, while the app's own code is
 * still downloading, not once it has arrived and run.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { BUILD_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: {} });

/**
 * Notes when the page first opens an IndexedDB database, when that open has succeeded, when it first
 * makes a transaction, and when the app first inserts anything into #app (an init script, before the
 * app runs).
 */
const IDB_OPENS = `(() => {
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...args) {
    window.__idbOpenedAt ??= performance.now();
    const request = open.apply(this, args);
    request.addEventListener('success', () => { window.__idbReadyAt ??= performance.now(); });
    return request;
  };
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    window.__firstTransactionAt ??= performance.now();
    return transaction.apply(this, args);
  };
  // The first insertion into #app, noted as it happens (a MutationObserver would note it a microtask later).
  const noteIn = (node) => {
    if (window.__firstRenderAt === undefined && node && document.getElementById('app')?.contains(node)) window.__firstRenderAt = performance.now();
  };
  for (const [proto, name] of [[Node.prototype, 'appendChild'], [Node.prototype, 'insertBefore'], [Element.prototype, 'append'], [Element.prototype, 'before'], [Element.prototype, 'after'], [CharacterData.prototype, 'before'], [CharacterData.prototype, 'after']]) {
    const original = proto[name];
    proto[name] = function (...args) {
      const result = original.apply(this, args);
      noteIn(this.parentNode ?? this);
      return result;
    };
  }
})();`;

/** Every loading line the page shows (the loading screen's words), in order. */
const LOADING_LINES = `(() => {
  const lines = [];
  window.__loadingLines = lines;
  new MutationObserver(() => {
    for (const status of document.querySelectorAll('.loading[role="status"]')) {
      const text = status.textContent.trim();
      if (text && lines[lines.length - 1] !== text) lines.push(text);
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/** The IndexedDB transactions the page had made (their modes) when its first store API request left. */
const TRANSACTIONS_BEFORE_REQUEST = `(() => {
  const made = [];
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    made.push(args[1] ?? 'readonly');
    return transaction.apply(this, args);
  };
  const fetch = window.fetch;
  window.fetch = function (...args) {
    const url = String(args[0]?.url ?? args[0]);
    if (url.includes('/api/') && window.__beforeRequest === undefined) window.__beforeRequest = [...made];
    return fetch.apply(this, args);
  };
})();`;

interface Moments {
  __idbOpenedAt?: number;
  __idbReadyAt?: number;
  __firstTransactionAt?: number;
  __firstRenderAt?: number;
}

/** Signed in once in a fresh context, the catalogue shown; that page closed, the session stays stored. */
async function signedIn(): Promise<{ context: BrowserContext; catalogue: string }> {
  const { page, context } = await e2e.open({ width: 1280, height: 900 });
  await page.goto(e2e.env.app.url);
  await connectThroughConsent(page, STORE_NAME);
  await page.locator('main ul[aria-label="Products"] li article').first().waitFor();
  const catalogue = page.url();
  await page.close();
  return { context, catalogue };
}

describe('warm start', () => {
  it('storage opens while the boot chunk is still downloading; its first reads go out before the first render; the catalogue then shows from the stored session', async () => {
    const { context, catalogue } = await signedIn();

    const again = await context.newPage();
    await again.addInitScript({ content: IDB_OPENS });
    let openedWhileHeld: boolean | null = null;
    // The boot chunk's answer is held until the page's IndexedDB open has succeeded (at most 5 s).
    await again.route(/\/assets\/boot-[^/]+\.js$/, async (route) => {
      let ready = false;
      for (let i = 0; i < 100 && !ready; i++) {
        ready = await again.evaluate(() => (window as unknown as Moments).__idbReadyAt !== undefined);
        if (!ready) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      openedWhileHeld ??= ready;
      await route.continue();
    });
    await again.goto(catalogue);
    await again.locator('main ul[aria-label="Products"] li article').first().waitFor();
    expect(openedWhileHeld).toBe(true);
    // With the database open when the boot runs, the sealing key's read (the first transaction) is
    // made before the app renders anything, not after the first render's work.
    const { __firstTransactionAt: firstTransaction, __firstRenderAt: firstRender } = await again.evaluate(() => {
      const w = window as unknown as Moments;
      return { __firstTransactionAt: w.__firstTransactionAt, __firstRenderAt: w.__firstRenderAt };
    });
    expect(firstTransaction).toBeDefined();
    expect(firstRender).toBeDefined();
    expect(firstTransaction!).toBeLessThan(firstRender!);
  });

  it('its first request to the store leaves after one IndexedDB read: the sealing key and the saved sessions, together', async () => {
    const { context, catalogue } = await signedIn();

    const again = await context.newPage();
    await again.addInitScript({ content: TRANSACTIONS_BEFORE_REQUEST });
    await again.goto(catalogue);
    await again.locator('main ul[aria-label="Products"] li article').first().waitFor();
    expect(await again.evaluate(() => (window as unknown as { __beforeRequest?: string[] }).__beforeRequest)).toEqual(['readonly']);
  });

  it('a returning visitor\'s catalogue is drawn with the shell, never behind its "Loading the catalogue…" line', async () => {
    const { context, catalogue } = await signedIn();

    for (let visit = 0; visit < 3; visit++) {
      const again = await context.newPage();
      await again.addInitScript({ content: LOADING_LINES });
      await again.goto(catalogue);
      await again.locator('main ul[aria-label="Products"] li article').first().waitFor();
      expect(await again.evaluate(() => (window as unknown as { __loadingLines: string[] }).__loadingLines)).toEqual(['Starting…']);
      await again.close();
    }
  });

  it('the chunks it runs are compiled off the main thread as they stream in (V8\'s compile hint), not function by function at their first call', async () => {
    // The boot, the store screen's chunk and what it shares begin with the hint; a screen loaded
    // later (most of whose code a visit never runs) does not.
    const assets = readdirSync(join(BUILD_DIR, 'assets'));
    const firstLine = (name: string) => readFileSync(join(BUILD_DIR, 'assets', assets.find((file) => new RegExp(`^${name}-[\\w-]{8}\\.js$`).test(file))!), 'utf8').split('\n')[0];
    for (const chunk of ['boot', 'store', 'shared']) expect(firstLine(chunk), chunk).toBe('//# allFunctionsCalledOnLoad');
    expect(firstLine('EmbedView')).not.toContain('allFunctionsCalledOnLoad');

    // And Chromium takes it: the functions compiled lazily on the renderers' main threads
    // (V8.CompileCode in a trace) from the navigation to the first card: 1,050 without the hint,
    // 200 with it (2026-12-06).
    const { context, catalogue } = await signedIn();
    const again = await context.newPage();
    await e2e.browser.startTracing(again, { categories: ['disabled-by-default-v8.compile'] });
    await again.goto(catalogue);
    await again.locator('main ul[aria-label="Products"] li article').first().waitFor();
    const trace = JSON.parse((await e2e.browser.stopTracing()).toString('utf8')) as { traceEvents: { name: string; pid: number; tid: number; args?: { name?: string } }[] };
    const mainThreads = new Set(trace.traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const lazyCompiles = trace.traceEvents.filter((e) => e.name === 'V8.CompileCode' && mainThreads.has(`${e.pid}:${e.tid}`)).length;
    expect(lazyCompiles).toBeGreaterThan(0); // the trace did record them
    expect(lazyCompiles).toBeLessThan(400);
  });
});
