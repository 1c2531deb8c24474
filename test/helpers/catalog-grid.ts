/** The catalogue grid as the end-to-end tests drive it (any platform). */
import type { Locator, Page } from 'playwright-core';

/** The product cards of the catalogue grid. */
export function productCards(page: Page): Locator {
  return page.locator('main ul > li article');
}

/**
 * One step towards the next page: presses Load more when it shows, else scrolls down so the grid
 * loads ahead. Returns the number of cards now, for `expect.poll` to wait on.
 */
export async function stepToNextPage(page: Page): Promise<number> {
  const more = page.getByRole('button', { name: 'Load more' });
  if (await more.isVisible()) await more.click().catch(() => undefined);
  else await page.mouse.wheel(0, 4000);
  return productCards(page).count();
}
