/**
 * A Foxy store with more coupons than the pages the coupons screen reads (MAX_PAGES of PAGE_LIMIT):
 * the rest are said as unread coupons, counted by the last page's `total_items`. Before, past 1,000
 * they were neither listed nor counted. Against the faithful server (HAL paging, total_items a string).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credential } from '../../../../src/lib/connect/credential.ts';
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

async function couponsOf(extraCoupons: number) {
  const server = await startFoxyStore({ port: 0, extraCoupons });
  servers.push(server);
  const store: FoxyStoreConfig = { id: 'foxy', kind: 'foxy', name: 'Foxy Store', apiBase: server.origin, auth: [FOXY_MODE] };
  const issued = await foxyConnector.connect({ store, fetch: globalThis.fetch, now: () => Date.now() }, { clientId: DEMO_BUNDLE.client_id, clientSecret: DEMO_BUNDLE.client_secret, refreshToken: DEMO_BUNDLE.refresh_token });
  const credential: Credential = { v: 2, storeId: store.id, kind: 'foxy', ...issued };
  server.resetStats();
  const list = await createFoxyAdapter({ store, send: testTransport(store, credential).send }).listCoupons!();
  return { list, couponPages: server.requests().filter((r) => /\/coupons\?/.test(r.path)).length };
}

describe('Foxy coupons past the pages read (regression: past MAX_PAGES neither listed nor counted)', () => {
  let big: Awaited<ReturnType<typeof couponsOf>>;
  beforeAll(async () => {
    big = await couponsOf(READ + 30 - SEEDED + 1);
  });

  it('reads MAX_PAGES pages and counts the coupons past them by total_items, as coupons', () => {
    expect(big.couponPages).toBe(MAX_PAGES);
    expect(big.list.coupons.length + (big.list.notListed?.length ?? 0)).toBe(READ);
    expect(big.list.unread).toBe(31);
    expect(big.list.noun).toBe('coupon');
    expect(big.list).not.toHaveProperty('unreadOldest');
    // the last read is listed, the first past the pages is not
    const codes = big.list.coupons.map((c) => c.code);
    expect(codes).toContain(`EXTRA${String(READ - SEEDED).padStart(4, '0')}`);
    expect(codes).not.toContain(`EXTRA${String(READ - SEEDED + 1).padStart(4, '0')}`);
  });

  it('a store that fills the pages exactly says nothing unread', async () => {
    const { list } = await couponsOf(READ - SEEDED);
    expect(list.coupons.length + (list.notListed?.length ?? 0)).toBe(READ);
    expect(list).not.toHaveProperty('unread');
  });
});
