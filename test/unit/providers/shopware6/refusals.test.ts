/**
 * Shopware refusals the adapter can do without, against the faithful server, by the requests sent:
 * a role without the property rights (Shopware's AclCriteriaValidator answers 403 naming them for
 * the variants' `options.group`) still lists the variants, asked again once without their options;
 * a 403 naming any other right is said at once, never asked a second time (products or variants).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../../../src/lib/domain/catalog.ts';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import { HttpError } from '../../../../src/lib/oauth/http-errors.ts';
import { OPTIONS_UNREAD } from '../../../../src/lib/providers/shopware6/variants.ts';
import { ADMIN, BROWSE, NO_PROPERTIES } from '../../../platforms/shopware/client.ts';
import { SEED_IDS } from '../../../platforms/shopware/seed.ts';
import { startShopwareStore, type ShopwareStore } from '../../../platforms/shopware/server.ts';
import { connectedAdapter, swStore, type Sent } from './sw-transport.ts';

let server: ShopwareStore;
beforeAll(async () => {
  server = await startShopwareStore({ port: 0 });
});
afterAll(() => server.close());

const integration = (who: typeof BROWSE) => ({ accessKeyId: who.accessKeyId, secretAccessKey: who.secret });
const productSearches = (sent: readonly Sent[]) => sent.filter((r) => r.method === 'POST' && r.url.endsWith('/api/search/product')).length;
/** What listVariants reads of the parent: its id and price. */
const POTATOES = { id: SEED_IDS.potatoes, price: 1.53 } as Product;

async function rejection(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as HttpError;
}

describe('variants for a role without the property rights', () => {
  it('are listed by name with price and stock, asked again once without their options, and say which rights show them', async () => {
    const sent: Sent[] = [];
    const { adapter } = await connectedAdapter(swStore(server.origin), 'integration', integration(NO_PROPERTIES), sent);
    const read = await adapter.listVariants!(POTATOES);
    expect(read.variants).toEqual([
      { id: SEED_IDS.potatoesSmall, options: [], name: 'Potatoes 2.5 kg', price: 1.53, inStock: true, stock: 18, updated: expect.any(String) },
      { id: SEED_IDS.potatoesLarge, options: [], name: 'Potatoes 5 kg', price: 4.49, inStock: false, stock: 0, updated: expect.any(String) },
    ]);
    expect(read.optionsUnread).toBe(OPTIONS_UNREAD);
    expect(read.optionsUnread).toMatch(/“property” read rights/);
    expect(productSearches(sent)).toBe(2);
    // the page opened again asks without the options straight away
    expect((await adapter.listVariants!(POTATOES)).variants).toHaveLength(2);
    expect(productSearches(sent)).toBe(3);
  });

  it('a role that may read them gets the options in one search, with no note', async () => {
    const sent: Sent[] = [];
    const { adapter } = await connectedAdapter(swStore(server.origin), 'integration', integration(BROWSE), sent);
    const read = await adapter.listVariants!(POTATOES);
    expect(read.variants.map((v) => v.options.map((o) => o.option).join(' '))).toEqual(['2.5 kg Charlotte', '5 kg Charlotte']);
    expect(read).not.toHaveProperty('optionsUnread');
    expect(productSearches(sent)).toBe(1);
  });
});

describe('a refusal naming other rights is said after one request', () => {
  it('products (asked with their advanced prices) and variants (with their options): one search each, the missing rights named', async () => {
    const other = await startShopwareStore({ port: 0 });
    try {
      const sent: Sent[] = [];
      const { adapter } = await connectedAdapter(swStore(other.origin), 'integration', integration(BROWSE), sent);
      await adapter.getMetadata();
      // deleted in the admin: its live token keeps no rights, so every search names product:read too
      other.revokeIntegration(BROWSE.accessKeyId);
      const before = productSearches(sent);
      const product = await rejection(adapter.getProduct(SEED_IDS.bananas));
      expect(product.code).toBe('API_INSUFFICIENT_SCOPE');
      expect(product.platformWords).toMatch(/product:read/);
      expect(productSearches(sent) - before).toBe(1);
      const list = await rejection(adapter.listProducts({ count: 5 }));
      expect(list.code).toBe('API_INSUFFICIENT_SCOPE');
      expect(productSearches(sent) - before).toBe(2);
      const variants = await rejection(adapter.listVariants!(POTATOES));
      expect(variants.code).toBe('API_INSUFFICIENT_SCOPE');
      expect(variants.platformWords).toMatch(/product:read/);
      expect(productSearches(sent) - before).toBe(3);
    } finally {
      await other.close();
    }
  });

  it('orders (asked with their deliveries): one search, the missing rights named (a role lacking only order_delivery:read, asked again without them: adapter.test.ts)', async () => {
    const other = await startShopwareStore({ port: 0 });
    const orderSearches = (sent: readonly Sent[]) => sent.filter((r) => r.method === 'POST' && r.url.endsWith('/api/search/order')).length;
    try {
      const sent: Sent[] = [];
      // the admin role reads deliveries: one search with them
      const { adapter } = await connectedAdapter(swStore(other.origin), 'integration', integration(ADMIN), sent);
      expect((await adapter.listOrders!()).orders.length).toBeGreaterThan(0);
      expect(orderSearches(sent)).toBe(1);
      other.revokeIntegration(ADMIN.accessKeyId);
      const refused = await rejection(adapter.listOrders!());
      expect(refused.code).toBe('API_INSUFFICIENT_SCOPE');
      expect(refused.platformWords).toMatch(/order:read/);
      expect(orderSearches(sent)).toBe(2);
    } finally {
      await other.close();
    }
  });
});
