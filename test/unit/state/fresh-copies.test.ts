import { describe, expect, it } from 'vitest';
import type { Product } from '../../../src/lib/domain/catalog.ts';
import { FreshCopies } from '../../../src/lib/state/fresh-copies.ts';

function product(id: string, name: string, updated?: string): Product {
  return {
    id,
    name,
    descriptionHtml: '',
    descriptionShort: '',
    price: 10,
    currency: 'USD',
    compareAtPrice: null,
    images: [],
    categories: [],
    tags: [],
    inStock: true,
    published: true,
    created: '2024-01-01T00:00:00Z',
    ...(updated !== undefined ? { updated } : {}),
  };
}

describe('FreshCopies', () => {
  it('puts a later copy of a listed product in its place, in a new array; the list itself is untouched', () => {
    const copies = new FreshCopies();
    const list = [product('a', 'Apron', '2024-03-01T10:00:00Z'), product('b', 'Bowl', '2024-03-01T10:00:00Z')];
    copies.note('demo', product('b', 'Bowl, glazed', '2024-03-02T09:00:00.000+00:00'));
    const fresh = copies.freshen('demo', list);
    expect(fresh.map((p) => p.name)).toEqual(['Apron', 'Bowl, glazed']);
    expect(fresh).not.toBe(list);
    expect(list[1]!.name).toBe('Bowl');
  });

  it('keeps the listed product when it is as recent or more recent than the copy, and returns the same array', () => {
    const copies = new FreshCopies();
    const list = [product('a', 'Apron (listed later)', '2024-03-05T00:00:00Z'), product('b', 'Bowl', '2024-03-01T00:00:00Z')];
    copies.note('demo', product('a', 'Apron (opened earlier)', '2024-03-01T00:00:00Z'));
    copies.note('demo', product('b', 'Bowl (same version)', '2024-03-01T00:00:00Z'));
    expect(copies.freshen('demo', list)).toBe(list);
  });

  it('takes the copy where a version time is missing on either side; other stores and products are left alone', () => {
    const copies = new FreshCopies();
    copies.note('demo', product('a', 'Apron, renamed'));
    const list = [product('a', 'Apron', '2024-03-01T00:00:00Z'), product('c', 'Cup')];
    expect(copies.freshen('demo', list).map((p) => p.name)).toEqual(['Apron, renamed', 'Cup']);
    expect(copies.freshen('other', list)).toBe(list);
    copies.note('demo', product('a', 'Apron, renamed again'));
    expect(copies.freshen('demo', list)[0]!.name).toBe('Apron, renamed again');
  });

  it('a product sold in variants: the stock its variants say as read after it, at the same version (a variant’s save leaves the parent’s updated)', () => {
    const copies = new FreshCopies();
    const at = '2024-03-01T00:00:00Z';
    const potatoes: Product = { ...product('p', 'Potatoes', at), soldInVariants: true };
    const list = [potatoes, product('b', 'Bowl', at)];
    const variant = (id: string, inStock: boolean) => ({ id, name: id, options: [], price: null, inStock });
    // the page's read of it, then of its variants, every one saved at 0
    copies.note('demo', potatoes);
    copies.noteVariants('demo', potatoes, { variants: [variant('s', false), variant('l', false)], more: false });
    expect(copies.freshen('demo', list).map((p) => p.inStock)).toEqual([false, true]);
    // one back in stock
    copies.noteVariants('demo', potatoes, { variants: [variant('s', false), variant('l', true)], more: false });
    expect(copies.freshen('demo', list).map((p) => p.inStock)).toEqual([true, true]);
    // a listed later version is kept
    const later = [{ ...potatoes, updated: '2024-03-02T00:00:00Z' }];
    copies.noteVariants('demo', potatoes, { variants: [variant('s', false)], more: false });
    expect(copies.freshen('demo', later)).toBe(later);
  });
});
