/**
 * How many stores this browser keeps a connection to, for the page shown when config.json could not
 * be used (ConfigErrorView: a returning visitor is told their connections are kept). Counted by the
 * vaults' keys (one per store, kv.ts VAULT_PREFIX; nothing is unsealed) in the storage the boot has
 * opened already; 0 where it cannot be read. Loaded with that page only.
 */
import { openStorage, prefixed, VAULT_PREFIX } from '../storage/kv.ts';

export async function countSavedConnections(): Promise<number> {
  try {
    return (await prefixed((await openStorage()).store, VAULT_PREFIX).keys()).length;
  } catch {
    return 0;
  }
}
