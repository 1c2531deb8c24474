import { getContext, setContext } from 'svelte';
import type { StoreApi } from '../api/client.ts';
import { HttpError } from '../oauth/errors.ts';
import { loadProvider } from '../providers/registry.ts';
import type { Session } from './session.svelte.ts';
import { StoreInfo } from './store-info.svelte.ts';

const KEY = Symbol('apis');

export interface RateLimitNotice {
  storeId: string;
  retryInSeconds: number;
  attempt: number;
}

/**
 * One API client per connected store, wired to the session for tokens, refresh and scope changes.
 * Components never fetch: they ask a state class, which asks this. The client and the provider's
 * adapter load with the first call, so the stores list does not wait for them.
 */
export class StoreApis {
  #session: Session;
  #fetch: typeof fetch;
  #clients = new Map<string, StoreApi>();
  #infos = new Map<string, StoreInfo>();
  /** Per store: how many calls are waiting out a 429 right now. */
  #waiting = new Map<string, number>();
  /** Set while a 429 is being waited out, so the wait is visible. */
  #rateLimit = $state<RateLimitNotice | null>(null);

  constructor(session: Session, fetchImpl: typeof fetch) {
    this.#session = session;
    this.#fetch = fetchImpl;
  }

  /** Set while a 429 is being waited out, so the wait is visible. */
  get rateLimit(): RateLimitNotice | null {
    return this.#rateLimit;
  }

  for(storeId: string): StoreApi {
    let client = this.#clients.get(storeId);
    if (!client) {
      client = this.#create(storeId);
      this.#clients.set(storeId, client);
    }
    return client;
  }

  /** The store's name, pages and categories, loaded once per store and shared by the views. */
  info(storeId: string): StoreInfo {
    let info = this.#infos.get(storeId);
    if (!info) {
      info = new StoreInfo(this.for(storeId));
      this.#infos.set(storeId, info);
    }
    info.ensureLoaded();
    return info;
  }

  #create(storeId: string): StoreApi {
    const store = this.#session.store(storeId);
    if (!store) throw new Error(`unknown store ${storeId}`);
    let loading: Promise<StoreApi> | undefined;
    const load = () =>
      (loading ??= Promise.all([import('../api/client.ts'), loadProvider(store.kind)]).then(([{ createStoreApi, abortableSleep }, provider]) =>
        createStoreApi({
          apiBase: store.apiBase,
          provider,
          fetch: this.#fetch,
          getAccessToken: () => this.#session.getAccessToken(storeId),
          onUnauthorized: (refused) => this.#session.handleUnauthorized(storeId, refused),
          onRateLimited: ({ retryInSeconds, attempt }) => {
            this.#rateLimit = { storeId, retryInSeconds, attempt };
          },
          sleep: async (ms, signal) => {
            this.#waiting.set(storeId, (this.#waiting.get(storeId) ?? 0) + 1);
            try {
              await abortableSleep(ms, signal);
            } finally {
              this.#waiting.set(storeId, (this.#waiting.get(storeId) ?? 1) - 1);
            }
          },
        }),
      ));
    // Every call: a 403 updates the capability model, and a finished call clears the wait notice
    // unless another call to the store is still waiting out a 429.
    const call =
      <K extends keyof StoreApi>(name: K) =>
      async (...args: Parameters<StoreApi[K]>): Promise<Awaited<ReturnType<StoreApi[K]>>> => {
        try {
          const api = await load();
          const method = api[name] as (...a: Parameters<StoreApi[K]>) => ReturnType<StoreApi[K]>;
          return await method(...args);
        } catch (error) {
          if (error instanceof HttpError && error.code === 'API_INSUFFICIENT_SCOPE' && error.requiredScope) {
            this.#session.withdrawScope(storeId, error.requiredScope);
          }
          throw error;
        } finally {
          if (this.#rateLimit?.storeId === storeId && !this.#waiting.get(storeId)) this.#rateLimit = null;
        }
      };
    return {
      listProducts: call('listProducts'),
      getProduct: call('getProduct'),
      getMetadata: call('getMetadata'),
      listPages: call('listPages'),
      getCart: call('getCart'),
      addToCart: call('addToCart'),
      listOrders: call('listOrders'),
      listCoupons: call('listCoupons'),
      updateProduct: call('updateProduct'),
      createProduct: call('createProduct'),
    };
  }

  static install(apis: StoreApis): StoreApis {
    return setContext(KEY, apis);
  }

  static get(): StoreApis {
    return getContext<StoreApis>(KEY);
  }
}
