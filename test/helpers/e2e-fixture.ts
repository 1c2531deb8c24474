/**
 * The one end-to-end fixture: what every file of test/e2e/ needs around its tests. Call `useE2e()`
 * at the top of the file; it registers the hooks: the run's Chromium connected to (fileChromium), the built
 * app served against a demo store when asked (`app`), the screenshots folder made, every page
 * opened through `open()` closed after its test, and everything torn down after the file.
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import type { Browser, Page, Request } from 'playwright-core';
import { connectChromium, newPage, type PageOptions, type OpenedPage } from './browser.ts';
import { startAppUnderTest, type AppOptions, type AppUnderTest } from './e2e-app.ts';
import { SCREENSHOT_DIR } from './paths.ts';

export interface E2eOptions {
  /** Serve the built app against a demo store for the whole file, with these options. */
  app?: AppOptions;
}

export interface E2e {
  readonly browser: Browser;
  /** The app and demo store of the file (only with the `app` option). */
  readonly env: AppUnderTest;
  /** A fresh browser context and page; closed after the test (after the file when opened in beforeAll). */
  open(options?: PageOptions): Promise<OpenedPage>;
  /** An app and demo store for this test alone (closed after it; after the file when started in beforeAll). */
  startApp(options?: AppOptions): Promise<AppUnderTest>;
  /** Something of the file's own (a server, a folder) to tear down after the file. */
  closeAfterAll(close: () => Promise<unknown>): void;
}

/**
 * The file's connection to the Chromium the run launched once (global-setup.ts): its browser
 * contexts are the file's own, closed when it closes the Browser (disconnects).
 */
export function fileChromium(): Promise<Browser> {
  return connectChromium(inject('chromiumEndpoint'));
}

export function useE2e(options: E2eOptions = {}): E2e {
  let browser: Browser | undefined;
  let env: AppUnderTest | undefined;
  const perTest: Array<() => Promise<unknown>> = [];
  const perFile: Array<() => Promise<unknown>> = [];
  let inTest = false;
  /** The pages of the file (opened before its tests) and of the test running, for what they showed when it failed. */
  const filePages: Page[] = [];
  let pages: Page[] = [];

  beforeAll(async () => {
    browser = await fileChromium();
    if (options.app) env = await startAppUnderTest(options.app);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });
  beforeEach(() => {
    inTest = true;
    pages = [];
  });
  afterEach(async ({ task }) => {
    inTest = false;
    // A failure says what was on screen: a timeout's "waiting for the editor" alone does not tell
    // a page still loading from one that went elsewhere (a failure seen only in full runs).
    const error = task.result?.state === 'fail' ? task.result.errors?.[0] : undefined;
    if (error) error.message += await onScreen([...filePages, ...pages], task.name);
    for (const close of perTest.splice(0).reverse()) await close();
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
    // The file's own things last, in reverse order of registration (started later, closed first).
    for (const close of perFile.splice(0).reverse()) await close();
  });

  return {
    get browser() {
      if (!browser) throw new Error('useE2e: the browser is launched in beforeAll; use it inside a test or hook');
      return browser;
    },
    get env() {
      if (!env) throw new Error('useE2e: no app for this file (pass the app option)');
      return env;
    },
    async open(pageOptions) {
      const opened = await newPage(this.browser, pageOptions);
      watchRequests(opened.page);
      (inTest ? pages : filePages).push(opened.page);
      (inTest ? perTest : perFile).push(() => opened.context.close());
      return opened;
    },
    async startApp(appOptions) {
      const started = await startAppUnderTest(appOptions);
      (inTest ? perTest : perFile).push(() => started.close());
      return started;
    },
    closeAfterAll(close) {
      perFile.push(close);
    },
  };
}

/** Each page's requests not yet answered, and those that failed, as `METHOD origin/path` (no query). */
const requestsOf = new WeakMap<Page, { waiting: Map<Request, string>; failed: string[] }>();

function watchRequests(page: Page): void {
  const seen = { waiting: new Map<Request, string>(), failed: [] as string[] };
  requestsOf.set(page, seen);
  const named = (request: Request) => {
    const url = new URL(request.url());
    return `${request.method()} ${url.origin}${url.pathname}`;
  };
  page.on('request', (request) => seen.waiting.set(request, named(request)));
  page.on('requestfinished', (request) => seen.waiting.delete(request));
  page.on('requestfailed', (request) => {
    seen.waiting.delete(request);
    if (seen.failed.length < 10) seen.failed.push(`${named(request)} (${request.failure()?.errorText ?? 'failed'})`);
  });
}

function requestsLine(page: Page): string {
  const seen = requestsOf.get(page);
  if (!seen) return '';
  const waiting = [...seen.waiting.values()].slice(0, 10);
  return `requests waiting: ${waiting.join(', ') || 'none'}; failed: ${seen.failed.join(', ') || 'none'}`;
}

/**
 * What each page of a failed test showed: its address (path and route: never a query, where a
 * callback's code would be), its first lines of text, a screenshot in the screenshots folder, and
 * its requests still waiting for an answer or failed (a screen stuck loading: the store's answer
 * never came, or came and was not drawn).
 */
async function onScreen(pages: readonly Page[], testName: string): Promise<string> {
  const lines: string[] = [];
  for (const [index, page] of pages.entries()) {
    if (page.isClosed()) continue;
    try {
      const url = new URL(page.url());
      const text = await page.locator('body').innerText({ timeout: 2_000 });
      const shot = `${SCREENSHOT_DIR}/failed-${testName.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}-${index}.png`;
      await page.screenshot({ path: shot, timeout: 5_000 });
      lines.push(`page ${index}: ${url.origin}${url.pathname}${url.hash}`, text.split('\n').filter(Boolean).slice(0, 25).join(' | ').slice(0, 1_500), requestsLine(page), `(${shot})`);
    } catch {
      lines.push(`page ${index}: not readable`);
    }
  }
  return lines.length ? `\n\nOn screen when it failed:\n${lines.join('\n')}` : '';
}
