import { getContext, setContext } from 'svelte';
import type { StoreApi } from '../api/client.ts';
import { HttpError } from '../oauth/errors.ts';
import type { AdapterHooks } from '../connect/adapter.ts';
import { getProvider, loadProvider } from '../providers/registry.ts';
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

  /** The 429 being waited out right now, or null. */
  get rateLimit(): RateLimitNotice | null {
    return this.#rateLimit;
  }

  constructor(session: Session, fetchImpl: typeof fetch) {
    this.#session = session;
    this.#fetch = fetchImpl;
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

  /** A wait after a 429, counted per store so the notice stays while any call still waits. */
  async #sleep(storeId: string, sleep: (ms: number, signal?: AbortSignal) => Promise<void>, ms: number, signal?: AbortSignal): Promise<void> {
    this.#waiting.set(storeId, (this.#waiting.get(storeId) ?? 0) + 1);
    try {
      await sleep(ms, signal);
    } finally {
      this.#waiting.set(storeId, (this.#waiting.get(storeId) ?? 1) - 1);
    }
  }

  #create(storeId: string): StoreApi {
    const store = this.#session.store(storeId);
    if (!store) throw new Error(`unknown store ${storeId}`);
    let loading: Promise<StoreApi> | undefined;
    const loadSeam = async (): Promise<StoreApi> => {
      const [{ createTransport }, { adapterStoreApi }, { abortableSleep }, createAdapter] = await Promise.all([
        import('../api/transport.ts'),
        import('../api/adapter-store-api.ts'),
        import('../api/client.ts'),
        import('../providers/loaders.ts').then((loaders) => loaders.loadAdapter(store.kind)),
      ]);
      let hooks: AdapterHooks | undefined;
      const send = createTransport({
        apiBase: store.apiBase,
        fetch: this.#fetch,
        sign: async (headers) => {
          const token = await this.#session.getAccessToken(storeId);
          headers.set('Authorization', `Bearer ${token}`);
          return token;
        },
        onUnauthorized: async (refused) => {
          await this.#session.handleUnauthorized(storeId, refused);
        },
        operationScope: (operation) => getProvider(store.kind).operationScopes[operation],
        hooks: () => hooks,
        onRateLimited: ({ retryInSeconds, attempt }) => {
          this.#rateLimit = { storeId, retryInSeconds, attempt };
        },
        sleep: (ms, signal) => this.#sleep(storeId, abortableSleep, ms, signal),
      });
      const adapter = createAdapter({ store, send });
      hooks = adapter.hooks;
      return adapterStoreApi(adapter);
    };
    // FlickRocket runs on the seam (connector, transport, adapter); Goodsie's screens still use client.ts.
    const load = () =>
      (loading ??= store.kind !== 'goodsie' ? loadSeam() : Promise.all([import('../api/client.ts'), loadProvider(store.kind)]).then(([{ createStoreApi, abortableSleep }, provider]) =>
        createStoreApi({
          apiBase: store.apiBase,
          provider,
          fetch: this.#fetch,
          getAccessToken: () => this.#session.getAccessToken(storeId),
          onUnauthorized: () => this.#session.handleUnauthorized(storeId),
          onRateLimited: ({ retryInSeconds, attempt }) => {
            this.#rateLimit = { storeId, retryInSeconds, attempt };
          },
          sleep: (ms, signal) => this.#sleep(storeId, abortableSleep, ms, signal),
        }),
      ));
    // Every call: a 403 updates the capability model, and a finished call clears the wait notice
    // unless another call to the store is still waiting out a 429.
    const call =
      <K extends Exclude<keyof StoreApi, 'listCategories'>>(name: K) =>
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
    const api: StoreApi = {
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
    if (store.kind !== 'goodsie') {
      api.listCategories = async (signal) => {
        const loaded = await load();
        return loaded.listCategories ? loaded.listCategories(signal) : [];
      };
    }
    return api;
  }

  static install(apis: StoreApis): StoreApis {
    return setContext(KEY, apis);
  }

  static get(): StoreApis {
    return getContext<StoreApis>(KEY);
  }
}
