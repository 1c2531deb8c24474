import { getContext, setContext } from 'svelte';
import type { AuthService } from '../auth/auth-service.ts';
import type { AppConfig, StoreConfig } from '../config/types.ts';
import type { StoreSession } from '../oauth/types.ts';
import { AppError } from '../oauth/errors.ts';
import type { Capability } from '../domain/capability.ts';
import { capabilitiesFor, scopeForCapability, supportsCapability } from '../providers/capabilities.ts';
import { getProvider } from '../providers/registry.ts';
import type { Credential } from '../connect/credential.ts';
import { CredentialService } from '../auth/credential-service.ts';
import type { ConnectionModeInfo } from '../providers/types.ts';

/** One connection mode as the home screen offers it (components import it from here, not from providers). */
export type ConnectionMode = ConnectionModeInfo;

const KEY = Symbol('session');

/**
 * Which stores are connected, with which scopes, and what that lets the person do. Components ask
 * `session.can(storeId, 'editProducts')`; they never look at scope strings themselves.
 */
export class Session {
  #auth: AuthService;
  readonly config: AppConfig;
  #sessions = $state<StoreSession[]>([]);
  /** Pasted-credential connections (StoreHippo), with their probed capabilities. */
  #credentials = $state<Credential[]>([]);
  /** Capabilities a store refused with 403 after probing said yes (StoreHippo's edit). */
  #refused = $state<Record<string, Capability[]>>({});
  /** Scopes a store refused with 403 although the token claimed them; kept off until the next grant. */
  #withdrawn = $state<Record<string, string[]>>({});
  /** Store ids whose access ended (401 with no way to refresh): the reconnect banner shows. */
  #expired = $state<string[]>([]);
  /** A sign-in that could not even start (no storage for its state, a store that is gone). */
  signInFailure = $state<{ storeId: string; error: unknown } | null>(null);
  /** Store ids whose saved record was unreadable and was discarded. */
  discarded = $state<string[]>([]);
  loaded = $state(false);

  /** Pasted-credential stores (StoreHippo): list, connect, sign, forget. */
  readonly #creds: CredentialService;

  constructor(auth: AuthService, config: AppConfig) {
    this.#auth = auth;
    this.#creds = new CredentialService({ config, fetch: auth.fetchImpl, now: Date.now, store: auth.keyValueStore });
    this.config = config;
  }

  /** False when IndexedDB is unavailable: sessions live in memory and end with the tab. */
  get persistent(): boolean {
    return this.#auth.persistent;
  }

  /** False when no storage at all can keep a sign-in's state across the redirect. */
  get canSignIn(): boolean {
    return this.#auth.canSignIn;
  }

  get sessions(): readonly StoreSession[] {
    return this.#sessions;
  }

  get connectedStores(): StoreConfig[] {
    return this.config.stores.filter((s) => this.isConnected(s.id));
  }

  async load(): Promise<void> {
    const [{ sessions, discarded }, credentials] = await Promise.all([this.#auth.listSessions(), this.#creds.list()]);
    this.#sessions = sessions;
    this.#credentials = credentials.credentials;
    this.discarded = [...discarded, ...credentials.discarded];
    this.loaded = true;
  }

  store(storeId: string): StoreConfig | undefined {
    return this.config.stores.find((s) => s.id === storeId);
  }

  sessionFor(storeId: string): StoreSession | undefined {
    return this.#sessions.find((s) => s.storeId === storeId);
  }

  isConnected(storeId: string): boolean {
    return this.sessionFor(storeId) !== undefined || this.credential(storeId) !== undefined;
  }

  /** The pasted-credentials modes `storeId`'s config offers (none for redirect stores). */
  credentialModes(storeId: string): readonly ConnectionModeInfo[] {
    const store = this.store(storeId);
    return store ? getProvider(store.kind).modesOf(store).filter((mode) => mode.style === 'credentials') : [];
  }

  /** The platform's name for people ("StoreHippo"). */
  platformName(storeId: string): string {
    const store = this.store(storeId);
    return store ? getProvider(store.kind).displayName : 'The store';
  }

  /** The pasted-credential connection of `storeId`, if it has one. */
  credential(storeId: string): Credential | undefined {
    return this.#credentials.find((c) => c.storeId === storeId);
  }

  /**
   * Connects with pasted credentials (the connector probes; nothing is stored unless it succeeds).
   * Rejects with the AppError to show beside the form.
   */
  async connectWithCredentials(storeId: string, mode: string, values: Readonly<Record<string, string>>): Promise<void> {
    const credential = await this.#creds.connect(storeId, mode, values);
    this.#credentials = [...this.#credentials.filter((c) => c.storeId !== storeId), credential];
    this.#expired = this.#expired.filter((id) => id !== storeId);
    delete this.#refused[storeId];
  }

  /** Signs a request for a pasted-credential store; returns what it signed with (for a 401). */
  signWithCredential(storeId: string, headers: Headers): Promise<string> {
    return this.#creds.sign(storeId, headers);
  }

  /** A 401 for a pasted-credential store: the key is no longer accepted, so it is forgotten and the form shows again. */
  async credentialRefused(storeId: string, refused: string): Promise<void> {
    try {
      await this.#creds.handleUnauthorized(storeId, refused);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'TOKEN_EXPIRED' || error.code === 'TOKEN_MISSING')) {
        this.#credentials = this.#credentials.filter((c) => c.storeId !== storeId);
      }
      throw error;
    }
  }

  /** Why a probe-derived capability is locked, in the platform's words with what to change; else undefined. */
  lockReason(storeId: string, capability: Capability): string | undefined {
    const store = this.store(storeId);
    if (!store || !this.credential(storeId) || this.can(storeId, capability)) return undefined;
    const source = getProvider(store.kind).capabilities;
    return source.from === 'probe' ? source.change[capability] : undefined;
  }

  /** A 403 on something the probe allowed (StoreHippo's edit): off for the rest of the session. */
  refuseCapability(storeId: string, capability: Capability): void {
    const current = this.#refused[storeId] ?? [];
    if (!current.includes(capability)) this.#refused[storeId] = [...current, capability];
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
    const credential = this.credential(storeId);
    if (credential) {
      const refused = this.#refused[storeId] ?? [];
      return new Set((credential.capabilities ?? []).filter((c) => !refused.includes(c)));
    }
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
    this.signInFailure = null;
    try {
      await this.#auth.beginSignIn(storeId, options);
    } catch (error) {
      this.signInFailure = { storeId, error };
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

  async signOut(storeId: string): Promise<void> {
    if (this.credential(storeId)) {
      await this.#creds.forget(storeId);
      this.#credentials = this.#credentials.filter((c) => c.storeId !== storeId);
      delete this.#refused[storeId];
    } else await this.#auth.signOut(storeId);
    this.#sessions = this.#sessions.filter((s) => s.storeId !== storeId);
    this.#expired = this.#expired.filter((id) => id !== storeId);
    delete this.#withdrawn[storeId];
  }

  /** Records a finished sign-in (the callback has been handled by the AuthService). */
  accept(session: StoreSession): void {
    this.#sessions = [...this.#sessions.filter((s) => s.storeId !== session.storeId), session];
    this.#expired = this.#expired.filter((id) => id !== session.storeId);
    delete this.#withdrawn[session.storeId];
  }

  /** A 403 insufficient_scope: the store no longer honours `scope` for this token. */
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

  async handleUnauthorized(storeId: string): Promise<string> {
    try {
      return await this.#auth.handleUnauthorized(storeId);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'TOKEN_EXPIRED' || error.code === 'TOKEN_MISSING')) {
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
