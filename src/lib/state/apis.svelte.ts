import type { StoreApi } from '../api/client.ts';
import { HttpError } from '../oauth/http-errors.ts';
import type { Capability } from '../domain/capability.ts';
import type { Session } from './session.svelte.ts';
import { catalogPaging } from './store-queries.ts';
import type { StoreConfig } from '../config/types.ts';
import { runsOnSeam } from '../connect/store-config.ts';
import { createStoreClient, type ClientHost, type StoreClient } from './store-clients.ts';
import { cursorPagesOf, PAGE_SIZE, type ListProductPage } from './cursor-pages.ts';
import { StoreInfo } from './store-info.svelte.ts';
import type { Product, ProductListQuery, ProductPage } from '../domain/catalog.ts';
import { installApis, installedApis, preloadStoreCode } from './apis-context.ts';
import { FreshCopies } from './fresh-copies.ts';
import { ProductConflictError } from '../domain/conflict.ts';
import { isProbed } from './store-capabilities.ts';

/** The capability a call exercises: a 403 on a probed platform takes it back. */
const CAPABILITY_OF: Partial<Record<keyof StoreApi, Capability>> = {
  listOrders: 'viewOrders',
  listCoupons: 'viewCoupons',
  updateProduct: 'editProducts',
  updateVariantStock: 'editProducts',
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
 * adapter load with the first call; this class itself loads with the store screen's code
 * (apis-port.svelte.ts), so the stores list does not wait for any of it.
 */
export class StoreApis {
  #session: Session;
  #fetch: typeof fetch;
  #clients = new Map<string, StoreApi>();
  #infos = new Map<string, StoreInfo>();
  /** Per store: its client (and a seam store's adapter), loading or loaded. */
  #loads = new Map<string, Promise<StoreClient>>();
  /** Per store: a first catalogue page asked for at boot, for the catalogue to take (once). */
  #early = new Map<string, { key: string; page: Promise<ProductPage> }>();
  /** Per store: how many calls are waiting out a 429 right now. */
  #waiting = new Map<string, number>();
  /** Set while a 429 is being waited out, so the wait is visible. */
  #rateLimit = $state<RateLimitNotice | null>(null);
  /** The products read or saved one by one, for lists shown again from memory. */
  #fresh = new FreshCopies();

  constructor(session: Session, fetchImpl: typeof fetch) {
    this.#session = session;
    this.#fetch = fetchImpl;
    // Each store's info is made now, not by the first screen that asks: Svelte does not follow
    // state made inside the reaction reading it, so a screen whose $derived or markup made the info
    // (a cart page opened by reload) would never see the store's answer. Nothing is asked yet.
    for (const store of session.config.stores) this.#infos.set(store.id, new StoreInfo(this.for(store.id)));
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

  /**
   * `products` (a list shown again from memory) with the later copy of each product this tab has
   * read or saved one by one since: see fresh-copies.ts.
   */
  freshen(storeId: string, products: readonly Product[]): readonly Product[] {
    return this.#fresh.freshen(storeId, products);
  }

  /** Whether `storeId`'s platform lets this app add products (its client's code loads first if need be). */
  async createsProducts(storeId: string): Promise<boolean> {
    const store = this.#session.store(storeId);
    return store !== undefined && (await this.#client(store)).createsProducts;
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

  /**
   * Starts loading `storeId`'s client code (the API client, or the platform's adapter) ahead of the
   * first call, so a returning visitor's first request does not wait for it; a failure shows at
   * that call, which tries again.
   */
  warm(storeId: string): void {
    const store = this.#session.store(storeId);
    if (store) this.#client(store).catch(() => undefined);
  }

  /**
   * Asks for what a store's catalogue shows first (its first page for `query`, the store's name and
   * pages) as soon as the session is read, before the catalogue's code has mounted; the catalogue's
   * first load for the same query takes that page rather than asking again (one request, not two).
   * Settles (never rejects) once the store's client code is in.
   */
  prefetchCatalog(storeId: string, query: ProductListQuery): Promise<unknown> {
    const store = this.#session.store(storeId);
    if (!store) return Promise.resolve();
    const page = this.#pagesOf(storeId)(query, null, new AbortController().signal);
    page.catch(() => undefined); // the catalogue that takes it shows the failure
    this.#early.set(storeId, { key: queryKey(query), page });
    this.info(storeId);
    // Settles once the client code is in: from there to the requests leaving, microtasks only.
    return this.#client(store).catch(() => undefined);
  }

  /** The store's client, built on first use (one per store; a failed build is tried again next call). */
  #client(store: StoreConfig): Promise<StoreClient> {
    let loading = this.#loads.get(store.id);
    if (!loading) {
      const host: ClientHost = {
        session: this.#session,
        fetch: this.#fetch,
        onRateLimited: (storeId, { retryInSeconds, attempt }) => {
          this.#rateLimit = { storeId, retryInSeconds, attempt };
        },
        counted: async (storeId, wait) => {
          this.#waiting.set(storeId, (this.#waiting.get(storeId) ?? 0) + 1);
          try {
            return await wait;
          } finally {
            this.#waiting.set(storeId, (this.#waiting.get(storeId) ?? 1) - 1);
          }
        },
      };
      // Goodsie's adapter downloads beside the client code, not once that code has run.
      preloadStoreCode(store);
      loading = createStoreClient(host, store);
      loading.catch(() => this.#loads.delete(store.id));
      this.#loads.set(store.id, loading);
    }
    return loading;
  }

  /**
   * The catalogue's pages of `storeId` by cursor: a seam store's adapter pages itself (offsets,
   * links, locally sorted lists); Goodsie's numbered pages become cursors.
   */
  pages(storeId: string): ListProductPage {
    const list = this.#pagesOf(storeId);
    return (query, cursor, signal, atLeast) => {
      // The first page asked for at boot is taken once, by the first load of the first page that
      // comes: its query's, or none (the person moved on; a later visit asks afresh).
      const early = cursor === null ? this.#early.get(storeId) : undefined;
      if (early) {
        this.#early.delete(storeId);
        if (early.key === queryKey(query)) return early.page;
      }
      return list(query, cursor, signal, atLeast);
    };
  }

  #pagesOf(storeId: string): ListProductPage {
    const store = this.#session.store(storeId);
    if (!store || !runsOnSeam(store.kind)) return cursorPagesOf(this.for(storeId), PAGE_SIZE, catalogPaging(this.#session, storeId)?.maxCount);
    return (query, cursor, signal, atLeast) =>
      this.#tracked(storeId, async () => {
        const { adapter } = await this.#client(store);
        if (!adapter) throw new Error(`${store.kind} pages by number`);
        return adapter.listProducts(query, cursor, atLeast ? { signal, atLeast } : { signal });
      });
  }

  /** After a call: a 403 narrows what the screens offer; the 429 notice clears when nothing waits. */
  async #tracked<T>(storeId: string, run: () => Promise<T>, capability?: Capability): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof HttpError && error.code === 'API_INSUFFICIENT_SCOPE') {
        if (error.requiredScope) this.#session.withdrawScope(storeId, error.requiredScope);
        else if (capability && isProbed(this.#session, storeId)) this.#session.refuseCapability(storeId, capability);
      }
      throw error;
    } finally {
      if (this.#rateLimit?.storeId === storeId && !this.#waiting.get(storeId)) this.#rateLimit = null;
    }
  }

  #create(storeId: string): StoreApi {
    const store = this.#session.store(storeId);
    if (!store) throw new Error(`unknown store ${storeId}`);
    const load = () => this.#client(store).then((client) => client.api);
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
      getProduct: (...args) =>
        call('getProduct')(...args).then((product) => {
          this.#fresh.note(storeId, product);
          return product;
        }),
      listVariants: (...args) =>
        call('listVariants')(...args).then((read) => {
          // A variant's save leaves its parent's version as it was: the stock they say is noted.
          this.#fresh.noteVariants(storeId, args[0], read);
          return read;
        }),
      getMetadata: call('getMetadata'),
      listPages: call('listPages'),
      listCategories: call('listCategories'),
      getCart: call('getCart'),
      addToCart: call('addToCart'),
      listOrders: call('listOrders'),
      listCoupons: call('listCoupons'),
      updateProduct: (...args) =>
        call('updateProduct')(...args).then(
          (product) => {
            this.#fresh.note(storeId, product);
            return product;
          },
          (error: unknown) => {
            // The store's copy that the save collided with is the latest there is.
            if (error instanceof ProductConflictError && error.current) this.#fresh.note(storeId, error.current);
            throw error;
          },
        ),
      updateVariantStock: call('updateVariantStock'),
      createProduct: (...args) =>
        call('createProduct')(...args).then((product) => {
          this.#fresh.note(storeId, product);
          return product;
        }),
    };
  }

  /** Installs `apis`, built already, where the shell installs its LazyApis (apis-port.svelte.ts; component tests). */
  static install(apis: StoreApis): StoreApis {
    installApis({ current: apis });
    return apis;
  }

  /** The screens' StoreApis: a store's screen shows only once the shell has loaded it with the screen's code. */
  static get(): StoreApis {
    return installedApis<StoreApis>()?.current as StoreApis;
  }
}

/** The same list whatever the order of its fields or an empty filter left in or out. */
function queryKey(query: ProductListQuery): string {
  return JSON.stringify([query.q ?? '', query.category ?? '', query.sort ?? '', query.count ?? 0]);
}
