/**
 * The product whose card was last opened from a catalogue, as the list had it (name, price,
 * pictures): what its page can still show when its own read fails (offline), marked as not all
 * of it. One at a time, for this visit only; a product never opened from a card has none.
 */
import type { Product } from '../domain/catalog.ts';

let opened: { storeId: string; product: Product } | null = null;

/** A card of `storeId`'s catalogue was opened. */
export function noteOpenedCard(storeId: string, product: Product): void {
  opened = { storeId, product };
}

/** The card `productId` of `storeId` was opened from, if it was the last one opened. */
export function openedCard(storeId: string, productId: string): Product | undefined {
  return opened?.storeId === storeId && opened.product.id === productId ? opened.product : undefined;
}
