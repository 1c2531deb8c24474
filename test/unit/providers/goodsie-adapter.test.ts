import { describe, expect, it } from 'vitest';
import { createGoodsieAdapter } from '../../../src/lib/providers/goodsie-adapter.ts';
import { nextPageCursor, productPageOf } from '../../../src/lib/domain/catalog.ts';
import { loadAdapter } from '../../../src/lib/providers/loaders.ts';
import type { ApiRequest, Send } from '../../../src/lib/connect/request.ts';
import type { GoodsieStoreConfig } from '../../../src/lib/config/types.ts';
import { wireProduct } from '../../helpers/goodsie-wire.ts';

const store: GoodsieStoreConfig = {
  id: 'demo',
  kind: 'goodsie',
  name: 'Demo',
  apiBase: 'https://api.example',
  authorizationEndpoint: 'https://api.example/oauth2/authorize',
  clientId: 'c',
  redirectUri: 'https://app.example/',
  defaultScopes: ['storefront'],
  flow: 'token',
};

function fakeSend(pages: Array<{ page: number; count: number; total: number }>) {
  const sent: ApiRequest[] = [];
  const send: Send = async (request) => {
    sent.push(request);
    const paging = pages.shift()!;
    return { status: 200, headers: new Headers(), json: { products: [wireProduct()], orders: [], paging } };
  };
  return { send, sent };
}

describe('Goodsie adapter on the seam', () => {
  it('pages by cursor: the cursor is the next page number, null after the last', async () => {
    const { send, sent } = fakeSend([
      { page: 0, count: 20, total: 41 },
      { page: 2, count: 20, total: 41 },
    ]);
    const adapter = createGoodsieAdapter({ store, send });
    const first = await adapter.listProducts({ q: ' mug ' });
    expect(first).toMatchObject({ next: '1', total: 41 });
    expect(first.products).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'GET', path: '/api/v1/products', query: { page: '0', count: '20', q: 'mug' } });
    expect((await adapter.listProducts({}, '2')).next).toBeNull();
    expect(sent[1]!.query).toMatchObject({ page: '2' });
    await expect(adapter.listProducts({}, 'x')).rejects.toMatchObject({ code: 'API_BAD_REQUEST' });
    await expect(adapter.listProducts({ count: 500 })).rejects.toMatchObject({ code: 'API_BAD_REQUEST' });
  });
  it('pages orders the same way and sends edits as JSON bodies', async () => {
    const { send, sent } = fakeSend([{ page: 0, count: 5, total: 5 }]);
    const adapter = createGoodsieAdapter({ store, send });
    expect(await adapter.listOrders!(null, { count: 5 })).toEqual({ orders: [], next: null, total: 5 });
    expect(nextPageCursor({ page: 0, count: 5, total: 6 }, 5)).toBe('1');
    expect(nextPageCursor({ page: 0, count: 5, total: 6 }, 0)).toBeNull();
    await adapter.updateProduct!('p 1', { name: 'N' }, '2026-01-01T00:00:00Z').catch(() => undefined);
    expect(sent[1]).toMatchObject({ method: 'PATCH', path: '/api/v1/products/p%201', body: { json: { name: 'N', updated: '2026-01-01T00:00:00Z' } } });
  });
  it('a page whose products the store sent unreadable says how many it left out, and the list pages on past it', () => {
    const paging = { page: 0, count: 5, total: 12 };
    expect(productPageOf({ products: [], paging, skipped: 5 })).toEqual({ products: [], next: '1', total: 12, skipped: 5 });
    expect(productPageOf({ products: [], paging })).toEqual({ products: [], next: null, total: 12 });
  });
  it('is what the registry loads for kind goodsie', async () => {
    expect(await loadAdapter('goodsie')).toBe(createGoodsieAdapter);
  });
});
