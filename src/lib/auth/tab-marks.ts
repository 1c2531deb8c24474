/**
 * This tab's own marks, on the sessionStorage store (storage/session-fallback.ts): which redirect
 * sign-in was begun in this tab, so that a callback without `state` (FlickRocket does not echo it)
 * is taken only there, not in a tab another site opened with a code of its own
 * (state/store-connections.ts). Loaded with the seam's first redirect.
 */
import type { KeyValueStore } from '../storage/kv.ts';
import { openSessionFallback } from '../storage/session-fallback.ts';

/** The marks' store; null when the tab has no storage of its own (then such a callback is refused). */
export function openTabMarks(now: () => number): KeyValueStore | null {
  return openSessionFallback({ now });
}
