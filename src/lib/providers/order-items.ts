/**
 * What an order bought, read from the lines a platform's order answer carries (StoreHippo `items`,
 * Foxy `fx:items`, Shopware `lineItems`): one unreadable line is left out and counted, never the order.
 */
import type { Order, OrderItem } from '../domain/catalog.ts';
import { roundToCurrency } from './money.ts';
import { invalidResponse, readableItems, readObject, type WireObject } from './wire.ts';

/** A line's quantity: a whole number of 1 or more (a string of digits is read as its number). */
export function readQuantity(line: WireObject, key: string, path: string): number {
  const value = line[key];
  const quantity = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 1) throw invalidResponse(`${path}.${key}`, 'a whole number of 1 or more');
  return quantity;
}

/**
 * A line's name and quantity under the keys the platform spells them; a name of spaces only is none.
 * With `lineTotal`, the key of what the whole line cost: a finite number there is kept (rounded to
 * `currency`); anything else leaves the price out, never the line (it is there to check a total by).
 */
export function readOrderLine(value: unknown, path: string, keys: { name: string; quantity: string; lineTotal?: string }, currency = ''): OrderItem {
  const line = readObject(value, path);
  const name = line[keys.name];
  if (typeof name !== 'string' || name.trim() === '') throw invalidResponse(`${path}.${keys.name}`, 'a name');
  const item: OrderItem = { name: name.trim(), quantity: readQuantity(line, keys.quantity, path) };
  const total = keys.lineTotal === undefined ? undefined : line[keys.lineTotal];
  if (typeof total === 'number' && Number.isFinite(total)) item.lineTotal = currency === '' ? total : roundToCurrency(total, currency);
  return item;
}

/**
 * The order's `items` (and `itemsUnread`, where some could not be read) from `lines`; `read` answers
 * null for a line that is no item (a Shopware discount). Not a list (absent, null, anything else):
 * nothing, as for a platform that does not say what was bought.
 */
export function orderItemsFrom(lines: unknown, read: (line: unknown, index: number) => OrderItem | null): Pick<Order, 'items' | 'itemsUnread'> {
  if (!Array.isArray(lines)) return {};
  const { items, skipped } = readableItems(lines, read);
  const kept = items.filter((item) => item !== null);
  return skipped > 0 ? { items: kept, itemsUnread: skipped } : { items: kept };
}
