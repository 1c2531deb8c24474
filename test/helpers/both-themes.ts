import type { Page } from 'playwright-core';

/** The two colour schemes a screen is looked at and checked in. */
export const THEMES = ['light', 'dark'] as const;

/**
 * Runs `check` in the colour scheme the page shows now, then in the other of {@link THEMES}: one
 * page (and sign-in) for both, the scheme switched by emulating the media feature (what else the
 * page emulates, such as forced colours, kept) and two frames given for the styles to settle. The
 * app's colours have no transitions, so what is read after those frames is the new theme's.
 * Leaves the page in the other scheme.
 */
export async function inBothThemes(page: Page, check: (colorScheme: (typeof THEMES)[number]) => Promise<void>): Promise<void> {
  const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
  for (const colorScheme of dark ? [...THEMES].reverse() : THEMES) {
    if ((colorScheme === 'dark') !== dark) {
      await page.emulateMedia({ colorScheme });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    }
    await check(colorScheme);
  }
}
