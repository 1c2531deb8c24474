/**
 * The widths between a phone's 360 px and a desktop's 1280 px, where phones turned sideways, small
 * tablets and half-screen windows are (and 320 px, the narrowest phone), on a touch screen
 * (`(pointer: coarse)`): the header keeps the logo, the store switcher and Sign out on one row, as
 * tall as the stores list's, the switcher wide enough for the store's name (from 481 to 640 px the
 * words beside the logo left it 119 px at 481, "Goodsi…"), and the logo alone a finger wide (it was
 * 28 px); every screen (the stores list, its credentials form and its error, the catalogue, a product
 * and its editor, orders, coupons, the cart, a missing page) has nothing sideways, no table scrolled
 * sideways (the orders' from 561 to 660 px, its customers cut off), and every control a finger's
 * size (Copy on a coupon was 28 px tall, the editor's fields 40, its Preview 32); the catalogue's
 * Category and Sort show their choice whole (at 320 px, in two halves, "All categori", "Highest pric";
 * at 360 "Home & Kitche"), a long category ending in "…" (it was cut mid-letter); a product's picture
 * no wider than in two columns (from 481 to 760 px it filled the width, 608 px square at 640, the
 * name and price below the first screen), its box the same before and after it loads.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { loadedProducts, productCards } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart', 'admin'] } });
const FINGER = 44;
const WIDTHS = [320, 480, 600, 768, 1024];
/** The header's: these and the edges of where the words beside the logo squeezed the switcher. */
const HEADER_WIDTHS = [320, 480, 481, 600, 640, 768, 1024];
const SECOND = `${STORE_NAME} (PKCE)`;
/** The catalogue's controls and a product's picture: a 320 px phone, a 360 one, in between, the two columns' edge, a desktop. */
const CONTROLS_WIDTHS = [320, 360, 560, 640, 800, 1280];
const PICTURE_WIDTHS = [320, 360, 481, 560, 640, 760, 800, 1280];
/** Longer than any row of the controls has room for at 560 px beside Sort. */
const LONG_CATEGORY = 'Garden Furniture, Planters & Outdoor Living';

/** How far the page scrolls sideways, and the regions in main that do (a table cut off at their edge). */
function sideways(page: Page): Promise<{ page: number; regions: string[] }> {
  return page.evaluate(() => ({
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    regions: [...document.querySelectorAll('main *')].flatMap((element) => {
      const { overflowX } = getComputedStyle(element);
      return (overflowX === 'auto' || overflowX === 'scroll') && element.scrollWidth > element.clientWidth + 1 ? [`${element.tagName.toLowerCase()}.${element.className}: ${element.scrollWidth} in ${element.clientWidth}`] : [];
    }),
  }));
}

/**
 * The controls on the screen smaller than a finger (44 px) either way: buttons, fields, selects,
 * summaries, links drawn as a box (not a link in a sentence), a checkbox or radio by its label; an
 * invisible area over a small-looking one (a ::before, as a category chip's) counts as its size.
 */
function underAFinger(page: Page): Promise<string[]> {
  return page.evaluate((finger) => {
    const targets = document.querySelectorAll('button, select, input, textarea, summary, a');
    return [...targets].flatMap((element) => {
      const target = element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio') ? (element.closest('label') ?? element) : element;
      const box = target.getBoundingClientRect();
      // not drawn, or out of the page (the skip link until it has the focus)
      if (box.width === 0 || box.height === 0 || box.right + scrollX <= 0 || target.closest('.visually-hidden')) return [];
      if (target instanceof HTMLAnchorElement && getComputedStyle(target).display === 'inline') return [];
      const area = getComputedStyle(target, '::before');
      const [width, height] = area.position === 'absolute' ? [Math.max(box.width, parseFloat(area.width) || 0), Math.max(box.height, parseFloat(area.height) || 0)] : [box.width, box.height];
      const name = (target.getAttribute('aria-label') ?? target.textContent ?? '').trim().slice(0, 30) || target.tagName.toLowerCase();
      return Math.round(width) < finger || Math.round(height) < finger ? [`${name}: ${Math.round(width)}x${Math.round(height)}`] : [];
    });
  }, FINGER);
}

/** The header's row (logo, switcher, Sign out): their boxes, how many rows their middles make, the row's height. */
async function headerRow(page: Page) {
  const banner = page.getByRole('banner');
  const [logo, store, signOut] = await Promise.all(
    [banner.getByRole('link', { name: 'Storefront Connect' }), banner.getByRole('combobox', { name: 'Store' }), banner.getByRole('button', { name: /^Sign out of / })].map(async (target) => (await target.boundingBox())!),
  );
  const tabs = (await page.getByRole('navigation', { name: 'Store', exact: true }).boundingBox())!;
  const rows = new Set([logo!, store!, signOut!].map((box) => Math.round(box.y + box.height / 2))).size;
  return { logo: logo!, store: store!, signOut: signOut!, rows, height: (await banner.boundingBox())!.height - tabs.height };
}

/** Whether the switcher shows the chosen store's whole name: its words in its font against its room (padding and arrow, about 16 px). */
function switcherShowsName(page: Page): Promise<{ needs: number; has: number }> {
  return page.getByRole('banner').getByRole('combobox', { name: 'Store' }).evaluate((select: HTMLSelectElement) => {
    const style = getComputedStyle(select);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return { needs: Math.ceil(context.measureText(select.selectedOptions[0]!.text).width), has: Math.floor(select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16) };
  });
}

/**
 * The catalogue's Category and Sort: for each, its choice's words in its font against its room
 * (padding and arrow, about 16 px, as switcherShowsName), how it ends a choice too long
 * (text-overflow), and its height.
 */
function catalogueChoices(page: Page) {
  return page.getByRole('search').locator('select').evaluateAll((selects: HTMLSelectElement[]) =>
    selects.map((select) => {
      const style = getComputedStyle(select);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = select.selectedOptions[0]!.text;
      return { text, needs: Math.ceil(context.measureText(text).width), has: Math.floor(select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16), ends: style.textOverflow, height: select.getBoundingClientRect().height };
    }),
  );
}

/** At each width in turn: `check` gives what is wrong there (nothing expected), named by width. */
async function atEachWidth(page: Page, widths: number[], shot: string, check: (width: number) => Promise<string[]>): Promise<string[]> {
  const wrong: string[] = [];
  for (const width of widths) {
    await page.setViewportSize({ width, height: 800 });
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    wrong.push(...(await check(width)).map((line) => `${width} px: ${line}`));
    await page.screenshot({ path: `${SCREENSHOT_DIR}/in-between-${shot}-${width}.png` });
  }
  return wrong;
}

/** A screen's faults at each width: the page or a region in it scrolling sideways, a control under a finger. */
function screenAt(page: Page, shot: string): Promise<string[]> {
  return atEachWidth(page, WIDTHS, shot, async () => {
    const { page: across, regions } = await sideways(page);
    return [...(across > 0 ? [`page ${across} px sideways`] : []), ...regions.map((region) => `sideways: ${region}`), ...(await underAFinger(page)).map((small) => `under a finger: ${small}`)];
  });
}

describe('between a phone and a desktop, on a touch screen', () => {
  it('the header with two stores: one row as tall as the stores list’s, the switcher showing the store’s name, each a finger’s size, nothing sideways', async () => {
    const { page } = await e2e.open({ width: 1280, height: 800, hasTouch: true });
    await page.goto(e2e.env.app.url);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    const home = new Map<number, number>();
    await atEachWidth(page, HEADER_WIDTHS, 'header-home', async (width) => {
      home.set(width, (await page.getByRole('banner').boundingBox())!.height);
      return [];
    });
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Storefront Connect' }).click();
    await connectThroughConsent(page, SECOND);
    await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);
    await page.evaluate(() => document.fonts.ready);

    const wrong = await atEachWidth(page, HEADER_WIDTHS, 'header-two-stores', async (width) => {
      const row = await headerRow(page);
      const name = await switcherShowsName(page);
      const { page: across } = await sideways(page);
      return [
        ...(row.rows === 1 ? [] : [`${row.rows} rows`]),
        ...(row.height === home.get(width) ? [] : [`the row ${row.height} px tall, the stores list’s ${home.get(width)}`]),
        ...(row.logo.x + row.logo.width <= row.store.x && row.store.x + row.store.width <= row.signOut.x && row.signOut.x + row.signOut.width <= width ? [] : ['logo, switcher and Sign out overlap or leave the screen']),
        // a typical store's name whole where the screen has the room (at 320 px, about ten characters)
        ...(width <= 320 ? (name.has >= 120 ? [] : [`switcher ${name.has} px of room`]) : name.has >= name.needs ? [] : [`the switcher’s ${name.has} px for the name’s ${name.needs}`]),
        ...[['logo', row.logo], ['switcher', row.store], ['Sign out', row.signOut]].flatMap(([what, box]) => {
          const { width: w, height: h } = box as { width: number; height: number };
          return (what === 'logo' ? Math.min(w, h) : h) >= FINGER ? [] : [`${what as string} ${Math.round(w)}x${Math.round(h)}`];
        }),
        ...(across > 0 ? [`page ${across} px sideways`] : []),
      ];
    });
    expect(wrong).toEqual([]);
  });

  it('each screen at 320, 480, 600, 768 and 1024 px: nothing sideways, no table scrolled sideways, every control a finger’s size', async () => {
    const credentialsStore = { id: 'sw', kind: 'shopware6', name: 'Shopware Demo Shop', apiBase: 'http://127.0.0.1:9', auth: ['integration', 'password'], currency: 'EUR' };
    e2e.env.app.setOverride('config.json', JSON.stringify({ stores: [...e2e.env.stores, credentialsStore] }));
    try {
      const { page } = await e2e.open({ width: 1280, height: 800, hasTouch: true });
      const wrong: string[] = [];
      await page.goto(e2e.env.app.url);
      await page.getByRole('heading', { name: 'Your stores' }).waitFor();
      wrong.push(...(await screenAt(page, 'stores')));

      // the credentials form, then its error (the store, nowhere here, does not answer)
      await page.getByRole('button', { name: 'Connect Shopware Demo Shop', exact: true }).click();
      await page.getByLabel('Access key ID').waitFor();
      wrong.push(...(await screenAt(page, 'credentials-form')));
      await page.getByLabel('Access key ID').fill('SWIANOWHERE0000000000000001');
      await page.getByLabel('Secret access key').fill('not-a-secret-of-any-store');
      await page.getByRole('button', { name: /^Connect .* with the integration key$/ }).click();
      await page.getByRole('alert').filter({ hasText: /\S/ }).first().waitFor();
      wrong.push(...(await screenAt(page, 'credentials-error')));
      await page.getByRole('button', { name: /^Cancel/ }).click();

      await connectThroughConsent(page, STORE_NAME);
      await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);
      wrong.push(...(await screenAt(page, 'catalogue')));

      await productCards(page).first().getByRole('link').first().click();
      const add = page.getByRole('button', { name: 'Add to cart' });
      await add.waitFor();
      wrong.push(...(await screenAt(page, 'product')));
      await page.getByRole('button', { name: 'Edit this product' }).click();
      const description = page.getByRole('textbox', { name: 'Description' });
      await description.waitFor();
      await description.fill('<p>Hand-stitched, <em>made to last</em>.</p>');
      await page.getByText('Preview', { exact: true }).waitFor();
      wrong.push(...(await screenAt(page, 'editor')));

      await page.setViewportSize({ width: 1280, height: 800 });
      await add.click();
      await page.getByRole('link', { name: 'View cart' }).click();
      await page.getByRole('heading', { name: 'Cart', level: 1 }).waitFor();
      await page.getByRole('cell').first().waitFor();
      wrong.push(...(await screenAt(page, 'cart')));

      await page.getByRole('link', { name: 'Orders', exact: true }).click();
      await page.getByText(/^Page 1 of /).waitFor();
      wrong.push(...(await screenAt(page, 'orders')));

      await page.getByRole('link', { name: 'Coupons', exact: true }).click();
      await page.getByRole('button', { name: /^Copy / }).first().waitFor();
      wrong.push(...(await screenAt(page, 'coupons')));

      await page.goto(`${e2e.env.app.url}#/nowhere`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      wrong.push(...(await screenAt(page, 'missing')));

      await page.goto(e2e.env.app.url);
      await page.getByRole('heading', { name: 'Your stores' }).waitFor();
      wrong.push(...(await screenAt(page, 'stores-connected')));
      expect(wrong).toEqual([]);
    } finally {
      e2e.env.app.setOverride('config.json', JSON.stringify({ stores: e2e.env.stores }));
    }
  });

  it('the catalogue’s Category and Sort at 320 to 1280 px: each choice whole, a long category ending in “…”, a finger tall, nothing sideways', async () => {
    // the newest product (the first card, among those the filter's list comes from) in a category
    // with a long name, before the app asks (when idle after the first page)
    const wire = (id: string) => e2e.env.store.getProduct(id) as { categories: string[]; created: string; published: boolean } | undefined;
    const newest = Array.from({ length: 520 }, (_, n) => String(1001 + n))
      .filter((id) => wire(id)?.published)
      .reduce((a, b) => (wire(b)!.created > wire(a)!.created ? b : a));
    const categories = wire(newest)!.categories;
    e2e.env.store.touchProduct(newest, { categories: [LONG_CATEGORY] });
    try {
      const { page } = await e2e.open({ width: 1280, height: 800, hasTouch: true });
      await page.goto(e2e.env.app.url);
      await connectThroughConsent(page, STORE_NAME);
      await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);
      await page.evaluate(() => document.fonts.ready);
      const category = page.getByRole('combobox', { name: 'Category' });
      const sort = page.getByRole('combobox', { name: 'Sort by' });
      await category.focus();
      await expect.poll(() => category.locator('option').allTextContents()).toContain(LONG_CATEGORY);

      const wrong: string[] = [];
      for (const [chosen, order] of [['', 'newest'], ['Home & Kitchen', '-price'], ['Toys & Games', 'price'], [LONG_CATEGORY, 'newest']] as const) {
        await category.selectOption(chosen);
        await sort.selectOption(order);
        await expect.poll(async () => (await catalogueChoices(page)).map((select) => select.text)).toContain(chosen || 'All categories');
        const shot = chosen === LONG_CATEGORY ? 'long' : order;
        wrong.push(
          ...(await atEachWidth(page, CONTROLS_WIDTHS, `catalogue-choices-${shot}`, async () => {
            const { page: across } = await sideways(page);
            return [
              ...(across > 0 ? [`page ${across} px sideways`] : []),
              ...(await catalogueChoices(page)).flatMap(({ text, needs, has, ends, height }) => [
                // whole, or (a category too long for the row) cut with an ellipsis
                ...(has >= needs || (text === LONG_CATEGORY && ends === 'ellipsis') ? [] : [`“${text}” in ${has} px of the ${needs} it needs, ends ${ends}`]),
                ...(Math.round(height) >= FINGER ? [] : [`“${text}” ${Math.round(height)} px tall`]),
              ]),
            ];
          })),
        );
      }
      expect(wrong).toEqual([]);
      // the opened list names the long category whole
      expect(await category.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]!.label)).toBe(LONG_CATEGORY);
    } finally {
      e2e.env.store.touchProduct(newest, { categories });
    }
  });

  it('a product’s picture at 320 to 1280 px: no wider than in two columns, square, the name and price in the first screen, its box the same before it loads', async () => {
    const { page } = await e2e.open({ width: 560, height: 800, hasTouch: true });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);
    // a product whose picture no card has drawn (not in the browser's memory), held back until its box is measured
    const pictured = (candidate: string) => {
      const product = e2e.env.store.getProduct(candidate) as { images: unknown[]; published: boolean } | undefined;
      return product !== undefined && product.published && product.images.length > 0;
    };
    const drawn = await productCards(page).getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    const id = Array.from({ length: 520 }, (_, n) => String(1001 + n)).find((candidate) => !drawn.some((href) => href.endsWith(`/product/${candidate}`)) && pictured(candidate))!;
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    await page.route(`${e2e.env.store.origin}/images/${id}.svg`, async (route) => (await held, route.continue()));
    const picture = page.getByRole('main').locator('img.main-image');
    await page.goto(`${e2e.env.app.url}#/s/demo/product/${id}`);
    await page.getByRole('button', { name: 'Add to cart' }).waitFor();
    await picture.waitFor();
    const before = (await picture.boundingBox())!;
    expect(await picture.evaluate((img: HTMLImageElement) => img.complete)).toBe(false);
    release();
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await picture.boundingBox()).toEqual(before);

    const wrong = await atEachWidth(page, PICTURE_WIDTHS, 'product-picture', async (width) => {
      const box = (await picture.boundingBox())!;
      const name = (await page.getByRole('heading', { level: 1 }).boundingBox())!;
      const price = (await page.getByRole('main').locator('.summary').boundingBox())!;
      const one = width <= 760;
      const column = await picture.evaluate((img) => img.parentElement!.clientWidth);
      return [
        ...(Math.abs(box.width - box.height) <= 1 ? [] : [`${Math.round(box.width)}x${Math.round(box.height)}, not square`]),
        // in one column, at most the 384 px of 24rem (in two, 368 px at 800); at 320 and 360 the column's
        // width, or less where the screen's height leaves Add to cart room under it (800 - 33rem: 272 px)
        ...(!one || box.width <= 384 ? [] : [`${Math.round(box.width)} px wide in one column`]),
        ...(width > 360 || Math.round(box.width) === Math.min(column, 800 - 528) ? [] : [`${Math.round(box.width)} px wide, the column ${column}`]),
        ...(name.y + name.height <= 800 && price.y <= 800 ? [] : [`the name ends at ${Math.round(name.y + name.height)}, the price starts at ${Math.round(price.y)}`]),
      ];
    });
    expect(wrong).toEqual([]);
    // a phone turned sideways (640 x 360): no taller than most of the screen, 60% of its height
    await page.setViewportSize({ width: 640, height: 360 });
    await expect.poll(async () => Math.round((await picture.boundingBox())!.height)).toBeLessThanOrEqual(216);
  });
});
