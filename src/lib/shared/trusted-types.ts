/**
 * The Trusted Types policies the app's pages make, by name: the shipped Content-Security-Policy
 * enforces Trusted Types (`require-trusted-types-for 'script'`) and allows exactly these
 * (`trusted-types`, test/deploy/csp.ts), so that a string put into a DOM sink that goes through none
 * of them (innerHTML, a script's or a worker's address, eval) is refused and reported. None is
 * made twice in a page ('allow-duplicates' is not sent).
 * @see https://w3c.github.io/trusted-types/dist/spec/
 */

/** Ours (warm-format.ts): signs the price-format worker's address, and nothing else. */
export const WORKER_POLICY = 'price-format.worker';

export const TRUSTED_TYPES_POLICIES: readonly string[] = [
  // Svelte's (svelte/src/internal/client/dom/reconciler.js), made as its runtime loads: its
  // templates' markup, compiled into the app, goes into a <template> through it. The app has no
  // {@html}: merchant HTML is inserted as the sanitizer's nodes (SafeHtml.svelte).
  'svelte-trusted-html',
  // DOMPurify's (dompurify/dist/purify.es.mjs), made at the first sanitize: it parses the merchant's
  // HTML with DOMParser, in a document of its own where nothing loads or runs.
  'dompurify',
  WORKER_POLICY,
];
