import type { StoreConfig } from '../config/types.ts';
import { checkEmbedToken, tokenGrant, type EmbedTokenCheck } from '../embed/embed-scope.ts';
import { EmbedTokens } from '../embed/embed-tokens.ts';
import { buildEmbedSnippet, pinnedWidget, widgetUrlFor, type EmbedSnippetOptions, type PinnedWidget } from '../embed/snippet.ts';
import type { StoreSession } from '../oauth/types.ts';
import { getProvider } from '../providers/registry.ts';
import type { ProviderProfile } from '../providers/types.ts';
import { CopiedSnippets } from '../storage/copied-snippets.ts';
import { StorefrontKeys } from '../storage/storefront-keys.ts';
import { openStorage } from '../storage/kv.ts';
import type { Session } from './session.svelte.ts';

/** For the Embed screen: whether the store runs on the seam (no Goodsie storefront token to publish). */
export { runsOnSeam } from '../connect/store-config.ts';

export type SnippetChoices = Omit<EmbedSnippetOptions, 'widgetUrl' | 'integrity' | 'apiBase' | 'token'>;

/**
 * The Embed screen's state for one store: which token may go into a public snippet (the separate
 * storefront-only embed token first, else the app's own when it is storefront-only), getting a new
 * embed token, and the snippet itself. The screen asks this; it never touches the token stores.
 */
export class StoreEmbed {
  readonly #session: Session;
  readonly #storeId: string;
  readonly #navigate: (url: string) => void;
  #tokens = $state<EmbedTokens | null>(null);
  /** The markers of snippets taken with the sign-in's own token (Sign out asks first); null until storage is open. */
  #copied: CopiedSnippets | null = null;
  /** Where the storefront key is kept (null until storage is open, or without a key on this platform). */
  #keys: StorefrontKeys | null = null;
  #savedKey = $state<string | null>(null);
  #embedSession = $state<StoreSession | null>(null);
  #loaded = $state(false);
  /** The content-named widget copy snippets pin with integrity (null under the dev server). */
  #pinned = $state<PinnedWidget | 'no-cors' | null>(null);
  readonly #baseUri: string;
  /** Absolute URL of widget.js, beside the app's own page (the live preview loads it). */
  readonly widgetUrl: string;

  constructor(session: Session, storeId: string, navigate: (url: string) => void, baseUri: string) {
    this.#session = session;
    this.#storeId = storeId;
    this.#navigate = navigate;
    this.#baseUri = baseUri;
    this.widgetUrl = widgetUrlFor(baseUri);
  }

  get store(): StoreConfig | undefined {
    return this.#session.store(this.#storeId);
  }

  get #provider(): ProviderProfile | undefined {
    const store = this.store;
    return store ? getProvider(store.kind) : undefined;
  }

  /** Why this store's platform has no snippet (profile.embedUnavailable), or undefined. */
  get unavailable(): string | undefined {
    return this.#provider?.embedUnavailable;
  }

  /** True once the saved embed token (if any) has been read. */
  get loaded(): boolean {
    return this.#loaded;
  }

  /** Whether an embed sign-in can be started at all (there is storage to come back to). */
  get canGetToken(): boolean {
    return this.#tokens !== null;
  }

  /** false: IndexedDB is unavailable, so an embed sign-in (which leaves the page) cannot come back. */
  get persistent(): boolean {
    return this.#tokens?.persistent ?? false;
  }

  /** Reads the saved embed token; returns the cancel function for an unmount. */
  open(): () => void {
    let cancelled = false;
    if (this.unavailable !== undefined) {
      // Nothing to read or pin: no snippet is ever made for this platform.
      this.#loaded = true;
      return () => undefined;
    }
    void pinnedWidget(globalThis.fetch.bind(globalThis), this.#baseUri).then((found) => {
      if (!cancelled) this.#pinned = found;
    });
    void (async () => {
      try {
        const storage = await openStorage();
        const tokens = await EmbedTokens.open({ config: this.#session.config, navigate: this.#navigate, storage });
        const saved = await tokens.get(this.#storeId);
        const keys = this.storefrontKey ? new StorefrontKeys(storage.store) : null;
        const savedKey = keys ? await keys.get(this.#storeId) : null;
        if (cancelled) return;
        this.#copied = new CopiedSnippets(storage.store);
        this.#keys = keys;
        this.#savedKey = savedKey;
        this.#tokens = tokens;
        this.#embedSession = saved;
      } catch {
        // No storage at all: only the app's own token can be used.
      } finally {
        if (!cancelled) this.#loaded = true;
      }
    })();
    return () => {
      cancelled = true;
    };
  }

  /**
   * Whether the app's own sign-in token may be published; undefined when the store is not connected.
   * Judged by the token's own stored grant, never by session.grantedScopes (which a 403 narrows: after
   * one 403 an admin token must not pass for storefront-only).
   */
  get appCheck(): EmbedTokenCheck | undefined {
    const provider = this.#provider;
    const app = this.#session.sessionFor(this.#storeId);
    return provider && app ? checkEmbedToken(provider, tokenGrant(app.tokens)) : undefined;
  }

  #usable(candidate: StoreSession | null | undefined): StoreSession | null {
    const provider = this.#provider;
    if (!candidate || !provider) return null;
    if (!checkEmbedToken(provider, tokenGrant(candidate.tokens)).ok) return null;
    const { expiresAt } = candidate.tokens;
    if (expiresAt !== null && expiresAt <= Date.now()) return null;
    return candidate;
  }

  /** The session whose token the snippet carries, or null when none may be published. */
  get snippetSession(): StoreSession | null {
    const embed = this.#embedSession;
    const app = this.#session.sessionFor(this.#storeId);
    return this.#usable(embed) ?? this.#usable(app);
  }

  /** The site's host serves the pinned widget copy without CORS, so snippets load widget.js unpinned. */
  get unpinnedByHost(): boolean {
    return this.#pinned === 'no-cors';
  }

  get usesAppToken(): boolean {
    const chosen = this.snippetSession;
    return chosen !== null && chosen === this.#session.sessionFor(this.#storeId);
  }

  get embedExpired(): boolean {
    const expiresAt = this.#embedSession?.tokens.expiresAt;
    return expiresAt !== null && expiresAt !== undefined && expiresAt <= Date.now();
  }

  /** Labels of the granted scopes that reach beyond reading, for the refusal. */
  get extraPowers(): string[] {
    const check = this.appCheck;
    if (!check || check.ok || check.reason !== 'too-powerful') return [];
    return check.beyond.map((id) => this.#session.scopeLabel(this.#storeId, id) ?? `“${id}”`);
  }

  /** The label of the storefront-only scope the embed token asks for. */
  get browseScopeLabel(): string {
    return this.#provider?.scopes.find((s) => s.grants.includes('browse'))?.label ?? 'storefront';
  }

  /** Starts an embed sign-in (leaves the page), coming back to `returnTo`. */
  async begin(returnTo: string): Promise<void> {
    if (!this.#tokens) return;
    await this.#tokens.begin(this.#storeId, returnTo);
  }

  /** The public storefront key the platform's widget uses (Shopware), when it has one. */
  get storefrontKey(): { label: string; hint: string } | undefined {
    return this.#provider?.storefrontKey;
  }

  /** The storefront key kept from an earlier visit, or null; read by open(). */
  get savedKey(): string | null {
    return this.#savedKey;
  }

  /** Keeps `key` for the next visit (one the store took, or could not be asked about); storage that fails keeps nothing. */
  async keepKey(key: string): Promise<void> {
    if (!this.#keys || key === this.#savedKey) return;
    try {
      await this.#keys.keep(this.#storeId, key);
      this.#savedKey = key;
    } catch {
      // pasted again next time
    }
  }

  /** Drops the kept key: the person emptied the field or put another key in it (kept again once the store takes that one). */
  async forgetKey(): Promise<void> {
    if (!this.#keys || this.#savedKey === null) return;
    this.#savedKey = null;
    try {
      await this.#keys.forget(this.#storeId);
    } catch {
      // storage gone: nothing to read back either
    }
  }

  /**
   * Whether the store takes `key` for reading its storefront, asked as the widget will ask (one
   * product, the key in its header, no cookies, no Referer): 'ok'; 'refused' (401 or 403: not this
   * store's key); 'unknown' (no answer, or another failure: the preview then tells).
   */
  async checkKey(key: string, fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<'ok' | 'refused' | 'unknown'> {
    const store = this.store;
    if (!store) return 'unknown';
    const refused = new Error('refused');
    try {
      const { widgetReader } = await import('../providers/storefronts.ts');
      await widgetReader(store.kind)({ apiBase: store.apiBase, token: key, limit: 1, category: '', search: '' }, async (url, init) => {
        const response = await fetchImpl(url, { ...init, credentials: 'omit', referrerPolicy: 'no-referrer' });
        if (response.status === 401 || response.status === 403) throw refused;
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return (await response.json()) as unknown;
      });
      return 'ok';
    } catch (error) {
      return error === refused ? 'refused' : 'unknown';
    }
  }

  /**
   * Whether the widget's cards link to the products' pages: Goodsie's storefront API gives each
   * product's address; with a public storefront key (Shopware's Store API, which gives none) only
   * when config.json names the shop's `storefrontUrl`, which the snippet then carries.
   */
  get linksProducts(): boolean {
    return !this.storefrontKey || this.storefrontUrl !== undefined;
  }

  /** config.json's `storefrontUrl` of the store, where its platform has one (the preview carries it as the snippet does). */
  get storefrontUrl(): string | undefined {
    const store = this.store;
    return store && 'storefrontUrl' in store ? store.storefrontUrl : undefined;
  }

  /** The snippet with the platform's public storefront key instead of a token (and the storefront's address); '' without a store. */
  keySnippet(choices: SnippetChoices, key: string): string {
    const store = this.store;
    const storefrontUrl = this.storefrontUrl;
    return store ? this.#build({ ...choices, ...(storefrontUrl ? { storefrontUrl } : {}) }, key, store.kind) : '';
  }

  /**
   * The person took `text` out of the snippet (Copy snippet, or copied or dragged from its box).
   * With the sign-in's own token in it, that is remembered for the store (which token, never the
   * token): Sign out then asks first, as signing out revokes it. With the separate access in it, the
   * marker goes: the snippet that ends with the sign-in has been replaced by one that does not.
   * Storage that fails forgets nothing and remembers nothing: copying still works.
   */
  async took(text: string): Promise<void> {
    const copied = this.#copied;
    const chosen = this.snippetSession;
    if (!copied || !chosen || !text.includes(chosen.tokens.accessToken)) return;
    try {
      if (this.usesAppToken) await copied.note(this.#storeId, { copiedAt: Date.now(), obtainedAt: chosen.tokens.obtainedAt, expiresAt: chosen.tokens.expiresAt });
      else await copied.forget(this.#storeId);
    } catch {
      // see above
    }
  }

  /** The two lines to paste, or '' when no token may be published. */
  snippet(choices: SnippetChoices): string {
    const chosen = this.snippetSession;
    return chosen ? this.#build(choices, chosen.tokens.accessToken) : '';
  }

  #build(choices: SnippetChoices, token: string, kind?: string): string {
    const store = this.store;
    if (!store) return '';
    const pinned = this.#pinned === 'no-cors' ? null : this.#pinned;
    return buildEmbedSnippet({
      ...choices,
      widgetUrl: pinned?.url ?? this.widgetUrl,
      ...(pinned ? { integrity: pinned.integrity } : {}),
      apiBase: store.apiBase,
      token,
      ...(kind ? { kind } : {}),
    });
  }
}
