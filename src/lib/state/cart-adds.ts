/**
 * Adds to the cart under way, per store (AddToCart). A sign-out does not stop one: its request has
 * left, and the store adds the item whatever the app does next, where this page can no longer show
 * it. So a sign-out meanwhile asks first (ask-before-sign-out.ts), and Cancel lets the add finish
 * and say what the cart has; the question follows the add to its end (cartAddsSettled). Signed out
 * anyway, the token is revoked only once the add has its answer (auth/sign-out.ts revokeAfter), so
 * the store carries it out with the token it was sent with. Both load this on demand (the first
 * add; a sign-out's check): no screen's first load names it.
 */
import { revokeAfter } from '../auth/sign-out.ts';

const underway = new Map<string, Set<Promise<unknown>>>();

/** Counts `adding` as under way for `storeId` until it settles (either way), and gives its outcome. */
export async function whileAddingToCart<T>(storeId: string, adding: Promise<T>): Promise<T> {
  const adds = underway.get(storeId) ?? new Set();
  underway.set(storeId, adds.add(adding));
  revokeAfter(storeId, adding);
  try {
    return await adding;
  } finally {
    adds.delete(adding);
    if (adds.size === 0) underway.delete(storeId);
  }
}

/** How many adds to `storeId`'s cart have not had their answer yet. */
export function cartAddsUnderway(storeId: string): number {
  return underway.get(storeId)?.size ?? 0;
}

/** Resolves once no add to `storeId`'s cart is under way (each ends by the store API's time limit). */
export async function cartAddsSettled(storeId: string): Promise<void> {
  for (let adds = underway.get(storeId); adds; adds = underway.get(storeId)) await Promise.allSettled(adds);
}
