/**
 * The token vault: one record per store id, `{ v: 1, session }`. A record that is corrupt or cannot be
 * read is deleted and reported (STORAGE_CORRUPT / `discarded`), never allowed to break the list.
 * Listing it is in vault-listing.ts, which the boot reads without this class (writing a record and
 * reading one load with the AuthService).
 */
import type { StoreSession } from '../oauth/types.ts';
import { credentialOrigins } from '../connect/credential-origins.ts';
import { prefixed, VAULT_PREFIX, type KeyValueStore } from './kv.ts';
import { readVaultRecord } from './vault-record.ts';
import { listVault, type VaultListing } from './vault-listing.ts';
import { accepted, copySession, parseRecord, VAULT_SCHEMA_VERSION, type StoreLookup } from './vault-records.ts';

export { type VaultListing } from './vault-listing.ts';
export { parseTokenSet, parseVaultRecord, VAULT_SCHEMA_VERSION, type StoreLookup } from './vault-records.ts';

interface VaultRecord {
  v: typeof VAULT_SCHEMA_VERSION;
  session: StoreSession;
  /** The origins the session was made for (connect/credential-origins.ts); absent in older records. */
  origins?: string[];
}

export interface TokenVaultOptions {
  /**
   * The stores as config.json gives them (security case 25): a record of a store config.json now
   * gives another platform or other servers is discarded like a damaged one, and each record written
   * records the origins it is made for. A promise (the boot lists the sessions while config.json is
   * still being checked): reads wait for it; rejected (config.json is broken, and the app uses no
   * session), nothing is checked. Omitted: nothing is checked or recorded.
   */
  storeOf?: StoreLookup | Promise<StoreLookup>;
}

export class TokenVault {
  readonly #unprefixed: KeyValueStore;
  readonly #store: KeyValueStore;
  readonly #storeOf: Promise<StoreLookup | undefined>;

  constructor(store: KeyValueStore, options: TokenVaultOptions = {}) {
    this.#unprefixed = store;
    this.#store = prefixed(store, VAULT_PREFIX);
    this.#storeOf = Promise.resolve(options.storeOf).catch(() => undefined);
  }

  /** Every session, each record read once and all at once (vault-listing.ts). */
  list(): Promise<VaultListing> {
    return listVault(this.#unprefixed, this.#storeOf);
  }

  /** The session of `storeId`, or null. A corrupt record is deleted, then STORAGE_CORRUPT is thrown once. */
  async get(storeId: string): Promise<StoreSession | null> {
    const storeOf = await this.#storeOf;
    return readVaultRecord(this.#store, storeId, (raw) => {
      const record = parseRecord(raw, storeId);
      return record && accepted(record, storeOf) ? record.session : null;
    });
  }

  async put(session: StoreSession): Promise<void> {
    const record: VaultRecord = { v: VAULT_SCHEMA_VERSION, session: copySession(session) };
    const store = (await this.#storeOf)?.(session.storeId);
    if (store) record.origins = credentialOrigins(store);
    await this.#store.set(session.storeId, record);
  }

  async delete(storeId: string): Promise<void> {
    await this.#store.del(storeId);
  }
}
