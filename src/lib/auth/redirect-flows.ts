/**
 * The two Goodsie redirect flows behind the AuthService: the implicit flow (ours) and code + PKCE
 * (the lazily loaded oidc module). Starts a sign-in (its pending record, bound to the store's
 * endpoints, redirect URI and issuer), completes a callback into tokens, and burns the state of a
 * malformed one. Stores nothing but pending sign-ins: the AuthService keeps the session.
 */
import type { AppConfig, GoodsieStoreConfig } from '../config/types.ts';
import type { CapturedRedirect } from '../oauth/callback.ts';
import { AppError, isAppError } from '../oauth/errors.ts';
import type { TokenSet } from '../oauth/types.ts';
import type { KeyValueStore } from '../storage/kv.ts';
import type { ConnectorContext } from '../connect/connector.ts';
import type { OidcStateStore } from '../storage/oidc-state-store.ts';
import type { PendingStore } from '../storage/pending-store.ts';

export type CodeFlowModule = typeof import('../oidc/code-flow.ts');

export interface RedirectFlowsDeps {
  config: AppConfig;
  fetch: typeof fetch;
  now: () => number;
  /** Where pending sign-ins wait (IndexedDB, or the sessionStorage fallback). */
  pendingKv: KeyValueStore;
  loadCodeFlow: () => Promise<CodeFlowModule>;
}

export interface CompletedRedirect {
  storeId: string;
  returnTo: string;
  tokens: TokenSet;
  /** The scopes the sign-in asked for. */
  asked: string[];
}

export class RedirectFlows {
  readonly #deps: RedirectFlowsDeps;
  #pending: Promise<PendingStore> | undefined;
  #oidcStates: Promise<OidcStateStore> | undefined;

  constructor(deps: RedirectFlowsDeps) {
    this.#deps = deps;
  }

  /**
   * Saves the pending sign-in and returns the authorization URL.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.2.1
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1
   */
  async start(store: GoodsieStoreConfig, scopes: string[], returnTo: string): Promise<string> {
    if (store.flow === 'code') {
      const [codeFlow, deps] = await this.codeFlowWithDeps();
      return codeFlow.startCodeFlow(store, { scopes, returnTo }, deps);
    }
    // What only a sign-in needs loads when one starts: the implicit connector (the seam's interface,
    // shared with the Embed screen's storefront-only token) and the mix-up binding of its record.
    const [{ goodsieImplicitConnector }, { bindingOf }, pending] = await Promise.all([
      import('../providers/goodsie-implicit.ts'),
      import('../oauth/mix-up.ts'),
      this.#pendingStore(),
    ]);
    const url = await goodsieImplicitConnector.begin(this.#context(store), {
      scopes,
      returnTo,
      savePending: (record) => pending.put({ ...record, flow: 'token', binding: bindingOf(store) }),
    });
    return url.href;
  }

  /** The tokens of a well-formed callback, once its state, store, redirect URI and issuer check out. */
  complete(captured: CapturedRedirect): Promise<CompletedRedirect> {
    return captured.responseMode === 'fragment' ? this.#completeImplicit(captured) : this.#completeCode(captured);
  }

  /** A malformed callback still burns its state (when it has exactly one), so it cannot be reused. */
  async voidState(captured: CapturedRedirect): Promise<string | undefined> {
    const states = captured.params.getAll('state');
    const state = states[0];
    if (states.length !== 1 || state === undefined || state === '') return undefined;
    try {
      if (captured.responseMode === 'fragment') return (await (await this.#pendingStore()).take(state)).storeId;
      await (await this.#oidcStateStore()).remove(state);
    } catch {
      // unknown, used or expired: nothing to void
    }
    return undefined;
  }

  loadCodeFlow(): Promise<CodeFlowModule> {
    return this.#deps.loadCodeFlow();
  }

  async codeFlowDeps() {
    return { fetch: this.#deps.fetch, stateStore: await this.#oidcStateStore(), now: this.#deps.now };
  }

  /** The code flow's module and its dependencies, asked for together: one round trip on a slow link, not two. */
  codeFlowWithDeps(): Promise<[CodeFlowModule, Awaited<ReturnType<RedirectFlows['codeFlowDeps']>>]> {
    return Promise.all([this.loadCodeFlow(), this.codeFlowDeps()]);
  }

  async #completeImplicit(captured: CapturedRedirect): Promise<CompletedRedirect> {
    const { params, receivedAt } = captured;
    const state = params.get('state');
    if (state === null || state === '') throw new AppError('OAUTH_STATE_MISSING', 'the response carries no state');
    const pending = await (await this.#pendingStore()).take(state);
    const store = this.#deps.config.stores.find((candidate) => candidate.id === pending.storeId);
    if (!store) throw new AppError('OAUTH_STORE_UNLISTED', 'the sign-in was for a store config.json no longer names', { storeId: pending.storeId });
    if (pending.flow !== 'token') throw new AppError('OAUTH_STATE_MISMATCH', 'the sign-in state does not fit this response', { storeId: pending.storeId });
    // The response parser loads only when a callback arrives.
    const [{ goodsieImplicitConnector }, mixUp] = await Promise.all([import('../providers/goodsie-implicit.ts'), import('../oauth/mix-up.ts')]);
    // Ours, for a store config.json now has on another flow (or platform): configured differently since it began.
    if (store.kind !== 'goodsie' || store.flow !== 'token') throw mixUp.configuredDifferently(pending.storeId, pending.returnTo);
    mixUp.checkCallbackBinding(pending.binding, mixUp.bindingOf(store), mixUp.arrivalAddress(captured.cleanHref), params.get('iss'), pending.returnTo);
    try {
      const { tokens } = await goodsieImplicitConnector.complete(this.#context(store), { ...captured, receivedAt: receivedAt ?? this.#deps.now() }, { ...pending, mode: 'implicit' });
      if (!tokens) throw new AppError('OAUTH_INVALID_RESPONSE', 'the store issued no token', { storeId: store.id });
      return { storeId: store.id, returnTo: pending.returnTo, tokens, asked: pending.scopes };
    } catch (error) {
      if (isAppError(error)) {
        error.storeId ??= store.id;
        error.returnTo ??= pending.returnTo;
      }
      throw error;
    }
  }

  async #completeCode(captured: CapturedRedirect): Promise<CompletedRedirect> {
    const [codeFlow, deps] = await this.codeFlowWithDeps();
    return codeFlow.completeCodeFlow(`?${captured.params.toString()}`, this.#deps.config, deps, captured.cleanHref);
  }

  #context(store: GoodsieStoreConfig): ConnectorContext<GoodsieStoreConfig> {
    return { store, fetch: this.#deps.fetch, now: this.#deps.now };
  }

  /** The implicit flow's pending sign-ins. */
  #pendingStore(): Promise<PendingStore> {
    this.#pending ??= import('../storage/pending-store.ts').then(
      ({ PendingStore }) => new PendingStore(this.#deps.pendingKv, { now: this.#deps.now }),
    );
    return this.#pending;
  }

  /** The code flow's state store, on the same storage as the implicit flow's pending sign-ins. */
  #oidcStateStore(): Promise<OidcStateStore> {
    this.#oidcStates ??= import('../storage/oidc-state-store.ts').then(({ createOidcStateStore }) =>
      createOidcStateStore(this.#deps.pendingKv, { now: this.#deps.now }),
    );
    return this.#oidcStates;
  }
}
