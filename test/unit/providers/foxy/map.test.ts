import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUG_CODE } from '../../../platforms/foxy/seed.ts';
import { categoryNames, deriveCatalogue, type DerivedItem } from '../../../../src/lib/providers/foxy/derive.ts';
import { collectPages, followLink, storeLink, withQuery } from '../../../../src/lib/providers/foxy/hal.ts';
import { couponFromWire, couponsFromWire, orderFromSale, productFromDerived, storeMetadataFromWire } from '../../../../src/lib/providers/foxy/map.ts';
import { FOXY_REL, readSale } from '../../../../src/lib/providers/foxy/wire.ts';
import { connect, type Connected } from './foxy-fixture.ts';

/** The demo store's store_url (test/platforms/foxy/resources.ts). */
const SITE = 'https://shop.example.com/';
let c: Connected;
let store: unknown;
let catalogue: DerivedItem[];

beforeAll(async () => {
  c = await connect();
  store = await c.getJson(storeLink(await c.getJson(`${c.apiBase}/`), c.apiBase));
  const tx = await collectPages(c.getJson, withQuery(followLink(store, FOXY_REL.transactions, c.apiBase), { zoom: 'items', limit: 300 }), FOXY_REL.transactions, c.apiBase, 5);
  const cats = await collectPages(c.getJson, followLink(store, FOXY_REL.itemCategories, c.apiBase), FOXY_REL.itemCategories, c.apiBase, 5);
  catalogue = deriveCatalogue(tx.entries.map((t, i) => readSale(t, `$[${i}]`)), categoryNames(cats.entries));
});
afterAll(() => c.store.close());

describe('productFromDerived (platforms.md 1.4, 5.3)', () => {
  it('maps the mug: id code:<code>, price rounded, image and permalink, category, no description', () => {
    const mug = productFromDerived(catalogue.find((i) => i.id === `code:${MUG_CODE}`) as DerivedItem, SITE);
    expect(mug).toMatchObject({
      id: `code:${MUG_CODE}`,
      name: 'Ceramic Mug (Large)',
      descriptionHtml: '',
      price: 24.5,
      currency: 'USD',
      compareAtPrice: null,
      images: [{ url: 'https://shop.example.com/img/ceramic-mug.jpg', alt: 'Ceramic Mug (Large)' }],
      categories: ['Kitchen'],
      permalink: 'https://shop.example.com/products/ceramic-mug',
      inStock: undefined,
      published: true,
    });
    expect(Date.parse(mug.created)).toBeLessThan(Date.parse(mug.updated ?? ''));
  });

  it('drops a javascript: image and url', () => {
    const gnome = productFromDerived(catalogue.find((i) => i.id === 'code:GAR-99') as DerivedItem, SITE);
    expect(gnome.images).toEqual([]);
    expect(gnome.permalink).toBeUndefined();
  });

  it('links an item only to a page on the store’s own site (store_url, with or without www.): a shopper can write an item’s url (security case 34)', () => {
    const mug = catalogue.find((i) => i.id === `code:${MUG_CODE}`) as DerivedItem;
    const linkOf = (url: string | undefined, ...site: [string | undefined] | []) => productFromDerived({ ...mug, url }, site.length === 0 ? SITE : site[0]).permalink;
    expect(linkOf('https://shop.example.com/products/ceramic-mug')).toBe('https://shop.example.com/products/ceramic-mug');
    expect(linkOf('https://www.shop.example.com/products/ceramic-mug')).toBe('https://www.shop.example.com/products/ceramic-mug');
    expect(linkOf('https://shop.example.com/products/ceramic-mug', 'https://www.shop.example.com')).toBe('https://shop.example.com/products/ceramic-mug');
    for (const elsewhere of [
      'https://evil.example/products/ceramic-mug',
      'https://shop.example.com.evil.example/products/ceramic-mug',
      'https://evil-shop.example.com/products/ceramic-mug',
      'https://shop.example.com:8443/products/ceramic-mug',
      'http://shop.example.com/products/ceramic-mug',
      'javascript:alert(1)',
    ]) {
      expect(linkOf(elsewhere), elsewhere).toBeUndefined();
    }
    // A store that names no site of its own (or a broken one): no item is linked.
    expect(linkOf('https://shop.example.com/products/ceramic-mug', undefined)).toBeUndefined();
    expect(linkOf('https://shop.example.com/products/ceramic-mug', 'not a url')).toBeUndefined();
    // The picture is not the link: where pictures may come from is the deployment's CSP (img-src).
    expect(productFromDerived({ ...mug, url: 'https://evil.example/x' }, SITE).images).toHaveLength(1);
  });

  it('rounds to the currency digits and leaves unknown categories out', () => {
    const item: DerivedItem = { id: 'name:X', code: '', name: 'X', price: 1.005, currency: 'JPY', image: '', url: undefined, categoryUri: 'https://elsewhere/cat/1', category: undefined, created: 0, updated: 0 };
    expect(productFromDerived(item, SITE)).toMatchObject({ price: 1, categories: [], images: [], created: '1970-01-01T00:00:00.000Z' });
  });
});

describe('orders (5.4)', () => {
  it.each([
    ['captured', 'paid'], ['approved', 'paid'], ['authorized', 'paid'], ['completed', 'paid'],
    ['pending', 'pending'], ['capturing', 'pending'], ['pending_fraud_review', 'pending'], ['PENDING_FRAUD_REVIEW', 'pending'],
    ['refunded', 'refunded'], ['refunding', 'refunded'],
    ['voided', 'cancelled'], ['declined', 'cancelled'], ['rejected', 'cancelled'], ['problem', 'cancelled'],
    ['', 'paid'], ['  ', 'paid'], ['verified', 'pending'], ['something_new', 'pending'],
  ])('status %s → %s', (status, expected) => {
    const sale = readSale({ id: 7, is_test: false, transaction_date: '2025-01-01T00:00:00-0800', total_order: 1, status, currency_code: 'USD' }, '$');
    expect(orderFromSale(sale).status).toBe(expected);
  });

  it('maps the local store transactions, newest first', async () => {
    const url = withQuery(followLink(store, FOXY_REL.transactions, c.apiBase), { order: 'transaction_date desc', limit: 5, is_test: 'false' });
    const page = await collectPages(c.getJson, url, FOXY_REL.transactions, c.apiBase, 1);
    const orders = page.entries.map((t, i) => orderFromSale(readSale(t, `$[${i}]`)));
    const raw = page.entries[0] as { display_id: number; total_order: number; customer_email: string };
    expect(orders[0]).toMatchObject({ number: String(raw.display_id), total: raw.total_order, currency: 'USD', customerEmail: raw.customer_email });
    // the customer's name, first then last, where the transaction holds one
    const names = (page.entries as { customer_first_name: string; customer_last_name: string }[]).map((t) => `${t.customer_first_name} ${t.customer_last_name}`.trim() || undefined);
    expect(names.filter((name) => name !== undefined).length).toBeGreaterThan(0);
    expect(orders.map((o) => o.customerName)).toEqual(names);
    // Foxy sends both parts always, '' where the checkout asked for none: no name then
    const nameless = readSale({ id: 8, is_test: false, transaction_date: '2025-01-01T00:00:00-0800', total_order: 1, status: '', currency_code: 'USD', customer_email: 'x@example.com', customer_first_name: '', customer_last_name: '' }, '$');
    expect(orderFromSale(nameless)).not.toHaveProperty('customerName');
    const dates = orders.map((o) => Date.parse(o.createdAt));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('orders read with zoom=items say what they bought (name, quantity, what the line cost: its unit price × quantity); without it, nothing', async () => {
    const url = (zoom: boolean) => withQuery(followLink(store, FOXY_REL.transactions, c.apiBase), { ...(zoom ? { zoom: 'items' } : {}), order: 'transaction_date desc', limit: 5, is_test: 'false' });
    const zoomed = await collectPages(c.getJson, url(true), FOXY_REL.transactions, c.apiBase, 1);
    const orders = zoomed.entries.map((t, i) => orderFromSale(readSale(t, `$[${i}]`)));
    const raw = zoomed.entries as { type?: string; _embedded: { 'fx:items': { name: string; quantity: number; price: number }[] } }[];
    const cents = (n: number) => Math.round(n * 100) / 100;
    // a transaction that is no sale (the seed's newest include a payment method change) says no price
    const sale = (t: (typeof raw)[number]) => !['updateinfo', 'subscription_modification', 'subscription_cancellation'].includes(t.type ?? '');
    expect(raw.some((t) => !sale(t))).toBe(true);
    expect(orders.map((o) => o.items)).toEqual(raw.map((t) => t._embedded['fx:items'].map((i) => ({ name: i.name, quantity: i.quantity, ...(sale(t) ? { lineTotal: cents(i.price * i.quantity) } : {}) }))));
    expect(orders[0]?.items?.length).toBeGreaterThan(1);
    const plain = await collectPages(c.getJson, url(false), FOXY_REL.transactions, c.apiBase, 1);
    expect(plain.entries.map((t, i) => orderFromSale(readSale(t, `$[${i}]`))).some((o) => 'items' in o)).toBe(false);
  });

  it('an item without a name, a price or a whole quantity is left out of the order’s items and counted; the order stays', () => {
    const item = (fields: Record<string, unknown>) => ({ name: 'Ceramic Mug', price: 18.5, quantity: 2, code: 'MUG-01', ...fields });
    const sale = readSale({
      id: 7, is_test: false, transaction_date: '2025-01-01T00:00:00-0800', total_order: 40, status: 'captured', currency_code: 'USD',
      _embedded: { 'fx:items': [item({}), item({ name: 'Tote Bag', quantity: 1 }), item({ quantity: 0 }), item({ quantity: 1.5 }), item({ name: '  ' }), item({ name: undefined }), item({ price: 'free' }), 'x'] },
    }, '$');
    expect(orderFromSale(sale)).toMatchObject({ total: 40, status: 'paid', items: [{ name: 'Ceramic Mug', quantity: 2, lineTotal: 37 }, { name: 'Tote Bag', quantity: 1, lineTotal: 18.5 }], itemsUnread: 6 });
  });

  it('reads a numeric-string total and a missing display_id', () => {
    const sale = readSale({ id: 7, is_test: false, transaction_date: '2025-01-01T00:00:00-0800', total_order: '12.50', status: 'captured', currency_code: 'eur' }, '$');
    expect(orderFromSale(sale)).toEqual({ id: '7', number: '7', createdAt: '2025-01-01T08:00:00.000Z', total: 12.5, currency: 'EUR', status: 'paid' });
    expect(() => readSale({ id: 7, transaction_date: 'x', total_order: 1, status: '', currency_code: 'USD' }, '$')).toThrow(expect.objectContaining({ code: 'API_INVALID_RESPONSE' }));
  });

  it('a sale the gateway flagged as possibly fraudulent says so: pending, with Foxy’s words (it read as a bare "Pending", as an order simply waiting)', () => {
    const sale = readSale({ id: 9, is_test: false, transaction_date: '2025-01-01T00:00:00-0800', total_order: 5, status: 'pending_fraud_review', currency_code: 'USD' }, '$');
    expect(orderFromSale(sale)).toMatchObject({ status: 'pending', statusWords: 'Pending fraud review' });
    expect(orderFromSale({ ...sale, status: 'pending' }).statusWords).toBeUndefined();
  });

  it.each([['declined', 'Declined'], ['rejected', 'Rejected'], ['problem', 'Problem'], ['DECLINED', 'Declined']])(
    'a %s sale (no money taken, an alert in Foxy’s admin) is cancelled, said by Foxy’s word "%s" (a bare "Cancelled" read as called off)',
    (status, words) => {
      const sale = readSale({ id: 11, is_test: false, transaction_date: '2025-01-01T00:00:00-0800', total_order: 5, status, currency_code: 'USD' }, '$');
      expect(orderFromSale(sale)).toMatchObject({ status: 'cancelled', statusWords: words });
    },
  );

  it('a voided sale is just cancelled', () => {
    const sale = readSale({ id: 12, is_test: false, transaction_date: '2025-01-01T00:00:00-0800', total_order: 5, status: 'voided', currency_code: 'USD' }, '$');
    expect(orderFromSale(sale)).toEqual(expect.objectContaining({ status: 'cancelled' }));
    expect(orderFromSale(sale).statusWords).toBeUndefined();
  });

  it('a status it does not know keeps Foxy’s word to be shown beside pending (it read as a bare "Pending")', () => {
    const sale = readSale({ id: 8, is_test: false, transaction_date: '2025-01-01T00:00:00-0800', total_order: 5, status: 'chargeback', currency_code: 'USD' }, '$');
    expect(orderFromSale(sale)).toMatchObject({ status: 'pending', statusWords: 'Chargeback' });
  });
  it.each([
    ['updateinfo', 'Payment method change'],
    ['subscription_modification', 'Subscription modification'],
    ['subscription_cancellation', 'Subscription cancellation'],
  ])('a %s transaction is listed as Foxy’s admin lists it, "%s", not as a paid sale of 0', (type, words) => {
    const change = readSale({ id: 10, is_test: false, transaction_date: '2025-01-01T00:00:00-0800', total_order: 0, status: '', type, currency_code: 'USD' }, '$');
    expect(orderFromSale(change)).toMatchObject({ status: 'paid', statusWords: words, total: 0 });
    // its status's own words beside, where they are not "Paid"
    expect(orderFromSale({ ...change, status: 'declined' })).toMatchObject({ status: 'cancelled', statusWords: `${words} · Declined` });
    expect(orderFromSale({ ...change, status: 'pending_fraud_review' }).statusWords).toBe(`${words} · Pending fraud review`);
    // a checkout and a renewal are sales: "Paid"
    for (const sale of ['', 'subscription_renewal', 'something_new']) expect(orderFromSale({ ...change, type: sale }).statusWords).toBeUndefined();
  });

  it.each(['updateinfo', 'subscription_modification', 'subscription_cancellation'])('a %s transaction’s items say no price: nothing was charged for them (a payment method change read "Ceramic Mug · $62.00" beside no amount); a checkout’s and a renewal’s do', (type) => {
    const item = { name: 'Ceramic Mug', price: 31, quantity: 2, code: 'MUG-01' };
    const change = readSale({ id: 12, is_test: false, transaction_date: '2025-01-01T00:00:00-0800', total_order: 0, status: '', type, currency_code: 'USD', _embedded: { 'fx:items': [item] } }, '$');
    expect(orderFromSale(change).items).toEqual([{ name: 'Ceramic Mug', quantity: 2 }]);
    for (const sale of ['', 'subscription_renewal']) expect(orderFromSale({ ...change, type: sale }).items).toEqual([{ name: 'Ceramic Mug', quantity: 2, lineTotal: 62 }]);
  });

  it.each([
    ['updateinfo', true],
    ['subscription_cancellation', true],
    ['subscription_modification', false],
    ['', false],
    ['subscription_renewal', false],
  ])('a %s transaction’s total is left out as Foxy’s admin leaves it out: %s (its 0.00 read as a free order)', (type, hidden) => {
    const sale = readSale({ id: 11, is_test: false, transaction_date: '2025-01-01T00:00:00-0800', total_order: '0.00', status: '', type, currency_code: 'USD' }, '$');
    const order = orderFromSale(sale);
    expect(order.noTotal).toBe(hidden ? true : undefined);
    // the number stays what Foxy sent, for anything that sums orders
    expect(order.total).toBe(0);
  });
});

describe('coupons (5.4)', () => {
  it('maps the local store coupons read with zoom=coupon_codes', async () => {
    const url = withQuery(followLink(store, FOXY_REL.coupons, c.apiBase), { zoom: 'coupon_codes' });
    const page = await collectPages(c.getJson, url, FOXY_REL.coupons, c.apiBase, 2);
    const coupons = page.entries.map((e, i) => couponFromWire(e, `$[${i}]`));
    expect(coupons).toEqual([
      { code: 'SPRING10', otherCodes: ['SPRING10B'], name: 'Spring 10%', percentOff: 10, expiresAt: '2025-05-31T23:59:59.000Z' },
      { code: 'FIVEOFF', name: 'Five off', percentOff: null, amountOff: 5 },
      {
        code: 'BULK',
        name: 'Bulk tiers',
        percentOff: null,
        tiers: { by: 'items', unit: 'percent', perItem: false, steps: [{ from: 2, off: 5 }, { from: 5, off: 10 }, { from: 10, off: 20 }] },
        expiresAt: '2026-12-31T23:59:59.000Z',
      },
      { code: 'BIG15', name: 'Order over 50', percentOff: null, tiers: { by: 'spend', unit: 'percent', perItem: false, steps: [{ from: 50, off: 15 }] } },
      { code: 'THIRD', name: 'Every third item', percentOff: null },
      // no codes: "No codes yet", and the auto-apply "Members 10%"
      null,
      null,
    ]);
  });

  const couponWith = (type: string, details: string, name = 'X') =>
    couponFromWire({ name, coupon_discount_type: type, coupon_discount_details: details, _embedded: { [FOXY_REL.couponCodes]: [{ code: 'C' }] } }, '$');

  it.each([
    // Foxy's discount string: [method|]from-off|from-off, `single` by default for coupons
    ['quantity_percentage', '1-10', { percentOff: 10 }],
    ['quantity_percentage', 'single|1-10', { percentOff: 10 }],
    ['quantity_percentage', 'allunits|1-10', { percentOff: 10 }],
    ['price_amount', '0-5', { percentOff: null, amountOff: 5 }],
    ['price_amount', ' 1 - 7.5 ', { percentOff: null, amountOff: 7.5 }],
    // the same amount off each item
    ['quantity_amount', 'allunits|1-2', { percentOff: null, tiers: { by: 'items', unit: 'amount', perItem: true, steps: [{ from: 1, off: 2 }] } }],
    // tiers come lowest first whatever their order in the string
    ['price_amount', '100-15|50-5', { percentOff: null, tiers: { by: 'spend', unit: 'amount', perItem: false, steps: [{ from: 50, off: 5 }, { from: 100, off: 15 }] } }],
    ['quantity_percentage', 'allunits|5-10|10-20', { percentOff: null, tiers: { by: 'items', unit: 'percent', perItem: false, steps: [{ from: 5, off: 10 }, { from: 10, off: 20 }] } }],
    // nothing claimed: other methods, unknown types, more than 100%, nothing off, not a discount string
    ['quantity_percentage', 'incremental|2-10', { percentOff: null }],
    ['quantity_amount', 'repeat|3-5', { percentOff: null }],
    ['shipping_percentage', '1-10', { percentOff: null }],
    ['quantity_percentage', '1-150', { percentOff: null }],
    ['price_amount', '1-0', { percentOff: null }],
    ['price_amount', '10%', { percentOff: null }],
    ['price_amount', '', { percentOff: null }],
    ['price_amount', 'allunits|', { percentOff: null }],
  ])('%s %j', (type, details, expected) => {
    expect(couponWith(type, details)).toEqual({ code: 'C', name: 'X', ...expected });
  });

  it('leaves out a name that is empty or the code itself', () => {
    expect(couponWith('quantity_percentage', '1-10', ' ')).toEqual({ code: 'C', percentOff: 10 });
    expect(couponWith('quantity_percentage', '1-10', 'C')).toEqual({ code: 'C', percentOff: 10 });
  });

  it('has no code without zoom (the codes are only linked)', async () => {
    const page = await collectPages(c.getJson, followLink(store, FOXY_REL.coupons, c.apiBase), FOXY_REL.coupons, c.apiBase, 1);
    expect(couponFromWire(page.entries[0], '$')).toBeNull();
  });

  it('says which coupons have no codes, by name, beside those listed (the demo store’s “No codes yet” was left out without a word)', async () => {
    const url = withQuery(followLink(store, FOXY_REL.coupons, c.apiBase), { zoom: 'coupon_codes' });
    const { coupons, notListed } = couponsFromWire((await collectPages(c.getJson, url, FOXY_REL.coupons, c.apiBase, 2)).entries);
    expect(coupons.map((coupon) => coupon.code)).toEqual(['SPRING10', 'FIVEOFF', 'BULK', 'BIG15', 'THIRD']);
    expect(notListed).toEqual([
      { name: 'No codes yet', reason: 'noCodes' },
      // an auto-apply coupon needs no code: not one that "has no codes yet"
      { name: 'Members 10%', reason: 'autoApply' },
    ]);
  });

  it('an auto-apply coupon without codes applies by itself, it is not waiting for codes (regression: said as “no codes yet”); with codes it is listed', () => {
    const coupon = (name: string, autoApply: unknown, codes: string[] = []) => ({
      name,
      coupon_discount_type: 'quantity_percentage',
      coupon_discount_details: '1-10',
      customer_auto_apply: autoApply,
      _embedded: { [FOXY_REL.couponCodes]: codes.map((code) => ({ code })) },
    });
    expect(couponsFromWire([coupon('Members', true), coupon('Plain', false), coupon('Old API', null), coupon('Members with a code', true, ['MEMBER'])])).toEqual({
      coupons: [{ code: 'MEMBER', name: 'Members with a code', percentOff: 10 }],
      notListed: [
        { name: 'Members', reason: 'autoApply' },
        { name: 'Plain', reason: 'noCodes' },
        { name: 'Old API', reason: 'noCodes' },
      ],
    });
    expect(() => couponsFromWire([coupon('Odd', 'yes')])).toThrowError(expect.objectContaining({ code: 'API_INVALID_RESPONSE' }));
  });

  it('no codes: an empty embedding, none embedded, or only blank codes; a coupon without a name is said nameless; none left out, nothing said', () => {
    const coupon = (name: string | undefined, embedded?: object) => ({
      ...(name === undefined ? {} : { name }),
      coupon_discount_type: 'quantity_percentage',
      coupon_discount_details: '1-10',
      ...(embedded === undefined ? {} : { _embedded: embedded }),
    });
    const { coupons, notListed } = couponsFromWire([
      coupon('Empty', { [FOXY_REL.couponCodes]: [] }),
      coupon('Absent'),
      coupon('Blank', { [FOXY_REL.couponCodes]: [{ code: '  ' }] }),
      coupon(' ', { [FOXY_REL.couponCodes]: [] }),
      coupon('Has one', { [FOXY_REL.couponCodes]: [{ code: 'ONE' }] }),
    ]);
    expect(notListed).toEqual([
      { name: 'Empty', reason: 'noCodes' },
      { name: 'Absent', reason: 'noCodes' },
      { name: 'Blank', reason: 'noCodes' },
      { name: '', reason: 'noCodes' },
    ]);
    expect(coupons).toEqual([{ code: 'ONE', name: 'Has one', percentOff: 10 }]);
    expect(couponsFromWire([coupon('Has one', { [FOXY_REL.couponCodes]: [{ code: 'ONE' }] })])).toEqual({ coupons: [{ code: 'ONE', name: 'Has one', percentOff: 10 }] });
    // a broken coupon is still a broken answer, with or without codes
    expect(() => couponsFromWire([{ name: 5, _embedded: { [FOXY_REL.couponCodes]: [] } }])).toThrowError(expect.objectContaining({ code: 'API_INVALID_RESPONSE' }));
  });
});

describe('store metadata', () => {
  it('takes the name, site and email; the logo on another origin is still just an image URL', () => {
    expect(storeMetadataFromWire(store, 'USD')).toEqual({
      name: 'Foxy Demo Outfitters',
      currency: 'USD',
      canonicalUrl: 'https://shop.example.com/',
      logoUrl: `${c.store.canaryOrigin}/logo.png`,
      email: 'hello@shop.example.com',
    });
  });
});
