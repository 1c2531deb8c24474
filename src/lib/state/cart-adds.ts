/**
 * Adds to the cart under way, per store (AddToCart). A sign-out does not stop one: its request has
 * left, and the store adds the item whatever the app does next, where this page can no longer show
 * it. So a sign-out meanwhile asks first (ask-before-sign-out.ts), and Cancel lets the add finish
 * and say what the cart has. Both load this on demand (the first add; a sign-out's check): no
 * screen's first load names it.
 */
const underway = new Map<string, number>();

/** Counts `adding` as under way for `storeId` until it settles (either way), and gives its outcome. */
export async function whileAddingToCart<T>(storeId: string, adding: Promise<T>): Promise<T> {
  underway.set(storeId, (underway.get(storeId) ?? 0) + 1);
  try {
    return await adding;
  } finally {
    const left = (underway.get(storeId) ?? 1) - 1;
    if (left > 0) underway.set(storeId, left);
    else underway.delete(storeId);
  }
}

/** How many adds to `storeId`'s cart have not had their answer yet. */
export function cartAddsUnderway(storeId: string): number {
  return underway.get(storeId) ?? 0;
}
