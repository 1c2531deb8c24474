/**
 * The customer on a phone's order card, in the built app against the local Goodsie store (admin scope):
 * "Customer:" and the e-mail address share a line (regression: at 360 px "Customer:" stood alone and
 * "shopper223@example.com" went to the next line, a line more for every such order); an address too
 * long for that line breaks after its @, its domain starting the next line. Photographed at 360 px
 * (.test-artifacts/screenshots/orders-customer-line-360.png).
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart', 'admin'] } });
const LONG = 'konstantinopoulou@longmail.example.com';

describe('the customer on an order card', () => {
  it('Goodsie at 360 px: “Customer:” and the address on one line; a long address breaks after its @', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    // the first order's address one no phone's line holds, as a store would send it
    await page.route(`${e2e.env.store.origin}/api/v1/orders*`, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { orders: { customer_email?: string }[] };
      body.orders[0]!.customer_email = LONG;
      await route.fulfill({ response, json: body });
    });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Orders' }).click();
    const emails = page.locator('td.customer .email');
    await expect.poll(() => emails.count()).toBeGreaterThan(10);
    // each address starts on the line of its "Customer:" (the first, 24 px tall), the short ones on that line only
    const lines = await emails.evaluateAll((spans) =>
      spans.map((span) => {
        const rects = [...span.getClientRects()];
        const cell = span.closest('td')!.getBoundingClientRect();
        return { email: span.textContent, startsBesideLabel: rects[0]!.top - cell.top < 12, lines: new Set(rects.map((r) => Math.round(r.top))).size };
      }),
    );
    expect(lines.filter((line) => !line.startsBesideLabel)).toEqual([]);
    expect(lines.filter((line) => line.email !== LONG && line.lines !== 1)).toEqual([]);
    // the long one: its domain, whole, starts the second line
    const long = emails.filter({ hasText: LONG });
    const domain = await long.evaluate((span) => {
      const range = document.createRange();
      range.selectNodeContents(span.lastChild!);
      const rects = [...range.getClientRects()];
      return { text: range.toString(), lines: rects.length, left: Math.round(rects[0]!.left), cellLeft: Math.round(span.closest('td')!.getBoundingClientRect().left) };
    });
    expect(domain).toEqual({ text: 'longmail.example.com', lines: 1, left: domain.cellLeft, cellLeft: domain.cellLeft });
    await long.evaluate((span) => span.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${SCREENSHOT_DIR}/orders-customer-line-360.png` });
  });
});
