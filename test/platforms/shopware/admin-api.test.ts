import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ADMIN, BROWSE, BROWSE_CRITERIA, NO_PROPERTIES, ORDERS, apiSearch, call, integrationToken, passwordGrant } from './client.ts';
import { DEFAULT_CURRENCY_ID, USD_CURRENCY_ID } from './constants.ts';
import { SEED_IDS } from './seed.ts';
import { startShopwareStore, type ShopwareStore } from './server.ts';

let store: ShopwareStore;
let origin: string;
let browse: string;
let orders: string;
let admin: string;

beforeAll(async () => {
  store = await startShopwareStore({ port: 0 });
  origin = store.origin;
  [browse, orders, admin] = await Promise.all([integrationToken(origin, BROWSE), integrationToken(origin, ORDERS), integrationToken(origin, ADMIN)]);
});
afterAll(() => store.close());

describe('Accept negotiation (4.6.5)', () => {
  it('answers application/json with {total, data, aggregations}', async () => {
    const answer = await apiSearch(origin, 'product', browse, { limit: 2 });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(Object.keys(answer.json).sort()).toEqual(['aggregations', 'data', 'total']);
  });

  it('answers */* and application/vnd.api+json with JSON:API', async () => {
    for (const accept of ['*/*', 'application/vnd.api+json']) {
      const answer = await apiSearch(origin, 'product', browse, { limit: 2, 'total-count-mode': 'exact', associations: { categories: {} } }, accept);
      expect(answer.headers.get('content-type')).toBe('application/vnd.api+json');
      expect(answer.json.data[0]).toMatchObject({ id: expect.any(String), type: 'product', attributes: expect.objectContaining({ productNumber: expect.any(String) }) });
      expect(answer.json.meta.total).toBeGreaterThan(2);
      expect(answer.json.included.some((r: { type: string }) => r.type === 'category')).toBe(true);
    }
  });

  it('answers another type, and no Accept header at all (fetch always sends one; raw node:http here), with 415', async () => {
    const other = await apiSearch(origin, 'product', browse, { limit: 1 }, 'text/html');
    expect(other.status).toBe(415);
    expect(other.json.errors[0].detail).toBe('All provided media types are unsupported. (text/html)');
    const bare = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${origin}/api/search/product`, { method: 'POST', headers: { Authorization: `Bearer ${browse}`, 'Content-Type': 'application/json' } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end('{"limit":1}');
    });
    expect(bare.status).toBe(415);
    expect(JSON.parse(bare.body).errors[0].detail).toMatch(/^All provided media types are unsupported\. \(/);
  });

  it('lets the token and _info routes ignore Accept', async () => {
    const answer = await call(`${origin}/api/_info/version`, { headers: { Authorization: `Bearer ${browse}` } });
    expect(answer.json).toEqual({ version: expect.stringMatching(/^6\.\d+\.\d+\.\d+$/) });
  });
});

describe('criteria (4.6.6)', () => {
  it('pages with page/limit and total-count-mode: none counts rows returned, exact counts all', async () => {
    const none = await apiSearch(origin, 'product', browse, { page: 2, limit: 5 });
    expect(none.json.total).toBe(5);
    const exact = await apiSearch(origin, 'product', browse, { page: 2, limit: 5, 'total-count-mode': 1 });
    expect(exact.json.total).toBe(35);
    const first = await apiSearch(origin, 'product', browse, { page: 1, limit: 5 });
    expect(first.json.data.map((p: { id: string }) => p.id)).not.toContain(none.json.data[0].id);
  });

  it('pages as RequestCriteriaBuilder and EntitySearcher do: a page without a limit starts at the first row; next-pages counts up to limit * 6 + 1 rows from the offset', async () => {
    const first = await apiSearch(origin, 'product', browse, { limit: 500 });
    // setPage multiplies by the body's limit, `?? 0`: page 2 without one is the first rows again
    expect((await apiSearch(origin, 'product', browse, { page: 2 })).json.data.map((p: { id: string }) => p.id)).toEqual(first.json.data.map((p: { id: string }) => p.id));
    // next-pages: the rows fetched from the offset (at most limit * 6 + 1), not the offset before them
    expect((await apiSearch(origin, 'product', browse, { page: 2, limit: 5, 'total-count-mode': 'next-pages' })).json.total).toBe(30);
    expect((await apiSearch(origin, 'product', browse, { page: 1, limit: 2, 'total-count-mode': 2 })).json.total).toBe(13);
  });

  it('pages a to-many association per parent as loadOneToManyWithPagination does: after its sort, each order its own page, a plain list with no count past it', async () => {
    const positions = (data: { orderNumber: string; lineItems: { position: number }[] }[], number: string) => data.find((o) => o.orderNumber === number)?.lineItems.map((l) => l.position);
    const lines = (extra: object) => ({ limit: 25, 'total-count-mode': 'exact', associations: { lineItems: { sort: [{ field: 'position', order: 'DESC' }], ...extra } } });
    const all = await apiSearch(origin, 'order', admin, lines({}));
    expect(positions(all.json.data, '10009')).toHaveLength(40);
    const first = await apiSearch(origin, 'order', admin, lines({ limit: 3 }));
    // each order's own first three, by the association's sort (position DESC): not the first three lines of the page
    expect(positions(first.json.data, '10009')).toEqual([40, 39, 38]);
    expect(positions(first.json.data, '10002')).toEqual([4, 3, 2]);
    expect(positions(first.json.data, '10004')).toEqual([1]);
    expect(Array.isArray(first.json.data[0].lineItems)).toBe(true);
    const second = await apiSearch(origin, 'order', admin, lines({ limit: 3, page: 2 }));
    expect(positions(second.json.data, '10009')).toEqual([37, 36, 35]);
    expect(positions(second.json.data, '10002')).toEqual([1]);
    expect(positions(second.json.data, '10004')).toEqual([]);
    const refused = await apiSearch(origin, 'order', admin, lines({ limit: 0 }));
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0]).toMatchObject({ code: 'FRAMEWORK__INVALID_LIMIT_QUERY', source: { pointer: '/associations/lineItems/limit' } });
  });

  it('sorts promotions newest first by createdAt, as the Administration lists them, and pages them by 100', async () => {
    const shop = await startShopwareStore({ port: 0, extraPromotions: 120 });
    try {
      const token = await integrationToken(shop.origin, ADMIN);
      const criteria = (page: number) => ({ page, limit: 100, 'total-count-mode': 'exact', sort: [{ field: 'createdAt', order: 'DESC' }, { field: 'id', order: 'ASC' }] });
      const one = await apiSearch(shop.origin, 'promotion', token, criteria(1));
      const two = await apiSearch(shop.origin, 'promotion', token, criteria(2));
      expect([one.json.total, one.json.data.length, two.json.data.length]).toEqual([131, 100, 31]);
      expect(one.json.data[0].code).toBe('SUMMER10');
      expect(two.json.data.at(-1).name).toBe('Bulk 120');
      const dates = [...one.json.data, ...two.json.data].map((p: { createdAt: string }) => p.createdAt);
      expect(dates).toEqual([...dates].sort().reverse());
    } finally {
      await shop.close();
    }
  });

  it('refuses limit > 500 and page 0 with 400 and a source.pointer; no limit means 500', async () => {
    const limit = await apiSearch(origin, 'product', browse, { limit: 501 });
    expect(limit.status).toBe(400);
    expect(limit.json.errors[0]).toMatchObject({ code: 'FRAMEWORK__QUERY_LIMIT_EXCEEDED', source: { pointer: '/limit' } });
    const page = await apiSearch(origin, 'product', browse, { page: 0 });
    expect(page.json.errors[0]).toMatchObject({ status: '400', code: 'FRAMEWORK__INVALID_PAGE_QUERY', source: { pointer: '/page' } });
    expect((await apiSearch(origin, 'product', browse, {})).json.data).toHaveLength(35);
  });

  it('searches by term, filters by category name, excludes variants with parentId = null', async () => {
    const term = await apiSearch(origin, 'product', browse, { term: 'apples' });
    expect(term.json.data.map((p: { id: string }) => p.id).sort()).toEqual([SEED_IDS.apples, SEED_IDS.applesVariant].sort());
    const fruit = await apiSearch(origin, 'product', browse, { ...BROWSE_CRITERIA, filter: [...BROWSE_CRITERIA.filter, { type: 'equals', field: 'categories.name', value: 'Fruit' }] });
    expect(fruit.json.data.map((p: { id: string }) => p.id).sort()).toEqual([SEED_IDS.apples, SEED_IDS.bananas, SEED_IDS.pears, SEED_IDS.cherries].sort());
    const all = await apiSearch(origin, 'product', browse, { filter: [{ type: 'equals', field: 'parentId', value: null }] });
    expect(all.json.data.map((p: { id: string }) => p.id)).not.toContain(SEED_IDS.applesVariant);
  });

  it('supports equalsAny, contains, range, multi and not', async () => {
    const ids = async (filter: unknown[]): Promise<string[]> => (await apiSearch(origin, 'product', browse, { filter })).json.data.map((p: { id: string }) => p.id).sort();
    expect(await ids([{ type: 'equalsAny', field: 'id', value: [SEED_IDS.pears, SEED_IDS.bananas] }])).toEqual([SEED_IDS.bananas, SEED_IDS.pears].sort());
    expect(await ids([{ type: 'contains', field: 'name', value: 'PEAR' }])).toEqual([SEED_IDS.pears]);
    expect(await ids([{ type: 'range', field: 'stock', parameters: { gte: 100 } }])).toEqual([SEED_IDS.apples]);
    expect(await ids([{ type: 'multi', operator: 'or', queries: [{ type: 'equals', field: 'productNumber', value: 'SW10001' }, { type: 'equals', field: 'productNumber', value: 'SW10002' }] }])).toEqual([SEED_IDS.apples, SEED_IDS.bananas].sort());
    const notActive = await ids([{ type: 'not', queries: [{ type: 'equals', field: 'active', value: true }] }]);
    expect(notActive).toContain(SEED_IDS.hiddenBread);
    expect(notActive).not.toContain(SEED_IDS.apples);
    const bad = await apiSearch(origin, 'product', browse, { filter: [{ type: 'fuzzy', field: 'name', value: 'x' }] });
    expect(bad.json.errors[0]).toMatchObject({ status: '400', source: { pointer: '/filter/0/type' } });
  });

  it('sorts by name (natural), price and createdAt', async () => {
    const names = (await apiSearch(origin, 'product', browse, { sort: [{ field: 'name', order: 'ASC', naturalSorting: true }], filter: [{ type: 'equals', field: 'parentId', value: null }] })).json.data.map((p: { translated: { name: string } }) => p.translated.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'en', { numeric: true })));
    const prices = (await apiSearch(origin, 'product', browse, { sort: [{ field: 'price', order: 'DESC' }], filter: [{ type: 'equals', field: 'parentId', value: null }] })).json.data.map((p: { price: { gross: number }[] }) => p.price[0]?.gross);
    expect(prices).toEqual([...prices].sort((a: number, b: number) => b - a));
    const newest = (await apiSearch(origin, 'product', browse, { sort: [{ field: 'createdAt', order: 'DESC' }], limit: 1 })).json.data[0];
    expect(newest.createdAt >= '2024-05-01').toBe(true);
  });

  it('leaves unrequested associations null, loads requested ones, applies includes by apiAlias, reads by ids', async () => {
    const bare = (await apiSearch(origin, 'product', browse, { ids: [SEED_IDS.apples] })).json.data[0];
    expect(bare.cover).toBeNull();
    expect(bare.categories).toBeNull();
    const full = await apiSearch(origin, 'product', browse, { ...BROWSE_CRITERIA, ids: [SEED_IDS.apples] });
    const apples = full.json.data[0];
    expect(Object.keys(apples).sort()).toEqual([...BROWSE_CRITERIA.includes.product, 'apiAlias'].sort());
    expect(apples.cover).toEqual({ id: expect.any(String), position: 0, media: expect.objectContaining({ url: expect.stringMatching(/^http:\/\//), alt: 'Apples', apiAlias: 'media' }), apiAlias: 'product_media' });
    expect(apples.media.map((m: { position: number }) => m.position)).toEqual([0, 1]);
    expect(apples.categories).toEqual([{ id: SEED_IDS.fruitCategory, name: 'Fruit', translated: expect.objectContaining({ name: 'Fruit' }), apiAlias: 'category' }]);
    expect((await apiSearch(origin, 'product', browse, { ids: ['ABC'] })).status).toBe(400);
    expect((await apiSearch(origin, 'product', browse, { ids: ['0'.repeat(32)] })).json.data).toEqual([]);
  });
});

describe('ACL per integration (4.6.7)', () => {
  it('refuses orders and promotions to a browse-only integration with a JSON-string detail', async () => {
    const answer = await apiSearch(origin, 'order', browse, { limit: 1 });
    expect(answer.status).toBe(403);
    expect(answer.json.errors[0]).toMatchObject({ status: '403', code: 'FRAMEWORK__MISSING_PRIVILEGE_ERROR', title: 'Forbidden', meta: { parameters: [] } });
    expect(JSON.parse(answer.json.errors[0].detail)).toEqual({ message: 'Missing privilege', missingPrivileges: ['order:read'] });
    const promotion = await apiSearch(origin, 'promotion', browse, { associations: { discounts: {} } });
    expect(JSON.parse(promotion.json.errors[0].detail).missingPrivileges).toEqual(['promotion:read', 'promotion_discount:read']);
  });

  it('lets browse + orders read orders with their associations, not promotions, not edit', async () => {
    const answer = await apiSearch(origin, 'order', orders, {
      'total-count-mode': 'exact',
      sort: [{ field: 'orderDateTime', order: 'DESC' }],
      associations: { stateMachineState: {}, currency: {}, orderCustomer: {}, transactions: { associations: { stateMachineState: {} } } },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.total).toBe(9);
    const refunded = answer.json.data.find((o: { orderNumber: string }) => o.orderNumber === '10005');
    expect(refunded).toMatchObject({ amountTotal: 19.99, currency: { isoCode: 'EUR' }, orderCustomer: { email: 'customer5@example.com' }, stateMachineState: { technicalName: 'completed' } });
    expect(refunded.transactions.map((t: { stateMachineState: { technicalName: string } }) => t.stateMachineState.technicalName)).toEqual(['refunded']);
    expect((await apiSearch(origin, 'promotion', orders, {})).status).toBe(403);
    const patch = await call(`${origin}/api/product/${SEED_IDS.pears}`, { method: 'PATCH', headers: { Authorization: `Bearer ${orders}`, Accept: 'application/json', 'Content-Type': 'application/json' }, body: '{"stock":1}' });
    expect(JSON.parse(patch.json.errors[0].detail).missingPrivileges).toEqual(['product:update']);
  });

  it('lets the admin integration read promotions with discounts', async () => {
    const answer = await apiSearch(origin, 'promotion', admin, { associations: { discounts: {} } });
    expect(answer.json.data.map((p: { code: string | null }) => p.code)).toEqual(['SUMMER10', 'FIVEOFF', null, null, 'TEE999', 'FREESHIP', 'WINTER20', 'SPRING30', 'BLACKFRIDAY', 'TENCAP', 'SHIPCAP']);
    expect(answer.json.data[1].discounts[0]).toMatchObject({ type: 'absolute', value: 5 });
    expect(answer.json.data[9].discounts[0]).toMatchObject({ type: 'percentage', value: 10, maxValue: 5 });
  });
});

describe('PATCH /api/product/{id}, _info (4.6.10)', () => {
  it('answers 204 with no body, 200 with the product for ?_response, and bumps updatedAt', async () => {
    const headers = { Authorization: `Bearer ${admin}`, Accept: 'application/json', 'Content-Type': 'application/json' };
    const before = store.getProduct(SEED_IDS.cherries);
    const answer = await call(`${origin}/api/product/${SEED_IDS.cherries}`, { method: 'PATCH', headers, body: JSON.stringify({ name: 'Sour cherries', stock: 3, active: true, price: [{ currencyId: DEFAULT_CURRENCY_ID, gross: 5.5, net: 4.62, linked: true }] }) });
    expect(answer.status).toBe(204);
    expect(answer.text).toBe('');
    const after = store.getProduct(SEED_IDS.cherries);
    expect(after).toMatchObject({ name: 'Sour cherries', stock: 3, translated: { name: 'Sour cherries' } });
    // price is a JSON field: the USD entry went with the write
    expect(after?.price?.map((p) => p.currencyId)).toEqual([DEFAULT_CURRENCY_ID]);
    expect(after?.updatedAt).not.toBe(before?.updatedAt);
    const withBody = await call(`${origin}/api/product/${SEED_IDS.cherries}?_response=basic`, { method: 'PATCH', headers, body: '{"stock":4}' });
    expect(withBody.json.data).toMatchObject({ id: SEED_IDS.cherries, stock: 4 });
    const noDefault = await call(`${origin}/api/product/${SEED_IDS.cherries}`, { method: 'PATCH', headers, body: JSON.stringify({ price: [{ currencyId: USD_CURRENCY_ID, gross: 1, net: 1, linked: true }] }) });
    expect(noDefault.status).toBe(400);
  });

  it('writes a variant’s own stock as the Administration’s variant list saves it (PATCH {"stock": n}): an int, below 0 too; refuses a decimal, a string and null at /0/stock, and a role without product:update with 403', async () => {
    // a shop of its own: the other tests read the seed's variants as they are
    const store = await startShopwareStore({ port: 0 });
    onTestFinished(() => store.close());
    const origin = store.origin;
    const [admin, browse] = await Promise.all([integrationToken(origin, ADMIN), integrationToken(origin, BROWSE)]);
    const headers = (token: string) => ({ Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' });
    const patch = (body: string, token = admin) => call(`${origin}/api/product/${SEED_IDS.potatoesLarge}`, { method: 'PATCH', headers: headers(token), body });
    const before = store.getProduct(SEED_IDS.potatoesLarge);
    expect(before).toMatchObject({ parentId: SEED_IDS.potatoes, stock: 0 });
    const updatedBefore = before?.updatedAt;

    expect((await patch('{"stock":7}')).status).toBe(204);
    expect(store.getProduct(SEED_IDS.potatoesLarge)).toMatchObject({ stock: 7, availableStock: 7 });
    expect(store.getProduct(SEED_IDS.potatoesLarge)?.updatedAt).not.toBe(updatedBefore);
    // the parent's own stock is its own: untouched
    expect(store.getProduct(SEED_IDS.potatoes)?.stock).toBe(0);
    const read = await apiSearch(origin, 'product', admin, { ids: [SEED_IDS.potatoesLarge], includes: { product: ['id', 'stock', 'available'] } });
    expect(read.json.data[0]).toMatchObject({ stock: 7, available: true });
    // IntField('stock') has no minimum: an oversold count is kept
    expect((await patch('{"stock":-2}')).status).toBe(204);
    expect(store.getProduct(SEED_IDS.potatoesLarge)?.stock).toBe(-2);

    for (const body of ['{"stock":2.5}', '{"stock":"5"}', '{"stock":null}']) {
      const refused = await patch(body);
      expect(refused.status, body).toBe(400);
      expect(refused.json.errors[0].source.pointer, body).toBe('/0/stock');
    }
    expect(store.getProduct(SEED_IDS.potatoesLarge)?.stock).toBe(-2);

    const denied = await patch('{"stock":9}', browse);
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.json.errors[0].detail).missingPrivileges).toEqual(['product:update']);
    expect(store.getProduct(SEED_IDS.potatoesLarge)?.stock).toBe(-2);
  });

  it('a shop’s own price cap (maxGross) refuses a write above it with the DAL’s violation and its pointer, changing nothing', async () => {
    const capped = await startShopwareStore({ port: 0, maxGross: 100_000 });
    try {
      const token = await integrationToken(capped.origin, ADMIN);
      const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' };
      const before = capped.getProduct(SEED_IDS.cherries);
      const price = [{ currencyId: DEFAULT_CURRENCY_ID, gross: 2_000_000, net: 1_680_672.27, linked: true }];
      const refused = await call(`${capped.origin}/api/product/${SEED_IDS.cherries}`, { method: 'PATCH', headers, body: JSON.stringify({ name: 'Gold cherries', price }) });
      expect(refused.status).toBe(400);
      expect(refused.json).toEqual({
        errors: [
          {
            code: '30fbb013-d015-4232-8b3b-8f3be97a7e14',
            status: '400',
            detail: 'This value should be less than or equal to 100000.',
            template: 'This value should be less than or equal to {{ compared_value }}.',
            meta: { parameters: { '{{ value }}': '2000000', '{{ compared_value }}': '100000', '{{ compared_value_type }}': 'int' } },
            source: { pointer: '/0/price/0/gross' },
          },
        ],
      });
      expect(capped.getProduct(SEED_IDS.cherries)).toEqual(before);
      const under = await call(`${capped.origin}/api/product/${SEED_IDS.cherries}`, { method: 'PATCH', headers, body: JSON.stringify({ price: [{ ...price[0], gross: 100_000, net: 84_033.61 }] }) });
      expect(under.status).toBe(204);
    } finally {
      await capped.close();
    }
  });

  it('answers _info/me for a password token and 403 FRAMEWORK__EXPECTED_USER for an integration', async () => {
    const user = (await passwordGrant(origin, 'viewer', 'viewer-demo-1')).json.access_token;
    const me = await call(`${origin}/api/_info/me`, { headers: { Authorization: `Bearer ${user}`, Accept: 'application/json' } });
    expect(me.json.data).toMatchObject({ username: 'viewer', admin: false, aclRoles: [{ privileges: expect.arrayContaining(['product:read']) }] });
    const integration = await call(`${origin}/api/_info/me`, { headers: { Authorization: `Bearer ${admin}`, Accept: 'application/json' } });
    expect(integration.status).toBe(403);
    expect(integration.json.errors[0].code).toBe('FRAMEWORK__EXPECTED_USER');
  });
});

describe('data quirks (4.6.8)', () => {
  it('has a product with name null and only translated.name, a lower listPrice, EUR-only prices and a variant', async () => {
    const rows = (await apiSearch(origin, 'product', browse, { ids: [SEED_IDS.bananas, SEED_IDS.pears, SEED_IDS.applesVariant] })).json.data;
    const byId = new Map(rows.map((r: { id: string }) => [r.id, r]));
    expect(byId.get(SEED_IDS.bananas)).toMatchObject({ name: null, description: null, translated: { name: 'Bananas' }, available: false });
    expect(byId.get(SEED_IDS.pears)).toMatchObject({ price: [{ currencyId: DEFAULT_CURRENCY_ID, gross: 3.5, listPrice: { gross: 2.5 } }] });
    expect(byId.get(SEED_IDS.applesVariant)).toMatchObject({ parentId: SEED_IDS.apples, price: null, active: null });
  });

  it('has a parent sold in variants: its own stock 0 (not available), childCount and its variants under children', async () => {
    const [potatoes] = (await apiSearch(origin, 'product', browse, { ids: [SEED_IDS.potatoes], associations: { children: {} } })).json.data;
    expect(potatoes).toMatchObject({ parentId: null, stock: 0, available: false, childCount: 3 });
    const variants = new Map(potatoes.children.map((c: { id: string }) => [c.id, c]));
    expect(variants.get(SEED_IDS.potatoesSmall)).toMatchObject({ parentId: SEED_IDS.potatoes, stock: 18, available: true, active: null });
    expect(variants.get(SEED_IDS.potatoesLarge)).toMatchObject({ stock: 0, available: false });
    expect(variants.get(SEED_IDS.potatoesOff)).toMatchObject({ stock: 50, available: true, active: false });
    const [bananas] = (await apiSearch(origin, 'product', browse, { ids: [SEED_IDS.bananas] })).json.data;
    expect(bananas.childCount).toBe(0);
  });

  it('lists a parent\'s variants by the parentId filter with their options and each option\'s group (null unasked), to a browse-only role', async () => {
    const criteria = { filter: [{ type: 'equals', field: 'parentId', value: SEED_IDS.potatoes }], associations: { options: { associations: { group: {} } } } };
    const answer = await apiSearch(origin, 'product', browse, criteria);
    expect(answer.status).toBe(200);
    const variants = new Map(answer.json.data.map((v: { id: string }) => [v.id, v]));
    expect([...variants.keys()].sort()).toEqual([SEED_IDS.potatoesSmall, SEED_IDS.potatoesLarge, SEED_IDS.potatoesOff].sort());
    const small = variants.get(SEED_IDS.potatoesSmall) as { options: { name: string; groupId: string; position: number; group: { name: string; position: number; apiAlias: string }; apiAlias: string }[] };
    expect(small.options.map((o) => [o.group.name, o.name])).toEqual(expect.arrayContaining([['Weight', '2.5 kg'], ['Variety', 'Charlotte']]));
    expect(small.options[0]).toMatchObject({ apiAlias: 'property_group_option', translated: { name: expect.any(String) }, group: { apiAlias: 'property_group', position: expect.any(Number) } });
    const [plain] = (await apiSearch(origin, 'product', browse, { ids: [SEED_IDS.potatoesSmall] })).json.data;
    expect(plain.options).toBeNull();
    const [parent] = (await apiSearch(origin, 'product', browse, { ids: [SEED_IDS.potatoes], associations: { options: {} } })).json.data;
    expect(parent.options).toEqual([]);
  });

  it('refuses a variant search with options.group to a role without the property rights, naming them in AclCriteriaValidator\'s order; without the association it answers', async () => {
    const noProperties = await integrationToken(origin, NO_PROPERTIES);
    const filter = [{ type: 'equals', field: 'parentId', value: SEED_IDS.potatoes }];
    const refused = await apiSearch(origin, 'product', noProperties, { filter, associations: { options: { associations: { group: {} } } } });
    expect(refused.status).toBe(403);
    expect(refused.json.errors[0]).toMatchObject({ status: '403', code: 'FRAMEWORK__MISSING_PRIVILEGE_ERROR', title: 'Forbidden' });
    expect(JSON.parse(refused.json.errors[0].detail)).toEqual({ message: 'Missing privilege', missingPrivileges: ['property_group_option:read', 'property_group:read'] });
    // the options alone need only property_group_option:read
    const options = await apiSearch(origin, 'product', noProperties, { filter, associations: { options: {} } });
    expect(JSON.parse(options.json.errors[0].detail).missingPrivileges).toEqual(['property_group_option:read']);
    const plain = await apiSearch(origin, 'product', noProperties, { filter });
    expect(plain.status).toBe(200);
    expect(plain.json.data).toHaveLength(3);
  });

  it('serves media from another origin, and has one javascript: media URL', async () => {
    const rows = (await apiSearch(origin, 'product', browse, { associations: { media: {} } })).json.data;
    const urls: string[] = rows.flatMap((r: { media: { media: { url: string } }[] }) => r.media.map((m) => m.media.url));
    expect(urls.filter((u) => u.startsWith('javascript:'))).toHaveLength(1);
    const http = urls.filter((u) => u.startsWith('http'));
    expect(http.every((u) => new URL(u).origin === store.mediaOrigin && store.mediaOrigin !== origin)).toBe(true);
    const image = await fetch(http[0] ?? '');
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
  });
});

describe('CORS (4.6.9)', () => {
  it('puts the same headers on every response, errors included, and answers OPTIONS on any path with 200', async () => {
    for (const answer of [await apiSearch(origin, 'product', browse, { limit: 1 }), await apiSearch(origin, 'order', browse, {}), await call(`${origin}/api/nothing`), await call(`${origin}/api/oauth/token`, { method: 'POST' })]) {
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
      expect(answer.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,PATCH,DELETE');
      expect(answer.headers.get('access-control-allow-headers')).toContain('sw-access-key');
      expect(answer.headers.get('access-control-allow-headers')).not.toContain('sw-currency-id');
      expect(answer.headers.get('access-control-expose-headers')).toContain('sw-inheritance');
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
      expect(answer.headers.get('access-control-max-age')).toBeNull();
    }
    const preflight = await call(`${origin}/any/path/at/all`, { method: 'OPTIONS', headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(200);
    expect(preflight.text).toBe('');
  });

  it('sends no CORS headers when turned off', async () => {
    store.setCors(false);
    try {
      const answer = await apiSearch(origin, 'product', browse, { limit: 1 });
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect((await call(`${origin}/api/search/product`, { method: 'OPTIONS' })).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      store.setCors(true);
    }
  });
});
