/**
 * Merchant text (a store's, product's or category's name) in a sentence of the app's own: text in a
 * right-to-left script (Arabic, Hebrew, Persian…) goes between FIRST STRONG ISOLATE and POP
 * DIRECTIONAL ISOLATE, so that it keeps its own direction and a number or bracket at its end stays
 * with it: in "Nothing in (3) كوب matches", "(3)" is drawn on the right of its word, not pulled to
 * the left by the English around it. Unlike `<bdi>` it works in strings built in code too and
 * keeps the sentence one text node. Text with no right-to-left letter is returned as it is. An
 * element that holds merchant text alone takes `dir="auto"` instead.
 * @see https://www.w3.org/International/questions/qa-bidi-unicode-controls
 */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

export function isolateDirection(text: string): string {
  return RIGHT_TO_LEFT.test(text) ? `\u2068${text}\u2069` : text;
}
