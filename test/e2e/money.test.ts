/**
 * Money a merchant types, in the built app against the demo store, in the person's own locale: a
 * price written with a decimal comma is saved as meant (Chromium's number field dropped the comma it
 * did not take for the decimal mark: "12,50" typed in an English browser was saved as 1250), and a
 * price that reads as thousands in that locale is refused beside the field and never sent.
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

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
      await editor.getByText(refusal).waitFor();
      expect(await price.getAttribute('aria-invalid')).toBe('true');
      await editor.screenshot({ path: `${SCREENSHOT_DIR}/money-price-thousands-${locale}-${width}.png` });
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
