/**
 * A Foxy store with 1,007 coupons, in Chromium on the built app against the faithful local server: the
 * Coupons screen reads the newest 1,000 (`order=date_created desc`), says the 7 past them are the oldest,
 * draws 100 at a time with "Show 100 more", and finds one by code or name as it is typed. Before, the
 * 1,000 were read in Foxy's own order (the 7 unread any 7, said without "the oldest") and all drawn at once,
 * with nothing to find one by. Screenshots at 360 and 1280 px.
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { connectedFoxy } from '../helpers/foxy-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { screenAudits } from '../helpers/screen-audits.ts';

const e2e = useE2e();

describe('Foxy coupons: many, newest first, found by typing', () => {
  it('reads the newest 1000 of 1007, draws 100 at a time, and finds one by code or name', async () => {
    // the 7 seeded coupons (January 2025) and 1,000 made after them, a minute apart: "Extra 1" (EXTRA0001) … "Extra 1000"
    const { page, app } = await connectedFoxy(e2e, 360, { extraCoupons: 1000 });
    await page.goto(`${app.url}#/s/foxy/coupons`);

    // newest first: the last made heads the list; the seven seeded, the oldest, are the ones not read, and said to be
    const active = page.getByRole('list', { name: 'Active now' });
    await active.getByRole('listitem').first().waitFor();
    expect(await active.locator('li code').evaluateAll((codes) => codes.slice(0, 3).map((c) => c.textContent))).toEqual(['EXTRA1000', 'EXTRA0999', 'EXTRA0998']);
    expect(await page.getByRole('list', { name: '7 coupons are not listed here:' }).getByRole('listitem').allInnerTexts()).toEqual(['7 more, the oldest, are not read here: see them in the admin named above.']);
    expect(await page.getByText('SPRING10').count()).toBe(0);

    // 100 drawn of the 1000 read, said beside the field
    const count = page.locator('#coupon-found');
    expect(await count.getAttribute('role')).toBe('status');
    expect(await count.innerText()).toBe('1,000 coupons, showing the first 100.');
    expect(await active.getByRole('listitem').count()).toBe(100);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-coupons-find-360.png` });

    // Show 100 more: the next hundred, the focus on the first of them (EXTRA0900), the count said
    const more = page.getByRole('button', { name: 'Show 100 more' });
    await more.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-coupons-show-more-360.png` });
    await more.click();
    await page.getByText('1,000 coupons, showing the first 200.').waitFor();
    expect(await active.getByRole('listitem').count()).toBe(200);
    expect(await page.evaluate(() => document.activeElement?.querySelector('code')?.textContent)).toBe('EXTRA0900');

    // typed: by code, whatever the case
    const field = page.getByRole('searchbox', { name: 'Find a coupon by code or name' });
    await field.fill('extra099');
    await page.getByText('10 of 1,000 coupons.').waitFor();
    expect(await active.locator('li code').allInnerTexts()).toEqual(Array.from({ length: 10 }, (_, i) => `EXTRA${String(999 - i).padStart(4, '0')}`));
    // by name: "Extra 12" and "Extra 120" … "Extra 129" (no code has a space)
    await field.fill('Extra 12');
    await page.getByText('11 of 1,000 coupons.').waitFor();
    expect(await active.getByRole('listitem').count()).toBe(11);
    // to a keyboard and a screen reader: axe at 360 px light and 1280 px dark, found and none found
    const audits = screenAudits(page, 'foxy');
    await audits.audit('coupons-find');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-coupons-find-1280.png` });

    // none: said plainly with the words typed; Show every coupon clears the field and gives it the focus
    await field.fill('zz top');
    await page.getByText('No coupon here has “zz top” in its code or name.').waitFor();
    expect(await page.locator('main ul.coupons li').count()).toBe(0);
    await audits.audit('coupons-find-none');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-coupons-find-none-1280.png` });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-coupons-find-none-360.png` });
    await page.getByRole('button', { name: 'Show every coupon' }).click();
    await page.getByText('1,000 coupons, showing the first 100.').waitFor();
    expect(await field.inputValue()).toBe('');
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await active.getByRole('listitem').count()).toBe(100);
    expect(audits.problems).toEqual([]);
  });
});
