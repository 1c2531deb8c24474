/**
 * A store API request that never answers: the client gives up after STORE_API_TIME_LIMIT_MS with
 * API_TIMEOUT, on Goodsie's numbered client and on a seam store's transport alike (not as a lost
 * network: the store was reached), so the screen says the store is taking too long (with Try again)
 * instead of showing placeholders for ever.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStoreClient, type ClientHost } from '../../../src/lib/state/store-clients.ts';
import type { Session } from '../../../src/lib/state/session.svelte.ts';
import type { StoreConfig } from '../../../src/lib/config/types.ts';
import { STORE_API_TIME_LIMIT_MS } from '../../../src/lib/api/time-limit.ts';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { StoreConnections } from '../../../src/lib/state/store-connections.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';

const goodsie: StoreConfig = {
  id: 'acme',
  kind: 'goodsie',
  name: 'Acme',
  authorizationEndpoint: 'https://acme.example/oauth2/authorize',
  apiBase: 'https://acme.example',
  clientId: 'app-1',
  redirectUri: 'https://cdn.example.com/',
  defaultScopes: ['storefront'],
  flow: 'token',
};
const shopware: StoreConfig = { id: 'fruit', kind: 'shopware6', name: 'Fruit', apiBase: 'https://shop.example.com', auth: ['integration'], currency: 'EUR' };

/** A fetch that never answers (it only ends when its request is aborted), counting its calls. */
function silentFetch(): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  const fetchImpl = ((_input: RequestInfo | URL, init: RequestInit = {}) => {
    calls++;
    return new Promise<Response>((_resolve, reject) => {
      init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
    });
  }) as typeof fetch;
  return { fetch: fetchImpl, calls: () => calls };
}

function hostWith(fetchImpl: typeof fetch): ClientHost {
  const door = { sign: async (_storeId: string, headers: Headers) => (headers.set('sw-access-key', 'x'), 'x'), handleUnauthorized: async () => undefined };
  const session = {
    getAccessToken: async () => 'token',
    handleUnauthorized: async () => 'token',
    seam: async () => door,
    noteEnded: () => undefined,
  } as unknown as Session;
  return { session, fetch: fetchImpl, onRateLimited: () => undefined, counted: (_storeId, wait) => wait };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a store API request that never answers', () => {
  for (const [label, store, code] of [
    ['Goodsie (numbered client)', goodsie, 'API_TIMEOUT'],
    ['Shopware 6 (seam transport)', shopware, 'API_TIMEOUT'],
  ] as const) {
    it(`${label}: fails as ${code}, not as a lost network, once the time limit has passed, not before`, async () => {
      const silent = silentFetch();
      const { api } = await createStoreClient(hostWith(silent.fetch), store);
      let settled: unknown = 'pending';
      api.listProducts({}).then(
        () => (settled = 'answered'),
        (error: unknown) => (settled = error),
      );
      await vi.advanceTimersByTimeAsync(STORE_API_TIME_LIMIT_MS - 1_000);
      expect(silent.calls()).toBeGreaterThanOrEqual(1);
      expect(settled).toBe('pending');
      await vi.advanceTimersByTimeAsync(2_000);
      expect(settled).toBeInstanceOf(AppError);
      expect((settled as AppError).code).toBe(code);
    });
  }

  it('the caller’s own abort still passes through as an abort (a screen left), not as a failure', async () => {
    const silent = silentFetch();
    const { api } = await createStoreClient(hostWith(silent.fetch), goodsie);
    const controller = new AbortController();
    const listed = api.listProducts({}, controller.signal).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(10);
    const reason = new DOMException('left', 'AbortError');
    controller.abort(reason);
    expect(await listed).toBe(reason);
  });
});

describe('a connection’s probe the store never answers (what a pasted key may do)', () => {
  it('StoreHippo: Connect fails as API_TIMEOUT once the time limit has passed (it waited for ever), not before', async () => {
    const hippo: StoreConfig = { id: 'hippo', kind: 'storehippo', name: 'Hippo', apiBase: 'https://hippo.example', apiVersion: '1.1', auth: ['access-key', 'token'], currency: 'INR' };
    const silent = silentFetch();
    const door = new StoreConnections({ config: { stores: [hippo] }, fetch: silent.fetch, store: createMemoryStore() });
    let settled: unknown = 'pending';
    door.connect('hippo', 'access-key', { accessKey: 'k3y0f16lettersxx' }).then(
      () => (settled = 'connected'),
      (error: unknown) => (settled = error),
    );
    await vi.waitFor(() => expect(silent.calls()).toBeGreaterThanOrEqual(1));
    await vi.advanceTimersByTimeAsync(STORE_API_TIME_LIMIT_MS - 1_000);
    expect(settled).toBe('pending');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(settled).toBeInstanceOf(AppError);
    expect((settled as AppError).code).toBe('API_TIMEOUT');
  });
});
