/**
 * A catalogue of a few thousand products with the keyboard alone (no click, no wheel), in Chromium
 * against the demo store, read as a screen reader reads it (aria-posinset, the focused element).
 * The grid keeps only the cards near the viewport in the DOM: Tab must still go from one product to
 * the next, whatever the window has drawn, and the focus must not fall to the page's body when the
 * list it was in is replaced. Screenshots of the focus: .test-artifacts/screenshots/keyboard-long-list-*.png.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { loadedProducts } from '../helpers/catalog-grid.ts';

const e2e = useE2e({ app: { store: { productCount: 3000 } } });

async function signedIn(width: number, height: number): Promise<Page> {
  const { page } = await e2e.open({ width, height });
  await page.goto(e2e.env.app.url);
  await connectThroughConsent(page, STORE_NAME);
  await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
  await page.locator('main li[aria-posinset="1"] a').waitFor();
  return page;
}

/** The product whose card has the focus (its aria-posinset), else what has it: 'main', 'body', a button's text. */
function focusedAt(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return el.closest('li[aria-posinset]')?.getAttribute('aria-posinset') ?? (el.id || (el.textContent ?? '').trim());
  });
}

/** From the search box, Tab into the list until the card of product `position` has the focus. */
async function tabToCard(page: Page, position: number): Promise<void> {
  await page.locator('#catalog-search').focus();
  for (let i = 0; i < position + 5 && (await focusedAt(page)) !== String(position); i++) await page.keyboard.press('Tab');
  expect(await focusedAt(page)).toBe(String(position));
}

/**
 * Waits until a key's scroll is over (Chromium animates Home, End and Page Down) and the grid has
 * drawn the rows it ends at: the same place and cards at two readings a frame apart.
 */
async function scrollSettled(page: Page): Promise<void> {
  const read = () => page.evaluate(() => `${scrollY} ${[...document.querySelectorAll('main ul[aria-label="Products"] > li')].map((li) => li.getAttribute('aria-posinset')).join()}`);
  const frames = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await expect.poll(async () => {
    const before = await read();
    await frames();
    return before === (await read());
  }, { timeout: 10_000 }).toBe(true);
}

/**
 * Where the card of product `position` is drawn (px from the grid's top-left), and where its cell is
 * by the cards drawn in the grid's flow: their columns, width and row pitch.
 */
function cellOf(page: Page, position: number) {
  return page.evaluate((position) => {
    const list = document.querySelector('main ul[aria-label="Products"]')!;
    const origin = list.getBoundingClientRect();
    const flow = [...list.children].filter((li) => !li.classList.contains('pinned')).map((li) => ({ index: Number(li.getAttribute('aria-posinset')) - 1, box: li.getBoundingClientRect() }));
    const columns = flow.filter((c) => c.box.top === flow[0]!.box.top).length;
    const first = flow[0]!;
    const pitch = { x: flow[1]!.box.left - first.box.left, y: flow[columns]!.box.top - first.box.top };
    const row = (i: number) => Math.floor(i / columns);
    const li = list.querySelector(`li[aria-posinset="${position}"]`)!;
    const box = li.getBoundingClientRect();
    const round = (n: number) => Math.round(n);
    return {
      pinned: li.classList.contains('pinned'),
      columns,
      box: { left: round(box.left - origin.left), top: round(box.top - origin.top), width: round(box.width) },
      expected: {
        left: round(((position - 1) % columns) * pitch.x),
        top: round(first.box.top - origin.top + (row(position - 1) - row(first.index)) * pitch.y),
        width: round(first.box.width),
      },
    };
  }, position);
}

const shoot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `keyboard-long-list-${name}.png`) });

describe('a long catalogue with the keyboard', () => {
  it('at 360 px, Tab goes through every product in order even where the window has not followed the focus yet', async () => {
    const page = await signedIn(360, 740);
    const loaded = await loadedProducts(page);
    expect(loaded).toBeGreaterThanOrEqual(24);
    // The window follows the scroll a frame after it (requestAnimationFrame): Tab held down, or a
    // slow phone, presses faster than that. Held here for good by running no animation-frame
    // callback from now on: what Tab reaches is then only what the grid drew for the focus itself.
    await page.evaluate(() => (window.requestAnimationFrame = () => 0));
    await tabToCard(page, 1);
    const drawn = await page.locator('main ul[aria-label="Products"] > li').count();
    expect(drawn).toBeLessThan(loaded - 2);
    const reached: string[] = [];
    for (let i = 0; i < loaded - 1; i++) {
      await page.keyboard.press('Tab');
      reached.push(await focusedAt(page));
    }
    // Each press the next product, none skipped, never out of the list to Load more.
    expect(reached).toEqual(Array.from({ length: loaded - 1 }, (_, i) => String(i + 2)));
    await shoot(page, '360-tab');
  });

  it('at 1280 px, Tab and Shift+Tab from a card scrolled far away go to the products beside it, in either direction', async () => {
    const page = await signedIn(1280, 900);
    // Below the window: a card some rows down, then Home. Tab left the list for Load more at its far end.
    await tabToCard(page, 45);
    await page.keyboard.press('Home');
    await scrollSettled(page);
    expect(await page.evaluate(() => scrollY)).toBe(0);
    // The window has followed the scroll: the card is drawn on its own, out of it (pinned).
    await expect.poll(() => page.locator('main li[aria-posinset="45"]').evaluate((li) => li.classList.contains('pinned'))).toBe(true);
    await shoot(page, '1280-scrolled-away');
    await page.keyboard.press('Tab');
    expect(await focusedAt(page)).toBe('46');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedAt(page)).toBe('45');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedAt(page)).toBe('44');
    await shoot(page, '1280-back-at-44');

    // Above the window: the second card, then End (pages load ahead as the list's end comes near).
    await page.keyboard.press('Home');
    await scrollSettled(page);
    await tabToCard(page, 2);
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('End');
      await scrollSettled(page);
    }
    expect(await page.locator('main li[aria-posinset="2"]').evaluate((li) => li.classList.contains('pinned'))).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await focusedAt(page)).toBe('1');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedAt(page)).toBe('3');
    // In view again, and shown as focused.
    const box = await page.evaluate(() => document.activeElement!.getBoundingClientRect().toJSON() as DOMRect);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(900);
    expect(await page.evaluate(() => document.activeElement!.matches(':focus-visible'))).toBe(true);
  });

  it('a card scrolled away keeps its own cell when the columns change (zoomed in: 1280 px shown as 640), as wide as the others', async () => {
    const page = await signedIn(1280, 900);
    await tabToCard(page, 45);
    await page.keyboard.press('Home');
    await scrollSettled(page);
    const before = await cellOf(page, 45);
    expect(before).toMatchObject({ pinned: true, columns: 6 });
    expect(before.box).toEqual(before.expected);
    // 200 % zoom: the page is 640 CSS px wide, in fewer and wider columns.
    await page.setViewportSize({ width: 640, height: 900 });
    await expect.poll(async () => (await cellOf(page, 45)).columns).toBeLessThan(6);
    await scrollSettled(page);
    const after = await cellOf(page, 45);
    expect(after.pinned).toBe(true);
    expect(after.box).toEqual(after.expected);
    await page.keyboard.press('Tab');
    expect(await focusedAt(page)).toBe('46');
  });

  describe('Tab reaching Load more before the last page of a search: the button goes as the page lands', () => {
    /** Searches "mug" (59 products: pages 0 to 2 of 24) with its last page held, Tabs to Load more, and lets the page go with `answer`. */
    async function onLoadMoreAsLastPageLands(answer: 'continue' | 'fail'): Promise<Page> {
      const page = await signedIn(1280, 900);
      let release = () => {};
      const held = new Promise<void>((done) => (release = done));
      const lastPage = (url: URL) => url.pathname === '/api/v1/products' && url.searchParams.get('q') === 'mug' && url.searchParams.get('page') === '2';
      await page.route(lastPage, async (route) => {
        await held;
        await (answer === 'continue' ? route.continue() : route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"server_error"}' }));
      });
      await page.locator('#catalog-search').focus();
      await page.keyboard.type('mug');
      await page.getByRole('status').filter({ hasText: /^59 products matching “mug”$/ }).waitFor();
      await expect.poll(() => loadedProducts(page)).toBe(48);
      const onMore = () => page.evaluate(() => document.activeElement?.matches('#main .more button') ?? false);
      for (let i = 0; i < 60 && !(await onMore()); i++) await page.keyboard.press('Tab');
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Loading more…');
      release();
      return page;
    }

    it('the last page: its first product takes the focus (it fell to the page’s body)', async () => {
      const page = await onLoadMoreAsLastPageLands('continue');
      await page.getByText('You have seen all 59 products.').first().waitFor();
      await expect.poll(() => focusedAt(page)).toBe('49');
      // Load more went from under the focus: why is said (a status filled after the focus moved)
      await page.getByRole('status').filter({ hasText: /^You have seen all 59 products\.$/ }).waitFor();
      await shoot(page, '1280-after-last-page');
    });

    it('a page that fails: its panel’s Load more takes the focus', async () => {
      const page = await onLoadMoreAsLastPageLands('fail');
      const retry = page.locator('#main [data-retry]');
      await retry.waitFor();
      await expect.poll(() => retry.evaluate((button) => button === document.activeElement)).toBe(true);
      expect(await retry.textContent()).toBe('Load more');
    });
  });

  it('Back and Forward between a search’s results and the list, from a card: the focus goes to main, not the page’s body', async () => {
    const page = await signedIn(1280, 900);
    await page.locator('#catalog-search').focus();
    await page.keyboard.type('mug');
    await page.getByRole('status').filter({ hasText: /matching “mug”/ }).waitFor();
    await tabToCard(page, 3);

    // Back (Alt+Left: the browser's own key, not the page's, so pressed here as the browser would).
    await page.goBack();
    await page.getByRole('status').filter({ hasText: /^[\d,]+ products$/ }).waitFor();
    await expect.poll(() => focusedAt(page)).toBe('main');
    // main is named by the store's heading: what a screen reader says as it takes the focus.
    expect(await page.getByRole('main', { name: STORE_NAME }).count()).toBe(1);
    await page.waitForTimeout(300);
    expect(await focusedAt(page)).toBe('main');
    // The next Tab goes on inside main, not from the top of the page.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);

    // Forward to the results, from a card of the list.
    await tabToCard(page, 2);
    await page.goForward();
    await page.getByRole('status').filter({ hasText: /matching “mug”/ }).waitFor();
    await expect.poll(() => focusedAt(page)).toBe('main');
    await shoot(page, '1280-after-forward');
  });
});
