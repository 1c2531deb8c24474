/**
 * What the platform e2e files' "screens to a keyboard and a screen reader" tests share
 * (test/e2e/{shopware,storehippo,flickrocket,foxy}-app.test.ts): each screen audited in both looks
 * ({@link auditInLooks}, its screenshots named `a11y-<platform>-<screen>`), the problems gathered
 * for the one `expect(problems).toEqual([])` at the test's end, and the step every platform audits
 * alike: the catalogue once products load, then the first card's product (and, for the platforms
 * whose keys differ in what they may see, another key on the locked Coupons). And {@link hasFocus},
 * which these files wait for after each action, and {@link describedAs}, what a field says beside it.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { auditInLooks } from './axe.ts';
import { loadedProducts, productCards } from './catalog-grid.ts';
import { SCREENSHOT_DIR } from './paths.ts';

/**
 * How long one of those tests may take: a flow through about ten screens, each audited in both
 * looks. Shopware's took 31 s in a quiet CI run and 61 s in one beside other work (2026-12-07),
 * past the e2e project's 60 s.
 */
export const AXE_FLOW_TIMEOUT = 150_000;

export interface ScreenAudits {
  /** Every problem the audits found so far; empty when none did. */
  readonly problems: string[];
  /** Audits the screen as it is now, named `name`; what is wrong goes to {@link problems}. */
  audit(name: string): Promise<void>;
  /**
   * On the catalogue (already on its way): audited as 'catalogue' once products have loaded; then
   * the first card's link opened and, once `productShown` shows, audited as 'product'.
   */
  catalogueThenProduct(productShown: Locator): Promise<void>;
  /**
   * On Coupons, locked to the key connected: Use another key puts the focus in `keyField`, audited
   * as 'coupons-another-key'; `enterKey` connects a key that may see them, and they show with the
   * focus on their heading, audited as 'coupons'; then Orders from the store's navigation, open to
   * that key too, audited as 'orders'.
   */
  anotherKeyOnCoupons(keyField: Locator, enterKey: () => Promise<void>): Promise<void>;
}

export function screenAudits(page: Page, platform: string): ScreenAudits {
  const problems: string[] = [];
  const audit = async (name: string) => {
    problems.push(...(await auditInLooks(page, `a11y-${platform}-${name}`, SCREENSHOT_DIR)));
  };
  return {
    problems,
    audit,
    async catalogueThenProduct(productShown) {
      await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);
      await audit('catalogue');
      await productCards(page).first().getByRole('link').first().click();
      await productShown.waitFor();
      await audit('product');
    },
    async anotherKeyOnCoupons(keyField, enterKey) {
      await page.getByRole('button', { name: 'Use another key' }).click();
      await hasFocus(keyField);
      await audit('coupons-another-key');
      await enterKey();
      await page.locator('main li code').first().waitFor();
      await hasFocus(page.getByRole('heading', { name: 'Coupons', level: 1 }));
      await audit('coupons');
      await page.getByRole('navigation', { name: 'Store' }).getByRole('link', { name: 'Orders' }).click();
      await page.getByRole('table').waitFor();
      await audit('orders');
    },
  };
}

/** Waits until `locator` holds the keyboard's focus; fails the test if it never does (expect.poll's timeout). */
export async function hasFocus(locator: Locator): Promise<void> {
  await expect.poll(() => locator.evaluate((el) => el === document.activeElement)).toBe(true);
}

/** What a screen reader reads for `field` after its name: the text of what aria-describedby points at. */
export const describedAs = (field: Locator): Promise<string> =>
  field.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .filter((text) => text !== '')
      .join(' '),
  );
