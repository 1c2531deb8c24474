/**
 * Entry of dist/widget.js, the classic-script form (IIFE, no exports, no CORS needed): loading it
 * registers `<storefront-products>`. dist/widget.mjs (index.ts) is the same as an ES module.
 */
import { defineStorefrontProducts } from './storefront-products.ts';

defineStorefrontProducts();
