/**
 * axe-core audits (WCAG 2.1 A and AA) in a Playwright page. axe's source is evaluated once per
 * document and run as often as asked: @axe-core/playwright's AxeBuilder evaluated its 0.5 MB again
 * for every audit, about a second each here, and the views test audits 36 screens. Evaluated with
 * page.evaluate, not a <script> tag, which the app's Content-Security-Policy refuses (as it should).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ElementContext } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type AxeWindow = { axe: { run(context: ElementContext, options: object): Promise<AxeResults> } };

/**
 * Runs axe on the page, or on the elements `selector` names (their shadow roots included): the WCAG
 * 2.1 A and AA rules, or the rules `rules` names (axe's best practices, such as "region", are not WCAG's).
 */
export async function axeAudit(page: Page, selector?: string, rules?: readonly string[]): Promise<AxeResults> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    ({ selector, only }) => (window as unknown as AxeWindow).axe.run(selector ? { include: [[selector]] } : document, { runOnly: only }),
    { selector, only: rules ? { type: 'rule', values: [...rules] } : { type: 'tag', values: WCAG_21_AA } },
  );
}
