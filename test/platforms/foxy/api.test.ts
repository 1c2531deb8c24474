import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_BUNDLE } from './constants.ts';
import { accessToken, call, get, href, storeResource, withQuery, type Json } from './foxy-client.ts';
import { startFoxyStore, type FoxyStore } from './server.ts';
import { HOSTILE_IMAGE, MUG_CODE, createSeed } from './seed.ts';

let store: FoxyStore;
let origin: string;
let token: string;
let storeJson: Json;
let transactionsUrl: string;
/** The seeded transactions: the default count plus the test, hidden and declined ones. */
const TOTAL = createSeed().transactions.length;

beforeAll(async () => {
  store = await startFoxyStore({ port: 0 });
  origin = store.origin;
  token = await accessToken(origin);
  storeJson = await storeResource(origin, token);
  transactionsUrl = href(storeJson, 'fx:transactions');
});
afterAll(() => store.close());

describe('links from / (5.6.4)', () => {
  it('serves application/hal+json and a home without a token that has fx:token but no fx:store', async () => {
    const home = await call(`${origin}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('application/hal+json');
    expect(home.json._links['fx:token'].href).toBe(`${origin}/token`);
    expect(home.json._links['fx:store']).toBeUndefined();
  });

  it('links a store token home -> fx:store -> fx:transactions, fx:item_categories, fx:coupons', async () => {
    expect(storeJson.store_name).toBe('Foxy Demo Outfitters');
    for (const rel of ['fx:transactions', 'fx:item_categories', 'fx:coupons']) {
      const answer = await get(href(storeJson, rel), token);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/hal+json');
    }
  });

  it('uses non-guessable link targets that differ between two servers; guessed paths are 404', async () => {
    const other = await startFoxyStore({ port: 0 });
    try {
      const otherStore = await storeResource(other.origin, await accessToken(other.origin));
      expect(new URL(href(otherStore, 'self')).pathname).not.toBe(new URL(href(storeJson, 'self')).pathname);
      expect(new URL(transactionsUrl).pathname).toMatch(/^\/s\/[A-Za-z0-9_-]{16}\/transactions$/);
      for (const guess of ['/stores/8', '/stores/8/transactions', '/transactions', '/store']) {
        const answer = await get(`${origin}${guess}`, token);
        expect(answer.status).toBe(404);
        expect(answer.json._embedded['fx:errors']).toHaveLength(1);
      }
    } finally {
      await other.close();
    }
  });

  it('gives a user-scoped token a home with fx:stores, not fx:store, and refuses it the store resources', async () => {
    const userToken = await accessToken(origin, USER_BUNDLE);
    const home = await get(`${origin}/`, userToken);
    expect(home.json._links['fx:store']).toBeUndefined();
    const stores = await get(href(home.json, 'fx:stores'), userToken);
    expect(stores.json._embedded['fx:stores'][0].store_name).toBe('Foxy Demo Outfitters');
    expect((await get(transactionsUrl, userToken)).status).toBe(403);
    const storeHome = await get(`${origin}/`, token);
    expect(storeHome.json._links['fx:stores']).toBeUndefined();
  });

  it('needs the Bearer token on every linked resource and allows GET only', async () => {
    expect((await call(transactionsUrl)).status).toBe(401);
    expect((await get(transactionsUrl, token, { method: 'DELETE' })).status).toBe(405);
  });
});

describe('collections (5.6.5)', () => {
  it('has total_items as a string, numbers for the rest, default limit 20 and all five paging links', async () => {
    const page = (await get(transactionsUrl, token)).json;
    expect(page.total_items).toBe(String(TOTAL));
    expect(page).toMatchObject({ returned_items: 20, limit: 20, offset: 0 });
    expect(Object.keys(page._links)).toEqual(expect.arrayContaining(['self', 'first', 'prev', 'next', 'last']));
    expect(new URL(page._links.prev.href).searchParams.get('offset')).toBe('0');
    expect(new URL(page._links.next.href).searchParams.get('offset')).toBe('20');
    expect(new URL(page._links.last.href).searchParams.get('offset')).toBe('200');
  });

  it("caps limit at 300 and on the last page links next to itself", async () => {
    const capped = (await get(withQuery(transactionsUrl, { limit: '1000' }), token)).json;
    expect(capped.limit).toBe(300);
    expect(capped.returned_items).toBe(TOTAL);
    expect(capped._links.next.href).toBe(capped._links.self.href);
    const last = (await get(withQuery(transactionsUrl, { limit: '50', offset: '200' }), token)).json;
    expect(last.returned_items).toBe(TOTAL - 200);
    expect(last._links.next.href).toBe(last._links.self.href);
  });

  it('walks every page by following next until offset + returned_items reaches total_items', async () => {
    const ids = new Set<number>();
    let url = withQuery(transactionsUrl, { limit: '37' });
    for (let guard = 0; guard < 20; guard++) {
      const page = (await get(url, token)).json;
      for (const t of page._embedded['fx:transactions']) ids.add(t.id);
      if (page.offset + page.returned_items >= Number(page.total_items)) break;
      url = page._links.next.href;
    }
    expect(ids.size).toBe(TOTAL);
  });

  it('keeps the other query pairs in every paging link', async () => {
    const page = (await get(withQuery(transactionsUrl, { zoom: 'items', status: 'captured', limit: '5' }), token)).json;
    for (const rel of ['self', 'first', 'prev', 'next', 'last']) {
      const params = new URL(page._links[rel].href).searchParams;
      expect([params.get('zoom'), params.get('status'), params.get('limit')]).toEqual(['items', 'captured', '5']);
    }
  });

  it('answers a malformed limit with a 400 HAL error', async () => {
    expect((await get(withQuery(transactionsUrl, { limit: 'ten' }), token)).status).toBe(400);
  });
});

describe('zoom, order, fields, filters (5.6.6)', () => {
  it('embeds fx:items only with zoom=items; the fx:items link is always there', async () => {
    const plain = (await get(transactionsUrl, token)).json._embedded['fx:transactions'][0];
    expect(plain._embedded).toBeUndefined();
    const items = await get(href(plain, 'fx:items'), token);
    expect(items.json._embedded['fx:items'].length).toBeGreaterThan(0);
    const zoomed = (await get(withQuery(transactionsUrl, { zoom: 'items' }), token)).json._embedded['fx:transactions'][0];
    expect(zoomed._embedded['fx:items']).toEqual(items.json._embedded['fx:items']);
    expect((await get(withQuery(transactionsUrl, { zoom: 'customer' }), token)).status).toBe(400);
  });

  it('sends each transaction’s type, filters by it, and charges nothing for a change to a subscription', async () => {
    const all = (await get(withQuery(transactionsUrl, { limit: '300' }), token)).json._embedded['fx:transactions'];
    expect(all.every((t: Json) => typeof t.type === 'string')).toBe(true);
    expect(all.filter((t: Json) => t.type === '').length).toBeGreaterThan(100);
    const renewals = (await get(withQuery(transactionsUrl, { type: 'subscription_renewal' }), token)).json;
    expect(renewals.total_items).toBe('1');
    const [modified] = (await get(withQuery(transactionsUrl, { type: 'subscription_modification' }), token)).json._embedded['fx:transactions'];
    expect(modified).toMatchObject({ status: '', total_order: 0 });
    expect(Number(modified.total_item_price)).toBeGreaterThan(0);
  });

  it('orders by transaction_date desc and asc', async () => {
    const desc = (await get(withQuery(transactionsUrl, { order: 'transaction_date desc', limit: '300' }), token)).json._embedded['fx:transactions'];
    const dates = desc.map((t: Json) => Date.parse(t.transaction_date));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    const asc = (await get(withQuery(transactionsUrl, { order: 'transaction_date asc', limit: '1' }), token)).json._embedded['fx:transactions'][0];
    expect(asc.id).toBe(desc[desc.length - 1].id);
    expect((await get(withQuery(transactionsUrl, { order: 'password desc' }), token)).status).toBe(400);
  });

  it('keeps only the asked fields (and _links)', async () => {
    const t = (await get(withQuery(transactionsUrl, { fields: 'id,status' }), token)).json._embedded['fx:transactions'][0];
    expect(Object.keys(t).sort()).toEqual(['_links', 'id', 'status']);
  });

  it('filters by field=value, refuses unknown fields', async () => {
    const refunded = (await get(withQuery(transactionsUrl, { status: 'refunded', limit: '300' }), token)).json;
    expect(Number(refunded.total_items)).toBeGreaterThan(0);
    expect(refunded._embedded['fx:transactions'].every((t: Json) => t.status === 'refunded')).toBe(true);
    const test = (await get(withQuery(transactionsUrl, { is_test: 'true' }), token)).json;
    expect(test.total_items).toBe('1');
    const unknown = await get(withQuery(transactionsUrl, { secret_field: 'x' }), token);
    expect(unknown.status).toBe(400);
    expect(unknown.json._embedded['fx:errors'][0].message).toContain('secret_field');
  });
});

describe('data quirks (5.6.7)', () => {
  async function allItems(): Promise<{ t: Json; item: Json }[]> {
    const page = (await get(withQuery(transactionsUrl, { zoom: 'items', limit: '300' }), token)).json;
    return page._embedded['fx:transactions'].flatMap((t: Json) => t._embedded['fx:items'].map((item: Json) => ({ t, item })));
  }

  it('sells the same code in several transactions at different prices, with a test transaction newest of all', async () => {
    const mugs = (await allItems()).filter(({ item }) => item.code === MUG_CODE);
    expect(new Set(mugs.map(({ item }) => item.price)).size).toBeGreaterThan(2);
    const newest = [...mugs].sort((a, b) => Date.parse(b.t.transaction_date) - Date.parse(a.t.transaction_date))[0];
    expect(newest?.t.is_test).toBe(true);
  });

  it('has items with an empty code, a javascript: image, and a hidden transaction', async () => {
    const items = await allItems();
    expect(items.filter(({ item }) => item.code === '').length).toBeGreaterThan(1);
    expect(items.some(({ item }) => item.image === HOSTILE_IMAGE)).toBe(true);
    expect(items.some(({ t }) => t.hide_transaction === true)).toBe(true);
  });

  it('points some links at the canary origin, which counts requests carrying Authorization', async () => {
    const downloadables = href(storeJson, 'fx:downloadables');
    expect(new URL(downloadables).origin).toBe(store.canaryOrigin);
    const before = store.stats();
    expect((await call(downloadables)).status).toBe(200);
    expect(store.stats().canaryHits).toBe(before.canaryHits + 1);
    expect(store.stats().canaryHitsWithAuthorization).toBe(before.canaryHitsWithAuthorization);
    await get(downloadables, token);
    expect(store.stats().canaryHitsWithAuthorization).toBe(before.canaryHitsWithAuthorization + 1);
    expect(JSON.stringify(store.requests())).not.toContain(token);
  });

  it('lists item categories and coupons with zoom=coupon_codes', async () => {
    const categories = (await get(href(storeJson, 'fx:item_categories'), token)).json._embedded['fx:item_categories'];
    expect(categories.map((c: Json) => c.name)).toContain('Kitchen');
    const coupons = (await get(withQuery(href(storeJson, 'fx:coupons'), { zoom: 'coupon_codes' }), token)).json._embedded['fx:coupons'];
    const spring = coupons.find((c: Json) => c.name === 'Spring 10%');
    expect(spring).toMatchObject({ coupon_discount_type: 'quantity_percentage', coupon_discount_details: 'allunits-10' });
    expect(spring._embedded['fx:coupon_codes'].map((c: Json) => c.code)).toEqual(['SPRING10', 'SPRING10B']);
  });
});
