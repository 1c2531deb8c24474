/**
 * Merchant text in right-to-left scripts (Arabic, Hebrew, Persian), and mixed with Latin, in the
 * app's English screens, against the Goodsie demo store's `rtlProducts` (test/demo-store/rtl.ts) and
 * a store named "24/7 מרקט" in config.json. Each piece of merchant text keeps its own direction: a
 * number or a full stop at its end is drawn on the side its script puts it, not pulled to the side
 * of the app's words around it; the app's own chrome stays left to right. So in the sign-out and
 * Forget questions, and in the pasted-key form of a StoreHippo store of that name; in the page's
 * title; in the banner of an access the store ended and the store screen's words for it after a
 * reload; and in the embeddable widget on an English page. Photographed at 360 and 1280 px
 * (.test-artifacts/screenshots/rtl-*.png).
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { CLIENT_ID, connectThroughConsent } from '../helpers/e2e-app.ts';
import { authorize } from '../demo-store/store-client.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { servePlatformApp } from '../helpers/platform-app.ts';
import { atBothWidths } from '../helpers/both-widths.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';
import { startStoreHippoStore } from '../platforms/storehippo/server.ts';

const e2e = useE2e({ app: { store: { rtlProducts: true }, defaultScopes: ['storefront', 'admin'] } });

/** A store name that starts with a number: drawn left to right, "24/7" lands left of the Hebrew. */
const STORE = '24/7 מרקט';

/** The left edge, in px, of the first occurrence of `char` in the element's text as drawn. */
function leftOf(element: Locator, char: string): Promise<number> {
  return edgeOf(element, char, 'left');
}

/** The top edge of the line where the first `char` is drawn. */
function topOf(element: Locator, char: string): Promise<number> {
  return edgeOf(element, char, 'top');
}

function edgeOf(element: Locator, char: string, edge: 'left' | 'top'): Promise<number> {
  return element.evaluate((node, [wanted, side]) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const at = (text.textContent ?? '').indexOf(wanted);
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + wanted.length);
      return range.getClientRects()[0]?.[side] ?? Number.NaN;
    }
    return Number.NaN;
  }, [char, edge] as const);
}

const direction = (element: Locator): Promise<string> => element.evaluate((node) => getComputedStyle(node).direction);

async function shoot(page: Page, name: string, width: number): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/rtl-${name}-${width}.png`, fullPage: true });
}

/** Right to left, "24/7 מרקט" reads from the right: the number is drawn right of the word, on its line. */
async function hebrewAfterNumber(element: Locator): Promise<void> {
  expect(await leftOf(element, '2')).toBeGreaterThan(await leftOf(element, 'מ'));
  expect(await topOf(element, '2')).toBe(await topOf(element, 'מ'));
}

/** How many unsaved product edits the app keeps (storage/drafts.ts). */
function draftCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('storefront-connect-drafts');
        open.onerror = () => resolve(0);
        open.onsuccess = () => {
          const db = open.result;
          if (![...db.objectStoreNames].includes('drafts')) return (db.close(), resolve(0));
          const count = db.transaction('drafts').objectStore('drafts').count();
          count.onsuccess = () => (db.close(), resolve(count.result));
          count.onerror = () => (db.close(), resolve(0));
        };
      }),
  );
}

/** The question's title names the store as it reads (1280 px: on one line), photographed at 360 and 1280 px. */
async function lookAtQuestion(page: Page, question: Locator, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  const title = question.getByRole('heading', { level: 2 });
  await hebrewAfterNumber(title);
  // the app's "?" stays at the sentence's end, right of the whole name
  expect(await leftOf(title, '?')).toBeGreaterThan(await leftOf(title, '2'));
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    // the viewport only: the modal's backdrop covers it, not the page below
    await page.screenshot({ path: `${SCREENSHOT_DIR}/rtl-${name}-${width}.png` });
  }
}

describe('merchant text in right-to-left scripts', () => {
  // One page for both widths: each screen loaded once (the widths take turns loading them) and its
  // text's direction and the place of each character checked at 360 px and at 1280 px.
  it('at 360 px and at 1280 px: store names, product text, categories, a store page and the search sentence keep their own direction', async () => {
    e2e.env.app.setOverride('config.json', JSON.stringify({ stores: [{ ...e2e.env.stores[0], name: STORE }] }));
    const { page } = await e2e.open({ width: 360, height: 900 });

    // Not connected yet: the store's screen names it in a sentence of the app's.
    await page.goto(`${e2e.env.app.url}#/s/demo`);
    const notConnected = page.locator('h1#screen-title', { hasText: 'is not connected' });
    await notConnected.waitFor();
    await atBothWidths(page, async () => {
      await hebrewAfterNumber(notConnected);
      expect(await leftOf(notConnected, 'is not')).toBeGreaterThan(await leftOf(notConnected, '2'));
      expect(await notConnected.textContent()).toBe(`\u2068${STORE}\u2069 is not connected`);
      expect(await direction(notConnected)).toBe('ltr');
    });

    // The stores list's card.
    await page.goto(e2e.env.app.url);
    const card = page.getByRole('heading', { level: 2, name: STORE });
    await card.waitFor();
    await atBothWidths(page, async (width) => {
      await hebrewAfterNumber(card);
      await shoot(page, 'home', width);
    });

    // Access declined on the store's page: the app's sentence names the store as it reads.
    await connectThroughConsent(page, STORE, 'Deny');
    const declined = page.getByRole('heading', { level: 2, name: /^You declined access to/ });
    await declined.waitFor();
    await atBothWidths(page, async (width) => {
      // (at 360 px the heading breaks inside the name: its two words are then on lines of their own)
      if (width >= 640) await hebrewAfterNumber(declined);
      expect(await declined.textContent()).toBe(`You declined access to \u2068${STORE}\u2069`);
    });

    await connectThroughConsent(page, STORE);
    await page.locator('.card-name').first().waitFor();
    // The store bar, in the header.
    const bar = page.locator('.store-bar .store-name');
    // The store's own page, linked from the catalogue.
    const pageLink = page.getByRole('navigation', { name: 'Store pages' }).getByRole('link', { name: 'من نحن' });
    await atBothWidths(page, async (width) => {
      expect(await direction(bar)).toBe('rtl');
      await hebrewAfterNumber(bar);
      expect(await direction(pageLink)).toBe('rtl');
      await shoot(page, 'catalog', width);
    });
    await pageLink.click();
    const pageTitle = page.getByRole('heading', { level: 1, name: 'من نحن' });
    await pageTitle.waitFor();
    await atBothWidths(page, async () => {
      expect(await direction(pageTitle)).toBe('rtl');
    });

    // The product page: the short description's full stop ends it on the left, as Arabic does;
    // its category chip and its tags (words since 9f6240b) read right to left.
    await page.goto(`${e2e.env.app.url}#/s/demo/product/r1`);
    await page.getByRole('heading', { level: 1, name: '(3) كوب' }).waitFor();
    const short = page.getByText('كوب خزفي (3 قطع).', { exact: true });
    // The cart is not granted: the sentence that says so names the store as it reads.
    const locked = page.getByText(/^Adding to the cart needs permission/);
    // The editor: plain Arabic typed in the description's field reads right to left there.
    const description = page.getByRole('textbox', { name: 'Description' });
    await description.fill('كوب من الخزف (350 مل).');
    await atBothWidths(page, async (width) => {
      expect(await direction(short)).toBe('rtl');
      expect(await leftOf(short, '.')).toBeLessThan(await leftOf(short, 'ك'));
      expect(await direction(page.getByRole('link', { name: 'أدوات المطبخ' }))).toBe('rtl');
      await hebrewAfterNumber(locked);
      expect(await leftOf(locked, 'has not granted')).toBeGreaterThan(await leftOf(locked, '2'));
      expect(await direction(description)).toBe('rtl');
      expect(await direction(page.locator('.tag-list [dir="auto"]', { hasText: 'هدية' }))).toBe('rtl');
      // The tab's title: the product's name, then the store's, each isolated (as one right-to-left run
      // the store's name came first, on the left).
      expect(await page.title()).toBe('\u2068(3) كوب\u2069 – \u206824/7 מרקט\u2069');
      await shoot(page, 'product', width);
    });

    // The Embed screen's heading names the store in a sentence of the app's.
    await page.goto(`${e2e.env.app.url}#/s/demo/embed`);
    const embed = page.locator('h1#screen-title', { hasText: 'Embed products of' });
    await embed.waitFor();
    await atBothWidths(page, () => hebrewAfterNumber(embed));

    // A search in a category, both in Arabic, found nothing: the sentence keeps each in its own
    // direction, "(5)" on the right of the word it was typed before.
    await page.goto(`${e2e.env.app.url}#/s/demo?q=${encodeURIComponent('(5) كوب')}&category=${encodeURIComponent('أدوات المطبخ')}`);
    const nothing = page.getByRole('heading', { name: /^No products in .* match/ });
    await nothing.waitFor();
    // said once: the count line's live region says the heading's words (unseen), isolated the same way
    expect(await page.getByRole('status').filter({ hasText: /^No products in / }).textContent()).toBe(`${await nothing.textContent()}.`);
    await atBothWidths(page, async (width) => {
      expect(await leftOf(nothing, '5')).toBeGreaterThan(await leftOf(nothing, 'ك'));
      await shoot(page, 'nothing-found', width);
    });
  });

  it('a search and a category holding a right-to-left override turn only themselves around, never the app’s words after them', async () => {
    e2e.env.app.setOverride('config.json', JSON.stringify({ stores: [{ ...e2e.env.stores[0], name: STORE }] }));
    const { page } = await e2e.open({ width: 1280, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE);
    await page.locator('.card-name').first().waitFor();
    // An address anyone can send: RIGHT-TO-LEFT OVERRIDE left open in both, and a stray POP
    // DIRECTIONAL ISOLATE that would close the app's isolate early. Bare, the override reversed the
    // rest of the sentence (".seirogetac rehto…").
    const q = 'mug\u2069\u202E';
    const category = 'Kitchen\u202E';
    await page.goto(`${e2e.env.app.url}#/s/demo?q=${encodeURIComponent(q)}&category=${encodeURIComponent(category)}`);
    const nothing = page.getByRole('heading', { name: /^No products in .* match/ });
    await nothing.waitFor();
    expect(await nothing.textContent()).toContain('\u2068mug\u202E\u2069');
    expect(await nothing.textContent()).toContain('\u2068Kitchen\u202E\u2069');
    // The app's words read left to right: "products" before "in", "match" after the category
    expect(await leftOf(nothing, 'p')).toBeLessThan(await leftOf(nothing, ' in '));
    expect(await leftOf(nothing, 'match')).toBeGreaterThan(await leftOf(nothing, 'No'));
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await shoot(page, 'override', width);
    }
  });

  it('the sign-out question, with an unsaved edit, names the store as it reads', async () => {
    e2e.env.app.setOverride('config.json', JSON.stringify({ stores: [{ ...e2e.env.stores[0], name: STORE }] }));
    const { page } = await e2e.open({ width: 1280, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE);
    await page.locator('.card-name').first().waitFor();
    await page.goto(`${e2e.env.app.url}#/s/demo/product/r1`);
    await page.getByRole('textbox', { name: 'Description' }).fill('كوب من الخزف (350 مل).');
    await expect.poll(() => draftCount(page)).toBe(1);
    await page.getByRole('banner').getByRole('button', { name: /^Sign out of/ }).click();
    const question = page.getByRole('alertdialog', { name: /^Sign out of .*\?$/ });
    await question.waitFor();
    await lookAtQuestion(page, question, 'sign-out-question');
    await question.getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'detached' });
  });

  it('a StoreHippo store: the pasted-key form and the Forget question name the store as it reads', async () => {
    const { app } = await servePlatformApp(e2e, {
      basePath: '/shops/rtl/',
      startStore: (app) => startStoreHippoStore({ port: 0, allowedOrigins: [app.origin] }),
      config: (hippo) => ({
        stores: [{ id: 'hippo', kind: 'storehippo', name: STORE, apiBase: hippo.origin, apiVersion: '1.1', auth: ['access-key', 'token'], currency: 'INR', imageBase: hippo.imageBase }],
      }),
    });
    const { page } = await e2e.open({ width: 1280, height: 800 });
    await page.goto(app.url);
    // the choice of the two forms: "Connect 24/7 מרקט with"
    const legend = page.locator('legend', { hasText: /^Connect .* with$/ });
    await hebrewAfterNumber(legend);
    expect(await leftOf(legend, 'with')).toBeGreaterThan(await leftOf(legend, '2'));
    await page.getByRole('textbox', { name: 'Access key', exact: true }).fill(DEMO_KEYS.readOnly);
    await page.getByRole('button', { name: /^Connect .* with the access key$/ }).click();
    await page.getByText(/^Connected · /).waitFor();
    await page.getByRole('button', { name: /^Forget key of / }).click();
    const question = page.getByRole('alertdialog', { name: /^Forget the key for .*\?$/ });
    await question.waitFor();
    const sentence = question.getByText(/^This browser will no longer be connected to/);
    await hebrewAfterNumber(sentence);
    await lookAtQuestion(page, question, 'forget-question');
    await question.getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'detached' });
  });

  it('at 360 px and at 1280 px: the store ends the access; the banner, and after a reload the store’s screen, name the store as it reads', async () => {
    e2e.env.app.setOverride('config.json', JSON.stringify({ stores: [{ ...e2e.env.stores[0], name: STORE }] }));
    const { page } = await e2e.open({ width: 360, height: 900 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE);
    await page.locator('.card-name').first().waitFor();
    // The store revokes every token: the next request's 401 ends this access.
    e2e.env.store.revokeAllTokens();
    // (the catalogue of this small store is searched in the page: the orders ask the store)
    await page.goto(`${e2e.env.app.url}#/s/demo/orders`);
    const banner = page.getByRole('alert').filter({ hasText: 'has ended.' });
    const sentence = banner.locator('span').first();
    await sentence.waitFor();
    await atBothWidths(page, async (width) => {
      expect(await sentence.textContent()).toMatch(new RegExp(`^\\s*Your access to \u2068${STORE}\u2069 has ended\\.`));
      if (width >= 640) {
        await hebrewAfterNumber(sentence);
        expect(await leftOf(sentence, 'has ended')).toBeGreaterThan(await leftOf(sentence, '2'));
      }
      await shoot(page, 'access-ended', width);
    });

    // After a reload: the store's screen says the store ended it (providers/ended-words.ts), naming the store as it reads.
    await page.reload();
    const ended = page.getByText(/stopped accepting this app’s access on /);
    await ended.waitFor();
    await atBothWidths(page, async (width) => {
      expect(await ended.textContent()).toMatch(new RegExp(`^\u2068${STORE}\u2069 stopped accepting this app’s access on `));
      if (width >= 640) await hebrewAfterNumber(ended);
      await shoot(page, 'access-ended-reload', width);
    });
  });

  it.each([360, 1280])('at %i px: the embeddable widget on an English page draws an Arabic name right to left, a Latin-first one left to right', async (width) => {
    const { fragment } = await authorize(e2e.env.store.origin, { client_id: CLIENT_ID, response_type: 'token', redirect_uri: e2e.env.app.url, scope: 'storefront', state: 'rtl-widget' });
    const token = fragment.get('access_token');
    if (!token) throw new Error(`the demo store gave no token (${fragment.get('error') ?? 'no error'})`);
    e2e.env.app.setOverride(
      'rtl-widget.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A blog</title></head><body style="margin:0;padding:16px">
<h1>Our favourite cups</h1><storefront-products api-base="${e2e.env.store.origin}" token="${token}" search="كوب" columns="2"></storefront-products>
<script src="${e2e.env.app.url}widget.js" defer></script></body></html>`,
    );
    const { page } = await e2e.open({ width, height: 900 });
    await page.goto(`${e2e.env.app.url}rtl-widget.html`);
    const arabic = page.locator('storefront-products .name', { hasText: '(3) كوب' });
    await arabic.waitFor();
    expect(await direction(arabic)).toBe('rtl');
    // "(3)" drawn on the right of its word, the name against the card's right edge
    expect(await leftOf(arabic, '3')).toBeGreaterThan(await leftOf(arabic, 'ك'));
    const card = page.locator('storefront-products .card').filter({ has: page.locator('.name', { hasText: '(3) كوب' }) });
    const cardBox = await card.boundingBox();
    // where its words end on the right: at the card's padding, not wherever a left-aligned line stops
    const textRight = await arabic.evaluate((node) => {
      const range = document.createRange();
      range.selectNodeContents(document.createTreeWalker(node, NodeFilter.SHOW_TEXT).nextNode()!);
      return range.getBoundingClientRect().right;
    });
    expect(cardBox!.x + cardBox!.width - textRight).toBeLessThan(20);
    expect(await direction(page.locator('storefront-products .name', { hasText: 'Mug – كوب' }))).toBe('ltr');
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/rtl-widget-${width}.png`, fullPage: true });
  });
});
