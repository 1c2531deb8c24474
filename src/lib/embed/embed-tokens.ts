/**
 * Tokens for the embeddable widget, kept apart from the app's own sessions.
 *
 * A widget snippet publishes its token on a public web page, so it must be able to read the
 * storefront and nothing else. The app's session for a store often holds more (cart, admin), and
 * signing in again with scope `storefront` through the AuthService would REPLACE that session in
 * the vault. So an embed token comes from its own sign-in:
 * - always the implicit flow (response_type=token): it never yields a refresh token, which must
 *   never be published, and the token is meant to be public anyway;
 * - exactly the provider's read-only scope (Goodsie `storefront`), nothing merged in;
 * - its state starts with `e.` so the callback is recognisable before the AuthService sees it
 *   (`isEmbedCallback`), and its pending entry and its token live under the `embed:` prefix of the
 *   same IndexedDB store (the app's PendingStore and TokenVault, reused on that prefix; the token
 *   sealed like the app's own, see sealed-store.ts).
 *
 * The app's boot must hand an embed callback here instead of to AuthService.completeSignIn
 * (see `completeEmbedSignIn`).
 */
import { arrivalAddress, bindingOf, checkCallbackBinding } from '../oauth/mix-up.ts';
import { findStore } from '../config/find-store.ts';
import type { AppConfig, GoodsieStoreConfig } from '../config/types.ts';
import type { CapturedRedirect } from '../oauth/callback.ts';
import { AppError } from '../oauth/errors.ts';
import type { ConnectorContext } from '../connect/connector.ts';
import { goodsieImplicitConnector } from '../providers/goodsie-implicit.ts';
import type { StoreSession } from '../oauth/types.ts';
import { sanitizeReturnTo } from '../auth/return-to.ts';
import { renewalsWritten } from '../auth/unload-guard.ts';
import { getProvider } from '../providers/registry.ts';
import { CopiedSnippets } from '../storage/copied-snippets.ts';
import { StorefrontKeys } from '../storage/storefront-keys.ts';
import { openStorage, prefixed, type OpenedStorage } from '../storage/kv.ts';
import { PendingStore } from '../storage/pending-store.ts';
import { TokenVault } from '../storage/token-vault.ts';
import { embedScope } from './embed-scope.ts';

/** Marks the `state` of an embed sign-in; the rest is the usual 256 random bits. */
export const EMBED_STATE_PREFIX = 'e.';
const STORAGE_PREFIX = 'embed:';

export interface EmbedTokensDeps {
  config: AppConfig;
  /** window.location.assign in the app. */
  navigate: (url: string) => void;
  now?: () => number;
  /** Defaults to openStorage() (IndexedDB, or memory when it is unavailable). */
  storage?: OpenedStorage;
}

export interface CompletedEmbedSignIn {
  storeId: string;
  returnTo: string;
  session: StoreSession;
}

/** Whether a captured callback answers an embed sign-in (judged by its state, before any storage). */
export function isEmbedCallback(captured: CapturedRedirect): boolean {
  const states = captured.params.getAll('state');
  return states.length >= 1 && states.every((state) => state.startsWith(EMBED_STATE_PREFIX));
}

export class EmbedTokens {
  /** false: IndexedDB is unavailable; a sign-in (which leaves the page) cannot come back here. */
  readonly persistent: boolean;
  readonly #config: AppConfig;
  readonly #navigate: (url: string) => void;
  readonly #now: () => number;
  readonly #pending: PendingStore;
  readonly #vault: TokenVault;

  private constructor(deps: EmbedTokensDeps, storage: OpenedStorage) {
    this.persistent = storage.persistent;
    this.#config = deps.config;
    this.#navigate = deps.navigate;
    this.#now = deps.now ?? Date.now;
    // Pending sign-ins hold no secret; the tokens are sealed like the app's own.
    this.#pending = new PendingStore(prefixed(storage.store, STORAGE_PREFIX), { now: this.#now });
    this.#vault = new TokenVault(prefixed(storage.sealed, STORAGE_PREFIX));
  }

  static async open(deps: EmbedTokensDeps): Promise<EmbedTokens> {
    return new EmbedTokens(deps, deps.storage ?? (await openStorage()));
  }

  /**
   * Starts a sign-in for a storefront-only token for `storeId`, coming back to `returnTo` (an
   * internal route, e.g. `/s/demo/embed`). Navigates away.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.2.1
   */
  async begin(storeId: string, returnTo: string): Promise<void> {
    const store = this.#store(storeId);
    const scope = embedScope(getProvider(store.kind));
    // the same implicit flow as the app's own sign-in (providers/goodsie-implicit.ts), under its own prefix
    const url = await goodsieImplicitConnector.begin(this.#context(store), {
      scopes: [scope],
      returnTo: sanitizeReturnTo(returnTo),
      statePrefix: EMBED_STATE_PREFIX,
      savePending: (pending) => this.#pending.put({ ...pending, flow: 'token', binding: bindingOf(store) }),
    });
    await renewalsWritten();
    this.#navigate(url.href);
  }

  /**
   * Finishes an embed callback: the state must be one we issued (single use, 10 minutes), the
   * response a valid implicit grant. The token is kept as the store's embed token; the app's
   * session is left alone. Throws AppError (with storeId when known) like the AuthService does.
   */
  async complete(captured: CapturedRedirect): Promise<CompletedEmbedSignIn> {
    const state = captured.params.get('state') ?? '';
    if (captured.problem || captured.responseMode !== 'fragment') {
      const storeId = await this.#pending.take(state).then((p) => p.storeId, () => undefined);
      throw new AppError('OAUTH_INVALID_RESPONSE', 'the authorization response is malformed', {
        ...(storeId !== undefined ? { storeId } : {}),
      });
    }
    const pending = await this.#pending.take(state);
    const store = this.#store(pending.storeId);
    checkCallbackBinding(pending.binding, bindingOf(store), arrivalAddress(captured.cleanHref), captured.params.get('iss'));
    let session: StoreSession;
    try {
      const { tokens } = await goodsieImplicitConnector.complete(this.#context(store), captured, { ...pending, mode: 'implicit' });
      if (!tokens) throw new AppError('OAUTH_INVALID_RESPONSE', 'the store issued no token');
      session = { storeId: store.id, tokens };
    } catch (error) {
      if (error instanceof AppError && error.storeId === undefined) error.storeId = store.id;
      throw error;
    }
    await this.#vault.put(session);
    return { storeId: store.id, returnTo: sanitizeReturnTo(pending.returnTo), session };
  }

  /** The store's embed token, or null (none yet, or the saved one was unreadable and is gone). */
  async get(storeId: string): Promise<StoreSession | null> {
    try {
      return await this.#vault.get(storeId);
    } catch {
      return null;
    }
  }

  async forget(storeId: string): Promise<void> {
    await this.#vault.delete(storeId);
  }

  #context(store: GoodsieStoreConfig): ConnectorContext<GoodsieStoreConfig> {
    return { store, fetch: globalThis.fetch.bind(globalThis), now: this.#now };
  }

  #store(storeId: string): GoodsieStoreConfig {
    return findStore(this.#config, storeId, 'goodsie');
  }
}

/**
 * At sign-out: forgets the store's embed token (a snippet token outliving the sign-in it came from
 * would surprise the person; a snippet already published keeps working until the token expires or
 * is revoked at the store, only the app's copy goes), and the marker of a snippet copied with the
 * sign-in's own token (that token is revoked now: the next sign-in's asks nothing of it), and the
 * storefront key the Embed screen kept (it goes with the rest of the store's data).
 */
export async function forgetStoreEmbed(config: AppConfig, storeId: string): Promise<void> {
  const storage = await openStorage();
  await new CopiedSnippets(storage.store).forget(storeId).catch(() => undefined);
  await new StorefrontKeys(storage.store).forget(storeId).catch(() => undefined);
  await (await EmbedTokens.open({ config, navigate: () => undefined, storage })).forget(storeId);
}

/**
 * For the app's boot, before AuthService.completeSignIn: when `captured` answers an embed sign-in,
 * completes it here and returns where to go; otherwise returns null and the AuthService handles it.
 */
export async function completeEmbedSignIn(captured: CapturedRedirect, deps: EmbedTokensDeps): Promise<CompletedEmbedSignIn | null> {
  if (!isEmbedCallback(captured)) return null;
  return (await EmbedTokens.open(deps)).complete(captured);
}
