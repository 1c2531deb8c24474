/**
 * The product form that editing a product and adding one share: its fields as the inputs hold them,
 * and what is wrong with each, in words shown beside it. ProductFields.svelte draws the fields.
 */
import { currencyDigits } from '../shared/money.ts';

export interface ProductForm {
  name: string;
  /** Major units; an input left empty or unparseable reads as null or '' through bind:value. */
  price: number | null;
  published: boolean;
  inventory: number | null;
  /** The merchant's HTML as the store keeps it: edited as text, shown only sanitized (the preview). */
  description: string;
}

/** One message per field; '' where the field is fine. */
export interface FormProblems {
  name: string;
  price: string;
  inventory: string;
}

export const NO_PROBLEMS: FormProblems = Object.freeze({ name: '', price: '', inventory: '' });

/**
 * How many decimals a price in `currency` has: its minor unit (currencyDigits: USD and EUR 2, JPY 0,
 * KWD 3, made once per currency, not at every key typed); 2 for a code Intl does not know, as
 * formatPrice shows such an amount.
 */
export function priceDecimals(currency: string): number {
  try {
    return currencyDigits(currency);
  } catch {
    return 2;
  }
}

/** The price input's step for `currency`: one of its minor units ("0.01", "1", "0.001"). */
export function priceStep(currency: string): string {
  const decimals = priceDecimals(currency);
  return decimals === 0 ? '1' : (10 ** -decimals).toFixed(decimals);
}

/**
 * A price finer than the currency's minor unit (19.994 in USD) is refused, not rounded: the store
 * would keep what was sent while every screen shows it rounded, and the cart's sums stop adding up.
 */
function tooManyDecimals(price: number, decimals: number): string {
  if (Number(price.toFixed(decimals)) === price) return '';
  return decimals === 0
    ? 'Enter a price without decimals, for example 20.'
    : `Enter a price with at most ${decimals} decimal${decimals === 1 ? '' : 's'}, for example ${(19.9).toFixed(decimals)}.`;
}

/** `currency`: the store's, whose minor unit says how many decimals a price may have. */
export function formProblems(form: ProductForm, currency: string, priceNeeded = true): FormProblems {
  const price = form.price as number | string | null;
  const inventory = form.inventory as number | string | null;
  return {
    name: form.name.trim() === '' ? 'Enter a name.' : '',
    price: !priceNeeded
      ? ''
      : price === null || price === '' || !Number.isFinite(Number(price))
        ? 'Enter a price, for example 19.90.'
        : Number(price) < 0
          ? 'The price cannot be negative.'
          : tooManyDecimals(Number(price), priceDecimals(currency)),
    inventory: inventory !== null && inventory !== '' && (!Number.isInteger(Number(inventory)) || Number(inventory) < 0) ? 'Inventory is a whole number, 0 or more.' : '',
  };
}

export function hasProblems(problems: FormProblems): boolean {
  return problems.name !== '' || problems.price !== '' || problems.inventory !== '';
}

/** The inventory as a number to send, or undefined when left empty. */
export function inventoryOf(form: ProductForm): number | undefined {
  const raw = form.inventory as number | string | null;
  return raw === null || raw === '' ? undefined : Number(raw);
}
