import { getContext, setContext } from 'svelte';
import { createStoreApi, type StoreApi } from '../api/client.ts';
import { HttpError } from '../oauth/errors.ts';
import { getProvider } from '../providers/registry.ts';
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
 * Components never fetch: they ask a state class, which asks this.
 */
export class StoreApis {
  #session: Session;
  #fetch: typeof fetch;
  #clients = new Map<string, StoreApi>();
  #infos = new Map<string, StoreInfo>();
  /** Set while a 429 is being waited out, so the wait is visible. */
  rateLimit = $state<RateLimitNotice | null>(null);

  constructor(session: Session, fetchImpl: typeof fetch) {
    this.#session = session;
    this.#fetch = fetchImpl;
  }

  for(storeId: string): StoreApi {
    let client = this.#clients.get(storeId);
    if (client) return client;
    const store = this.#session.store(storeId);
    if (!store) throw new Error(`unknown store ${storeId}`);
    const inner = createStoreApi({
      apiBase: store.apiBase,
      provider: getProvider(store.kind),
      fetch: this.#fetch,
      getAccessToken: () => this.#session.getAccessToken(storeId),
      onUnauthorized: () => this.#session.handleUnauthorized(storeId),
      onRateLimited: ({ retryInSeconds, attempt }) => {
        this.rateLimit = { storeId, retryInSeconds, attempt };
      },
    });
    client = this.#watch(storeId, inner);
    this.#clients.set(storeId, client);
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

  /** Wraps every method so a 403 updates the capability model and a finished wait clears the notice. */
  #watch(storeId: string, api: StoreApi): StoreApi {
    const wrapped = {} as Record<string, unknown>;
    for (const [name, fn] of Object.entries(api)) {
      if (typeof fn !== 'function') continue;
      wrapped[name] = async (...args: unknown[]) => {
        try {
          return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
        } catch (error) {
          if (error instanceof HttpError && error.code === 'API_INSUFFICIENT_SCOPE' && error.requiredScope) {
            this.#session.withdrawScope(storeId, error.requiredScope);
          }
          throw error;
        } finally {
          if (this.rateLimit?.storeId === storeId) this.rateLimit = null;
        }
      };
    }
    return wrapped as unknown as StoreApi;
  }

  static install(apis: StoreApis): StoreApis {
    return setContext(KEY, apis);
  }

  static get(): StoreApis {
    return getContext<StoreApis>(KEY);
  }
}
