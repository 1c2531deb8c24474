/**
 * Security case 40: a host page that poisons `fetch`, `JSON` or `Array.prototype` before the widget
 * loads. The widget holds nothing but the public storefront token written into the page, so the most
 * such a page can get is what it already has; what must hold is that the widget fails closed: it
 * shows its neutral "unavailable" line and the snippet's own fallback link (or, fed forged products
 * by a poisoned fetch, shows their names as text), runs no script from them, and leaves the host
 * page's own content alone.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import type { StaticServer } from '../helpers/static-server.ts';
import { STORE_NAME } from '../helpers/e2e-app.ts';
import { startWidgetHost, storefrontToken } from '../helpers/widget-host.ts';
import { WIDGET_HEADERS } from '../deploy/csp.ts';

const e2e = useE2e({ app: {} });
let host: StaticServer;
let token: string;

const FALLBACK = `See our products at ${STORE_NAME}`;
/** The widget's deadline for a load (LOAD_TIMEOUT_MS in src/widget/products.ts). */
const LOAD_TIMEOUT_MS = 15_000;

beforeAll(async () => {
  e2e.env.app.setHeaders({ ...WIDGET_HEADERS });
  token = await storefrontToken(e2e, 'poisoned-e2e');
  ({ host } = await startWidgetHost(e2e, 'widget-poisoned-'));
  host.setOverride(
    'page.html',
    () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A poisoned page</title></head><body>
<h1>The host's own heading</h1>
<storefront-products api-base="${e2e.env.store.origin}" token="${token}" limit="6"><a href="${e2e.env.store.origin}/">${FALLBACK}</a></storefront-products>
<p id="after">The host's own text after the widget.</p>
<script src="${e2e.env.app.url}widget.js" defer></script></body></html>`,
  );
});

/** What a host page's own earlier script does to the page's globals, and what the widget then shows. */
const POISONS: Record<string, { script: string; shows: 'unavailable' | 'products'; deadline?: true }> = {
  'fetch that throws': { script: `window.fetch = () => { throw new TypeError('poisoned fetch'); };`, shows: 'unavailable' },
  // ends at the widget's own deadline (LOAD_TIMEOUT_MS), not in an endless spinner, nor before it
  'fetch that never answers': { script: `window.fetch = () => new Promise(() => {});`, shows: 'unavailable', deadline: true },
  'Response.prototype.json that answers forged data': {
    script: `Response.prototype.json = async function () { return { nonsense: [1, 2, 3], products: 'not a list' }; };`,
    shows: 'unavailable',
  },
  // the Goodsie read walks the list with for...of, neither map nor forEach: it just works
  'Array.prototype.map and forEach that throw': {
    script: `Array.prototype.map = function () { throw new Error('poisoned map'); }; Array.prototype.forEach = function () { throw new Error('poisoned forEach'); };`,
    shows: 'products',
  },
  // what the widget does use to check the answer, lying: no product list, so nothing is shown
  'Array.isArray that answers false': { script: `Array.isArray = () => false;`, shows: 'unavailable' },
  // the widget reads JSON through the response itself, never the page's global JSON: it just works
  'JSON.parse and JSON.stringify replaced': {
    script: `JSON.parse = () => { throw new SyntaxError('poisoned JSON'); }; JSON.stringify = () => '{"poisoned":true}';`,
    shows: 'products',
  },
};

describe('a host page that poisons the globals before the widget loads (security case 40)', () => {
  it.each(Object.keys(POISONS))('%s: the widget fails closed or is unaffected, runs nothing, and the host page is untouched', async (name) => {
    const poison = POISONS[name]!;
    const { page } = await e2e.open({ width: 1280 });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.addInitScript({ content: poison.script });
    // The deadline by the page's own clock, moved on by the test: not 15 s of the run's time waited out.
    if (poison.deadline) await page.clock.install();
    await page.goto(`${host.url}page.html`);
    const widget = page.locator('storefront-products');
    const cards = () => widget.evaluate((el) => el.shadowRoot?.querySelectorAll('li').length ?? 0);
    if (poison.shows === 'unavailable') {
      const alert = widget.locator('[role="alert"]');
      if (poison.deadline) {
        // The request is out (the widget says it is busy): a second short of the deadline it still
        // waits; at the deadline it gives up.
        await widget.locator('[aria-busy="true"]').waitFor();
        await page.clock.runFor(LOAD_TIMEOUT_MS - 1000);
        expect(await alert.count()).toBe(0);
        expect(await widget.locator('[aria-busy="true"]').count()).toBe(1);
        await page.clock.runFor(1000);
      }
      await alert.waitFor({ timeout: 25_000 });
      expect(await alert.textContent()).toMatch(/^Products are unavailable right now\./);
      expect(await page.getByRole('link', { name: FALLBACK }).isVisible()).toBe(true);
      expect(await cards()).toBe(0);
    } else {
      await expect.poll(cards, { timeout: 15_000 }).toBeGreaterThan(0);
    }
    expect(await page.getByRole('heading', { name: "The host's own heading" }).isVisible()).toBe(true);
    expect(await page.locator('#after').textContent()).toBe("The host's own text after the widget.");
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `widget-poisoned-${name.replace(/\W+/g, '-')}.png`) });
  });
});
