/**
 * The latest copy of each product this tab read or saved one by one (a product's page, a save, the
 * store's copy in an edit conflict), per store. A list shown again from memory (Back to a catalogue
 * loaded before) shows these in place of the copies it loaded then, so a card never contradicts the
 * page just left: a merchant who renamed a product and pressed Back sees the new name, and one who
 * saved every variant of a product at 0 sees it out of stock. Holds only the products a person
 * opened, so it stays as small as one visit.
 */
import { inStockOfVariants, type Product, type ProductVariants } from '../domain/catalog.ts';

export class FreshCopies {
  readonly #copies = new Map<string, Map<string, Product>>();

  note(storeId: string, product: Product): void {
    let copies = this.#copies.get(storeId);
    if (!copies) this.#copies.set(storeId, (copies = new Map()));
    copies.set(product.id, product);
  }

  /**
   * The variants of `parent`, a product sold in variants, as just read (its page reads them again
   * after each save of their stock): its copy takes the stock they say.
   */
  noteVariants(storeId: string, parent: Product, read: ProductVariants): void {
    const copy = this.#copies.get(storeId)?.get(parent.id) ?? parent;
    const inStock = inStockOfVariants(read, copy.inStock);
    if (inStock !== copy.inStock) this.note(storeId, { ...copy, inStock });
  }

  /** `products` with each later copy noted put in its place; the same array when none is later. */
  freshen(storeId: string, products: readonly Product[]): readonly Product[] {
    const copies = this.#copies.get(storeId);
    if (!copies || copies.size === 0) return products;
    let fresh: Product[] | null = null;
    products.forEach((listed, i) => {
      const copy = copies.get(listed.id);
      if (copy && copy !== listed && later(copy, listed)) (fresh ??= [...products])[i] = copy;
    });
    return fresh ?? products;
  }
}

/**
 * Whether `copy` is a later version than `listed` by their `updated` times. Where either has none
 * (a platform without it), the copy is taken: it was read one by one, after the list that the
 * person left to open it. So is the same version of a product sold in variants: its stock is its
 * variants', whose saves leave the product's own `updated` as it was (Shopware's parent).
 */
function later(copy: Product, listed: Product): boolean {
  const a = Date.parse(copy.updated ?? '');
  const b = Date.parse(listed.updated ?? '');
  return Number.isNaN(a) || Number.isNaN(b) || a > b || (a === b && copy.soldInVariants === true);
}
