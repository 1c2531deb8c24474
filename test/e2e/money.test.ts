/**
 * Money a merchant types, in the built app against the demo store, in the person's own locale: a
 * price written with a decimal comma is saved as meant (Chromium's number field dropped the comma it
 * did not take for the decimal mark: "12,50" typed in an English browser was saved as 1250), and a
 * price that reads as thousands in that locale is refused beside the field and never sent. And a
 * Shopware 6 shop shown in a currency a product has no price of: the price saved in it keeps the
 * product's tax (its net was sent equal to the gross) and the list price struck through beside it;
 * and its promotion's absolute discount, kept in euros, is said in euros (it was said as dollars).
 * A FlickRocket product sold under two licences at two prices says its lowest "From" (it read as
 * the price of both).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { describedAs } from '../helpers/screen-audits.ts';
import { openAppHome, servePlatformApp } from '../helpers/platform-app.ts';
import { DEMO_INTEGRATIONS } from '../platforms/shopware/constants.ts';
import { DEFAULT_CURRENCY_ID, SEED_IDS, USD_CURRENCY_ID } from '../platforms/shopware/seed.ts';
import { startShopwareStore } from '../platforms/shopware/server.ts';
import { startFlickRocketStore } from '../platforms/flickrocket/server.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'admin'] } });

/** A product's editor, signed in with admin in a browser whose locale is `locale`; the product's id. */
async function editorIn(locale: string, width: number, nth: number) {
  const { page } = await e2e.open({ locale, width });
  await page.goto(e2e.env.app.url);
  await connectThroughConsent(page, STORE_NAME);
  const card = page.locator('main ul > li article').nth(nth);
  await card.getByRole('link').click();
  const editor = page.getByRole('form', { name: 'Edit product' });
  await editor.waitFor();
  const id = decodeURIComponent(new URL(page.url()).hash).split('/').at(-1)!;
  return { page, editor, id, price: editor.getByRole('textbox', { name: 'Price (USD)' }) };
}

const costOf = (id: string) => (e2e.env.store.getProduct(id) as { cost_raw: number }).cost_raw;

describe('a price typed in the person’s locale', () => {
  for (const { locale, width, nth, shown, decimalComma, thousands, refusal } of [
    { locale: 'en-US', width: 1280, nth: 3, shown: /^\d+\.\d\d$/, decimalComma: '12,50', thousands: '12,500', refusal: 'Enter the price without thousands separators, for example 1234.50.' },
    { locale: 'de-DE', width: 360, nth: 4, shown: /^\d+,\d\d$/, decimalComma: '12,50', thousands: '12.500', refusal: 'Enter the price without thousands separators, for example 1234,50.' },
  ]) {
    it(`${locale}: "${decimalComma}" is saved as 12.5, "${thousands}" is refused and never sent`, async () => {
      const { page, editor, id, price } = await editorIn(locale, width, nth);
      // the store's price, in the locale's decimal mark and the currency's decimals
      expect(await price.inputValue()).toMatch(shown);
      expect(await price.getAttribute('inputmode')).toBe('decimal');
      const before = costOf(id);

      await price.fill(thousands);
      await price.press('Enter');
      await expect.poll(() => describedAs(price)).toContain(refusal);
      expect(await price.getAttribute('aria-invalid')).toBe('true');
      // Enter pressed in the field: the focus stays there, so the refusal is said by a live region
      expect(await price.evaluate((field) => field === document.activeElement)).toBe(true);
      await editor.getByRole('status').filter({ hasText: refusal }).waitFor();
      await editor.screenshot({ path: `${SCREENSHOT_DIR}/money-price-thousands-${locale}-${width}.png` });
      expect(costOf(id)).toBe(before);

      // more digits than a number holds exactly: refused, not sent rounded
      await price.fill('12345678901234567');
      await price.press('Enter');
      // Said beside the field and by the live region, which still held the refusal above: the
      // field's own description is read, not any text on the screen (two of them, for a moment).
      await expect.poll(() => describedAs(price)).toContain('This price is too large to be saved exactly.');
      await editor.getByRole('status').filter({ hasText: 'This price is too large to be saved exactly.' }).waitFor();
      expect(costOf(id)).toBe(before);

      await price.fill(decimalComma);
      await editor.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      expect(costOf(id)).toBe(12.5);
      expect(await price.inputValue()).toBe(locale === 'de-DE' ? '12,50' : '12.50');
      // the page shows what the store keeps, in the person's locale
      const shownPrice = locale === 'de-DE' ? '12,50 $' : '$12.50';
      await page.locator('main article .price .now', { hasText: shownPrice }).first().waitFor();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/money-price-saved-${locale}-${width}.png`, fullPage: true });
    });
  }
});

/**
 * Where `latin` is drawn against `arabic` inside the first element matching `selector`: a name that
 * starts in Arabic reads right to left, so its Latin word, said after the Arabic, is drawn to its left.
 */
async function latinDrawnLeftOfArabic(page: Page, selector: string, latin: string, arabic: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((element, [latin, arabic]) => {
    const text = [...element.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.includes(latin!))!;
    const rectOf = (word: string) => {
      const range = document.createRange();
      const start = text.textContent!.indexOf(word);
      range.setStart(text, start);
      range.setEnd(text, start + word.length);
      return range.getBoundingClientRect();
    };
    return rectOf(latin!).right <= rectOf(arabic!).left;
  }, [latin, arabic]);
}

describe('a name that starts in Arabic, with a Latin word in it', () => {
  it('reads right to left on its card, its page, in the editor and in its description (the Latin word was drawn after it, at the right)', async () => {
    const { page, editor, id } = await editorIn('en-US', 360, 5);
    const name = 'مصباح طاولة Lamp';
    await editor.getByRole('textbox', { name: 'Name' }).fill(name);
    await editor.getByRole('textbox', { name: 'Description' }).fill('<p>مصباح للقراءة، Lamp.</p>');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((e2e.env.store.getProduct(id) as { name: string }).name).toBe(name);
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    expect(await latinDrawnLeftOfArabic(page, 'main h1', 'Lamp', 'مصباح')).toBe(true);
    expect(await editor.getByRole('textbox', { name: 'Name' }).evaluate((input) => getComputedStyle(input).direction)).toBe('rtl');
    // the description as well, its first words being Arabic
    expect(await page.locator('section.description .merchant-html').evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/money-rtl-name-product-360.png` });
    await page.getByRole('link', { name: /Back to the catalogue/ }).click();
    await page.getByRole('heading', { name, level: 3 }).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/money-rtl-name-catalogue-360.png` });
    // on one line (a 360 px card breaks it in two)
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await latinDrawnLeftOfArabic(page, `main h3:text-is("${name}")`, 'Lamp', 'مصباح')).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/money-rtl-name-catalogue-1280.png` });
  });
});

describe('a Shopware 6 shop shown in US dollars, a product priced in euros only', () => {
  it('a new dollar price goes out with the euro price’s net/gross ratio (its tax), not net = gross; a coupon’s euros are said in euros', async () => {
    const { app, store: shop } = await servePlatformApp(e2e, {
      basePath: '/shops/sw/',
      startStore: () => startShopwareStore({ port: 0 }),
      config: (shop) => ({
        stores: [{ id: 'sw', kind: 'shopware6', name: 'Shopware Demo Shop', apiBase: shop.origin, auth: ['integration'], currency: 'USD' }],
        imageOrigins: [shop.mediaOrigin],
      }),
    });
    const admin = DEMO_INTEGRATIONS[2]!;
    const euros = shop.getProduct(SEED_IDS.bananas)?.price ?? [];
    expect(euros.map((p) => p.currencyId)).toEqual([DEFAULT_CURRENCY_ID]);
    const euro = euros[0]!;

    const { page } = await openAppHome(e2e, app, 360);
    await page.getByLabel('Access key ID').fill(admin.accessKeyId);
    await page.getByLabel('Secret access key').fill(admin.secret);
    await page.getByRole('button', { name: /^Connect .* with the integration key$/ }).click();
    await page.getByText(/^Connected · /).waitFor();
    await page.goto(`${app.url}#/s/sw/product/${SEED_IDS.bananas}`);
    const form = page.getByRole('form', { name: 'Edit product' });
    const price = form.getByRole('textbox', { name: 'Price (USD)' });
    // shown at the shop's factor
    await expect.poll(() => price.inputValue()).toBe((Math.round(euro.gross * 1.17 * 100) / 100).toFixed(2));
    await price.fill('4');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    const saved = shop.getProduct(SEED_IDS.bananas)?.price ?? [];
    expect(saved.find((p) => p.currencyId === DEFAULT_CURRENCY_ID)).toMatchObject({ gross: euro.gross, net: euro.net });
    const dollar = saved.find((p) => p.currencyId === USD_CURRENCY_ID);
    expect(dollar?.gross).toBe(4);
    expect(dollar?.net).toBeCloseTo((4 * euro.net) / euro.gross, 4);
    expect(dollar?.net).toBeLessThan(4);
    await page.locator('main article .price .now', { hasText: '$4.00' }).first().waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/money-shopware-usd-saved-360.png`, fullPage: true });

    // the coupons: an amount off kept in the shop's default currency is said in it, not in dollars
    await page.goto(`${app.url}#/s/sw/coupons`);
    const fiveOff = page.getByRole('listitem').filter({ hasText: 'FIVEOFF' });
    await fiveOff.waitFor();
    expect(await fiveOff.innerText()).toMatch(/Five off\s+€5\.00 off/);
    // so is a percentage's cap (it was not said at all)
    expect(await page.getByRole('listitem').filter({ hasText: 'TENCAP' }).locator('.off').innerText()).toMatch(/^10% off, at\smost\s€5\.00$/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/money-shopware-usd-coupons-360.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/money-shopware-usd-coupons-1280.png`, fullPage: true });
  });
});

describe('a FlickRocket product sold under two licences at two prices', () => {
  it('says its lowest price "From", on its card and its page; one price alone is said bare', async () => {
    const clientId = 'StorefrontConnect.e2e.apps.flickrocket.com';
    const { app } = await servePlatformApp(e2e, {
      basePath: '/shops/fr/',
      startStore: (app) => startFlickRocketStore({ port: 0, hooksPort: null, productCount: 30, clients: [{ clientId, name: 'Storefront Connect', redirectUris: [app.url] }], allowedOrigins: [app.origin], rateLimit: null }),
      config: (shop, app) => ({
        stores: [{ id: 'fr', kind: 'flickrocket', name: 'FlickRocket Test Shop', authorizationEndpoint: `${shop.origin}/oauth2/auth`, tokenEndpoint: `${shop.origin}/token`, apiBase: shop.origin, clientId, redirectUri: app.url, defaultScopes: ['products'], currency: 'EUR', language: 'en' }],
      }),
    });
    const { page } = await openAppHome(e2e, app, 360);
    await page.getByRole('button', { name: 'Connect FlickRocket Test Shop', exact: true }).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    // Back in the app with the catalogue drawn (a full run's load once kept this test waiting past its
    // 60 s on a locator with no timeout; each wait below is bounded and says where it stopped).
    await page.waitForURL((url) => url.href.startsWith(app.url), { timeout: 20_000 });
    await page.getByRole('heading', { name: 'FlickRocket Test Shop', level: 1 }).waitFor({ timeout: 20_000 });
    await page.locator('main ul > li article').first().waitFor({ timeout: 20_000 });
    // product 1002: €4.99 for one licence, €19.99 for the other; 1003 has one price
    const price = page.locator('main article.product .price .now'); // the product page's, not a card's
    const priceText = () => price.textContent({ timeout: 2_000 }).catch(() => null);
    await page.goto(`${app.url}#/s/fr/product/1003`);
    await expect.poll(priceText, { timeout: 20_000 }).toMatch(/^\S*\d/);
    expect(await priceText()).not.toMatch(/From/);
    await page.goto(`${app.url}#/s/fr/product/1002`);
    await expect.poll(priceText, { timeout: 20_000 }).toBe('From €4.99');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/money-flickrocket-from-360.png` });
    await page.getByRole('link', { name: /Back to the catalogue/ }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('1002');
    const card = page.locator('main ul > li article').filter({ hasText: '1002' });
    await expect.poll(() => card.locator('.price .now').textContent({ timeout: 2_000 }).catch(() => null), { timeout: 20_000 }).toBe('From €4.99');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/money-flickrocket-from-1280.png` });
  });
});
