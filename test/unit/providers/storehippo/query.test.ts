/** The StoreHippo request builders and the capability probe plan, as pure data. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  STOREHIPPO_PROBES,
  capabilitiesFromProbes,
  classifyProbeStatus,
  withoutEdit,
  type ProbeId,
  type ProbeOutcome,
} from '../../../../src/lib/providers/storehippo/probe.ts';
import {
  buildCouponListQuery,
  buildOrderListQuery,
  buildProductListQuery,
  entityPath,
  escapeRegex,
  pagingParams,
} from '../../../../src/lib/providers/storehippo/query.ts';
import { DEMO_KEYS } from '../../../platforms/storehippo/seed.ts';
import { startStoreHippoStore, type StoreHippoStore } from '../../../platforms/storehippo/server.ts';

describe('list query builders', () => {
  it('product list: start offset, limit, total=1, sort, filters as one JSON string', () => {
    const params = buildProductListQuery({ page: 2, count: 20, q: 'floral shirt', category: 'summer', sort: 'newest' }, { publishedOnly: true });
    expect(params).toEqual({
      start: '40',
      limit: '20',
      total: '1',
      sort: '-created_on',
      filters: JSON.stringify([
        { field: 'name', operator: 'regex', value: 'floral shirt' },
        { field: 'categories', operator: 'in', value: ['summer'] },
        { field: 'publish', operator: 'equal', value: '1' },
      ]),
    });
    const url = `/x?${new URLSearchParams(params).toString()}`;
    expect(url).toContain('filters=%5B%7B%22field%22');
    expect(url).not.toContain('filters%5B0%5D');
  });

  it('no filters parameter when there is nothing to filter; the sorts map as 2.3 says', () => {
    expect(buildProductListQuery({}, { publishedOnly: false })).toEqual({ start: '0', limit: '24', total: '1' });
    expect(buildProductListQuery({ q: '   ' }, { publishedOnly: false }).filters).toBeUndefined();
    const sorts = (['newest', 'name', 'price', '-price'] as const).map((sort) => buildProductListQuery({ sort }, { publishedOnly: false }).sort);
    expect(sorts).toEqual(['-created_on', 'name', 'price', '-price']);
  });

  it('count is clamped to 1..50 and page to >= 0', () => {
    expect(pagingParams(0, 500)).toMatchObject({ start: '0', limit: '50' });
    expect(pagingParams(-3, 0)).toMatchObject({ start: '0', limit: '1' });
    expect(pagingParams(1.7, 10.9)).toMatchObject({ start: '10', limit: '10' });
  });

  it('orders and coupons newest first, with total', () => {
    expect(buildOrderListQuery(1, 10)).toEqual({ start: '10', limit: '10', sort: '-created_on', total: '1' });
    expect(buildCouponListQuery()).toEqual({ start: '0', limit: '24', sort: '-created_on', total: '1' });
  });

  it('escapeRegex makes every metacharacter literal', () => {
    const text = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o/p-q';
    expect(new RegExp(escapeRegex(text)).test(text)).toBe(true);
    expect(new RegExp(`^${escapeRegex('a.c')}$`).test('abc')).toBe(false);
  });

  it('entity paths for both versions, ids percent-encoded', () => {
    expect(entityPath('1.1', 'ms.products')).toBe('/api/1.1/entity/ms.products');
    expect(entityPath('1', 'ms.products', 'a/b?c')).toBe('/api/1/entity/ms.products/a%2Fb%3Fc');
  });
});

describe('capability probes (2.4)', () => {
  const outcomes = (products: ProbeOutcome, orders: ProbeOutcome, coupons: ProbeOutcome): Record<ProbeId, ProbeOutcome> => ({ products, orders, coupons });

  it('classifies statuses: 2xx ok, 401/403 denied, anything else failed', () => {
    expect([200, 204, 401, 403, 404, 429, 500].map(classifyProbeStatus)).toEqual(['ok', 'ok', 'denied', 'denied', 'failed', 'failed', 'failed']);
  });

  it('products denied -> the key is rejected; products failing otherwise -> unavailable, not "bad key"', () => {
    expect(capabilitiesFromProbes(outcomes('denied', 'ok', 'ok'))).toEqual({ kind: 'rejected' });
    expect(capabilitiesFromProbes(outcomes('failed', 'ok', 'ok'))).toEqual({ kind: 'unavailable' });
  });

  it('a read-only key: browse with unpublished and inventory, orders and coupons locked, no edit', () => {
    const verdict = capabilitiesFromProbes(outcomes('ok', 'denied', 'denied'));
    expect(verdict).toEqual({ kind: 'connected', capabilities: new Set(['browse', 'viewUnpublished', 'viewInventory']), locked: ['orders', 'coupons'], unknown: [] });
  });

  it('a manager key: everything, edit offered because orders answered; a 403 on save takes edit away', () => {
    const verdict = capabilitiesFromProbes(outcomes('ok', 'ok', 'ok'));
    if (verdict.kind !== 'connected') throw new Error('expected connected');
    expect([...verdict.capabilities].sort()).toEqual(['browse', 'editProducts', 'viewCoupons', 'viewInventory', 'viewOrders', 'viewUnpublished']);
    expect(withoutEdit(verdict.capabilities).has('editProducts')).toBe(false);
    expect(capabilitiesFromProbes(outcomes('ok', 'failed', 'ok'))).toMatchObject({ kind: 'connected', unknown: ['orders'], locked: [] });
  });

  describe('run against the faithful server', () => {
    let store: StoreHippoStore;
    beforeAll(async () => {
      store = await startStoreHippoStore({ port: 0 });
    });
    afterAll(() => store.close());

    async function probe(key: string): Promise<Record<ProbeId, ProbeOutcome>> {
      const result = {} as Record<ProbeId, ProbeOutcome>;
      for (const p of STOREHIPPO_PROBES) {
        const response = await fetch(`${store.origin}${entityPath('1.1', p.entity)}?${new URLSearchParams(p.query).toString()}`, { headers: { 'access-key': key } });
        await response.body?.cancel();
        result[p.id] = classifyProbeStatus(response.status);
      }
      return result;
    }

    it('the demo keys give the verdicts their roles promise', async () => {
      expect(capabilitiesFromProbes(await probe(DEMO_KEYS.readOnly))).toMatchObject({ kind: 'connected', locked: ['orders', 'coupons'] });
      expect(capabilitiesFromProbes(await probe(DEMO_KEYS.manager))).toMatchObject({ kind: 'connected', locked: [] });
      expect(capabilitiesFromProbes(await probe(DEMO_KEYS.disabled))).toEqual({ kind: 'rejected' });
      // a 429 is no verdict on the role: the features stay unknown, not locked
      store.setRateLimit(1);
      expect(capabilitiesFromProbes(await probe(DEMO_KEYS.manager))).toMatchObject({ kind: 'connected', locked: [], unknown: ['orders', 'coupons'] });
      store.setRateLimit(null);
    });
  });
});
