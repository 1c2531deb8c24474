/**
 * A Shopware shop with more promotions than one page: the coupons screen reads them page by page,
 * newest first, up to five pages of 100 (the newest 500), and counts the older ones it did not read.
 * Before, only the first 100 were read: the others were neither listed nor counted. Against the
 * faithful server, which pages as Shopware's RequestCriteriaBuilder does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestBody, Send } from '../../../../src/lib/connect/request.ts';
import { createShopware6Adapter } from '../../../../src/lib/providers/shopware6/adapter.ts';
import { ADMIN } from '../../../platforms/shopware/client.ts';
import { startShopwareStore, type ShopwareStore } from '../../../platforms/shopware/server.ts';
import { connectedAdapter, credentialOf, swStore, transport, type Sent } from './sw-transport.ts';
import { integrationConnector } from '../../../../src/lib/providers/shopware6/connectors.ts';

/** The seeded promotions (seed.ts): 8 with a fixed code, 3 left out (individual codes, automatic, switched off). */
const SEEDED = 11;
const admin = { accessKeyId: ADMIN.accessKeyId, secretAccessKey: ADMIN.secret };

const servers: ShopwareStore[] = [];
async function shop(extraPromotions: number): Promise<ShopwareStore> {
  const server = await startShopwareStore({ port: 0, extraPromotions });
  servers.push(server);
  return server;
}
afterAll(() => Promise.all(servers.map((s) => s.close())));

/** The pages the promotion searches asked for, in order. */
function promotionPages(sent: readonly (Sent & { body?: string })[]): { page: unknown; limit: unknown }[] {
  return sent.filter((s) => s.url.endsWith('/api/search/promotion')).map((s) => JSON.parse(s.body ?? '{}') as { page: unknown; limit: unknown }).map(({ page, limit }) => ({ page, limit }));
}

const jsonOf = (body: RequestBody | undefined): unknown => (body !== undefined && 'json' in body ? body.json : undefined);

describe('Shopware promotions past one page (regression: only the first 100 were read, the rest neither listed nor counted)', () => {
  let bigShop: ShopwareStore;
  beforeAll(async () => {
    bigShop = await shop(520);
  });

  it('reads a second page: the 131 promotions of a shop are all listed or said, none unread', async () => {
    const server = await shop(120);
    const { adapter } = await connectedAdapter(swStore(server.origin), 'integration', admin);
    const list = await adapter.listCoupons!();
    // every tenth of the 120 older ones has a code: BULK0010 … BULK0120, the oldest on the second page
    const bulk = list.coupons.map((c) => c.code).filter((code) => code.startsWith('BULK'));
    expect(bulk).toEqual(Array.from({ length: 12 }, (_, i) => `BULK${String((i + 1) * 10).padStart(4, '0')}`));
    expect(list.coupons.length + list.notListed!.length).toBe(SEEDED + 120);
    expect(list).not.toHaveProperty('unread');
  });

  it('reads at most five pages of 100, newest first, and counts the older ones it did not read', async () => {
    const sent: (Sent & { body?: string })[] = [];
    const store = swStore(bigShop.origin);
    const credential = { current: credentialOf(await integrationConnector.connect({ store, fetch, now: Date.now }, admin)) };
    const send: Send = transport(store, credential);
    // the same transport, with the request bodies kept (which page each search asked for)
    const spySend: Send = (request, operation, options) => {
      if (request.path === '/api/search/promotion') sent.push({ method: request.method, url: `${store.apiBase}${request.path}`, headers: new Headers(), body: JSON.stringify(jsonOf(request.body)) });
      return send(request, operation, options);
    };
    const adapter = createShopware6Adapter({ store, send: spySend });
    const list = await adapter.listCoupons!();
    expect(promotionPages(sent)).toEqual([1, 2, 3, 4, 5].map((page) => ({ page, limit: 100 })));
    // 531 in the shop, 500 read: the 31 oldest (Bulk 490 … Bulk 520) are counted, not listed
    expect(list.unread).toBe(SEEDED + 520 - 500);
    expect(list.coupons.length + list.notListed!.length).toBe(500);
    const codes = list.coupons.map((c) => c.code);
    expect(codes).toContain('BULK0480');
    expect(codes).not.toContain('BULK0490');
    // newest first, as Shopware's Administration lists them: the seeded ones before the bulk ones
    expect(codes.indexOf('SUMMER10')).toBeLessThan(codes.indexOf('BULK0010'));
    expect(codes.indexOf('BULK0010')).toBeLessThan(codes.indexOf('BULK0480'));
  });

  it('a promotion that comes again on the next page (one created meanwhile moved the others down) is listed once', async () => {
    const store = swStore(bigShop.origin);
    const credential = { current: credentialOf(await integrationConnector.connect({ store, fetch, now: Date.now }, admin)) };
    const send = transport(store, credential);
    let lastOfFirst: unknown;
    const shifting: Send = async (request, operation, options) => {
      const answer = await send(request, operation, options);
      if (request.path !== '/api/search/promotion') return answer;
      const data = (answer.json as { data: unknown[] }).data;
      const page = (jsonOf(request.body) as { page: number }).page;
      if (page === 1) lastOfFirst = data.at(-1);
      // what a promotion created between the two reads does: page 2 starts with page 1's last one
      if (page === 2) return { ...answer, json: { ...(answer.json as object), data: [lastOfFirst, ...data.slice(0, -1)] } };
      return answer;
    };
    const list = await createShopware6Adapter({ store, send: shifting }).listCoupons!();
    const codes = list.coupons.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    const names = list.notListed!.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('a shop of one page asks once and says nothing unread', async () => {
    const sent: Sent[] = [];
    const server = await shop(0);
    const { adapter } = await connectedAdapter(swStore(server.origin), 'integration', admin, sent);
    const list = await adapter.listCoupons!();
    expect(sent.filter((s) => s.url.endsWith('/api/search/promotion'))).toHaveLength(1);
    expect(list).not.toHaveProperty('unread');
    expect(list.coupons.length + list.notListed!.length).toBe(SEEDED);
  });
});
