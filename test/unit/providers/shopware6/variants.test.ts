/**
 * A Shopware parent's variants for its product page: the criteria (variants.ts) sent to the faithful
 * server, its real answer mapped, plus hand-made answers for what the seed does not hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import { chooseCurrency, readCurrencyTable, type CurrencyTable } from '../../../../src/lib/providers/shopware6/currency.ts';
import { buildCurrencyCriteria } from '../../../../src/lib/providers/shopware6/criteria.ts';
import { readSearchResult } from '../../../../src/lib/providers/shopware6/map.ts';
import { buildVariantCriteria, mapVariants } from '../../../../src/lib/providers/shopware6/variants.ts';
import { BROWSE, apiSearch, integrationToken } from '../../../platforms/shopware/client.ts';
import { SEED_IDS } from '../../../platforms/shopware/seed.ts';
import { startShopwareStore, type ShopwareStore } from '../../../platforms/shopware/server.ts';

let store: ShopwareStore;
let token: string;
let table: CurrencyTable;

beforeAll(async () => {
  store = await startShopwareStore({ port: 0 });
  token = await integrationToken(store.origin, BROWSE);
  table = readCurrencyTable(readSearchResult((await apiSearch(store.origin, 'currency', token, buildCurrencyCriteria())).json, 1, 100).data);
});
afterAll(() => store.close());

const EUR = (): ReturnType<typeof chooseCurrency> => chooseCurrency(table, 'EUR');

function option(group: string, groupPosition: number, name: string, position: number): object {
  return { id: 'a'.repeat(32), groupId: 'b'.repeat(32), name, position, translated: { name }, group: { id: 'b'.repeat(32), name: group, position: groupPosition, translated: { name: group } } };
}

function variant(id: string, fields: object): object {
  return { id, productNumber: `SW-${id.slice(-2)}`, parentId: SEED_IDS.potatoes, name: null, translated: { name: null }, price: null, available: true, active: null, options: [], ...fields };
}

describe('a parent’s variants (Shopware)', () => {
  it('asks one search for the parent’s variants with their options and groups, and refuses an id that is not one', () => {
    const criteria = buildVariantCriteria(SEED_IDS.potatoes);
    expect(criteria.filter).toEqual([{ type: 'equals', field: 'parentId', value: SEED_IDS.potatoes }]);
    expect(criteria.associations).toEqual({ options: { associations: { group: {} } } });
    expect(criteria.includes?.product).toEqual(expect.arrayContaining(['price', 'available', 'active', 'options']));
    expect(() => buildVariantCriteria('../1')).toThrow(AppError);
    // for a role that may not read the options: the same search without them
    const plain = buildVariantCriteria(SEED_IDS.potatoes, false);
    expect(plain).not.toHaveProperty('associations');
    expect(plain.filter).toEqual(criteria.filter);
  });

  it('maps the server’s answer: options in the groups’ order, each one’s price, out of stock, a switched-off variant left out', async () => {
    const answer = await apiSearch(store.origin, 'product', token, buildVariantCriteria(SEED_IDS.potatoes));
    expect(answer.status).toBe(200);
    const { variants, more } = mapVariants(answer.json, { price: 1.53 }, EUR());
    expect(more).toBe(false);
    expect(variants).toEqual([
      { id: SEED_IDS.potatoesSmall, options: [{ group: 'Weight', option: '2.5 kg' }, { group: 'Variety', option: 'Charlotte' }], name: 'Potatoes 2.5 kg', price: 1.53, inStock: true, stock: 18, updated: expect.any(String) },
      { id: SEED_IDS.potatoesLarge, options: [{ group: 'Weight', option: '5 kg' }, { group: 'Variety', option: 'Charlotte' }], name: 'Potatoes 5 kg', price: 4.49, inStock: false, stock: 0, updated: expect.any(String) },
    ]);
    // a variant priced like its parent keeps its price
    expect(mapVariants(answer.json, { price: 4.49 }, EUR()).variants.find((v) => v.id === SEED_IDS.potatoesLarge)?.price).toBe(4.49);
  });

  it('gives a variant whose price is inherited (null without sw-inheritance) its parent’s price, never none', async () => {
    const answer = await apiSearch(store.origin, 'product', token, buildVariantCriteria(SEED_IDS.potatoes));
    // the faithful server answers as Shopware's Admin API does without the sw-inheritance header
    const small = (answer.json as { data: { id: string; price: unknown }[] }).data.find((v) => v.id === SEED_IDS.potatoesSmall);
    expect(small?.price).toBeNull();
    const priced = (parent: number | null) => mapVariants(answer.json, { price: parent }, EUR()).variants.find((v) => v.id === SEED_IDS.potatoesSmall)?.price;
    expect(priced(1.53)).toBe(1.53);
    expect(priced(2.2)).toBe(2.2);
    // a parent with no price this app can read: the variant has none either (said in words, not 0)
    expect(priced(null)).toBeNull();
  });

  it('prices a variant in the shown currency (the default’s × factor where it has no entry for it)', async () => {
    const answer = await apiSearch(store.origin, 'product', token, buildVariantCriteria(SEED_IDS.potatoes));
    const usd = chooseCurrency(table, 'USD');
    const large = mapVariants(answer.json, { price: 1.79 }, usd).variants.find((v) => v.id === SEED_IDS.potatoesLarge);
    expect(large?.price).toBe(Math.round(4.49 * usd.factor * 100) / 100);
  });

  it('orders variants by their options’ positions, names one without options by its number, skips an unreadable one, and says when more were not read', () => {
    const json = {
      total: 140,
      data: [
        variant('0'.repeat(30) + '0c', { options: [option('Colour', 2, 'Red', 1), option('Size', 1, 'L', 3)] }),
        variant('0'.repeat(30) + '0a', { options: [option('Size', 1, 'M', 2), option('Colour', 2, 'Blue', 2)], available: false }),
        variant('0'.repeat(30) + '0b', { options: [option('Size', 1, 'M', 2), option('Colour', 2, 'Red', 1)] }),
        variant('0'.repeat(30) + '0d', { options: null }),
        variant('not-an-id', {}),
      ],
      aggregations: [],
    };
    const { variants, more } = mapVariants(json, { price: 10 }, EUR());
    expect(more).toBe(true);
    expect(variants.map((v) => v.options.map((o) => `${o.group}: ${o.option}`).join(' · ') || v.name)).toEqual(['Size: M · Colour: Red', 'Size: M · Colour: Blue', 'Size: L · Colour: Red', 'SW-0d']);
    expect(variants[1]?.inStock).toBe(false);
  });

  it('an answer that is no search result is an invalid response', () => {
    let error: unknown;
    try {
      mapVariants({ data: 'nope' }, { price: 1 }, EUR());
    } catch (e) {
      error = e;
    }
    expect((error as AppError).code).toBe('API_INVALID_RESPONSE');
  });
});
