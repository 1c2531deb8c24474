/**
 * What this browser keeps for a store config.json no longer names (removed from the deployment, or
 * left out by a stale copy of the file): its record stays, never used, and the person is told of it
 * at every visit (vault-records.ts readListed, Banners) until the store is listed again or they
 * forget it here. Forgetting deletes, in this browser only, everything kept under the store's id:
 * its connection (tokens or pasted credentials), the markers of how it ended or was signed out, its
 * embed token, the widget key and the copied snippet's marker, and its unsaved product edits (a
 * database of their own, drafts.ts), as a sign-out discards them. Nothing is sent anywhere: config.json
 * no longer says where the store is, so no revocation is tried.
 */
import { VAULT_PREFIX, type KeyValueStore } from './kv.ts';
import { discardStoreDrafts } from './drafts.ts';

/** Each key that holds something of one store, by the prefix before its id. */
const PER_STORE = [VAULT_PREFIX, 'ended:', 'signed-out:', 'storefront-key:', 'copied-snippet:', `embed:${VAULT_PREFIX}`];

export async function forgetUnlistedStore(store: KeyValueStore, storeId: string): Promise<void> {
  await Promise.all([...PER_STORE.map((prefix) => store.del(prefix + storeId)), discardStoreDrafts(storeId)]);
}
