/**
 * The widget's Shopware reader against the faithful server's Store API (platforms.md 4.7): the body
 * it posts, the cards it reads, and that they say what the app's Admin API mapping (map.ts) says
 * about the same products: the slim reader parses less, never differently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import { buildProductListCriteria } from '../../../../src/lib/providers/shopware6/criteria.ts';
import { mapAdminProduct, readSearchResult } from '../../../../src/lib/providers/shopware6/map.ts';
import { buildStoreCardCriteria, readStoreCard } from '../../../../src/lib/providers/shopware6/storefront.ts';
import { SW_DEFAULT_CURRENCY_ID } from '../../../../src/lib/providers/shopware6/wire.ts';
import type { StorefrontCard } from '../../../../src/lib/providers/types.ts';
import { formatPrice } from '../../../../src/lib/shared/money.ts';
import { apiSearch, integrationToken, storeApi } from '../../../platforms/shopware/client.ts';
import { startShopwareStore, type ShopwareStore } from '../../../platforms/shopware/server.ts';
import { requirePrice } from '../../../helpers/prices.ts';

let store: ShopwareStore;
beforeAll(async () => {
  store = await startShopwareStore({ port: 0 });
});
afterAll(() => store.close());

async function cards(path: 'product' | 'search', query: { limit: number; category: string; search: string }): Promise<StorefrontCard[]> {
  const answer = await storeApi(store.origin, path, buildStoreCardCriteria(query));
  expect(answer.status).toBe(200);
  return (answer.json.elements as unknown[]).map((element) => readStoreCard(element, 'EUR'));
}

/** What a card shows of a price before a reduction: only one that reads higher. */
function shownWas(price: number, was: number | null): string | null {
  return was !== null && formatPrice(was, 'EUR', 'en') !== formatPrice(price, 'EUR', 'en') && was > price ? formatPrice(was, 'EUR', 'en') : null;
}

describe('Store API -> cards (widget)', () => {
  it('posts main products only, newest first, the category by name, and only the fields a card shows', () => {
    expect(buildStoreCardCriteria({ limit: 8, category: 'Fruit', search: '' })).toEqual({
      limit: 8,
      search: '',
      filter: [
        { type: 'equals', field: 'parentId', value: null },
        { type: 'equals', field: 'categories.name', value: 'Fruit' },
      ],
      sort: '-createdAt',
      associations: { cover: {}, media: { sort: 'position' }, children: {} },
      includes: expect.objectContaining({ product: ['id', 'name', 'translated', 'calculatedCheapestPrice', 'available', 'cover', 'media', 'children'], media: ['url', 'alt'] }),
    });
    expect(buildStoreCardCriteria({ limit: 8, category: '', search: 'pears' })).toMatchObject({ search: 'pears', filter: [{ field: 'parentId' }] });
  });

  it('reads the shopper’s price, the list price, the first http(s) picture and availability; no inactive product comes back', async () => {
    const all = await cards('product', { limit: 100, category: '', search: '' });
    const byName = new Map(all.map((card) => [card.name, card]));
    expect(byName.has('Seasonal Stollen')).toBe(false);
    expect(byName.has('Pink Lady Apples 2 kg')).toBe(false);
    expect(byName.get('Pink Lady Apples 1 kg')).toMatchObject({ price: 2.99, compareAtPrice: 3.49, currency: 'EUR', inStock: true, image: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/media\/.*pink-lady\.svg$/), alt: 'Apples' } });
    // a list price below the price is sent; the card does not show it (render.ts, shownWas here)
    expect(shownWas(byName.get('Conference Pears')!.price, byName.get('Conference Pears')!.compareAtPrice)).toBeNull();
    // the name only in the translation; no picture at all
    expect(byName.get('Bananas')).toMatchObject({ inStock: false, image: undefined });
    // a parent whose own stock is 0 (not available) with a variant in stock: in stock, as the shop sells it
    expect(byName.get('Potatoes')).toMatchObject({ inStock: true });
    // the cover is a javascript: URL: the gallery's next picture instead
    const onion = all.find((card) => card.name.startsWith('Red Onions'));
    expect(onion?.image?.url).toMatch(/^http:\/\//);
  });

  it('prices a product as the shop’s card does, by its cheapest price: advanced prices for this shopper, one the price, several "From" the last (the most items); a parent "From" its cheapest variant where they differ; then with no list price (regressions: Leeks read €1.09, one item’s price, where the shop says From €0.95; Potatoes €1.53, where its 5 kg costs €4.49)', async () => {
    const all = await cards('product', { limit: 100, category: '', search: '' });
    expect(all.find((card) => card.name === 'Carrots')).toMatchObject({ price: 0.69, from: false });
    expect(all.find((card) => card.name === 'Leeks')).toMatchObject({ price: 0.95, from: true, compareAtPrice: null });
    expect(all.find((card) => card.name === 'Kale')).toMatchObject({ price: 1.9, from: false });
    expect(all.find((card) => card.name === 'Potatoes')).toMatchObject({ price: 1.53, from: true, compareAtPrice: null });
    // list prices (price-unit.html.twig: struck through only where it does not say "From")
    const price = (unitPrice: number, listPrice: number | null, hasRange: boolean) => ({ unitPrice, listPrice: listPrice === null ? null : { price: listPrice }, hasRange });
    const product = { id: 'a'.repeat(32), name: 'Leeks', available: true };
    expect(readStoreCard({ ...product, calculatedCheapestPrice: price(1.09, 1.3, false) }, 'EUR')).toMatchObject({ price: 1.09, compareAtPrice: 1.3, from: false });
    expect(readStoreCard({ ...product, calculatedCheapestPrice: price(0.95, 1.2, true) }, 'EUR')).toMatchObject({ price: 0.95, compareAtPrice: null, from: true });
  });

  it('searches through /store-api/search and filters by category name', async () => {
    expect((await cards('search', { limit: 24, category: '', search: ' cherries ' })).map((card) => card.name)).toEqual(['Cherries 500 g']);
    expect((await cards('product', { limit: 24, category: 'Fruit', search: '' })).map((card) => card.name).sort()).toEqual(['Bananas', 'Cherries 500 g', 'Conference Pears', 'Pink Lady Apples 1 kg']);
  });

  it('says what the app’s Admin API mapping says about every product (name, price as shown, picture, availability)', async () => {
    const token = await integrationToken(store.origin);
    const admin = readSearchResult((await apiSearch(store.origin, 'product', token, buildProductListCriteria({ count: 100 }, 'storefront'))).json, 1, 100);
    const products = admin.data.map((element, index) => mapAdminProduct(element, { currency: { id: SW_DEFAULT_CURRENCY_ID, isoCode: 'EUR', factor: 1 }, admin: false }, `data[${index}]`));
    const all = await cards('product', { limit: 100, category: '', search: '' });
    expect(all.length).toBe(products.length);
    expect(all.length).toBeGreaterThan(20);
    all.forEach((card, index) => {
      const product = products[index]!;
      expect(card.name).toBe(product.name);
      // a product with advanced prices for every shopper costs the last of them, "From" it where there are several (the Admin API shows its default price);
      // a parent sold in variants, what the app's card shows (storefrontPrice)
      const advanced = store.getProduct(product.id)?.advancedPrices;
      expect(formatPrice(card.price, 'EUR', 'en')).toBe(formatPrice(advanced?.at(-1)?.gross ?? product.storefrontPrice?.price ?? requirePrice(product), 'EUR', 'en'));
      expect(card.from).toBe((advanced?.length ?? 0) > 1 || (product.storefrontPrice?.from ?? false));
      expect(shownWas(card.price, card.compareAtPrice)).toBe(product.compareAtPrice === null ? null : formatPrice(product.compareAtPrice, 'EUR', 'en'));
      expect(card.image).toEqual(product.images[0]);
      expect(card.inStock).toBe(product.inStock);
    });
  });

  it('with the storefront address, links each card to the Storefront’s /detail/{productId} page of that product; without it, no link', async () => {
    const shop = `${store.origin}/`.replace(/\/$/, '');
    const answer = await storeApi(store.origin, 'product', buildStoreCardCriteria({ limit: 100, category: '', search: '' }));
    const elements = answer.json.elements as { id: string; translated: { name: string } }[];
    const linked = elements.map((element) => readStoreCard(element, 'EUR', shop));
    expect(linked.length).toBeGreaterThan(20);
    linked.forEach((card, index) => expect(card.permalink).toBe(`${shop}/detail/${elements[index]!.id}`));
    // the faithful Storefront answers each with that product's page
    const apples = linked.find((card) => card.name === 'Pink Lady Apples 1 kg')!;
    const page = await fetch(apples.permalink!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>Pink Lady Apples 1 kg</h1>');
    expect(elements.map((element) => readStoreCard(element, 'EUR').permalink)).toEqual(elements.map(() => undefined));
    expect(elements.map((element) => readStoreCard(element, 'EUR', '').permalink)).toEqual(elements.map(() => ''));
  });

  it('refuses an answer without calculatedCheapestPrice or without any name', () => {
    expect(() => readStoreCard({ translated: { name: 'A' } }, 'EUR')).toThrow(AppError);
    expect(() => readStoreCard({ translated: { name: ' ' }, name: null, calculatedCheapestPrice: { unitPrice: 1 } }, 'EUR')).toThrow(AppError);
    expect(() => readStoreCard({ name: 'A', calculatedCheapestPrice: { unitPrice: '1' } }, 'EUR')).toThrow(AppError);
  });
});
