/**
 * Connecting a store with pasted credentials (SEAM.md 3-4): loads the kind's connector for the mode,
 * lets it check the paste and probe, and stores the credential only when that fully succeeded.
 * Forget deletes the record. Plain TS; the Session wraps it for the UI.
 */
import type { Credential } from '../connect/credential.ts';
import type { AppConfig } from '../config/types.ts';
import { findStore } from '../config/find-store.ts';
import { AppError } from '../oauth/errors.ts';
import { getProvider, loadConnector } from '../providers/registry.ts';
import type { CredentialVault } from '../storage/credential-vault.ts';

export class CredentialService {
  readonly #config: AppConfig;
  readonly #vault: CredentialVault;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;

  constructor(deps: { config: AppConfig; vault: CredentialVault; fetch: typeof fetch; now: () => number }) {
    this.#config = deps.config;
    this.#vault = deps.vault;
    this.#fetch = deps.fetch;
    this.#now = deps.now;
  }

  list(): Promise<{ credentials: Credential[]; discarded: string[] }> {
    return this.#vault.list();
  }

  /** Connects `storeId` in `mode` with the form's values; stores and returns the credential. */
  async connect(storeId: string, mode: string, values: Readonly<Record<string, string>>): Promise<Credential> {
    const store = findStore(this.#config, storeId);
    const offered = getProvider(store.kind).modesOf(store).find((m) => m.id === mode);
    if (!offered || offered.style !== 'credentials') throw new AppError('CONFIG_INVALID', `this store does not offer the ${mode} mode`, { storeId });
    const connector = await loadConnector(store.kind, mode);
    if (connector.style !== 'credentials') throw new AppError('CONFIG_INVALID', `the ${mode} mode is not a credentials mode`, { storeId });
    const issued = await connector.connect({ store, fetch: this.#fetch, now: this.#now }, values);
    const credential: Credential = { ...issued, v: 2, storeId, kind: store.kind };
    await this.#vault.put(credential);
    return credential;
  }

  forget(storeId: string): Promise<void> {
    return this.#vault.delete(storeId);
  }
}
