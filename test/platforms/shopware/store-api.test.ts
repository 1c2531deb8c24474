import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSE, call, integrationToken, storeApi } from './client.ts';
import { SEED_IDS } from './seed.ts';
import { startShopwareStore, type ShopwareStore } from './server.ts';

let store: ShopwareStore;
let origin: string;

beforeAll(async () => {
  store = await startShopwareStore({ port: 0 });
  origin = store.origin;
});
afterAll(() => store.close());

describe('Store API (4.7)', () => {
  it('refuses a wrong or missing sw-access-key with 401 FRAMEWORK__API_SALES_CHANNEL_ACCESS_KEY_NOT_FOUND, and an Admin API token is no key', async () => {
    const wrong = await storeApi(origin, 'product', {}, 'SWSCWRONGKEY0000000000000');
    expect(wrong.status).toBe(401);
    expect(wrong.json.errors[0]).toMatchObject({ status: '401', code: 'FRAMEWORK__API_SALES_CHANNEL_ACCESS_KEY_NOT_FOUND' });
    expect(wrong.headers.get('access-control-allow-origin')).toBe('*');
    const token = await integrationToken(origin, BROWSE);
    const bearer = await call(`${origin}/store-api/product`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });
    expect(bearer.status).toBe(401);
  });

  it('lists only active products as {elements, total, page, limit, aggregations} with calculatedPrice and cover', async () => {
    const answer = await storeApi(origin, 'product', { page: 1, limit: 100, 'total-count-mode': 'exact', filter: [{ type: 'equals', field: 'parentId', value: null }] });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ total: 30, page: 1, limit: 100, aggregations: [], apiAlias: 'dal_entity_search_result' });
    const ids = answer.json.elements.map((p: { id: string }) => p.id);
    expect(ids).not.toContain(SEED_IDS.hiddenBread);
    expect(ids).not.toContain(SEED_IDS.applesVariant);
    const apples = answer.json.elements.find((p: { id: string }) => p.id === SEED_IDS.apples);
    expect(apples.calculatedPrice).toMatchObject({ unitPrice: 2.99, totalPrice: 2.99, listPrice: { price: 3.49, apiAlias: 'cart_list_price' }, apiAlias: 'calculated_price' });
    expect(apples.cover.media.url).toMatch(new RegExp(`^${store.mediaOrigin}/media/`));
    expect(apples.price).toBeUndefined();
    expect(apples.translated.name).toBe('Pink Lady Apples 1 kg');
  });

  it('shows an active variant (inherited) unless parentId = null is asked, never an inactive product', async () => {
    const all = (await storeApi(origin, 'product', { limit: 100 })).json.elements.map((p: { id: string }) => p.id);
    expect(all).toContain(SEED_IDS.applesVariant);
    expect(all).not.toContain(SEED_IDS.hiddenBread);
    const asked = await storeApi(origin, 'product', { ids: [SEED_IDS.hiddenBread] });
    expect(asked.json.elements).toEqual([]);
  });

  it('sends a parent’s variants as children, the active ones only (processCriteria filters every level)', async () => {
    const [potatoes] = (await storeApi(origin, 'product', { ids: [SEED_IDS.potatoes], associations: { children: {} } })).json.elements;
    expect(potatoes).toMatchObject({ available: false, childCount: 3 });
    expect(potatoes.children.map((c: { id: string }) => c.id).sort()).toEqual([SEED_IDS.potatoesSmall, SEED_IDS.potatoesLarge].sort());
  });

  it('prices as ProductPriceCalculator does: tiers at their quantity, the cheapest over the active variants or the open-ended tier, ranged where they differ', async () => {
    const ask = async (id: string): Promise<{ calculatedPrices: { unitPrice: number; quantity: number }[]; calculatedCheapestPrice: { unitPrice: number; hasRange: boolean; variantId: string; apiAlias: string } }> =>
      (await storeApi(origin, 'product', { ids: [id] })).json.elements[0];
    // Potatoes €1.53: 2.5 kg inherits it, 5 kg €4.49, 10 kg (€7.99) switched off
    expect((await ask(SEED_IDS.potatoes)).calculatedCheapestPrice).toMatchObject({ unitPrice: 1.53, hasRange: true, variantId: SEED_IDS.potatoesSmall, apiAlias: 'calculated_cheapest_price' });
    // Apples' one variant inherits its price: no range
    expect((await ask(SEED_IDS.apples)).calculatedCheapestPrice).toMatchObject({ unitPrice: 2.99, hasRange: false, variantId: SEED_IDS.applesVariant });
    const products = (await storeApi(origin, 'product', { limit: 100 })).json.elements as { id: string; translated: { name: string } }[];
    const idOf = (name: string): string => products.find((p) => p.translated.name === name)!.id;
    // Leeks: €1.09 to 9 items, €0.95 from 10 (quantityEnd ?? quantityStart); the cheapest is the open-ended tier, ranged
    const leeks = await ask(idOf('Leeks'));
    expect(leeks.calculatedPrices.map((p) => [p.quantity, p.unitPrice])).toEqual([[9, 1.09], [10, 0.95]]);
    expect(leeks.calculatedCheapestPrice).toMatchObject({ unitPrice: 0.95, hasRange: true, variantId: idOf('Leeks') });
    // Carrots: one advanced price from 1 item: that, no range
    const carrots = await ask(idOf('Carrots'));
    expect(carrots.calculatedPrices.map((p) => [p.quantity, p.unitPrice])).toEqual([[1, 0.69]]);
    expect(carrots.calculatedCheapestPrice).toMatchObject({ unitPrice: 0.69, hasRange: false });
  });

  it('applies includes, sort and page', async () => {
    const answer = await storeApi(origin, 'product', { limit: 3, page: 2, sort: [{ field: 'name', order: 'ASC' }], includes: { product: ['id', 'translated', 'calculatedPrice'], calculated_price: ['unitPrice'] } });
    expect(answer.json.elements).toHaveLength(3);
    expect(Object.keys(answer.json.elements[0]).sort()).toEqual(['apiAlias', 'calculatedPrice', 'id', 'translated']);
    expect(Object.keys(answer.json.elements[0].calculatedPrice).sort()).toEqual(['apiAlias', 'unitPrice']);
  });

  it('searches with POST /store-api/search {search}, and refuses a missing term', async () => {
    const answer = await storeApi(origin, 'search', { search: 'cherries' });
    expect(answer.json).toMatchObject({ apiAlias: 'product_listing', total: 1, elements: [{ id: SEED_IDS.cherries }] });
    const hidden = await storeApi(origin, 'search', { search: 'stollen' });
    expect(hidden.json.total).toBe(0);
    expect((await storeApi(origin, 'search', {})).json.errors[0].code).toBe('FRAMEWORK__MISSING_REQUEST_PARAMETER');
  });

  it("answers GET /store-api/context with the sales channel's currency", async () => {
    const answer = await storeApi(origin, 'context');
    expect(answer.json).toMatchObject({ currency: { isoCode: 'EUR' }, salesChannel: { name: 'Storefront' }, apiAlias: 'sales_channel_context' });
  });
});
