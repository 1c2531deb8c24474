/**
 * A StoreHippo store with more coupon codes than the pages the coupons screen reads (four of 50): the
 * rest are said as unread, counted by `paging.total` (`total=1`, as products and orders ask), and said
 * without a number where the answer has no total. Before, past 200 they were neither listed nor counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport } from '../../../../src/lib/api/transport.ts';
import type { StoreHippoStoreConfig } from '../../../../src/lib/connect/store-config.ts';
import type { ApiRequest, Send } from '../../../../src/lib/connect/request.ts';
import { createStoreHippoAdapter } from '../../../../src/lib/providers/storehippo/adapter.ts';
import { signStoreHippo } from '../../../../src/lib/providers/storehippo/connector.ts';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import { DEMO_KEYS } from '../../../platforms/storehippo/seed.ts';
import { startStoreHippoStore, type StoreHippoStore } from '../../../platforms/storehippo/server.ts';

/** The seeded coupon codes (seed.ts): four enabled, OLDSALE not. */
const SEEDED = 5;

let server: StoreHippoStore;
let store: StoreHippoStoreConfig;
beforeAll(async () => {
  server = await startStoreHippoStore({ port: 0, extraCoupons: 210 });
  store = { id: 'hippo', kind: 'storehippo', name: 'Hippo', apiBase: server.origin, apiVersion: '1.1', auth: ['access-key'], currency: 'INR', imageBase: server.imageBase };
});
afterAll(() => server.close());

function managerAdapter(wrap: (send: Send) => Send = (send) => send) {
  const adapter = createStoreHippoAdapter({
    store,
    send: wrap(
      createTransport({
        apiBase: store.apiBase,
        fetch,
        sign: async (headers) => {
          signStoreHippo({ v: 2, storeId: 'hippo', kind: 'storehippo', mode: 'access-key', secrets: { accessKey: DEMO_KEYS.manager } }, headers);
          return 'signed';
        },
        onUnauthorized: async () => {
          throw new AppError('TOKEN_EXPIRED', 'refused');
        },
        hooks: () => adapter.hooks,
        sleep: async () => undefined,
      }),
    ),
  });
  return adapter;
}

describe('StoreHippo coupon codes past the pages read (regression: past 200 neither listed nor counted)', () => {
  it('reads four pages of 50 with the total asked, and counts the codes past them as unread coupons', async () => {
    const asked: ApiRequest[] = [];
    const list = await managerAdapter((send) => (request, operation, options) => (asked.push(request), send(request, operation, options))).listCoupons!();
    expect(asked.map((r) => r.query)).toEqual([0, 50, 100, 150].map((start) => ({ start: String(start), limit: '50', sort: '-created_on', total: '1' })));
    expect(list.coupons.length + (list.notListed?.length ?? 0)).toBe(200);
    expect(list.unread).toBe(SEEDED + 210 - 200);
    expect(list.noun).toBe('coupon');
  });

  it('reads newest first, so the 15 past the pages are the oldest and said so (regression: StoreHippo\'s own order, any 15)', async () => {
    const list = await managerAdapter().listCoupons!();
    const codes = list.coupons.map((c) => c.code);
    // the last made (EXTRA0210) first, down to EXTRA0011; the first ten extras and the five seeded are the oldest
    expect(codes[0]).toBe('EXTRA0210');
    expect(codes.at(-1)).toBe('EXTRA0011');
    expect(codes).not.toContain('EXTRA0010');
    expect(codes).not.toContain('WELCOME10');
    expect(list.unreadOldest).toBe(true);
  });

  it('a server that ignores the sort asked: the rest are counted, not said to be the oldest', async () => {
    const list = await managerAdapter((send) => (request, operation, options) => {
      const { sort: _ignored, ...query } = request.query ?? {};
      return send({ ...request, query }, operation, options);
    }).listCoupons!();
    expect(list.unread).toBe(SEEDED + 210 - 200);
    expect(list.coupons[0]!.code).toBe('WELCOME10');
    expect(list).not.toHaveProperty('unreadOldest');
  });

  it('says more were not read, without a number, where the answer has no total', async () => {
    // a server that leaves `paging` out (the contract: paging.total only when total=1 is honoured)
    const list = await managerAdapter((send) => async (request, operation, options) => {
      const answer = await send(request, operation, options);
      const { data } = answer.json as { data: unknown[] };
      return { ...answer, json: { data } };
    }).listCoupons!();
    expect(list.coupons.length + (list.notListed?.length ?? 0)).toBe(200);
    expect(list.unread).toBe('uncounted');
    expect(list.noun).toBe('coupon');
  });

  it('a store within the pages says nothing unread', async () => {
    const small = await startStoreHippoStore({ port: 0, extraCoupons: 195 });
    try {
      store = { ...store, apiBase: small.origin };
      const list = await managerAdapter().listCoupons!();
      expect(list.coupons.length + (list.notListed?.length ?? 0)).toBe(200);
      expect(list).not.toHaveProperty('unread');
    } finally {
      store = { ...store, apiBase: server.origin };
      await small.close();
    }
  });
});
