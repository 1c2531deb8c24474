/**
 * The AuthService as the app holds it from its first screen: what that screen needs at once (where
 * sessions are kept, and which are saved) without the service's code, and everything else (sign-in,
 * callback, renewal, sign-out) through the AuthService itself, loaded with its first use. A visitor
 * with no saved session never downloads it until they connect; one with a saved session gets it in
 * the background as soon as the first screen's requests have their tokens from the listing (at most
 * BACKGROUND_LOAD_MS later), so that a renewal does not wait (sign-outs in other tabs are heard
 * before it loads too, through SignOuts here).
 */
import type { CapturedRedirect } from '../oauth/callback.ts';
import type { StoreSession } from '../oauth/types.ts';
import { openStorage, type KeyValueStore, type OpenedStorage } from '../storage/kv.ts';
import { isNewDatabase } from '../storage/open-database.ts';
import type { StorageRefusal } from '../storage/storage-full.ts';
import { loadRecordReading } from '../storage/vault-listing.ts';
import type { VaultListing } from '../storage/token-vault.ts';
import { openPendingFallback } from './pending-fallback.ts';
import type { AuthEvent, AuthService, AuthServiceDeps, CompletedSignIn } from './auth-service.ts';
import { readSavedSessions, REFRESH_MARGIN_MS, storesOf } from './saved-sessions.ts';
import type { AppConfig } from '../config/types.ts';
import { openSessionChannel } from './session-channel.ts';
import { defaultWithLock, SignOuts } from './sign-outs.ts';

/** What the app's state uses of the AuthService (the service itself and {@link LazyAuth} both fit). */
export type AuthPort = Pick<
  AuthService,
  | 'persistent'
  | 'refusal'
  | 'returning'
  | 'canSignIn'
  | 'fetchImpl'
  | 'credentialStore'
  | 'signOuts'
  | 'onEvent'
  | 'listSessions'
  | 'beginSignIn'
  | 'completeSignIn'
  | 'signOut'
  | 'retryRenewal'
  | 'getAccessToken'
  | 'handleUnauthorized'
>;

/**
 * With saved sessions, the longest the service's background load waits for the first screen to take
 * its tokens from the listing ({@link LazyAuth.listSessions}).
 */
export const BACKGROUND_LOAD_MS = 300;

type LazyAuthDeps = Omit<AuthServiceDeps, 'storage' | 'pendingFallback'> & {
  /** Loads the AuthService module; a dynamic import by default. */
  loadService?: () => Promise<typeof import('./auth-service.ts')>;
  /** The vault's listing already under way ({@link LazyAuth.listSaved}): the first listSessions gives it. */
  listed?: Promise<VaultListing>;
};

export class LazyAuth implements AuthPort {
  // Declared only, each set once by the constructor: no class field is emitted for them, which the
  // first load does not need to carry (the guard of npm run size).
  declare readonly persistent: boolean;
  /** As AuthService.refusal. */
  declare readonly refusal: StorageRefusal | undefined;
  /** As AuthService.returning. */
  declare readonly returning: boolean;
  declare readonly canSignIn: boolean;
  declare readonly fetchImpl: typeof fetch;
  declare readonly credentialStore: KeyValueStore;
  readonly #deps: LazyAuthDeps;
  readonly #storage: OpenedStorage;
  readonly #pendingFallback: KeyValueStore | null;
  readonly #listeners = new Set<(event: AuthEvent) => void>();
  /** How to unsubscribe each listener from the loaded service. */
  readonly #offs = new Map<(event: AuthEvent) => void, () => void>();
  #service: Promise<AuthService> | undefined;
  /** The service is loaded and tells the listeners itself. */
  #loaded = false;
  #signOuts: SignOuts | undefined;
  /**
   * The sessions the first screen listed, per store, whose tokens serve the calls made before the
   * service has loaded (a returning visitor's first requests read the vault once, and wait neither
   * for the service's code nor for a second read); forgotten once the service is loaded, and at any
   * sign-in, sign-out or renewal, here or in another tab.
   */
  #listed = new Map<string, StoreSession>();
  /** The listing begun before this was made, for the first listSessions (then every call reads afresh). */
  #early: Promise<VaultListing> | undefined;
  /** The service's background load, waiting for the first listed token to be handed out. */
  #background: ReturnType<typeof setTimeout> | undefined;

  private constructor(deps: LazyAuthDeps, storage: OpenedStorage, pendingFallback: KeyValueStore | null) {
    this.#deps = deps;
    this.#storage = storage;
    this.#pendingFallback = pendingFallback;
    this.persistent = storage.persistent;
    this.refusal = storage.refusal;
    this.returning = !!storage.firstRead;
    this.canSignIn = storage.persistent || pendingFallback !== null;
    this.fetchImpl = deps.fetch;
    this.credentialStore = storage.sealed;
    this.#early = deps.listed;
    void this.signOuts;
  }

  /**
   * Opens the storage sessions live in (IndexedDB, or memory); never rejects. Start it early. A
   * database an earlier visit made may hold saved sessions: the code that reads them downloads as
   * soon as that is known, while storage is checked (a first visit's, made just now, holds none).
   */
  static openStorage(database?: Promise<IDBDatabase>): Promise<OpenedStorage> {
    database?.then((opened) => void (isNewDatabase(opened) || loadRecordReading().catch(() => undefined)), () => undefined);
    return openStorage(database ? { database } : {});
  }

  /**
   * Starts reading the saved sessions as soon as `storage` is open, before config.json is read and
   * the app is built (the boot does), so that a returning visitor's list does not wait for them.
   * From the records the storage check read with the sealing key where it did (kv.ts firstRead).
   * The listing is complete once `config` is in too: a record config.json's store was not made for
   * is discarded (security case 25, TokenVaultOptions.storeOf).
   */
  static listSaved(storage: Promise<OpenedStorage>, config: Promise<AppConfig>): Promise<VaultListing> {
    const stores = config.then(storesOf);
    stores.catch(() => undefined); // a broken config.json is App's to show; the vault then checks nothing
    const listing = storage.then((opened) => readSavedSessions(opened.firstRead ?? opened.sealed, stores));
    listing.catch(() => undefined); // the first listSessions, which takes it, reports a failure
    return listing;
  }

  /** Without IndexedDB, pending sign-ins wait in sessionStorage (loaded only then), as AuthService.create does. */
  static async create(deps: LazyAuthDeps & { storage: OpenedStorage | Promise<OpenedStorage> }): Promise<LazyAuth> {
    const storage = await deps.storage;
    return new LazyAuth(deps, storage, await openPendingFallback(storage, deps.now ?? Date.now));
  }

  /**
   * Sign-outs across tabs (lock, marker, channel), shared by the AuthService and the seam's
   * connections; made as this is (the constructor), so that the channel is heard from the start.
   * Until the service is loaded (a visit with seam stores only), a sign-out in another tab reaches
   * the listeners from here; a connection saved in another tab always does (the service does not
   * tell it), as `connected-elsewhere`, and its listed token, if any, is forgotten.
   */
  get signOuts(): SignOuts {
    if (!this.#signOuts) {
      const deps = this.#deps;
      const signOuts = new SignOuts({
        store: this.#storage.store,
        channel: deps.channel !== undefined ? deps.channel : openSessionChannel(),
        withLock: deps.withLock ?? defaultWithLock,
        now: deps.now ?? Date.now,
      });
      signOuts.on('signed-out', (storeId) => {
        this.#listed.delete(storeId);
        if (!this.#loaded) for (const listener of this.#listeners) listener({ type: 'signed-out-elsewhere', storeId });
      });
      signOuts.on('connected', (storeId) => {
        this.#listed.delete(storeId);
        for (const listener of this.#listeners) listener({ type: 'connected-elsewhere', storeId });
      });
      this.#signOuts = signOuts;
    }
    return this.#signOuts;
  }

  /** Whether the AuthService's code has been asked for (tests, and the bench's reading of it). */
  get serviceRequested(): boolean {
    return this.#service !== undefined;
  }

  /** The AuthService, on the storage already open; loaded once. */
  service(): Promise<AuthService> {
    clearTimeout(this.#background);
    this.#background = undefined;
    return (this.#service ??= (this.#deps.loadService ?? (() => import('./auth-service.ts')))()
      .then(({ AuthService }) => AuthService.create({ ...this.#deps, storage: this.#storage, pendingFallback: this.#pendingFallback, signOuts: this.signOuts }))
      .then((service) => {
        for (const listener of this.#listeners) this.#offs.set(listener, service.onEvent(listener));
        this.#loaded = true;
        this.#listed.clear();
        return service;
      })
      .catch((error: unknown) => {
        this.#service = undefined;
        throw error;
      }));
  }

  onEvent(listener: (event: AuthEvent) => void): () => void {
    this.#listeners.add(listener);
    // Once loaded, the service tells it directly; while it loads, the loop in service() subscribes it.
    if (this.#loaded && this.#service) void this.#service.then((service) => this.#offs.set(listener, service.onEvent(listener)), () => undefined);
    return () => {
      this.#listeners.delete(listener);
      this.#offs.get(listener)?.();
      this.#offs.delete(listener);
    };
  }

  /** Read straight from the vault before the service is loaded; the service is then loaded when there are sessions. */
  async listSessions(): Promise<VaultListing> {
    const early = this.#early;
    this.#early = undefined;
    if (this.#service && !early) return (await this.#service).listSessions();
    const listed = await (early ?? readSavedSessions(this.#storage.sealed, storesOf(this.#deps.config)));
    if (!this.#loaded) this.#listed = new Map(listed.sessions.map((s) => [s.storeId, s]));
    if (listed.sessions.length > 0) this.#loadInBackground(BACKGROUND_LOAD_MS);
    return listed;
  }

  /**
   * Loads the service in a task `ms` from now, unless it is asked for before. Not at once: once it
   * has loaded, tokens come from it (a vault read and a decryption each), and a returning visitor's
   * first requests, whose tokens the listing holds, waited behind that read whenever the service's
   * code came in before the store's client code (half the warm starts measured, 20-40 ms each). So
   * the first listed token handed out brings the load forward to the next task (a screen's first
   * requests, made together, all take theirs first); where none is asked for, it starts after `ms`.
   */
  #loadInBackground(ms: number): void {
    if (this.#service) return;
    clearTimeout(this.#background);
    this.#background = setTimeout(() => {
      this.#background = undefined;
      this.service().catch(() => undefined);
    }, ms);
  }

  async beginSignIn(storeId: string, opts?: { scopes?: string[]; returnTo?: string }): Promise<void> {
    return (await this.#serviceForChange()).beginSignIn(storeId, opts);
  }

  async completeSignIn(captured: CapturedRedirect): Promise<CompletedSignIn> {
    return (await this.#serviceForChange()).completeSignIn(captured);
  }

  async signOut(storeId: string): Promise<void> {
    return (await this.#serviceForChange()).signOut(storeId);
  }

  async retryRenewal(storeId: string): Promise<void> {
    return (await this.#serviceForChange()).retryRenewal(storeId);
  }

  /**
   * A change of sign-in, made by the service: sessions listed before it are not handed out after it.
   * They are forgotten once the service has come (as it forgets them), not before: where its code
   * could not be downloaded, nothing changed, and the listed tokens keep serving the screens.
   */
  async #serviceForChange(): Promise<AuthService> {
    const service = await this.service();
    this.#listed.clear();
    this.#early = undefined;
    return service;
  }

  /** Until the service has loaded, the token just listed when it has life left; else the service's. */
  async getAccessToken(storeId: string): Promise<string> {
    const listed = this.#listed.get(storeId);
    const expiresAt = listed?.tokens.expiresAt;
    if (listed && (expiresAt === null || expiresAt! - (this.#deps.now ?? Date.now)() > REFRESH_MARGIN_MS)) {
      if (this.#background !== undefined) this.#loadInBackground(0);
      return listed.tokens.accessToken;
    }
    return (await this.service()).getAccessToken(storeId);
  }

  async handleUnauthorized(storeId: string, rejectedToken?: string): Promise<string> {
    return (await this.#serviceForChange()).handleUnauthorized(storeId, rejectedToken);
  }
}
