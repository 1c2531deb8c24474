/**
 * The app's door to the seam's Connections (auth/connections.ts) for stores that connect with pasted
 * credentials (StoreHippo): list their records at start, connect, sign, handle a 401, forget.
 * Connections and the v2 vault load on first use, so a deployment of Goodsie stores only does not
 * carry them in its first load.
 */
import type { Credential } from '../connect/credential.ts';
import type { AppConfig } from '../config/types.ts';
import { getProvider, loadConnector } from '../providers/registry.ts';
import type { KeyValueStore } from '../storage/kv.ts';
import type { Connections } from './connections.ts';
import type { CredentialVault } from '../storage/credential-vault.ts';

export interface CredentialServiceDeps {
  config: AppConfig;
  fetch: typeof fetch;
  now: () => number;
  /** The same key-value store the token vault uses (records v2 sit on the same keys). */
  store: KeyValueStore;
}

export class CredentialService {
  readonly #deps: CredentialServiceDeps;
  #loaded: Promise<{ connections: Connections; vault: CredentialVault }> | undefined;

  constructor(deps: CredentialServiceDeps) {
    this.#deps = deps;
  }

  /** Store ids whose config offers only pasted-credential modes (their records are v2 Credentials). */
  #credentialStoreIds(): string[] {
    return this.#deps.config.stores
      .filter((store) => {
        const modes = getProvider(store.kind).modesOf(store);
        return modes.length > 0 && modes.every((mode) => mode.style === 'credentials');
      })
      .map((store) => store.id);
  }

  #load(): Promise<{ connections: Connections; vault: CredentialVault }> {
    const { config, fetch, now, store } = this.#deps;
    return (this.#loaded ??= Promise.all([import('./connections.ts'), import('../storage/credential-vault.ts')]).then(([{ Connections }, { CredentialVault }]) => {
      // No v1 record can exist for a credentials store; the mode is never used.
      const vault = new CredentialVault(store, { v1Mode: () => 'implicit' });
      return { vault, connections: new Connections({ config, fetch, vault, loadConnector, now }) };
    }));
  }

  /** The stored credentials of the credentials stores; damaged records are deleted and listed in `discarded`. */
  async list(): Promise<{ credentials: Credential[]; discarded: string[] }> {
    const ids = this.#credentialStoreIds();
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

  async forget(storeId: string): Promise<void> {
    return (await this.#load()).connections.forget(storeId);
  }
}
