/**
 * Builds one store's API client on its first call: Goodsie's numbered client (api/client.ts, in the
 * store screen's chunk with this module), or for a seam store its platform's adapter over the
 * transport (api/transport.ts), loaded then and signed through the session. StoreApis
 * (apis.svelte.ts) wraps what this returns with the 403 and 429 bookkeeping every call shares.
 */
import { createStoreApi, type StoreApi } from '../api/client.ts';
import { abortableSleep, type RateLimitInfo } from '../api/send-with-retries.ts';
import { fetchInTime } from '../api/time-limit.ts';
import type { StoreConfig } from '../config/types.ts';
import type { Adapter, AdapterHooks } from '../connect/adapter.ts';
import { runsOnSeam } from '../connect/store-config.ts';
import { getProvider, loadProvider } from '../providers/registry.ts';
import type { Session } from './session.svelte.ts';
import { seamUnauthorized, signSeamRequest } from './seam-requests.ts';

export interface ClientHost {
  session: Session;
  fetch: typeof fetch;
  onRateLimited(storeId: string, info: RateLimitInfo): void;
  /** Runs the wait after a 429, counted for the store while it lasts. */
  counted<T>(storeId: string, wait: Promise<T>): Promise<T>;
}

export interface StoreClient {
  api: StoreApi;
  /** The platform's cursor-paged adapter (seam stores only). */
  adapter?: Adapter;
  /** Whether the platform's API adds products as this app can ask it to (Goodsie's POST /products). */
  createsProducts: boolean;
}

/**
 * A Goodsie store's token, or its renewal after a 401: access that ends on the way (no renewal can
 * help) is noted on the session, which shows the reconnect banner, as a seam store's is
 * (seam-requests.ts); also where another tab saw it end and this one finds no session left. Not once
 * signed out of here (a request still under way then finds none either).
 */
async function noteEnded<T>(host: ClientHost, storeId: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (host.session.sessionFor(storeId)) host.session.noteEnded(storeId, error);
    throw error;
  }
}

export async function createStoreClient(host: ClientHost, store: StoreConfig): Promise<StoreClient> {
  const storeId = store.id;
  // Every request of both clients has the store API's time limit (api/time-limit.ts): one that never
  // answers fails as API_TIMEOUT ("<store> is taking too long to answer", with Try again; a write is
  // said as unsure), its body read within that time.
  const fetch = fetchInTime(host.fetch);
  if (!runsOnSeam(store.kind)) {
    const provider = await loadProvider(store.kind);
    const api = createStoreApi({
      apiBase: store.apiBase,
      provider,
      fetch,
      getAccessToken: () => noteEnded(host, storeId, host.session.getAccessToken(storeId)),
      onUnauthorized: (refused) => noteEnded(host, storeId, host.session.handleUnauthorized(storeId, refused)),
      onRateLimited: (info) => host.onRateLimited(storeId, info),
      sleep: (ms, signal) => host.counted(storeId, abortableSleep(ms, signal)),
    });
    return { api, createsProducts: true };
  }
  // Everything the client needs downloads at once, not one module after another.
  const [{ createTransport }, { adapterStoreApi }, createAdapter] = await Promise.all([
    import('../api/transport.ts'),
    import('../api/adapter-store-api.ts'),
    import('../providers/loaders.ts').then((loaders) => loaders.loadAdapter(store.kind)),
  ]);
  let hooks: AdapterHooks | undefined;
  const send = createTransport({
    apiBase: store.apiBase,
    fetch,
    sign: (headers) => signSeamRequest(host.session, storeId, headers),
    onUnauthorized: (refused) => seamUnauthorized(host.session, storeId, refused),
    operationScope: (operation) => getProvider(store.kind).operationScopes[operation],
    hooks: () => hooks,
    onRateLimited: (info: RateLimitInfo) => host.onRateLimited(storeId, info),
    sleep: (ms: number, signal?: AbortSignal) => host.counted(storeId, abortableSleep(ms, signal)),
  });
  const adapter = createAdapter({ store, send });
  hooks = adapter.hooks;
  return { api: adapterStoreApi(adapter), adapter, createsProducts: adapter.createProduct !== undefined };
}
