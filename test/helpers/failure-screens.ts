/**
 * What the failures-*.test.ts files of test/e2e/ share: a phone-sized page on the file's app, its
 * error screens photographed (.test-artifacts/screenshots/failure-*.png), a failed test's page
 * photographed, and the check that nothing technical reaches the person. The page is the file's own
 * (its module's `page` and `log`, read through `current`): no state is kept here (the e2e files
 * share one module graph, vite.config.ts).
 */
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { ConsoleLog, OpenedPage } from './browser.ts';
import type { E2e } from './e2e-fixture.ts';
import { STORE_NAME, recordCallbacks } from './e2e-app.ts';
import { productCards } from './catalog-grid.ts';
import { SCREENSHOT_DIR } from './paths.ts';

export const CODE_STORE_NAME = `${STORE_NAME} (PKCE)`;

/** Whether `haystack` holds `secret`, as a boolean (so a failing assertion never prints the secret). */
/**
 * Whether this document has fetched the failure parts' chunk (src/lib/components/failure-parts.ts:
 * the banners, the error panels), by Resource Timing: its file and its stylesheet. The catalogue
 * asks for it as its first cards are drawn; a test that then takes the network away waits for it,
 * as a person would have it after a moment on the store's screen.
 */
export function failurePartsFetched(page: Page): Promise<boolean> {
  return page.evaluate(() => ['js', 'css'].every((ext) => performance.getEntriesByType('resource').some((entry) => new RegExp(`/failure-parts-[\\w-]{8}\\.${ext}$`).test(entry.name))));
}

export const holds = (haystack: string, secret: string) => secret !== '' && haystack.includes(secret);

/**
 * A fresh phone-sized browser (360 px wide) on the file's app, optionally with a script run before
 * the app's own, with every redirect the store sends back to the app recorded (the raw callback
 * URLs, secrets included).
 */
export async function openFailurePage(e2e: E2e, initScript?: string): Promise<OpenedPage & { callbacks: string[] }> {
  const opened = await e2e.open({ width: 360, height: 780 });
  if (initScript) await opened.page.context().addInitScript({ content: initScript });
  const callbacks = recordCallbacks(opened.page, e2e.env.app.url);
  await opened.page.goto(e2e.env.app.url);
  return { ...opened, callbacks };
}

export interface FailureScreens {
  /** Photographs the whole page as .test-artifacts/screenshots/failure-`name`.png. */
  shoot(name: string): Promise<void>;
  /** The page's hash, decoded. */
  hash(): string;
  productCards(): Locator;
  /** A store's card on the stores list. */
  storeRow(name: string): Locator;
  /** No stack trace, no raw error text, nothing the person cannot act on. */
  expectNoTechnicalLeak(): Promise<void>;
}

/** Call at the top of the file, after useE2e: registers the photograph of a failed test's page. */
export function useFailureScreens(current: () => { page: Page | undefined; log: ConsoleLog | undefined }): FailureScreens {
  const page = () => current().page!;
  afterEach(async (test) => {
    // A failed test leaves a picture of the page (not its console, which may echo a callback URL).
    const { page } = current();
    if (test.task.result?.state === 'fail' && page) {
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'failure-test-failed.png'), fullPage: true }).catch(() => undefined);
    }
  });
  return {
    async shoot(name) {
      await page().screenshot({ path: join(SCREENSHOT_DIR, `failure-${name}.png`), fullPage: true });
    },
    hash: () => decodeURIComponent(new URL(page().url()).hash),
    productCards: () => productCards(page()),
    storeRow: (name) => page().getByRole('listitem').filter({ has: page().getByRole('heading', { name, exact: true }) }),
    async expectNoTechnicalLeak() {
      const text = await page().locator('body').innerText();
      expect(text.trim().length).toBeGreaterThan(40);
      expect(text).not.toMatch(/\bat \S+ \(|\.js:\d+|TypeError|SyntaxError|ReferenceError|undefined|\[object /);
      expect(current().log!.lines.filter((line) => line.startsWith('pageerror:'))).toEqual([]);
    },
  };
}
