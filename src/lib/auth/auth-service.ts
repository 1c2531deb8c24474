/**
 * Connecting stores: starts and completes sign-ins (implicit flow here, code flow through the lazily
 * loaded oidc module), keeps sessions in the vault and hands out usable access tokens.
 * Plain TS: a Svelte rune class wraps it for the UI.
 */
import { findStore } from '../config/find-store.ts';
import type { AppConfig, GoodsieStoreConfig } from '../config/types.ts';
import type { CapturedRedirect } from '../oauth/callback.ts';
import { AppError, isAppError } from '../oauth/errors.ts';
import { dedupeScopes, sameScopes } from '../oauth/scopes.ts';
import type { StoreSession, TokenSet } from '../oauth/types.ts';
import { clearEnded, markEnded, type EndedReason } from '../storage/ended-markers.ts';
import { openStorage, type KeyValueStore, type OpenedStorage } from '../storage/kv.ts';
import type { VaultListing } from '../storage/token-vault.ts';
import { sayFull, type StorageRefusal } from '../storage/storage-full.ts';
import { revocationCode, supersededBy, type RevocationCode, type RevokeTokens } from './grant-revocation.ts';
import { openPendingFallback } from './pending-fallback.ts';
import type { CodeFlowModule, RedirectFlows } from './redirect-flows.ts';
import { REFRESH_MARGIN_MS, SessionStore, storesOf } from './session-store.ts';
import { endsSession, renewalUnavailable } from './renewal-errors.ts';
import { sanitizeReturnTo } from './return-to.ts';
import { openSessionChannel, type SessionChannel } from './session-channel.ts';
import { defaultWithLock, SignOuts } from './sign-outs.ts';
import { renewalLockName, signOutOf } from './sign-out.ts';
import { renewalsWritten, whileLeavingAsks } from './unload-guard.ts';

export { REFRESH_MARGIN_MS };

export interface AuthServiceDeps {
  config: AppConfig;
  fetch: typeof fetch;
  /** window.location.assign in the app. */
  navigate: (url: string) => void;
  now?: () => number;
  /** Defaults to openStorage() (IndexedDB, or memory when it is unavailable). */
  storage?: OpenedStorage;
  /**
   * Where pending sign-ins wait when `storage` is not persistent (tokens never go there). Defaults
   * to openSessionFallback() (sessionStorage); null when there is none.
   */
  pendingFallback?: KeyValueStore | null;
  /** Loads the code-flow module (and with it oidc-client-ts); a dynamic import by default. */
  loadCodeFlow?: () => Promise<CodeFlowModule>;
  /**
   * Runs `task` while holding a lock named `name` across tabs, so two tabs do not spend the same
   * rotating refresh token. Defaults to navigator.locks when present, else runs `task` directly.
   */
  withLock?: <T>(name: string, task: () => Promise<T>) => Promise<T>;
  /** Tells other tabs about a sign-out; defaults to a BroadcastChannel, null for none. */
  channel?: SessionChannel | null;
  /** The app's sign-outs when made before the service (LazyAuth); by default one on `storage`, `channel` and `withLock`. */
  signOuts?: SignOuts;
}

/**
 * What the UI learns from the service: a sign-out in another tab, a renewal that failed for a
 * passing reason (the refresh token is kept) or succeeded, a renewal that granted other scopes than
 * the token it replaced (the screens follow the new grant: security case 31), and tokens that could
 * only be kept in memory because storage refused the write. And, from the app's port (LazyAuth,
 * auth-port.ts), a connection saved in another tab: a sign-in, or pasted credentials.
 */
export type AuthEvent =
  | { type: 'signed-out-elsewhere'; storeId: string }
  | { type: 'connected-elsewhere'; storeId: string }
  | { type: 'renewal-unavailable'; storeId: string }
  | { type: 'renewed'; storeId: string }
  | { type: 'scopes-changed'; storeId: string; scopes: string[] }
  /**
   * `why`: 'full' where refused for want of space (storage-full.ts), which the person can free;
   * `saveAgain` writes it again now (the person freed space), telling the outcome as these events do.
   */
  | { type: 'storage-write-failed'; storeId: string; why: StorageRefusal; saveAgain: () => Promise<void> }
  /** The store's session, kept in this tab's memory only since storage refused it, is saved after all (or replaced by a newer one saved). */
  | { type: 'storage-saved'; storeId: string };

export interface CompletedSignIn {
  storeId: string;
  returnTo: string;
  session: StoreSession;
  /** The scopes the sign-in asked for: those not in the session's were not granted. */
  asked: readonly string[];
}

export class AuthService {
  /** false: IndexedDB is unavailable, sessions live in memory only. */
  readonly persistent: boolean;
  /** Not persistent: why IndexedDB failed at start-up, where its error said (OpenedStorage.refusal). */
  readonly refusal: StorageRefusal | undefined;
  /**
   * Storage an earlier visit left (its sealing key was there): only then can it hold anything saved,
   * such as the marker of a connection a store ended (Session.load reads those only then).
   */
  readonly returning: boolean;
  /** false: neither IndexedDB nor the sessionStorage fallback works, so no sign-in can survive the redirect. */
  readonly canSignIn: boolean;

  /** The fetch every store request goes through (the seam's connections use it too). */
  readonly fetchImpl: typeof fetch;
  /**
   * Where credentials rest (sealed: AES-GCM when persistent); the seam's v2 vault shares it, its
   * records on the same keys as Goodsie's sessions.
   */
  readonly credentialStore: KeyValueStore;
  /** Authoritative sign-out of any store, with its markers and the channel to other tabs (the seam's Connections share it). */
  readonly signOuts: SignOuts;

  readonly #config: AppConfig;
  readonly #fetch: typeof fetch;
  readonly #navigate: (url: string) => void;
  readonly #now: () => number;
  readonly #sessions: SessionStore;
  /**
   * The two redirect flows, loaded with the first sign-in, callback or refresh (not on a plain visit).
   * `code`: the code flow will be needed too, and its modules are asked for now, beside them, not
   * round trips after (seconds each on a slow link, before the store's page opens or a token is asked for).
   */
  readonly #flows: (code?: boolean) => Promise<RedirectFlows>;
  /** Per store, the scopes of its token as last read or renewed here ({@link #noteScopes}). */
  readonly #shownScopes = new Map<string, readonly string[]>();
  /** One refresh in flight per store, shared by every caller. */
  readonly #refreshing = new Map<string, Promise<StoreSession>>();
  /** Bumped by signOut so that a refresh finishing later does not bring the session back. */
  readonly #generation = new Map<string, number>();
  readonly #listeners = new Set<(event: AuthEvent) => void>();
  /** Per store, the session being forgotten ({@link #forget}). */
  readonly #forgetting = new Map<string, Promise<void>>();
  /** Per store, the access token whose renewal failed for a passing reason and waits for a retry. */
  readonly #renewalPending = new Map<string, string>();

  private constructor(deps: AuthServiceDeps, storage: OpenedStorage, pendingFallback: KeyValueStore | null) {
    this.persistent = storage.persistent;
    this.refusal = storage.refusal;
    this.returning = !!storage.firstRead;
    this.#config = deps.config;
    this.#fetch = deps.fetch;
    this.#navigate = deps.navigate;
    this.#now = deps.now ?? Date.now;
    // Tokens stay in `storage` (memory when it is not persistent). Without IndexedDB the pending
    // sign-in alone goes to the per-tab sessionStorage fallback, so that it survives the redirect.
    const pendingStorage = storage.persistent ? storage.store : pendingFallback;
    this.canSignIn = pendingStorage !== null;
    this.#sessions = new SessionStore(storage.sealed, storesOf(deps.config));
    let flows: Promise<RedirectFlows> | undefined;
    const loadCodeFlow = deps.loadCodeFlow ?? (() => import('../oidc/code-flow.ts'));
    this.#flows = (code = false) => {
      if (code) {
        // Both asked for here, beside the flows' module that then imports them (their failures show
        // where they are awaited): the code flow, and its state store (RedirectFlows.codeFlowDeps).
        loadCodeFlow().catch(() => undefined);
        import('../storage/oidc-state-store.ts').catch(() => undefined);
      }
      return (flows ??= import('./redirect-flows.ts').then(
        ({ RedirectFlows }) =>
          new RedirectFlows({
            config: deps.config,
            fetch: deps.fetch,
            now: this.#now,
            pendingKv: pendingStorage ?? storage.store,
            loadCodeFlow,
          }),
      ));
    };
    this.credentialStore = storage.sealed;
    this.fetchImpl = deps.fetch;
    this.signOuts = deps.signOuts ?? new SignOuts({
      store: storage.store,
      channel: deps.channel !== undefined ? deps.channel : openSessionChannel(),
      withLock: deps.withLock ?? defaultWithLock,
      now: this.#now,
    });
    this.signOuts.on('signed-out', (storeId) => this.#signedOutElsewhere(storeId));
    // Connected in another tab: its saved session replaces this tab's memory-only copy of the old
    // one (kept where storage refused a write), which would otherwise win over it here.
    this.signOuts.on('connected', (storeId) => this.#sessions.dropUnsaved(storeId));
  }

  static async create(deps: AuthServiceDeps): Promise<AuthService> {
    const storage = deps.storage ?? (await openStorage());
    // Only without IndexedDB: the fallback LazyAuth opened, or one opened here.
    const fallback = storage.persistent
      ? null
      : deps.pendingFallback !== undefined
        ? deps.pendingFallback
        : await openPendingFallback(storage, deps.now ?? Date.now);
    return new AuthService(deps, storage, fallback);
  }

  /**
   * Starts a sign-in: stores the pending state, then navigates to the authorization URL.
   * Requested scopes are the store's defaults, those already granted, and `opts.scopes` (a
   * re-consent for more); `opts.returnTo` must be an internal route, else '/' is used.
   * Without IndexedDB (persistent false) the pending state waits in the sessionStorage fallback;
   * when that is unavailable too it could not survive the redirect, so this fails fast with
   * STORAGE_UNAVAILABLE instead of sending the person on a round trip that must fail.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.2.1
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1
   */
  async beginSignIn(storeId: string, opts: { scopes?: string[]; returnTo?: string } = {}): Promise<void> {
    const store = this.#store(storeId);
    if (!this.canSignIn) {
      throw new AppError('STORAGE_UNAVAILABLE', 'the browser keeps no storage for this app, so sign-in cannot work', {
        storeId,
      });
    }
    const current = await this.#sessions.get(storeId).catch(() => null);
    const scopes = dedupeScopes([...store.defaultScopes, ...(current?.tokens.scopes ?? []), ...(opts.scopes ?? [])]);
    const returnTo = sanitizeReturnTo(opts.returnTo ?? '/');
    let url: string;
    try {
      url = await (await this.#flows(store.flow === 'code')).start(store, scopes, returnTo);
    } catch (error) {
      // The pending sign-in's write refused for want of space: said so (STORAGE_FULL), not "blocked".
      throw sayFull(error, storeId);
    }
    await renewalsWritten();
    this.#navigate(url);
  }

  /**
   * Finishes a callback captured by captureRedirect (already scrubbed from the address bar).
   * Nothing is stored unless the response is valid and answers a sign-in we started, for that
   * store, less than 10 minutes ago, and not used before. A new grant replaces the store's session.
   */
  async completeSignIn(captured: CapturedRedirect): Promise<CompletedSignIn> {
    if (captured.problem) {
      const storeId = await (await this.#flows()).voidState(captured);
      throw new AppError('OAUTH_INVALID_RESPONSE', `the authorization response is malformed (${captured.problem})`, {
        ...(storeId !== undefined ? { storeId } : {}),
      });
    }
    // Storage refusing here for want of space (its state's single use could not be kept): said so.
    const completed = await (await this.#flows(captured.responseMode !== 'fragment')).complete(captured).catch((error: unknown) => Promise.reject(sayFull(error)));
    const session: StoreSession = { storeId: completed.storeId, tokens: completed.tokens };
    let superseded: TokenSet | undefined;
    let kept: StoreSession | undefined;
    let saved = false;
    // Under the store's renewal lock: a renewal of the old grant running in another tab finishes
    // (and writes) first, or waits and then reads this session; it never writes over it.
    await this.signOuts.withLock(renewalLockName(completed.storeId), async () => {
      const current = await this.#sessions.get(completed.storeId).catch(() => null);
      if (current && this.#grantsNothingMore(current.tokens, completed)) {
        kept = current;
        return;
      }
      this.#bumpGeneration(completed.storeId);
      superseded = current?.tokens;
      await this.signOuts.clear(completed.storeId);
      await clearEnded(this.credentialStore, completed.storeId);
      saved = await this.#save(session);
    });
    if (kept) {
      // More access asked for, and the store granted nothing the connection did not have: the
      // connection is kept as it was (its wider scopes, its refresh token), and the new, narrower
      // grant is ended at the store rather than left unused. Best effort, and not waited for.
      void this.#revoke(completed.storeId, supersededBy(session.tokens, kept.tokens)).catch(() => undefined);
      return { storeId: completed.storeId, returnTo: sanitizeReturnTo(completed.returnTo), session: kept, asked: completed.asked };
    }
    this.signOuts.tell('connected', completed.storeId);
    this.#shownScopes.set(completed.storeId, session.tokens.scopes);
    // The grant this one replaces (more access asked for, or Connect again) is ended at the store,
    // once the new one is safely stored: not when only this tab's memory holds it (storage refused
    // the write, and the next visit reads the old one). Best effort, and not waited for.
    if (superseded && saved) void this.#revoke(completed.storeId, supersededBy(superseded, session.tokens)).catch(() => undefined);
    return { storeId: completed.storeId, returnTo: sanitizeReturnTo(completed.returnTo), session, asked: completed.asked };
  }

  /**
   * A sign-in that asked for more than the connection `current` has (a step-up), and was granted
   * nothing beyond it: Goodsie's grants do not add up (goodsie-api.yaml: a token's `scope` is its
   * grant, and the older grant's token stays valid until revoked), so taking the new token would
   * lose what the older one gives. Only while `current` still works (a refresh token, or time left).
   */
  #grantsNothingMore(current: TokenSet, completed: { storeId: string; tokens: TokenSet; asked: readonly string[] }): boolean {
    // A refresh token the store's flow no longer uses (config.json moved it to the implicit flow since
    // it was issued) is a secret kept for nothing: the new grant replaces it, and it is revoked.
    if (current.refreshToken !== undefined && !this.#canRefresh(completed.storeId)) return false;
    const has = (scope: string) => current.scopes.includes(scope);
    const usable = current.refreshToken !== undefined || current.expiresAt === null || current.expiresAt - this.#now() > REFRESH_MARGIN_MS;
    return usable && !completed.asked.every(has) && completed.tokens.scopes.every(has);
  }

  /** Every saved session; `discarded` lists store ids whose record was corrupt and has been removed; `seamRecords`, the seam's stores' records as read. */
  async listSessions(): Promise<VaultListing> {
    return this.#sessions.list();
  }

  /** The saved session, or null. A corrupt record throws STORAGE_CORRUPT once and is gone after. */
  async getSession(storeId: string): Promise<StoreSession | null> {
    return this.#sessions.get(storeId);
  }

  /** Listens to the service's events; returns the unsubscribe. */
  onEvent(listener: (event: AuthEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Signs out authoritatively (security case 27): leaves a persisted sign-out marker (a renewal holding
   * the store's lock checks it before and after it writes) and deletes the session at once; tells the
   * other tabs at once; then revokes the refresh and access tokens where the store names a
   * revocation endpoint (best-effort, a few seconds at most: the local sign-out already stands).
   * Its slow steps are told to the screens (sign-out.ts onSignOutStep).
   * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
   */
  async signOut(storeId: string): Promise<void> {
    this.#bumpGeneration(storeId);
    this.#renewalPending.delete(storeId);
    // The revocation's code asked for now, beside the removal, not after it: one round trip less on a slow link.
    const revocation = revocationCode(this.#config, storeId);
    await signOutOf(this.signOuts, storeId, async () => {
      const current = await this.#sessions.get(storeId).catch(() => null);
      await this.#sessions.delete(storeId);
      await clearEnded(this.credentialStore, storeId);
      return current;
    }, async (ended) => ended && (await this.#revoke(storeId, ended.tokens, revocation)), whileLeavingAsks);
  }

  /**
   * Retries a renewal that failed for a passing reason (see {@link AuthEvent}); resolves at once when
   * none is waiting. Throws TOKEN_RENEWAL_UNAVAILABLE again, or TOKEN_EXPIRED when the grant is dead.
   */
  async retryRenewal(storeId: string): Promise<void> {
    const stale = this.#renewalPending.get(storeId);
    if (stale === undefined) return;
    await this.#refresh(storeId, stale);
  }

  /**
   * A usable access token. Refreshes first when it expires within 60 s and a refresh token exists.
   * Throws TOKEN_MISSING (no session) or TOKEN_EXPIRED (expired and not refreshable; the session is
   * forgotten). A refresh that fails for a passing reason (429, 5xx, timeout, offline) keeps the
   * refresh token and throws TOKEN_RENEWAL_UNAVAILABLE, unless the current token is still valid,
   * which is then returned.
   */
  async getAccessToken(storeId: string): Promise<string> {
    const session = await this.#sessionOrMissing(storeId);
    this.#noteScopes(storeId, session.tokens.scopes);
    const { accessToken, expiresAt, refreshToken } = session.tokens;
    const now = this.#now();
    if (expiresAt === null || expiresAt - now > REFRESH_MARGIN_MS) return accessToken;
    if (refreshToken !== undefined && this.#canRefresh(storeId)) {
      try {
        return (await this.#refresh(storeId, accessToken)).tokens.accessToken;
      } catch (error) {
        if (isAppError(error) && error.code !== 'TOKEN_EXPIRED' && error.code !== 'TOKEN_MISSING' && expiresAt > now) {
          return accessToken;
        }
        throw error;
      }
    }
    if (expiresAt > now) return accessToken;
    await this.#forget(storeId, accessToken, 'expired');
    throw new AppError('TOKEN_EXPIRED', 'the access token has expired', { storeId });
  }

  /**
   * Called once after a 401: refreshes when possible, else forgets the tokens and throws
   * TOKEN_EXPIRED. Pass the token that was refused: when the session already holds a newer one
   * (another call refreshed meanwhile), that one is returned without a new refresh.
   * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
   */
  async handleUnauthorized(storeId: string, rejectedToken?: string): Promise<string> {
    const session = await this.#sessionOrMissing(storeId);
    const refused = rejectedToken ?? session.tokens.accessToken;
    if (session.tokens.accessToken !== refused) return session.tokens.accessToken;
    if (session.tokens.refreshToken !== undefined && this.#canRefresh(storeId)) {
      return (await this.#refresh(storeId, refused)).tokens.accessToken;
    }
    await this.#forget(storeId, refused, 'refused');
    throw new AppError('TOKEN_EXPIRED', 'the store no longer accepts this sign-in', { storeId });
  }

  #store(storeId: string): GoodsieStoreConfig {
    return findStore(this.#config, storeId, 'goodsie');
  }

  #canRefresh(storeId: string): boolean {
    const store = this.#config.stores.find((candidate) => candidate.id === storeId);
    return store?.kind === 'goodsie' && store.flow === 'code' && store.tokenEndpoint !== undefined;
  }

  async #sessionOrMissing(storeId: string): Promise<StoreSession> {
    let session: StoreSession | null;
    try {
      session = await this.#sessions.get(storeId);
    } catch (error) {
      throw new AppError('TOKEN_MISSING', 'no usable sign-in for this store', { storeId, cause: error });
    }
    if (!session) throw new AppError('TOKEN_MISSING', 'not signed in to this store', { storeId });
    return session;
  }

  /** Shares one refresh per store between all callers of this tab, and locks across tabs. */
  #refresh(storeId: string, staleAccessToken: string): Promise<StoreSession> {
    let running = this.#refreshing.get(storeId);
    if (!running) {
      // Leaving the page asks first from here until the rotated refresh token is written (unload-guard.ts).
      running = this.signOuts.withLock(renewalLockName(storeId), () => whileLeavingAsks(() => this.#runRefresh(storeId, staleAccessToken)))
        .then(
          (session) => {
            if (this.#renewalPending.delete(storeId)) this.#emit({ type: 'renewed', storeId });
            return session;
          },
          (error: unknown) => {
            if (isAppError(error) && error.code === 'TOKEN_RENEWAL_UNAVAILABLE') {
              this.#renewalPending.set(storeId, staleAccessToken);
              this.#emit({ type: 'renewal-unavailable', storeId });
            } else {
              this.#renewalPending.delete(storeId);
            }
            throw error;
          },
        )
        .finally(() => this.#refreshing.delete(storeId));
      this.#refreshing.set(storeId, running);
    }
    return running;
  }

  async #runRefresh(storeId: string, staleAccessToken: string): Promise<StoreSession> {
    const startedAt = this.#now();
    // Re-read under the lock: another tab may have refreshed, or signed out, already.
    const current = await this.#sessionOrMissing(storeId);
    const { tokens } = current;
    if (await this.signOuts.since(storeId, tokens.obtainedAt)) {
      throw new AppError('TOKEN_MISSING', 'signed out in another tab', { storeId });
    }
    if (tokens.accessToken !== staleAccessToken && (tokens.expiresAt === null || tokens.expiresAt - this.#now() > REFRESH_MARGIN_MS)) {
      return current;
    }
    const store = this.#store(storeId);
    if (tokens.refreshToken === undefined) {
      await this.#forget(storeId, tokens.accessToken, 'expired');
      throw new AppError('TOKEN_EXPIRED', 'the access token has expired', { storeId });
    }
    const generation = this.#generation.get(storeId) ?? 0;
    const [codeFlow, codeFlowDeps] = await (await this.#flows(true)).codeFlowWithDeps();
    let refreshed: TokenSet;
    try {
      refreshed = await codeFlow.refreshAccessToken(store, tokens, codeFlowDeps);
    } catch (error) {
      if (endsSession(error)) {
        // invalid_grant and friends: the refresh token is dead.
        await this.#forget(storeId, tokens.accessToken, 'refused');
        throw new AppError('TOKEN_EXPIRED', 'the store no longer accepts this sign-in', { storeId, cause: error });
      }
      // 429, 5xx, timeout, offline: the refresh token stays for a later try.
      throw renewalUnavailable(error, storeId);
    }
    // Signed out since the grant this renews was obtained (its start, at the latest): a sign-out does
    // not wait for this lock (sign-outs.ts), so this looks again after writing, and undoes the write.
    const since = Math.min(startedAt, tokens.obtainedAt);
    if ((this.#generation.get(storeId) ?? 0) !== generation || (await this.signOuts.since(storeId, since))) {
      await this.#revoke(storeId, refreshed);
      throw new AppError('TOKEN_MISSING', 'signed out while refreshing', { storeId });
    }
    const session: StoreSession = { storeId, tokens: refreshed };
    await this.#save(session);
    if (await this.signOuts.since(storeId, since)) {
      await this.#sessions.delete(storeId).catch(() => undefined);
      await this.#revoke(storeId, refreshed);
      throw new AppError('TOKEN_MISSING', 'signed out while refreshing', { storeId });
    }
    this.#noteScopes(storeId, refreshed.scopes);
    // Another grant than the one saved before (fewer scopes, or others): the other tabs read it now,
    // as they do a new connection, rather than at their next token read.
    if (!sameScopes(tokens.scopes, refreshed.scopes)) this.signOuts.tell('connected', storeId);
    return session;
  }

  /**
   * The scopes a store's token was last read or renewed with: a grant that differs from the one
   * before (a renewal here, or one another tab made, read now) is told to the screens.
   */
  #noteScopes(storeId: string, scopes: readonly string[]): void {
    const before = this.#shownScopes.get(storeId);
    this.#shownScopes.set(storeId, scopes);
    if (before && !sameScopes(before, scopes)) this.#emit({ type: 'scopes-changed', storeId, scopes: [...scopes] });
  }

  /**
   * Writes the session; when storage refuses (quota, a closed database), keeps it in memory for this
   * tab instead, so a rotated refresh token is never lost, and says so (the storage banner).
   */
  async #save(session: StoreSession): Promise<boolean> {
    const { storeId } = session;
    const wasUnsaved = this.#sessions.isUnsaved(storeId);
    const saved = await this.#sessions.save(session);
    if (saved !== 'saved') this.#emit({ type: 'storage-write-failed', storeId, why: saved, saveAgain: () => this.#saveAgain(storeId) });
    else if (wasUnsaved) this.#emit({ type: 'storage-saved', storeId });
    return saved === 'saved';
  }

  /**
   * Writes again the session of `storeId` that storage refused (the person freed space, and asked):
   * under the store's renewal lock, as a renewal writes, so the two never race, and the copy written
   * is the newest this tab holds, read inside the lock; a newer one in the vault (another tab's) wins
   * (SessionStore.unsaved). Signed out meanwhile (a sign-out does not wait for the lock): nothing is
   * written, or what was is undone. Tells the outcome as #save does ('storage-saved', or failed again).
   */
  #saveAgain(storeId: string): Promise<void> {
    const generation = this.#generation.get(storeId) ?? 0;
    const startedAt = this.#now();
    const signedOut = async () => (this.#generation.get(storeId) ?? 0) !== generation || (await this.signOuts.since(storeId, startedAt));
    return this.signOuts.withLock(renewalLockName(storeId), async () => {
      const session = (await signedOut()) ? null : await this.#sessions.unsaved(storeId);
      if (!session) return void this.#emit({ type: 'storage-saved', storeId });
      if ((await this.#save(session)) && (await signedOut())) await this.#sessions.delete(storeId).catch(() => undefined);
    }).catch(() => undefined); // never rejects: what happened is told (Session.saveAgain)
  }

  /** RFC 7009 where the store's config names a revocation endpoint (grant-revocation.ts); never throws. */
  async #revoke(storeId: string, tokens: Parameters<RevokeTokens>[2], code: RevocationCode = revocationCode(this.#config, storeId)): Promise<void> {
    const revocation = await code;
    await revocation?.revokeTokens(this.#fetch, revocation.target, tokens);
  }

  #signedOutElsewhere(storeId: string): void {
    this.#bumpGeneration(storeId);
    this.#sessions.dropUnsaved(storeId);
    this.#renewalPending.delete(storeId);
    this.#emit({ type: 'signed-out-elsewhere', storeId });
  }

  #emit(event: AuthEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  /**
   * The store ended the sign-in that holds `accessToken` (`reason`): the session is deleted, unless it
   * already holds a different token (refreshed elsewhere), and a marker of why is left in its place
   * (storage/ended-markers.ts: no token), so that the screens say why after a reload, as for the seam's stores.
   * A refresh token it held that the store's flow does not use (switched to implicit since) is revoked
   * at the store, not left valid there (best effort, not waited for); one the flow uses ended with it.
   */
  #forget(storeId: string, accessToken: string, reason: EndedReason): Promise<void> {
    // The screen's requests refused together end it once: one marker, one revocation.
    let running = this.#forgetting.get(storeId);
    if (!running) {
      running = this.#runForget(storeId, accessToken, reason).finally(() => this.#forgetting.delete(storeId));
      this.#forgetting.set(storeId, running);
    }
    return running;
  }

  async #runForget(storeId: string, accessToken: string, reason: EndedReason): Promise<void> {
    const current = await this.#sessions.get(storeId).catch(() => null);
    if (current && current.tokens.accessToken !== accessToken) return;
    this.#bumpGeneration(storeId);
    await this.#sessions.delete(storeId);
    await markEnded(this.credentialStore, storeId, { reason, at: this.#now() });
    const refreshToken = current?.tokens.refreshToken;
    if (refreshToken !== undefined && !this.#canRefresh(storeId)) void this.#revoke(storeId, { refreshToken }).catch(() => undefined);
  }

  #bumpGeneration(storeId: string): void {
    this.#generation.set(storeId, (this.#generation.get(storeId) ?? 0) + 1);
  }
}
