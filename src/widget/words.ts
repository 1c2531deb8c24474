/**
 * The widget's own words on the page, in English unless the host page gives its own, one attribute
 * each: `text-out-of-stock="Ausverkauft"`. Read as the widget draws (no copy kept), so the page's
 * words at that moment show; a change to one alone draws nothing (README: set them before the
 * element is on the page, or with the attributes whose change draws it again). A word is only ever
 * set as text (`textContent`, render.ts), never parsed as HTML: an attribute that holds markup
 * shows it as those characters. An empty one keeps the English word, which each caller gives
 * (one string in the bundle, not two: widget.js has a 6 KB budget).
 */

/** Each word's attribute, `text-` and this. */
export type WidgetWord = 'no-picture' | 'out-of-stock' | 'loading' | 'unavailable' | 'no-match' | 'empty' | 'try-again';

/** The word as `host`'s `text-<word>` attribute gives it now; empty or absent: `english`. */
export function wordOf(host: Element, word: WidgetWord, english: string): string {
  return host.getAttribute(`text-${word}`) || english;
}
