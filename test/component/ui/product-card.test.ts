/**
 * A card drawn while the grid is flown through (hold) asks for no picture and draws no price or
 * stock until the scroll slows; once shown they stay when a fast scroll starts (issue 15: the cards
 * scrolled past at speed requested and decoded pictures no one saw, and a screenful of whole cards
 * was drawn every frame).
 */
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ProductCard from '../../../src/lib/components/ProductCard.svelte';
import Price from '../../../src/lib/components/Price.svelte';
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
  it('holds its picture, price and stock while drawn during a fast scroll (its name shows), shows them once the scroll slows, and keeps them', async () => {
    const sold = { ...product([PICTURE]), inStock: false };
    const { container, rerender } = render(ProductCard, { props: { product: sold, storeId: 'demo', hold: true } });
    expect(container.querySelector('h3')).toHaveTextContent('Linen apron');
    expect(container.querySelector('img')).toBeNull();
    // Not the "no picture" mark either: the space looks like a picture still loading.
    expect(container.querySelector('.no-image')).toBeNull();
    expect(container.querySelector('.price')).toBeNull();
    expect(container).not.toHaveTextContent('Out of stock');
    // The price's place is marked (a card with no price line at all read as a product with no price).
    expect(container.querySelector('.meta .price-slot')).toHaveAttribute('aria-hidden', 'true');
    await rerender({ hold: false });
    expect(container.querySelector('.price-slot')).toBeNull();
    expect(container.querySelector('img')).toHaveAttribute('src', PICTURE.url);
    expect(container.querySelector('.price')).toHaveTextContent('19.90');
    expect(container).toHaveTextContent('Out of stock');
    await rerender({ hold: true });
    expect(container.querySelector('img')).toHaveAttribute('src', PICTURE.url);
    expect(container.querySelector('.price')).toHaveTextContent('19.90');
  });

  it('shows its picture at once when drawn at rest, and the "no picture" mark when it has none', () => {
    const { container } = render(ProductCard, { props: { product: product([PICTURE]), storeId: 'demo' } });
    expect(container.querySelector('img')).toHaveAttribute('src', PICTURE.url);
    cleanup();
    const bare = render(ProductCard, { props: { product: product([]), storeId: 'demo', hold: true } });
    expect(bare.container.querySelector('img')).toBeNull();
    expect(bare.container.querySelector('.no-image')).not.toBeNull();
  });

  it('a picture that will not load (gone, its host unreachable or refused by the CSP) gives way to the "no picture" mark', async () => {
    const { container } = render(ProductCard, { props: { product: product([PICTURE]), storeId: 'demo' } });
    const img = container.querySelector('img');
    expect(img).toHaveAttribute('src', PICTURE.url);
    await fireEvent.error(img!);
    expect(container.querySelector('img')).toBeNull();
    const mark = container.querySelector('.media .no-image');
    expect(mark).toHaveTextContent('No picture');
    // Beside the product's name, as the picture was (alt ""): nothing for a screen reader.
    expect(mark).toHaveAttribute('aria-hidden', 'true');
    expect(container.querySelector('h3')).toHaveTextContent('Linen apron');
  });
});

describe('a product without a price (a FlickRocket one whose price models have no currency)', () => {
  const unpriced: Product = { ...product([]), price: null, currency: 'EUR', compareAtPrice: null };

  it('its card says “Price not available”, not €0.00 (free)', () => {
    const { container } = render(ProductCard, { props: { product: unpriced, storeId: 'fr' } });
    expect(container.querySelector('.price')).toHaveTextContent(/^Price not available$/);
    expect(container).not.toHaveTextContent(/0[.,]00|€/);
  });

  it('its page says it too, large, with no was-price', () => {
    const { container } = render(Price, { props: { product: { ...unpriced, compareAtPrice: 12 }, large: true } });
    expect(container.querySelector('.price')).toHaveTextContent(/^Price not available$/);
    expect(container.querySelector('s')).toBeNull();
  });
});

describe('a parent sold in variants (Shopware)', () => {
  const potatoes: Product = { ...product([]), name: 'Potatoes', price: 5, currency: 'EUR', compareAtPrice: 6, storefrontPrice: { price: 1.53, from: true } };

  it('its card and its page say what the shop’s storefront says, "From" its cheapest variant, not its own price nor a was-price', () => {
    const card = render(ProductCard, { props: { product: potatoes, storeId: 'sw' } });
    expect(card.container.querySelector('.price')).toHaveTextContent(/^From €1\.53$/);
    cleanup();
    const page = render(Price, { props: { product: potatoes, large: true } });
    expect(page.container.querySelector('.price')).toHaveTextContent(/^From €1\.53$/);
    expect(page.container.querySelector('s')).toBeNull();
  });

  it('variants all at one price other than its own: that price, without "From"', () => {
    const { container } = render(Price, { props: { product: { ...potatoes, storefrontPrice: { price: 4, from: false } } } });
    expect(container.querySelector('.price')).toHaveTextContent(/^€4\.00$/);
  });
});
