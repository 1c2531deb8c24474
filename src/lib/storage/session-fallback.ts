/**
 * Where a PENDING sign-in waits for its callback when IndexedDB is unavailable (private mode, storage
 * blocked): a KeyValueStore over sessionStorage. Without it, a sign-in could not survive the redirect
 * to the store and back, and the app would be unusable in those browsers.
 *
 * What may go here, and only here: the pending sign-in (state, store id, scopes, return route,
 * createdAt; for the code flow oidc-client-ts's state, which includes the PKCE code_verifier) and the
 * "used" markers that make a state single use; and, in any browser, the mark of a redirect sign-in
 * begun in this tab (its state: auth/tab-marks.ts). Never a token: the AuthService keeps tokens in memory
 * when storage is not persistent. sessionStorage is per tab and per origin, and is cleared when the
 * tab closes. The callback consumes its entry (the single-use store swaps it for a marker) and an
 * entry older than the sign-in lifetime is refused with OAUTH_STATE_EXPIRED. This
 * store removes whatever is left (abandoned sign-ins, old markers) once it is twice that old, when it
 * opens and whenever its keys are listed, so nothing lingers for the tab's life.
 *
 * This is the one module allowed to touch sessionStorage (see test/unit/layering.test.ts).
 */
import { AppError } from '../oauth/errors.ts';
import { SIGN_IN_LIFETIME_MS } from '../oauth/state.ts';
import type { KeyValueStore } from './kv.ts';
import { FUTURE_SKEW_MS } from './single-use-store.ts';
import { isStorageFull } from './storage-full.ts';

/** Every key this module writes starts with this, so it never reads or removes anyone else's. */
export const SESSION_FALLBACK_PREFIX = 'storefront-connect:';
/**
 * Entries are removed once this old: twice the sign-in lifetime after which the single-use store
 * refuses them, so that a late callback is still told "took too long", not "not started here".
 */
export const SESSION_FALLBACK_RETAIN_MS = 2 * SIGN_IN_LIFETIME_MS;
const PROBE_KEY = `${SESSION_FALLBACK_PREFIX}__probe__`;

/** The part of the Web Storage interface this module uses (so tests can pass their own). */
export type WebStorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export interface SessionFallbackOptions {
  /** Defaults to globalThis.sessionStorage; null when the platform has none. */
  storage?: WebStorageLike | null;
  now: () => number;
  retainMs?: number;
}

interface Envelope {
  at: number;
  value: unknown;
}

/**
 * A KeyValueStore on sessionStorage, or null when sessionStorage is missing or refuses a write (then
 * no sign-in can survive a redirect, and the caller says so), except for want of space: then its
 * writes fail with STORAGE_FULL until space is freed. Values must be plain JSON.
 */
export function openSessionFallback(options: SessionFallbackOptions): KeyValueStore | null {
  let storage: WebStorageLike | null | undefined;
  try {
    // Reading the global itself throws a SecurityError where storage is blocked.
    storage = 'storage' in options ? options.storage : (globalThis as { sessionStorage?: Storage }).sessionStorage;
    if (!storage) return null;
    let full = false;
    try {
      storage.setItem(PROBE_KEY, '1');
    } catch (error) {
      // Full (its quota taken by this site's other data), not missing: kept, so that a sign-in says
      // "out of storage space" (STORAGE_FULL) and works once space is freed, rather than "blocked".
      if (!isStorageFull(error)) throw error;
      full = true;
    }
    const read = storage.getItem(PROBE_KEY);
    storage.removeItem(PROBE_KEY);
    if (!full && read !== '1') return null;
  } catch {
    return null;
  }
  const store = createSessionFallbackStore(storage, options.now, options.retainMs ?? SESSION_FALLBACK_RETAIN_MS);
  void store.keys().catch(() => undefined); // sweeps what earlier visits left behind
  return store;
}

function createSessionFallbackStore(storage: WebStorageLike, now: () => number, retainMs: number): KeyValueStore {
  const isStale = (at: number) => {
    const current = now();
    return current - at > retainMs || at - current > FUTURE_SKEW_MS;
  };

  /** Only the DOMException's name survives; a refusal for want of space is told apart (not "private mode"). */
  const failed = (error: unknown): AppError => {
    const name = error instanceof Error ? error.name : 'unknown';
    return new AppError(isStorageFull(error) ? 'STORAGE_FULL' : 'STORAGE_UNAVAILABLE', `sessionStorage failed (${name})`, { cause: name });
  };

  /** The value under `key`; an unreadable entry, or one past its retention, is removed and reads as undefined. */
  const read = (key: string): unknown => {
    const full = SESSION_FALLBACK_PREFIX + key;
    let raw: string | null;
    try {
      raw = storage.getItem(full);
    } catch (error) {
      throw failed(error);
    }
    if (raw === null) return undefined;
    const envelope = parseEnvelope(raw);
    if (!envelope || isStale(envelope.at)) {
      remove(key);
      return undefined;
    }
    return envelope.value;
  };

  const write = (key: string, value: unknown): void => {
    const envelope: Envelope = { at: now(), value };
    try {
      storage.setItem(SESSION_FALLBACK_PREFIX + key, JSON.stringify(envelope));
    } catch (error) {
      throw failed(error);
    }
  };

  const remove = (key: string): void => {
    try {
      storage.removeItem(SESSION_FALLBACK_PREFIX + key);
    } catch (error) {
      throw failed(error);
    }
  };

  /** Our keys (prefix removed), after sweeping the stale and unreadable ones. */
  const liveKeys = (): string[] => {
    const ours: string[] = [];
    try {
      for (let index = 0; index < storage.length; index++) {
        const full = storage.key(index);
        if (full !== null && full.startsWith(SESSION_FALLBACK_PREFIX) && full !== PROBE_KEY) {
          ours.push(full.slice(SESSION_FALLBACK_PREFIX.length));
        }
      }
    } catch (error) {
      throw failed(error);
    }
    return ours.filter((key) => read(key) !== undefined);
  };

  return {
    get: async (key) => structuredClone(read(key)),
    set: async (key, value) => write(key, value),
    del: async (key) => remove(key),
    keys: async () => liveKeys(),
    // sessionStorage is synchronous and belongs to this tab alone: a read and write with no await
    // between them cannot interleave with anything else, so this is atomic.
    update: async (key, next) => {
      const current = read(key);
      const value = next(structuredClone(current));
      if (value === undefined) remove(key);
      else write(key, value);
      return current;
    },
  };
}

function parseEnvelope(raw: string): Envelope | null {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || !('at' in parsed) || !('value' in parsed)) return null;
    const { at, value } = parsed as { at: unknown; value: unknown };
    if (typeof at !== 'number' || !Number.isFinite(at)) return null;
    return { at, value };
  } catch {
    return null;
  }
}
