/**
 * The product form that editing a product and adding one share: its fields as the inputs hold them,
 * and what is wrong with each, in words shown beside it. ProductFields.svelte draws the fields.
 */
import { currencyDigits, formatPrice } from '../shared/money.ts';
import { MOST_STOCK, type Product, type ProductEdit } from '../domain/catalog.ts';
import { sayIn } from './say-in.ts';

export interface ProductForm {
  name: string;
  /**
   * The price as typed, in major units (readPrice reads it; a draft an older version kept may hold a
   * number). A text field, not type="number": Chromium's number field drops a comma it does not take
   * for the decimal mark, so "12,50" typed in an English browser was saved as 1250.
   */
  price: string;
  published: boolean;
  /**
   * The stock as typed (readInventory reads it; a draft an older version kept may hold a number or
   * null). A text field for the reason the price is one: Chromium's number field dropped the comma
   * of "2,5" and saved 25, read "1.000" (a thousand, to a German merchant) as 1, and gave "" for
   * "5-", which was saved as no change to the stock while the screen said "Saved.".
   */
  inventory: string;
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

/**
 * A price finer than the currency's minor unit (19.994 in USD) is refused, not rounded: the store
 * would keep what was sent while every screen shows it rounded, and the cart's sums stop adding up.
 */
function tooManyDecimals(price: number, decimals: number): string {
  if (Number(price.toFixed(decimals)) === price) return '';
  return decimals === 0
    ? 'Enter a price without decimals, for example 20.'
    : `Enter a price with at most ${decimals} decimal${decimals === 1 ? '' : 's'}, for example ${example(19.9, decimals)}.`;
}

/**
 * What a typed price reads as: its amount, or why it has none; `extra`: a number typed with a
 * currency's sign, code or other letters around it ("$12", "₹1250", "Rs. 1250", "12 INR"), which
 * is not taken off by guess: the field is the store's currency, its label says which.
 */
export type PriceReading = { amount: number } | { problem: 'empty' | 'unreadable' | 'grouped' } | { problem: 'extra'; extra: string[] };

let localeMarks: { decimal: string; group: string } | undefined;

/**
 * The decimal mark of the person's locale when it is '.' or ',' (en '.', de ','), else '.' (ar's
 * '٫' is read as well), and the other of the two, which such a person writes between thousands.
 */
export function decimalMarks(): { decimal: string; group: string } {
  if (!localeMarks) {
    const decimal = new Intl.NumberFormat().formatToParts(1.5).find((part) => part.type === 'decimal')?.value;
    localeMarks = decimal === ',' ? { decimal: ',', group: '.' } : { decimal: '.', group: ',' };
  }
  return localeMarks;
}

/**
 * Reads a typed price as the person meant it, in major units: '.' or ',' as the decimal mark (one
 * of them, once), full-width and Arabic-Indic digits, spaces left out. A mark that reads as a
 * thousands separator in the person's locale ("12,500" in English, "12.500" in German), or several
 * marks ("1,234.50"), is refused rather than guessed: a wrong guess is a price 1000 times off.
 */
export function readPrice(typed: unknown, marks = decimalMarks()): PriceReading {
  if (typeof typed === 'number') return Number.isFinite(typed) ? { amount: typed } : { problem: 'unreadable' };
  if (typeof typed !== 'string') return { problem: 'empty' };
  const text = typed
    .normalize('NFKC')
    .replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) & 0xf))
    .replace(/\u066b/g, '.')
    .replace(/\u066c/g, ',')
    .replace(/\u2212/g, '-')
    .replace(/\s/g, '');
  if (text === '') return { problem: 'empty' };
  const parts = /^(-?)(\d*)(?:([.,])(\d*))?$/.exec(text);
  if (!parts) {
    if (/^-?[\d.,]+$/.test(text)) return { problem: 'grouped' };
    const around = /^(\D*?)-?\d[\d.,]*(\D*)$/.exec(text);
    const extra = around ? [around[1] ?? '', around[2] ?? ''].filter((part) => part !== '') : [];
    return extra.length > 0 && extra.every((part) => /^[\p{Sc}\p{L}.]+$/u.test(part)) ? { problem: 'extra', extra } : { problem: 'unreadable' };
  }
  const [, sign = '', whole = '', mark, fraction = ''] = parts;
  if (whole === '' && fraction === '') return { problem: 'unreadable' };
  if (mark === marks.group && fraction.length === 3 && /[1-9]/.test(whole)) return { problem: 'grouped' };
  return { amount: Number(`${sign}${whole || '0'}.${fraction || '0'}`) };
}

/** The price field's text for an amount: the currency's decimals, the person's decimal mark; empty for no price. */
export function priceText(amount: number | null, currency: string): string {
  return amount === null ? '' : amount.toFixed(priceDecimals(currency)).replace('.', decimalMarks().decimal);
}

/** An example amount in the person's decimal mark, for the problems' words. */
function example(amount: number, decimals: number): string {
  return amount.toFixed(decimals).replace('.', decimalMarks().decimal);
}

function priceProblem(typed: unknown, currency: string): string {
  const reading = readPrice(typed);
  const decimals = priceDecimals(currency);
  if ('problem' in reading) {
    // what was typed beside the number, named: "Enter a price" read as if none had been
    if (reading.problem === 'extra') return `Enter the price as a number only, without ${reading.extra.map((part) => `“${part}”`).join(' or ')}, for example ${example(19.9, decimals)}.`;
    return reading.problem === 'grouped'
      ? `Enter the price without thousands separators, for example ${example(decimals === 0 ? 1234 : 1234.5, decimals)}.`
      : `Enter a price, for example ${example(19.9, decimals)}.`;
  }
  if (reading.amount < 0) return 'The price cannot be negative.';
  // past 2^53 minor units a number no longer holds every amount: 12345678901234567.89 went out as …568
  if (Math.abs(reading.amount) * 10 ** decimals > Number.MAX_SAFE_INTEGER) return 'This price is too large to be saved exactly.';
  return tooManyDecimals(reading.amount, decimals);
}

/**
 * `currency`: the store's, whose minor unit says how many decimals a price may have. `stockNeeded`:
 * the store counts this product's stock (the editor of a product that has a count), so an emptied
 * field is refused: sent as nothing, the store kept its old count while the screen said "Saved.".
 * `stockNow`: the store's count, taken as it stands even below 0 (oversold), though none is typed so.
 */
export function formProblems(form: ProductForm, currency: string, priceNeeded = true, stockNeeded = false, stockNow?: number): FormProblems {
  return {
    name: form.name.trim() === '' ? 'Enter a name.' : '',
    price: priceNeeded ? priceProblem(form.price, currency) : '',
    inventory: inventoryProblem(form.inventory, stockNeeded, stockNow),
  };
}

export function hasProblems(problems: FormProblems): boolean {
  return problems.name !== '' || problems.price !== '' || problems.inventory !== '';
}

/** The typed price's amount, for a form without problems (NaN otherwise). */
export function priceOf(form: ProductForm): number {
  const reading = readPrice(form.price);
  return 'amount' in reading ? reading.amount : Number.NaN;
}

/**
 * The price to send for a product priced at `was` (null: it has none this app can read), or
 * undefined when unchanged: a field left empty over no price is no change.
 */
export function priceEdit(form: ProductForm, was: number | null): number | undefined {
  const reading = readPrice(form.price);
  if (was === null && 'problem' in reading && reading.problem === 'empty') return undefined;
  const price = priceOf(form);
  return price === was ? undefined : price;
}

/** What a typed stock reads as: its count, or why it has none ('empty': left empty, a valid choice). */
export type InventoryReading = { count: number } | { problem: 'empty' | 'unreadable' | 'grouped' | 'large' };


/**
 * Reads a typed stock: whole digits only (full-width and Arabic-Indic ones too, spaces left out).
 * "1.000", "1,000" or "12 500" with a mark are refused, not guessed: read one way it is a thousand,
 * the other way 1; "2,5" and "2.5" are not a count; nor is "5-".
 */
export function readInventory(typed: unknown): InventoryReading {
  if (typeof typed === 'number') return !Number.isSafeInteger(typed) || typed < 0 ? { problem: 'unreadable' } : typed > MOST_STOCK ? { problem: 'large' } : { count: typed };
  if (typeof typed !== 'string') return { problem: 'empty' };
  const text = typed
    .normalize('NFKC')
    .replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) & 0xf))
    .replace(/[\u066b\u066c]/g, ',')
    .replace(/\s/g, '');
  if (text === '') return { problem: 'empty' };
  if (/^\d{1,3}([.,'’]\d{3})+$/.test(text)) return { problem: 'grouped' };
  if (!/^\+?\d+$/.test(text)) return { problem: 'unreadable' };
  const count = Number(text);
  return count > MOST_STOCK ? { problem: 'large' } : { count };
}

/**
 * Whether `typed` is the store's own count below 0, as it stands (a Shopware product oversold: its
 * `stock` has no minimum). Not a figure to refuse: unchanged, it is not sent (productEdit); refused,
 * the product could not be renamed until a made-up count was typed over the store's.
 */
function storesOwnBelowZero(typed: unknown, stockNow: number | undefined): boolean {
  if (stockNow === undefined || stockNow >= 0) return false;
  const text = typeof typed === 'number' ? String(typed) : typeof typed === 'string' ? typed.normalize('NFKC').replace(/\u2212/g, '-').replace(/\s/g, '') : '';
  return text === String(stockNow);
}

function inventoryProblem(typed: unknown, needed: boolean, stockNow?: number): string {
  const reading = readInventory(typed);
  if ('count' in reading || storesOwnBelowZero(typed, stockNow)) return '';
  if (reading.problem === 'empty') return needed ? 'Enter how many are in stock: 0 or more.' : '';
  if (reading.problem === 'large') return 'Enter a stock of 2,147,483,647 or less.';
  return reading.problem === 'grouped' ? 'Enter the stock without thousands separators, for example 1000.' : 'Inventory is a whole number, 0 or more.';
}

/** The stock field's text for a count; empty where the store keeps none. */
export function inventoryText(count: number | undefined): string {
  return count === undefined ? '' : String(count);
}

/** The inventory as a number to send, or undefined when left empty (or unreadable: formProblems says so). */
export function inventoryOf(form: ProductForm): number | undefined {
  const reading = readInventory(form.inventory);
  return 'count' in reading ? reading.count : undefined;
}

/**
 * Save or Add refused for a field's problem: the keyboard goes to the first field to fix, where a
 * screen reader says its problem (aria-describedby) as it lands. Where the focus is on it already
 * (Enter pressed in the price field), landing says nothing: the problem is said in a live region
 * (sayIn), gone at the next key typed.
 */
export function showFirstProblem(form: HTMLElement | undefined): void {
  showField(form, form?.querySelector<HTMLElement>('[aria-invalid="true"]'));
}

/**
 * The keyboard to `field`, where a screen reader says what aria-describedby ties to it as it lands;
 * where the focus is on it already, its first words said that have any, in a live region (sayIn),
 * gone at the next key typed.
 */
export function showField(form: HTMLElement | undefined, field: HTMLElement | null | undefined): void {
  if (!form || !field) return;
  if (field !== document.activeElement) return field.focus();
  const words = (field.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent?.trim() ?? '');
  sayIn(form, words.find((said) => said !== '') ?? '', 'input');
}

/**
 * Said at the price field when a Save (or Add) would make the product free: 0 typed by mistake, or
 * a field cleared to 0, sold it for nothing at one press. `action`: the button that saves it at 0 anyway.
 */
export function freePriceNote(action: string): string {
  return `A price of 0 makes this product free for shoppers. To sell it at 0, press ${action} again; otherwise enter its price.`;
}

/**
 * Said at the price field of a product on sale (its earlier price, `compareAtPrice`, above its price
 * and shown struck through beside it) when the price typed is at or above that earlier price: the
 * sale badge goes, while the store keeps the earlier price (no platform's edit here sends it:
 * platforms.md). Saving is the merchant's to choose; this says what it does and where the earlier
 * price is changed. '' where the product is not on sale as the store has it, or the price typed is
 * below the earlier one or does not read as a price. Every adapter now gives an earlier price only
 * above the price (platforms.md 1.4); the check stays for copies that mix two versions (the editor's
 * Keep mine: their earlier price, my price) and products an earlier build kept in history.state.
 */
export function wasPriceNote(form: ProductForm, product: Pick<Product, 'price' | 'compareAtPrice' | 'currency'>): string {
  const was = product.compareAtPrice;
  const price = priceOf(form);
  if (was === null || product.price === null || product.price >= was || !(price >= was)) return '';
  return `${price > was ? 'Above' : 'The same as'} the earlier price, ${formatPrice(was, product.currency)}: shoppers will no longer see this product on sale. To keep the sale, enter a lower price; the earlier price is changed or cleared in the store’s own admin.`;
}

/** The form of `product` as the store has it. */
export function formOf(product: Product): ProductForm {
  return {
    name: product.name,
    price: priceText(product.price, product.currency),
    published: product.published,
    inventory: inventoryText(product.inventory),
    description: product.descriptionHtml,
  };
}

/**
 * What a save of `form` sends: each field that differs from the store's copy `base`. Not the stock
 * of a product sold in variants (each variant keeps its own), nor one left empty (only where the
 * store keeps no count; else refused beside the field: formProblems).
 */
export function productEdit(form: ProductForm, base: Product): ProductEdit {
  const edit: ProductEdit = {};
  if (form.name.trim() !== base.name) edit.name = form.name.trim();
  const price = priceEdit(form, base.price);
  if (price !== undefined) edit.price = price;
  if (form.published !== base.published) edit.published = form.published;
  const inventory = inventoryOf(form);
  if (inventory !== undefined && inventory !== base.inventory && !base.soldInVariants) edit.inventory = inventory;
  // As typed: HTML is not trimmed (the merchant's spacing may matter inside <pre>).
  if (form.description !== base.descriptionHtml) edit.description = form.description;
  return edit;
}

/** The fields of `now` that differ from what was sent (typed in since). */
export function typedAfter(sent: ProductForm, now: ProductForm): Partial<ProductForm> {
  const typed: Partial<ProductForm> = {};
  for (const key of Object.keys(now) as (keyof ProductForm)[]) if (now[key] !== sent[key]) Object.assign(typed, { [key]: now[key] });
  return typed;
}

/**
 * Whether the store's `product` holds each field `edit` sets, as sent: a save whose answer never
 * came (ProductEditor), found applied. The description too, as typed: a store that cleaned it is not
 * taken to have this save's (the editor then shows it as changed elsewhere, as before).
 */
export function holdsEdit(product: Product, edit: ProductEdit): boolean {
  return (
    (edit.name === undefined || product.name === edit.name) &&
    (edit.price === undefined || product.price === edit.price) &&
    (edit.published === undefined || product.published === edit.published) &&
    (edit.inventory === undefined || product.inventory === edit.inventory) &&
    (edit.description === undefined || product.descriptionHtml === edit.description)
  );
}

/** An unsaved edit as kept: the form, the version it was typed over, and that version's fields. */
export interface KeptEdit {
  form: ProductForm;
  updated?: string | undefined;
  /** The form as the product was when typing began (drafts of older versions have none). */
  from?: ProductForm | undefined;
  /** Each variant's stock typed (a product sold in variants), by variant id, with the `updated` it was typed over. */
  variants?: Record<string, { typed: string; over: string }> | undefined;
}

/** Each field as the product's own words name it, for saying which were changed. */
const FIELD_WORDS: Readonly<Record<keyof ProductForm, string>> = { name: 'name', price: 'price', inventory: 'stock', published: 'published state', description: 'description' };

/**
 * A kept edit laid over the product as the store has it now (`current`, its form): the fields the
 * merchant changed, and only those, over the store's newer copy. Without `from` (an older draft)
 * nothing tells which fields were typed: undefined, as when nothing was. `alsoChanged` names the
 * fields changed at the store too, where the merchant's words now stand over the store's.
 */
export function keptOnto(kept: KeptEdit, current: ProductForm): { form: ProductForm; alsoChanged: string[] } | undefined {
  const from = kept.from;
  if (!from) return undefined;
  const form = { ...current };
  const alsoChanged: string[] = [];
  for (const key of Object.keys(FIELD_WORDS) as (keyof ProductForm)[]) {
    if (!(key in kept.form) || kept.form[key] === from[key]) continue;
    Object.assign(form, { [key]: kept.form[key] });
    if (current[key] !== from[key] && current[key] !== kept.form[key]) alsoChanged.push(FIELD_WORDS[key]);
  }
  const same = (Object.keys(FIELD_WORDS) as (keyof ProductForm)[]).every((key) => form[key] === current[key]);
  return same ? undefined : { form, alsoChanged };
}

/** What the editor says above the unsaved edit it restored (product as it was, or only variants' stock). */
export const RESTORED = 'Your unsaved changes were restored.';

/**
 * An edit left unsaved (access ran out, the person reconnected), read back over the product as the
 * store has it now (`base`): the form to show and what to say above it; undefined when it brings
 * nothing back. Kept of this same version: as kept (a draft kept before a field was added to the form
 * has none of it: that field is the product's). Changed at the store since (another tab, another
 * person): the fields typed over its newer copy, the others the store's (such a draft was ignored, a
 * long description lost).
 */
export function restoredEdit(kept: KeptEdit, base: Product): { form: ProductForm; notice: string } | undefined {
  if (kept.updated === base.updated) return { form: { ...formOf(base), ...kept.form }, notice: RESTORED };
  const onto = keptOnto(kept, formOf(base));
  return onto && { form: onto.form, notice: keptOntoNotice(onto.alsoChanged) };
}

/** What the editor says above a kept edit restored over a newer version of the product. */
export function keptOntoNotice(alsoChanged: readonly string[]): string {
  const base = 'Your unsaved changes were restored onto this product as the store has it now: it was changed elsewhere since.';
  if (alsoChanged.length === 0) return base;
  const said = alsoChanged.length === 1 ? alsoChanged[0] : `${alsoChanged.slice(0, -1).join(', ')} and ${alsoChanged.at(-1)}`;
  return `${base} Its ${said} changed there too: yours is shown; Discard changes shows the store’s.`;
}
