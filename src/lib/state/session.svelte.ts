import { getContext, setContext } from 'svelte';
import type { AuthEvent } from '../auth/auth-service.ts';
import type { AuthPort } from '../auth/auth-port.ts';
import type { RenewalRetry } from '../auth/renewal-retry.ts';
import type { AppConfig } from '../config/types.ts';
import type { StoreSession } from '../oauth/types.ts';
import { AppError } from '../oauth/errors.ts';
import type { Credential } from '../connect/credential.ts';
import { runsOnSeam } from '../connect/store-config.ts';
import { StoreAccess } from './store-access.svelte.ts';
import type { StoreConnections } from './store-connections.ts';
import { browserOffline } from '../shared/offline.ts';
import type { EndedWords } from '../providers/ended-words.ts';

export type { ConnectionMode } from './store-access.svelte.ts';

const KEY = Symbol('session');

/** A store's connection storage refused to write: why, and how the storage layer writes it again. */
type Unsaved = Extract<AuthEvent, { type: 'storage-write-failed' }>;

/**
 * Which stores are connected, and the changes to that: loading what is saved, signing in and out
 * (here or in another tab), renewals that fail or end, the seam stores' connections. What each store
 * then lets the person do is asked of its base, StoreAccess (store-access.svelte.ts), and of
 * store-capabilities.ts: components ask `can(session, storeId, 'editProducts')`; they never look at
 * scope strings themselves.
 */
export class Session extends StoreAccess {
  #auth: AuthPort;
  #sessions = $state<StoreSession[]>([]);
  /** Store ids whose access ended (401 with no way to refresh): the reconnect banner shows. */
  #expired = $state<string[]>([]);
  /** Stores whose connection the store itself ended before this visit: why and when, in words (ended-before.ts). */
  #ended = $state<Record<string, EndedWords>>({});
  /** A sign-in that could not even start (no storage for its state, a store that is gone). */
  #signInFailure = $state<{ storeId: string; error: unknown } | null>(null);
  /** Store ids whose saved record was unreadable and was discarded. */
  #discarded = $state<string[]>([]);
  /** The store last signed out of during this visit, for a calm confirmation; null once another sign-in lands. */
  #signedOutOf = $state<string | null>(null);
  /** That sign-out was made in another tab (its screens here say so). */
  #outElsewhere = $state(false);
  /** A connected store whose request for more access the person declined: a calm note says nothing changed. */
  #declinedMore = $state<string | null>(null);
  /** Store ids whose renewal failed for a passing reason: kept connected, "can't reach" shows, retried. */
  #unreachable = $state<string[]>([]);
  /**
   * Storage refused to write these stores' connections (kept in this tab's memory only: the storage
   * banner shows): why (StorageRefusal: 'full', for want of space, has words of its own), and how the
   * storage layer writes each again (under the store's renewal lock). Gone once written after all.
   */
  #unsaved = $state.raw<Unsaved[]>([]);
  /** Retries of renewals that failed for a passing reason; its code loads with the first such failure. */
  #retry: Promise<RenewalRetry> | undefined;
  #seam: Promise<StoreConnections> | undefined;

  constructor(auth: AuthPort, config: AppConfig) {
    super(config);
    this.#auth = auth;
    auth.onEvent((event) => this.#onAuthEvent(event));
  }

  /** The seam's door, loaded with the first store that needs it (none for Goodsie-only configs). */
  seam(): Promise<StoreConnections> {
    return (this.#seam ??= import('./store-connections.ts').then(
      ({ StoreConnections }) =>
        new StoreConnections({
          config: this.config,
          fetch: this.#auth.fetchImpl,
          store: this.#auth.credentialStore,
          signOuts: this.#auth.signOuts,
          // What the screens offer follows the new grant, in place (no reload of the screen).
          onRegranted: (credential) => this.links.link(credential, false),
          // Heard as the AuthService's events for Goodsie: "can't reach", retried; reachable again; a
          // credential kept in memory for this tab (the storage banner), and saved after all.
          onEvent: (event) => this.#onAuthEvent(event),
        }),
    ));
  }

  /** False when IndexedDB is unavailable or refused a write: sessions (some or all) end with the tab. */
  get persistent(): boolean {
    return this.#auth.persistent && !this.#unsaved.length;
  }

  /**
   * Why storage that works refused to write a store's connection (kept in this tab's memory only):
   * 'full' where any was for want of space (the device's, or the site's quota: not "private mode"),
   * else 'refused' (another failure); undefined where none was (no IndexedDB at all: `persistent`).
   * 'full' sorts first.
   */
  get refusal(): Unsaved['why'] | undefined {
    return this.#unsaved.map((unsaved) => unsaved.why).sort()[0];
  }

  /**
   * Why the start-up check found storage unusable (everything then lives in this tab's memory:
   * `persistent` false), where its error said: 'full' for want of space, 'refused' where storage
   * reported an error; undefined where there is none at all (private mode, blocked).
   */
  get refusalAtStart(): Unsaved['why'] | undefined {
    return this.#auth.refusal;
  }

  /**
   * Writes again now what storage refused (the person freed space), each under its store's renewal
   * lock: the storage layer's writes, which tell each outcome as an event and never reject; once all
   * are done, `persistent` says whether everything is saved.
   */
  saveAgain(): Promise<void>[] {
    return this.#unsaved.map((unsaved) => unsaved.saveAgain());
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

  /** The store last signed out of during this visit; null once another sign-in lands. */
  get signedOutOf(): string | null {
    return this.#signedOutOf;
  }

  /** The store last signed out of in another tab of this browser, while this one was open; else null. */
  get signedOutElsewhere(): string | null {
    return this.#outElsewhere ? this.#signedOutOf : null;
  }

  /** A connected store whose request for more access was just declined; null once read or another sign-in lands. */
  get declinedMore(): string | null {
    return this.#declinedMore;
  }

  /** The person declined more access for `storeId`, which stays connected as it was (finish-sign-in.ts). */
  noteDeclinedMore(storeId: string | null): void {
    this.#declinedMore = storeId;
  }

  /** The person read the sign-in failure banner and wants to try again. */
  dismissSignInFailure(): void {
    this.#signInFailure = null;
  }

  /** The person read the "saved records were discarded" notice. */
  dismissDiscarded(): void {
    this.#discarded = [];
  }

  async load(): Promise<void> {
    // Where the store ended a connection before an earlier visit's end (it refused the key, a renewal
    // got invalid_grant), why: read beside the listing by lazily loaded code, not waited for, and not
    // on a first visit (nothing saved).
    if (this.#auth.returning) import('./ended-before.ts').then(async (m) => (this.#ended = await m.default(this.#auth.credentialStore, this.config))).catch(() => undefined);
    const { sessions, discarded, seamRecords } = await this.#auth.listSessions();
    // The seam's door lists saved connections only when the vault's one listing met a record of it
    // (a first visit has none, and does not download the door for stores it has not connected), from
    // the records that listing read: each is read and decrypted once at start-up.
    const linked = seamRecords.size > 0 && this.config.stores.some((s) => runsOnSeam(s.kind))
      ? await (await this.seam()).list(seamRecords)
      : { credentials: [], discarded: [] };
    this.#sessions = sessions;
    this.links.load(linked.credentials);
    this.#discarded = [...discarded, ...linked.discarded];
    if (sessions.length > 0) this.#renewalRetry().catch(() => undefined);
  }

  /**
   * Why and when the store ended `storeId`'s connection before this visit, until it is connected or
   * signed out of again (access that ends during the visit is `isExpired`, and keeps the person's place).
   */
  ended(storeId: string): EndedWords | undefined {
    return this.#ended[storeId];
  }

  sessionFor(storeId: string): StoreSession | undefined {
    return this.#sessions.find((s) => s.storeId === storeId);
  }

  /** Changes when the store was connected again in place: its screens key on it to load afresh. */
  epoch(storeId: string): number {
    return this.links.epoch(storeId);
  }

  /**
   * Connects with a credentials form's values: the platform's connector asks for a token and probes
   * what it may do; nothing is stored unless all of it succeeded. Rejects with the AppError to show
   * beside the form. Connecting again in place (after access ended) keeps the person's place.
   */
  async connectWithCredentials(storeId: string, mode: string, values: Readonly<Record<string, string>>): Promise<void> {
    this.link(await (await this.seam()).connect(storeId, mode, values));
  }

  /**
   * A seam store's new credential (form or redirect): linked, its ended state and refusals cleared.
   * `again` (whether its screens load afresh): by default when it had ended here or was linked.
   */
  link(credential: Credential, again?: boolean): void {
    const storeId = credential.storeId;
    again ??= this.#expired.includes(storeId) || this.links.get(storeId) !== undefined;
    this.links.link(credential, again);
    this.#connected(storeId);
  }

  /** `storeId` was connected (a sign-in, or a seam store's credential): its ended state, refusals and the notes of before are cleared. */
  #connected(storeId: string): void {
    this.#signedOutOf = null;
    this.#declinedMore = null;
    this.#settle(storeId);
  }

  /** Connected, or signed out of: what had ended, and the scopes refused, are of the connection before. */
  #settle(storeId: string): void {
    this.#expired = this.#expired.filter((id) => id !== storeId);
    delete this.#ended[storeId];
    this.clearWithdrawn(storeId);
  }

  /**
   * Access ended (no renewal can help; `error` says so, else nothing happens): the reconnect banner
   * shows instead of "can't reach". Also for a seam store's requests (seam-requests.ts).
   */
  noteEnded(storeId: string, error: unknown): void {
    if (error instanceof AppError && (error.code === 'TOKEN_EXPIRED' || error.code === 'TOKEN_MISSING')) {
      this.#setReachable(storeId);
      this.markExpired(storeId);
    }
  }

  isExpired(storeId: string): boolean {
    return this.#expired.includes(storeId);
  }

  /**
   * Starts a sign-in (navigates away). Never rejects: a sign-in that cannot start is kept in
   * `signInFailure` for the banner to explain.
   */
  async signIn(storeId: string, options: { scopes?: string[]; returnTo?: string } = {}): Promise<void> {
    this.#signInFailure = null;
    // Offline, leaving for the store's page would put the browser's own error page in place of the
    // app (Back to return, this page's state gone): said here instead, with nothing started.
    if (browserOffline()) {
      this.#signInFailure = { storeId, error: new AppError('OAUTH_OFFLINE') };
      return;
    }
    try {
      // A seam store with no credentials form connects through its consent page (FlickRocket).
      if (!this.onSeam(storeId) || this.credentialModes(storeId).length > 0) await this.#auth.beginSignIn(storeId, options);
      else window.location.assign((await (await this.seam()).beginRedirect(storeId, { ...options, granted: this.links.get(storeId)?.scopes ?? [], persistent: this.persistent })).href);
    } catch (error) {
      this.#signInFailure = { storeId, error };
    }
  }

  /** Ends the store's session, and forgets its separate embed token (and the marker of a copied snippet) too. */
  async signOut(storeId: string): Promise<void> {
    if (this.onSeam(storeId)) await (await this.seam()).forget(storeId);
    else await this.#auth.signOut(storeId);
    this.#drop(storeId);
    try {
      const { forgetStoreEmbed } = await import('../embed/embed-tokens.ts');
      await forgetStoreEmbed(this.config, storeId);
    } catch {
      // Storage refused: the sign-out itself is done; the storefront-only token (made to be
      // published) stays until it expires, and the Embed screen offers it again.
    }
  }

  /** Forgets the store's session here (signed out in this tab or another). */
  #drop(storeId: string, elsewhere = false): void {
    this.#outElsewhere = elsewhere;
    this.#sessions = this.#sessions.filter((s) => s.storeId !== storeId);
    this.links.drop(storeId);
    this.#settle(storeId);
    this.#setReachable(storeId);
    this.#signedOutOf = storeId;
  }

  #setReachable(storeId: string): void {
    void this.#retry?.then((retry) => retry.stop(storeId), () => undefined);
    if (this.#unreachable.includes(storeId)) this.#unreachable = this.#unreachable.filter((id) => id !== storeId);
  }

  #onAuthEvent(event: AuthEvent): void {
    const { storeId } = event;
    if (event.type === 'signed-out-elsewhere') this.#drop(storeId, true);
    else if (event.type === 'connected-elsewhere') void this.#connectedElsewhere(storeId);
    else if (event.type === 'renewed') this.#setReachable(storeId);
    else if (event.type === 'scopes-changed') this.#regranted(storeId, event.scopes);
    else if (event.type === 'renewal-unavailable') this.#renewalUnavailable(storeId);
    // Storage refused a store's connection (kept in memory, the storage banner shows; `saveAgain`
    // writes it again), or saved it after all: its entry goes, and with the last one the banner.
    else this.#unsaved = this.#unsaved.filter((unsaved) => unsaved.storeId !== storeId).concat('why' in event ? event : []);
  }

  /** A renewal failed for a passing reason: "can't reach" shows, and it is tried again (RenewalRetry). */
  #renewalUnavailable(storeId: string): void {
    if (!this.#unreachable.includes(storeId)) this.#unreachable = [...this.#unreachable, storeId];
    this.#renewalRetry().then((retry) => retry.schedule(storeId), () => undefined);
  }

  /**
   * The retry of renewals that failed for a passing reason, loaded as soon as there is a session
   * (load, accept): its commonest cause is the network being down, when its code could no longer be
   * downloaded. A failed import is forgotten: the retry is then left to the next renewal the app asks for.
   */
  #renewalRetry(): Promise<RenewalRetry> {
    this.#retry ??= import('../auth/renewal-retry.ts').then(({ RenewalRetry }) => new RenewalRetry({ retry: (id) => this.#retryRenewal(id) }));
    this.#retry.catch(() => (this.#retry = undefined));
    return this.#retry;
  }

  async #retryRenewal(storeId: string): Promise<void> {
    try {
      await (this.onSeam(storeId) ? (await this.seam()).retryRenewal(storeId) : this.#auth.retryRenewal(storeId));
      this.#setReachable(storeId);
    } catch (error) {
      this.noteEnded(storeId, error);
      throw error;
    }
  }

  /** Records a finished sign-in (the callback has been handled by the AuthService). */
  accept(session: StoreSession): void {
    this.#renewalRetry().catch(() => undefined);
    this.#setReachable(session.storeId);
    this.#sessions = [...this.#sessions.filter((s) => s.storeId !== session.storeId), session];
    this.#connected(session.storeId);
  }

  /**
   * Connected in another tab (a sign-in, pasted credentials, reconnected after access ended, or a
   * renewal there that changed the grant): the new connection is read from storage and shown here
   * as if made here, without a reload. Unreadable (storage failing): this tab goes on as it was,
   * and its next request reads storage itself.
   */
  async #connectedElsewhere(storeId: string): Promise<void> {
    if (!this.store(storeId)) return;
    try {
      if (this.onSeam(storeId)) {
        const credential = await (await this.seam()).current(storeId);
        // Its screens load afresh only where access had ended here: a grant changed in another tab
        // (a renewal there, or Grant access) updates what they offer in place, keeping the person's
        // focus and typing.
        if (credential) this.link(credential, this.#expired.includes(storeId));
      } else {
        const session = (await this.#auth.listSessions()).sessions.find((s) => s.storeId === storeId);
        if (session) this.accept(session);
      }
    } catch {
      // left as it was (see above)
    }
  }

  /** A renewal granted `scopes` (fewer, or others): what the screens offer follows them. */
  #regranted(storeId: string, scopes: string[]): void {
    this.#sessions = this.#sessions.map((s) => (s.storeId === storeId ? { ...s, tokens: { ...s.tokens, scopes } } : s));
  }

  /** A 401 that could not be refreshed: keep the place, show the reconnect banner. */
  markExpired(storeId: string): void {
    if (!this.#expired.includes(storeId)) this.#expired = [...this.#expired, storeId];
  }

  getAccessToken(storeId: string): Promise<string> {
    return this.#auth.getAccessToken(storeId);
  }

  /** After a 401 for `refusedToken`: a token renewed meanwhile (this tab or another) is reused, not renewed again. */
  handleUnauthorized(storeId: string, refusedToken: string): Promise<string> {
    return this.#auth.handleUnauthorized(storeId, refusedToken);
  }

  static install(session: Session): Session {
    return setContext(KEY, session);
  }

  static get(): Session {
    return getContext<Session>(KEY);
  }
}
