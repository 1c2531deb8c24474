/**
 * The generic side of connecting a store, over connectors (connect/connector.ts) and the v2 vault:
 * connect with pasted credentials, start and complete a redirect, sign a request (renewing first
 * within 60 s of expiry), handle a 401, forget. Renewal is single-flight per store: one promise per
 * tab and a Web Lock across tabs, the vault re-read inside the lock, and the renewed credential
 * (with a rotated refresh token) written before the lock is released and before it is used.
 * Only TOKEN_EXPIRED from a connector (an `invalid_grant`-class answer) ends a session.
 * Forget is Goodsie's authoritative sign-out (sign-outs.ts): a marker that a renewal in any tab checks
 * before spending, before writing and after, without waiting for the lock; the other tabs told at once.
 */
import type { Credential, IssuedCredential } from '../connect/credential.ts';
import type { CapturedCallback, Connector, ConnectorContext, PendingSignIn } from '../connect/connector.ts';
import { fetchWithTimeout } from '../connect/token-timeout.ts';
import { findStore } from '../config/find-store.ts';
import type { AppConfig, StoreConfig } from '../config/types.ts';
import { AppError, isAppError } from '../oauth/errors.ts';
import { sameScopes } from '../oauth/scopes.ts';
import type { CredentialVault } from '../storage/credential-vault.ts';
import type { EndedReason } from '../storage/ended-markers.ts';
// From saved-sessions.ts (in the first load already), not auth-service.ts: that import made every
// deployment with a seam store download the AuthService on its first screen.
import { REFRESH_MARGIN_MS } from './saved-sessions.ts';
import { defaultWithLock, type SignOuts, type WithLock } from './sign-outs.ts';
import { renewalLockName, signOutOf } from './sign-out.ts';
import { sanitizeReturnTo } from './return-to.ts';
import { renewalsWritten, whileLeavingAsks } from './unload-guard.ts';
import { renewalUnavailable } from './renewal-errors.ts';
import { refusal, type StorageRefusal } from '../storage/storage-full.ts';

export interface ConnectionsDeps {
  config: AppConfig;
  fetch: typeof globalThis.fetch;
  vault: CredentialVault;
  loadConnector: (kind: string, mode: string) => Promise<Connector>;
  now?: () => number;
  withLock?: WithLock;
  /** The app's sign-outs (markers, the channel to other tabs): the AuthService's. Without: forget is local to this object. */
  signOuts?: SignOuts;
  /** The one pending-sign-in store (issue 8): saves a redirect in flight. */
  savePending?: (pending: PendingSignIn) => Promise<void>;
  /** How long a connector's token request may take before it fails as a network failure; TOKEN_TIMEOUT_MS by default. */
  tokenTimeoutMs?: number;
  /** Runs after a credentials connection, before it is stored (the adapter's probe); its result is kept. */
  probe?: (store: StoreConfig, credential: Credential) => Promise<Credential['capabilities']>;
  /**
   * A renewal saved a credential granting other scopes than the one it renewed (fewer, or others):
   * this tab's screens follow it (the other tabs are told on the channel, as of a new connection).
   */
  onRegranted?: (credential: Credential) => void;
  /**
   * Storage refused to write a credential (a quota, a closed database): it is kept in memory for this
   * tab, so a rotated refresh token is not lost, and the screens say it ends with the tab; `why`:
   * 'full' where refused for want of space (storage-full.ts), which the person can free.
   */
  onWriteFailed?: (storeId: string, why: StorageRefusal, saveAgain: () => Promise<void>) => void;
  /** A credential kept in memory only (onWriteFailed) is saved after all, or replaced by a newer one saved. */
  onSaved?: (storeId: string) => void;
  /**
   * A renewal failed for a passing reason (no network, a 5xx, a 429): the refresh token is kept, and
   * the screens say the store cannot be reached just now, and retry (security case 22).
   */
  onRenewalUnavailable?: (storeId: string) => void;
  /** A renewal went through (after one that could not): the store is reachable again. */
  onRenewed?: (storeId: string) => void;
}

/** What a request was signed with: compared after a 401 so a renewal done meanwhile is not repeated. */
export function signatureOf(credential: Credential): string {
  return credential.tokens?.accessToken ?? Object.values(credential.secrets ?? {}).join('\u0000');
}

export class Connections {
  readonly #deps: ConnectionsDeps;
  readonly #now: () => number;
  readonly #withLock: WithLock;
  /** The connectors' fetch: a token request that never answers fails as a network failure (token-timeout.ts). */
  readonly #tokenFetch: typeof fetch;
  readonly #renewing = new Map<string, Promise<Credential>>();
  /** Bumped by forget, so that a renewal finishing later does not bring the credential back. */
  readonly #generation = new Map<string, number>();
  /**
   * Credentials storage refused to write, kept for this tab (security case 24): they win over the
   * vault's older copy until written, forgotten, or replaced in another tab (as the AuthService's
   * SessionStore does for Goodsie).
   */
  readonly #unsaved = new Map<string, Credential>();
  /**
   * Per store, what a renewal after a 401 was for when it failed for a passing reason: its retry
   * renews while the credential is still that one, though this clock does not find it due (the
   * store refused it early: revoked, or its clock ahead), as the AuthService's does for Goodsie.
   */
  readonly #refusedPending = new Map<string, string>();

  constructor(deps: ConnectionsDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#tokenFetch = fetchWithTimeout(deps.fetch, deps.tokenTimeoutMs);
    this.#withLock = deps.withLock ?? deps.signOuts?.withLock ?? defaultWithLock;
    // Signed out in another tab: a renewal of this tab finishing later must not write back.
    deps.signOuts?.on('signed-out', (storeId) => {
      this.#bump(storeId);
      this.#unsaved.delete(storeId);
    });
    // Connected again in another tab: the vault holds that connection now.
    deps.signOuts?.on('connected', (storeId) => this.#unsaved.delete(storeId));
  }

  /** Writes the credential; where storage refuses, keeps it in memory for this tab and says so. */
  async #put(credential: Credential): Promise<boolean> {
    const storeId = credential.storeId;
    const wasUnsaved = this.#unsaved.has(storeId);
    try {
      await this.#deps.vault.put(credential);
      this.#unsaved.delete(storeId);
      if (wasUnsaved) this.#deps.onSaved?.(storeId);
      return true;
    } catch (error) {
      this.#unsaved.set(storeId, credential);
      this.#deps.onWriteFailed?.(storeId, refusal(error), () => this.#saveAgain(storeId));
      return false;
    }
  }

  /**
   * Writes again the credential of `storeId` that storage refused (the person freed space): under the
   * store's renewal lock, so it never races a renewal's write, with the newest copy this tab holds,
   * read inside the lock; one in the vault obtained later (another tab's) wins and this older copy is
   * dropped. Forgotten meanwhile: nothing is written, or what was is undone. As the AuthService's.
   */
  #saveAgain(storeId: string): Promise<void> {
    const generation = this.#generation.get(storeId) ?? 0;
    const startedAt = this.#now();
    const forgotten = async () => (this.#generation.get(storeId) ?? 0) !== generation || (await this.#signedOutSince(storeId, startedAt));
    return this.#withLock(renewalLockName(storeId), async () => {
      const kept = this.#unsaved.get(storeId);
      const saved = kept && !(await forgotten()) ? await this.#deps.vault.get(storeId).catch(() => null) : null;
      const newer = saved && (saved.tokens?.obtainedAt ?? 0) > (kept?.tokens?.obtainedAt ?? 0);
      if (!kept || this.#unsaved.get(storeId) !== kept || newer || (await forgotten())) {
        if (newer && this.#unsaved.get(storeId) === kept) this.#unsaved.delete(storeId);
        if (!this.#unsaved.has(storeId)) this.#deps.onSaved?.(storeId);
        return;
      }
      if ((await this.#put(kept)) && (await forgotten())) await this.#delete(storeId).catch(() => undefined);
    }).catch(() => undefined); // never rejects: what happened is told (onWriteFailed, onSaved)
  }

  /** The credential as it is now (this tab's unwritten one first), or null. A damaged record throws STORAGE_CORRUPT once. */
  async current(storeId: string): Promise<Credential | null> {
    return this.#unsaved.get(storeId) ?? this.#deps.vault.get(storeId);
  }

  async #delete(storeId: string): Promise<void> {
    this.#unsaved.delete(storeId);
    await this.#deps.vault.delete(storeId);
  }

  #context(store: StoreConfig): ConnectorContext {
    return { store, fetch: this.#tokenFetch, now: this.#now };
  }

  #record(store: StoreConfig, issued: IssuedCredential): Credential {
    return { ...issued, v: 2, storeId: store.id, kind: store.kind };
  }

  /**
   * Saves what a new probe found the connection may do (store-connections.ts recheck), on the
   * credential as it is now under the store's lock (a renewal meanwhile keeps its tokens); the other
   * tabs are told. Undefined capabilities (a platform that does not probe): unchanged.
   */
  async keepCapabilities(storeId: string, capabilities: Credential['capabilities']): Promise<Credential> {
    return this.#withLock(renewalLockName(storeId), async () => {
      const current = await this.#current(storeId);
      if (!capabilities) return current;
      const updated: Credential = { ...current, capabilities: [...capabilities] };
      await this.#put(updated);
      this.#deps.signOuts?.tell('connected', storeId);
      return updated;
    });
  }

  /** Connects with the values of a credentials form; stores nothing unless every step succeeded. */
  async connect(storeId: string, mode: string, values: Readonly<Record<string, string>>): Promise<Credential> {
    const store = findStore(this.#deps.config, storeId);
    const connector = await this.#deps.loadConnector(store.kind, mode);
    if (connector.style !== 'credentials') throw new AppError('CONFIG_INVALID', `mode ${mode} is not a credentials form`, { storeId });
    // Spaces around a pasted value are the copy's, not the value's; a password's are its own (a
    // store compares it as typed: Shopware's password_verify), so it is sent as typed.
    const trimmed = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, name === 'password' ? value : value.trim()]));
    let credential = this.#record(store, await connector.connect(this.#context(store), trimmed));
    if (this.#deps.probe && credential.capabilities === undefined) {
      const capabilities = await this.#deps.probe(store, credential);
      if (capabilities) credential = { ...credential, capabilities };
    }
    await this.#store(credential);
    return credential;
  }

  /** The authorization URL of a redirect mode (the pending record is saved first). Does not navigate. */
  async beginRedirect(storeId: string, mode: string, request: { scopes: string[]; returnTo: string }): Promise<URL> {
    const store = findStore(this.#deps.config, storeId);
    const connector = await this.#deps.loadConnector(store.kind, mode);
    if (connector.style !== 'redirect') throw new AppError('CONFIG_INVALID', `mode ${mode} is not a redirect`, { storeId });
    const savePending = this.#deps.savePending;
    if (!savePending) throw new AppError('STORAGE_UNAVAILABLE', 'no store for sign-ins in flight', { storeId });
    const url = await connector.begin(this.#context(store), { scopes: request.scopes, returnTo: sanitizeReturnTo(request.returnTo), savePending });
    await renewalsWritten(); // the caller leaves for it at once
    return url;
  }

  /** Completes a callback for the pending record already taken (single use), dispatching on its store and mode. */
  async completeRedirect(captured: CapturedCallback, pending: PendingSignIn): Promise<Credential> {
    const store = findStore(this.#deps.config, pending.storeId);
    const connector = await this.#deps.loadConnector(store.kind, pending.mode);
    if (connector.style !== 'redirect') throw new AppError('OAUTH_STATE_MISMATCH', 'the sign-in state does not fit this store', { storeId: store.id });
    const credential = this.#record(store, await connector.complete(this.#context(store), captured, pending));
    await this.#store(credential);
    return credential;
  }

  /**
   * A new connection: any renewal of the old one still running here is void; under the store's
   * renewal lock (one running in another tab writes first, or waits and then reads this one) the
   * sign-out marker is cleared and the credential saved; then the other tabs are told.
   */
  async #store(credential: Credential): Promise<void> {
    const storeId = credential.storeId;
    this.#bump(storeId);
    await this.#withLock(renewalLockName(storeId), async () => {
      await this.#deps.signOuts?.clear(storeId);
      await this.#deps.vault.clearEnded(storeId);
      await this.#put(credential);
    });
    this.#deps.signOuts?.tell('connected', storeId);
  }

  /** The stored credential, or TOKEN_MISSING. */
  async #current(storeId: string): Promise<Credential> {
    let credential: Credential | null;
    try {
      credential = await this.current(storeId);
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
        await this.#forgetIfUnchanged(storeId, signatureOf(credential), 'expired');
        throw new AppError('TOKEN_EXPIRED', 'the access token has expired', { storeId });
      }
    }
    connector.sign(credential, headers);
    return signatureOf(credential);
  }

  /**
   * The retry of a renewal that failed for a passing reason (RenewalRetry): renews when the token is
   * still due (not when another tab renewed meanwhile); throws TOKEN_RENEWAL_UNAVAILABLE while it
   * still cannot, TOKEN_EXPIRED when the grant is dead.
   */
  async retryRenewal(storeId: string): Promise<void> {
    const credential = await this.#current(storeId);
    const refused = this.#refusedPending.get(storeId) === signatureOf(credential);
    if (refused || this.#due(credential)) await this.#renew(storeId, signatureOf(credential), refused);
    else this.#deps.onRenewed?.(storeId);
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
    await this.#forgetIfUnchanged(storeId, refused, 'refused');
    throw new AppError('TOKEN_EXPIRED', 'the store no longer accepts this connection', { storeId });
  }

  /**
   * Forgets the credential authoritatively: the sign-out marker left, the credential deleted at once
   * (a renewal holding the store's lock, in any tab, undoes what it writes; one waiting for it finds
   * nothing) and the other tabs told (sign-outs.ts); then revokes at the store where the platform has
   * a way (best-effort). Without the app's sign-outs, under the lock.
   */
  async forget(storeId: string): Promise<void> {
    this.#bump(storeId);
    const remove = async (): Promise<Credential | null> => {
      const credential = await this.current(storeId).catch(() => null);
      await this.#delete(storeId);
      await this.#deps.vault.clearEnded(storeId);
      return credential;
    };
    const signOuts = this.#deps.signOuts;
    const revoke = async (ended: Credential | null): Promise<void> => void (ended && (await this.#revoke(ended)));
    if (signOuts) await signOutOf(signOuts, storeId, remove, revoke);
    else await revoke(await this.#withLock(renewalLockName(storeId), remove));
  }

  async #revoke(credential: Credential): Promise<void> {
    const store = findStore(this.#deps.config, credential.storeId);
    const connector = await this.#deps.loadConnector(credential.kind, credential.mode).catch(() => undefined);
    await connector?.revoke?.(this.#context(store), credential).catch(() => undefined);
  }

  /** Whether the store was signed out of (in any tab) at or after `since`. */
  async #signedOutSince(storeId: string, since: number): Promise<boolean> {
    return (await this.#deps.signOuts?.since(storeId, since).catch(() => false)) ?? false;
  }

  #renew(storeId: string, stale: string, force = false): Promise<Credential> {
    let running = this.#renewing.get(storeId);
    if (!running) {
      // Counted from the call, not from the lock: a forget asked for while this waits voids it.
      const generation = this.#generation.get(storeId) ?? 0;
      // Leaving the page asks first from here until the rotated refresh token is written (unload-guard.ts).
      running = this.#withLock(renewalLockName(storeId), () => whileLeavingAsks(() => this.#runRenew(storeId, stale, force, generation))).finally(() =>
        this.#renewing.delete(storeId),
      );
      this.#renewing.set(storeId, running);
    }
    return running;
  }

  async #runRenew(storeId: string, stale: string, force: boolean, generation: number): Promise<Credential> {
    const startedAt = this.#now();
    // Re-read under the lock: another tab may have renewed, or signed out, already.
    const current = await this.#current(storeId);
    const forgotten = (this.#generation.get(storeId) ?? 0) !== generation;
    if (forgotten || (current.tokens && (await this.#signedOutSince(storeId, current.tokens.obtainedAt)))) {
      throw new AppError('TOKEN_MISSING', 'signed out in another tab', { storeId });
    }
    if (signatureOf(current) !== stale && !this.#due(current)) return current;
    if (!force && signatureOf(current) === stale && !this.#due(current)) return current;
    const store = findStore(this.#deps.config, storeId);
    const connector = await this.#deps.loadConnector(current.kind, current.mode);
    if (!connector.renew) throw new AppError('TOKEN_EXPIRED', 'this connection cannot be renewed', { storeId });
    let issued: IssuedCredential;
    try {
      issued = await connector.renew(this.#context(store), current);
    } catch (error) {
      if (isAppError(error) && error.code === 'TOKEN_EXPIRED') {
        this.#refusedPending.delete(storeId);
        await this.#forgetIfUnchanged(storeId, stale, 'refused');
        error.storeId ??= storeId;
        throw error;
      }
      // Passing (only TOKEN_EXPIRED, the connectors' invalid_grant, ends a connection): the refresh
      // token is kept, and the renewal is tried again later.
      if (force) this.#refusedPending.set(storeId, stale);
      this.#deps.onRenewalUnavailable?.(storeId);
      throw renewalUnavailable(error, storeId);
    }
    const renewed = this.#record(store, { ...issued, mode: current.mode });
    // Forgotten since the credential this renews was obtained (its start, at the latest): a forget does
    // not wait for this lock (sign-outs.ts), so this looks again after writing, and undoes the write.
    const since = Math.min(startedAt, current.tokens?.obtainedAt ?? startedAt);
    if ((this.#generation.get(storeId) ?? 0) !== generation || (await this.#signedOutSince(storeId, since))) {
      await this.#revoke(renewed); // nobody may use what it obtained
      throw new AppError('TOKEN_MISSING', 'forgotten while renewing', { storeId });
    }
    if (renewed.secrets === undefined && current.secrets) renewed.secrets = current.secrets;
    if (renewed.capabilities === undefined && current.capabilities) renewed.capabilities = current.capabilities;
    await this.#put(renewed); // durable (or kept in memory) before the lock is released and the token used
    if (await this.#signedOutSince(storeId, since)) {
      await this.#delete(storeId).catch(() => undefined);
      await this.#revoke(renewed);
      throw new AppError('TOKEN_MISSING', 'forgotten while renewing', { storeId });
    }
    this.#refusedPending.delete(storeId);
    this.#deps.onRenewed?.(storeId);
    if (!sameScopes(current.tokens?.scopes ?? [], renewed.tokens?.scopes ?? [])) {
      this.#deps.signOuts?.tell('connected', storeId);
      this.#deps.onRegranted?.(renewed);
    }
    return renewed;
  }

  /**
   * The store ended the connection signed with `signature` (`reason`): deleted, unless replaced
   * meanwhile, and a marker of why left in its place (storage/ended-markers.ts: no secret), so that the
   * screens say why after a reload as well.
   */
  async #forgetIfUnchanged(storeId: string, signature: string, reason: EndedReason): Promise<void> {
    const current = await this.current(storeId).catch(() => null);
    if (current && signatureOf(current) !== signature) return;
    this.#bump(storeId);
    await this.#delete(storeId);
    await this.#deps.vault.markEnded(storeId, { reason, at: this.#now(), ...(current ? { mode: current.mode } : {}) });
  }

  #bump(storeId: string): void {
    this.#generation.set(storeId, (this.#generation.get(storeId) ?? 0) + 1);
  }
}
