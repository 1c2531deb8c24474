/**
 * Money as people read it, for the widget. The app's components/format.ts keeps its own copy of
 * this (without the locale) for now: using this one cost 10-30 bytes gzip in the app's first load,
 * which sits at 34.99 of its 35 KB budget.
 */

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * A price in major units in the store's currency, for `locale` (a well-formed language tag, the
 * widget's page language; undefined: the browser's). An unknown currency code gives the bare
 * amount with two decimals.
 */
export function formatPrice(amount: number, currency: string, locale?: string): string {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      formatter = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    formatters.set(key, formatter);
  }
  return formatter.format(amount);
}
