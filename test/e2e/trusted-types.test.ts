/**
 * Trusted Types, enforced by the shipped Content-Security-Policy (`require-trusted-types-for
 * 'script'`, `trusted-types` naming the app's policies: test/deploy/csp.ts, src/lib/shared/trusted-types.ts),
 * in the built app served with the headers `npm run csp` writes: a string put into a DOM XSS sink
 * is refused and reported; the main flows run with none refused; and the walk of those flows
 * reports a violation as soon as one policy the app needs is left out of the allow-list.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, answerConsent, connectThroughConsent, deploymentHeaders } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { TRUSTED_TYPES_POLICIES } from '../../src/lib/shared/trusted-types.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'admin'] } });

/** Records every `securitypolicyviolation` of the page as "directive blocked sample", from before the app's first script. */
const RECORD_VIOLATIONS = `window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI + ' ' + e.sample + (e.sourceFile ? ' (' + e.sourceFile.replace(/^.*\\//, '') + ':' + e.lineNumber + ')' : '')));`;

interface Watched {
  page: Page;
  /** The violations the page recorded so far. */
  violations(): Promise<string[]>;
  /** The app's console errors, the page's uncaught errors, and any console line of the app's about the policy. */
  errors: string[];
  /** The addresses of the workers the page started. */
  workers: string[];
}

async function openWatched(appOrigin: string, width = 1280): Promise<Watched> {
  const { page } = await e2e.open({ width, height: 900 });
  await page.addInitScript({ content: RECORD_VIOLATIONS });
  const errors: string[] = [];
  const workers: string[] = [];
  page.on('console', (message) => {
    // The app's own (not the store's consent page: another site's, whose console is not the app's).
    if (!message.location().url.startsWith(appOrigin)) return;
    if (message.type() === 'error' || /Trusted ?Type|Content Security Policy/i.test(message.text())) errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('worker', (worker) => workers.push(worker.url()));
  const violations = () => page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
  return { page, violations, errors, workers };
}

/**
 * The main flows: the stores list, sign-in and the catalogue, a product page with the merchant's
 * HTML, the editor's live preview of HTML typed into the description, a store page, and the embed
 * screen's live preview (the real widget, under the app's own policy).
 */
async function walk({ page }: Watched, appUrl: string, shots = ''): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole('heading', { name: 'Your stores' }).waitFor();
  await connectThroughConsent(page, STORE_NAME);
  await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
  await expect.poll(() => page.locator('main ul > li article img').count()).toBeGreaterThan(3);

  await page.locator('main ul > li article').nth(1).getByRole('link').first().click();
  await page.getByRole('heading', { name: 'Description' }).waitFor();
  // The merchant's HTML, sanitized, as nodes: its list and its link (to the store's own page) are there.
  const description = page.locator('.merchant-html').first();
  await description.locator('li', { hasText: 'Designed in small batches' }).waitFor();
  expect(new URL((await description.getByRole('link', { name: 'shipping page' }).getAttribute('href'))!).origin).toBe(e2e.env.store.origin);
  if (shots) await page.screenshot({ path: `${SCREENSHOT_DIR}/trusted-types-product-${shots}.png`, fullPage: true });

  const editor = page.getByRole('form', { name: 'Edit product' });
  await page.getByRole('button', { name: 'Edit this product' }).click();
  const field = editor.getByRole('textbox', { name: 'Description' });
  await field.fill(`<p>Now <strong>with</strong> a <a href="${e2e.env.store.origin}/pages/about">story</a>.</p><script>alert(1)</script>`);
  const preview = editor.locator('details.preview');
  if (!(await preview.evaluate((details) => (details as HTMLDetailsElement).open))) await preview.locator('summary').click();
  await preview.locator('.merchant-html strong', { hasText: 'with' }).waitFor();
  expect(await preview.locator('.merchant-html').innerHTML()).not.toMatch(/onerror|<script/);
  if (shots) {
    await preview.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/trusted-types-editor-${shots}.png` });
  }

  await page.goto(`${appUrl}#/s/demo/pages/about`);
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Loading' }).waitFor();
  await page.locator('main .merchant-html').first().waitFor();

  await page.getByRole('link', { name: 'Embed' }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  // Signed in to manage the store, the snippet needs an access of its own that can only show products.
  await page.getByRole('button', { name: 'Get show-only access' }).click();
  await answerConsent(page);
  // The live preview: the real widget drew the store's products.
  await expect.poll(() => page.locator('storefront-products .card').count()).toBeGreaterThan(0);
  if (shots) await page.screenshot({ path: `${SCREENSHOT_DIR}/trusted-types-embed-${shots}.png`, fullPage: true });
}

describe('Trusted Types under the shipped Content-Security-Policy', () => {
  it('are enforced: a string put into innerHTML, a script’s or a worker’s address, or a policy not listed or made twice is refused with a TypeError, and reported', async () => {
    const watched = await openWatched(e2e.env.app.origin);
    const { page } = watched;
    const response = await page.goto(e2e.env.app.url);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).toContain(`trusted-types ${TRUSTED_TYPES_POLICIES.join(' ')}`);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    const outcomes = await page.evaluate(() => {
      const attempt = (what: () => unknown) => {
        try {
          what();
          return 'done';
        } catch (error) {
          return (error as Error).name;
        }
      };
      const tt = (window as unknown as { trustedTypes: { createPolicy(name: string, rules: object): unknown } }).trustedTypes;
      return {
        innerHTML: attempt(() => (document.createElement('div').innerHTML = '<img src=x onerror=alert(1)>')),
        scriptSrc: attempt(() => (document.createElement('script').src = 'https://evil.example/x.js')),
        worker: attempt(() => new Worker('data:text/javascript,postMessage(1)')),
        unlisted: attempt(() => tt.createPolicy('anything', { createHTML: (s: string) => s })),
        defaultPolicy: attempt(() => tt.createPolicy('default', { createHTML: (s: string) => s })),
        // Svelte's, made as the app loaded: a second one of that name is refused (no 'allow-duplicates').
        twice: attempt(() => tt.createPolicy('svelte-trusted-html', { createHTML: (s: string) => s })),
      };
    });
    expect(outcomes).toEqual({ innerHTML: 'TypeError', scriptSrc: 'TypeError', worker: 'TypeError', unlisted: 'TypeError', defaultPolicy: 'TypeError', twice: 'TypeError' });
    await expect.poll(() => watched.violations()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^require-trusted-types-for trusted-types-sink Element innerHTML\|/),
        expect.stringMatching(/^require-trusted-types-for trusted-types-sink HTMLScriptElement src\|/),
        expect.stringMatching(/^require-trusted-types-for trusted-types-sink Worker constructor\|/),
        expect.stringMatching(/^trusted-types trusted-types-policy anything( |$)/),
        expect.stringMatching(/^trusted-types trusted-types-policy default( |$)/),
        expect.stringMatching(/^trusted-types trusted-types-policy svelte-trusted-html( |$)/),
      ]),
    );
  });

  it.each([360, 1280])('at %i px, the stores list, sign-in, the catalogue, a product’s HTML, the editor’s preview, a store page and the widget’s preview run with no violation, and the price-format worker starts', async (width) => {
    const watched = await openWatched(e2e.env.app.origin, width);
    await walk(watched, e2e.env.app.url, String(width));
    expect(await watched.violations()).toEqual([]);
    expect(watched.errors).toEqual([]);
    // One per load of the app (the first visit, and the two returns from the store's consent page).
    expect(watched.workers.length).toBeGreaterThan(0);
    for (const url of watched.workers) expect(new URL(url).pathname).toMatch(/^\/shops\/demo\/assets\/price-format\.worker-[\w-]+\.js$/);
  });

  it.each(TRUSTED_TYPES_POLICIES.map((name) => [name]))('reports a violation in the walk when %s is left out of the allow-list', async (name) => {
    const env = await e2e.startApp({ defaultScopes: ['storefront', 'admin'] });
    const headers = deploymentHeaders({ stores: env.stores });
    headers['Content-Security-Policy'] = headers['Content-Security-Policy']!.replace(` ${name}`, '');
    expect(headers['Content-Security-Policy']).not.toContain(name);
    env.app.setHeaders(headers);
    const watched = await openWatched(env.app.origin);
    // Without Svelte's policy the app cannot draw at all, without DOMPurify's no description shows:
    // the walk stops where it waits for what is missing (5 s at most).
    watched.page.setDefaultTimeout(5_000);
    await walk(watched, env.app.url).catch(() => undefined);
    await expect.poll(() => watched.violations()).toContainEqual(expect.stringMatching(new RegExp(`^trusted-types trusted-types-policy ${name}( |$)`)));
  });
});
