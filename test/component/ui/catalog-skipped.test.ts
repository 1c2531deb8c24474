/**
 * Products a store sent unreadable (left out by the platform's mapper, ProductPage.skipped): the
 * catalogue adds them up over the pages loaded, says so over the cards, starts again at none for
 * another query, and a page of nothing but such products does not end the list.
 */
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../../src/lib/state/catalog.svelte.ts';
import type { Cursor, Product, ProductPage } from '../../../src/lib/domain/catalog.ts';
import { mapProductAt } from '../../../src/lib/providers/goodsie-map.ts';
import { wireProduct } from '../../helpers/goodsie-wire.ts';

const product = (id: string): Product => mapProductAt(wireProduct({ id }), '$');

describe('Catalog: products the store sent unreadable', () => {
  it('adds them up over the pages, pages on past a page of nothing else, and starts again at none for another query', async () => {
    const pages: Record<string, ProductPage> = {
      first: { products: [product('a')], next: '1' as Cursor, total: 5, skipped: 1 },
      '1': { products: [], next: '2' as Cursor, total: 5, skipped: 2 },
      '2': { products: [product('b')], next: null, total: 5 },
      other: { products: [product('c')], next: null, total: 1 },
    };
    const catalog = new Catalog(async (query, cursor) => pages[cursor ?? (query.q ? 'other' : 'first')]!);
    await catalog.load({});
    expect(catalog.skipped).toBe(1);
    await catalog.loadMore();
    expect(catalog.skipped).toBe(3);
    expect(catalog.hasMore).toBe(true);
    await catalog.loadMore();
    expect(catalog.products.map((p) => p.id)).toEqual(['a', 'b']);
    expect(catalog.hasMore).toBe(false);
    await catalog.load({ q: 'c' });
    expect(catalog.skipped).toBe(0);
  });

  it('sales the whole catalogue is derived from that could not be read (Foxy): kept over further pages and through Back, none for a list without', async () => {
    const pages: Record<string, ProductPage> = {
      first: { products: [product('a')], next: '1' as Cursor, total: 2, unreadSales: 3 },
      '1': { products: [product('b')], next: null, total: 2, unreadSales: 3 },
      other: { products: [product('c')], next: null, total: 1 },
    };
    const catalog = new Catalog(async (query, cursor) => pages[cursor ?? (query.q ? 'other' : 'first')]!);
    await catalog.load({});
    expect(catalog.unreadSales).toBe(3);
    await catalog.loadMore();
    expect(catalog.unreadSales).toBe(3);
    const snapshot = catalog.snapshot()!;
    await catalog.load({ q: 'c' });
    expect(catalog.unreadSales).toBe(0);
    catalog.restore(snapshot);
    expect(catalog.unreadSales).toBe(3);
  });
});
