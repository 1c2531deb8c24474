/**
 * FlickRocket's connector and adapter against the faithful server (node fetch, no browser): the
 * code is exchanged once as a refresh token, renewals rotate it, invalid_grant is TOKEN_EXPIRED,
 * a network failure keeps the refresh token; the catalogue is loaded to the end once and then
 * searched, sorted and paged locally.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { flickRocketConnector } from '../../../../src/lib/providers/flickrocket/connector.ts';
import { createFlickRocketAdapter } from '../../../../src/lib/providers/flickrocket/adapter.ts';
import { bearerTransport } from './fr-transport.ts';
import type { FlickRocketStoreConfig } from '../../../../src/lib/connect/store-config.ts';
import type { PendingSignIn } from '../../../../src/lib/connect/connector.ts';
import { startFlickRocketStore, type FlickRocketStore } from '../../../platforms/flickrocket/server.ts';
import { flickRocketStoreConfig } from '../../../platforms/flickrocket/store-config.ts';
import { pricesOf } from '../../../helpers/prices.ts';
import type { Cursor, Product, ProductPage } from '../../../../src/lib/domain/catalog.ts';

let server: FlickRocketStore;
let config: FlickRocketStoreConfig;

beforeAll(async () => {
  server = await startFlickRocketStore({ port: 0, hooksPort: null, rateLimit: null });
  config = flickRocketStoreConfig(server.origin, { defaultScopes: ['products', 'orders'], currency: 'EUR' });
});
afterAll(() => server.close());

const ctx = () => ({ store: config, fetch: globalThis.fetch, now: Date.now });

function pendingFor(state = 's'.repeat(22)): PendingSignIn {
  return { state, storeId: 'fr', mode: 'refresh-code', scopes: ['products', 'orders'], returnTo: '/', createdAt: Date.now() };
}

describe('FlickRocket connector', () => {
  it('begin probes /token without spending anything, saves the pending record and builds the comma-scoped URL', async () => {
    const saved: PendingSignIn[] = [];
    const url = await flickRocketConnector.begin(ctx(), { scopes: ['products', 'orders'], returnTo: '/', savePending: async (p) => void saved.push(p) });
    expect(url.searchParams.get('scope')).toBe('products,orders');
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('state')).toBe(saved[0]!.state);
    expect(server.stats().maxTokenRequestsPerRefreshToken).toBe(0);
  });

  it('begin refuses when the page cannot read /token (no CORS), before any pending record', async () => {
    const saved: PendingSignIn[] = [];
    const noCors = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    await expect(
      flickRocketConnector.begin({ ...ctx(), fetch: noCors }, { scopes: ['products'], returnTo: '/', savePending: async (p) => void saved.push(p) }),
    ).rejects.toMatchObject({ code: 'NETWORK_OR_CORS' });
    expect(saved).toEqual([]);
  });

  it('exchanges the code once, renews with the rotated token, and the spent one is invalid_grant (TOKEN_EXPIRED)', async () => {
    const code = server.issueRefreshToken(['products', 'orders']);
    const params = new URLSearchParams({ code, companyid: '4711' });
    const first = await flickRocketConnector.complete(ctx(), { responseMode: 'query', params }, pendingFor());
    expect(server.tokenRequestsFor(code)).toBe(1);
    expect(first.tokens?.refreshToken).not.toBe(code);
    expect(first.tokens?.scopes).toEqual(['products', 'orders']);
    const credential = { v: 2 as const, storeId: 'fr', kind: 'flickrocket' as const, mode: 'refresh-code', tokens: first.tokens! };
    const second = await flickRocketConnector.renew!(ctx(), credential);
    expect(second.tokens?.refreshToken).not.toBe(first.tokens?.refreshToken);
    await expect(flickRocketConnector.renew!(ctx(), credential)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('a network failure during renewal keeps the refresh token usable (API_NETWORK_ERROR, nothing sent)', async () => {
    const code = server.issueRefreshToken(['products']);
    const issued = await flickRocketConnector.complete(ctx(), { responseMode: 'query', params: new URLSearchParams({ code }) }, pendingFor());
    const credential = { v: 2 as const, storeId: 'fr', kind: 'flickrocket' as const, mode: 'refresh-code', tokens: issued.tokens! };
    const offline = (() => Promise.reject(new TypeError('network down'))) as typeof fetch;
    await expect(flickRocketConnector.renew!({ ...ctx(), fetch: offline }, credential)).rejects.toMatchObject({ code: 'API_NETWORK_ERROR' });
    const renewed = await flickRocketConnector.renew!(ctx(), credential);
    expect(renewed.tokens?.accessToken).toBeTruthy();
    expect(server.tokenRequestsFor(issued.tokens!.refreshToken!)).toBe(1);
  });

  it('a renewal refused as invalid_client (the app\'s client id no longer known) ends the session as invalid_grant does, not "can\'t reach" for ever; a 503 does not', async () => {
    const credential = { v: 2 as const, storeId: 'fr', kind: 'flickrocket' as const, mode: 'refresh-code', tokens: { accessToken: 'at-1', refreshToken: 'rt-1', tokenType: 'bearer' as const, scopes: ['products'], expiresAt: 0, obtainedAt: 0 } };
    const answering = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })) as typeof fetch;
    await expect(flickRocketConnector.renew!({ ...ctx(), fetch: answering(400, { error: 'invalid_client' }) }, credential)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    await expect(flickRocketConnector.renew!({ ...ctx(), fetch: answering(401, { error: 'unauthorized_client' }) }, credential)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    const busy = flickRocketConnector.renew!({ ...ctx(), fetch: answering(503, { error: 'temporarily_unavailable' }) }, credential);
    await expect(busy).rejects.not.toMatchObject({ code: 'TOKEN_EXPIRED' });
    await expect(busy).rejects.toBeTruthy();
  });

  it('rejects an echoed state that is not the pending one, and a denial, without exchanging', async () => {
    const code = server.issueRefreshToken(['products']);
    await expect(
      flickRocketConnector.complete(ctx(), { responseMode: 'query', params: new URLSearchParams({ code, state: 'other' }) }, pendingFor()),
    ).rejects.toMatchObject({ code: 'OAUTH_STATE_MISMATCH' });
    await expect(
      flickRocketConnector.complete(ctx(), { responseMode: 'query', params: new URLSearchParams({ error: 'access_denied' }) }, pendingFor()),
    ).rejects.toMatchObject({ code: 'OAUTH_ACCESS_DENIED' });
    expect(server.tokenRequestsFor(code)).toBe(0);
  });
});

/** An adapter on `shop` (the shared server by default), with a token granting products and orders. */
async function adapterOn(shop: FlickRocketStore = server) {
  const store = shop === server ? config : flickRocketStoreConfig(shop.origin, { defaultScopes: ['products', 'orders'], currency: 'EUR' });
  const code = shop.issueRefreshToken(['products', 'orders']);
  const issued = await flickRocketConnector.complete({ store, fetch: globalThis.fetch, now: Date.now }, { responseMode: 'query', params: new URLSearchParams({ code }) }, pendingFor());
  const token = issued.tokens!.accessToken;
  return createFlickRocketAdapter({ store, send: bearerTransport(store.apiBase, token) });
}

describe('FlickRocket orders (newest first, 20 a page, whichever way the shop lists them [unverified])', () => {
  const dates = (orders: readonly { createdAt: string }[]) => orders.map((o) => o.createdAt);
  const newestFirst = (orders: readonly { createdAt: string }[]) => expect(dates(orders)).toEqual([...dates(orders)].sort().reverse());
  const numbers = (from: number, length: number) => Array.from({ length }, (_, i) => `FR-${100_000 + from - i}`);

  it('a shop listing oldest first: read from its end, 20 at a time, each server page asked for once; the total from count.json', async () => {
    const fr = await adapterOn();
    server.clearRequests();
    const pages = [await fr.listOrders!(null, { count: 20 })];
    while (pages[pages.length - 1]!.next !== null && pages.length < 5) pages.push(await fr.listOrders!(pages[pages.length - 1]!.next, { count: 20 }));
    expect(pages.map((p) => [p.orders.length, p.next, p.total])).toEqual([
      [20, '20', 60],
      [20, '40', 60],
      [20, null, 60],
    ]);
    expect(pages.flatMap((p) => p.orders.map((o) => o.number))).toEqual(numbers(59, 60));
    newestFirst(pages.flatMap((p) => p.orders));
    // page 1 (to learn the way), the count, then page 2 (orders 51-60): page 1 is not asked again
    expect(server.requests().map((r) => r.path)).toEqual(['/api/orders.json', '/api/orders/count.json', '/api/orders.json']);
    // the first page again starts afresh (new orders may have come in)
    await fr.listOrders!(null, { count: 20 });
    expect(server.requests()).toHaveLength(6);
  });

  it('a later page asked for more than a minute after the listing was read reads the shop afresh', async () => {
    const fr = await adapterOn();
    const now = vi.spyOn(Date, 'now');
    try {
      const first = await fr.listOrders!(null, { count: 20 });
      server.clearRequests();
      await fr.listOrders!(first.next, { count: 20 });
      expect(server.requests()).toHaveLength(0); // within the minute: the pages read serve it
      const later = Date.now() + 61_000;
      now.mockReturnValue(later);
      const again = await fr.listOrders!(first.next, { count: 20 });
      expect(again.orders[0]!.number).toBe('FR-100039');
      // page 1 (the way the shop lists them, and orders 21-40 from the newest) and the count, again
      expect(server.requests().map((r) => r.path)).toEqual(['/api/orders.json', '/api/orders/count.json']);
    } finally {
      now.mockRestore();
    }
  });

  it('a shop listing newest first: read as it comes, no count asked; a single page oldest first is only turned round', async () => {
    const newest = await startFlickRocketStore({ port: 0, hooksPort: null, rateLimit: null, orderListing: 'newest-first' });
    const few = await startFlickRocketStore({ port: 0, hooksPort: null, rateLimit: null, orderCount: 7 });
    try {
      const fr = await adapterOn(newest);
      newest.clearRequests();
      const pages = [await fr.listOrders!(null, { count: 20 })];
      while (pages[pages.length - 1]!.next !== null && pages.length < 5) pages.push(await fr.listOrders!(pages[pages.length - 1]!.next, { count: 20 }));
      expect(pages.map((p) => p.orders.length)).toEqual([20, 20, 20]);
      expect(pages.flatMap((p) => p.orders.map((o) => o.number))).toEqual(numbers(59, 60));
      expect(pages.map((p) => p.total)).toEqual([undefined, undefined, 60]); // known from the short last page
      expect(newest.requests().map((r) => r.path)).toEqual(['/api/orders.json', '/api/orders.json']);

      const one = await adapterOn(few);
      few.clearRequests();
      const only = await one.listOrders!(null, { count: 20 });
      expect(only.orders.map((o) => o.number)).toEqual(numbers(6, 7));
      expect(only).toMatchObject({ next: null, total: 7 });
      expect(few.requests().map((r) => r.path)).toEqual(['/api/orders.json']);
    } finally {
      await Promise.all([newest.close(), few.close()]);
    }
  });
});

describe('FlickRocket adapter', () => {
  const adapter = () => adapterOn();

  it('loads every page once, then searches, sorts and pages locally with an offset cursor', async () => {
    const fr = await adapter();
    server.clearRequests();
    const first = await fr.listProducts({ count: 20, sort: 'price' });
    const listed = server.requests().filter((r) => r.path === '/api/products.json').length;
    expect(listed).toBeGreaterThan(1);
    expect(first.products).toHaveLength(20);
    expect(first.next).toBe('20');
    const prices = pricesOf(first.products);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const second = await fr.listProducts({ count: 20, sort: 'price' }, first.next);
    expect(second.products[0]!.id).not.toBe(first.products[0]!.id);
    const search = await fr.listProducts({ count: 20, q: first.products[0]!.name });
    expect(search.products.some((p) => p.id === first.products[0]!.id)).toBe(true);
    expect(server.requests().filter((r) => r.path === '/api/products.json').length).toBe(listed);
    expect(fr.catalogueCapped()).toBe(false);
    expect(first.capped).toBeUndefined();
  });

  it('a product asked for while the catalogue is read for a screen that is then left: the product comes, the read is not repeated', async () => {
    const fr = await adapter();
    server.clearRequests();
    const leaving = new AbortController();
    const list = fr.listProducts({ count: 20 }, null, { signal: leaving.signal });
    const product = fr.getProduct('1003');
    leaving.abort(new DOMException('left', 'AbortError'));
    await expect(list).rejects.toMatchObject({ name: 'AbortError' });
    expect((await product).id).toBe('1003');
    const listed = server.requests().filter((r) => r.path === '/api/products.json').length;
    await fr.listProducts({ count: 20 });
    expect(server.requests().filter((r) => r.path === '/api/products.json').length).toBe(listed);
  });

  it('the catalogue left while it is read, and a product asked for in the same moment (the next screen): the product comes from a read afresh', async () => {
    const fr = await adapter();
    const leaving = new AbortController();
    const list = fr.listProducts({ count: 20 }, null, { signal: leaving.signal });
    await new Promise((resolve) => setTimeout(resolve, 5));
    leaving.abort(new DOMException('left', 'AbortError'));
    const product = fr.getProduct('1015');
    await expect(list).rejects.toMatchObject({ name: 'AbortError' });
    expect((await product).id).toBe('1015');
  });

  it('sorted by price either way: the shop’s currency in order, then prices in another currency, and the product without a price (1008) after every priced one', async () => {
    const fr = await adapter();
    for (const sort of ['price', '-price'] as const) {
      const all: Product[] = [];
      let next: Cursor | null = null;
      for (let pages = 0; pages < 20 && (pages === 0 || next !== null); pages++) {
        const page: ProductPage = await fr.listProducts({ count: 24, sort }, next);
        all.push(...page.products);
        next = page.next;
      }
      expect(next).toBeNull();
      expect(all.filter((p) => p.price === null).map((p) => p.id)).toEqual(['1008']);
      expect(all.at(-1)!.id).toBe('1008');
      // the shop's euros in order, then the prices in another currency (1001 in USD, 1003 in GBP: no
      // amount in one is lower than one in another), by currency, each in order
      const priced = all.slice(0, -1);
      const euros = priced.findIndex((p) => p.currency !== 'EUR');
      expect(priced.slice(euros).map((p) => `${p.id} ${p.currency}`)).toEqual(['1003 GBP', '1001 USD']);
      const prices = pricesOf(priced.slice(0, euros));
      expect(prices).toEqual([...prices].sort((a, b) => (sort === 'price' ? a - b : b - a)));
    }
    // a search keeps that order: "100" finds 1001-1009 (1008 among them), sorted by price it is last
    const found = await fr.listProducts({ count: 24, sort: '-price', q: '100' });
    expect(found.products.length).toBeGreaterThan(2);
    expect(found.products.at(-1)!.id).toBe('1008');
  });

  it('a product the shop sent unreadable (no title) is left out and said on a list’s first page; the others are all there', async () => {
    const whole = await adapterOn();
    const all = (await whole.listProducts({ count: 24 })).total!;
    const code = server.issueRefreshToken(['products', 'orders']);
    const issued = await flickRocketConnector.complete({ store: config, fetch: globalThis.fetch, now: Date.now }, { responseMode: 'query', params: new URLSearchParams({ code }) }, pendingFor());
    const token = issued.tokens!.accessToken;
    const send = bearerTransport(config.apiBase, token);
    const spoilt: typeof send = async (request, operation, options) => {
      const answer = await send(request, operation, options);
      if (request.path !== '/api/products.json' || request.query?.page !== '1') return answer;
      const json = structuredClone(answer.json) as { products: Array<Record<string, unknown>> };
      json.products[0]!.title = null;
      return { ...answer, json };
    };
    const fr = createFlickRocketAdapter({ store: config, send: spoilt });
    const first = await fr.listProducts({ count: 24 });
    expect(first.skipped).toBe(1);
    expect(first.total).toBe(all - 1);
    expect((await fr.listProducts({ count: 24 }, first.next)).skipped).toBeUndefined();
  });

  it('stops at 20 pages (1,000 products) and says so on every page', async () => {
    const big = await startFlickRocketStore({ port: 0, hooksPort: null, rateLimit: null, productCount: 1010, hostileProducts: false });
    try {
      const bigConfig = flickRocketStoreConfig(big.origin);
      const code = big.issueRefreshToken(['products']);
      const issued = await flickRocketConnector.complete({ ...ctx(), store: bigConfig }, { responseMode: 'query', params: new URLSearchParams({ code }) }, pendingFor());
      const token = issued.tokens!.accessToken;
      const fr = createFlickRocketAdapter({ store: bigConfig, send: bearerTransport(big.origin, token) });
      const page = await fr.listProducts({ count: 24 });
      expect(page.capped).toBe(1000);
      expect(page.total).toBe(1000);
      expect(big.requests().filter((r) => r.path === '/api/products.json')).toHaveLength(20);
      expect(fr.catalogueCapped()).toBe(true);
    } finally {
      await big.close();
    }
  });

  it('maps the contract cases: a USD-only model in EUR config, two licences "from" the lowest, no locales', async () => {
    const fr = await adapter();
    const usdOnly = await fr.getProduct('1001');
    expect(usdOnly.currency).toBe('USD');
    const noLocales = await fr.getProduct('1004');
    expect(noLocales.name.trim()).not.toBe('');
    expect(noLocales.descriptionHtml).toBe('');
    const categories = await fr.listCategories!();
    expect(categories.length).toBeGreaterThan(0);
  });

  it('edits name and published state with PUT and refuses a price edit', async () => {
    const fr = await adapter();
    const edited = await fr.updateProduct!('1010', { name: 'Renamed by test', published: false }, '');
    expect(edited.name).toBe('Renamed by test');
    expect(server.getProduct(1010)?.valid).toBe(false);
    await expect(fr.updateProduct!('1010', { price: 1 }, '')).rejects.toMatchObject({ code: 'API_BAD_REQUEST' });
  });
});
