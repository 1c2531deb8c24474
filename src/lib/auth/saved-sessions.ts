/**
 * What the boot needs of the saved sessions before the AuthService loads (auth-port.ts): listing
 * them, checked against config.json's stores, and when a token is due for renewal. Keeping and
 * writing them (session-store.ts, token-vault.ts) loads with the AuthService.
 */
import type { AppConfig } from '../config/types.ts';
import type { KeyValueStore } from '../storage/kv.ts';
import { listVault, type StoreLookup, type VaultListing } from '../storage/vault-listing.ts';

/** The stores of `config` by id, as the vault checks a session's record against them. */
export function storesOf(config: AppConfig): StoreLookup {
  return (storeId) => config.stores.find((store) => store.id === storeId);
}

/** Refresh when the token has this little life left. */
export const REFRESH_MARGIN_MS = 60_000;

/** Every saved session in `sealed`, as a new SessionStore lists them (it has nothing unsaved yet). */
export function readSavedSessions(sealed: KeyValueStore, storeOf: StoreLookup | Promise<StoreLookup>): Promise<VaultListing> {
  return listVault(sealed, Promise.resolve(storeOf).catch(() => undefined));
}
