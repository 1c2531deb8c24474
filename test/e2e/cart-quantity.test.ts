/**
 * A quantity beside Add to cart that the store would not take (0, 999, 2.5) is said in words under
 * the field, tied to it, and nothing goes to the store. Shopper QA (s41): it got only Chromium's own
 * validation bubble, which vanished at the next touch and which screen readers and phones handled
 * poorly. In Chromium on the built app against the Goodsie demo store, signed in with the cart, on a
 * phone (360 × 800, the keyboard's Enter as well as a tap). Photographed (cart-quantity-*.png).
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent, photographAtWidths } from '../helpers/e2e-app.ts';
import { productCards } from '../helpers/catalog-grid.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart'] } });

describe('a quantity the store would not take', () => {
  it('0, 999 and 2.5 are each said under the field (aria-invalid, aria-describedby), kept as typed, and never sent; 2 then adds', async () => {
    const { page } = await e2e.open({ width: 360, height: 800, hasTouch: true });
    const adds: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/cart/items')) adds.push(request.postData() ?? '');
    });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await productCards(page).nth(1).waitFor();
    await productCards(page).nth(1).getByRole('link').first().click();
    const quantity = page.getByRole('spinbutton', { name: 'Quantity' });
    const add = page.getByRole('button', { name: 'Add to cart' });
    await add.waitFor();
    /** What a screen reader is told of the field: whether it is invalid, and what describes it (as aria-describedby names it). */
    const told = () =>
      quantity.evaluate((input) => ({
        invalid: input.getAttribute('aria-invalid'),
        described: (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim(),
        value: (input as HTMLInputElement).value,
        // the browser's own bubble: a form that still validates itself would have the field :invalid and the form without novalidate
        bubble: !(input as HTMLInputElement).form!.noValidate,
      }));

    const cases = [
      ['0', 'tap', 'Enter 1 or more: this adds to your cart (from 1 to 99).'],
      ['999', 'Enter', 'The store takes at most 99 at a time: enter 99 or fewer.'],
      ['2.5', 'tap', 'Enter a whole number, from 1 to 99.'],
    ] as const;
    for (const [typed, how, said] of cases) {
      await quantity.fill(typed);
      if (how === 'tap') await add.tap();
      else await quantity.press('Enter');
      await expect.poll(told).toEqual({ invalid: 'true', described: said, value: typed, bubble: false });
      // shown, under the field, on the screen
      expect(await page.getByText(said).isVisible()).toBe(true);
      if (typed === '0') await photographAtWidths(page, 'cart-quantity-zero');
    }
    expect(adds).toEqual([]);

    await quantity.fill('2');
    await expect.poll(told).toEqual({ invalid: 'false', described: '', value: '2', bubble: false });
    await add.tap();
    await page.getByRole('status').filter({ hasText: /^Your cart now has 2 of this/ }).waitFor();
    expect(adds.map((body) => JSON.parse(body) as unknown)).toEqual([{ product_id: expect.any(String), quantity: 2 }]);
  });
});
