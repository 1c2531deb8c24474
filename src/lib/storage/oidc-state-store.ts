/**
 * oidc-client-ts's StateStore (set/get/remove/getAllKeys) on the KV seam, for the code flow.
 * Structurally typed here so that only src/lib/oidc imports oidc-client-ts.
 *
 * The entries live on the single-use store: `remove` (which the library uses to consume a state on
 * the callback) is atomic, refuses entries older than the sign-in lifetime, and leaves a "used"
 * marker so that {@link inspect} can tell a replay (OAUTH_STATE_REUSED) from a forgery and an
 * expired state.
 */
import type { KeyValueStore } from './kv.ts';
import { SingleUseStore, type MarkerAbout, type SingleUseStatus } from './single-use-store.ts';

export interface OidcStateStore {
  set(key: string, value: string): Promise<void>;
  get(key: string): Promise<string | null>;
  remove(key: string): Promise<string | null>;
  getAllKeys(): Promise<string[]>;
  /** Looks at a state without consuming it. */
  inspect(key: string): Promise<OidcStateStatus>;
}

export type OidcStateStatus = SingleUseStatus<string>;

export interface OidcStateStoreOptions {
  now: () => number;
  /** Defaults to SIGN_IN_LIFETIME_MS, which the code flow also gives the client as staleStateAgeInSeconds. */
  lifetimeMs?: number;
}

export function createOidcStateStore(store: KeyValueStore, options: OidcStateStoreOptions): OidcStateStore {
  const states = new SingleUseStore<string>(store, 'oidc:', {
    now: options.now,
    parse: (value) => (typeof value === 'string' ? value : null),
    about: aboutState,
    ...(options.lifetimeMs !== undefined ? { lifetimeMs: options.lifetimeMs } : {}),
  });
  const valueOf = (found: SingleUseStatus<string>) => (found.status === 'fresh' ? found.value : null);
  return {
    set: (key, value) => states.put(key, value),
    get: async (key) => valueOf(await states.peek(key)),
    remove: async (key) => valueOf(await states.take(key)),
    getAllKeys: () => states.keys(),
    inspect: (key) => states.peek(key),
  };
}

/**
 * The store and page of a code-flow sign-in, from the library's state (its `data` is ours:
 * code-flow.ts CodeFlowStateData), for its used or expired marker; never its code_verifier.
 */
function aboutState(value: string): MarkerAbout | undefined {
  try {
    const data = (JSON.parse(value) as { data?: { storeId?: unknown; returnTo?: unknown } } | null)?.data;
    return typeof data?.storeId === 'string' && typeof data.returnTo === 'string' ? { storeId: data.storeId, returnTo: data.returnTo } : undefined;
  } catch {
    return undefined;
  }
}
