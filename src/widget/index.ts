/**
 * Entry of dist/widget.mjs (the ES-module form; classic.ts is dist/widget.js, the classic script).
 * Loading it registers `<storefront-products>`; see storefront-products.ts for the attributes.
 */
import { defineStorefrontProducts } from './storefront-products.ts';

export { StorefrontProducts, WIDGET_TAG } from './storefront-products.ts';

defineStorefrontProducts();
