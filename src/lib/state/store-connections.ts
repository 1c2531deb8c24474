/**
 * The app's door to the seam (auth/connections.ts) for the kinds that run on it (every kind but
 * Goodsie, whose flows are in auth/auth-service.ts): list their saved credentials at start, connect
 * with a credentials form (probing what the credential may do before anything is stored), sign a
 * request, handle a 401, forget. Connections, the v2 vault, the transport and the platform's
 * connector and adapter load on first use, so a deployment of Goodsie stores only carries none of it.
 */
import type { Credential } from '../connect/credential.ts';
import type { AppConfig, StoreConfig } from '../config/types.ts';
import type { Capability } from '../domain/capability.ts';
import { AppError } from '../oauth/errors.ts';
import type { KeyValueStore } from '../storage/kv.ts';
import type { Connections } from '../auth/connections.ts';
import type { CredentialVault } from '../storage/credential-vault.ts';

export interface StoreConnectionsDeps {
  config: AppConfig;
  fetch: typeof fetch;
  /** The same (sealed) key-value store the Goodsie token vault uses: v2 records sit on the same keys. */
  store: KeyValueStore;
  now?: () => number;
  withLock?: <T>(name: string, task: () => Promise<T>) => Promise<T>;
}

interface Loaded {
  connections: Connections;
  vault: CredentialVault;
}

/** Whether `store` runs on the seam (its credential is a v2 record handled by Connections). */
export function onSeam(store: StoreConfig): boolean {
  return store.kind !== 'goodsie';
}

export class StoreConnections {
  readonly #deps: StoreConnectionsDeps;
  #loaded: Promise<Loaded> | undefined;

  constructor(deps: StoreConnectionsDeps) {
    this.#deps = deps;
  }

  #load(): Promise<Loaded> {
    const { config, fetch, store, now, withLock } = this.#deps;
    return (this.#loaded ??= Promise.all([import('../auth/connections.ts'), import('../storage/credential-vault.ts'), import('../providers/loaders.ts')]).then(
      ([{ Connections }, { CredentialVault }, loaders]) => {
        // No v1 record can exist for a seam store (v1 was Goodsie's); the mode is never used.
        const vault = new CredentialVault(store, { v1Mode: () => 'implicit' });
        const connections = new Connections({
          config,
          fetch,
          vault,
          loadConnector: loaders.loadConnector,
          probe: (target, credential) => probeWith(target, credential, fetch, loaders),
          ...(now ? { now } : {}),
          ...(withLock ? { withLock } : {}),
        });
        return { vault, connections };
      },
    ));
  }

  /** The saved credentials of the seam stores; damaged records are deleted and listed in `discarded`. */
  async list(): Promise<{ credentials: Credential[]; discarded: string[] }> {
    const ids = this.#deps.config.stores.filter(onSeam).map((s) => s.id);
    const credentials: Credential[] = [];
    const discarded: string[] = [];
    if (ids.length === 0) return { credentials, discarded };
    const { vault } = await this.#load();
    for (const id of ids) {
      try {
        const credential = await vault.get(id);
        if (credential) credentials.push(credential);
      } catch {
        discarded.push(id);
      }
    }
    return { credentials, discarded };
  }

  async connect(storeId: string, mode: string, values: Readonly<Record<string, string>>): Promise<Credential> {
    return (await this.#load()).connections.connect(storeId, mode, values);
  }

  async sign(storeId: string, headers: Headers): Promise<string> {
    return (await this.#load()).connections.sign(storeId, headers);
  }

  async handleUnauthorized(storeId: string, refused: string): Promise<void> {
    return (await this.#load()).connections.handleUnauthorized(storeId, refused);
  }

  /** The stored credential as it is now (a renewal may have replaced the one listed at start). */
  async current(storeId: string): Promise<Credential | null> {
    return (await this.#load()).vault.get(storeId);
  }

  async forget(storeId: string): Promise<void> {
    return (await this.#load()).connections.forget(storeId);
  }
}

/**
 * What a fresh credential may do, for platforms whose capabilities come from probes (Shopware):
 * the adapter's probe over a transport signed with that credential alone (nothing stored yet, so a
 * 401 here means the credential does not work).
 */
async function probeWith(
  store: StoreConfig,
  credential: Credential,
  fetch: typeof globalThis.fetch,
  loaders: typeof import('../providers/loaders.ts'),
): Promise<Capability[] | undefined> {
  const [{ createTransport }, connector, createAdapter] = await Promise.all([
    import('../api/transport.ts'),
    loaders.loadConnector(store.kind, credential.mode),
    loaders.loadAdapter(store.kind),
  ]);
  let hooks: ReturnType<typeof createAdapter>['hooks'];
  const send = createTransport({
    apiBase: store.apiBase,
    fetch,
    sign: async (headers) => {
      connector.sign(credential, headers);
      return 'probe';
    },
    onUnauthorized: () => Promise.reject(new AppError('CREDENTIALS_REJECTED', 'The store refused the new credential when it was first used.', { storeId: store.id })),
    hooks: () => hooks,
  });
  const adapter = createAdapter({ store, send });
  hooks = adapter.hooks;
  return adapter.probe ? adapter.probe() : undefined;
}
