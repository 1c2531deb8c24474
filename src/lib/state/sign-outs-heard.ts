/**
 * How many sign-outs (or Forget key, token, sign-in) of each store this tab has heard of, in this tab or
 * another, since the store screens' code loaded: a list a view kept in memory for Back (the router's
 * memory, CatalogView) is of the connection it was loaded under, and is not shown again once that
 * connection has ended. On a shared computer the next person, connected to the same store in this
 * browser with their own access, would otherwise be shown the list the first person loaded (the
 * products only a manager sees among them) by Back, or by another tab as the new connection lands.
 * Heard on a channel of its own: the one the AuthService and the seam's Connections post on
 * (session-channel.ts) delivers to every other channel object of its name, in this tab as in others.
 * Loaded with the catalogue, before any list is kept, and with the product drafts (product-draft.ts:
 * an open form saves none for a store once its sign-out is heard, until a new connection of it is):
 * the first load carries none of it.
 */
import { openSessionChannel } from '../auth/session-channel.ts';

const heard = new Map<string, number>();
/** For each store, the sign-outs heard when a connection of it was last heard made (or its grant changed). */
const connectedAfter = new Map<string, number>();

openSessionChannel()?.subscribe((message) => {
  if (message.type === 'signed-out') heard.set(message.storeId, signOutsHeard(message.storeId) + 1);
  else connectedAfter.set(message.storeId, signOutsHeard(message.storeId));
});

export function signOutsHeard(storeId: string): number {
  return heard.get(storeId) ?? 0;
}

/** Whether a new connection of `storeId` was heard since its last sign-out heard (none heard: false). */
export function connectedSinceSignOut(storeId: string): boolean {
  const outs = signOutsHeard(storeId);
  return outs > 0 && connectedAfter.get(storeId) === outs;
}
