/**
 * oidc-client-ts's StateStore (set/get/remove/getAllKeys) on the KV seam, for the code flow.
 * Structurally typed here so that only src/lib/oidc imports oidc-client-ts.
 *
 * Each entry records when it was stored (by our clock) next to the library's JSON. `remove` (which the
 * library uses to consume a state on the callback) is atomic, refuses entries older than the maximum
 * age, and leaves a "used" marker so that {@link inspect} can tell a replay (OAUTH_STATE_REUSED) from
 * a forgery and an expired state.
 */
import { prefixed, type KeyValueStore } from './kv.ts';

export interface OidcStateStore {
  set(key: string, value: string): Promise<void>;
  get(key: string): Promise<string | null>;
  remove(key: string): Promise<string | null>;
  getAllKeys(): Promise<string[]>;
  /** Looks at a state without consuming it. */
  inspect(key: string): Promise<OidcStateStatus>;
}

export type OidcStateStatus =
  | { status: 'fresh'; value: string }
  | { status: 'used' }
  | { status: 'expired' }
  | { status: 'missing' };

export interface OidcStateStoreOptions {
  now: () => number;
  /** Defaults to 600 s, the same as the client's staleStateAgeInSeconds. */
  maxAgeSeconds?: number;
}

type Entry = { v: 1; value: string; created: number } | { v: 1; usedAt: number };

export function createOidcStateStore(store: KeyValueStore, options: OidcStateStoreOptions): OidcStateStore {
  const kv = prefixed(store, 'oidc:');
  const maxAgeMs = (options.maxAgeSeconds ?? 600) * 1000;
  const isStale = (at: number) => {
    const now = options.now();
    return now - at > maxAgeMs || at - now > 60_000;
  };

  return {
    async set(key, value) {
      await kv.set(key, { v: 1, value, created: options.now() } satisfies Entry);
    },
    async get(key) {
      const entry = parseEntry(await kv.get(key));
      return entry && 'value' in entry ? entry.value : null;
    },
    async remove(key) {
      const result: { value: string | null } = { value: null };
      await kv.update(key, (current) => {
        const entry = parseEntry(current);
        if (!entry) return undefined;
        if ('usedAt' in entry) return isStale(entry.usedAt) ? undefined : entry;
        if (isStale(entry.created)) return undefined;
        result.value = entry.value;
        return { v: 1, usedAt: options.now() } satisfies Entry;
      });
      return result.value;
    },
    async getAllKeys() {
      return kv.keys();
    },
    async inspect(key) {
      const entry = parseEntry(await kv.get(key));
      if (!entry) return { status: 'missing' };
      if ('usedAt' in entry) return isStale(entry.usedAt) ? { status: 'missing' } : { status: 'used' };
      if (isStale(entry.created)) return { status: 'expired' };
      return { status: 'fresh', value: entry.value };
    },
  };
}

function parseEntry(value: unknown): Entry | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (record['v'] !== 1) return null;
  if (typeof record['usedAt'] === 'number') return { v: 1, usedAt: record['usedAt'] };
  if (typeof record['value'] === 'string' && typeof record['created'] === 'number') {
    return { v: 1, value: record['value'], created: record['created'] };
  }
  return null;
}
