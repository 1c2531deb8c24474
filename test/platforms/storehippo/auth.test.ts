/** platforms.md 2.6.1, 2.6.2, 2.6.8, 2.6.9, 2.6.10 and the section 6 hooks: who may call what, CORS, 429, recording. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hippo } from './client.ts';
import { DEMO_KEYS } from './seed.ts';
import { startStoreHippoStore, type StoreHippoStore } from './server.ts';

const APP = 'http://127.0.0.1:5173';
let store: StoreHippoStore;

beforeAll(async () => {
  store = await startStoreHippoStore({ port: 0 });
});
afterAll(() => store.close());
beforeEach(() => {
  store.setCors('on');
  store.setRateLimit(null);
  store.enableKey(DEMO_KEYS.manager);
});

const UNAUTHORIZED = { messages: [{ key: 'ms.msg.unauthorized', message: 'Unauthorized' }] };
const FORBIDDEN = { messages: [{ key: 'ms.msg.forbidden', message: 'Forbidden' }] };

describe('2.6.1 credentials', () => {
  it.each([
    ['no credential', {}],
    ['an unknown key', { key: 'ffffffffffffffffffffffffffffffff' }],
    ['a disabled key', { key: DEMO_KEYS.disabled }],
    ['an unknown bearer', { bearer: 'nope0000000000000000' }],
    ['an access key sent as a bearer', { bearer: DEMO_KEYS.manager }],
  ])('%s -> 401 with the messages body', async (_label, credential) => {
    const result = await hippo(store.origin, 'ms.products?limit=1', credential);
    expect(result.status).toBe(401);
    expect(result.json).toEqual(UNAUTHORIZED);
  });

  it('accepts the access-key header in any letter case, and a bearer token', async () => {
    expect((await hippo(store.origin, 'ms.products?limit=1', { headers: { 'Access-Key': DEMO_KEYS.readOnly } })).status).toBe(200);
    expect((await hippo(store.origin, 'ms.orders?limit=1', { bearer: DEMO_KEYS.managerBearer })).status).toBe(200);
  });

  it('the bearer wins over access-key when both are sent', async () => {
    const bad = await hippo(store.origin, 'ms.products?limit=1', { key: DEMO_KEYS.manager, bearer: 'unknowntoken00000000' });
    expect(bad.status).toBe(401);
    const readOnlyKeyManagerBearer = await hippo(store.origin, 'ms.orders?limit=1', { key: DEMO_KEYS.readOnly, bearer: DEMO_KEYS.managerBearer });
    expect(readOnlyKeyManagerBearer.status).toBe(200);
  });

  it('the read-only role reads products only: 403 on orders, coupons and PUT', async () => {
    const key = DEMO_KEYS.readOnly;
    expect((await hippo(store.origin, 'ms.products?limit=1', { key })).status).toBe(200);
    for (const entity of ['ms.orders?limit=1', 'ms.coupon_codes?limit=1']) {
      const result = await hippo(store.origin, entity, { key });
      expect(result.status).toBe(403);
      expect(result.json).toEqual(FORBIDDEN);
    }
    const id = (await hippo(store.origin, 'ms.products?limit=1', { key })).json.data[0]._id as string;
    const put = await hippo(store.origin, `ms.products/${id}`, { key, method: 'PUT', body: { data: { name: 'Nope' } } });
    expect(put.status).toBe(403);
    expect(store.getProduct(id)?.name).not.toBe('Nope');
  });

  it('the manager role reads orders and coupon codes', async () => {
    const orders = await hippo(store.origin, 'ms.orders?limit=2&sort=-created_on&total=1', { key: DEMO_KEYS.manager });
    expect(orders.status).toBe(200);
    expect(orders.json.data).toHaveLength(2);
    expect(orders.json.data[0].order_id).toMatch(/^OID\d+$/);
    expect(Date.parse(orders.json.data[0].created_on)).toBeGreaterThan(Date.parse(orders.json.data[1].created_on));
    const coupons = await hippo(store.origin, 'ms.coupon_codes?limit=10', { key: DEMO_KEYS.manager });
    expect(new Set(coupons.json.data.map((c: { type: string }) => c.type))).toEqual(new Set(['percentage', 'flat']));
  });

  it('disabling a key (revocation) turns it into 401 until it is enabled again', async () => {
    store.disableKey(DEMO_KEYS.manager);
    expect((await hippo(store.origin, 'ms.products?limit=1', { key: DEMO_KEYS.manager })).status).toBe(401);
    store.enableKey(DEMO_KEYS.manager);
    expect((await hippo(store.origin, 'ms.products?limit=1', { key: DEMO_KEYS.manager })).status).toBe(200);
  });
});

describe('2.6.2 both API versions', () => {
  it.each(['1', '1.1'] as const)('/api/%s/entity answers the same data', async (version) => {
    const result = await hippo(store.origin, 'ms.products?limit=3&sort=name', { key: DEMO_KEYS.readOnly, version });
    expect(result.status).toBe(200);
    expect(result.json.data.map((p: { name: string }) => p.name)).toEqual(
      (await hippo(store.origin, 'ms.products?limit=3&sort=name', { key: DEMO_KEYS.readOnly })).json.data.map((p: { name: string }) => p.name),
    );
  });

  it('an unknown entity is 404; an unknown version is 404', async () => {
    expect((await hippo(store.origin, 'ms.nothing', { key: DEMO_KEYS.manager })).status).toBe(404);
    const other = await fetch(`${store.origin}/api/2/entity/ms.products`, { headers: { 'access-key': DEMO_KEYS.manager } });
    expect(other.status).toBe(404);
  });
});

describe('2.6.8 CORS', () => {
  const preflight = (): Promise<Response> =>
    fetch(`${store.origin}/api/1.1/entity/ms.products`, {
      method: 'OPTIONS',
      headers: { Origin: APP, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'access-key' },
    });

  it('answers the preflight for the app origin allowing access-key, authorization, content-type', async () => {
    const response = await preflight();
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-headers')).toBe('access-key, authorization, content-type');
    expect(response.headers.get('access-control-allow-methods')).toContain('PUT');
    const actual = await hippo(store.origin, 'ms.products?limit=1', { key: DEMO_KEYS.readOnly, headers: { Origin: APP } });
    expect(actual.headers.get('access-control-allow-origin')).toBe(APP);
    expect(actual.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('gives another origin no CORS headers', async () => {
    const response = await fetch(`${store.origin}/api/1.1/entity/ms.products`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('mode no-access-key leaves access-key out of the allowed headers', async () => {
    store.setCors('no-access-key');
    const response = await preflight();
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
  });

  it('mode off sends no CORS header at all', async () => {
    store.setCors('off');
    expect((await preflight()).headers.get('access-control-allow-origin')).toBeNull();
    const actual = await hippo(store.origin, 'ms.products?limit=1', { key: DEMO_KEYS.readOnly, headers: { Origin: APP } });
    expect(actual.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('2.6.9 rate limit', () => {
  it('past N requests per second answers 429 with Retry-After: 1, and lets requests through again after', async () => {
    store.setRateLimit(3);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const result = await hippo(store.origin, 'ms.products?limit=1', { key: DEMO_KEYS.readOnly });
      statuses.push(result.status);
      if (result.status === 429) retryAfter = result.headers.get('retry-after');
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(retryAfter).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect((await hippo(store.origin, 'ms.products?limit=1', { key: DEMO_KEYS.readOnly })).status).toBe(200);
  });
});

describe('2.6.10 request recording', () => {
  it('records method, path, query and headers of every API request', async () => {
    store.clearRequests();
    await hippo(store.origin, 'ms.products?limit=1&total=1', { key: DEMO_KEYS.readOnly });
    const [recorded] = store.requests();
    expect(recorded).toMatchObject({ listener: 'api', method: 'GET', path: '/api/1.1/entity/ms.products', search: '?limit=1&total=1' });
    expect(recorded?.headers['access-key']).toBe(DEMO_KEYS.readOnly);
  });

  it('records the CDN listener\'s requests too, so a test can see no key went to the images origin', async () => {
    store.clearRequests();
    const product = (await hippo(store.origin, 'ms.products?limit=1', { key: DEMO_KEYS.readOnly })).json.data[0];
    await (await fetch(store.imageBase + String(product.images[0].image))).text();
    const cdn = store.requests().filter((r) => r.listener === 'cdn');
    expect(cdn).toHaveLength(1);
    expect(cdn[0]?.path).toBe(`/s/${store.storeObjectId}/${String(product.images[0].image)}`);
    expect(cdn[0]?.headers['access-key']).toBeUndefined();
    expect(store.stats().cdnRequests).toBeGreaterThan(0);
  });
});

describe('/__test/ hooks over HTTP on a separate port', () => {
  const hook = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<Response> =>
    fetch(store.testOrigin + path, { method, body: body === undefined ? undefined : JSON.stringify(body) });

  it('is not on the API port', async () => {
    expect(store.testOrigin).not.toBe(store.origin);
    expect((await fetch(`${store.origin}/__test/stats`)).status).toBe(404);
  });

  it('disables and enables a key, toggles CORS, reads requests and stats', async () => {
    expect((await hook('/__test/keys/disable', { key: DEMO_KEYS.manager })).status).toBe(200);
    expect((await hippo(store.origin, 'ms.products?limit=1', { key: DEMO_KEYS.manager })).status).toBe(401);
    await hook('/__test/keys/enable', { key: DEMO_KEYS.manager });
    expect((await hippo(store.origin, 'ms.products?limit=1', { key: DEMO_KEYS.manager })).status).toBe(200);
    await hook('/__test/cors', { mode: 'off' });
    const result = await hippo(store.origin, 'ms.products?limit=1', { key: DEMO_KEYS.manager, headers: { Origin: APP } });
    expect(result.headers.get('access-control-allow-origin')).toBeNull();
    const requests = (await (await hook('/__test/requests')).json()) as { path: string }[];
    expect(requests.at(-1)?.path).toBe('/api/1.1/entity/ms.products');
    const stats = (await (await hook('/__test/stats')).json()) as { apiRequests: number };
    expect(stats.apiRequests).toBe(store.stats().apiRequests);
    expect((await hook('/__test/cors', { mode: 'sideways' })).status).toBe(400);
  });

  it('adds a key with a role and sets the rate limit', async () => {
    const key = 'added0000000000000000000000readonly'.slice(0, 32);
    expect((await hook('/__test/keys', { key, role: 'read-only' })).status).toBe(200);
    expect((await hippo(store.origin, 'ms.products?limit=1', { key })).status).toBe(200);
    expect((await hippo(store.origin, 'ms.orders?limit=1', { key })).status).toBe(403);
    await hook('/__test/rate-limit', { perSecond: 1 });
    await hippo(store.origin, 'ms.products?limit=1', { key });
    expect((await hippo(store.origin, 'ms.products?limit=1', { key })).status).toBe(429);
  });
});

describe('demo keys page', () => {
  it('lists the read-only and the manager key with their roles', async () => {
    const response = await fetch(`${store.origin}/admin/settings/access-keys`);
    const html = await response.text();
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(html).toContain(DEMO_KEYS.readOnly);
    expect(html).toContain(DEMO_KEYS.manager);
    expect(html).toContain('read-only');
    expect(html).toContain('Store manager');
    expect(html).not.toContain(DEMO_KEYS.managerBearer);
  });

  it('is linked from /admin, where the app’s "Open … admin" link lands', async () => {
    const html = await (await fetch(`${store.origin}/admin`)).text();
    expect(html).toContain('href="/admin/settings/access-keys"');
  });
});
