/**
 * A shopper on a phone browses the catalogue, the link drops (a train's tunnel), and they tap a
 * product they can see: in the built app against the Goodsie demo store, Chromium's offline
 * emulation. The product's page shows what the catalogue knew of it (name, price) and says the
 * browser is offline; back online the rest comes by itself. Regression: the product screen's code
 * was fetched only at the tap, so offline the tap showed "Part of this app could not be loaded" and
 * nothing of the product. Photographed at 360 and 1280 px (offline-product-open-*.png).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent, photographAtWidths } from '../helpers/e2e-app.ts';
import { BUILD_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: {} });

/** The product screen's built files: its chunk, every chunk it imports (statically, through each other), and their stylesheets. */
function productScreenFiles(): string[] {
  const assets = readdirSync(join(BUILD_DIR, 'assets'));
  const found = new Set(assets.filter((name) => /^ProductView-[\w-]{8}\.(js|css)$/.test(name)));
  expect([...found].some((name) => name.endsWith('.js')), 'the built ProductView chunk').toBe(true);
  const queue = [...found].filter((name) => name.endsWith('.js'));
  for (let next = queue.shift(); next !== undefined && found.size < 100; next = queue.shift()) {
    const code = readFileSync(join(BUILD_DIR, 'assets', next), 'utf8');
    for (const [, imported] of code.matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)) {
      if (imported && !found.has(imported)) {
        found.add(imported);
        queue.push(imported);
      }
    }
  }
  // and the stylesheet of each (a chunk's CSS is fetched before its code runs)
  for (const file of [...found]) {
    const chunk = /^(.+)-[\w-]{8}\.js$/.exec(file)?.[1];
    for (const css of assets) if (chunk && new RegExp(`^${chunk}-[\\w-]{8}\\.css$`).test(css)) found.add(css);
  }
  return [...found];
}

describe('a product tapped once the link has dropped', () => {
  it('shows what the catalogue showed of it and says the browser is offline (not "Part of this app could not be loaded"); back online the rest comes by itself', async () => {
    const { page, context } = await e2e.open({ width: 360, height: 780, hasTouch: true });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const card = page.locator('main ul > li article').nth(1);
    await card.waitFor();
    const name = (await card.locator('h3').innerText()).trim();
    const price = (await card.locator('.now').innerText()).trim();

    // The shopper reads the cards for a moment: whatever the page has fetched by then of the
    // product screen's files (Resource Timing) is all it has once the link drops. A page that never
    // fetches them goes on after 10 s, to show what the tap then shows.
    const files = productScreenFiles();
    await page
      .waitForFunction((files) => files.every((file) => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith(`/assets/${file}`))), files, { timeout: 10_000 })
      .catch(() => undefined);
    await context.setOffline(true);
    await card.getByRole('link').first().tap();

    const main = page.getByRole('main');
    await main.getByRole('heading', { name, level: 1 }).waitFor({ timeout: 10_000 });
    expect(await main.getByText('Part of this app could not be loaded', { exact: false }).count()).toBe(0);
    await main.getByText('Only what the catalogue showed is here', { exact: false }).waitFor();
    await main.getByRole('alert').filter({ hasText: 'This browser is offline' }).waitFor();
    expect(await main.getByText(price, { exact: true }).count()).toBeGreaterThan(0);
    await photographAtWidths(page, 'offline-product-open');

    // Back online, the product's own read is tried again by itself: its description comes.
    await page.setViewportSize({ width: 360, height: 780 });
    await context.setOffline(false);
    await main.getByRole('heading', { name: 'Description', level: 2 }).waitFor();
    expect(await main.getByText('Only what the catalogue showed is here', { exact: false }).count()).toBe(0);
    expect(await main.getByRole('heading', { name, level: 1 }).count()).toBe(1);
  });
});
