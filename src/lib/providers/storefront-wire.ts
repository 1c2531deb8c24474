/**
 * Checks on untrusted storefront JSON for the widget's readers: the same rules as wire.ts (`null`
 * counts as missing for optional fields; a wrong type is API_INVALID_RESPONSE), without the JSON path
 * in the message: the widget shows no message, only the words for its code, and every byte here is
 * downloaded by every page that embeds it.
 */
import { AppError } from '../oauth/errors.ts';

export type Wire = Readonly<Record<string, unknown>>;

export function notAsAgreed(): AppError {
  return new AppError('API_INVALID_RESPONSE');
}

export function object(value: unknown): Wire {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw notAsAgreed();
  return value as Wire;
}

type Types = { string: string; number: number; boolean: boolean };

/** `wire[key]` if it is of `type` (a number: finite); absent or null gives undefined, unless `required`. */
export function field<T extends keyof Types>(wire: Wire, key: string, type: T, required: true): Types[T];
export function field<T extends keyof Types>(wire: Wire, key: string, type: T, required?: false): Types[T] | undefined;
export function field<T extends keyof Types>(wire: Wire, key: string, type: T, required = false): Types[T] | undefined {
  const value = wire[key];
  if (value == null && !required) return undefined;
  if (typeof value !== type || (type === 'number' && !Number.isFinite(value))) throw notAsAgreed();
  return value as Types[T];
}

/** An optional array (absent or null: empty). */
export function list(wire: Wire, key: string): readonly unknown[] {
  const value = wire[key] ?? [];
  if (!Array.isArray(value)) throw notAsAgreed();
  return value;
}

/**
 * The cards of `items` (the answer's product list: else API_INVALID_RESPONSE), `read` one by one; null
 * leaves one out (unpublished). One that cannot be read is left out too, as the app leaves it out of
 * its catalogue (wire.ts readableItems), so one bad product does not blank the widget; where none
 * can be read, the answer is not as agreed at all (a wrong api-base): its failure is thrown.
 */
export function readCards<T>(items: unknown, read: (item: unknown) => T | null): T[] {
  if (!Array.isArray(items)) throw notAsAgreed();
  const cards: T[] = [];
  let failure: unknown;
  for (const item of items) {
    try {
      const card = read(item);
      if (card) cards.push(card);
    } catch (error) {
      failure = error;
    }
  }
  if (failure && !cards.length) throw failure;
  return cards;
}

/** An ISO 4217 code, normalised to upper case. */
export function currencyCode(wire: Wire, key: string): string {
  const value = field(wire, key, 'string', true).toUpperCase();
  if (!/^[A-Z]{3}$/.test(value)) throw notAsAgreed();
  return value;
}
