/**
 * Entry of dist/widget.js (one ES module, built on its own; nothing in the app imports it).
 * Loading it registers `<storefront-products>`; see storefront-products.ts for the attributes.
 */
import { defineStorefrontProducts } from './storefront-products.ts';

export { StorefrontProducts, WIDGET_TAG } from './storefront-products.ts';

defineStorefrontProducts();
