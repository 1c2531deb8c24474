/**
 * Shopware refusals the adapter can do without, against the faithful server, by the requests sent:
 * a 403 naming any right other than the advanced prices' is said at once, never asked a second time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import { HttpError } from '../../../../src/lib/oauth/http-errors.ts';
import { BROWSE } from '../../../platforms/shopware/client.ts';
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

async function rejection(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as HttpError;
}

describe('a refusal naming other rights is said after one request', () => {
  it('products (asked with their advanced prices): one search each, the missing rights named', async () => {
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
    } finally {
      await other.close();
    }
  });
});
