/**
 * A connected seam store's calls through its door (store-connections.ts): each request signed
 * (renewing first when due), a 401 answered, and what the connection may do asked again (a role
 * changed at the store). Only the store screens make them, so they load with those, not with the
 * first screen (as sign-in-again.ts). Access that ends on the way (no renewal can help) is noted on
 * the session, which shows the reconnect banner (Session.noteEnded), and the failure thrown on.
 */
import type { StoreConnections } from './store-connections.ts';
import type { Session } from './session.svelte.ts';

async function throughDoor<T>(session: Session, storeId: string, call: (door: StoreConnections) => Promise<T>): Promise<T> {
  try {
    return await call(await session.seam());
  } catch (error) {
    session.noteEnded(storeId, error);
    throw error;
  }
}

/** Signs a seam store's request (renewing first when due); returns what it signed with, for a 401. */
export function signSeamRequest(session: Session, storeId: string, headers: Headers): Promise<string> {
  return throughDoor(session, storeId, (door) => door.sign(storeId, headers));
}

/** A seam store answered 401 to a request signed with `refused`: renew once, or access has ended. */
export function seamUnauthorized(session: Session, storeId: string, refused: string): Promise<void> {
  return throughDoor(session, storeId, (door) => door.handleUnauthorized(storeId, refused));
}

/** Asks a probed store again what this connection may do (a role changed there): the screens follow. */
export async function recheck(session: Session, storeId: string): Promise<void> {
  session.link(await throughDoor(session, storeId, (door) => door.recheck(storeId)), false);
}
