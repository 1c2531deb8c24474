/**
 * Foxy on the connection seam against the faithful local server: the connector checks a pasted
 * bundle (each refusal its own message, nothing returned on failure), renews with the non-rotating
 * refresh token, and the adapter browses by links only (derived catalogue over pages, search,
 * category, sort, product, orders, coupons) without ever sending the token to the canary origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credential } from '../../../../src/lib/connect/credential.ts';
import type { FoxyStoreConfig } from '../../../../src/lib/connect/store-config.ts';
import type { Cursor } from '../../../../src/lib/domain/catalog.ts';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import { createFoxyAdapter } from '../../../../src/lib/providers/foxy/adapter.ts';
import { foxyConnector } from '../../../../src/lib/providers/foxy/connector.ts';
import { FOXY_MODE, foxyProfile } from '../../../../src/lib/providers/foxy-profile.ts';
import { loadAdapter, loadConnector } from '../../../../src/lib/providers/loaders.ts';
import { getProvider } from '../../../../src/lib/providers/registry.ts';
import { DEMO_BUNDLE, USER_BUNDLE } from '../../../platforms/foxy/constants.ts';
import { HOSTILE_IMAGE, MUG_CODE } from '../../../platforms/foxy/seed.ts';
import { startFoxyStore, type FoxyStore } from '../../../platforms/foxy/server.ts';
import { testTransport } from './seam-fixture.ts';
import { pricesOf } from '../../../helpers/prices.ts';

let server: FoxyStore;
let store: FoxyStoreConfig;

const pasted = (bundle: { client_id: string; client_secret: string; refresh_token: string }): string =>
  `client_id: ${bundle.client_id}\nclient_secret: ${bundle.client_secret}\naccess_token: ignored-access\nrefresh_token: ${bundle.refresh_token}\n`;
const ctx = () => ({ store, fetch: globalThis.fetch, now: () => Date.now() });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function connected(): Promise<Credential> {
  const issued = await foxyConnector.connect(ctx(), { bundle: pasted(DEMO_BUNDLE) });
  return { v: 2, storeId: store.id, kind: 'foxy', ...issued };
}

beforeAll(async () => {
  server = await startFoxyStore({ port: 0 });
  store = { id: 'foxy', kind: 'foxy', name: 'Foxy Store', apiBase: server.origin, auth: [FOXY_MODE] };
});
afterAll(() => server.close());

describe('Foxy connector', () => {
  it('connects with the pasted 4-line block: one token request with Basic auth, the bundle kept as secrets', async () => {
    server.resetStats();
    const credential = await connected();
    expect(credential.mode).toBe('token-bundle');
    expect(credential.tokens?.scopes).toEqual(['store_full_access']);
    expect(credential.tokens?.refreshToken).toBe(DEMO_BUNDLE.refresh_token);
    expect(credential.tokens?.expiresAt).toBeGreaterThan(Date.now() + 7000_000);
    expect(credential.secrets).toEqual({ clientId: DEMO_BUNDLE.client_id, clientSecret: DEMO_BUNDLE.client_secret, refreshToken: DEMO_BUNDLE.refresh_token });
    expect(server.stats().tokenRequests).toBe(1);
    expect(server.requests().every((r) => r.apiVersion === '1')).toBe(true);
  });

  it('accepts three separate fields too', async () => {
    const issued = await foxyConnector.connect(ctx(), { clientId: DEMO_BUNDLE.client_id, clientSecret: DEMO_BUNDLE.client_secret, refreshToken: DEMO_BUNDLE.refresh_token });
    expect(issued.tokens?.accessToken).toMatch(/\S/);
  });

  it('says which refusal it was: wrong secret, dead refresh token, missing field, user token, no CORS-readable answer', async () => {
    const secret = await refusal(foxyConnector.connect(ctx(), { bundle: pasted({ ...DEMO_BUNDLE, client_secret: 'wrong-secret' }) }));
    const dead = await refusal(foxyConnector.connect(ctx(), { bundle: pasted({ ...DEMO_BUNDLE, refresh_token: 'dead-refresh' }) }));
    const missing = await refusal(foxyConnector.connect(ctx(), { bundle: `client_id: ${DEMO_BUNDLE.client_id}\nrefresh_token: ${DEMO_BUNDLE.refresh_token}` }));
    const user = await refusal(foxyConnector.connect(ctx(), { bundle: pasted(USER_BUNDLE) }));
    const offline = await refusal(foxyConnector.connect({ ...ctx(), store: { ...store, apiBase: 'http://127.0.0.1:1' } }, { bundle: pasted(DEMO_BUNDLE) }));
    expect([secret.code, dead.code, missing.code, user.code, offline.code]).toEqual([
      'CREDENTIALS_REJECTED', 'CREDENTIALS_REJECTED', 'CREDENTIALS_INVALID', 'CREDENTIALS_WRONG_SCOPE', 'NETWORK_OR_CORS',
    ]);
    expect(secret.message).toMatch(/client_secret/);
    expect(dead.message).toMatch(/refresh_token/);
    expect(missing.message).toMatch(/The pasted text has no client_secret\./);
    expect(user.message).toMatch(/store token/);
    for (const e of [secret, dead, missing, user, offline]) {
      expect(e.message).not.toContain(DEMO_BUNDLE.client_secret);
      expect(e.message).not.toContain(DEMO_BUNDLE.refresh_token);
    }
  });

  it('renews with the same refresh token; a removed client ends the session (TOKEN_EXPIRED)', async () => {
    const local = await startFoxyStore({ port: 0 });
    const localCtx = { store: { ...store, apiBase: local.origin }, fetch: globalThis.fetch, now: () => Date.now() };
    try {
      const issued = await foxyConnector.connect(localCtx, { bundle: pasted(DEMO_BUNDLE) });
      const credential: Credential = { v: 2, storeId: 'foxy', kind: 'foxy', ...issued };
      const renewed = await foxyConnector.renew!(localCtx, credential);
      expect(renewed.tokens?.accessToken).not.toBe(issued.tokens?.accessToken);
      expect(renewed.tokens?.refreshToken).toBe(DEMO_BUNDLE.refresh_token);
      local.revokeClient();
      expect((await refusal(foxyConnector.renew!(localCtx, credential))).code).toBe('TOKEN_EXPIRED');
    } finally {
      await local.close();
    }
  });

  it('is in the registry, loaded lazily, with the fixed capabilities of store_full_access', async () => {
    expect(getProvider('foxy')).toBe(foxyProfile);
    expect(await loadConnector('foxy', FOXY_MODE)).toBe(foxyConnector);
    await expect(loadConnector('foxy', 'password')).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect(await loadAdapter('foxy')).toBe(createFoxyAdapter);
    expect(foxyProfile.capabilities).toEqual({ from: 'fixed', capabilities: ['browse', 'viewOrders', 'viewCoupons'] });
    expect(foxyProfile.modes[0]?.risk).toMatch(/ten|10-year/);
    expect(foxyProfile.modes[0]?.fields?.[0]?.secret).toBe(true);
  });
});

describe('Foxy adapter (links only)', () => {
  it('derives the catalogue over several pages: de-duplicated, newest wins, no test items, hostile image dropped', async () => {
    const transport = testTransport(store, await connected());
    const adapter = createFoxyAdapter({ store, send: transport.send });
    server.resetStats();
    const first = await adapter.listProducts({ count: 20 });
    expect(first.products).toHaveLength(20);
    expect(first.total).toBeGreaterThan(20);
    const second = await adapter.listProducts({ count: 20 }, first.next);
    expect(second.products.map((p) => p.id)).not.toContain(first.products[0]?.id);
    const ids = [...first.products, ...second.products].map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const mug = await adapter.getProduct(`code:${MUG_CODE}`);
    expect(mug.name).toBe('Ceramic Mug (Large)');
    expect(mug.price).toBe(24.5);
    const all = await adapter.listProducts({ count: 100 }, null);
    let everything = [...all.products];
    for (let next: Cursor | null = all.next, n = 0; next !== null && n < 20; n++) {
      const page = await adapter.listProducts({ count: 100 }, next);
      everything = everything.concat(page.products);
      next = page.next;
    }
    expect(everything.map((p) => p.name)).not.toContain('TEST MUG');
    expect(everything.map((p) => p.name)).not.toContain('Hidden Thing');
    expect(everything.flatMap((p) => p.images.map((i) => i.url))).not.toContain(HOSTILE_IMAGE);
    expect(everything.some((p) => p.id.startsWith('name:'))).toBe(true);
    expect(server.stats().canaryHitsWithAuthorization).toBe(0);
    // Every API request went to the API's origin with the version header.
    expect(server.requests().filter((r) => r.listener === 'api').every((r) => r.apiVersion === '1' && r.hasAuthorization)).toBe(true);
  });

  it('a sale the store sent unreadable leaves out that sale (or its unreadable item) and is counted, instead of failing the whole catalogue', async () => {
    const transport = testTransport(store, await connected());
    // In the first page of sales: the newest real one sells a second item with no price, the next one has no date.
    const send: typeof transport.send = async (...args) => {
      const response = await transport.send(...args);
      const sales = (response.json as { _embedded?: Record<string, Array<Record<string, unknown>>> })._embedded?.['fx:transactions'];
      const asked = new URL(args[0].url ?? '', store.apiBase).searchParams;
      if (sales === undefined || !asked.has('zoom') || asked.has('offset')) return response;
      const copy = structuredClone(sales);
      const newest = copy.findIndex((sale) => JSON.stringify(sale).includes('Ceramic Mug (Large)'));
      const items = (copy[newest]!['_embedded'] as Record<string, Array<Record<string, unknown>>>)['fx:items']!;
      items.push({ ...items[0]!, code: 'NO-PRICE', name: 'Priced by nobody', price: null });
      copy[newest + 1]!['transaction_date'] = null;
      return { ...response, json: { ...(response.json as object), _embedded: { 'fx:transactions': copy } } };
    };
    const adapter = createFoxyAdapter({ store, send });
    const first = await adapter.listProducts({ count: 100 });
    expect(first.unreadSales).toBe(2);
    expect(first.products.length).toBeGreaterThan(20);
    expect(first.products.find((p) => p.id === `code:${MUG_CODE}`)).toMatchObject({ name: 'Ceramic Mug (Large)', price: 24.5 });
    expect(first.products.some((p) => p.id === 'code:NO-PRICE')).toBe(false);
    // none unreadable: none said
    expect((await createFoxyAdapter({ store, send: transport.send }).listProducts({ count: 20 })).unreadSales).toBeUndefined();
  });

  it('links a product to its page only on the store’s own site (store_url): a sale whose item url is elsewhere gives no link', async () => {
    const transport = testTransport(store, await connected());
    // The mug's sales as a shopper's edited add-to-cart link would leave them (no HMAC signing).
    const elsewhere = (json: unknown): unknown => {
      if (Array.isArray(json)) return json.map(elsewhere);
      if (typeof json !== 'object' || json === null) return json;
      const copy = Object.fromEntries(Object.entries(json).map(([key, value]) => [key, elsewhere(value)]));
      return copy['code'] === MUG_CODE && typeof copy['url'] === 'string' ? { ...copy, url: 'https://evil.example/products/ceramic-mug' } : copy;
    };
    const send: typeof transport.send = async (...args) => {
      const response = await transport.send(...args);
      return { ...response, json: elsewhere(response.json) };
    };
    const adapter = createFoxyAdapter({ store, send });
    expect((await adapter.getProduct(`code:${MUG_CODE}`)).permalink).toBeUndefined();
    const listed = (await adapter.listProducts({ count: 100 })).products;
    const mug = listed.find((p) => p.id === `code:${MUG_CODE}`);
    expect(mug).toBeDefined();
    expect(mug?.permalink).toBeUndefined();
    // The other products still link to their pages on the shop's site.
    const linked = listed.filter((p) => p.permalink !== undefined);
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.every((p) => p.permalink!.startsWith('https://shop.example.com/'))).toBe(true);
  });

  it('searches, filters by category and sorts locally', async () => {
    const adapter = createFoxyAdapter({ store, send: testTransport(store, await connected()).send });
    const categories = await adapter.listCategories!();
    expect(categories.length).toBeGreaterThan(1);
    const category = categories[0] as string;
    const inCategory = await adapter.listProducts({ category, count: 100 });
    expect(inCategory.products.length).toBeGreaterThan(0);
    expect(inCategory.products.every((p) => p.categories.includes(category))).toBe(true);
    const found = await adapter.listProducts({ q: 'mug' });
    expect(found.products.length).toBeGreaterThan(0);
    expect(found.products.every((p) => p.name.toLowerCase().includes('mug') || p.id.toLowerCase().includes('mug'))).toBe(true);
    const byPrice = pricesOf((await adapter.listProducts({ sort: 'price', count: 50 })).products);
    expect(byPrice).toEqual([...byPrice].sort((a, b) => a - b));
    await expect(adapter.getProduct('code:NO-SUCH')).rejects.toMatchObject({ code: 'API_NOT_FOUND' });
  });

  it('lists orders by the next link with mapped statuses, coupons, and the store metadata', async () => {
    const adapter = createFoxyAdapter({ store, send: testTransport(store, await connected()).send });
    const first = await adapter.listOrders!(null, { count: 50 });
    expect(first.orders.length).toBeGreaterThan(40);
    expect(first.next).not.toBeNull();
    // asked without the test and hidden transactions, as Foxy's admin asks: total_items counts the orders
    expect(first.roughTotal).toBeUndefined();
    // (the orders' request is the one of 50: the derived catalogue asks pages of PAGE_LIMIT)
    const asked = server.requests().filter((r) => r.method === 'GET' && /[?&]order=/.test(r.path) && /[?&]limit=50(&|$)/.test(r.path)).at(-1);
    expect(decodeURIComponent(asked?.path ?? '')).toMatch(/is_test=false/);
    // with each order's items embedded: what was bought
    expect(decodeURIComponent(asked?.path ?? '')).toMatch(/zoom=items/);
    expect(first.orders.every((o) => (o.items?.length ?? 0) > 0)).toBe(true);
    expect(decodeURIComponent(asked?.path ?? '')).toMatch(/hide_transaction=false/);
    let all = first.orders.length;
    for (let cursor = first.next, pages = 0; cursor !== null && pages < 20; pages++) {
      const page = await adapter.listOrders!(cursor, { count: 50 });
      all += page.orders.length;
      cursor = page.next;
    }
    expect(first.total).toBe(all);
    const second = await adapter.listOrders!(first.next, { count: 50 });
    expect(second.orders[0]?.id).not.toBe(first.orders[0]?.id);
    expect(new Set([...first.orders, ...second.orders].map((o) => o.status)).size).toBeGreaterThan(1);
    const { coupons, notListed } = await adapter.listCoupons!();
    // the coupon the demo store keeps without codes is said as left out, with why (it was left out without a word);
    // read newest first (Members 10% was made last)
    expect(notListed).toEqual([
      { name: 'Members 10%', reason: 'autoApply' },
      { name: 'No codes yet', reason: 'noCodes' },
    ]);
    expect(coupons.length).toBeGreaterThan(0);
    expect(coupons.some((c) => c.percentOff !== null)).toBe(true);
    const metadata = await adapter.getMetadata();
    expect(metadata.name).toMatch(/\S/);
    expect(metadata.currency).toMatch(/^[A-Z]{3}$/);
    expect(server.stats().canaryHitsWithAuthorization).toBe(0);
  });

  it('probes before anything is stored: a store token reads the home (fx:store), a user-scoped one is refused', async () => {
    const adapter = createFoxyAdapter({ store, send: testTransport(store, await connected()).send });
    expect(await adapter.probe!()).toEqual(['browse', 'viewOrders', 'viewCoupons']);
    // the faithful server issues a token for the user bundle (the app refuses it at the scope already)
    const answer = await fetch(`${server.origin}/token`, {
      method: 'POST',
      headers: { 'FOXY-API-VERSION': '1', 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${btoa(`${USER_BUNDLE.client_id}:${USER_BUNDLE.client_secret}`)}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: USER_BUNDLE.refresh_token }),
    });
    const { access_token: accessToken } = (await answer.json()) as { access_token: string };
    const user: Credential = { v: 2, storeId: 'foxy', kind: 'foxy', mode: FOXY_MODE, tokens: { accessToken, tokenType: 'bearer', scopes: [], expiresAt: Date.now() + 3600_000, obtainedAt: Date.now() } };
    const refused = await refusal(createFoxyAdapter({ store, send: testTransport(store, user).send }).probe!());
    expect(refused.code).toBe('CREDENTIALS_WRONG_SCOPE');
    expect(refused.message).toMatch(/paste a store token/);
  });

  it('renews once on a 401 mid-browsing and carries on', async () => {
    const transport = testTransport(store, await connected());
    const adapter = createFoxyAdapter({ store, send: transport.send });
    server.expireAccessTokens();
    const page = await adapter.listProducts({});
    expect(page.products.length).toBeGreaterThan(0);
    expect(transport.renewals()).toBe(1);
  });
});
