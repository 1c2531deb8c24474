/**
 * A card drawn while the grid is flown through (holdImage) asks for no picture until the scroll
 * slows; a picture once shown stays when a fast scroll starts (issue 15: the cards scrolled past
 * at speed requested and decoded pictures no one saw).
 */
import { cleanup, render } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ProductCard from '../../../src/lib/components/ProductCard.svelte';
import type { Product } from '../../../src/lib/domain/catalog.ts';

afterEach(cleanup);

const product = (images: Product['images']): Product => ({
  id: 'p-1',
  name: 'Linen apron',
  descriptionHtml: '',
  descriptionShort: '',
  price: 19.9,
  currency: 'USD',
  compareAtPrice: null,
  images,
  categories: [],
  tags: [],
  inStock: true,
  published: true,
  created: '2026-01-01T00:00:00Z',
});
const PICTURE = { url: 'https://shop.example/images/p-1.jpg', alt: '', width: 400, height: 400 };

describe('ProductCard', () => {
  it('holds its picture while drawn during a fast scroll, shows it once the scroll slows, and keeps it', async () => {
    const { container, rerender } = render(ProductCard, { props: { product: product([PICTURE]), storeId: 'demo', holdImage: true } });
    expect(container.querySelector('img')).toBeNull();
    // Not the "no picture" mark either: the space looks like a picture still loading.
    expect(container.querySelector('.no-image')).toBeNull();
    await rerender({ holdImage: false });
    expect(container.querySelector('img')).toHaveAttribute('src', PICTURE.url);
    await rerender({ holdImage: true });
    expect(container.querySelector('img')).toHaveAttribute('src', PICTURE.url);
  });

  it('shows its picture at once when drawn at rest, and the "no picture" mark when it has none', () => {
    const { container } = render(ProductCard, { props: { product: product([PICTURE]), storeId: 'demo' } });
    expect(container.querySelector('img')).toHaveAttribute('src', PICTURE.url);
    cleanup();
    const bare = render(ProductCard, { props: { product: product([]), storeId: 'demo', holdImage: true } });
    expect(bare.container.querySelector('img')).toBeNull();
    expect(bare.container.querySelector('.no-image')).not.toBeNull();
  });
});
