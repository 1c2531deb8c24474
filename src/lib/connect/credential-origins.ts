/**
 * Which servers a saved connection was made for (security case 25: a key that does not match its
 * store). A credential is sent to its store's API and, where the store has them, to its token and
 * revocation endpoints; the vaults record those origins with each record they write, and a record
 * whose store config.json now points at an origin it was not made for is discarded like a damaged
 * one, so that a token issued by one server is never sent to another (an apiBase moved to a new
 * host, or a config.json someone changed). Records written before origins were recorded carry none
 * and are kept; their next write records them.
 */
import type { StoreConfig } from './store-config.ts';

/** The origins a credential of `store` is sent to, sorted, each once. */
export function credentialOrigins(store: StoreConfig): string[] {
  const { apiBase, tokenEndpoint, revocationEndpoint } = store as { apiBase: string; tokenEndpoint?: string; revocationEndpoint?: string };
  return [...new Set([apiBase, tokenEndpoint, revocationEndpoint].filter((url) => url).map((url) => new URL(url!).origin))].sort();
}

/**
 * Whether a record of `kind` made for `recorded` may serve `store` as config.json gives it now: the
 * same platform, and every origin it would now be sent to one it was made for (none recorded: an
 * older record, kept). No store (an id config.json no longer names): kept, and never used.
 */
export function madeFor(store: StoreConfig | undefined, kind: string, recorded: readonly string[] | undefined): boolean {
  if (!store) return true;
  if (store.kind !== kind) return false;
  return recorded === undefined || credentialOrigins(store).every((origin) => recorded.includes(origin));
}
