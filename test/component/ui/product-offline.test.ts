/**
 * A product opened from its card while the browser is offline: its page shows what the card showed
 * (name, price, picture), said to be not all of it, with the failure's Try again, and loads whole
 * by itself once the browser is back online (ErrorPanel). In Chromium: e2e failures-store.test.ts
 * ("a product and the cart that failed offline").
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ProductView from '../../../src/lib/components/views/ProductView.svelte';
import { noteOpenedCard } from '../../../src/lib/components/opened-card.ts';
import type { Product } from '../../../src/lib/domain/catalog.ts';
import { createTestApp, eventually, harnessProps, json, wireProduct } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';

afterEach(() => {
  cleanup();
  document.getElementById('main')?.remove();
  Reflect.deleteProperty(navigator, 'onLine');
});

function setOnline(online: boolean): void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
}

/** The product as its card in the catalogue had it. */
const card: Product = {
  id: 'p-100',
  name: 'Linen apron',
  descriptionHtml: '',
  descriptionShort: '',
  price: 19.9,
  currency: 'USD',
  compareAtPrice: null,
  images: [{ url: 'https://cdn.shop.example/apron.jpg', alt: 'An apron', width: 800, height: 600 }],
  categories: ['kitchen'],
  tags: [],
  inStock: true,
  published: true,
  created: '2024-03-01T10:00:00Z',
};

const noAnswer = () => {
  throw new TypeError('Failed to fetch');
};

async function openOffline(productId: string, respond: () => Response) {
  const app = await createTestApp({ sessions: { demo: ['storefront', 'cart'] }, path: `/s/demo/product/${productId}` });
  app.network.on('GET', `/api/v1/products/${productId}`, respond, { times: 1 });
  app.network.on('GET', `/api/v1/products/${productId}`, () => json(wireProduct()));
  // The whole product page reads what the cart holds of it as it opens (AddToCart): an empty cart.
  app.network.on('GET', '/api/v1/cart', () => json({ items: [], subtotal_raw: 0, currency: 'USD' }));
  setOnline(false);
  const main = document.body.appendChild(document.createElement('main'));
  main.id = 'main';
  main.tabIndex = -1;
  render(Harness, { target: main, props: harnessProps(app, ProductView, () => ({ storeId: 'demo', productId })) });
  return app;
}

describe('ProductView: a product opened from its card while offline', () => {
  it('shows the card’s name, price and picture, says the rest could not load, and loads whole by itself once back online', async () => {
    noteOpenedCard('demo', card);
    const app = await openOffline('p-100', noAnswer);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This browser is offline');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Linen apron', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('$19.90')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'An apron' })).toBeInTheDocument();
    expect(screen.getByText(/the description and the rest of this product could not be loaded/)).toBeInTheDocument();
    // Nothing that needs the product itself: no cart form, no description, nothing to manage.
    expect(screen.queryByRole('button', { name: 'Add to cart' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Description' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Manage this product/ })).not.toBeInTheDocument();

    setOnline(true);
    dispatchEvent(new Event('online'));
    expect(await screen.findByRole('heading', { name: 'Description' })).toBeInTheDocument();
    expect(screen.getByText('linen')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add to cart' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByText(/could not be loaded/)).not.toBeInTheDocument();
    expect(app.network.requests('GET', '/api/v1/products/p-100')).toHaveLength(2);
    await eventually(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Linen apron', level: 1 })));
    // The cart is read once the page is whole (its form is there), not while it was offline.
    await eventually(() => expect(app.network.requests('GET', '/api/v1/cart')).toHaveLength(1));
  });

  it('a product not opened from a card, or one the store says is gone, shows the error alone, under a plain “Product” heading', async () => {
    noteOpenedCard('demo', { ...card, id: 'other' });
    await openOffline('p-100', noAnswer);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This browser is offline');
    // The screen still has its one heading (it names main and the tab, Shell), not the panel's words again.
    expect(screen.getAllByRole('heading', { level: 1 }).map((h) => h.textContent)).toEqual(['Product']);
    expect(screen.getByRole('heading', { level: 1 })).toHaveAttribute('id', 'screen-title');
    cleanup();
    document.getElementById('main')?.remove();

    noteOpenedCard('demo', { ...card, id: 'gone' });
    await openOffline('gone', () => json({ error: 'not_found' }, { status: 404 }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Not found');
    expect(screen.queryByRole('heading', { name: 'Linen apron' })).not.toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 }).map((h) => h.textContent)).toEqual(['Product']);
  });
});
