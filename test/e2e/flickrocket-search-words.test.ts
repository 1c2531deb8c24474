/**
 * A shopper's search on FlickRocket, whose catalogue the app searches itself (platforms.md 3: the
 * store has no text search): the words of the box, in any order, with the quotes people put around
 * a title, each found in the name. The whole string was looked for as typed (shopper QA, s40): "copper
 * blue" and "\"Blue Copper\"" said "No products found" beside a card named "Blue Copper 1139", and
 * two spaces between the words did the same. In Chromium on the built app against the faithful
 * server, at 360 px and 1280 px.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { drawnNames, productCards } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { connectAllowing, useFlickRocketApp } from '../helpers/flickrocket-app.ts';

const { env, openHome } = useFlickRocketApp();

/** Types `words` into the search box and waits for the list to answer: the count line names the search (or, none found, the empty state's heading). */
async function search(page: Page, words: string): Promise<string[]> {
  await page.getByRole('searchbox', { name: 'Search' }).fill(words);
  const typed = `“${words.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ +/g, '\\s+')}”`;
  await page.getByText(new RegExp(`^(\\d[\\d,]* products? matching ${typed}|No products match ${typed})$`)).first().waitFor();
  return (await productCards(page).count()) === 0 ? [] : drawnNames(page);
}

describe('FlickRocket: a shopper’s search', () => {
  it('finds a title from its words in another order, in quotes, or with two spaces between them, at 360 px and 1280 px', async () => {
    const { app } = await env();
    const page = await openHome(360);
    await connectAllowing(page, app);
    await productCards(page).first().waitFor();
    // A title of two words and a number, as the shop's are ("Blue Copper 1139"): the first card's whose words differ.
    const title = (await drawnNames(page)).find((name) => /^(\w+) (?!\1 )\w+ \d+$/.test(name));
    expect(title).toBeDefined();
    const [first, second] = title!.split(' ') as [string, string];

    for (const [width, typed] of [
      [360, `${second.toLowerCase()} ${first.toLowerCase()}`],
      [360, `"${first} ${second}"`],
      [1280, `${first}  ${second}`],
      [1280, `\u201C${second}\u201D ${first}`],
    ] as const) {
      if (page.viewportSize()!.width !== width) await page.setViewportSize({ width, height: 800 });
      const names = await search(page, typed);
      expect(names, typed).toContain(title!);
      // each card shown holds both words
      for (const name of names) expect(name.toLowerCase(), typed).toMatch(new RegExp(`(?=.*${first.toLowerCase()})(?=.*${second.toLowerCase()})`));
      expect(await page.getByText(/^No products match/).count(), typed).toBe(0);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-search-words-${width}-${typed.startsWith('"') ? 'quoted' : typed.includes('  ') ? 'spaces' : 'reversed'}.png` });
    }
    // Words the shop has nowhere still say so, with the words as typed.
    expect(await search(page, `${first} zzz`)).toEqual([]);
    await page.getByRole('heading', { name: `No products match “${first} zzz”` }).waitFor();
  });
});
