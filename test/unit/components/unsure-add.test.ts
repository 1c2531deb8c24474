/**
 * The decision behind an Add sent again after one whose answer never came (unsure-add.ts): which
 * failures leave it unknown whether the store kept the product, which of the store's products is
 * that Add's, and that the store is asked before anything is sent again.
 */
import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_MS, findAdded, isAdded, noteUnsure, outcomeUnknown, readUnsure, type UnsureAdd } from '../../../src/lib/components/unsure-add.ts';
import type { NewProduct, Product, ProductQuery } from '../../../src/lib/domain/catalog.ts';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { HttpError } from '../../../src/lib/oauth/http-errors.ts';
import { SaveRefusedError } from '../../../src/lib/domain/refusal.ts';
import { ProductConflictError } from '../../../src/lib/domain/conflict.ts';

const SENT_AT = Date.parse('2026-12-06T10:00:00Z');
const mug: NewProduct = { name: 'Hand-thrown mug', price: 24.5, published: false, inventory: 12 };

function stored(overrides: Partial<Product> = {}): Product {
  return {
    id: 'p-1', name: 'Hand-thrown mug', descriptionHtml: '', descriptionShort: '', price: 24.5, currency: 'USD', compareAtPrice: null,
    images: [], categories: [], tags: [], inStock: true, published: false, inventory: 12, created: '2026-12-06T10:00:01Z', ...overrides,
  };
}

describe('outcomeUnknown: whether the store may have kept an Add that failed', () => {
  it('no answer, the store’s or a gateway’s 5xx, or a 2xx that could not be read: unknown', () => {
    expect(outcomeUnknown(new AppError('API_NETWORK_ERROR', 'POST /api/v1/products: the store API could not be reached'))).toBe(true);
    expect(outcomeUnknown(new AppError('NETWORK_OR_CORS', 'no answer'))).toBe(true);
    // The store was reached and did not answer within the time limit (api/time-limit.ts): it may have added it.
    expect(outcomeUnknown(new AppError('API_TIMEOUT', 'the store did not answer within 20 s'))).toBe(true);
    for (const status of [500, 502, 503, 504]) expect(outcomeUnknown(new HttpError('API_SERVER_ERROR', status)), String(status)).toBe(true);
    expect(outcomeUnknown(new HttpError('API_INVALID_RESPONSE', 201))).toBe(true);
  });

  it('a clear refusal (4xx, the rate limit given up on, access ended) or a failure before sending: known, not kept', () => {
    for (const [code, status] of [['API_BAD_REQUEST', 400], ['API_INSUFFICIENT_SCOPE', 403], ['API_NOT_FOUND', 404], ['API_RATE_LIMITED', 429], ['API_UNAUTHORIZED', 401]] as const) {
      expect(outcomeUnknown(new HttpError(code, status)), String(status)).toBe(false);
    }
    expect(outcomeUnknown(new SaveRefusedError(422, { fields: { price: 'Too dear.' }, summary: '' }, 'createProduct: HTTP 422'))).toBe(false);
    expect(outcomeUnknown(new ProductConflictError(undefined, 'HTTP 409'))).toBe(false);
    expect(outcomeUnknown(new AppError('TOKEN_EXPIRED', 'ended'))).toBe(false);
    expect(outcomeUnknown(new TypeError('import failed'))).toBe(false);
  });
});

describe('noteUnsure', () => {
  it('keeps when the first unsure Add was sent, and each different product sent since, once', () => {
    const first = noteUnsure(null, mug, SENT_AT);
    const again = noteUnsure(first, { ...mug }, SENT_AT + 5000);
    const edited = noteUnsure(again, { ...mug, price: 25 }, SENT_AT + 9000);
    expect(again).toEqual({ sent: [mug], since: SENT_AT });
    expect(edited).toEqual({ sent: [mug, { ...mug, price: 25 }], since: SENT_AT });
  });

  it('remembers a bounded number of them', () => {
    let unsure: UnsureAdd | null = null;
    for (let price = 1; price <= 20; price++) unsure = noteUnsure(unsure, { ...mug, price }, SENT_AT + price);
    expect(unsure!.sent.map((sent) => sent.price)).toEqual([16, 17, 18, 19, 20]);
    expect(unsure!.since).toBe(SENT_AT + 1);
  });
});

describe('isAdded: the store’s product is the Add sent', () => {
  it('the same name, price, published state and stock, created since (the clocks allowed to differ)', () => {
    expect(isAdded(stored(), mug, SENT_AT)).toBe(true);
    expect(isAdded(stored({ created: new Date(SENT_AT - CLOCK_SKEW_MS).toISOString() }), mug, SENT_AT)).toBe(true);
    // the store keeps a description as it likes: not compared
    expect(isAdded(stored({ descriptionHtml: '<p>cleaned</p>' }), { ...mug, descriptionHtml: '<p onclick="x">cleaned</p>' }, SENT_AT)).toBe(true);
  });

  it('not one that differs in what was sent, nor one from before', () => {
    expect(isAdded(stored({ name: 'Hand-thrown mug (large)' }), mug, SENT_AT)).toBe(false);
    expect(isAdded(stored({ name: 'hand-thrown mug' }), mug, SENT_AT)).toBe(false);
    expect(isAdded(stored({ price: 24.49 }), mug, SENT_AT)).toBe(false);
    expect(isAdded(stored({ published: true }), mug, SENT_AT)).toBe(false);
    expect(isAdded(stored({ inventory: 11 }), mug, SENT_AT)).toBe(false);
    expect(isAdded(stored({ created: new Date(SENT_AT - CLOCK_SKEW_MS - 1000).toISOString() }), mug, SENT_AT)).toBe(false);
  });

  it('any stock where none was sent (the store sets its own)', () => {
    const { inventory: _, ...noStock } = mug;
    expect(isAdded(stored({ inventory: 0 }), noStock, SENT_AT)).toBe(true);
  });
});

describe('findAdded: asks the store before anything is sent again', () => {
  function store(products: Product[] | Error) {
    const asked: ProductQuery[] = [];
    return {
      asked,
      async listProducts(query: ProductQuery) {
        asked.push(query);
        if (products instanceof Error) throw products;
        return { products: products.filter((product) => product.name.toLowerCase().includes(query.q!.toLowerCase())) };
      },
    };
  }

  it('finds the product kept, among the newest of that name', async () => {
    const api = store([stored({ id: 'older', created: '2026-11-01T00:00:00Z' }), stored({ id: 'kept' })]);
    expect((await findAdded(api, noteUnsure(null, mug, SENT_AT)))?.id).toBe('kept');
    expect(api.asked).toEqual([{ q: 'Hand-thrown mug', sort: 'newest', count: 20 }]);
  });

  it('finds one an earlier try sent, before what was typed since', async () => {
    const api = store([stored({ id: 'first-try' })]);
    const unsure = noteUnsure(noteUnsure(null, mug, SENT_AT), { ...mug, name: 'Stoneware mug' }, SENT_AT + 1000);
    expect((await findAdded(api, unsure))?.id).toBe('first-try');
  });

  it('nothing when the store has none: the Add may be sent', async () => {
    expect(await findAdded(store([stored({ price: 30 })]), noteUnsure(null, mug, SENT_AT))).toBeUndefined();
  });

  it('rejects as the store’s list did: nothing is known, so nothing may be sent', async () => {
    const offline = new AppError('API_NETWORK_ERROR', 'no answer');
    await expect(findAdded(store(offline), noteUnsure(null, mug, SENT_AT))).rejects.toBe(offline);
  });
});

describe('readUnsure: the Adds a draft kept (a page left before the answer came)', () => {
  it('reads what noteUnsure made, as it went through IndexedDB', () => {
    const unsure = noteUnsure(noteUnsure(null, mug, SENT_AT), { ...mug, price: 25 }, SENT_AT + 1);
    expect(readUnsure(structuredClone(unsure))).toEqual(unsure);
  });

  it('nothing from a draft without them (an older version’s), or with ones it cannot use', () => {
    for (const value of [undefined, null, 'x', {}, { sent: [], since: SENT_AT }, { sent: [mug], since: 'today' }, { sent: [mug], since: Number.NaN }, { sent: [{ name: 'Mug' }], since: SENT_AT }]) {
      expect(readUnsure(value), JSON.stringify(value)).toBeNull();
    }
    expect(readUnsure({ sent: [null, mug], since: SENT_AT })).toEqual({ sent: [mug], since: SENT_AT });
  });
});
