/**
 * Listing the token vault's records (token-vault.ts): what the boot reads before anything is asked
 * of a store, so it is in the first load; reading the records it finds (vault-records.ts) loads only
 * when there are some (a first visit has none), while they are read; writing and reading one record
 * (TokenVault) load with the AuthService. A record that is corrupt or cannot be read is deleted and
 * reported (`discarded`), never allowed to break the list.
 */
import type { StoreSession } from '../oauth/types.ts';
import { prefixed, VAULT_PREFIX } from './kv.ts';
import type { KeyValueStore } from './key-value-store.ts';
import type { StoreLookup } from './vault-records.ts';

export type { StoreLookup } from './vault-records.ts';

export interface VaultListing {
  sessions: StoreSession[];
  /**
   * Store ids whose record was corrupt or unreadable and has been deleted; and those config.json no
   * longer names, whose record is kept and never used (vault-records.ts readListed).
   */
  discarded: string[];
  /**
   * The records of stores on the seam (v2, any platform but Goodsie) by store id, as read: left for
   * the credential vault to check (credential-vault.ts fromListed), not read a second time. Empty:
   * the seam's door need not load.
   */
  seamRecords: ReadonlyMap<string, unknown>;
}

let reading: Promise<typeof import('./vault-records.ts')> | undefined;

/**
 * The code that reads the records the listing finds, asked for once; where storage was opened by an
 * earlier visit, as soon as that is known (LazyAuth.openStorage), so that it is in by the time the
 * records are read. A failed download is tried again at the next call.
 */
export function loadRecordReading(): Promise<typeof import('./vault-records.ts')> {
  reading ??= import('./vault-records.ts');
  reading.catch(() => (reading = undefined));
  return reading;
}

/**
 * Every session of the vault in `store` (unprefixed), each record read once and all at once (a
 * returning visitor's first screen waits for this). `storeOf` as TokenVaultOptions.storeOf (settled:
 * undefined when omitted or rejected): a record not made for its store as config.json gives it is
 * discarded.
 */
export async function listVault(store: KeyValueStore, storeOf: Promise<StoreLookup | undefined>): Promise<VaultListing> {
  const vault = prefixed(store, VAULT_PREFIX);
  const ids = (await vault.keys()).sort();
  const seamRecords = new Map<string, unknown>();
  const sessions: StoreSession[] = [];
  if (ids.length === 0) return { sessions, discarded: [], seamRecords };
  // The records are asked for (and decrypted) while the code that reads them comes in, if it is not
  // in already (loadRecordReading).
  const raws = ids.map((id) => vault.get(id));
  raws.forEach((raw) => raw.catch(() => undefined)); // readListed takes each failure
  const records = await loadRecordReading();
  const read = await Promise.all(ids.map((id, i) => records.readListed(vault, id, raws[i]!, seamRecords, storeOf)));
  const discarded: string[] = [];
  read.forEach((session, i) => {
    if (session === records.OTHER_KIND) return;
    if (session) sessions.push(session);
    else discarded.push(ids[i]!);
  });
  return { sessions, discarded, seamRecords };
}
