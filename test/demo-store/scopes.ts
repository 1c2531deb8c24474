/** The Goodsie scope vocabulary and the one rule that relates its scopes. */

export type Scope = 'storefront' | 'cart' | 'admin';

export const ALL_SCOPES: readonly Scope[] = ['storefront', 'cart', 'admin'];

/** What the consent page tells the person each scope allows (from goodsie-api.yaml). */
export const SCOPE_DESCRIPTIONS: Readonly<Record<Scope, string>> = {
  storefront: 'Read products, pages and storefront metadata.',
  cart: "Read and write the shopper's cart.",
  admin: 'Everything in storefront, plus write products and pages, and read and write orders and coupons.',
};

export function isScope(value: string): value is Scope {
  return (ALL_SCOPES as readonly string[]).includes(value);
}

/** Splits a space-separated scope string, dropping empties and duplicates, keeping order. */
export function splitScopes(scope: string): string[] {
  return [...new Set(scope.split(' ').filter((s) => s !== ''))];
}

/** `admin` includes everything `storefront` gives, but not `cart`. */
export function scopeSatisfies(granted: readonly Scope[], needed: Scope): boolean {
  if (granted.includes(needed)) return true;
  return needed === 'storefront' && granted.includes('admin');
}
