/**
 * What came of a request for access, per store, as of the last sign-in made in this tab: the scopes
 * it asked for and the store did not grant (the person left them unticked on its consent page, or
 * the store does not give them to this app; RFC 6749 5.1: the token response's `scope` is the grant),
 * or, for more access asked of a connected store, how it was refused. What stays locked then says
 * the store did not grant it when last asked, rather than asking as if it never had been.
 * Loaded with the callback that notes it and the screens that say it, not with the first screen.
 */
/**
 * How more access asked of a connected store was refused: the person's Deny, the store's error
 * answer on the redirect, or, after consent, a token request that could not reach the store
 * (`unreachable`) or that it refused or answered with an error (`failed`); or the app's own refusal
 * of the answer: it came after the sign-in lifetime (`expired`), it was used before (`used`: a
 * second tab, history), or config.json configures the store differently since it began (`changed`:
 * another flow or client id). Each leaves the connection as it was.
 */
export type Refusal = 'declined' | 'error' | 'unreachable' | 'failed' | 'expired' | 'used' | 'changed';

/** How long a request for more access may wait on the store's consent page, in words. */
export { SIGN_IN_LIFETIME_WORDS } from '../oauth/state.ts';

const withheld = $state<Record<string, readonly string[]>>({});
const refusals = $state<Record<string, Refusal>>({});

/** A sign-in to `storeId` that asked for `asked` was granted `granted`: whether it left any out. */
export function noteWithheld(storeId: string, asked: readonly string[], granted: readonly string[]): boolean {
  const left = asked.filter((scope) => !granted.includes(scope));
  withheld[storeId] = left;
  delete refusals[storeId];
  return left.length > 0;
}

/** What the last sign-in to each store asked for and got, and the page it came back to (not drawn: no $state). */
const granted: Record<string, { scopes: readonly string[]; path: string }> = {};

/** A sign-in to `storeId` that asked for `asked` got `got`, and came back to `path`. */
export function noteGranted(storeId: string, asked: readonly string[], got: readonly string[], path: string): void {
  granted[storeId] = { scopes: asked.filter((scope) => got.includes(scope)), path };
}

/**
 * Whether the last sign-in to `storeId` asked for `scope`, got it and came back to `path`: the page
 * that asked for more access, whose unlocked control then takes the focus (Add to cart, below a
 * phone's fold). Taken once: a later visit to the page is not such a return.
 */
export function takeGranted(storeId: string, scope: string, path: string): boolean {
  const last = granted[storeId];
  if (!last || last.path !== path || !last.scopes.includes(scope)) return false;
  delete granted[storeId];
  return true;
}

/** The scopes the last sign-in to `storeId` asked for and was not granted ([] when none). */
export function withheldScopes(storeId: string): readonly string[] {
  return withheld[storeId] ?? [];
}

/** More access asked of connected `storeId` was refused ({@link Refusal}): the connection is as it was. */
export function noteRefusedMore(storeId: string, how: Refusal): void {
  refusals[storeId] = how;
}

/** How the last request for more access to `storeId` was refused, if it was. */
export function refusedMore(storeId: string): Refusal | undefined {
  return refusals[storeId];
}
