/**
 * The store's tabs (Catalogue, Cart, Orders, Coupons, Embed) where they do not fit, in the built app
 * against the local demo store. Regression: at 360 px the row ended at the screen's edge, Coupons cut
 * and Embed out of sight, with no sign of more (a fade of the cut word read as the last tab). Each
 * edge with more beyond it now shows a chevron over a fade, only while the row can scroll that way;
 * a tap there still goes to the tab beneath, and every tab stays a finger tall (44 px). At 1280 px the
 * tabs fit: no chevron. Screenshots at 360, 390 and 1280 px.
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

    // a tap on a tab's part under the end's chevron opens that tab
    await page.setViewportSize({ width: 360, height: 800 });
    await nav.evaluate((bar) => bar.scrollTo({ left: 0, behavior: 'instant' }));
    await expect.poll(() => edges(page)).toEqual({ before: 'none', after: 'shown' });
    const under = await page.locator('[data-more="after"]').evaluate((more) => {
      const box = more.getBoundingClientRect();
      const link = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.closest('a');
      return link ? { name: link.textContent!.trim(), x: box.left + box.width / 2, y: box.top + box.height / 2 } : null;
    });
    expect(under, 'a tab under the chevron at 360 px').not.toBeNull();
    await page.mouse.click(under!.x, under!.y);
    await expect.poll(() => page.url()).toContain(`/s/demo/${under!.name.toLowerCase()}`);

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
