/**
 * Merchant text (a store's, product's or category's name) in a sentence of the app's own: text in a
 * right-to-left script (Arabic, Hebrew, Persian…) goes between FIRST STRONG ISOLATE and POP
 * DIRECTIONAL ISOLATE, so that it keeps its own direction and a number or bracket at its end stays
 * with it: in "Nothing in (3) كوب matches", "(3)" is drawn on the right of its word, not pulled to
 * the left by the English around it. Unlike `<bdi>` it works in strings built in code too and
 * keeps the sentence one text node. Text with no right-to-left letter and no bidi control is
 * returned as it is. An element that holds merchant text alone takes `dir="auto"` instead.
 *
 * Text holding a bidi control is isolated too, whatever its letters: a RIGHT-TO-LEFT OVERRIDE left
 * open in a name ("Mug\u202E") would otherwise reverse the app's words after it to the end of the
 * paragraph (a price or "published" drawn backwards in the editor's conflict line). Inside the
 * isolate an open embedding or override ends at our closing mark (UAX #9 X6a); the name's own
 * isolate marks are dropped, since a stray POP DIRECTIONAL ISOLATE would close ours early and one
 * it opens would take our closing mark.
 * @see https://www.w3.org/International/questions/qa-bidi-unicode-controls
 * @see https://www.unicode.org/reports/tr9/#X6a
 */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
/** ALM, LRM, RLM, the embeddings and overrides (LRE…RLO) and the isolates (LRI…PDI). */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const ISOLATE_MARKS = /[\u2066-\u2069]/g;

export function isolateDirection(text: string): string {
  if (!RIGHT_TO_LEFT.test(text) && !BIDI_CONTROL.test(text)) return text;
  return `\u2068${text.replace(ISOLATE_MARKS, '')}\u2069`;
}
