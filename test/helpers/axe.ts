/**
 * axe-core audits (WCAG 2.1 A and AA) in a Playwright page. axe's source is evaluated once per
 * document and run as often as asked: @axe-core/playwright's AxeBuilder evaluated its 0.5 MB again
 * for every audit, about a second each here, and the views test audits 36 screens. Evaluated with
 * page.evaluate, not a <script> tag, which the app's Content-Security-Policy refuses (as it should).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { AxeResults, ElementContext } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type AxeWindow = { axe: { run(context: ElementContext, options: object): Promise<AxeResults> } };

/**
 * Runs axe on the page, or on the elements `selector` names (their shadow roots included): the WCAG
 * 2.1 A and AA rules, or the rules `rules` names (axe's best practices, such as "region", are not WCAG's),
 * and with either the rules `also` names, in the same run (axe's `rules` option beside `runOnly`).
 */
export async function axeAudit(page: Page, selector?: string, rules?: readonly string[], also: readonly string[] = []): Promise<AxeResults> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    ({ selector, only, also }) =>
      (window as unknown as AxeWindow).axe.run(selector ? { include: [[selector]] } : document, {
        runOnly: only,
        rules: Object.fromEntries(also.map((rule) => [rule, { enabled: true }])),
      }),
    { selector, only: rules ? { type: 'rule', values: [...rules] } : { type: 'tag', values: WCAG_21_AA }, also: [...also] },
  );
}

/** The two looks each screen of a platform's e2e file is audited in: a phone in the light theme, a desktop in the dark one. */
export const LOOKS = [
  { width: 360, colorScheme: 'light' },
  { width: 1280, colorScheme: 'dark' },
] as const;

/**
 * axe's best practices for a screen's outline (not WCAG's rules): one main landmark, one h1, all
 * content in landmarks, headings in order, landmarks told apart. What a screen reader's headings
 * and landmarks lists show.
 */
const OUTLINE_RULES = ['landmark-one-main', 'page-has-heading-one', 'region', 'heading-order', 'landmark-unique', 'landmark-no-duplicate-banner'];

/**
 * The screen as it is now, in each of {@link LOOKS} (then back in the first): a screenshot of each
 * to look at (`<name>-<width>-<scheme>.png` in `dir`), and what is wrong with it: every WCAG 2.1
 * A/AA violation axe finds, any of the outline rules broken, a page that scrolls sideways. Empty
 * when nothing is. One browser context throughout (the viewport and the media emulated change).
 */
export async function auditInLooks(page: Page, name: string, dir: string): Promise<string[]> {
  const problems: string[] = [];
  for (const look of LOOKS) {
    await setLook(page, look);
    const tag = `${name}-${look.width}-${look.colorScheme}`;
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(dir, `${tag}.png`), fullPage: true });
    // One run for both (each run walks the whole page again: about 0.2 s of the flows' 0.6 s a look).
    const found = (await axeAudit(page, undefined, undefined, OUTLINE_RULES)).violations;
    problems.push(...found.map((v) => `${tag}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (sideways > 0) problems.push(`${tag}: scrolls sideways by ${sideways} px`);
  }
  await setLook(page, LOOKS[0]);
  return problems;
}

async function setLook(page: Page, look: (typeof LOOKS)[number]): Promise<void> {
  await page.setViewportSize({ width: look.width, height: 800 });
  await page.emulateMedia({ colorScheme: look.colorScheme });
  // a frame for the layout and the theme to settle (a grid lays out its columns for the new width)
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}
