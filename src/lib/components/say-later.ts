/**
 * Fills a live region (an empty `role="status"`) with `words` a moment after it is on the page. A
 * region drawn already filled, with the rest of a new screen, is not announced: screen readers
 * watch a live region for changes only once it is there. The words people see
 * are drawn at once beside it (`aria-hidden`), so nothing on the page moves when they are said
 * (SignedOutNote, the stores list's "not a page" note). New words replace the old ones as late,
 * and that change is announced too. An attachment: a note needs no state or timer of its own.
 */
import type { Attachment } from 'svelte/attachments';

/** Long enough for a screen reader to have met the empty region; too short for a person to notice. */
const SAY_AFTER_MS = 100;

/**
 * No clean-up: words that change before the last were said are written after them (the same wait),
 * and a region taken off the page meanwhile is written to unseen.
 */
export function sayLater(words: string): Attachment<HTMLElement> {
  return (region) => void setTimeout(() => (region.textContent = words), SAY_AFTER_MS);
}
