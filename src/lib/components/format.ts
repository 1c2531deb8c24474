import { formatPrice } from '../shared/money.ts';

/** A price in major units, formatted for the person's locale in the store's currency (one formatter for the app and the widget). */
export { formatPrice };

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}
