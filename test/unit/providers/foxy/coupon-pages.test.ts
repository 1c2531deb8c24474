/**
 * A Foxy store with more coupons than the pages the coupons screen reads (MAX_PAGES of PAGE_LIMIT):
 * the rest are said as unread coupons, counted by the last page's `total_items`. Before, past 1,000
 * they were neither listed nor counted. Against the faithful server (HAL paging, total_items a string).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credential } from '../../../../src/lib/connect/credential.ts';
import type { ApiRequest } from '../../../../src/lib/connect/request.ts';
import type { FoxyStoreConfig } from '../../../../src/lib/connect/store-config.ts';
import { MAX_PAGES, PAGE_LIMIT, createFoxyAdapter } from '../../../../src/lib/providers/foxy/adapter.ts';
import { foxyConnector } from '../../../../src/lib/providers/foxy/connector.ts';
import { FOXY_MODE } from '../../../../src/lib/providers/foxy-profile.ts';
import { DEMO_BUNDLE } from '../../../platforms/foxy/constants.ts';
import { startFoxyStore, type FoxyStore } from '../../../platforms/foxy/server.ts';
import { testTransport } from './seam-fixture.ts';

/** The seeded coupons (seed.ts): five with codes, two without. */
const SEEDED = 7;
const READ = MAX_PAGES * PAGE_LIMIT;

const servers: FoxyStore[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

/** Extra coupons for 31 past the pages read. */
const EXTRA = READ + 30 - SEEDED + 1;

async function couponsOf(extraCoupons: number, { ignoreOrder = false } = {}) {
  const server = await startFoxyStore({ port: 0, extraCoupons });
  servers.push(server);
  const store: FoxyStoreConfig = { id: 'foxy', kind: 'foxy', name: 'Foxy Store', apiBase: server.origin, auth: [FOXY_MODE] };
  const issued = await foxyConnector.connect({ store, fetch: globalThis.fetch, now: () => Date.now() }, { clientId: DEMO_BUNDLE.client_id, clientSecret: DEMO_BUNDLE.client_secret, refreshToken: DEMO_BUNDLE.refresh_token });
  const credential: Credential = { v: 2, storeId: store.id, kind: 'foxy', ...issued };
  server.resetStats();
  const { send } = testTransport(store, credential);
  // ignoreOrder: the `order` pair taken off every request, as a Foxy that ignored it would answer
  const list = await createFoxyAdapter({ store, send: ignoreOrder ? (request, ...rest) => send(withoutOrder(request), ...rest) : send }).listCoupons!();
  const pages = server.requests().filter((r) => /\/coupons\?/.test(r.path));
  return { list, couponPages: pages.length, orders: pages.map((r) => new URL(r.path, server.origin).searchParams.get('order')) };
}

function withoutOrder(request: ApiRequest): ApiRequest {
  if (request.url === undefined) return request;
  const url = new URL(request.url);
  url.searchParams.delete('order');
  return { ...request, url: url.href };
}

describe('Foxy coupons past the pages read (regression: past MAX_PAGES neither listed nor counted)', () => {
  let big: Awaited<ReturnType<typeof couponsOf>>;
  beforeAll(async () => {
    big = await couponsOf(EXTRA);
  });

  it('reads MAX_PAGES pages and counts the coupons past them by total_items, as coupons', () => {
    expect(big.couponPages).toBe(MAX_PAGES);
    expect(big.list.coupons.length + (big.list.notListed?.length ?? 0)).toBe(READ);
    expect(big.list.unread).toBe(31);
    expect(big.list.noun).toBe('coupon');
  });

  it('reads newest first, so the 31 past the pages are the oldest and said so (regression: Foxy\'s own order, any 31)', () => {
    expect(big.orders).toEqual(Array.from({ length: MAX_PAGES }, () => 'date_created desc'));
    const codes = big.list.coupons.map((c) => c.code);
    // the last made (EXTRA1024) first, down to the 1,000th newest; the seven seeded and the first 24 extras are the oldest
    expect(codes[0]).toBe(`EXTRA${String(EXTRA).padStart(4, '0')}`);
    expect(codes.at(-1)).toBe(`EXTRA${String(EXTRA - READ + 1).padStart(4, '0')}`);
    expect(codes).not.toContain(`EXTRA${String(EXTRA - READ).padStart(4, '0')}`);
    expect(codes).not.toContain('SPRING10');
    expect(big.list.unreadOldest).toBe(true);
  });

  it('a server that ignores the order asked: the rest are counted, not said to be the oldest', async () => {
    const { list } = await couponsOf(EXTRA, { ignoreOrder: true });
    expect(list.unread).toBe(31);
    expect(list.coupons[0]!.code).toBe('SPRING10');
    expect(list).not.toHaveProperty('unreadOldest');
  });

  it('a store that fills the pages exactly says nothing unread', async () => {
    const { list } = await couponsOf(READ - SEEDED);
    expect(list.coupons.length + (list.notListed?.length ?? 0)).toBe(READ);
    expect(list).not.toHaveProperty('unread');
  });
});
