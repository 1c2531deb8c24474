import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';

/**
 * The flags this machine needs (the team guide lists them): no sandbox as root, no background traffic.
 * And no omnibox popup WebUI: Chromium's headless mode (the full browser without a screen) builds
 * the address bar's popup as a WebUI page for every new window, which loads some fifty chrome://
 * modules in a renderer of its own. Measured with test/bench's empty page (CPU time of all
 * Chromium processes, /proc, 15 new tabs, twice): 850-1,030 ms per tab with it, 475-520 ms
 * without. On two cores that work ran beside the page under test and every figure of the bench
 * carried some of it; the end-to-end tests open hundreds of tabs. The page's own behaviour is untouched.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Debian Chromium is missing: apt-get install -y chromium (or set CHROMIUM_PATH)');
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

/**
 * The Chromium an end-to-end run launched once (test/e2e/global-setup.ts), connected to; or one of
 * its own when there is none (`endpoint` undefined). Closing the Browser returned disconnects, which
 * closes the browser contexts this connection opened, and closes a browser launched here.
 */
export function connectChromium(endpoint: string | undefined): Promise<Browser> {
  return endpoint ? chromium.connect(endpoint) : launchChromium();
}

/** Everything the page printed to its console, to assert that no secret ever reached it. */
export interface ConsoleLog {
  lines: string[];
}

export interface PageOptions {
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
  /** The person's locale (navigator.language, Intl's default, Accept-Language); default the browser's. */
  locale?: string;
  /** A touch screen: `(pointer: coarse)` matches, as on a phone or a tablet. */
  hasTouch?: boolean;
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  console: ConsoleLog;
}

/**
 * The screenshots the tests take for people to look at (.test-artifacts/screenshots/) are skipped
 * when SCREENSHOTS=off, as `.ci/run` sets it: nobody looks at a CI machine's files, and a full-page
 * PNG costs Chromium a paint and an encode (views.test.ts alone: 100 s with them, 86 s without).
 * A failed test's own screenshot (`failed-*.png`, e2e-fixture.ts) is taken either way; an element's
 * (`locator.screenshot`) too: they are few and small.
 */
const SKIP_SCREENSHOTS = process.env.SCREENSHOTS === 'off';

function skipScreenshots(page: Page): void {
  const take = page.screenshot.bind(page);
  page.screenshot = (options) =>
    options?.path && !/(^|[\\/])failed-[^\\/]*$/.test(options.path) ? Promise.resolve(Buffer.alloc(0)) : take(options);
}

export async function newPage(browser: Browser, options: PageOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.hasTouch ? { hasTouch: true } : {}),
  });
  if (SKIP_SCREENSHOTS) context.on('page', skipScreenshots);
  const page = await context.newPage();
  const log: ConsoleLog = { lines: [] };
  page.on('console', (msg) => log.lines.push(msg.text()));
  page.on('pageerror', (err) => log.lines.push(`pageerror: ${err.message}`));
  return { context, page, console: log };
}
