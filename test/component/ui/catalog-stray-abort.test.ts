/**
 * A load stopped by anything but its own signal (a read it shared with a screen that was left, which
 * took the read down with it): the catalogue says it failed, with Try again, where it stayed loading
 * for ever with nothing on screen; its own stop (a newer query) stays silent.
 */
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../../src/lib/state/catalog.svelte.ts';
import type { Cursor, Product, ProductPage } from '../../../src/lib/domain/catalog.ts';
import { mapProductAt } from '../../../src/lib/providers/goodsie-map.ts';
import { wireProduct } from '../../helpers/goodsie-wire.ts';

const product = (id: string): Product => mapProductAt(wireProduct({ id }), '$');
const strayAbort = () => new DOMException('another screen left', 'AbortError');

describe('Catalog: an abort that is not its own', () => {
  it('on the first page: an error to try again, not a list loading for ever', async () => {
    const catalog = new Catalog(async () => {
      throw strayAbort();
    });
    await catalog.load({});
    expect(catalog.status).toBe('error');
    expect(catalog.error).toBeInstanceOf(DOMException);
  });

  it('on a further page: the pages in stay, with the error where more would load', async () => {
    const catalog = new Catalog(async (_query, cursor): Promise<ProductPage> => {
      if (cursor) throw strayAbort();
      return { products: [product('a')], next: '1' as Cursor, total: 2 };
    });
    await catalog.load({});
    await catalog.loadMore();
    expect(catalog.products.map((p) => p.id)).toEqual(['a']);
    expect(catalog.moreError).toBeInstanceOf(DOMException);
  });

  it('its own stop, for a newer query, stays silent: the newer list shows', async () => {
    const catalog = new Catalog(
      (query, _cursor, signal) =>
        new Promise<ProductPage>((resolve, reject) => {
          if (query.q) return resolve({ products: [product('b')], next: null, total: 1 });
          signal?.addEventListener('abort', () => reject(signal.reason));
        }),
    );
    const first = catalog.load({});
    await catalog.load({ q: 'b' });
    await first;
    expect(catalog.status).toBe('ready');
    expect(catalog.error).toBeNull();
    expect(catalog.products.map((p) => p.id)).toEqual(['b']);
  });
});
