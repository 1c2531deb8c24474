/**
 * A reload of the catalogue part-way down (issue 15: the person's place survives a reload): the
 * person scrolls until card 90 or so is at the top, reloads the tab, and the bench times navigation
 * start to the list painted at that place (the pages up to it are asked for first, Goodsie's all
 * at once after the first: catalog-place.ts, cursor-pages.ts), and checks each run came back to
 * the same card.
 */
import type { Browser, Page } from 'playwright-core';
import type { AppUnderTest } from '../helpers/e2e-app.ts';
import { addProbe, waitForProbe } from './probes.ts';
import type { Figure } from './report.ts';
import { PICTURES_METHOD, signInToCatalogue } from './signin.ts';
import { summarize } from './stats.ts';

/** The card at the top when the tab is reloaded (about four pages down). */
const TARGET = 90;

/** The first card wholly in view, and how far down the page is. */
function topCard(page: Page): Promise<{ position: number; scrollY: number }> {
  return page.evaluate(() => {
    const item = [...document.querySelectorAll('main ul[aria-label="Products"] > li')].find((li) => li.getBoundingClientRect().top >= 0);
    return { position: Number(item?.getAttribute('aria-posinset') ?? 0), scrollY: Math.round(scrollY) };
  });
}

/** Scrolls (bounded) until card TARGET is at the top of the viewport, the pages up to it loaded. */
async function scrollToTarget(page: Page): Promise<void> {
  for (let step = 0; step < 40; step++) {
    const { position } = await topCard(page);
    if (position >= TARGET) return;
    await page.mouse.wheel(0, 1200);
    await page.waitForTimeout(150);
  }
  throw new Error(`the catalogue did not scroll to card ${TARGET}`);
}

export async function measureReloadPlace(browser: Browser, env: AppUnderTest, runs: number): Promise<Figure[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await addProbe(context);
    const page = await context.newPage();
    await signInToCatalogue(page, env.app.url);
    await scrollToTarget(page);
    // The place is kept a little after the scroll stops (catalog-place.ts).
    await page.waitForTimeout(500);
    const before = await topCard(page);
    const samples: number[] = [];
    const pages: number[] = [];
    let sameCard = 0;
    for (let run = 0; run < runs; run++) {
      let requested = 0;
      const count = (request: { url(): string }) => {
        const url = new URL(request.url());
        // Pages of 24, and a reload's bigger ones (up to 96); not the newest hundred read for the categories.
        if (url.origin === env.store.origin && url.pathname === '/api/v1/products' && url.searchParams.get('count') !== '100') requested++;
      };
      page.on('request', count);
      await page.reload();
      samples.push(await waitForProbe(page, 'firstProductAt'));
      page.off('request', count);
      pages.push(requested);
      if ((await topCard(page)).position === before.position) sameCard++;
      await page.waitForTimeout(500);
    }
    const stats = summarize(samples);
    return [
      {
        id: 'reload.placePainted',
        section: 'warm',
        label: `reload ${before.position - 1} products down: navigation to the list painted at the same card`,
        unit: 'ms',
        value: stats.median,
        stats,
        method: `1280 x 900, the demo store; scrolled until card ${TARGET} or so is at the top, then the tab reloaded ${runs} times; navigation start to the list painted (it shows once the pages up to the place are in); ${PICTURES_METHOD}`,
        note: `back at the same card (${before.position}) in ${sameCard} of ${runs} runs; product requests per reload (pages of 24 to 96): ${[...new Set(pages)].join(', ')}`,
      },
    ];
  } finally {
    await context.close();
  }
}
