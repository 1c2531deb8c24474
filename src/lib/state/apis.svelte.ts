import { getContext, setContext } from 'svelte';
import type { StoreApi } from '../api/client.ts';
import { HttpError } from '../oauth/errors.ts';
import type { Capability } from '../domain/capability.ts';
import { getProvider, loadProvider } from '../providers/registry.ts';
import type { Session } from './session.svelte.ts';
import type { StoreConfig } from '../config/types.ts';
import type { Adapter, AdapterHooks } from '../connect/adapter.ts';
import { cursorPagesOf, type ListProductPage } from './cursor-pages.ts';
import { StoreInfo } from './store-info.svelte.ts';

const KEY = Symbol('apis');

/** The capability a call exercises: a 403 on a probed platform takes it back. */
const CAPABILITY_OF: Partial<Record<keyof StoreApi, Capability>> = {
  listOrders: 'viewOrders',
  listCoupons: 'viewCoupons',
  updateProduct: 'editProducts',
  createProduct: 'editProducts',
};

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
  /** Per seam store: its adapter and StoreApi, loading or loaded. */
  #seamLoads = new Map<string, Promise<{ adapter: Adapter; api: StoreApi }>>();
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

  /** A wait after a 429, counted per store so the notice stays while any call still waits. */
  async #sleep(storeId: string, sleep: (ms: number, signal?: AbortSignal) => Promise<void>, ms: number, signal?: AbortSignal): Promise<void> {
    this.#waiting.set(storeId, (this.#waiting.get(storeId) ?? 0) + 1);
    try {
      await sleep(ms, signal);
    } finally {
      this.#waiting.set(storeId, (this.#waiting.get(storeId) ?? 1) - 1);
    }
  }

  /** A seam store's adapter (built once) and the StoreApi over it. */
  #seam(store: StoreConfig): Promise<{ adapter: Adapter; api: StoreApi }> {
    let loading = this.#seamLoads.get(store.id);
    if (!loading) {
      loading = this.#loadSeam(store);
      loading.catch(() => this.#seamLoads.delete(store.id));
      this.#seamLoads.set(store.id, loading);
    }
    return loading;
  }

  /** A seam store's StoreApi: its platform's adapter over the transport, signed through the session. */
  async #loadSeam(store: StoreConfig): Promise<{ adapter: Adapter; api: StoreApi }> {
    const storeId = store.id;
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
      sign: (headers) => this.#session.signSeamRequest(storeId, headers),
      onUnauthorized: (refused) => this.#session.seamUnauthorized(storeId, refused),
      operationScope: (operation) => getProvider(store.kind).operationScopes[operation],
      hooks: () => hooks,
      onRateLimited: ({ retryInSeconds, attempt }) => {
        this.#rateLimit = { storeId, retryInSeconds, attempt };
      },
      sleep: (ms, signal) => this.#sleep(storeId, abortableSleep, ms, signal),
    });
    const adapter = createAdapter({ store, send });
    hooks = adapter.hooks;
    return { adapter, api: adapterStoreApi(adapter) };
  }

  /**
   * The catalogue's pages of `storeId` by cursor: a seam store's adapter pages itself (offsets,
   * links, locally sorted lists); Goodsie's numbered pages become cursors.
   */
  pages(storeId: string): ListProductPage {
    const store = this.#session.store(storeId);
    if (!store || store.kind === 'goodsie') return cursorPagesOf(this.for(storeId));
    return (query, cursor, signal) =>
      this.#tracked(storeId, async () => (await this.#seam(store)).adapter.listProducts(query, cursor, { signal }));
  }

  /** After a call: a 403 narrows what the screens offer; the 429 notice clears when nothing waits. */
  async #tracked<T>(storeId: string, run: () => Promise<T>, capability?: Capability): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof HttpError && error.code === 'API_INSUFFICIENT_SCOPE') {
        if (error.requiredScope) this.#session.withdrawScope(storeId, error.requiredScope);
        else if (capability && this.#session.isProbed(storeId)) this.#session.refuseCapability(storeId, capability);
      }
      throw error;
    } finally {
      if (this.#rateLimit?.storeId === storeId && !this.#waiting.get(storeId)) this.#rateLimit = null;
    }
  }

  #create(storeId: string): StoreApi {
    const store = this.#session.store(storeId);
    if (!store) throw new Error(`unknown store ${storeId}`);
    let loading: Promise<StoreApi> | undefined;
    const load = () =>
      (loading ??= store.kind !== 'goodsie' ? this.#seam(store).then((seam) => seam.api) : Promise.all([import('../api/client.ts'), loadProvider(store.kind)]).then(([{ createStoreApi, abortableSleep }, provider]) =>
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
      <K extends keyof StoreApi>(name: K) =>
      async (...args: Parameters<StoreApi[K]>): Promise<Awaited<ReturnType<StoreApi[K]>>> =>
        this.#tracked(
          storeId,
          async (): Promise<Awaited<ReturnType<StoreApi[K]>>> => {
            const api = await load();
            const method = api[name] as (...a: Parameters<StoreApi[K]>) => Promise<Awaited<ReturnType<StoreApi[K]>>>;
            return await method(...args);
          },
          CAPABILITY_OF[name],
        );
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
