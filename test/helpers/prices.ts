import type { Product } from '../../src/lib/domain/catalog.ts';

/**
 * A product's price, which the platforms that require one (all but FlickRocket, whose products may
 * have no price model) never leave out: a product mapped without one (null) fails the test.
 */
export function requirePrice(product: Pick<Product, 'id' | 'price'>): number {
  if (product.price === null) throw new Error(`product ${product.id} was mapped without a price`);
  return product.price;
}

/** The products' prices, each required ({@link requirePrice}). */
export function pricesOf(products: readonly Pick<Product, 'id' | 'price'>[]): number[] {
  return products.map(requirePrice);
}
