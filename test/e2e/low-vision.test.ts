import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent, deploymentHeaders } from '../helpers/e2e-app.ts';
import { inBothThemes } from '../helpers/both-themes.ts';
import { productCards, loadedProducts } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { loadProfilesFor } from '../../src/lib/config/load-config.ts';
import type { AppConfig } from '../../src/lib/config/types.ts';

/**
 * People who see little: a larger text size set in the browser, Windows' High Contrast (forced
 * colours), and the contrast of what marks a form field (WCAG 1.4.4, 1.4.11, 1.4.3). Each screen
 * is photographed in the condition (`low-vision-*.png`) to look at.
 */
const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart', 'admin'] } });

// A Shopware shop beside the demo store, for its pasted-credentials form (never connected: nothing answers there).
beforeAll(async () => {
  const config = { stores: [...e2e.env.stores, { id: 'sw', kind: 'shopware6', name: 'Shopware Shop', apiBase: 'http://127.0.0.1:9', auth: ['integration', 'password'] }] } as AppConfig;
  await loadProfilesFor(config);
  e2e.env.app.setOverride('config.json', JSON.stringify(config));
  e2e.env.app.setHeaders(deploymentHeaders(config));
});

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `low-vision-${name}.png`), fullPage: true });
}

/** Extra CSS for every document the page opens, as a person's own style sheet would be (the app's CSP allows no <style>). */
async function userStyles(page: Page, css: string): Promise<void> {
  await page.addInitScript((text) => {
    document.addEventListener('DOMContentLoaded', () => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    });
  }, css);
}

async function openCatalogue(page: Page): Promise<void> {
  await page.goto(e2e.env.app.url);
  await connectThroughConsent(page, STORE_NAME);
  await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);
}

async function openProduct(page: Page): Promise<void> {
  await productCards(page).nth(1).getByRole('link').first().click();
  await page.getByRole('form', { name: 'Edit product' }).waitFor();
}

/**
 * Each coupon card's code: whether it fits on one line in the card (its text's width against the card's
 * inside), and on how many lines it is drawn (its text's line boxes, measured on a Range over it).
 */
function codeLines(page: Page): Promise<Array<{ code: string; fits: boolean; lines: number }>> {
  return page.locator('main li .code code').evaluateAll((codes) =>
    codes.map((code) => {
      const range = document.createRange();
      range.selectNodeContents(code);
      const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
      const card = code.closest('li')!;
      const style = getComputedStyle(card);
      const inside = card.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const width = rects.reduce((sum, rect) => sum + rect.width, 0);
      return { code: code.textContent ?? '', fits: width <= inside, lines: new Set(rects.map((rect) => Math.round(rect.top))).size };
    }),
  );
}

/** The WCAG contrast ratio of two opaque computed colours ("rgb(r, g, b)"), to two decimals. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, bl] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [luminance(a), luminance(b)];
  return Math.round(((Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05)) * 100) / 100;
}

/**
 * Every visible text field, select and text area: the contrast of its border with its own
 * background and with what is around it (the lower), and of its placeholder with its background.
 */
async function fieldContrasts(page: Page): Promise<Array<{ field: string; border: number; placeholder: number | null }>> {
  const fields = await page.evaluate(() => {
    const opaque = (color: string) => color !== 'transparent' && ((color.match(/[\d.]+/g) ?? []).map(Number)[3] ?? 1) === 1;
    const behind = (element: Element) => {
      for (let at = element.parentElement; at; at = at.parentElement) {
        const color = getComputedStyle(at).backgroundColor;
        if (opaque(color)) return color;
      }
      return getComputedStyle(document.documentElement).backgroundColor;
    };
    return [...document.querySelectorAll<HTMLElement>('input:not([type=checkbox]):not([type=radio]):not([type=hidden]), select, textarea')]
      .filter((field) => field.getClientRects().length > 0)
      .map((field) => {
        const style = getComputedStyle(field);
        return {
          field: `${field.tagName.toLowerCase()} ${field.getAttribute('aria-label') ?? field.id}`,
          border: style.borderTopColor,
          own: opaque(style.backgroundColor) ? style.backgroundColor : behind(field),
          around: behind(field),
          placeholder: field.getAttribute('placeholder') ? getComputedStyle(field, '::placeholder').color : null,
        };
      });
  });
  return fields.map(({ field, border, own, around, placeholder }) => ({
    field,
    border: Math.min(contrast(border, own), contrast(border, around)),
    placeholder: placeholder === null ? null : contrast(placeholder, own),
  }));
}

describe('form fields stand out from the page', () => {
  // One page for both themes: each screen loaded once (the themes take turns) and measured in each.
  it('in the light and in the dark theme: every field’s border is 3:1 against the field and the page, its placeholder 4.5:1 (connect form, catalogue, product)', async () => {
    const { page } = await e2e.open({ width: 1280, colorScheme: 'light' });
    const weak: unknown[] = [];
    const check = (screen: string, least: number) =>
      inBothThemes(page, async (colorScheme) => {
        const found = await fieldContrasts(page);
        expect(found.length, `${screen} ${colorScheme}`).toBeGreaterThanOrEqual(least);
        weak.push(...found.filter((f) => f.border < 3 || (f.placeholder !== null && f.placeholder < 4.5)).map((f) => ({ screen, colorScheme, ...f })));
        await shoot(page, `fields-${screen}-${colorScheme}`);
      });
    await page.goto(e2e.env.app.url);
    await page.getByRole('button', { name: 'Connect Shopware Shop', exact: true }).click();
    await page.getByRole('textbox', { name: 'Access key ID' }).waitFor();
    await check('connect-form', 2);
    await connectThroughConsent(page, STORE_NAME);
    await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);
    await check('catalogue', 3);
    await openProduct(page);
    await check('product', 5);
    expect(weak).toEqual([]);
  });
});

describe('a larger text size set in the browser', () => {
  it('the words grow with it (the body is not a fixed 16 px), and the screens still fit at 1280 px; the product editor and the coupons fit a phone', async () => {
    const { page } = await e2e.open({ width: 1280 });
    // The browser's text size at 200 % ("Very large" is 24 px; this is 32 px): the root's size.
    await userStyles(page, 'html { font-size: 200% }');
    await openCatalogue(page);
    const sizes = () => page.evaluate(() => [document.documentElement, document.querySelector('main p')!].map((el) => getComputedStyle(el).fontSize));
    expect(await sizes()).toEqual(['32px', '32px']);
    await shoot(page, 'text-200-catalogue-1280');
    await openProduct(page);
    expect(await page.getByRole('button', { name: 'Add to cart' }).evaluate((b) => getComputedStyle(b).fontSize)).toBe('32px');
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await sideways()).toBeLessThanOrEqual(0);
    await shoot(page, 'text-200-product-1280');
    // On a phone (360 px) the editor's fields stack in one column as wide as the screen, not wider.
    await page.setViewportSize({ width: 360, height: 800 });
    const form = page.getByRole('form', { name: 'Edit product' });
    await expect.poll(() => form.evaluate((f) => Math.max(...[...f.querySelectorAll('input, textarea')].map((i) => i.getBoundingClientRect().right)) - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await shoot(page, 'text-200-product-360');
    // The coupons' cards too, one to a row.
    await page.getByRole('navigation', { name: 'Store', exact: true }).getByRole('link', { name: 'Coupons' }).click();
    await page.locator('main li code').first().waitFor();
    expect(await sideways()).toBeLessThanOrEqual(0);
    // A code is typed by a shopper: whole on one line where it fits in the card (Copy goes under it), broken
    // only where the code alone is wider than the card ("WELC/OME1/0" beside Copy, as it was).
    const codes = await codeLines(page);
    expect(codes.filter((c) => c.fits).map((c) => c.code)).toContain('WELCOME10');
    expect(codes.filter((c) => c.fits && c.lines !== 1)).toEqual([]);
    await shoot(page, 'text-200-coupons-360');
  });
});

describe('the cart on a phone with the text at 200 %', () => {
  it('each line is a card within the screen (no sideways scrolling, its links in view), the subtotal under them; at 1280 px still a table', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    await userStyles(page, 'html { font-size: 200% }');
    await openCatalogue(page);
    // Two products in the cart: twelve of one (a longer total), one of another that then sells out.
    const names: string[] = [];
    for (const [nth, quantity] of [[1, '12'], [2, '1']] as const) {
      const card = productCards(page).nth(nth);
      names.push((await card.locator('h3').textContent())!);
      await card.getByRole('link').first().click();
      await page.getByRole('spinbutton', { name: 'Quantity' }).fill(quantity);
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await page.getByRole('link', { name: 'View cart' }).waitFor();
      await page.goBack();
    }
    await page.route(/\/api\/v1\/products\/[^/?]+$/, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { name?: string };
      await route.fulfill({ response, json: body.name === names[1] ? { ...body, in_stock: false } : body });
    });
    await page.getByRole('link', { name: 'Cart', exact: true }).click();
    const line = (name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await line(names[1]!).getByText('Out of stock', { exact: true }).waitFor();
    // What overflows sideways: the page, the cart's table, and any line's link past the screen's edges.
    const overflow = () =>
      page.evaluate(() => {
        const table = document.querySelector('main table')!;
        const width = document.documentElement.clientWidth;
        const outside = [...table.querySelectorAll('tbody tr')].flatMap((row) =>
          [...row.querySelectorAll('a, button, input')].filter((c) => c.getBoundingClientRect().left < 0 || c.getBoundingClientRect().right > width).map((c) => c.textContent),
        );
        return { page: document.documentElement.scrollWidth - width, table: table.scrollWidth - table.clientWidth, tableRight: Math.max(0, Math.ceil(table.getBoundingClientRect().right - width)), outside };
      });
    const none = { page: 0, table: 0, tableRight: 0, outside: [] };
    const amount = expect.stringMatching(/^\$[\d,]+\.\d\d$/) as string;
    expect(await overflow()).toEqual(none);
    // Each line still says its quantity and total (the cells hold the numbers alone; the labels are drawn).
    expect(await line(names[0]!).getByRole('cell').allInnerTexts()).toEqual([names[0], '12', amount]);
    expect(await page.getByRole('row', { name: /Subtotal/ }).getByRole('cell').innerText()).toMatch(/^\$[\d,]+\.\d\d$/);
    await shoot(page, 'text-200-cart-360');
    // A screen reader still reads a table (Chromium's accessibility tree, not the DOM): its column
    // headers, and cells that hold their values, the drawn labels (“Quantity:”) not read twice.
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: Array<{ role?: { value: string }; name?: { value: string }; ignored: boolean }> };
    const read = (role: string) => nodes.filter((n) => !n.ignored && n.role?.value === role).map((n) => n.name?.value);
    expect(read('table')).toHaveLength(1);
    expect(read('columnheader')).toEqual(['Product', 'Quantity', 'Total']);
    expect(read('cell')).toEqual([names[0], '12', amount, `${names[1]} Out of stock`, '1', amount, amount]);
    expect(read('rowheader')).toEqual(['Subtotal']);
    // At 320 px (WCAG 1.4.10's width) too.
    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(overflow).toEqual(none);
    await shoot(page, 'text-200-cart-320');
    // On a desktop the cart stays a table, its column headers shown.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => page.getByRole('columnheader', { name: 'Quantity' }).isVisible()).toBe(true);
    expect(await page.locator('main tbody tr').first().evaluate((row) => getComputedStyle(row).display)).toBe('table-row');
    expect(await overflow()).toEqual(none);
    await shoot(page, 'text-200-cart-1280');
    // The same in the dark theme, and at the usual text size (the style sheet taken away) the same cards, smaller.
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'text-200-cart-1280-dark');
    await page.setViewportSize({ width: 360, height: 800 });
    await expect.poll(overflow).toEqual(none);
    await shoot(page, 'text-200-cart-360-dark');
    await page.evaluate(() => (document.adoptedStyleSheets = []));
    await expect.poll(overflow).toEqual(none);
    await shoot(page, 'text-100-cart-360-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await shoot(page, 'text-100-cart-360');
  });
});

describe('the focus ring on a product card', () => {
  it('light and dark: drawn over the picture, it is 3:1 against a white picture and against the card', async () => {
    const { page } = await e2e.open({ width: 1280, colorScheme: 'light' });
    await openCatalogue(page);
    const link = productCards(page).first().getByRole('link').first();
    // By the keyboard (a focus ring shows for it), from the field before the grid.
    await page.getByRole('combobox', { name: 'Sort by' }).focus();
    for (let i = 0; i < 5 && !(await link.evaluate((a) => a === document.activeElement)); i++) await page.keyboard.press('Tab');
    // The same focused card seen in each theme.
    await inBothThemes(page, async (colorScheme) => {
      expect(await link.evaluate((a) => a === document.activeElement)).toBe(true);
      const { ring, style, card } = await link.evaluate((a) => {
        const style = getComputedStyle(a);
        return { ring: style.outlineColor, style: `${style.outlineStyle} ${style.outlineWidth}`, card: getComputedStyle(a.closest('article')!).backgroundColor };
      });
      expect(style).toBe('solid 3px');
      expect(contrast(ring, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(3);
      expect(contrast(ring, card)).toBeGreaterThanOrEqual(3);
      await page.evaluate(() => scrollTo(0, 200));
      await page.screenshot({ path: join(SCREENSHOT_DIR, `low-vision-card-focus-${colorScheme}.png`) });
    });
  });
});

describe('forced colours (Windows High Contrast)', () => {
  // One page for both themes (dark first): each screen loaded once and checked in each.
  it('dark and light: only the current store tab has its bar, and the loading grid keeps its shapes', async () => {
    const { page } = await e2e.open({ width: 1280, colorScheme: 'dark' });
    await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    // The products are held back until the loading grid is checked.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/v1\/products(\?|$)/, async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.goto(e2e.env.app.url);
      await connectThroughConsent(page, STORE_NAME);
      const loading = page.getByRole('status', { name: 'Loading products…' });
      await loading.waitFor();
      await inBothThemes(page, async (colorScheme) => {
        const shapes = await loading.evaluate((grid) => {
          const card = grid.querySelector('.card-box')!;
          const back = getComputedStyle(card).backgroundColor;
          return [...card.querySelectorAll('.shimmer')].map((shape) => getComputedStyle(shape).backgroundColor !== back);
        });
        expect(shapes.length).toBeGreaterThan(0);
        expect(shapes.every(Boolean)).toBe(true);
        await shoot(page, `forced-colors-loading-${colorScheme}`);
      });
    } finally {
      release();
    }
    await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);
    const tabs = () =>
      page.getByRole('navigation', { name: 'Store', exact: true }).evaluate((nav) => {
        // Canvas, the colour forced on every background (the nav's own is transparent)
        const canvas = getComputedStyle(document.body).backgroundColor;
        return [...nav.querySelectorAll('a')].map((a) => ({ current: a.getAttribute('aria-current') === 'page', barShows: getComputedStyle(a).borderBottomColor !== canvas }));
      });
    await inBothThemes(page, async (colorScheme) => {
      expect(await tabs()).toEqual([
        { current: true, barShows: true },
        ...Array.from({ length: 4 }, () => ({ current: false, barShows: false })),
      ]);
      await shoot(page, `forced-colors-catalogue-${colorScheme}`);
    });
    await page.getByRole('navigation', { name: 'Store', exact: true }).getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('table').waitFor();
    await inBothThemes(page, async (colorScheme) => {
      expect((await tabs()).map((t) => t.barShows)).toEqual([false, false, true, false, false]);
      await shoot(page, `forced-colors-orders-${colorScheme}`);
    });
  });
});

describe('forced colours: boxes drawn by their background alone', () => {
  /** Whether `selector`'s boxes each keep a frame: an outline drawn in a colour other than the page's (Canvas). */
  const framed = (page: Page, selector: string) =>
    page.evaluate((css) => {
      const canvas = getComputedStyle(document.body).backgroundColor;
      return [...document.querySelectorAll(css)].map((box) => {
        const style = getComputedStyle(box);
        return style.outlineStyle === 'solid' && style.outlineColor !== canvas && parseFloat(style.outlineWidth) >= 1;
      });
    }, selector);

  it('the stock badges of the cards and the note after a sign-out keep their frame', async () => {
    const { page } = await e2e.open({ width: 1280, colorScheme: 'dark' });
    await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);
    await productCards(page).first().locator('.badge').first().waitFor();
    const badges = await framed(page, 'main .badge');
    expect(badges.length).toBeGreaterThan(0);
    expect(badges.every(Boolean)).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('status').filter({ hasText: `Signed out of ${STORE_NAME}.` }).waitFor();
    expect(await framed(page, 'main p.notice')).toEqual([true]);
    await shoot(page, 'forced-colors-signed-out');
  });
});
