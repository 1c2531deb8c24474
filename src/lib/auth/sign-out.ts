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
 */
export async function signOutOf<T>(
  signOuts: SignOuts,
  storeId: string,
  remove: () => Promise<T>,
  revoke: (removed: T) => Promise<unknown> = async () => undefined,
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
  const revoked = Promise.resolve(removed).then(revoke);
  // Not done before the drafts are gone, whatever the revocation does; its failure is still the caller's.
  const [discarded, told] = await Promise.allSettled([drafts, revoked]);
  for (const step of [discarded, told]) if (step.status === 'rejected') throw step.reason;
  return removed;
}
