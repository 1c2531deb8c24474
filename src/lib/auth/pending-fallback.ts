/**
 * Where pending sign-ins wait when storage is not persistent (no IndexedDB): the sessionStorage
 * fallback (storage/session-fallback.ts), loaded only then. The one place it is opened, for
 * LazyAuth.create (auth-port.ts), which hands it to the AuthService, and for AuthService.create when
 * it is made without one.
 */
import type { KeyValueStore, OpenedStorage } from '../storage/kv.ts';

/** The fallback store; null when `storage` is persistent, or when sessionStorage is missing or refused. */
export async function openPendingFallback(storage: OpenedStorage, now: () => number): Promise<KeyValueStore | null> {
  if (storage.persistent) return null;
  // The module whole, not destructured: Vite wraps a destructured import in a function of its own (bytes of the first load).
  const fallback = await import('../storage/session-fallback.ts');
  return fallback.openSessionFallback({ now });
}
