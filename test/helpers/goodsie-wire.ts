/** Wire fixtures shaped as in goodsie-api.yaml, shared by the provider and API client tests. */

export function wireProduct(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'p-100',
    name: 'Linen apron',
    description: '<p>Heavy <strong>linen</strong>.</p>',
    description_short: 'Heavy linen apron',
    cost: '$19.90',
    cost_raw: 19.899999999999999,
    currency: 'USD',
    compare_at_cost_raw: 24.5,
    images: [{ url: 'https://cdn.shop.example/apron.jpg', alt: 'An apron', width: 800, height: 600 }],
    categories: ['kitchen'],
    tags: ['linen', 'gift'],
    permalink: 'https://shop.example/products/linen-apron',
    in_stock: true,
    published: true,
    created: '2024-03-01T10:00:00Z',
    updated: '2024-03-02T11:30:00Z',
    ...overrides,
  };
}

export function wirePaging(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { page: 0, count: 20, total: 1, ...overrides };
}
