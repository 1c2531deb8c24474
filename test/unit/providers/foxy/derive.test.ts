import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLINED_MUG_NAME, HOSTILE_IMAGE, MADE_UP_NAME, MODIFIED_MUG_NAME, MODIFIED_NEW_NAME, MUG_CODE, createSeed } from '../../../platforms/foxy/seed.ts';
import { categoryNames, derivedCategories, deriveCatalogue, queryDerived, readSales, type DerivedItem } from '../../../../src/lib/providers/foxy/derive.ts';
import { collectPages, followLink, storeLink, withQuery } from '../../../../src/lib/providers/foxy/hal.ts';
import { FOXY_REL, parseFoxyDate, readSale, type FoxySale } from '../../../../src/lib/providers/foxy/wire.ts';
import { connect, type Connected } from './foxy-fixture.ts';

let c: Connected;
let sales: FoxySale[];
let categories: Map<string, string>;
let catalogue: DerivedItem[];

beforeAll(async () => {
  c = await connect();
  const store = await c.getJson(storeLink(await c.getJson(`${c.apiBase}/`), c.apiBase));
  const txUrl = withQuery(followLink(store, FOXY_REL.transactions, c.apiBase), { zoom: 'items', order: 'transaction_date desc', limit: 200 });
  const tx = await collectPages(c.getJson, txUrl, FOXY_REL.transactions, c.apiBase, 5);
  sales = tx.entries.map((t, i) => readSale(t, `$[${i}]`));
  const cats = await collectPages(c.getJson, withQuery(followLink(store, FOXY_REL.itemCategories, c.apiBase), { limit: 200 }), FOXY_REL.itemCategories, c.apiBase, 1);
  categories = categoryNames(cats.entries);
  catalogue = deriveCatalogue(sales, categories);
});
afterAll(() => c.store.close());

/** Foxy's statuses for a payment that was never taken (the SDK's `Transaction.status`), written out here, not imported. */
const NO_PAYMENT = ['voided', 'declined', 'rejected', 'problem'];
/** …for one not taken yet, or never to be: a hosted gateway's checkout not paid, a fraud hold, a card only checked. */
const NOT_YET = ['pending', 'pending_fraud_review', 'verified'];
/** …and for one whose money was taken or is held (refunded: taken, then given back). */
const TOOK_PAYMENT = ['', 'captured', 'approved', 'authorized', 'capturing', 'completed', 'refunding', 'refunded'];
/** Foxy's transaction types that are sales (the SDK's `Transaction.type`): a checkout and a subscription's renewal; the others charge nothing then. */
const SALE_TYPES = ['', 'subscription_renewal'];
const NO_SALE_TYPES = ['subscription_modification', 'updateinfo', 'subscription_cancellation'];

/** A sale that names its products: real, its money taken, and a sale. */
function sold(s: FoxySale): boolean {
  return !s.isTest && !s.hidden && TOOK_PAYMENT.includes(s.status) && SALE_TYPES.includes(s.type);
}

function keyOf(item: { code: string; name: string }): string {
  return item.code !== '' ? `code:${item.code}` : `name:${item.name}`;
}

describe('parseFoxyDate', () => {
  it('reads offsets without a colon', () => {
    expect(parseFoxyDate('2025-02-03T11:22:31-0800')).toBe(Date.UTC(2025, 1, 3, 19, 22, 31));
    expect(parseFoxyDate('2025-02-03T11:22:31-08:00')).toBe(Date.UTC(2025, 1, 3, 19, 22, 31));
    expect(parseFoxyDate('soon')).toBeNaN();
  });
});

describe('deriveCatalogue on the local store', () => {
  it('reads every transaction with its items', () => {
    expect(sales).toHaveLength(createSeed().transactions.length);
    expect(sales.every((s) => s.items !== undefined && s.items.length > 0)).toBe(true);
  });

  it('keeps one record per code, the newest real sale winning price and name (test sale skipped)', () => {
    const ids = catalogue.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const mug = catalogue.find((i) => i.id === `code:${MUG_CODE}`);
    expect(mug).toMatchObject({ name: 'Ceramic Mug (Large)', price: 24.5, currency: 'USD', category: 'Kitchen' });
    const mugPrices = new Set(sales.flatMap((s) => (s.items ?? []).filter((i) => i.code === MUG_CODE).map((i) => i.price)));
    expect(mugPrices.size).toBeGreaterThan(2);
  });

  it('gives each record the price of its latest real sale, created = earliest, updated = latest', () => {
    // real: neither test nor hidden, and money was taken (refunded counts; pending does not)
    const real = sales.filter(sold);
    expect(sales.length - real.length).toBeGreaterThan(70); // the seed voids, declines, fails or leaves pending 5 in 12 of its sales
    for (const item of catalogue) {
      const dates = real.filter((s) => s.items?.some((i) => keyOf(i) === item.id)).map((s) => s.date);
      expect(item.updated).toBe(Math.max(...dates));
      expect(item.created).toBe(Math.min(...dates));
      const latest = real.filter((s) => s.date === item.updated).flatMap((s) => s.items ?? []).filter((i) => keyOf(i) === item.id);
      expect(latest.map((i) => i.price)).toContain(item.price);
    }
  });

  it('skips test and hidden transactions entirely', () => {
    expect(catalogue.some((i) => i.price === 0.01 || i.name === 'TEST MUG')).toBe(false);
    expect(catalogue.some((i) => i.id === 'code:HIDDEN-1')).toBe(false);
  });

  it('believes no sale that took no money: the newest, declined, neither renames nor reprices the mug, nor makes up a product', () => {
    const declined = sales.find((s) => s.status === 'declined' && s.items?.some((i) => i.name === MADE_UP_NAME));
    expect(declined?.date).toBe(Math.max(...sales.filter((s) => !s.isTest).map((s) => s.date)));
    expect(catalogue.some((i) => i.name === MADE_UP_NAME || i.name === DECLINED_MUG_NAME)).toBe(false);
    const mug = catalogue.find((i) => i.id === `code:${MUG_CODE}`);
    expect(mug).toMatchObject({ name: 'Ceramic Mug (Large)', price: 24.5 });
    expect(mug?.updated).toBeLessThan(declined?.date ?? 0);
    // every record comes from a sale that took money
    const paidKeys = new Set(sales.filter(sold).flatMap((s) => (s.items ?? []).map(keyOf)));
    expect(catalogue.map((i) => i.id).sort()).toEqual([...paidKeys].sort());
  });

  it('believes no change to a subscription (nothing charged then): a subscriber’s modification, newer than every sale, neither renames nor reprices the mug, nor adds a product; a renewal is a sale', () => {
    const modified = sales.find((s) => s.type === 'subscription_modification');
    expect(modified).toMatchObject({ status: '', total: 0 });
    expect(modified?.date).toBeGreaterThan(Math.max(...sales.filter(sold).map((s) => s.date)));
    expect(catalogue.some((i) => i.name === MODIFIED_MUG_NAME || i.name === MODIFIED_NEW_NAME || i.id === 'code:CLUB-GOLD')).toBe(false);
    const mug = catalogue.find((i) => i.id === `code:${MUG_CODE}`);
    expect(mug).toMatchObject({ name: 'Ceramic Mug (Large)', price: 24.5 });
    // the mug's newest sale, the one naming it, is a subscription's renewal
    expect(sales.find((s) => s.date === mug?.updated && s.items?.some((i) => i.name === 'Ceramic Mug (Large)'))?.type).toBe('subscription_renewal');
    const base = sales[0] as FoxySale;
    const item = (name: string, price: number) => ({ name, price, code: 'K-1', url: undefined, image: undefined, categoryUri: undefined });
    const paid = { ...base, id: 1, date: 1000, status: 'captured', type: '', isTest: false, hidden: false, items: [item('sold', 1)] };
    for (const type of [...NO_SALE_TYPES, 'something_new']) {
      const free = { ...paid, id: 2, date: 2000, status: '', type, items: [item('renamed', 0), { ...item('Made up', 0), code: 'NEW-1' }] };
      expect(deriveCatalogue([free, paid], categories).map((i) => [i.id, i.name, i.price, i.updated])).toEqual([['code:K-1', 'sold', 1, 1000]]);
    }
    for (const type of SALE_TYPES) {
      expect(deriveCatalogue([{ ...paid, id: 2, date: 2000, type, items: [item('renewed', 2)] }, paid], categories).map((i) => [i.name, i.price])).toEqual([['renewed', 2]]);
    }
  });

  it('a sale whose money was not taken (voided, declined…, pending, a fraud hold, a card only checked, a status Foxy may add) never wins, and an item sold only so is left out; a refunded or authorized one wins as a sale', () => {
    const base = sales[0] as FoxySale;
    const item = (name: string, price: number) => ({ name, price, code: 'K-1', url: undefined, image: undefined, categoryUri: undefined });
    const sale = (id: number, date: number, status: string, items = [item(`sold ${status}`, id)]): FoxySale => ({ ...base, id, date, status, isTest: false, hidden: false, items });
    const paid = sale(1, 1000, 'captured');
    // pending: a hosted gateway's checkout the shopper never paid stays pending (Foxy has no "abandoned" status)
    for (const status of [...NO_PAYMENT, ' DECLINED ', ...NOT_YET, ' Pending ', 'something_new']) {
      const free = sale(2, 2000, status, [item('renamed', 0), { ...item('Made up', 0), code: 'NEW-1' }]);
      expect(deriveCatalogue([free, paid], categories).map((i) => [i.id, i.name, i.price, i.updated])).toEqual([['code:K-1', 'sold captured', 1, 1000]]);
    }
    for (const status of [...TOOK_PAYMENT, ' CAPTURED ']) {
      expect(deriveCatalogue([sale(2, 2000, status), paid], categories).map((i) => [i.name, i.created, i.updated])).toEqual([[`sold ${status}`, 1000, 2000]]);
    }
  });

  it('keys items without a code by name', () => {
    const byName = catalogue.filter((i) => i.code === '');
    expect(byName.length).toBeGreaterThan(0);
    for (const item of byName) expect(item.id).toBe(`name:${item.name}`);
  });

  it('keeps the hostile image as data (the mapping drops it)', () => {
    expect(catalogue.find((i) => i.id === 'code:GAR-99')?.image).toBe(HOSTILE_IMAGE);
  });

  it('ignores an item with neither code nor name, and transactions without zoomed items', () => {
    const sale: FoxySale = { ...(sales[0] as FoxySale), items: [{ name: '', code: '', price: 1, url: undefined, image: undefined, categoryUri: undefined }] };
    expect(deriveCatalogue([sale, { ...sale, items: undefined }], categories)).toEqual([]);
  });
});

describe('readSales: a sale the store sent unreadable', () => {
  const wireItem = (name: unknown, price: unknown, code: string) => ({ name, price, code });
  const wireSale = (id: number, date: unknown, items: unknown[], extra: Record<string, unknown> = {}) => ({
    id, is_test: false, hide_transaction: false, transaction_date: date, total_order: 10, status: 'captured', currency_code: 'USD', _embedded: { 'fx:items': items }, ...extra,
  });

  it('leaves out that sale, or only its unreadable items, keeps the rest, and counts each such sale once', () => {
    const entries = [
      wireSale(1, '2025-03-01T10:00:00-0800', [wireItem('Teapot', 30, 'K-1'), wireItem(null, 5, 'K-2'), wireItem('Scarf', 'n/a', 'A-1')]),
      wireSale(2, 'yesterday', [wireItem('Made up by a date nobody can read', 1, 'K-1')]),
      wireSale(3, '2025-02-01T10:00:00-0800', [wireItem('Teapot (old)', 25, 'K-1'), wireItem('Scarf', 12, 'A-1')]),
      // neither a test sale's nor an unpaid one's unreadable item counts: they name no product anyway
      wireSale(4, '2025-02-02T10:00:00-0800', [wireItem(null, 1, 'K-3')], { is_test: true }),
      wireSale(5, '2025-02-02T10:00:00-0800', [wireItem(null, 1, 'K-3')], { status: 'declined' }),
      'not a sale',
    ];
    const { sales: read, unread } = readSales(entries);
    expect(read.map((sale) => [sale.id, sale.items?.map((i) => i.name), sale.unreadItems])).toEqual([
      [1, ['Teapot'], 2], [3, ['Teapot (old)', 'Scarf'], 0], [4, [], 1], [5, [], 1],
    ]);
    expect(unread).toBe(3); // sale 1 in part, sale 2 and the string whole
    // the catalogue from what was read: the teapot named by the newest sale, the scarf by the older one it could read
    expect(deriveCatalogue(read, new Map()).map((i) => [i.id, i.name, i.price])).toEqual([['code:K-1', 'Teapot', 30], ['code:A-1', 'Scarf', 12]]);
  });

  it('none unreadable: counts none', () => {
    expect(readSales([wireSale(1, '2025-03-01T10:00:00-0800', [wireItem('Teapot', 30, 'K-1')])]).unread).toBe(0);
  });
});

describe('queryDerived', () => {
  it('pages 0-based with the total', () => {
    const first = queryDerived(catalogue, { count: 5 });
    expect(first.paging).toEqual({ page: 0, count: 5, total: catalogue.length });
    const second = queryDerived(catalogue, { count: 5, page: 1 });
    expect(second.items[0]?.id).toBe(catalogue[5]?.id);
    expect(queryDerived(catalogue, { count: 5, page: 999 }).items).toEqual([]);
  });

  it('searches name and code case-insensitively', () => {
    expect(queryDerived(catalogue, { q: 'mug (LARGE)' }).items.map((i) => i.id)).toEqual([`code:${MUG_CODE}`]);
    expect(queryDerived(catalogue, { q: MUG_CODE.toLowerCase() }).paging.total).toBe(1);
    expect(queryDerived(catalogue, { q: 'no such thing' }).paging.total).toBe(0);
  });

  it('filters by category name; the category list is what the filter accepts', () => {
    const names = derivedCategories(catalogue);
    expect(names).toEqual(expect.arrayContaining(['Kitchen', 'Garden']));
    for (const name of names) {
      const page = queryDerived(catalogue, { category: name, count: 100 });
      expect(page.paging.total).toBeGreaterThan(0);
      expect(page.items.every((i) => i.category === name)).toBe(true);
    }
  });

  it('leaves Foxy’s own DEFAULT category ("Default for all products") out of the filter and of its items', () => {
    // the seed's DEFAULT category holds items (Gift Card, Gift Wrapping...): they show no category
    const gift = catalogue.find((i) => i.name === 'Gift Wrapping');
    expect(gift).toBeDefined();
    expect(gift?.category).toBeUndefined();
    expect(derivedCategories(catalogue)).not.toContain('Default for all products');
    expect([...categories.values()]).not.toContain('Default for all products');
    expect([...categories.values()]).toContain('Kitchen');
    expect(queryDerived(catalogue, { category: 'Default for all products' }).paging.total).toBe(0);
  });

  it('sorts by newest, name and price both ways', () => {
    const all = (sort: 'newest' | 'name' | 'price' | '-price') => queryDerived(catalogue, { sort, count: 100 }).items;
    const updated = all('newest').map((i) => i.updated);
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
    const names = all('name').map((i) => i.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const prices = all('price').map((i) => i.price);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(all('-price')[0]?.price).toBe(Math.max(...prices));
  });
});
