import { getContext, setContext } from 'svelte';
import type { AuthEvent, AuthService } from '../auth/auth-service.ts';
import { RenewalRetry } from '../auth/renewal-retry.ts';
import type { AppConfig, StoreConfig } from '../config/types.ts';
import type { StoreSession } from '../oauth/types.ts';
import { AppError } from '../oauth/errors.ts';
import type { Capability } from '../domain/capability.ts';
import { capabilitiesFor, scopeForCapability, supportsCapability } from '../providers/capabilities.ts';
import { getProvider } from '../providers/registry.ts';

const KEY = Symbol('session');

/**
 * Which stores are connected, with which scopes, and what that lets the person do. Components ask
 * `session.can(storeId, 'editProducts')`; they never look at scope strings themselves.
 */
export class Session {
  #auth: AuthService;
  readonly config: AppConfig;
  #sessions = $state<StoreSession[]>([]);
  /** Scopes a store refused with 403 although the token claimed them; kept off until the next grant. */
  #withdrawn = $state<Record<string, string[]>>({});
  /** Store ids whose access ended (401 with no way to refresh): the reconnect banner shows. */
  #expired = $state<string[]>([]);
  /** A sign-in that could not even start (no storage for its state, a store that is gone). */
  #signInFailure = $state<{ storeId: string; error: unknown } | null>(null);
  /** Store ids whose saved record was unreadable and was discarded. */
  #discarded = $state<string[]>([]);
  #loaded = $state(false);
  /** The store last signed out of during this visit, for a calm confirmation; null once another sign-in lands. */
  #signedOutOf = $state<string | null>(null);
  /** Store ids whose renewal failed for a passing reason: kept connected, "can't reach" shows, retried. */
  #unreachable = $state<string[]>([]);
  /** Storage refused a write: some tokens live in this tab's memory only (the storage banner shows). */
  #writeFailed = $state(false);
  #retry: RenewalRetry | undefined;

  constructor(auth: AuthService, config: AppConfig) {
    this.#auth = auth;
    this.config = config;
    auth.onEvent((event) => this.#onAuthEvent(event));
  }

  /** False when IndexedDB is unavailable or refused a write: sessions (some or all) end with the tab. */
  get persistent(): boolean {
    return this.#auth.persistent && !this.#writeFailed;
  }

  /** Store ids the app cannot reach to renew access right now (the session is kept). */
  get unreachableStores(): readonly string[] {
    return this.#unreachable;
  }

  /** False when no storage at all can keep a sign-in's state across the redirect. */
  get canSignIn(): boolean {
    return this.#auth.canSignIn;
  }

  /** A sign-in that could not even start (no storage for its state, a store that is gone). */
  get signInFailure(): { storeId: string; error: unknown } | null {
    return this.#signInFailure;
  }

  /** Store ids whose saved record was unreadable and was discarded. */
  get discarded(): readonly string[] {
    return this.#discarded;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  /** The store last signed out of during this visit; null once another sign-in lands. */
  get signedOutOf(): string | null {
    return this.#signedOutOf;
  }

  /** The person read the sign-in failure banner and wants to try again. */
  dismissSignInFailure(): void {
    this.#signInFailure = null;
  }

  /** The person read the "saved records were discarded" notice. */
  dismissDiscarded(): void {
    this.#discarded = [];
  }

  get sessions(): readonly StoreSession[] {
    return this.#sessions;
  }

  get connectedStores(): StoreConfig[] {
    return this.config.stores.filter((s) => this.isConnected(s.id));
  }

  async load(): Promise<void> {
    const { sessions, discarded } = await this.#auth.listSessions();
    this.#sessions = sessions;
    this.#discarded = discarded;
    this.#loaded = true;
  }

  store(storeId: string): StoreConfig | undefined {
    return this.config.stores.find((s) => s.id === storeId);
  }

  sessionFor(storeId: string): StoreSession | undefined {
    return this.#sessions.find((s) => s.storeId === storeId);
  }

  isConnected(storeId: string): boolean {
    return this.sessionFor(storeId) !== undefined;
  }

  isExpired(storeId: string): boolean {
    return this.#expired.includes(storeId);
  }

  /** The scopes the store granted, less any it has since refused. */
  grantedScopes(storeId: string): string[] {
    const withdrawn = this.#withdrawn[storeId] ?? [];
    return (this.sessionFor(storeId)?.tokens.scopes ?? []).filter((s) => !withdrawn.includes(s));
  }

  capabilities(storeId: string): ReadonlySet<Capability> {
    const store = this.store(storeId);
    if (!store || !this.isConnected(storeId)) return new Set();
    return capabilitiesFor(getProvider(store.kind), this.grantedScopes(storeId));
  }

  can(storeId: string, capability: Capability): boolean {
    return this.capabilities(storeId).has(capability);
  }

  /** The scope to ask the store for to gain a capability; null when its platform has none. */
  scopeFor(storeId: string, capability: Capability): string | null {
    const store = this.store(storeId);
    if (!store) return null;
    const provider = getProvider(store.kind);
    return supportsCapability(provider, capability) ? scopeForCapability(provider, capability) : null;
  }

  /** The platform's words for a scope ("Browse products and pages"); undefined for a scope it does not know. */
  scopeLabel(storeId: string, scope: string): string | undefined {
    const store = this.store(storeId);
    return store ? getProvider(store.kind).scopes.find((s) => s.id === scope)?.label : undefined;
  }

  /**
   * Starts a sign-in (navigates away). Never rejects: a sign-in that cannot start is kept in
   * `signInFailure` for the banner to explain.
   */
  async signIn(storeId: string, options: { scopes?: string[]; returnTo?: string } = {}): Promise<void> {
    this.#signInFailure = null;
    try {
      await this.#auth.beginSignIn(storeId, options);
    } catch (error) {
      this.#signInFailure = { storeId, error };
    }
  }

  /** Asks the store for one more scope on top of what is granted, returning to `returnTo`. */
  requestScope(storeId: string, scope: string, returnTo: string): Promise<void> {
    const store = this.store(storeId);
    const current = this.isConnected(storeId) ? this.grantedScopes(storeId) : (store && 'defaultScopes' in store ? store.defaultScopes : []);
    const scopes = [...new Set([...current, scope])];
    return this.signIn(storeId, { scopes, returnTo });
  }

  /** Reconnects an expired session with the scopes it had. */
  reconnect(storeId: string, returnTo: string): Promise<void> {
    const scopes = this.sessionFor(storeId)?.tokens.scopes;
    return this.signIn(storeId, { returnTo, ...(scopes && scopes.length > 0 ? { scopes } : {}) });
  }


  /** Ends the store's session, and forgets its separate embed token too. */
  async signOut(storeId: string): Promise<void> {
    await this.#auth.signOut(storeId);
    this.#drop(storeId);
    try {
      const { forgetEmbedToken } = await import('../embed/embed-tokens.ts');
      await forgetEmbedToken(this.config, storeId);
    } catch {
      // Storage refused: the sign-out itself is done; the storefront-only token (made to be
      // published) stays until it expires, and the Embed screen offers it again.
    }
  }

  /** Forgets the store's session here (signed out in this tab or another). */
  #drop(storeId: string): void {
    this.#sessions = this.#sessions.filter((s) => s.storeId !== storeId);
    this.#expired = this.#expired.filter((id) => id !== storeId);
    this.#setReachable(storeId);
    delete this.#withdrawn[storeId];
    this.#signedOutOf = storeId;
  }

  #setReachable(storeId: string): void {
    this.#retry?.stop(storeId);
    if (this.#unreachable.includes(storeId)) this.#unreachable = this.#unreachable.filter((id) => id !== storeId);
  }

  #onAuthEvent(event: AuthEvent): void {
    const { storeId } = event;
    if (event.type === 'signed-out-elsewhere') this.#drop(storeId);
    else if (event.type === 'storage-write-failed') this.#writeFailed = true;
    else if (event.type === 'renewed') this.#setReachable(storeId);
    else {
      if (!this.#unreachable.includes(storeId)) this.#unreachable = [...this.#unreachable, storeId];
      this.#retry ??= new RenewalRetry({ retry: (id) => this.#retryRenewal(id) });
      this.#retry.schedule(storeId);
    }
  }

  async #retryRenewal(storeId: string): Promise<void> {
    try {
      await this.#auth.retryRenewal(storeId);
      this.#setReachable(storeId);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'TOKEN_EXPIRED' || error.code === 'TOKEN_MISSING')) {
        this.#setReachable(storeId);
        this.markExpired(storeId);
      }
      throw error;
    }
  }

  /** Records a finished sign-in (the callback has been handled by the AuthService). */
  accept(session: StoreSession): void {
    this.#setReachable(session.storeId);
    this.#signedOutOf = null;
    this.#sessions = [...this.#sessions.filter((s) => s.storeId !== session.storeId), session];
    this.#expired = this.#expired.filter((id) => id !== session.storeId);
    delete this.#withdrawn[session.storeId];
  }

  /** A 403 insufficient_scope: the store no longer honours `scope` for this token. */
  /** Whether the store took `scope` back during this visit (the person had it, and may be mid-task). */
  wasWithdrawn(storeId: string, scope: string): boolean {
    return (this.#withdrawn[storeId] ?? []).includes(scope);
  }

  withdrawScope(storeId: string, scope: string): void {
    const current = this.#withdrawn[storeId] ?? [];
    if (!current.includes(scope)) this.#withdrawn[storeId] = [...current, scope];
  }

  /** A 401 that could not be refreshed: keep the place, show the reconnect banner. */
  markExpired(storeId: string): void {
    if (!this.#expired.includes(storeId)) this.#expired = [...this.#expired, storeId];
  }

  getAccessToken(storeId: string): Promise<string> {
    return this.#auth.getAccessToken(storeId);
  }

  /** After a 401 for `refusedToken`: a token renewed meanwhile (this tab or another) is reused, not renewed again. */
  async handleUnauthorized(storeId: string, refusedToken: string): Promise<string> {
    try {
      return await this.#auth.handleUnauthorized(storeId, refusedToken);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'TOKEN_EXPIRED' || error.code === 'TOKEN_MISSING')) {
        this.#setReachable(storeId);
        this.markExpired(storeId);
      }
      throw error;
    }
  }

  static install(session: Session): Session {
    return setContext(KEY, session);
  }

  static get(): Session {
    return getContext<Session>(KEY);
  }
}
