/**
 * A part of a screen open when a Reconnect leaves the page for the store's sign-in (the New product
 * form, whose typed product its draft keeps), opened again on the page the sign-in comes back to:
 * the merchant is where they were (it came back closed, the draft behind "New product"). Carried
 * through the sign-in in its returnTo address, `?open=<part>` after the route's own (no route reads
 * it; the pending sign-in this browser saved keeps it), and taken off as the sign-in finishes.
 */
const MARK = 'open=';

/** The part open on the screen now (one at a time: the screen's one form), set while it is open. */
let openNow: string | null = null;
/** The part to open again on the page a sign-in came back to (its address without the mark). */
let toReopen: { path: string; part: string } | null = null;

/** Says that `part` is open on the screen (null: it closed). */
export function markOpen(part: string | null): void {
  openNow = part;
}

/** `returnTo` with the part open on the screen now, if one is. */
export function withOpenPart(returnTo: string): string {
  return openNow === null ? returnTo : `${returnTo}${returnTo.includes('?') ? '&' : '?'}${MARK}${encodeURIComponent(openNow)}`;
}

/** The address a sign-in came back to, without its mark; the part it carried is kept for {@link takeReopen}. */
export function noteReturnedTo(returnTo: string): string {
  const at = returnTo.search(/[?&]open=/);
  if (at < 0) return returnTo;
  const path = returnTo.slice(0, at);
  toReopen = { path, part: decodeURIComponent(returnTo.slice(at + 1 + MARK.length)) };
  return path;
}

/** Whether `part` was open on `path` when a sign-in left it and came back to it now. Taken once. */
export function takeReopen(path: string, part: string): boolean {
  const was = toReopen;
  if (was?.path !== path || was.part !== part) return false;
  toReopen = null;
  return true;
}
