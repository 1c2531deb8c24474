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

const digitsCache = new Map<string, number>();

/**
 * How many minor-unit digits `currency` has (USD 2, JPY 0, KWD 3), per the runtime's ICU data; made
 * once per currency. Throws a RangeError for a malformed currency code.
 * @see https://tc39.es/ecma402/#sec-currencydigits
 */
export function currencyDigits(currency: string): number {
  const cached = digitsCache.get(currency);
  if (cached !== undefined) return cached;
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  digitsCache.set(currency, digits);
  return digits;
}
