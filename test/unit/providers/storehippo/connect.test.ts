/**
 * StoreHippo's connectors, adapter and the seam (StoreConnections, transport) against the faithful server (node fetch):
 * probes per role, paging/search/filter/sort, images from the CDN origin, edit with the conflict
 * check, and each failure's own error with no secret in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport } from '../../../../src/lib/api/transport.ts';
import type { Credential } from '../../../../src/lib/connect/credential.ts';
import type { StoreHippoStoreConfig } from '../../../../src/lib/connect/store-config.ts';
import { ProductConflictError } from '../../../../src/lib/domain/conflict.ts';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import { HttpError } from '../../../../src/lib/oauth/http-errors.ts';
import { catchAppError } from '../../../helpers/catch-error.ts';
import { createStoreHippoAdapter, decodeCursor, KEY_REFUSED } from '../../../../src/lib/providers/storehippo/adapter.ts';
import { signStoreHippo, storeHippoConnector } from '../../../../src/lib/providers/storehippo/connector.ts';
import { StoreConnections } from '../../../../src/lib/state/store-connections.ts';
import { createMemoryStore } from '../../../../src/lib/storage/memory-store.ts';
import { DEMO_KEYS } from '../../../platforms/storehippo/seed.ts';
import { startStoreHippoStore, type StoreHippoStore } from '../../../platforms/storehippo/server.ts';
import { pricesOf } from '../../../helpers/prices.ts';

let server: StoreHippoStore;
let store: StoreHippoStoreConfig;

beforeAll(async () => {
  server = await startStoreHippoStore({ port: 0 });
  store = { id: 'hippo', kind: 'storehippo', name: 'Hippo', apiBase: server.origin, apiVersion: '1.1', auth: ['access-key', 'token'], currency: 'INR', imageBase: server.imageBase };
});
afterAll(() => server.close());

/** The app's door to the seam, as Session uses it: connector, then the adapter's probe, then the vault. */
function connections(fetchImpl: typeof fetch = fetch): StoreConnections {
  return new StoreConnections({ config: { stores: [store] }, fetch: fetchImpl, store: createMemoryStore() });
}

/** Signs with `credential` as Connections would; a 401 ends it (a key cannot be renewed). */
function signer(credential: Credential) {
  return async (headers: Headers): Promise<string> => {
    signStoreHippo(credential, headers);
    return 'signed';
  };
}
const refuse = async (): Promise<void> => {
  throw new AppError('TOKEN_EXPIRED', 'refused');
};

function adapterFor(credential: Pick<Credential, 'mode' | 'secrets'>, options: { publishedOnly?: boolean; sleep?: (ms: number) => Promise<void> } = {}) {
  const full: Credential = { v: 2, storeId: 'hippo', kind: 'storehippo', ...credential };
  const adapter = createStoreHippoAdapter({
    store,
    send: createTransport({ apiBase: store.apiBase, fetch, sign: signer(full), onUnauthorized: refuse, hooks: () => adapter.hooks, sleep: options.sleep ?? (async () => undefined) }),
  }, options);
  return adapter;
}

describe('connecting through the seam (connector, probe, vault)', () => {
  it('a read-only key browses only; the trimmed key is stored with what the probe found', async () => {
    const door = connections();
    const credential = await door.connect('hippo', 'access-key', { accessKey: ` ${DEMO_KEYS.readOnly} ` });
    expect(new Set(credential.capabilities)).toEqual(new Set(['browse', 'viewUnpublished', 'viewInventory']));
    expect((await door.current('hippo'))?.secrets).toEqual({ accessKey: DEMO_KEYS.readOnly });
    const headers = new Headers();
    await door.sign('hippo', headers);
    expect(headers.get('access-key')).toBe(DEMO_KEYS.readOnly);
    await door.forget('hippo');
    expect(await door.current('hippo')).toBeNull();
  });

  it('a key or token pasted in quotes (straight or typographic) is stored and sent bare', async () => {
    const door = connections();
    const credential = await door.connect('hippo', 'access-key', { accessKey: `\u2018${DEMO_KEYS.readOnly}\u2019` });
    expect(credential.secrets).toEqual({ accessKey: DEMO_KEYS.readOnly });
    const token = await door.connect('hippo', 'token', { token: `"${DEMO_KEYS.managerBearer}"` });
    expect(token.secrets).toEqual({ token: DEMO_KEYS.managerBearer });
  });

  it('a manager key and a manager bearer token get orders, coupons and edit; the bearer goes alone', async () => {
    const before = server.requests().length;
    for (const [mode, values] of [['access-key', { accessKey: DEMO_KEYS.manager }], ['token', { token: DEMO_KEYS.managerBearer }]] as const) {
      const credential = await connections().connect('hippo', mode, values);
      expect(credential.capabilities).toEqual(expect.arrayContaining(['browse', 'viewOrders', 'viewCoupons', 'editProducts']));
    }
    const sent = server.requests().slice(before).filter((r) => r.headers.authorization?.includes(DEMO_KEYS.managerBearer));
    expect(sent.map((r) => r.path).sort()).toEqual(['/api/1.1/entity/ms.coupon_codes', '/api/1.1/entity/ms.orders', '/api/1.1/entity/ms.products']);
    expect(sent.every((r) => r.headers['access-key'] === undefined && !r.search.includes(DEMO_KEYS.managerBearer))).toBe(true);
    expect(new URLSearchParams(sent.find((r) => r.path.endsWith('ms.products'))?.search).get('total')).toBe('1');
  });

  it('a wrong or disabled key is CREDENTIALS_REJECTED in StoreHippo’s words, stores nothing, and no key appears in the error', async () => {
    for (const accessKey of [DEMO_KEYS.disabled, 'ffff0000000000000000000000000009', DEMO_KEYS.managerBearer]) {
      const door = connections();
      const error = await catchAppError(() => door.connect('hippo', 'access-key', { accessKey }));
      expect(error.code).toBe('CREDENTIALS_REJECTED');
      expect(error.message).toBe(KEY_REFUSED);
      expect(JSON.stringify([error.message, String(error.cause)])).not.toContain(accessKey);
      expect(await door.current('hippo')).toBeNull();
    }
  });

  it('a 403 on the products probe is a refused key too (the role cannot even browse)', async () => {
    const forbidden = (async () => Response.json({ messages: [{ key: 'ms.msg.forbidden', message: 'Forbidden' }] }, { status: 403 })) as typeof fetch;
    const door = connections(forbidden);
    expect((await catchAppError(() => door.connect('hippo', 'access-key', { accessKey: DEMO_KEYS.readOnly }))).message).toBe(KEY_REFUSED);
    expect(await door.current('hippo')).toBeNull();
  });

  it('a row of Access Keys copied whole (name, user role, status, key) connects with the key alone', async () => {
    const door = connections();
    await door.connect('hippo', 'access-key', { accessKey: `Demo read-only key\tCatalogue viewer (read-only)\tEnabled\t${DEMO_KEYS.readOnly}` });
    expect((await door.current('hippo'))?.secrets).toEqual({ accessKey: DEMO_KEYS.readOnly });
  });

  it('a malformed paste is refused before any request', async () => {
    const before = server.stats().apiRequests;
    expect((await catchAppError(() => connections().connect('hippo', 'access-key', { accessKey: 'short' }))).code).toBe('CREDENTIALS_INVALID');
    expect((await catchAppError(() => connections().connect('hippo', 'access-key', { accessKey: '' }))).code).toBe('CREDENTIALS_INVALID');
    expect((await catchAppError(() => connections().connect('hippo', 'token', { token: 'two words here' }))).code).toBe('CREDENTIALS_INVALID');
    expect(server.stats().apiRequests).toBe(before);
  });

  it('a fetch TypeError (CORS refusing the access-key header) is NETWORK_OR_CORS, not a refused key, and stores nothing', async () => {
    const blocked = (async () => {
      throw new TypeError(`Failed to fetch ${DEMO_KEYS.manager}`);
    }) as typeof fetch;
    const door = connections(blocked);
    const error = await catchAppError(() => door.connect('hippo', 'access-key', { accessKey: DEMO_KEYS.manager }));
    expect(error.code).toBe('NETWORK_OR_CORS');
    expect(JSON.stringify([error.message, String(error.cause)])).not.toContain(DEMO_KEYS.manager);
    expect(await door.current('hippo')).toBeNull();
  });

  it('waits out a 429 while probing, then connects', async () => {
    server.setRateLimit(1);
    try {
      const limited = server.stats().rateLimited;
      const credential = await connections().connect('hippo', 'access-key', { accessKey: DEMO_KEYS.manager });
      expect(credential.capabilities).toContain('viewOrders');
      expect(server.stats().rateLimited).toBeGreaterThan(limited);
    } finally {
      server.setRateLimit(null);
    }
  }, 20_000);

  it('malformed JSON from the products probe is API_INVALID_RESPONSE and stores nothing', async () => {
    const garbled = (async () => new Response('<html>oops', { status: 200 })) as typeof fetch;
    const door = connections(garbled);
    expect((await catchAppError(() => door.connect('hippo', 'access-key', { accessKey: DEMO_KEYS.manager }))).code).toBe('API_INVALID_RESPONSE');
    expect(await door.current('hippo')).toBeNull();
  });

  it('an unknown mode is CONFIG_INVALID', () => {
    expect(() => storeHippoConnector('oauth')).toThrow(AppError);
  });
});

describe('the adapter over the transport', () => {
  const readOnly = { mode: 'access-key', secrets: { accessKey: DEMO_KEYS.readOnly } };
  const manager = { mode: 'access-key', secrets: { accessKey: DEMO_KEYS.manager } };

  it('pages through start/limit with total=1 and a cursor, two pages differ', async () => {
    const adapter = adapterFor(readOnly);
    const first = await adapter.listProducts({ count: 24 });
    expect(first.products).toHaveLength(24);
    expect(first.total).toBe(120);
    expect(first.next).not.toBeNull();
    const second = await adapter.listProducts({ count: 24 }, first.next);
    expect(second.products).toHaveLength(24);
    expect(second.products[0]?.id).not.toBe(first.products[0]?.id);
    const last = server.requests().filter((r) => r.path.endsWith('/ms.products')).at(-1);
    expect(new URLSearchParams(last?.search).get('start')).toBe('24');
    expect(new URLSearchParams(last?.search).get('total')).toBe('1');
    expect(() => decodeCursor('7:24', 24)).toThrow(AppError);
  });

  it('for a reload down the list (atLeast), the pages it needs leave together and come back joined, as paging one by one gives them', async () => {
    let inFlight = 0;
    let most = 0;
    const counting: typeof fetch = async (input, init) => {
      most = Math.max(most, ++inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    const full: Credential = { v: 2, storeId: 'hippo', kind: 'storehippo', ...readOnly };
    const adapter = createStoreHippoAdapter({
      store,
      send: createTransport({ apiBase: store.apiBase, fetch: counting, sign: signer(full), onUnauthorized: refuse, hooks: () => adapter.hooks, sleep: async () => undefined }),
    });
    const oneByOne: string[] = [];
    let cursor: string | null = '24:24';
    for (let i = 0; i < 3 && cursor !== null; i++) {
      const page: Awaited<ReturnType<typeof adapter.listProducts>> = await adapter.listProducts({ count: 24 }, cursor);
      oneByOne.push(...page.products.map((p) => p.id));
      cursor = page.next;
    }
    most = 0;
    const joined = await adapter.listProducts({ count: 24 }, '24:24', { atLeast: 72 });
    // The page at 24 alone, those at 48 and 72 as one of 48 (a page of 48 starts at 48), both at once.
    expect(most).toBe(2);
    expect(joined.products.map((p) => p.id)).toEqual(oneByOne);
    expect(joined.next).toBe('96:24');
    expect(joined.total).toBe(120);
    // Near the end: joined up to the last page (the one after it is past the end), no cursor after.
    const end = await adapter.listProducts({ count: 24 }, '72:24', { atLeast: 72 });
    expect(end.products).toHaveLength(48);
    expect(end.next).toBeNull();
  });

  it('for a reload from the top, the pages go two to a request (limit 48: StoreHippo’s largest page is 50), joined as one by one gives them', async () => {
    const starts: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      if (url.pathname.endsWith('/ms.products')) starts.push(`${url.searchParams.get('start')}:${url.searchParams.get('limit')}`);
      return fetch(input, init);
    };
    const full: Credential = { v: 2, storeId: 'hippo', kind: 'storehippo', ...readOnly };
    const adapter = createStoreHippoAdapter({
      store,
      send: createTransport({ apiBase: store.apiBase, fetch: recording, sign: signer(full), onUnauthorized: refuse, hooks: () => adapter.hooks, sleep: async () => undefined }),
    });
    const oneByOne: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 4; i++) {
      const page: Awaited<ReturnType<typeof adapter.listProducts>> = await adapter.listProducts({ count: 24 }, cursor);
      oneByOne.push(...page.products.map((p) => p.id));
      cursor = page.next;
    }
    starts.length = 0;
    const joined = await adapter.listProducts({ count: 24 }, null, { atLeast: 80 });
    expect(starts.sort()).toEqual(['0:48', '48:48']);
    expect(joined.products.map((p) => p.id)).toEqual(oneByOne);
    // The cursor after them: a page of 24 at 96, as one by one reaches it.
    expect(joined.next).toBe('96:24');
    expect(joined.next).toBe(cursor);
  });

  it('searches by name, filters by category and sorts by price, as JSON filters', async () => {
    const adapter = adapterFor(readOnly);
    const all = await adapter.listProducts({ count: 50 });
    const target = all.products[5];
    const word = target?.name.split(' ')[0] ?? '';
    const found = await adapter.listProducts({ q: word, count: 50 });
    expect(found.products.length).toBeGreaterThan(0);
    expect(found.products.every((p) => p.name.toLowerCase().includes(word.toLowerCase()))).toBe(true);
    const category = target?.categories[0] ?? '';
    const inCategory = await adapter.listProducts({ category, sort: 'price', count: 50 });
    expect(inCategory.products.every((p) => p.categories.includes(category))).toBe(true);
    const prices = pricesOf(inCategory.products);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const filters = new URLSearchParams(server.requests().filter((r) => r.path.endsWith('/ms.products')).at(-1)?.search).get('filters');
    // the shown name goes back as the alias it was made from
    expect(JSON.parse(filters ?? '[]')).toEqual([{ field: 'categories', operator: 'in', value: [category.toLowerCase().replaceAll(' ', '-')] }]);
  });

  it('shows readable category names made from the aliases, and filters on the aliases', async () => {
    const lastFilters = () => JSON.parse(new URLSearchParams(server.requests().filter((r) => r.path.endsWith('/ms.products')).at(-1)?.search).get('filters') ?? '[]');
    // a link to "Home decor" opened before any product named it: the slug it was made from is sent
    const cold = adapterFor(readOnly);
    const decor = await cold.listProducts({ category: 'Home decor', count: 50 });
    expect(lastFilters()).toEqual([{ field: 'categories', operator: 'in', value: ['home-decor', 'Home decor'] }]);
    expect(decor.products.length).toBeGreaterThan(0);
    expect(decor.products.every((p) => p.categories.includes('Home decor'))).toBe(true);
    // once met, exactly the alias
    await cold.listProducts({ category: 'Home decor', count: 50, sort: 'name' });
    expect(lastFilters()).toEqual([{ field: 'categories', operator: 'in', value: ['home-decor'] }]);
    const shown = new Set((await adapterFor(readOnly).listProducts({ count: 50 })).products.flatMap((p) => p.categories));
    expect([...shown].sort()).toEqual(['Bags', 'Home decor', 'Kitchen', 'Shirts', 'Shoes', 'Summer']);
    const one = await adapterFor(readOnly).getProduct(decor.products[0]?.id ?? '');
    expect(one.categories).toContain('Home decor');
  });

  it('the storefront view lists published products only', async () => {
    const storefront = await adapterFor(readOnly, { publishedOnly: true }).listProducts({ count: 50 });
    expect(storefront.total).toBeLessThan(120);
    expect(storefront.products.every((p) => p.published)).toBe(true);
  });

  it('maps images: relative ones on the CDN origin, // and absolute kept, javascript: dropped; string prices', async () => {
    const { products } = await adapterFor(readOnly).listProducts({ count: 10, sort: 'newest' });
    const all = (await adapterFor(readOnly).listProducts({ count: 50 })).products.concat((await adapterFor(readOnly).listProducts({ count: 50 }, '50:50')).products);
    const urls = all.flatMap((p) => p.images.map((i) => i.url));
    expect(urls.some((u) => u.startsWith(server.imageBase))).toBe(true);
    expect(urls.every((u) => /^https?:\/\//.test(u))).toBe(true);
    expect(all.every((p) => typeof p.price === 'number' && p.currency === 'INR')).toBe(true);
    expect(products.length).toBe(10);
    const image = urls.find((u) => u.startsWith(server.imageBase)) ?? '';
    expect((await fetch(image)).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('orders and coupons: 403 for a read-only key with the role words; listed for a manager', async () => {
    const error = await catchAppError(() => adapterFor(readOnly).listOrders!(null));
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).platformWords).toBe('StoreHippo: this key’s role cannot read orders.');
    const orders = await adapterFor(manager).listOrders!(null, { count: 10 });
    expect(orders.orders).toHaveLength(10);
    expect(orders.total).toBe(24);
    const { coupons, notListed } = await adapterFor(manager).listCoupons!();
    // the disabled one is said as left out, with why
    expect(notListed).toEqual([{ name: 'OLDSALE', reason: 'disabled' }]);
    expect(coupons.some((c) => c.percentOff === null && typeof c.amountOff === 'number')).toBe(true);
    expect(coupons.some((c) => typeof c.percentOff === 'number')).toBe(true);
  });

  it('edits with PUT after the re-GET check; a change made elsewhere is a conflict with the current product', async () => {
    const adapter = adapterFor(manager);
    const [product] = (await adapter.listProducts({ count: 1 })).products;
    const id = product?.id ?? '';
    const loaded = await adapter.getProduct(id);
    const saved = await adapter.updateProduct!(id, { name: 'Renamed by the test', price: 123.45 }, loaded.updated ?? '');
    expect(saved.name).toBe('Renamed by the test');
    expect(server.getProduct(id)).toMatchObject({ name: 'Renamed by the test', price: 123.45 });
    server.advanceClock(5000);
    server.touchProduct(id, { name: 'Changed elsewhere' });
    const conflict = await catchAppError(() => adapter.updateProduct!(id, { name: 'Mine' }, saved.updated ?? ''));
    expect(conflict).toBeInstanceOf(ProductConflictError);
    expect((conflict as ProductConflictError).current?.name).toBe('Changed elsewhere');
    expect(server.getProduct(id)?.name).toBe('Changed elsewhere');
  });

  it('a 429 is waited out with Retry-After (told to onRateLimited) and retried', async () => {
    const waits: number[] = [];
    server.setRateLimit(1);
    try {
      const send = createTransport({ apiBase: store.apiBase, fetch, sign: signer({ v: 2, storeId: 'hippo', kind: 'storehippo', ...manager }), onUnauthorized: refuse, onRateLimited: (info) => waits.push(info.retryInSeconds) });
      const adapter = createStoreHippoAdapter({ store, send });
      const pages = await Promise.all([adapter.listProducts({ count: 5 }), adapter.listProducts({ count: 5 })]);
      expect(pages.every((p) => p.products.length === 5)).toBe(true);
      expect(waits).toContain(1);
    } finally {
      server.setRateLimit(null);
    }
  }, 20_000);

  it('refuses an absolute URL on another origin before sending', async () => {
    let signed = 0;
    const send = createTransport({ apiBase: store.apiBase, fetch, sign: async () => String(++signed), onUnauthorized: refuse });
    await expect(send({ method: 'GET', url: `${server.cdnOrigin}/x` }, 'probe')).rejects.toBeInstanceOf(AppError);
    expect(signed).toBe(0);
  });

  it('probe() gives the same capabilities as connecting', async () => {
    expect(new Set(await adapterFor(readOnly).probe!())).toEqual(new Set(['browse', 'viewUnpublished', 'viewInventory']));
  });
});
