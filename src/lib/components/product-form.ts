/**
 * The product form that editing a product and adding one share: its fields as the inputs hold them,
 * and what is wrong with each, in words shown beside it. ProductFields.svelte draws the fields.
 */

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

export function formProblems(form: ProductForm, priceNeeded = true): FormProblems {
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
          : '',
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
