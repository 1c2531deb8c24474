/**
 * The sign-out itself (sign-outs.ts says why it is safe without the store's renewal lock): the marker
 * left, the credential removed at once (under the lock only where the marker could not be written),
 * the other tabs told, the account's unsaved product edits discarded. With the AuthService and the
 * seam's Connections, its only callers, none of it on the first screen. Its steps that may take a while are told to whoever listens (the screens'
 * words for a slow sign-out, state/signing-out.svelte.ts), not passed down through every caller.
 */
import type { SignOuts, SignOutStep } from './sign-outs.ts';
import { openStorage } from '../storage/kv.ts';

/**
 * The Web Lock that serialises a store's renewals across tabs, and its sign-out where the marker
 * could not be written (here, with its only users: the AuthService and the seam's Connections).
 */
export function renewalLockName(storeId: string): string {
  return `storefront-connect:refresh:${storeId}`;
}

/** Writes sent with a store's token that have not had their answer (state/cart-adds.ts: adds to its cart). */
const writes = new Map<string, Set<Promise<unknown>>>();

/**
 * Counts `writing` (a request sent with `storeId`'s token) as under way until it settles: a sign-out
 * meanwhile revokes the token only after it. Its request has left and the store still answers it, with
 * the token it was sent with: revoked first, an add the person was told the sign-out does not stop
 * was refused (401) at a store that took a moment to carry it out, and the item lost unseen.
 */
export function revokeAfter(storeId: string, writing: Promise<unknown>): void {
  const underway = writes.get(storeId) ?? new Set();
  writes.set(storeId, underway.add(writing));
  const done = () => underway.delete(writing) && underway.size === 0 && writes.delete(storeId);
  writing.then(done, done);
}

const listeners = new Set<(storeId: string, step: SignOutStep) => void>();

/** Calls `listener` with each sign-out step of this tab that may take a while; returns the unsubscribe. */
export function onSignOutStep(listener: (storeId: string, step: SignOutStep) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function tell(storeId: string, step: SignOutStep): void {
  for (const listener of listeners) listener(storeId, step);
}

/**
 * Signs out of `storeId`: runs `remove` (which deletes the credential and returns it) once the marker
 * is left, and tells the other tabs. Then `revoke`s what was removed at the store and discards the
 * account's unsaved product edits (storage/drafts.ts: the next person to use this browser must not
 * find them), together; resolves once both are done. A sign-out whose `remove` fails keeps them.
 * With writes under way ({@link revokeAfter}), it resolves once the drafts are gone and the revocation
 * follows their answers (the time limit of a store request at most), run by `meanwhile`: the
 * AuthService's whileLeavingAsks (unload-guard.ts), so that closing the tab then asks first. Passed
 * in, not imported here: the first load would list one more chunk for every import of this one
 * (16 B). Its failure is then no one's, as a revocation is best-effort anyway.
 */
export async function signOutOf<T>(
  signOuts: SignOuts,
  storeId: string,
  remove: () => Promise<T>,
  revoke: (removed: T) => Promise<unknown> = async () => undefined,
  meanwhile: (work: () => Promise<unknown>) => Promise<unknown> = (work) => work(),
): Promise<T> {
  const marked = await signOuts.mark(storeId).then(() => true, () => false);
  if (!marked) tell(storeId, 'waiting');
  const removed = await (marked ? remove() : signOuts.withLock(renewalLockName(storeId), remove));
  signOuts.tell('signed-out', storeId);
  tell(storeId, 'ending');
  // Imported here: a static import would add the drafts' chunk to what the first load names for
  // the AuthService's. Its code not loading (offline) leaves the store's mark, for that code to
  // discard them where it next loads in this browser, before it reads any (drafts.ts
  // DRAFTS_TO_DISCARD_PREFIX). The revocation does not wait for it (on a slow link, one round trip
  // more before the store is told).
  const drafts = import('../storage/drafts.ts').then(
    (m) => m.discardStoreDrafts(storeId),
    () => openStorage().then((storage) => storage.store.set(`discard-drafts:${storeId}`, { v: 1 })).catch(() => undefined),
  );
  const underway = writes.get(storeId);
  const revoked = underway
    ? void meanwhile(() => Promise.allSettled(underway).then(() => revoke(removed))).catch(() => undefined)
    : Promise.resolve(removed).then(revoke);
  // Not done before the drafts are gone, whatever the revocation does; its failure is still the caller's.
  const [discarded, told] = await Promise.allSettled([drafts, revoked]);
  for (const step of [discarded, told]) if (step.status === 'rejected') throw step.reason;
  return removed;
}
