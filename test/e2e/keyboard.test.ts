/**
 * The app with the keyboard alone, in Chromium against the demo store: Tab, Shift+Tab, Enter and
 * the arrow keys, never the mouse (no click of any kind). From the stores list through the store's
 * consent page, to the search box, a product and back, the category filter and the skip link;
 * every control reached shows where the focus is (.test-artifacts/screenshots/keyboard-focus-*.png).
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

let page: Page;

const e2e = useE2e({ app: {} });

/** What has the focus, and whether it shows it. */
interface Focused {
  tag: string;
  id: string;
  /** aria-label, else the text (visually hidden parts included), whitespace collapsed. */
  name: string;
  inMain: boolean;
  inProductCard: boolean;
  /** An outline (not 'none', wider than 0) or a box-shadow. */
  indicator: boolean;
  /** The focused element's box lies inside the viewport. */
  onScreen: boolean;
  /** The outline reaches past the edge of an ancestor that clips (overflow other than visible). */
  outlineClipped: boolean;
}

function readFocus(): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) {
      return { tag: 'body', id: '', name: '', inMain: false, inProductCard: false, indicator: false, onScreen: false, outlineClipped: false };
    }
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    const box = el.getBoundingClientRect();
    // Where the outline ends, and whether a clipping ancestor's padding box cuts it off.
    const reach = outline ? Math.max(0, parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth)) : 0;
    let outlineClipped = false;
    for (let p = el.parentElement; p && p !== document.body && reach > 0; p = p.parentElement) {
      const ps = getComputedStyle(p);
      if (ps.overflowX === 'visible' && ps.overflowY === 'visible') continue;
      const pb = p.getBoundingClientRect();
      const left = pb.left + parseFloat(ps.borderLeftWidth);
      const top = pb.top + parseFloat(ps.borderTopWidth);
      const right = pb.right - parseFloat(ps.borderRightWidth);
      const bottom = pb.bottom - parseFloat(ps.borderBottomWidth);
      const slack = 0.5;
      if (
        box.left - reach < left - slack ||
        box.top - reach < top - slack ||
        box.right + reach > right + slack ||
        box.bottom + reach > bottom + slack
      ) {
        outlineClipped = true;
      }
    }
    return {
      outlineClipped,
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name: (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      inMain: el.closest('main') !== null,
      inProductCard: el.closest('main ul > li article') !== null,
      indicator: outline || shadow,
      onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
    };
  });
}

/** Presses Tab (or Shift+Tab) at most `max` times until the focused element is the one wanted. */
async function tabTo(what: string, wanted: (f: Focused) => boolean, max = 40, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const focused = await readFocus();
    if (wanted(focused)) return focused;
    seen.push(`${focused.tag}:${focused.name.slice(0, 30)}`);
  }
  throw new Error(`${key} did not reach ${what} in ${max} presses; it went through: ${seen.join(' | ')}`);
}

function expectVisibleFocus(focused: Focused, what: string): void {
  expect(focused.indicator, `${what} shows no focus indicator`).toBe(true);
  expect(focused.onScreen, `${what} is focused off screen`).toBe(true);
  expect(focused.outlineClipped, `${what}'s focus outline is cut off by a parent that clips`).toBe(false);
}

/** The viewport with the focused control, to be looked at. */
async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `keyboard-focus-${name}.png`) });
}

const hash = () => decodeURIComponent(new URL(page.url()).hash);
const cards = () => page.locator('main ul > li article');

it('connects, searches, opens a product and comes back, filters, and skips to the content with the keyboard alone', async () => {
  ({ page } = await e2e.open());
  await page.goto(e2e.env.app.url);
  await page.getByRole('heading', { name: 'Your stores', level: 1 }).waitFor();

  // The stores list: Tab to Connect, Enter.
  const connect = await tabTo('Connect', (f) => f.tag === 'button' && f.name === `Connect ${STORE_NAME}`);
  expectVisibleFocus(connect, 'Connect');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname.startsWith('/oauth2/'));

  // The store's consent page: Tab to Allow, Space.
  await page.getByRole('button', { name: 'Allow', exact: true }).waitFor();
  const allow = await tabTo('Allow', (f) => f.tag === 'button' && f.name === 'Allow', 10);
  expectVisibleFocus(allow, 'Allow');
  await page.keyboard.press('Space');
  await page.waitForURL((url) => url.origin === e2e.env.app.origin);
  await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
  await expect.poll(() => cards().count()).toBeGreaterThan(0);

  // The first Tab on a fresh page is the skip link, visible once focused; Enter puts focus on main.
  const skip = await tabTo('Skip to content', (f) => f.tag === 'a' && f.name === 'Skip to content', 1);
  await shoot('skip-link');
  expectVisibleFocus(skip, 'Skip to content');
  await page.keyboard.press('Enter');
  expect((await readFocus()).id).toBe('main');
  const firstInMain = await tabTo('something in main', () => true, 1);
  expect(firstInMain.inMain, 'the Tab after the skip link lands in main').toBe(true);

  // The search box: type, the catalogue follows.
  const search = await tabTo('the search box', (f) => f.id === 'catalog-search', 10);
  await shoot('search');
  expectVisibleFocus(search, 'Search');
  await page.keyboard.type('mug');
  await expect.poll(hash).toBe('#/s/demo?q=mug');
  await page.getByRole('status').filter({ hasText: /matching “mug”/ }).waitFor();
  await expect.poll(() => cards().count()).toBeGreaterThan(0);
  const firstName = (await cards().first().locator('h3').textContent())!.trim();

  // On to the first product: Enter opens it.
  const card = await tabTo('the first product', (f) => f.tag === 'a' && f.inProductCard, 10);
  await shoot('product-card');
  expectVisibleFocus(card, 'A product card');
  expect(card.name).toContain(firstName);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: firstName, level: 1 }).waitFor();
  expect(hash()).toMatch(/^#\/s\/demo\/product\//);

  // The view took the focus, so the next Tab is the way back.
  const back = await tabTo('Back to the catalogue', (f) => f.tag === 'a' && f.name === '← Back to the catalogue', 3);
  expectVisibleFocus(back, 'Back to the catalogue');
  await page.keyboard.press('Enter');
  await page.getByRole('searchbox', { name: 'Search' }).waitFor();
  await expect.poll(() => hash().startsWith('#/s/demo') && !hash().includes('/product/')).toBe(true);
  await expect.poll(() => cards().count()).toBeGreaterThan(0);
  // The list is back as it was left, with the focus on the product opened.
  await expect.poll(async () => (await readFocus()).inProductCard).toBe(true);
  expect((await readFocus()).name).toContain(firstName);

  // The category filter, above the cards: arrow keys choose.
  const categorySelect = page.getByRole('combobox', { name: 'Category' });
  await expect.poll(() => categorySelect.locator('option').count()).toBeGreaterThan(3);
  const category = await tabTo('the category filter', (f) => f.tag === 'select' && f.name.startsWith('All categories'), 15, 'Shift+Tab');
  await shoot('category');
  expectVisibleFocus(category, 'Category');
  await page.keyboard.press('ArrowDown');
  const chosen = await categorySelect.inputValue();
  expect(chosen).not.toBe('');
  await expect.poll(hash).toContain(`category=${chosen}`);
  await page.getByRole('status').filter({ hasText: ` in ${chosen}` }).waitFor();
  expect((await readFocus()).tag, 'the filter keeps the focus').toBe('select');

  // Shift+Tab goes back the way it came, out of the controls and up to the store's navigation.
  const nav = await tabTo('the store navigation', (f) => f.tag === 'a' && f.name === 'Catalogue', 15, 'Shift+Tab');
  await shoot('navigation');
  expectVisibleFocus(nav, 'The Catalogue tab');
  await page.keyboard.press('Enter');
  await expect.poll(hash).toBe('#/s/demo');
});
