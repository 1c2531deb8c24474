/**
 * Money as people read it, for the app (components/format.ts re-exports it) and the widget.
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
