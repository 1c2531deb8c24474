/**
 * An order's status as the store words it, filed under the app's five: a word the platform's
 * mapping knows gives its status; any other is filed as pending (never paid) and keeps the store's
 * own word to be shown, where "Pending" alone told a merchant that an order on hold, or one whose
 * payment failed, was simply waiting.
 */
import type { Order, OrderStatus } from '../domain/catalog.ts';

export function storeOrderStatus(raw: unknown, known: Readonly<Record<string, OrderStatus>>): Pick<Order, 'status' | 'statusWords'> {
  const word = typeof raw === 'string' ? raw.trim() : '';
  const mapped = Object.hasOwn(known, word.toLowerCase()) ? known[word.toLowerCase()] : undefined;
  if (mapped !== undefined) return { status: mapped };
  if (word === '') return { status: 'pending' };
  // "on_hold" and "ON-HOLD" read "On hold"; a long word is cut, the cell stays a cell
  const words = word.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').toLowerCase().slice(0, 40).trim();
  return { status: 'pending', statusWords: words.charAt(0).toUpperCase() + words.slice(1) };
}
