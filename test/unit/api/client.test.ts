import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStoreApi, type StoreApiOptions } from '../../../src/lib/api/client.ts';
import { MAX_RATE_LIMIT_RETRIES, type RateLimitInfo } from '../../../src/lib/api/send-with-retries.ts';
import { AppError, type AppErrorCode } from '../../../src/lib/oauth/errors.ts';
import { HttpError } from '../../../src/lib/oauth/http-errors.ts';
import { ProductConflictError } from '../../../src/lib/domain/conflict.ts';
import { goodsie } from '../../../src/lib/providers/goodsie.ts';
import { wirePaging, wireProduct } from '../../helpers/goodsie-wire.ts';
import { json, scriptedFetch, type Step } from '../../helpers/fake-fetch.ts';

const ORIGIN = 'https://api.shop.example';
const TOKEN = 'tok-ABC123-secret';
const NEW_TOKEN = 'tok-NEW456-secret';

const done: Array<() => void> = [];
let consoleCalls: unknown[][] = [];

beforeEach(() => {
  consoleCalls = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleCalls.push(args);
    });
  }
});

afterEach(() => {
  for (const check of done.splice(0)) check();
  // No token ever reaches the console.
  expect(JSON.stringify(consoleCalls.map((args) => args.map(String)))).not.toMatch(/tok-/);
  vi.restoreAllMocks();
  vi.useRealTimers();
});

interface Harness {
  api: ReturnType<typeof createStoreApi>;
  fake: ReturnType<typeof scriptedFetch>;
  onUnauthorized: ReturnType<typeof vi.fn<(refusedToken: string) => Promise<string>>>;
  rateLimited: RateLimitInfo[];
  sleeps: number[];
}

function harness(steps: Step[], overrides: Partial<StoreApiOptions> = {}): Harness {
  const fake = scriptedFetch(ORIGIN, steps);
  done.push(() => fake.assertDone());
  const rateLimited: RateLimitInfo[] = [];
  const sleeps: number[] = [];
  const onUnauthorized = vi.fn(async (_refusedToken: string) => NEW_TOKEN);
  const api = createStoreApi({
    apiBase: `${ORIGIN}/`,
    provider: goodsie,
    getAccessToken: async () => TOKEN,
    onUnauthorized,
    fetch: fake.fetch,
    onRateLimited: (info) => rateLimited.push(info),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  return { api, fake, onUnauthorized, rateLimited, sleeps };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason,
  );
}

async function appErrorOf(promise: Promise<unknown>, code: AppErrorCode): Promise<AppError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  const text = `${(error as Error).message} ${JSON.stringify(error)} ${String((error as AppError).cause)}`;
  expect(text).not.toMatch(/tok-/);
  return error as AppError;
}

async function httpErrorOf(promise: Promise<unknown>, code: AppErrorCode, status: number): Promise<HttpError> {
  const error = await appErrorOf(promise, code);
  expect(error).toBeInstanceOf(HttpError);
  expect((error as HttpError).status).toBe(status);
  return error as HttpError;
}

const productsPage = () => json({ products: [wireProduct()], paging: wirePaging() });

describe('requests', () => {
  it('sends the token only in the Authorization header, asks for JSON, omits cookies and redirects', async () => {
    const { api, fake } = harness([{ method: 'GET', path: '/api/v1/products?page=0&count=20', respond: productsPage }]);
    const page = await api.listProducts();
    expect(page.products.map((product) => product.id)).toEqual(['p-100']);
    expect(page.paging).toEqual({ page: 0, count: 20, total: 1 });

    const [request] = fake.seen;
    expect(request!.headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
    expect(request!.headers.get('Accept')).toBe('application/json');
    expect(request!.url.href).not.toContain(TOKEN);
    expect(request!.url.searchParams.has('access_token')).toBe(false);
    expect(request!.init.credentials).toBe('omit');
    expect(request!.init.redirect).toBe('manual');
    expect(request!.init.cache).toBe('no-store');
  });

  it('passes filters, sort and paging', async () => {
    const { api } = harness([
      { method: 'GET', path: '/api/v1/products?page=2&count=100&q=linen+apron&category=kitchen&sort=price', respond: productsPage },
    ]);
    await api.listProducts({ page: 2, count: 100, q: 'linen apron', category: 'kitchen', sort: 'price' });
  });

  it('keeps a path prefix in apiBase', async () => {
    const fake = scriptedFetch(ORIGIN, [{ method: 'GET', path: '/store-7/api/v1/metadata', respond: () => json({ name: 'S', currency: 'EUR' }) }]);
    done.push(() => fake.assertDone());
    const api = createStoreApi({
      apiBase: `${ORIGIN}/store-7`,
      provider: goodsie,
      getAccessToken: async () => TOKEN,
      onUnauthorized: async () => NEW_TOKEN,
      fetch: fake.fetch,
    });
    expect(await api.getMetadata()).toEqual({ name: 'S', currency: 'EUR' });
  });

  it('refuses paging outside 0-based page and count 1..100 without sending anything', async () => {
    const { api } = harness([]);
    for (const query of [{ count: 0 }, { count: 101 }, { count: 2.5 }, { page: -1 }, { page: 0.5 }, { page: Number.NaN }]) {
      await appErrorOf(api.listProducts(query), 'API_BAD_REQUEST');
    }
    await appErrorOf(api.listOrders({ count: 500 }), 'API_BAD_REQUEST');
  });

  it('gets one product, its id percent-encoded', async () => {
    const { api } = harness([{ method: 'GET', path: '/api/v1/products/a%2Fb', respond: () => json(wireProduct({ id: 'a/b' })) }]);
    expect((await api.getProduct('a/b')).id).toBe('a/b');
  });

  it('lists pages, orders and coupons', async () => {
    const { api } = harness([
      { method: 'GET', path: '/api/v1/pages', respond: () => json({ pages: [{ slug: 'about', title: 'About' }] }) },
      {
        method: 'GET',
        path: '/api/v1/orders?page=1&count=5',
        respond: () =>
          json({
            orders: [{ id: 'o-1', number: '7', created_at: '2024-01-01T00:00:00Z', total_raw: 10.004, currency: 'USD', status: 'shipped' }],
            paging: wirePaging({ page: 1, count: 5, total: 6 }),
          }),
      },
      { method: 'GET', path: '/api/v1/coupons', respond: () => json({ coupons: [{ code: 'TEN', percent_off: 10 }] }) },
    ]);
    expect(await api.listPages()).toEqual([{ slug: 'about', title: 'About', bodyHtml: '' }]);
    const orders = await api.listOrders({ page: 1, count: 5 });
    expect(orders.orders[0]!.total).toBe(10);
    expect(orders.paging.total).toBe(6);
    expect(await api.listCoupons()).toEqual({ coupons: [{ code: 'TEN', percentOff: 10 }] });
  });

  it('reads the cart and adds to it with a JSON body', async () => {
    const cart = { items: [{ product_id: 'p-100', quantity: 2 }], subtotal_raw: 39.8, currency: 'USD' };
    const { api, fake } = harness([
      { method: 'GET', path: '/api/v1/cart', respond: () => json({ items: [], subtotal_raw: 0, currency: 'USD' }) },
      { method: 'POST', path: '/api/v1/cart/items', respond: () => json(cart) },
    ]);
    expect(await api.getCart()).toEqual({ items: [], subtotal: 0, currency: 'USD' });
    expect(await api.addToCart('p-100', 2)).toEqual({ items: [{ productId: 'p-100', quantity: 2 }], subtotal: 39.8, currency: 'USD' });
    const post = fake.seen[1]!;
    expect(post.headers.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(post.body!)).toEqual({ product_id: 'p-100', quantity: 2 });
  });

  it('refuses a quantity below 1 without sending anything', async () => {
    const { api } = harness([]);
    await appErrorOf(api.addToCart('p-100', 0), 'API_BAD_REQUEST');
    await appErrorOf(api.addToCart('p-100', 1.5), 'API_BAD_REQUEST');
  });

  it('updates a product with PATCH, sending the updated value last seen', async () => {
    const { api, fake } = harness([
      { method: 'PATCH', path: '/api/v1/products/p-100', respond: () => json(wireProduct({ cost_raw: 12.5, updated: '2024-03-03T00:00:00Z' })) },
    ]);
    const product = await api.updateProduct('p-100', { price: 12.5 }, '2024-03-02T11:30:00Z');
    expect(product.price).toBe(12.5);
    expect(product.updated).toBe('2024-03-03T00:00:00Z');
    expect(JSON.parse(fake.seen[0]!.body!)).toEqual({ cost_raw: 12.5, updated: '2024-03-02T11:30:00Z' });
  });

  it('creates a product with POST and reads the 201 answer', async () => {
    const { api, fake } = harness([
      { method: 'POST', path: '/api/v1/products', respond: () => json(wireProduct({ id: 'p-new', name: 'Mug', cost_raw: 8 }), { status: 201 }) },
    ]);
    const product = await api.createProduct({ name: 'Mug', price: 8, published: false });
    expect(product.id).toBe('p-new');
    expect(JSON.parse(fake.seen[0]!.body!)).toEqual({ name: 'Mug', cost_raw: 8, published: false });
  });

  it('refuses an empty name or a negative price without sending anything', async () => {
    const { api } = harness([]);
    await appErrorOf(api.createProduct({ name: ' ', price: 1 }), 'API_BAD_REQUEST');
    await appErrorOf(api.createProduct({ name: 'x', price: -1 }), 'API_BAD_REQUEST');
    await appErrorOf(api.updateProduct('p-1', { price: Number.NaN }, 'u'), 'API_BAD_REQUEST');
    await appErrorOf(api.getProduct('..'), 'API_BAD_REQUEST');
  });
});

describe('401: renew the token once', () => {
  it('calls onUnauthorized once and retries with the new token', async () => {
    const { api, fake, onUnauthorized } = harness([
      { method: 'GET', path: '/api/v1/metadata', respond: () => new Response(null, { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } }) },
      { method: 'GET', path: '/api/v1/metadata', respond: () => json({ name: 'S', currency: 'USD' }) },
    ]);
    expect((await api.getMetadata()).name).toBe('S');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(fake.seen.map((request) => request.headers.get('Authorization'))).toEqual([`Bearer ${TOKEN}`, `Bearer ${NEW_TOKEN}`]);
  });

  it('tells onUnauthorized which token the store refused (so a renewal done meanwhile is reused)', async () => {
    const { api, onUnauthorized } = harness([
      { method: 'GET', path: '/api/v1/metadata', respond: () => new Response(null, { status: 401 }) },
      { method: 'GET', path: '/api/v1/metadata', respond: () => json({ name: 'S', currency: 'USD' }) },
    ]);
    await api.getMetadata();
    expect(onUnauthorized.mock.calls).toEqual([[TOKEN]]);
  });

  it('gives API_UNAUTHORIZED on a second 401, without renewing again', async () => {
    const unauthorized = () => json({ error: 'invalid_token' }, { status: 401 });
    const { api, onUnauthorized } = harness([
      { method: 'GET', path: '/api/v1/metadata', respond: unauthorized },
      { method: 'GET', path: '/api/v1/metadata', respond: unauthorized },
    ]);
    await httpErrorOf(api.getMetadata(), 'API_UNAUTHORIZED', 401);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('passes on the error of a renewal that fails, without retrying', async () => {
    const { api } = harness(
      [{ method: 'GET', path: '/api/v1/metadata', respond: () => new Response(null, { status: 401 }) }],
      { onUnauthorized: async () => Promise.reject(new AppError('TOKEN_EXPIRED')) },
    );
    await appErrorOf(api.getMetadata(), 'TOKEN_EXPIRED');
  });
});

describe('403: insufficient scope', () => {
  it('reads the required scope from WWW-Authenticate when the browser can', async () => {
    const { api } = harness([
      {
        method: 'GET',
        path: '/api/v1/cart',
        respond: () =>
          json(
            { error: 'insufficient_scope', scope: 'body-scope' },
            { status: 403, headers: { 'WWW-Authenticate': 'Bearer realm="api", error="insufficient_scope", scope="admin"' } },
          ),
      },
    ]);
    // The store's word, not the provider's table (which says cart for the cart).
    const error = await httpErrorOf(api.getCart(), 'API_INSUFFICIENT_SCOPE', 403);
    expect(error.requiredScope).toBe('admin');
  });

  it("falls back to the JSON body's scope when the header is hidden", async () => {
    const { api } = harness([
      { method: 'GET', path: '/api/v1/cart', respond: () => json({ error: 'insufficient_scope', scope: 'admin' }, { status: 403 }) },
    ]);
    expect((await httpErrorOf(api.getCart(), 'API_INSUFFICIENT_SCOPE', 403)).requiredScope).toBe('admin');
  });

  it("falls back to the provider's table for the call", async () => {
    const { api } = harness([
      { method: 'GET', path: '/api/v1/coupons', respond: () => new Response('Forbidden', { status: 403 }) },
      { method: 'POST', path: '/api/v1/cart/items', respond: () => json({ error: 'insufficient_scope' }, { status: 403 }) },
    ]);
    expect((await httpErrorOf(api.listCoupons(), 'API_INSUFFICIENT_SCOPE', 403)).requiredScope).toBe('admin');
    expect((await httpErrorOf(api.addToCart('p-1', 1), 'API_INSUFFICIENT_SCOPE', 403)).requiredScope).toBe('cart');
  });
});

describe('other statuses', () => {
  const cases: Array<[number, AppErrorCode]> = [
    [400, 'API_BAD_REQUEST'],
    [404, 'API_NOT_FOUND'],
    [422, 'API_BAD_REQUEST'],
    [500, 'API_SERVER_ERROR'],
    [502, 'API_SERVER_ERROR'],
    [503, 'API_SERVER_ERROR'],
    [302, 'API_INVALID_RESPONSE'],
  ];
  for (const [status, code] of cases) {
    it(`maps HTTP ${status} to ${code}`, async () => {
      const { api } = harness([
        {
          method: 'GET',
          path: '/api/v1/products/p-1',
          respond: () => new Response(JSON.stringify({ error: 'x' }), { status, headers: { Location: 'https://elsewhere.example/' } }),
        },
      ]);
      await httpErrorOf(api.getProduct('p-1'), code, status);
    });
  }

  it("gives API_CONFLICT on 409 with the server's copy as a domain product", async () => {
    const { api } = harness([
      {
        method: 'PATCH',
        path: '/api/v1/products/p-100',
        respond: () => json({ error: 'conflict', product: wireProduct({ name: 'Changed elsewhere', updated: '2024-03-04T00:00:00Z' }) }, { status: 409 }),
      },
    ]);
    const error = await httpErrorOf(api.updateProduct('p-100', { name: 'Mine' }, '2024-03-02T11:30:00Z'), 'API_CONFLICT', 409);
    expect(error).toBeInstanceOf(ProductConflictError);
    const current = (error as ProductConflictError).current;
    expect(current?.name).toBe('Changed elsewhere');
    expect(current?.updated).toBe('2024-03-04T00:00:00Z');
    expect(current?.price).toBe(19.9);
  });

  it('cuts a copy of the token out of an error body', async () => {
    const { api } = harness([
      { method: 'GET', path: '/api/v1/pages', respond: () => json({ error: 'invalid_request', error_description: `bad header Bearer ${TOKEN}` }, { status: 400 }) },
    ]);
    const error = await httpErrorOf(api.listPages(), 'API_BAD_REQUEST', 400);
    expect(error.body).toEqual({ error: 'invalid_request', error_description: 'bad header Bearer [redacted]' });
  });
});

describe('429: wait and retry', () => {
  const limited = (retryAfter?: string) => () =>
    json({ error: 'rate_limited' }, { status: 429, headers: retryAfter === undefined ? {} : { 'Retry-After': retryAfter } });

  it('waits Retry-After seconds, telling onRateLimited first, then retries', async () => {
    const { api, rateLimited, sleeps } = harness([
      { method: 'GET', path: '/api/v1/products?page=0&count=20', respond: limited('5') },
      { method: 'GET', path: '/api/v1/products?page=0&count=20', respond: productsPage },
    ]);
    expect((await api.listProducts()).products).toHaveLength(1);
    expect(rateLimited).toEqual([{ retryInSeconds: 5, attempt: 1 }]);
    expect(sleeps).toEqual([5000]);
  });

  it('waits 2 s without Retry-After and at most 60 s', async () => {
    const { api, rateLimited, sleeps } = harness([
      { method: 'GET', path: '/api/v1/metadata', respond: limited() },
      { method: 'GET', path: '/api/v1/metadata', respond: limited('3600') },
      { method: 'GET', path: '/api/v1/metadata', respond: () => json({ name: 'S', currency: 'USD' }) },
    ]);
    await api.getMetadata();
    expect(rateLimited).toEqual([
      { retryInSeconds: 2, attempt: 1 },
      { retryInSeconds: 60, attempt: 2 },
    ]);
    expect(sleeps).toEqual([2000, 60_000]);
  });

  it(`gives API_RATE_LIMITED after ${MAX_RATE_LIMIT_RETRIES} retries`, async () => {
    const steps: Step[] = Array.from({ length: MAX_RATE_LIMIT_RETRIES + 1 }, () => ({
      method: 'GET',
      path: '/api/v1/metadata',
      respond: limited('1'),
    }));
    const { api, rateLimited, fake } = harness(steps);
    const error = await httpErrorOf(api.getMetadata(), 'API_RATE_LIMITED', 429);
    expect(error.retryAfter).toBe(1);
    expect(rateLimited.map((info) => info.attempt)).toEqual([1, 2, 3]);
    expect(fake.seen).toHaveLength(4);
  });

  it('really waits with the default timer', async () => {
    vi.useFakeTimers();
    const { api, fake } = harness(
      [
        { method: 'GET', path: '/api/v1/metadata', respond: limited('4') },
        { method: 'GET', path: '/api/v1/metadata', respond: () => json({ name: 'S', currency: 'USD' }) },
      ],
      { sleep: undefined },
    );
    let settled = false;
    const result = api.getMetadata().finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(3999);
    expect(fake.seen).toHaveLength(1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await result).name).toBe('S');
    expect(fake.seen).toHaveLength(2);
  });

  it('stops waiting when aborted, with an AbortError', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const { api } = harness([{ method: 'GET', path: '/api/v1/metadata', respond: limited('30') }], { sleep: undefined });
    const result = rejectionOf(api.getMetadata(controller.signal));
    await vi.advanceTimersByTimeAsync(1000);
    controller.abort();
    const error = await result;
    expect((error as Error).name).toBe('AbortError');
    expect(error).not.toBeInstanceOf(AppError);
  });
});

describe('transport failures and bad answers', () => {
  it('gives API_NETWORK_ERROR when fetch rejects', async () => {
    const failing = (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof globalThis.fetch;
    const api = createStoreApi({ apiBase: ORIGIN, provider: goodsie, getAccessToken: async () => TOKEN, onUnauthorized: async () => NEW_TOKEN, fetch: failing });
    const error = await appErrorOf(api.listPages(), 'API_NETWORK_ERROR');
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('lets an AbortError from fetch through unchanged', async () => {
    const controller = new AbortController();
    const aborting = (async () => {
      controller.abort();
      return Promise.reject(controller.signal.reason);
    }) as typeof globalThis.fetch;
    const api = createStoreApi({ apiBase: ORIGIN, provider: goodsie, getAccessToken: async () => TOKEN, onUnauthorized: async () => NEW_TOKEN, fetch: aborting });
    const error = await rejectionOf(api.listPages(controller.signal));
    expect(error).toBe(controller.signal.reason);
    expect((error as Error).name).toBe('AbortError');
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { api } = harness([]);
    const controller = new AbortController();
    controller.abort();
    expect(((await rejectionOf(api.getCart(controller.signal))) as Error).name).toBe('AbortError');
  });

  it('passes the signal to fetch', async () => {
    const controller = new AbortController();
    const { api, fake } = harness([{ method: 'GET', path: '/api/v1/pages', respond: () => json({ pages: [] }) }]);
    await api.listPages(controller.signal);
    expect(fake.seen[0]!.init.signal).toBe(controller.signal);
  });

  it('gives API_INVALID_RESPONSE for a body that is not JSON', async () => {
    const { api } = harness([{ method: 'GET', path: '/api/v1/metadata', respond: () => new Response('<html>maintenance</html>', { status: 200 }) }]);
    await httpErrorOf(api.getMetadata(), 'API_INVALID_RESPONSE', 200);
  });

  it('gives API_NETWORK_ERROR for an answer whose body is cut off', async () => {
    const cutOff = () => new Response(new ReadableStream({ start: (stream) => stream.error(new TypeError('network error')) }), { status: 200 });
    const { api } = harness([{ method: 'GET', path: '/api/v1/cart', respond: cutOff }]);
    expect((await appErrorOf(api.getCart(), 'API_NETWORK_ERROR')).message).toBe('getCart: the response was cut off');
  });

  it('gives API_INVALID_RESPONSE for an empty 200', async () => {
    const { api } = harness([{ method: 'GET', path: '/api/v1/cart', respond: () => new Response(null, { status: 200 }) }]);
    await httpErrorOf(api.getCart(), 'API_INVALID_RESPONSE', 200);
  });

  it('gives API_INVALID_RESPONSE for JSON that breaks the contract (the page itself; one unreadable product is left out and counted)', async () => {
    const { api } = harness([
      { method: 'GET', path: '/api/v1/products?page=0&count=20', respond: () => json({ products: [wireProduct()], paging: { ...wirePaging(), total: 'many' } }) },
    ]);
    await appErrorOf(api.listProducts(), 'API_INVALID_RESPONSE');
  });

  it('leaves out, and counts, a product whose price breaks the contract', async () => {
    const { api } = harness([
      { method: 'GET', path: '/api/v1/products?page=0&count=20', respond: () => json({ products: [wireProduct({ cost_raw: 'free' }), wireProduct({ id: 'p2' })], paging: wirePaging({ total: 2 }) }) },
    ]);
    const page = await api.listProducts();
    expect(page.products.map((p) => p.id)).toEqual(['p2']);
    expect(page.skipped).toBe(1);
  });
});
