/** platforms.md 2.6.3-2.6.7 and the PUT of 2.4: filters, paging, sort, quirks, CDN, ids, edit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filtersParam, hippo } from './client.ts';
import { DEMO_KEYS, type WireRecord } from './seed.ts';
import { startStoreHippoStore, type StoreHippoStore } from './server.ts';

let store: StoreHippoStore;
let all: WireRecord[];
const key = DEMO_KEYS.readOnly;
const manager = DEMO_KEYS.manager;

async function list(query: string, credential = key): Promise<{ status: number; data: WireRecord[]; json: any }> {
  const result = await hippo(store.origin, `ms.products?${query}`, { key: credential });
  return { status: result.status, data: result.json?.data ?? [], json: result.json };
}

beforeAll(async () => {
  store = await startStoreHippoStore({ port: 0 });
  all = [];
  for (let start = 0; start < 1000; start += 100) {
    const page = await list(`start=${start}&limit=100`);
    all.push(...page.data);
    if (page.data.length < 100) break;
  }
});
afterAll(() => store.close());

describe('2.6.4 paging', () => {
  it('seeds about 120 products over several categories', () => {
    expect(all.length).toBe(120);
    expect(new Set(all.flatMap((p) => p.categories as string[])).size).toBeGreaterThanOrEqual(5);
  });

  it('start is a 0-based offset; two pages do not overlap and follow each other', async () => {
    const first = await list('start=0&limit=20&sort=name');
    const second = await list('start=20&limit=20&sort=name');
    const both = await list('start=0&limit=40&sort=name');
    expect([...first.data, ...second.data].map((p) => p._id)).toEqual(both.data.map((p) => p._id));
  });

  it('caps limit at 100', async () => {
    expect((await list('limit=500')).data).toHaveLength(100);
  });

  it('sends paging.total only when total=1', async () => {
    expect((await list('limit=5')).json.paging).toBeUndefined();
    expect((await list('limit=5&total=1')).json.paging).toEqual({ total: 120 });
  });

  it('start past the end answers {"data":[]}', async () => {
    expect((await list('start=5000&limit=10')).json).toEqual({ data: [] });
  });

  it('a non-numeric start or limit is 400', async () => {
    expect((await list('start=abc')).status).toBe(400);
    expect((await list('limit=-1')).status).toBe(400);
  });
});

describe('2.6.3 filters', () => {
  const inSummer = [{ field: 'categories', operator: 'in', value: ['summer'] }];

  it('accepts filters as one JSON string and as bracket notation, with the same result', async () => {
    const json = await list(`${filtersParam(inSummer)}&total=1&limit=100`);
    const brackets = await list(
      `filters[0][field]=categories&filters[0][operator]=in&filters[0][value][0]=summer&total=1&limit=100`.replace(/\[/g, '%5B').replace(/\]/g, '%5D'),
    );
    expect(json.json.paging.total).toBeGreaterThan(0);
    expect(json.json.paging.total).toBeLessThan(120);
    expect(json.data.every((p) => (p.categories as string[]).includes('summer'))).toBe(true);
    expect(brackets.data.map((p) => p._id)).toEqual(json.data.map((p) => p._id));
  });

  it('equal / eq on publish keeps only published products (the storefront view)', async () => {
    for (const operator of ['equal', 'eq']) {
      const result = await list(`${filtersParam([{ field: 'publish', operator, value: '1' }])}&total=1&limit=100`);
      const published = all.filter((p) => p.publish === '1');
      expect(result.json.paging.total).toBe(published.length);
      expect(published.length).toBeLessThan(all.length);
      expect(result.data.every((p) => p.publish === '1')).toBe(true);
    }
  });

  it('less_than, greater_than and gte compare numbers, also a price sent as a numeric string', async () => {
    const cheap = await list(`${filtersParam([{ field: 'price', operator: 'less_than', value: 500 }])}&limit=100`);
    expect(cheap.data.length).toBeGreaterThan(0);
    expect(cheap.data.every((p) => Number(p.price) < 500)).toBe(true);
    const stringPriced = all.find((p) => typeof p.price === 'string');
    expect(stringPriced).toBeDefined();
    const exact = Number(stringPriced?.price);
    const gte = await list(`${filtersParam([{ field: 'price', operator: 'gte', value: exact }])}&limit=100`);
    const gt = await list(`${filtersParam([{ field: 'price', operator: 'greater_than', value: exact }])}&limit=100`);
    expect(gte.data.map((p) => p._id)).toContain(stringPriced?._id);
    expect(gt.data.map((p) => p._id)).not.toContain(stringPriced?._id);
  });

  it('regex matches case-insensitively; filters combine with AND', async () => {
    const result = await list(`${filtersParam([{ field: 'name', operator: 'regex', value: 'INDIGO' }, ...inSummer])}&limit=100`);
    expect(result.data.length).toBeGreaterThan(0);
    expect(result.data.every((p) => /indigo/i.test(String(p.name)) && (p.categories as string[]).includes('summer'))).toBe(true);
  });

  it.each([
    ['malformed JSON', 'filters=%5B%7B'],
    ['a regex that does not compile', filtersParam([{ field: 'name', operator: 'regex', value: '(' }])],
    ['an unknown operator', filtersParam([{ field: 'name', operator: 'like', value: 'x' }])],
    ['a filter without field', filtersParam([{ operator: 'eq', value: 'x' }])],
  ])('%s -> 400 with a messages body', async (_label, query) => {
    const result = await list(query);
    expect(result.status).toBe(400);
    expect(result.json.messages[0].key).toBe('ms.msg.bad_request');
  });

  it('fields projects the answer to the asked fields plus _id', async () => {
    const result = await list(`fields=${encodeURIComponent('{"name":1,"price":1}')}&limit=2`);
    expect(Object.keys(result.data[0] ?? {}).sort()).toEqual(['_id', 'name', 'price']);
  });
});

describe('2.6.5 sort', () => {
  it('sorts by field ascending and -field descending, numeric string prices as numbers', async () => {
    const up = (await list('sort=price&limit=100&start=0')).data.map((p) => Number(p.price));
    expect(up).toEqual([...up].sort((a, b) => a - b));
    const down = (await list('sort=-created_on&limit=100')).data.map((p) => Date.parse(String(p.created_on)));
    expect(down).toEqual([...down].sort((a, b) => b - a));
  });

  it('a field some products lack sorts them last in both directions', async () => {
    for (const sort of ['available', '-available']) {
      const data = (await list(`sort=${sort}&limit=100&start=0`)).data.concat((await list(`sort=${sort}&limit=100&start=100`)).data);
      const firstMissing = data.findIndex((p) => p.available === undefined);
      expect(firstMissing).toBeGreaterThan(0);
      expect(data.slice(firstMissing).every((p) => p.available === undefined)).toBe(true);
    }
  });
});

describe('2.6.6 data quirks', () => {
  it('price is a number except once a numeric string; available is 1, true and missing', () => {
    expect(all.filter((p) => typeof p.price === 'string')).toHaveLength(1);
    expect(all.some((p) => p.available === 1)).toBe(true);
    expect(all.some((p) => p.available === true)).toBe(true);
    expect(all.some((p) => p.available === undefined)).toBe(true);
    expect(all.some((p) => p.publish === '0')).toBe(true);
  });

  it('images: relative paths served by the separate CDN listener at /s/<storeObjectId>/<path>', async () => {
    const relative = all.flatMap((p) => p.images as WireRecord[]).map((i) => String(i.image)).filter((i) => i.startsWith('ms.products/'));
    expect(relative.length).toBeGreaterThan(100);
    expect(new URL(store.cdnOrigin).port).not.toBe(new URL(store.origin).port);
    const image = await fetch(store.imageBase + relative[0]);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
    expect((await fetch(`${store.origin}/s/${store.storeObjectId}/${relative[0]}`)).status).toBe(404);
    expect((await fetch(`${store.imageBase}ms.products/unknown.svg`)).status).toBe(404);
  });

  it('one absolute, one protocol-relative and one javascript: image; one script in a description', async () => {
    const images = all.flatMap((p) => p.images as WireRecord[]).map((i) => String(i.image));
    const absolute = images.filter((i) => /^https?:\/\//.test(i));
    expect(absolute).toHaveLength(1);
    expect((await fetch(absolute[0] ?? '')).status).toBe(200);
    const protocolRelative = images.filter((i) => i.startsWith('//'));
    expect(protocolRelative).toHaveLength(1);
    expect((await fetch(`http:${protocolRelative[0]}`)).status).toBe(200);
    expect(images.filter((i) => i.startsWith('javascript:'))).toHaveLength(1);
    expect(all.filter((p) => String(p.description).includes('<script>'))).toHaveLength(1);
  });
});

describe('2.6.7 single product', () => {
  it('GET by _id answers {"data":{...}}', async () => {
    const target = all[10];
    const result = await hippo(store.origin, `ms.products/${String(target?._id)}`, { key });
    expect(result.status).toBe(200);
    expect(result.json.data).toEqual(target);
  });

  it('an unknown 24-hex id is 404, a non-hex id is 400', async () => {
    const missing = await hippo(store.origin, `ms.products/${'0'.repeat(24)}`, { key });
    expect(missing.status).toBe(404);
    expect(missing.json.messages[0].key).toBe('ms.msg.not_found');
    expect((await hippo(store.origin, 'ms.products/not-an-id', { key })).status).toBe(400);
  });
});

describe('PUT edit (2.2, 2.4)', () => {
  it('changes the sent fields, keeps the others, and moves updated_on forward', async () => {
    const before = all[20] as WireRecord;
    const id = String(before._id);
    const result = await hippo(store.origin, `ms.products/${id}`, {
      key: manager,
      method: 'PUT',
      body: { data: { name: 'Renamed Tote', price: '1234.5', publish: '0', inventory_quantity: 7 } },
    });
    expect(result.status).toBe(200);
    expect(result.json.data).toMatchObject({ _id: id, name: 'Renamed Tote', price: 1234.5, publish: '0', inventory_quantity: 7, sku: before.sku });
    expect(Date.parse(result.json.data.updated_on)).toBeGreaterThan(Date.parse(String(before.updated_on)));
    expect((await hippo(store.origin, `ms.products/${id}`, { key })).json.data).toEqual(result.json.data);
  });

  it.each([
    ['a non-editable field', { data: { _id: 'x' } }],
    ['updated_on', { data: { updated_on: '2020-01-01T00:00:00Z' } }],
    ['an empty name', { data: { name: ' ' } }],
    ['a negative price', { data: { price: -1 } }],
    ['no data envelope', { name: 'x' }],
  ])('%s -> 400 and nothing changes', async (_label, body) => {
    const id = String(all[21]?._id);
    const before = store.getProduct(id);
    const result = await hippo(store.origin, `ms.products/${id}`, { key: manager, method: 'PUT', body });
    expect(result.status).toBe(400);
    expect(store.getProduct(id)).toEqual(before);
  });

  it('refuseEdits: every PUT refused with {messages, error}, at 400 or at 200 (the SDK tells failure by `error`), nothing changed', async () => {
    const id = String(all[23]?._id);
    const before = store.getProduct(id);
    for (const status of [400, 200] as const) {
      store.refuseEdits({ status, message: 'Name is taken.' });
      const result = await hippo(store.origin, `ms.products/${id}`, { key: manager, method: 'PUT', body: { data: { name: 'Other' } } });
      expect(result.status).toBe(status);
      expect(result.json).toEqual({ messages: [{ key: 'ms.msg.bad_request', message: 'Name is taken.' }], error: 'Name is taken.' });
      expect(store.getProduct(id)).toEqual(before);
    }
    store.refuseEdits(null);
    expect((await hippo(store.origin, `ms.products/${id}`, { key: manager, method: 'PUT', body: { data: { name: 'Other' } } })).status).toBe(200);
  });

  it('an edit elsewhere (touchProduct) changes updated_on, which a client re-reading before its PUT sees', async () => {
    const id = String(all[22]?._id);
    const seen = (await hippo(store.origin, `ms.products/${id}`, { key })).json.data.updated_on as string;
    store.advanceClock(60_000);
    store.touchProduct(id, { name: 'Changed Elsewhere' });
    const fresh = (await hippo(store.origin, `ms.products/${id}`, { key })).json.data;
    expect(fresh.name).toBe('Changed Elsewhere');
    expect(fresh.updated_on).not.toBe(seen);
    // the server's clock moved a minute ahead: updated_on is at least that far in the future
    expect(Date.parse(fresh.updated_on)).toBeGreaterThanOrEqual(Date.now() + 59_000);
  });

  it('PUT on a list or on another entity is 405', async () => {
    expect((await hippo(store.origin, 'ms.products', { key: manager, method: 'PUT', body: { data: {} } })).status).toBe(405);
    const order = (await hippo(store.origin, 'ms.orders?limit=1', { key: manager })).json.data[0]._id as string;
    expect((await hippo(store.origin, `ms.orders/${order}`, { key: manager, method: 'PUT', body: { data: {} } })).status).toBe(405);
  });
});
