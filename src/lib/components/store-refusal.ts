/**
 * A save the store refused (SaveRefusedError), as the product forms show it: the store's words
 * beside each field it named while that field still holds what was sent (a change clears them), and
 * the rest, with words for a field this form does not show, in one summary. Loaded with the forms.
 */
import type { RefusedField, SaveRefusal } from '../domain/refusal.ts';
import type { ProductForm } from './product-form.ts';

/** The form's field each refused field is typed in. */
const INPUT: Readonly<Record<RefusedField, keyof ProductForm>> = { name: 'name', price: 'price', inventory: 'inventory', description: 'description', published: 'published' };

/** The order the fields are drawn in (ProductFields), for the focus to go to the first one named. */
export const FIELD_ORDER: readonly RefusedField[] = ['name', 'price', 'inventory', 'published', 'description'];

export interface RefusalShown {
  /** The store's words per field still as sent ("The store said: …"). */
  fields: Partial<Record<RefusedField, string>>;
  /** The store's words for no field shown (its summary, and fields this form lacks); '' for none. */
  summary: string;
}

export const NOTHING_REFUSED: RefusalShown = Object.freeze({ fields: Object.freeze({}), summary: '' });

/**
 * `shown`: the fields the form draws (FlickRocket's has no price or inventory). `sent`: the form as
 * it was when the refused save went out; `form`: as it is now.
 */
export function refusalShown(refusal: SaveRefusal | null, sent: ProductForm | null, form: ProductForm, shown: readonly RefusedField[]): RefusalShown {
  if (refusal === null || sent === null) return NOTHING_REFUSED;
  const fields: RefusalShown['fields'] = {};
  const elsewhere: string[] = refusal.summary === '' ? [] : [refusal.summary];
  for (const field of FIELD_ORDER) {
    const words = refusal.fields[field];
    if (words === undefined) continue;
    if (!shown.includes(field)) elsewhere.push(words);
    else if (String(form[INPUT[field]] ?? '') === String(sent[INPUT[field]] ?? '')) fields[field] = `The store said: ${words}`;
  }
  return { fields, summary: elsewhere.join(' ') };
}

/** The id of the first field the store named, drawn with `idPrefix` (ProductFields), for the focus. */
export function firstRefusedId(shown: RefusalShown, idPrefix: string): string | undefined {
  const first = FIELD_ORDER.find((field) => shown.fields[field] !== undefined);
  return first === undefined ? undefined : `${idPrefix}-${first}`;
}
