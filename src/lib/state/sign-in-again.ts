/**
 * Signing in again to a store that is (or was) connected: for one more scope (a locked feature's
 * Grant access), or with the scopes it had when its access ended (Reconnect). Only the store screens
 * offer these, so they load with them, not with the first screen; Session.signIn does the rest.
 */
import type { Session } from './session.svelte.ts';

/** Asks the store for one more scope on top of what is granted, returning to `returnTo`. */
export function requestScope(session: Session, storeId: string, scope: string, returnTo: string): Promise<void> {
  const store = session.store(storeId);
  const current = session.isConnected(storeId) ? session.grantedScopes(storeId) : (store && 'defaultScopes' in store ? store.defaultScopes : []);
  const scopes = [...new Set([...current, scope])];
  return session.signIn(storeId, { scopes, returnTo });
}

/** Reconnects an expired session with the scopes it had. */
export function reconnect(session: Session, storeId: string, returnTo: string): Promise<void> {
  const scopes = session.sessionFor(storeId)?.tokens.scopes;
  return session.signIn(storeId, { returnTo, ...(scopes && scopes.length > 0 ? { scopes } : {}) });
}
