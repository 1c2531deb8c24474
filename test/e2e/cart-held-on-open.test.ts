/**
 * A product page says what the cart already holds of it when it opens, not only right after Add to
 * cart. Shopper QA (s40): added, then a reload, Back and Forward, or the product opened in another
 * tab, and the page said nothing of it ("Your cart now has …" went with the page it was said on),
 * so a shopper added it again. In Chromium on the built app against the Goodsie demo store, signed
 * in with the cart, at 360 px and 1280 px.
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { productCards } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart'] } });
const HELD = /^Your cart has 2 of this already \(2 items in all\)\. View cart$/;

describe('a product already in the cart', () => {
  it('says so when its page opens again: after a reload, Back and Forward, and in a new tab; a product not in the cart says nothing', async () => {
    const { page, context } = await e2e.open({ width: 360, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const cards = productCards(page);
    await cards.nth(1).waitFor();
    const other = (await cards.nth(2).locator('h3').textContent())!;
    await cards.nth(1).getByRole('link').first().click();
    const status = page.getByRole('status').filter({ hasText: /^Your cart/ });
    await page.getByRole('spinbutton', { name: 'Quantity' }).fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await status.filter({ hasText: /^Your cart now has 2 of this/ }).waitFor();
    const productUrl = page.url();

    // reloaded
    await page.reload();
    await status.filter({ hasText: HELD }).waitFor();
    await status.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/cart-held-on-open-360.png` });
    // its View cart goes to the cart
    expect(await status.getByRole('link', { name: 'View cart' }).getAttribute('href')).toMatch(/#\/s\/demo\/cart$/);

    // Back to the catalogue, then Forward to it
    await page.goBack();
    await cards.nth(2).waitFor();
    await page.goForward();
    await status.filter({ hasText: HELD }).waitFor();

    // Back, and another product (not in the cart): nothing said
    await page.goBack();
    const read = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/cart' && r.request().method() === 'GET');
    await cards.nth(2).getByRole('link').first().click();
    await page.getByRole('heading', { name: other, level: 1 }).waitFor();
    // the page's read of the cart answered (the store's own answer, not a moment waited out)
    expect((await read).status()).toBe(200);
    await page.getByRole('button', { name: /^(Add to cart|Out of stock)$/ }).waitFor();
    expect(await page.getByText(/^Your cart has/).count()).toBe(0);

    // opened in a new tab, on a desktop
    const tab = await context.newPage();
    await tab.setViewportSize({ width: 1280, height: 800 });
    await tab.goto(productUrl);
    await tab.getByRole('status').filter({ hasText: HELD }).waitFor();
    await tab.screenshot({ path: `${SCREENSHOT_DIR}/cart-held-on-open-1280.png` });
    // one more added there: the line says what the cart holds now
    await tab.getByRole('button', { name: 'Add to cart' }).click();
    await tab.getByRole('status').filter({ hasText: /^Your cart now has 3 of this \(3 items in all\)/ }).waitFor();
    expect(await tab.getByText(/already/).count()).toBe(0);
  });
});
