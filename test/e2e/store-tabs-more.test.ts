/**
 * The store's tabs (Catalogue, Cart, Orders, Coupons, Embed) where they do not fit, in the built app
 * against the local demo store. Regression: at 360 px the row ended at the screen's edge, Coupons cut
 * and Embed out of sight, with no sign of more (a fade of the cut word read as the last tab). Each
 * edge with more beyond it now shows a chevron over a fade, only while the row can scroll that way,
 * and every tab stays a finger tall (44 px). At 1280 px the tabs fit: no chevron. Screenshots at 360,
 * 390 and 1280 px. Regression: a mouse in a narrow window (no swipe) could not reach Embed, the
 * chevrons letting clicks through; a click on one now scrolls the row that way, not opening the tab
 * beneath, smooth unless reduced motion is asked for, and it stays out of the Tab order and the
 * accessibility tree.
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
      // drawn over the row (full height), out of the accessibility tree and the Tab order, a pointer's target at least 24 px
      const target = getComputedStyle(more).pointerEvents !== 'none' && box.width >= 24 && box.height >= 24;
      const drawn = onEdge && Math.abs(box.height - shown.height) < 1 && more.getAttribute('aria-hidden') === 'true' && (more as HTMLElement).tabIndex < 0 && target;
      return drawn ? 'shown' : `misplaced (${Math.round(box.left)}–${Math.round(box.right)} of ${Math.round(shown.left)}–${Math.round(shown.right)})`;
    };
    return { before: at('before'), after: at('after') };
  });

/** The middle of a chevron, where a mouse clicks it. */
const centre = (page: Page, side: 'before' | 'after') =>
  page.locator(`[data-more="${side}"]`).evaluate((more): [number, number] => {
    const box = more.getBoundingClientRect();
    return [box.left + box.width / 2, box.top + box.height / 2];
  });

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

    // a mouse (no swipe) at 360 px: a click on the end's chevron scrolls the row to Embed, not opening
    // the tab beneath; one on the start's chevron scrolls it back
    await page.setViewportSize({ width: 360, height: 800 });
    await nav.evaluate((bar) => bar.scrollTo({ left: 0, behavior: 'instant' }));
    await expect.poll(() => edges(page)).toEqual({ before: 'none', after: 'shown' });
    const at = page.url();
    /** The tab's part clear of the chevrons (0 when out of sight), and how far the row is scrolled. */
    const seen = (name: string) =>
      nav.evaluate((bar, name) => {
        const shown = bar.getBoundingClientRect();
        const tab = [...bar.querySelectorAll('a')].find((link) => link.textContent!.trim() === name)!.getBoundingClientRect();
        return { visible: Math.max(0, Math.min(tab.right, shown.right - 32) - Math.max(tab.left, shown.left + (bar.scrollLeft > 1 ? 32 : 0))) >= tab.width - 1, scrolled: bar.scrollLeft > 1 };
      }, name);
    expect(await seen('Embed')).toEqual({ visible: false, scrolled: false });
    await page.mouse.click(...(await centre(page, 'after')));
    await expect.poll(() => seen('Embed')).toEqual({ visible: true, scrolled: true });
    await expect.poll(() => edges(page)).toEqual({ before: 'shown', after: 'none' });
    expect(page.url()).toBe(at);
    await shot(page, 360, 'clicked-end');
    await page.mouse.click(...(await centre(page, 'before')));
    await expect.poll(() => seen('Catalogue')).toEqual({ visible: true, scrolled: false });
    await expect.poll(() => edges(page)).toEqual({ before: 'none', after: 'shown' });
    expect(page.url()).toBe(at);
    // smooth by default (the row has not moved yet as the click returns); at once with reduced motion
    const movedAtOnce = () => page.locator('[data-more="after"]').evaluate((more) => ((more as HTMLElement).click(), more.parentElement!.querySelector('nav')!.scrollLeft > 1));
    expect(await movedAtOnce()).toBe(false);
    await expect.poll(() => seen('Embed')).toEqual({ visible: true, scrolled: true });
    await nav.evaluate((bar) => bar.scrollTo({ left: 0, behavior: 'instant' }));
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(() => edges(page)).toEqual({ before: 'none', after: 'shown' });
    expect(await movedAtOnce()).toBe(true);
    await page.emulateMedia({ reducedMotion: null });

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
});
