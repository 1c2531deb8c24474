/**
 * The words of what an order bought (OrderItems.svelte): one short line ("2 × Ceramic Mug, Tote Bag
 * and 3 more"), and whether it leaves something out that the full list shows.
 */
import type { OrderItem } from '../domain/catalog.ts';
import { formatCount, formatPrice } from './format.ts';

/** How many lines the short line names before "and N more" (three when there are exactly three). */
const NAMED = 2;

/**
 * One line as the list says it: "2 × Ceramic Mug" (the number kept with its ×, and the × with the
 * name's first word: a narrow cell ended a line with "2 ×", "Sticker Pack" on the next), or the name alone for
 * one; where the store said what the line cost, that after it in the order's `currency`:
 * "2 × Ceramic Mug · $37.00" (a merchant checks a total, or answers what an item was paid, by it). No-break
 * spaces keep the price with the name's last word: a narrow cell began a line with "· $193.50".
 */
export function itemWords(item: OrderItem, currency = ''): string {
  const words = item.quantity === 1 ? item.name : `${formatCount(item.quantity)}\u00a0×\u00a0${item.name}`;
  return item.lineTotal === undefined || currency === '' ? words : `${words}\u00a0·\u00a0${formatPrice(item.lineTotal, currency)}`;
}

/**
 * "A", "A and B", "A, B and C", "A, B and 3 more"; unreadable lines are counted among the more. With
 * `more` (the store holds lines past those read) no count is said: "A, B and more".
 */
export function itemsSummary(items: readonly OrderItem[], unread = 0, more = false, currency = ''): string {
  const said = (item: OrderItem): string => itemWords(item, currency);
  if (items.length === 0) {
    if (more) return 'Items not read here';
    return unread === 0 ? 'No items listed' : `${unread === 1 ? '1 item' : `${formatCount(unread)} items`} the store sent could not be read`;
  }
  if (more) return `${items.slice(0, NAMED).map(said).join(', ')} and more`;
  const hidden = items.length + unread <= NAMED + 1 ? 0 : items.length - NAMED + unread;
  const named = items.slice(0, hidden === 0 ? items.length : NAMED).map(said);
  const last = hidden > 0 ? `${formatCount(hidden)} more` : unread > 0 ? `${unread === 1 ? '1 item' : `${formatCount(unread)} items`} not readable` : named.pop();
  return named.length === 0 ? (last ?? '') : `${named.join(', ')} and ${last}`;
}

/** Whether the short line leaves out a line, names an unreadable one, or says there are more, that the full list says. */
export function itemsSummaryShortens(items: readonly OrderItem[], unread = 0, more = false): boolean {
  return more || unread > 0 || items.length > NAMED + 1;
}

/** The full list's last line where the store holds more lines than were read. */
export const ITEMS_MORE_WORDS = 'More items are not read here: see the order in the store’s admin.';
