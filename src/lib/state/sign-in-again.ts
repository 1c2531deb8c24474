/**
 * Signing in again to a store that is (or was) connected: for one more scope (a locked feature's
 * Grant access), or with the scopes it had when its access ended (Reconnect). Only the store screens
 * offer these, so they load with them, not with the first screen; Session.signIn does the rest.
 */
import type { Session } from './session.svelte.ts';
import { withOpenPart } from './open-on-return.ts';
import { grantedScopes } from './store-capabilities.ts';

/**
 * Asks the store for one more scope on top of what is granted, coming back to `returnTo` with what
 * was open there (the New product form whose Add the store refused for the permission:
 * open-on-return.ts), as Reconnect does.
 */
export function requestScope(session: Session, storeId: string, scope: string, returnTo: string): Promise<void> {
  const store = session.store(storeId);
  const current = session.isConnected(storeId) ? grantedScopes(session, storeId) : (store && 'defaultScopes' in store ? store.defaultScopes : []);
  const scopes = [...new Set([...current, scope])];
  return session.signIn(storeId, { scopes, returnTo: withOpenPart(returnTo) });
}

/** Reconnects an expired session with the scopes it had, coming back as requestScope does. */
export function reconnect(session: Session, storeId: string, returnTo: string): Promise<void> {
  const scopes = session.sessionFor(storeId)?.tokens.scopes;
  return session.signIn(storeId, { returnTo: withOpenPart(returnTo), ...(scopes && scopes.length > 0 ? { scopes } : {}) });
}
