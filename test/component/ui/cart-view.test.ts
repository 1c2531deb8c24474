/**
 * The cart screen: what the cart holds, and where to go on. Goodsie's API adds to the cart and reads
 * it, no more (goodsie-api.yaml /api/v1/cart, /api/v1/cart/items), so changing it and checking out
 * happen on the store's own site: the screen says so, linking the site the store names
 * (metadata canonical_url), in a new tab.
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CartView from '../../../src/lib/components/views/CartView.svelte';
import { createTestApp, harnessProps, json, wireProduct } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function openCart(metadata: Record<string, unknown>, infoFirst = true) {
  const app = await createTestApp({ sessions: { demo: ['storefront', 'cart'] }, path: '/s/demo/cart' });
  app.network.on('GET', '/api/v1/metadata', () => json({ name: 'Demo Store', currency: 'USD', ...metadata }));
  app.network.on('GET', '/api/v1/pages', () => json({ pages: [] }));
  app.network.on('GET', '/api/v1/cart', () => json({ items: [{ product_id: 'p-100', quantity: 2 }], subtotal_raw: 39.8, currency: 'USD' }));
  app.network.on('GET', '/api/v1/products/p-100', () => json(wireProduct()));
  if (infoFirst) app.apis.info('demo').ensureLoaded();
  render(Harness, { props: harnessProps(app, CartView, () => ({ storeId: 'demo' })) });
  expect(await screen.findByRole('link', { name: 'Linen apron' })).toBeInTheDocument();
  return app;
}

describe('CartView', () => {
  it('lists the cart, and sends the person to the store’s website, in a new tab, to change it or check out', async () => {
    await openCart({ canonical_url: 'https://shop.example/' });
    expect(screen.getByRole('row', { name: /Linen apron 2/ })).toBeInTheDocument();
    // Two at $19.90: the line's total, under a heading that says so (not "Price", read as one item's).
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Product', 'Quantity', 'Total']);
    expect(screen.getByRole('row', { name: /Linen apron/ })).toHaveTextContent('$39.80');
    // Its words for a screen reader keep their space (Svelte trims the whitespace a tag starts with).
    const site = await screen.findByRole('link', { name: 'the store’s website (opens in a new tab) ↗' });
    expect(site).toHaveAttribute('href', 'https://shop.example/');
    expect(site).toHaveAttribute('target', '_blank');
    expect(site).toHaveAttribute('rel', 'noopener noreferrer');
    expect(site.closest('p')).toHaveTextContent('This app adds to your cart. To change it or check out, continue on the store’s website (opens in a new tab) ↗.');
  });

  it('opened by itself (a reload of the cart page: no other screen asked for the store’s info first), still links the website once the store answers', async () => {
    const app = await openCart({ canonical_url: 'https://shop.example/' }, false);
    const site = await screen.findByRole('link', { name: 'the store’s website (opens in a new tab) ↗' });
    expect(site).toHaveAttribute('href', 'https://shop.example/');
    expect(app.network.requests('GET', '/api/v1/metadata')).toHaveLength(1);
  });

  it('where the store names no website (or not an http(s) one), says where in words, with no link', async () => {
    await openCart({ canonical_url: 'javascript:alert(1)' });
    expect(screen.getByText(/To change it or check out, continue on the store’s own website\./)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /website/ })).not.toBeInTheDocument();
  });

  it('a line whose product could not be loaded says so plainly, keeps its quantity, and links its page; its total is “not known”, not a bare dash', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront', 'cart'] }, path: '/s/demo/cart' });
    app.network.on('GET', '/api/v1/metadata', () => json({ name: 'Demo Store', currency: 'USD' }));
    app.network.on('GET', '/api/v1/pages', () => json({ pages: [] }));
    app.network.on('GET', '/api/v1/cart', () =>
      json({ items: [{ product_id: 'p-100', quantity: 2 }, { product_id: 'p-gone', quantity: 3 }], subtotal_raw: 99.8, currency: 'USD' }),
    );
    app.network.on('GET', '/api/v1/products/p-100', () => json(wireProduct()));
    app.network.on('GET', '/api/v1/products/p-gone', () => json({ error: 'server_error' }, 500));
    render(Harness, { props: harnessProps(app, CartView, () => ({ storeId: 'demo' })) });
    await screen.findByRole('link', { name: 'Linen apron' });

    const [, row] = screen.getAllByRole('row').slice(1);
    const [name, quantity, total] = within(row!).getAllByRole('cell');
    expect(name).toHaveTextContent(/^This product’s details could not be loaded\. Open its page$/);
    expect(within(name!).getByRole('link', { name: 'Open its page' })).toHaveAttribute('href', '#/s/demo/product/p-gone');
    expect(screen.queryByText(/Product p-gone/)).not.toBeInTheDocument();
    expect(quantity).toHaveTextContent(/^3$/);
    expect(total).toHaveTextContent(/^—Not known$/);
    expect(within(total!).getByText('—')).toHaveAttribute('aria-hidden', 'true');
    // The other line and the store's subtotal are as the store said.
    expect(screen.getByRole('row', { name: /Linen apron/ })).toHaveTextContent('$39.80');
    expect(screen.getByRole('row', { name: /Subtotal/ })).toHaveTextContent('$99.80');
  });

  it('a line whose product sold out since it was added says “Out of stock” on its line; one in stock says nothing of stock (regression: nothing said until checkout)', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront', 'cart'] }, path: '/s/demo/cart' });
    app.network.on('GET', '/api/v1/metadata', () => json({ name: 'Demo Store', currency: 'USD' }));
    app.network.on('GET', '/api/v1/pages', () => json({ pages: [] }));
    app.network.on('GET', '/api/v1/cart', () =>
      json({ items: [{ product_id: 'p-100', quantity: 2 }, { product_id: 'p-200', quantity: 1 }], subtotal_raw: 64.8, currency: 'USD' }),
    );
    app.network.on('GET', '/api/v1/products/p-100', () => json(wireProduct()));
    app.network.on('GET', '/api/v1/products/p-200', () => json(wireProduct({ id: 'p-200', name: 'Oak board', cost_raw: 25, in_stock: false })));
    render(Harness, { props: harnessProps(app, CartView, () => ({ storeId: 'demo' })) });
    await screen.findByRole('link', { name: 'Oak board' });

    const soldOut = screen.getByRole('row', { name: /Oak board/ });
    expect(within(soldOut).getAllByRole('cell')[0]).toHaveTextContent(/^Oak board\s*Out of stock$/);
    expect(screen.getByRole('row', { name: /Linen apron/ })).not.toHaveTextContent(/stock/);
    // its quantity and total as before: the store still holds it in the cart
    expect(soldOut).toHaveTextContent('$25.00');
  });

  it('where the store’s subtotal is not what the lines at today’s prices add up to (a price changed since it was added), says so under the table; where they agree, nothing', async () => {
    await openCart({});
    // two at $19.90 and a subtotal of $39.80: they agree
    expect(screen.queryByText(/add up to/)).not.toBeInTheDocument();
    cleanup();

    const app = await createTestApp({ sessions: { demo: ['storefront', 'cart'] }, path: '/s/demo/cart' });
    app.network.on('GET', '/api/v1/metadata', () => json({ name: 'Demo Store', currency: 'USD' }));
    app.network.on('GET', '/api/v1/pages', () => json({ pages: [] }));
    // the store totals at the price it had when added ($17.50); the product is $19.90 now
    app.network.on('GET', '/api/v1/cart', () => json({ items: [{ product_id: 'p-100', quantity: 2 }], subtotal_raw: 35, currency: 'USD' }));
    app.network.on('GET', '/api/v1/products/p-100', () => json(wireProduct()));
    render(Harness, { props: harnessProps(app, CartView, () => ({ storeId: 'demo' })) });
    await screen.findByRole('link', { name: 'Linen apron' });
    expect(screen.getByRole('row', { name: /Subtotal/ })).toHaveTextContent('$35.00');
    expect(screen.getByText(/add up to/)).toHaveTextContent(
      'These prices add up to $39.80, not the store’s subtotal: a price may have changed since it went into your cart. The subtotal is the store’s, and its checkout has the final amount.',
    );
  });
});
