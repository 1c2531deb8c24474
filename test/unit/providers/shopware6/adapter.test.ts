/**
 * Shopware 6's adapter over a signed transport against the faithful server: cursor paging, search,
 * category, sort, product page, currency by id through the table, orders, coupons, the PATCH with its
 * conflict check, probes per integration role, the 403's words and the JSON:API guard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Adapter } from '../../../../src/lib/connect/adapter.ts';
import { ProductConflictError } from '../../../../src/lib/domain/conflict.ts';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import { HttpError } from '../../../../src/lib/oauth/http-errors.ts';
import { createShopware6Adapter } from '../../../../src/lib/providers/shopware6/adapter.ts';
import { orderExtrasUnreadWords } from '../../../../src/lib/providers/shopware6/criteria.ts';
import { ADMIN, BROWSE, call, integrationToken, ORDERS } from '../../../platforms/shopware/client.ts';
import { SW_DEFAULT_CURRENCY_ID } from '../../../../src/lib/providers/shopware6/wire.ts';
import { SEED_IDS } from '../../../platforms/shopware/seed.ts';
import { startShopwareStore, type ShopwareStore } from '../../../platforms/shopware/server.ts';
import { connectedAdapter, swStore, transport, type Sent } from './sw-transport.ts';
import { pricesOf } from '../../../helpers/prices.ts';

let server: ShopwareStore;
beforeAll(async () => {
  server = await startShopwareStore({ port: 0 });
});
afterAll(() => server.close());

const integration = (who: typeof BROWSE) => ({ accessKeyId: who.accessKeyId, secretAccessKey: who.secret });

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('catalogue', () => {
  let adapter: Adapter;
  const sent: Sent[] = [];
  beforeAll(async () => {
    ({ adapter } = await connectedAdapter(swStore(server.origin), 'integration', integration(BROWSE), sent));
  });

  it('pages by cursor to the end without repeats; every call says Accept: application/json; the currency table is read once', async () => {
    const seen = new Set<string>();
    let page = await adapter.listProducts({ count: 10 });
    const total = page.total!;
    expect(total).toBeGreaterThan(20);
    let pages = 1;
    for (;;) {
      for (const product of page.products) seen.add(product.id);
      if (page.next === null || pages > 10) break;
      page = await adapter.listProducts({ count: 10 }, page.next);
      pages++;
    }
    expect(pages).toBe(Math.ceil(total / 10));
    expect(seen.size).toBe(total);
    expect(seen.has(SEED_IDS.applesVariant)).toBe(false);
    expect(sent.every((s) => s.headers.get('Accept') === 'application/json')).toBe(true);
    expect(sent.filter((s) => s.url.endsWith('/api/search/currency'))).toHaveLength(1);
  });

  it('for a reload down the list (atLeast), the pages it needs leave together and come back joined, as paging one by one gives them', async () => {
    const oneByOne: string[] = [];
    let cursor: string | null = '2';
    for (let i = 0; i < 3 && cursor !== null; i++) {
      const page: Awaited<ReturnType<Adapter['listProducts']>> = await adapter.listProducts({ count: 5 }, cursor);
      oneByOne.push(...page.products.map((p) => p.id));
      cursor = page.next;
    }
    const real = globalThis.fetch;
    let inFlight = 0;
    let most = 0;
    globalThis.fetch = async (input, init) => {
      most = Math.max(most, ++inFlight);
      try {
        return await real(input, init);
      } finally {
        inFlight--;
      }
    };
    try {
      const before = sent.length;
      const joined = await adapter.listProducts({ count: 5 }, '2', { atLeast: 15 });
      // Page 2 alone, pages 3 and 4 as one of 10 (a page of 10 starts there), both at once.
      expect(most).toBe(2);
      expect(sent.slice(before).filter((s) => s.url.endsWith('/api/search/product'))).toHaveLength(2);
      expect(joined.products.map((p) => p.id)).toEqual(oneByOne);
      expect(joined.next).toBe('5');
      // Near the end: joined up to the last page, no cursor after it.
      const total = joined.total!;
      const lastPage = Math.ceil(total / 5);
      const end = await adapter.listProducts({ count: 5 }, String(lastPage - 1), { atLeast: 15 });
      expect(end.products).toHaveLength(5 + (total - (lastPage - 1) * 5));
      expect(end.next).toBeNull();
    } finally {
      globalThis.fetch = real;
    }
  });

  it('for a reload from the top, the pages go several to a request (a limit up to 100), joined as paging one by one gives them', async () => {
    const oneByOne: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 4; i++) {
      const page: Awaited<ReturnType<Adapter['listProducts']>> = await adapter.listProducts({ count: 5 }, cursor);
      oneByOne.push(...page.products.map((p) => p.id));
      cursor = page.next;
    }
    const before = sent.length;
    const joined = await adapter.listProducts({ count: 5 }, null, { atLeast: 20 });
    const searches = sent.slice(before).filter((s) => s.url.endsWith('/api/search/product'));
    // One search (limit 20) for the four pages of 5.
    expect(searches).toHaveLength(1);
    expect(joined.products.map((p) => p.id)).toEqual(oneByOne);
    // The cursor after them is the fifth page of 5, as one by one would reach it.
    expect(joined.next).toBe(cursor);
    expect(joined.next).toBe('5');
  });

  it('searches, filters by category name and sorts by price', async () => {
    const found = await adapter.listProducts({ q: 'apple' });
    expect(found.products.map((p) => p.id)).toContain(SEED_IDS.apples);
    const fruit = await adapter.listProducts({ category: 'Fruit', sort: 'price', count: 50 });
    expect(fruit.products.length).toBeGreaterThan(2);
    expect(fruit.products.every((p) => p.categories.includes('Fruit'))).toBe(true);
    const prices = pricesOf(fruit.products);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(await adapter.listCategories!()).toEqual(expect.arrayContaining(['Fruit', 'Vegetables']));
  });

  it('opens a product: translated name, cover first, no javascript: image, unknown id is not found', async () => {
    const bananas = await adapter.getProduct(SEED_IDS.bananas);
    expect(bananas.name).toBe('Bananas');
    const onion = await adapter.getProduct(SEED_IDS.hostileOnion);
    expect(onion.images.every((i) => i.url.startsWith('http'))).toBe(true);
    expect((await rejection(adapter.getProduct('0'.repeat(32)))).code).toBe('API_NOT_FOUND');
    expect((await rejection(adapter.getProduct('../x'))).code).toBe('API_NOT_FOUND');
  });

  it('a list left while the currency table is read does not fail the next one waiting on the same read (a search typed as the catalogue opened showed neither products nor an error)', async () => {
    const { adapter: fresh } = await connectedAdapter(swStore(server.origin), 'integration', integration(BROWSE));
    const left = new AbortController();
    const first = fresh.listProducts({ count: 10 }, null, { signal: left.signal });
    first.catch(() => undefined);
    const next = fresh.listProducts({ count: 10, q: 'Cherries' }, null, { signal: new AbortController().signal });
    left.abort(new DOMException('left', 'AbortError'));
    await expect(first).rejects.toThrow();
    expect((await next).products.map((p) => p.name)).toEqual(expect.arrayContaining([expect.stringMatching(/Cherries/)]));
  });

  it('shows another currency by id through the table (USD with the factor for a product priced only in EUR)', async () => {
    const { adapter: usd } = await connectedAdapter(swStore(server.origin, { currency: 'USD' }), 'integration', integration(BROWSE));
    expect((await usd.getMetadata()).currency).toBe('USD');
    const eur = await adapter.getProduct(SEED_IDS.bananas);
    const dollars = await usd.getProduct(SEED_IDS.bananas);
    expect(dollars.currency).toBe('USD');
    expect(dollars.price).not.toBe(eur.price);
  });

  it('a browse-only integration probes as browse without orders, coupons; orders answer 403 naming the missing rights', async () => {
    const capabilities = await adapter.probe!();
    expect(capabilities).toEqual(expect.arrayContaining(['browse', 'viewInventory']));
    expect(capabilities).not.toContain('viewOrders');
    expect(capabilities).not.toContain('viewCoupons');
    const error = await rejection(adapter.listOrders!());
    expect(error.code).toBe('API_INSUFFICIENT_SCOPE');
    expect((error as HttpError).platformWords).toMatch(/lacks the rights?: .*order:read/);
    expect((error as HttpError).change).toMatch(/order_transaction, order_delivery and order_line_item read rights/);
  });

  it('a JSON:API answer (Accept rewritten on the way) is a clear invalid response, not a crash', async () => {
    const store = swStore(server.origin);
    const { credential } = await connectedAdapter(store, 'integration', integration(BROWSE));
    const base = transport(store, credential);
    const jsonApi = createShopware6Adapter({ store, send: (request, operation, options) => base({ ...request, headers: { ...request.headers, Accept: '*/*' } }, operation, options) });
    const error = await rejection(jsonApi.listProducts({}));
    expect(error.code).toBe('API_INVALID_RESPONSE');
    expect(error.message).toMatch(/JSON:API/);
  });
});

describe('admin screens', () => {
  it('browse + orders lists orders by cursor; an admin integration lists coupons (percentOff null for fixed amounts)', async () => {
    const { adapter: orders } = await connectedAdapter(swStore(server.origin), 'integration', integration(ORDERS));
    expect(await orders.probe!()).toContain('viewOrders');
    const first = await orders.listOrders!(null, { count: 2 });
    expect(first.orders).toHaveLength(2);
    expect(first.orders[0]!.currency).toMatch(/^[A-Z]{3}$/);
    const { adapter: admin } = await connectedAdapter(swStore(server.origin), 'integration', integration(ADMIN));
    const { coupons } = await admin.listCoupons!();
    expect(coupons.length).toBeGreaterThan(0);
    expect(coupons.some((c) => c.percentOff === null && c.amountOff !== undefined) || coupons.every((c) => c.percentOff !== null)).toBe(true);
  });

  it('orders say which were shipped (the main delivery’s state); a role without order_delivery:read still lists its orders, asked with deliveries once only', async () => {
    const statuses = (orders: readonly { number: string; status: string; statusWords?: string }[]) => Object.fromEntries(orders.map((o) => [o.number, o.statusWords ?? o.status]));
    const { adapter: admin } = await connectedAdapter(swStore(server.origin), 'integration', integration(ADMIN));
    const all = await admin.listOrders!(null, { count: 20 });
    expect(statuses(all.orders)).toMatchObject({ '10001': 'pending', '10002': 'Partly shipped', '10003': 'shipped', '10004': 'cancelled', '10005': 'refunded', '10008': 'Shipped · Partly paid' });
    const sent: Sent[] = [];
    const { adapter: orders } = await connectedAdapter(swStore(server.origin), 'integration', integration(ORDERS), sent);
    const first = await orders.listOrders!(null, { count: 4 });
    expect(statuses(first.orders)).toEqual({ '10008': 'Partly paid', '10007': 'Payment failed', '10006': 'pending', '10005': 'refunded' });
    await orders.listOrders!(first.next, { count: 4 });
    expect(sent.filter((r) => r.url.endsWith('/api/search/order')).length).toBe(3);
  });

  it('orders say what they bought (line items, sorted by position, discounts left out); a role without order_line_item:read still lists its orders and what was shipped, without items, asked with them once only', async () => {
    const { adapter: admin } = await connectedAdapter(swStore(server.origin), 'integration', integration(ADMIN));
    const byNumber = Object.fromEntries((await admin.listOrders!(null, { count: 20 })).orders.map((o) => [o.number, o]));
    expect(byNumber['10001']?.items).toEqual([{ name: 'Pink Lady Apples 1 kg', quantity: 2, lineTotal: 5.98 }, { name: 'Cherries 500 g', quantity: 1, lineTotal: 4.99 }]);
    expect(byNumber['10002']?.items?.map((i) => i.name)).toEqual(['Potatoes 5 kg', 'Conference Pears', 'Cherries 500 g', 'Bananas']);
    // the browse + orders role reads neither deliveries nor line items: its orders come without either
    const { adapter: orders } = await connectedAdapter(swStore(server.origin), 'integration', integration(ORDERS));
    expect((await orders.listOrders!(null, { count: 4 })).orders.every((o) => !('items' in o))).toBe(true);
    // a role refused only order_line_item:read keeps its deliveries (Partly shipped), asked with the items once
    const credential = { current: (await connectedAdapter(swStore(server.origin), 'integration', integration(ADMIN))).credential.current };
    const real = transport(swStore(server.origin), credential, []);
    const asked: string[] = [];
    const send: typeof real = async (request, operation, options) => {
      const body = JSON.stringify(request.body);
      if (request.path === '/api/search/order') asked.push([body.includes('"deliveries"') ? 'deliveries' : '', body.includes('"lineItems"') ? 'lineItems' : ''].join(' ').trim());
      if (request.path === '/api/search/order' && body.includes('"lineItems"')) {
        const errors = [{ status: '403', code: 'FRAMEWORK__MISSING_PRIVILEGE_ERROR', title: 'Forbidden', detail: JSON.stringify({ message: 'Missing privilege', missingPrivileges: ['order_line_item:read'] }) }];
        if (options?.accept?.includes(403) && (options.acceptWhen?.({ errors }) ?? true)) return { status: 403, json: { errors }, headers: new Headers({ 'Content-Type': 'application/json' }) };
        throw new AppError('API_INSUFFICIENT_SCOPE', 'refused');
      }
      return real(request, operation, options);
    };
    const narrow = createShopware6Adapter({ store: swStore(server.origin), send });
    const first = await narrow.listOrders!(null, { count: 8 });
    expect(first.orders.find((o) => o.number === '10002')).toMatchObject({ status: 'shipped', statusWords: 'Partly shipped' });
    expect(first.orders.some((o) => 'items' in o)).toBe(false);
    // what was left out, and only that: its shipping was read
    expect(first.partsUnread).toBe(orderExtrasUnreadWords(['lineItems']));
    await narrow.listOrders!(null, { count: 8 });
    expect(asked).toEqual(['deliveries lineItems', 'deliveries', 'deliveries']);
  });

  it('orders read without what the role may not read say so once, naming the rights Shopware refused; a role with the rights gets no such words', async () => {
    const { adapter: admin } = await connectedAdapter(swStore(server.origin), 'integration', integration(ADMIN));
    expect(await admin.listOrders!(null, { count: 4 })).not.toHaveProperty('partsUnread');
    const { adapter: orders } = await connectedAdapter(swStore(server.origin), 'integration', integration(ORDERS));
    const both = 'What each order bought and whether it was shipped are not shown: Shopware says this connection lacks the rights: order_line_item:read, order_delivery:read. Add the rights to the integration’s role in Shopware Administration › Settings › System › Users & permissions › Roles (Settings › System › Integrations says which role it has), then reload this page.';
    const first = await orders.listOrders!(null, { count: 4 });
    expect(first.partsUnread).toBe(both);
    // the next page, read without them from the start, says it too
    expect((await orders.listOrders!(first.next, { count: 4 })).partsUnread).toBe(both);
    expect(orderExtrasUnreadWords(['lineItems'])).toBe('What each order bought is not shown: Shopware says this connection lacks the right: order_line_item:read. Add the right to the integration’s role in Shopware Administration › Settings › System › Users & permissions › Roles (Settings › System › Integrations says which role it has), then reload this page.');
    expect(orderExtrasUnreadWords(['deliveries'])).toMatch(/^Whether each order was shipped is not shown: Shopware says this connection lacks the right: order_delivery:read\. /);
    expect(orderExtrasUnreadWords([])).toBeUndefined();
  });

  it('products come with their advanced prices; a role refused only their rights (product_price, rule) still browses, asked with them once only; any other refusal is said', async () => {
    const { adapter: admin } = await connectedAdapter(swStore(server.origin), 'integration', integration(ADMIN));
    const leeks = (await admin.listProducts({ q: 'Leeks' }, null)).products.find((p) => p.name === 'Leeks')!;
    expect(leeks.priceTiers).toEqual([{ rule: 'Always valid (Default)', tiers: [{ quantity: 9, price: 1.09 }, { quantity: 10, price: 0.95 }] }]);
    expect((await admin.getProduct(leeks.id)).priceTiers).toEqual(leeks.priceTiers);
    // a role without product_price:read and rule:read (the shop answers 403 naming them when prices are asked)
    const credential = { current: (await connectedAdapter(swStore(server.origin), 'integration', integration(ADMIN))).credential.current };
    const sent: Sent[] = [];
    const real = transport(swStore(server.origin), credential, sent);
    let refusing: string[] = ['product_price:read', 'rule:read'];
    const asked: boolean[] = [];
    const send: typeof real = async (request, operation, options) => {
      const withPrices = request.path === '/api/search/product' && JSON.stringify(request.body).includes('"prices"');
      if (request.path === '/api/search/product') asked.push(withPrices);
      if (withPrices) {
        const errors = [{ status: '403', code: 'FRAMEWORK__MISSING_PRIVILEGE_ERROR', title: 'Forbidden', detail: JSON.stringify({ message: 'Missing privilege', missingPrivileges: refusing }) }];
        // as the transport does: a 403 is given back only where the adapter takes it, else it is the error
        if (options?.accept?.includes(403) && (options.acceptWhen?.({ errors }) ?? true)) return { status: 403, json: { errors }, headers: new Headers({ 'Content-Type': 'application/json' }) };
        throw new AppError('API_INSUFFICIENT_SCOPE', 'refused');
      }
      return real(request, operation, options);
    };
    const narrow = createShopware6Adapter({ store: swStore(server.origin), send });
    const page = await narrow.listProducts({ q: 'Leeks' }, null);
    expect(page.products.find((p) => p.name === 'Leeks')).not.toHaveProperty('priceTiers');
    expect((await narrow.getProduct(leeks.id)).name).toBe('Leeks');
    expect(asked).toEqual([true, false, false]);
    // a refusal naming another right too is not the prices': said, not asked again without them; asked with them next time
    refusing = ['product_price:read', 'product:read'];
    const other = createShopware6Adapter({ store: swStore(server.origin), send });
    asked.length = 0;
    expect((await rejection(other.getProduct(leeks.id))).code).toBe('API_INSUFFICIENT_SCOPE');
    expect((await rejection(other.getProduct(leeks.id))).code).toBe('API_INSUFFICIENT_SCOPE');
    expect(asked).toEqual([true, true]);
  });

  it('a shop shown in another currency than its default says an absolute discount in the default currency it is kept in (€5 was said as $5.00)', async () => {
    const { adapter: usd } = await connectedAdapter(swStore(server.origin, { currency: 'USD' }), 'integration', integration(ADMIN));
    const { coupons } = await usd.listCoupons!();
    expect(coupons.find((c) => c.code === 'FIVEOFF')).toEqual({ code: 'FIVEOFF', name: 'Five off', percentOff: null, amountOff: 5, currency: 'EUR' });
    expect(coupons.find((c) => c.code === 'SUMMER10')).not.toHaveProperty('currency');
    // a percentage's cap is kept in the default currency too (PromotionItemBuilder getCurrencySpecificValue)
    expect(coupons.find((c) => c.code === 'TENCAP')).toEqual({ code: 'TENCAP', name: 'Ten percent, capped', percentOff: 10, maxOff: 5, currency: 'EUR' });
    const { adapter: eur } = await connectedAdapter(swStore(server.origin, { currency: 'EUR' }), 'integration', integration(ADMIN));
    expect((await eur.listCoupons!()).coupons.find((c) => c.code === 'FIVEOFF')).not.toHaveProperty('currency');
  });

  it('an integration is offered editing without asking _info/me, which answers an integration 403 (a user is asked)', async () => {
    const sent: Sent[] = [];
    const { adapter } = await connectedAdapter(swStore(server.origin), 'integration', integration(BROWSE), sent);
    expect(await adapter.probe!({ mode: 'integration' })).toContain('editProducts');
    expect(sent.map((s) => new URL(s.url).pathname)).not.toContain('/api/_info/me');
    // Without the mode (as before), it asks, gets the 403, and offers editing the same.
    expect(await adapter.probe!()).toContain('editProducts');
    expect(sent.map((s) => new URL(s.url).pathname)).toContain('/api/_info/me');
  });

  it('an admin edits a product and the server has the change; a stale edit is a conflict carrying the current product', async () => {
    const { adapter } = await connectedAdapter(swStore(server.origin), 'integration', integration(ADMIN));
    expect(await adapter.probe!({ mode: 'integration' })).toEqual(expect.arrayContaining(['browse', 'viewOrders', 'viewCoupons', 'editProducts']));
    const before = await adapter.getProduct(SEED_IDS.pears);
    const after = await adapter.updateProduct!(SEED_IDS.pears, { name: 'Conference Pears (ripe)', price: 3.9, inventory: 12 }, before.updated ?? before.created);
    expect(after.name).toBe('Conference Pears (ripe)');
    expect(after.price).toBe(3.9);
    expect(server.getProduct(SEED_IDS.pears)?.name).toBe('Conference Pears (ripe)');
    expect(server.getProduct(SEED_IDS.pears)?.stock).toBe(12);
    const stale = await rejection(adapter.updateProduct!(SEED_IDS.pears, { name: 'Old view' }, before.updated ?? before.created));
    expect(stale).toBeInstanceOf(ProductConflictError);
    expect((stale as ProductConflictError).current?.name).toBe('Conference Pears (ripe)');
    expect(server.getProduct(SEED_IDS.pears)?.name).toBe('Conference Pears (ripe)');
    // the editor sends '' for a product never updated (no updatedAt): saved once, stale after that
    const fresh = await adapter.getProduct(SEED_IDS.cherries);
    expect(fresh.updated).toBeUndefined();
    expect((await adapter.updateProduct!(SEED_IDS.cherries, { name: 'Cherries, dark' }, '')).name).toBe('Cherries, dark');
    expect(await rejection(adapter.updateProduct!(SEED_IDS.cherries, { name: 'Cherries again' }, ''))).toBeInstanceOf(ProductConflictError);
  });

  it('a product priced 0 given a price gets its net at the product’s tax rate, as the shop works it out (regression: net = gross, a price without its tax)', async () => {
    const other = await startShopwareStore({ port: 0 });
    try {
      const token = await integrationToken(other.origin, ADMIN);
      const free = { price: [{ currencyId: SW_DEFAULT_CURRENCY_ID, gross: 0, net: 0, linked: true }] };
      const zeroed = await call(`${other.origin}/api/product/${SEED_IDS.pears}`, { method: 'PATCH', headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(free) });
      expect(zeroed.status).toBe(204);
      const sent: Sent[] = [];
      const { adapter } = await connectedAdapter(swStore(other.origin), 'integration', integration(ADMIN), sent);
      const before = await adapter.getProduct(SEED_IDS.pears);
      expect(before.price).toBe(0);
      expect((await adapter.updateProduct!(SEED_IDS.pears, { price: 11.9 }, before.updated ?? before.created)).price).toBe(11.9);
      // 19 % in the seed's tax: 11.90 = 10.00 + 1.90
      expect(other.getProduct(SEED_IDS.pears)?.price?.find((p) => p.currencyId === SW_DEFAULT_CURRENCY_ID)).toMatchObject({ gross: 11.9, net: 10 });
      expect(sent.filter((s) => s.url.endsWith('/api/_action/calculate-price'))).toHaveLength(1);
      // with a price to go by, its ratio as before: the shop is not asked again
      const priced = await adapter.getProduct(SEED_IDS.pears);
      await adapter.updateProduct!(SEED_IDS.pears, { price: 23.8 }, priced.updated ?? priced.created);
      expect(other.getProduct(SEED_IDS.pears)?.price?.find((p) => p.currencyId === SW_DEFAULT_CURRENCY_ID)).toMatchObject({ gross: 23.8, net: 20 });
      expect(sent.filter((s) => s.url.endsWith('/api/_action/calculate-price'))).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('an expired token renews once without the caller noticing; a deleted integration then ends the session', async () => {
    const other = await startShopwareStore({ port: 0 });
    try {
      const { adapter, credential } = await connectedAdapter(swStore(other.origin), 'integration', integration(BROWSE));
      const first = credential.current.tokens!.accessToken;
      await adapter.listProducts({});
      other.expireAccessTokens();
      const before = other.stats().tokenRequests.total;
      expect((await adapter.listProducts({ count: 5 })).products).toHaveLength(5);
      expect(other.stats().tokenRequests.total).toBe(before + 1);
      expect(credential.current.tokens!.accessToken).not.toBe(first);
      other.revokeIntegration(BROWSE.accessKeyId);
      other.expireAccessTokens();
      expect((await rejection(adapter.listProducts({}))).code).toBe('TOKEN_EXPIRED');
    } finally {
      await other.close();
    }
  });

  it('the password mode probes edit rights from _info/me: admin may edit, the viewer may not', async () => {
    const { adapter: admin } = await connectedAdapter(swStore(server.origin), 'password', { username: 'admin', password: 'shopware' });
    expect(await admin.probe!({ mode: 'password' })).toContain('editProducts');
    const { adapter: viewer } = await connectedAdapter(swStore(server.origin), 'password', { username: 'viewer', password: 'viewer-demo-1' });
    const capabilities = await viewer.probe!({ mode: 'password' });
    expect(capabilities).toContain('browse');
    expect(capabilities).not.toContain('editProducts');
  });
});
