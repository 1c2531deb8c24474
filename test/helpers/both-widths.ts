import type { Page } from 'playwright-core';

/** The two widths a screen is looked at and checked in: a phone, and a desktop. */
export const WIDTHS = [360, 1280] as const;

/**
 * Runs `check` at the page's width now, then at the other of {@link WIDTHS} (the same height): one
 * sign-in and one page for both, the viewport resized in between and two frames given for the layout
 * to settle (as auditInLooks does). Starting from the width the page is at, a flow that alternates
 * has each width load a screen in turn. Leaves the page at the other width.
 */
export async function atBothWidths(page: Page, check: (width: number) => Promise<void>): Promise<void> {
  const { width: now, height } = page.viewportSize()!;
  for (const width of now === WIDTHS[0] ? WIDTHS : [...WIDTHS].reverse()) {
    if (width !== page.viewportSize()!.width) {
      await page.setViewportSize({ width, height });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    }
    await check(width);
  }
}
