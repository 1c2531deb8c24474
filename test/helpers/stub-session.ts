/**
 * A Session for component tests of the stores list and the store screens: over `stores`, on an
 * AuthService stand-in with nothing saved that fails any request; a test connects a seam store with
 * `session.link(...)`.
 */
import type { AuthEvent } from '../../src/lib/auth/auth-service.ts';
import type { AppConfig, StoreConfig } from '../../src/lib/config/types.ts';
import { Session } from '../../src/lib/state/session.svelte.ts';
import { createMemoryStore } from '../../src/lib/storage/memory-store.ts';
import { endedMarkers, endedRecord, type EndedMarker } from '../../src/lib/storage/ended-markers.ts';

export function sessionOf(...stores: StoreConfig[]): Session {
  return stubbed(stores);
}

/**
 * As {@link sessionOf}, loaded after a reload where the stores of `ended` had their connections ended
 * by the store (the markers storage/ended-markers.ts keeps beside the credentials).
 */
export async function sessionEndedBefore(ended: Record<string, EndedMarker>, ...stores: StoreConfig[]): Promise<Session> {
  const credentialStore = createMemoryStore();
  for (const [id, marker] of Object.entries(ended)) await endedMarkers(credentialStore).set(id, endedRecord(marker));
  const session = stubbed(stores, credentialStore);
  await session.load();
  return session;
}

function stubbed(stores: StoreConfig[], credentialStore = createMemoryStore()): Session {
  const auth = {
    persistent: true,
    returning: true, // storage an earlier visit left: Session.load reads the ended markers
    canSignIn: true,
    credentialStore,
    fetchImpl: (() => Promise.reject(new Error('no request expected'))) as typeof fetch,
    listSessions: async () => ({ sessions: [], discarded: [], seamRecords: new Map() }),
    onEvent: (_listener: (event: AuthEvent) => void) => () => undefined,
  } as unknown as ConstructorParameters<typeof Session>[0];
  return new Session(auth, { stores } as AppConfig);
}
