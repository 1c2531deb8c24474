/**
 * Where the keyboard's focus goes when what held it goes away, in Chromium against the demo store
 * (the keyboard and screen-reader audit, notes/s23/helper-a11y.md): a retry whose button the
 * screen takes away while it loads (finding 1); what a change of screen says: the page's
 * title, and the name of the main region that takes the focus (finding 3); Load more pressed
 * once the scroll has loaded ahead and pushed it down, out of the grid's window (finding 5); and
 * the way back to the list from a product opened in it, by Back or by the page's link (finding 2).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { loadedProducts, readPlace } from '../helpers/catalog-grid.ts';

let page: Page;

const e2e = useE2e({ app: {} });

/** A fresh browser signed in to the demo store, on its catalogue. */
async function signedIn(): Promise<void> {
  ({ page } = await e2e.open());
  await page.goto(e2e.env.app.url);
  await connectThroughConsent(page, STORE_NAME);
  await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
}

/** What has the focus: its tag and accessible text, or 'body'. */
function focused(): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return !el || el === document.body ? 'body' : `${el.tagName.toLowerCase()}: ${(el.textContent ?? '').trim()}`;
  });
}

/** Every call to the store's API answered 500 until the returned function is called. */
async function storeFails(): Promise<() => Promise<void>> {
  const api = `${e2e.env.store.origin}/api/**`;
  await page.route(api, (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"server_error"}' }));
  return () => page.unroute(api);
}

describe('a retry whose button goes while it loads', () => {
  it('a product and a search: failing again, the focus is on the new Try again; loaded, on the heading or the first product', async () => {
    await signedIn();
    const first = page.locator('main ul > li article').first();
    await first.waitFor();
    const name = (await first.locator('h3').textContent())!.trim();
    const href = (await first.getByRole('link').getAttribute('href'))!;

    const recover = await storeFails();
    await page.goto(`${e2e.env.app.url}${href}`);
    const tryAgain = page.getByRole('alert').getByRole('button', { name: 'Try again' });
    await tryAgain.focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('button: Try again');
    await recover();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await expect.poll(focused).toBe(`h1: ${name}`);

    const fail = await storeFails();
    await page.goto(`${e2e.env.app.url}#/s/demo?q=a`);
    await tryAgain.focus();
    await fail();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toMatch(/^a: /);
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-posinset'))).toBe('1');
  });
});

describe('a read that loads by itself once back online', () => {
  it('a product opened offline: the rest comes once online, the focus left on the screen, and it is said there', async () => {
    await signedIn();
    const cards = page.locator('main ul > li article');
    // The product screen's code comes first (a screen's code offline is another message: failures-app-code.test.ts).
    await cards.nth(1).getByRole('link').click();
    await page.getByRole('form', { name: 'Edit product' }).or(page.getByRole('heading', { name: 'Description' })).first().waitFor();
    await page.goBack();
    await cards.nth(2).waitFor();
    await page.context().setOffline(true);
    await cards.nth(2).getByRole('link').click();
    await page.getByRole('alert').filter({ hasText: 'It is tried again by itself once the browser is back online.' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.context().setOffline(false);
    await page.getByRole('alert').waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Back online: this page has loaded.' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });
});

describe('a change of screen says where the person is', () => {
  it('each screen has its own title and names main by its heading, as it opens and after Back', async () => {
    ({ page } = await e2e.open());
    await page.goto(e2e.env.app.url);
    await page.getByRole('heading', { name: 'Your stores', level: 1 }).waitFor();
    await expect.poll(() => page.title()).toBe('\u2068Your stores\u2069 – \u2068Storefront Connect\u2069');
    expect(await page.getByRole('main', { name: 'Your stores' }).count()).toBe(1);

    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(() => page.title()).toBe(STORE_NAME);
    // Scrolling the list changes main's content at every step; the title, the same, is not set again.
    // (Only the title's changes count: the head also gains the modulepreload links of code fetched
    // ahead once the first cards are drawn, failure-parts.ts, which may land during the scroll.)
    const titleWrites = await page.evaluate(async () => {
      let writes = 0;
      const isTitle = (node: Node | null) => node?.nodeName === 'TITLE' || node?.parentNode?.nodeName === 'TITLE';
      new MutationObserver((records) => {
        for (const record of records) if (isTitle(record.target) || [...record.addedNodes, ...record.removedNodes].some(isTitle)) writes++;
      }).observe(document.head, { childList: true, subtree: true, characterData: true });
      for (let i = 0; i < 10; i++) {
        window.scrollBy(0, 400);
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));
      }
      window.scrollTo(0, 0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return writes;
    });
    expect(titleWrites).toBe(0);

    const first = page.locator('main ul > li article').first();
    const name = (await first.locator('h3').textContent())!.trim();
    await first.getByRole('link').click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await expect.poll(() => page.title()).toBe(`\u2068${name}\u2069 – \u2068${STORE_NAME}\u2069`);
    // the focus the change of screen gave main comes with the product's name
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await page.getByRole('main', { name }).count()).toBe(1);

    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    await expect.poll(() => page.title()).toBe(`\u2068Orders\u2069 – \u2068${STORE_NAME}\u2069`);
    expect(await page.getByRole('main', { name: 'Orders' }).count()).toBe(1);

    await page.goBack();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await expect.poll(() => page.title()).toBe(`\u2068${name}\u2069 – \u2068${STORE_NAME}\u2069`);
    await page.goBack();
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(() => page.title()).toBe(STORE_NAME);
    expect(await page.getByRole('main', { name: STORE_NAME }).count()).toBe(1);

    await page.getByRole('link', { name: 'Storefront Connect' }).click();
    await expect.poll(() => page.title()).toBe('\u2068Your stores\u2069 – \u2068Storefront Connect\u2069');

    // A store whose name in config.json extends its own (the catalogue's heading): that name alone,
    // not "Goodsie Demo Store – Goodsie Demo Store (PKCE)".
    await connectThroughConsent(page, `${STORE_NAME} (PKCE)`);
    await page.getByRole('heading', { name: STORE_NAME, exact: true, level: 1 }).waitFor(); // the store's own name, once its metadata is in
    await page.waitForTimeout(100);
    expect(await page.title()).toBe(`${STORE_NAME} (PKCE)`);
  });
});

describe('Load more from the keyboard', () => {
  it('pressed once a page loaded ahead pushed it down: the first new product is drawn, focused and in view, and the new count is said (the page loaded ahead is not)', async () => {
    await signedIn();
    const more = page.locator('main .more button');
    await more.waitFor();
    const before = await loadedProducts(page);
    // Every text a live region of the page comes to hold from now on, in order.
    await page.evaluate(() => {
      const said: string[] = [];
      (window as unknown as { said: string[] }).said = said;
      new MutationObserver((mutations) => {
        for (const { target } of mutations) {
          const region = (target instanceof Element ? target : target.parentElement)?.closest('[role="status"], [role="alert"], [aria-live]:not([aria-live="off"])');
          const text = region?.textContent?.trim() ?? '';
          if (region?.isConnected && text && said.at(-1) !== text) said.push(text);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const said = () => page.evaluate(() => (window as unknown as { said: string[] }).said);
    // Reaching the button brings the list's end near: the next page loads ahead and pushes it down, out of view.
    await more.focus();
    await expect.poll(() => loadedProducts(page)).toBeGreaterThan(before);
    await expect.poll(() => more.textContent()).toContain('Load more');
    await expect.poll(() => more.evaluate((button) => button.getBoundingClientRect().top > innerHeight)).toBe(true);
    // Nobody asked for that page: its count is shown under the cards, not said over the card being read.
    expect((await said()).filter((words) => /Showing|seen all/.test(words))).toEqual([]);

    // Another page may still land ahead of the press (the button can stay near the end): the count is
    // read in the page at the press itself, not a moment before it (CI saw 72 read, then 96 at the press).
    await page.evaluate(() => {
      document.addEventListener('keydown', (event) => {
        if (event.key !== 'Enter') return;
        const line = document.querySelector('main .more p, main p.end')?.textContent ?? '';
        (window as unknown as { loadedAtPress: number }).loadedAtPress = parseInt(/([\d,]+)/.exec(line)?.[1]?.replaceAll(',', '') ?? '0', 10);
      }, { capture: true, once: true });
    });
    await page.keyboard.press('Enter');
    const loaded = await page.evaluate(() => (window as unknown as { loadedAtPress: number }).loadedAtPress);
    expect(loaded).toBeGreaterThan(before);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-posinset') ?? null)).toBe(String(loaded + 1));
    const box = await page.evaluate(() => {
      const { top, bottom } = document.activeElement!.getBoundingClientRect();
      return { top, bottom, height: innerHeight };
    });
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.height);
    // The page asked for is said once it is in: its count, once (more may have loaded ahead since:
    // any count past the press; those are not said).
    const counts = async () => (await said()).filter((words) => /^Showing [\d,]+ of [\d,]+$/.test(words));
    await expect.poll(async () => (await counts()).length).toBe(1);
    expect(Number(/\d+/.exec((await counts())[0]!)?.[0])).toBeGreaterThan(loaded);
    await page.waitForTimeout(300);
    expect(await counts()).toHaveLength(1);
  });
});

describe('back to the list from a product opened in it', () => {
  it('Back, and the page’s “Back to the catalogue”, return to the same place with the focus on the card that was opened', async () => {
    await signedIn();
    // down the list until the 40th card is drawn (the grid draws the rows near the viewport)
    const card = page.locator('main li[aria-posinset="40"] a');
    const scrollToCard = async () => {
      if ((await card.count()) === 0) await page.mouse.wheel(0, 500);
      return card.count();
    };
    await expect.poll(scrollToCard, { timeout: 10_000 }).toBe(1);
    await card.focus();
    const name = (await card.locator('h3').textContent())!.trim();
    const scrolled = await page.evaluate(() => scrollY);
    expect(scrolled).toBeGreaterThan(1000);
    const onCard = () => page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-posinset') ?? document.activeElement?.tagName);

    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.goBack();
    await expect.poll(onCard).toBe('40');
    expect(Math.abs((await page.evaluate(() => scrollY)) - scrolled)).toBeLessThan(400);

    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    const historyLength = await page.evaluate(() => history.length);
    await page.getByRole('link', { name: '← Back to the catalogue' }).click();
    await expect.poll(onCard).toBe('40');
    expect(Math.abs((await page.evaluate(() => scrollY)) - scrolled)).toBeLessThan(400);
    // still a link: a new history entry, whose Back is the product again
    expect(await page.evaluate(() => history.length)).toBe(historyLength + 1);

    // Back to the product, then Forward to the list the link showed: the same place, the card focused.
    await page.goBack();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.goForward();
    await expect.poll(onCard).toBe('40');
    expect(Math.abs((await page.evaluate(() => scrollY)) - scrolled)).toBeLessThan(400);
  });

  it('the list the page’s link showed, left by Back at once: after a reload, Forward comes back to its place (it came back at the top)', async () => {
    await signedIn();
    const card = page.locator('main li[aria-posinset="40"] a');
    await expect.poll(async () => {
      if ((await card.count()) === 0) await page.mouse.wheel(0, 500);
      return card.count();
    }, { timeout: 10_000 }).toBe(1);
    await card.scrollIntoViewIfNeeded();
    await page.waitForTimeout(400); // the place is kept a little after the scroll stops
    const before = await readPlace(page);
    expect(before.scrollY).toBeGreaterThan(1000);
    const name = (await card.locator('h3').textContent())!.trim();
    await card.click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();

    // The link, then Back in the same task as the list, back at its place, gives the card the
    // focus: before any pause of the page's.
    await page.evaluate(
      () =>
        new Promise<void>((done) => {
          document.addEventListener('focusin', function back(event) {
            if ((event.target as Element).closest('li')?.getAttribute('aria-posinset') !== '40') return;
            document.removeEventListener('focusin', back);
            history.back();
            done();
          });
          [...document.querySelectorAll('a')].find((a) => a.textContent === '← Back to the catalogue')!.click();
        }),
    );
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name, level: 1 }).waitFor();

    await page.goForward();
    await expect.poll(async () => (await readPlace(page)).position, { timeout: 10_000 }).toBe(before.position);
    expect(Math.abs((await readPlace(page)).scrollY - before.scrollY)).toBeLessThan(400);
  });

  it('with a mouse: Back gives the card the focus without a focus ring (as the click left it)', async () => {
    await signedIn();
    const card = page.locator('main li[aria-posinset="5"] a');
    await card.waitFor();
    const name = (await card.locator('h3').textContent())!.trim();
    await card.click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.goBack();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-posinset'))).toBe('5');
    expect(await page.evaluate(() => document.activeElement!.matches(':focus-visible'))).toBe(false);
  });
});
