/**
 * The bench's figures, its budgets (issue 15) and the table it prints. Pure: the measuring
 * modules produce `Figure`s, this module judges and formats them, and it is unit-tested.
 */
import type { Summary } from './stats.ts';
import type { Section } from './options.ts';

export type Unit = 'bytes' | 'ms' | 'count' | 'MB' | 'score' | 'ratio' | 'yes/no';

export interface Figure {
  /** Stable key, used by budgets and in the JSON. */
  id: string;
  section: Section;
  label: string;
  unit: Unit;
  /** The median for repeated measures; null when it could not be measured (see note). */
  value: number | null;
  /** Present when the figure is the median of several runs. */
  stats?: Summary;
  /** How the figure was obtained, in a few words. */
  method: string;
  /** What else one must know (e.g. "missed: 2,400 of 9,500 products in 90 s"). */
  note?: string;
}

export interface Budget {
  figure: string;
  /** The figure must be `op` the limit. */
  op: '<=' | '<' | '>=';
  limit: number;
  text: string;
}

const KB = 1000;
/** Budgets of issue 15. Sizes are gzip, 1 KB = 1000 bytes (as Vite and `npm run size` count). */
export const BUDGETS: readonly Budget[] = [
  { figure: 'bytes.firstVisit.gzip', op: '<=', limit: 25 * KB, text: 'first visit <= 25 KB gzip (JS + CSS)' },
  { figure: 'bytes.returningCatalogue.gzip', op: '<=', limit: 32 * KB, text: 'returning catalogue <= 32 KB gzip' },
  { figure: 'bytes.widget.gzip', op: '<=', limit: 6 * KB, text: 'widget <= 6 KB gzip' },
  { figure: 'warm.firstProduct', op: '<=', limit: 150, text: 'warm start <= 150 ms' },
  { figure: 'scale.lastPageRatio', op: '<=', limit: 1.2, text: 'each page within 20% of the first page (median of the last 10 vs the first 10)' },
  { figure: 'scale.domNodes', op: '<', limit: 5000, text: 'DOM nodes < 5,000 at the end of 10,000 products' },
  { figure: 'scale.longestTask', op: '<=', limit: 50, text: 'no long task > 50 ms while scrolling' },
  // Judged from the response: debounce to painted includes the network round trip (printed beside it).
  { figure: 'scale.searchAfterResponse', op: '<=', limit: 16, text: 'search paints within 16 ms of the results arriving' },
  { figure: 'scale.searchPartialQueries', op: '<=', limit: 0, text: 'typing at 10 keys a second sends no query for a partial word' },
  { figure: 'scale.searchLoadedAfterResponse', op: '<=', limit: 16, text: 'search in the scrolled catalogue paints within 16 ms of the results arriving' },
  // Where the app searches what it has loaded (FlickRocket), there is no response: judged from the debounce.
  { figure: 'scale.localSearchAfterDebounce', op: '<=', limit: 16, text: 'search over what is loaded (FlickRocket, searched in the page) paints within 16 ms of the debounce' },
  { figure: 'scale.jsHeap', op: '<', limit: 40, text: 'JS heap < 40 MB' },
  { figure: 'scale.loadMoreClicks', op: '<=', limit: 0, text: 'infinite scroll reaches the end without Load more' },
  { figure: 'scale.reachedEnd', op: '>=', limit: 1, text: 'the end of the catalogue is reached within the time cap' },
  { figure: 'lighthouse.desktop.home.performance', op: '>=', limit: 100, text: 'Lighthouse desktop performance 100 (first screen)' },
  { figure: 'lighthouse.desktop.catalogue.performance', op: '>=', limit: 100, text: 'Lighthouse desktop performance 100 (catalogue)' },
  { figure: 'lighthouse.desktop.home.accessibility', op: '>=', limit: 100, text: 'Lighthouse desktop accessibility 100 (first screen)' },
  { figure: 'lighthouse.desktop.catalogue.accessibility', op: '>=', limit: 100, text: 'Lighthouse desktop accessibility 100 (catalogue)' },
  { figure: 'lighthouse.mobile.home.performance', op: '>=', limit: 98, text: 'Lighthouse mobile performance >= 98 (first screen)' },
  { figure: 'lighthouse.mobile.catalogue.performance', op: '>=', limit: 98, text: 'Lighthouse mobile performance >= 98 (catalogue)' },
  { figure: 'lighthouse.desktop.home.seo', op: '>=', limit: 100, text: 'Lighthouse desktop SEO 100 (first screen)' },
  { figure: 'lighthouse.desktop.catalogue.seo', op: '>=', limit: 100, text: 'Lighthouse desktop SEO 100 (catalogue)' },
  { figure: 'lighthouse.mobile.home.seo', op: '>=', limit: 100, text: 'Lighthouse mobile SEO 100 (first screen)' },
  { figure: 'lighthouse.mobile.catalogue.seo', op: '>=', limit: 100, text: 'Lighthouse mobile SEO 100 (catalogue)' },
];

export type Verdict = 'met' | 'missed' | 'not measured';

export interface BudgetResult {
  budget: Budget;
  value: number | null;
  verdict: Verdict;
}

/** Judges each budget whose figure was part of this run (figures absent from the run are left out). */
export function evaluateBudgets(figures: readonly Figure[], budgets: readonly Budget[] = BUDGETS): BudgetResult[] {
  const byId = new Map(figures.map((f) => [f.id, f]));
  const results: BudgetResult[] = [];
  for (const budget of budgets) {
    const figure = byId.get(budget.figure);
    if (figure === undefined) continue;
    const value = figure.value;
    if (value === null) {
      results.push({ budget, value, verdict: 'not measured' });
      continue;
    }
    const ok = budget.op === '<=' ? value <= budget.limit : budget.op === '<' ? value < budget.limit : value >= budget.limit;
    results.push({ budget, value, verdict: ok ? 'met' : 'missed' });
  }
  return results;
}

/** A value in its unit, for people: bytes in KB, times in ms. */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return 'n/a';
  switch (unit) {
    case 'bytes':
      return `${(value / KB).toFixed(1)} KB`;
    case 'ms':
      return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
    case 'MB':
      return `${value.toFixed(1)} MB`;
    case 'ratio':
      return `${value.toFixed(2)}x`;
    case 'yes/no':
      return value > 0 ? 'yes' : 'no';
    case 'score':
    case 'count':
      return String(Math.round(value));
  }
}

function range(figure: Figure): string {
  if (figure.stats === undefined || figure.stats.runs < 2) return '';
  return `${formatValue(figure.stats.min, figure.unit)} – ${formatValue(figure.stats.max, figure.unit)} (${figure.stats.runs} runs)`;
}

/** The figures as a Markdown table: what, median, min – max, method (and note). */
export function formatTable(figures: readonly Figure[]): string {
  const rows = ['| what | median | min – max | method |', '| --- | --- | --- | --- |'];
  for (const f of figures) {
    const method = f.note ? `${f.method}; ${f.note}` : f.method;
    rows.push(`| ${f.label} | ${formatValue(f.value, f.unit)} | ${range(f)} | ${method.replaceAll('|', '\\|')} |`);
  }
  return `${rows.join('\n')}\n`;
}

export function formatBudgets(results: readonly BudgetResult[], figures: readonly Figure[]): string {
  const units = new Map(figures.map((f) => [f.id, f.unit]));
  const lines = results.map((r) => {
    const unit = units.get(r.budget.figure) ?? 'count';
    const mark = r.verdict === 'met' ? 'met   ' : r.verdict === 'missed' ? 'MISSED' : 'n/a   ';
    return `${mark}  ${r.budget.text}: ${formatValue(r.value, unit)}`;
  });
  return `${lines.join('\n')}\n`;
}
