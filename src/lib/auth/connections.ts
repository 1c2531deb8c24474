/**
 * The generic side of connecting a store, over connectors (connect/connector.ts) and the v2 vault:
 * connect with pasted credentials, start and complete a redirect, sign a request (renewing first
 * within 60 s of expiry), handle a 401, forget. Renewal is single-flight per store: one promise per
 * tab and a Web Lock across tabs, the vault re-read inside the lock, and the renewed credential
 * (with a rotated refresh token) written before the lock is released and before it is used.
 * Only TOKEN_EXPIRED from a connector (an `invalid_grant`-class answer) ends a session.
 */
import type { Credential, IssuedCredential } from '../connect/credential.ts';
import type { CapturedCallback, Connector, ConnectorContext, PendingSignIn } from '../connect/connector.ts';
import { findStore } from '../config/find-store.ts';
import type { AppConfig, StoreConfig } from '../config/types.ts';
import { AppError, isAppError } from '../oauth/errors.ts';
import type { CredentialVault } from '../storage/credential-vault.ts';
import { defaultWithLock, REFRESH_MARGIN_MS } from './auth-service.ts';
import { sanitizeReturnTo } from './return-to.ts';

export interface ConnectionsDeps {
  config: AppConfig;
  fetch: typeof globalThis.fetch;
  vault: CredentialVault;
  loadConnector: (kind: string, mode: string) => Promise<Connector>;
  now?: () => number;
  withLock?: <T>(name: string, task: () => Promise<T>) => Promise<T>;
  /** The one pending-sign-in store (issue 8): saves a redirect in flight. */
  savePending?: (pending: PendingSignIn) => Promise<void>;
  /** Runs after a credentials connection, before it is stored (the adapter's probe); its result is kept. */
  probe?: (store: StoreConfig, credential: Credential) => Promise<Credential['capabilities']>;
}

/** What a request was signed with: compared after a 401 so a renewal done meanwhile is not repeated. */
export function signatureOf(credential: Credential): string {
  return credential.tokens?.accessToken ?? Object.values(credential.secrets ?? {}).join('\u0000');
}

export class Connections {
  readonly #deps: ConnectionsDeps;
  readonly #now: () => number;
  readonly #withLock: <T>(name: string, task: () => Promise<T>) => Promise<T>;
  readonly #renewing = new Map<string, Promise<Credential>>();
  /** Bumped by forget, so that a renewal finishing later does not bring the credential back. */
  readonly #generation = new Map<string, number>();

  constructor(deps: ConnectionsDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#withLock = deps.withLock ?? defaultWithLock;
  }

  #context(store: StoreConfig): ConnectorContext {
    return { store, fetch: this.#deps.fetch, now: this.#now };
  }

  #record(store: StoreConfig, issued: IssuedCredential): Credential {
    return { ...issued, v: 2, storeId: store.id, kind: store.kind };
  }

  /** Connects with the values of a credentials form; stores nothing unless every step succeeded. */
  async connect(storeId: string, mode: string, values: Readonly<Record<string, string>>): Promise<Credential> {
    const store = findStore(this.#deps.config, storeId);
    const connector = await this.#deps.loadConnector(store.kind, mode);
    if (connector.style !== 'credentials') throw new AppError('CONFIG_INVALID', `mode ${mode} is not a credentials form`, { storeId });
    const trimmed = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, value.trim()]));
    let credential = this.#record(store, await connector.connect(this.#context(store), trimmed));
    if (this.#deps.probe && credential.capabilities === undefined) {
      const capabilities = await this.#deps.probe(store, credential);
      if (capabilities) credential = { ...credential, capabilities };
    }
    this.#bump(storeId);
    await this.#deps.vault.put(credential);
    return credential;
  }

  /** The authorization URL of a redirect mode (the pending record is saved first). Does not navigate. */
  async beginRedirect(storeId: string, mode: string, request: { scopes: string[]; returnTo: string }): Promise<URL> {
    const store = findStore(this.#deps.config, storeId);
    const connector = await this.#deps.loadConnector(store.kind, mode);
    if (connector.style !== 'redirect') throw new AppError('CONFIG_INVALID', `mode ${mode} is not a redirect`, { storeId });
    const savePending = this.#deps.savePending;
    if (!savePending) throw new AppError('STORAGE_UNAVAILABLE', 'no store for sign-ins in flight', { storeId });
    return connector.begin(this.#context(store), { scopes: request.scopes, returnTo: sanitizeReturnTo(request.returnTo), savePending });
  }

  /** Completes a callback for the pending record already taken (single use), dispatching on its store and mode. */
  async completeRedirect(captured: CapturedCallback, pending: PendingSignIn): Promise<Credential> {
    const store = findStore(this.#deps.config, pending.storeId);
    const connector = await this.#deps.loadConnector(store.kind, pending.mode);
    if (connector.style !== 'redirect') throw new AppError('OAUTH_STATE_MISMATCH', 'the sign-in state does not fit this store', { storeId: store.id });
    const credential = this.#record(store, await connector.complete(this.#context(store), captured, pending));
    this.#bump(store.id);
    await this.#deps.vault.put(credential);
    return credential;
  }

  /** The stored credential, or TOKEN_MISSING. */
  async #current(storeId: string): Promise<Credential> {
    let credential: Credential | null;
    try {
      credential = await this.#deps.vault.get(storeId);
    } catch (error) {
      throw new AppError('TOKEN_MISSING', 'no usable connection for this store', { storeId, cause: error });
    }
    if (!credential) throw new AppError('TOKEN_MISSING', 'not connected to this store', { storeId });
    return credential;
  }

  #due(credential: Credential): boolean {
    const expiresAt = credential.tokens?.expiresAt;
    return expiresAt !== undefined && expiresAt !== null && expiresAt - this.#now() <= REFRESH_MARGIN_MS;
  }

  /** Signs `headers` for `storeId`, renewing first when due; returns what it signed with. */
  async sign(storeId: string, headers: Headers): Promise<string> {
    let credential = await this.#current(storeId);
    const connector = await this.#deps.loadConnector(credential.kind, credential.mode);
    if (this.#due(credential)) {
      if (connector.renew) {
        try {
          credential = await this.#renew(storeId, signatureOf(credential));
        } catch (error) {
          // A transient failure keeps the refresh token; the current token serves while it lasts.
          const stillValid = (credential.tokens?.expiresAt ?? 0) > this.#now();
          if (!(isAppError(error) && error.code !== 'TOKEN_EXPIRED' && error.code !== 'TOKEN_MISSING' && stillValid)) throw error;
        }
      } else if ((credential.tokens?.expiresAt ?? 0) <= this.#now()) {
        await this.#forgetIfUnchanged(storeId, signatureOf(credential));
        throw new AppError('TOKEN_EXPIRED', 'the access token has expired', { storeId });
      }
    }
    connector.sign(credential, headers);
    return signatureOf(credential);
  }

  /** After a 401 for a request signed with `refused`: renews once, or ends the session (TOKEN_EXPIRED). */
  async handleUnauthorized(storeId: string, refused: string): Promise<void> {
    const credential = await this.#current(storeId);
    if (signatureOf(credential) !== refused) return; // renewed meanwhile
    const connector = await this.#deps.loadConnector(credential.kind, credential.mode);
    if (connector.renew) {
      await this.#renew(storeId, refused, true);
      return;
    }
    await this.#forgetIfUnchanged(storeId, refused);
    throw new AppError('TOKEN_EXPIRED', 'the store no longer accepts this connection', { storeId });
  }

  /** Forgets the credential (best-effort revocation at the store first). */
  async forget(storeId: string): Promise<void> {
    this.#bump(storeId);
    const credential = await this.#deps.vault.get(storeId).catch(() => null);
    if (credential) {
      const store = findStore(this.#deps.config, storeId);
      const connector = await this.#deps.loadConnector(credential.kind, credential.mode).catch(() => undefined);
      await connector?.revoke?.(this.#context(store), credential).catch(() => undefined);
    }
    await this.#deps.vault.delete(storeId);
  }

  #renew(storeId: string, stale: string, force = false): Promise<Credential> {
    let running = this.#renewing.get(storeId);
    if (!running) {
      running = this.#withLock(`storefront-connect:refresh:${storeId}`, () => this.#runRenew(storeId, stale, force)).finally(() =>
        this.#renewing.delete(storeId),
      );
      this.#renewing.set(storeId, running);
    }
    return running;
  }

  async #runRenew(storeId: string, stale: string, force: boolean): Promise<Credential> {
    // Re-read under the lock: another tab may have renewed already.
    const current = await this.#current(storeId);
    if (signatureOf(current) !== stale && !this.#due(current)) return current;
    if (!force && signatureOf(current) === stale && !this.#due(current)) return current;
    const store = findStore(this.#deps.config, storeId);
    const connector = await this.#deps.loadConnector(current.kind, current.mode);
    if (!connector.renew) throw new AppError('TOKEN_EXPIRED', 'this connection cannot be renewed', { storeId });
    const generation = this.#generation.get(storeId) ?? 0;
    let issued: IssuedCredential;
    try {
      issued = await connector.renew(this.#context(store), current);
    } catch (error) {
      if (isAppError(error) && error.code === 'TOKEN_EXPIRED') {
        await this.#forgetIfUnchanged(storeId, stale);
        error.storeId ??= storeId;
      }
      throw error;
    }
    if ((this.#generation.get(storeId) ?? 0) !== generation) throw new AppError('TOKEN_MISSING', 'forgotten while renewing', { storeId });
    const renewed = this.#record(store, { ...issued, mode: current.mode });
    if (renewed.secrets === undefined && current.secrets) renewed.secrets = current.secrets;
    if (renewed.capabilities === undefined && current.capabilities) renewed.capabilities = current.capabilities;
    await this.#deps.vault.put(renewed); // durable before the lock is released and the token used
    return renewed;
  }

  async #forgetIfUnchanged(storeId: string, signature: string): Promise<void> {
    const current = await this.#deps.vault.get(storeId).catch(() => null);
    if (current && signatureOf(current) !== signature) return;
    this.#bump(storeId);
    await this.#deps.vault.delete(storeId);
  }

  #bump(storeId: string): void {
    this.#generation.set(storeId, (this.#generation.get(storeId) ?? 0) + 1);
  }
}
