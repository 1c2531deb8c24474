/** Money as people read it: one formatter for the app and the widget. */

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * A price in major units in the store's currency, for `locale` (the widget passes the page's
 * language; undefined: the browser's). An unknown locale falls back to the browser's; an unknown
 * currency code to the bare amount with two decimals.
 */
export function formatPrice(amount: number, currency: string, locale?: string): string {
  const key = `${locale ?? ''}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = tryFormatter(locale, { style: 'currency', currency }) ??
      tryFormatter(undefined, { style: 'currency', currency }) ??
      new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    formatters.set(key, formatter);
  }
  return formatter.format(amount);
}

function tryFormatter(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat | undefined {
  try {
    return new Intl.NumberFormat(locale, options);
  } catch {
    return undefined;
  }
}
