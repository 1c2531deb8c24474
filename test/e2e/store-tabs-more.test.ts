/**
 * The store's tabs (Catalogue, Cart, Orders, Coupons, Embed) where they do not fit, in the built app
 * against the local demo store. Regression: at 360 px the row ended at the screen's edge, Coupons cut
 * and Embed out of sight, with no sign of more (a fade of the cut word read as the last tab). Each
 * edge with more beyond it now shows a chevron over a fade, only while the row can scroll that way;
 * a tap there still goes to the tab beneath (views.test.ts, "a tap on the visible part…"), and every
 * tab stays a finger tall (44 px). At 1280 px the tabs fit: no chevron. Screenshots at 360, 390 and
 * 1280 px. Regression: a mouse in a narrow window (no swipe, no trackpad) could not reach Embed, its
 * click on the chevron opening the tab beneath; it now scrolls the row a screenful that way, while a
 * finger's tap at the same spot, on the same touch-screen laptop, still opens that tab.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart', 'admin'] } });

/** Which chevrons are drawn, and where: each at its edge of the tabs' row, none once there is nothing more that way. */
const edges = (page: Page) =>
  page.getByRole('navigation', { name: 'Store', exact: true }).evaluate((nav) => {
    const shown = nav.getBoundingClientRect();
    const at = (side: string) => {
      const more = nav.parentElement?.querySelector(`[data-more="${side}"]`);
      const box = more?.getBoundingClientRect();
      if (!more || !box || box.width === 0 || getComputedStyle(more).display === 'none') return 'none';
      const onEdge = side === 'before' ? Math.abs(box.left - shown.left) < 1 : Math.abs(box.right - shown.right) < 1;
      // drawn over the row (full height), out of the accessibility tree, letting taps through
      const drawn = onEdge && Math.abs(box.height - shown.height) < 1 && more.getAttribute('aria-hidden') === 'true' && getComputedStyle(more).pointerEvents === 'none';
      return drawn ? 'shown' : `misplaced (${Math.round(box.left)}–${Math.round(box.right)} of ${Math.round(shown.left)}–${Math.round(shown.right)})`;
    };
    return { before: at('before'), after: at('after') };
  });

/** The middle of a chevron, where a mouse clicks it, and the tab drawn beneath that point. */
const chevronAt = (page: Page, side: 'before' | 'after') =>
  page.locator(`[data-more="${side}"]`).evaluate((more) => {
    const box = more.getBoundingClientRect();
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    return { x, y, beneath: document.elementFromPoint(x, y)?.closest('a')?.textContent?.trim() ?? null };
  });

/** Whether a tab is wholly clear of the chevrons (2rem at each edge with more beyond it), and whether the row is scrolled. */
const seen = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Store', exact: true }).evaluate((bar, name) => {
    const shown = bar.getBoundingClientRect();
    const tab = [...bar.querySelectorAll('a')].find((link) => link.textContent!.trim() === name)!.getBoundingClientRect();
    const clear = tab.left >= shown.left + (bar.scrollLeft > 1 ? 32 : 0) - 0.5 && tab.right <= shown.right - (bar.scrollLeft + bar.clientWidth < bar.scrollWidth - 1 ? 32 : 0) + 0.5;
    return { visible: clear, scrolled: bar.scrollLeft > 1 };
  }, name);

/** Counts the row's scroll events from now; read() gives how many, once the row has come to rest. */
const countScrolls = (page: Page) =>
  page.getByRole('navigation', { name: 'Store', exact: true }).evaluate((bar) => {
    const counter = { count: 0 };
    (window as unknown as { scrolls: typeof counter }).scrolls = counter;
    bar.addEventListener('scroll', () => counter.count++);
  });
const scrollsCounted = (page: Page) => page.evaluate(() => (window as unknown as { scrolls: { count: number } }).scrolls.count);

const shot = (page: Page, width: number, name: string) =>
  page.screenshot({ path: `${SCREENSHOT_DIR}/store-tabs-more-${name}-${width}.png`, clip: { x: 0, y: 0, width, height: 160 } });

describe('the store’s tabs where they do not fit', () => {
  it('show a chevron at each edge with more beyond it (at 360 and 390 px), follow the scrolling and the current tab, keep a finger’s height; none at 1280 px', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Store', exact: true });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Catalogue', 'Cart', 'Orders', 'Coupons', 'Embed']);

    for (const width of [360, 390]) {
      await page.setViewportSize({ width, height: 800 });
      await nav.evaluate((bar) => bar.scrollTo({ left: 0, behavior: 'instant' }));
      // from the start of the row: more after it, nothing before
      await expect.poll(() => edges(page)).toEqual({ before: 'none', after: 'shown' });
      await shot(page, width, 'start');
      // the tabs a finger tall
      expect(await nav.getByRole('link').evaluateAll((links) => links.filter((link) => link.getBoundingClientRect().height < 44).map((link) => link.textContent!.trim()))).toEqual([]);
      // scrolled to its end (a swipe): more before it, nothing after
      await nav.evaluate((bar) => bar.scrollTo({ left: bar.scrollWidth, behavior: 'instant' }));
      await expect.poll(() => edges(page)).toEqual({ before: 'shown', after: 'none' });
      await shot(page, width, 'end');
    }

    // the last tab's screen reached by its address: Embed in view, the chevron before it
    await page.goto(`${e2e.env.app.url}#/s/demo/embed`);
    await page.getByRole('heading', { name: /^Embed/, level: 1 }).waitFor();
    await expect.poll(() => edges(page)).toEqual({ before: 'shown', after: 'none' });
    await shot(page, 360, 'embed');

    // where the tabs fit, no chevron
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => edges(page)).toEqual({ before: 'none', after: 'none' });
    await shot(page, 1280, 'embed');
  });

  // 360 px, and 420 px: a desktop window that narrow (a side panel, a zoomed page), the tabs not fitting below 440 px
  it.each([360, 420])('at %i px, a mouse click on a shown chevron scrolls the row a screenful that way, not opening the tab beneath; a tap there, on the same touch-screen laptop, still opens it', async (width) => {
    // a narrow window on a laptop with a touch screen: a mouse and a finger both, (pointer: coarse) matching
    const { page } = await e2e.open({ width, height: 800, hasTouch: true });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Store', exact: true });
    const at = page.url();
    await expect.poll(() => edges(page)).toEqual({ before: 'none', after: 'shown' });
    expect(await seen(page, 'Embed')).toEqual({ visible: false, scrolled: false });
    const end = await chevronAt(page, 'after');
    expect(end.beneath, 'a tab under the end’s chevron').not.toBeNull();

    // the mouse over the chevron: the pointer a hand, the chevron in the accent's colour
    await page.mouse.move(end.x, end.y);
    await expect.poll(() => nav.evaluate((bar) => getComputedStyle(bar).cursor)).toBe('pointer');
    await shot(page, width, 'mouse-over-end');

    // the click: smooth (more than one scroll event on the way), Embed clear of the chevrons, the
    // address unchanged (the tab beneath not opened, nor focused)
    await countScrolls(page);
    await page.mouse.click(end.x, end.y);
    await expect.poll(() => seen(page, 'Embed')).toEqual({ visible: true, scrolled: true });
    await expect.poll(() => edges(page)).toEqual({ before: 'shown', after: 'none' });
    expect(page.url()).toBe(at);
    expect(await page.evaluate(() => document.activeElement?.closest('nav') ?? null)).toBeNull();
    expect(await scrollsCounted(page)).toBeGreaterThan(1);
    await shot(page, width, 'clicked-end');

    // back with the start's chevron; with reduced motion, at once (one scroll event)
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await countScrolls(page);
    const start = await chevronAt(page, 'before');
    await page.mouse.click(start.x, start.y);
    await expect.poll(() => seen(page, 'Catalogue')).toEqual({ visible: true, scrolled: false });
    await expect.poll(() => edges(page)).toEqual({ before: 'none', after: 'shown' });
    expect(await scrollsCounted(page)).toBe(1);
    expect(page.url()).toBe(at);

    // a finger's tap on the same chevron opens the tab beneath, as on a phone
    const again = await chevronAt(page, 'after');
    expect(again.beneath).toBe(end.beneath);
    await page.touchscreen.tap(again.x, again.y);
    await expect.poll(() => page.url()).toContain(`/s/demo/${end.beneath!.toLowerCase()}`);
  });
});
