/**
 * How many sign-outs (or Forget credentials) of each store this tab has heard of, in this tab or
 * another, since the store screens' code loaded: a list a view kept in memory for Back (the router's
 * memory, CatalogView) is of the connection it was loaded under, and is not shown again once that
 * connection has ended. On a shared computer the next person, connected to the same store in this
 * browser with their own access, would otherwise be shown the list the first person loaded (the
 * products only a manager sees among them) by Back, or by another tab as the new connection lands.
 * Heard on a channel of its own: the one the AuthService and the seam's Connections post on
 * (session-channel.ts) delivers to every other channel object of its name, in this tab as in others.
 * Loaded with the catalogue, before any list is kept, and with the product drafts (product-draft.ts:
 * an open form saves none for a store once its sign-out is heard): the first load carries none of it.
 */
import { openSessionChannel } from '../auth/session-channel.ts';

const heard = new Map<string, number>();

openSessionChannel()?.subscribe((message) => {
  if (message.type === 'signed-out') heard.set(message.storeId, signOutsHeard(message.storeId) + 1);
});

export function signOutsHeard(storeId: string): number {
  return heard.get(storeId) ?? 0;
}
