/**
 * Where the keyboard's focus goes after a retry whose button the screen takes away while it loads
 * (audit finding 1: it fell to <body>): on the new error's retry button when the store fails
 * again, else on what the retry loaded (the product's heading, the first card, the first new card).
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CatalogView from '../../../src/lib/components/views/CatalogView.svelte';
import ProductView from '../../../src/lib/components/views/ProductView.svelte';
import {
  answerStoreInfo,
  apiError,
  catalogQuery,
  createTestApp,
  eventually,
  harnessProps,
  json,
  productPage,
  wirePaging,
  wireProduct,
  type TestApp,
} from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';

afterEach(() => {
  cleanup();
  document.getElementById('main')?.remove();
  vi.unstubAllGlobals();
});

/** Renders a screen inside <main id="main">, as Shell does. */
function renderScreen(app: TestApp, view: Parameters<typeof harnessProps>[1], props: () => Record<string, unknown>): void {
  const main = document.body.appendChild(document.createElement('main'));
  main.id = 'main';
  main.tabIndex = -1;
  render(Harness, { target: main, props: harnessProps(app, view, props) });
}

/** Presses the alert's retry button from the keyboard, as the audit did (Tab to it, Enter). */
async function pressRetry(name: string): Promise<void> {
  const button = within(await screen.findByRole('alert')).getByRole('button', { name });
  button.focus();
  await userEvent.keyboard('{Enter}');
}

const failed = () => apiError(500, 'server_error');

describe('a retry keeps the keyboard focus on the page', () => {
  it('a product: failing again, the focus is on the new Try again; loaded, on the product’s heading', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: '/s/demo/product/flaky' });
    app.network.on('GET', '/api/v1/products/flaky', failed, { times: 2 });
    app.network.on('GET', '/api/v1/products/flaky', () => json(wireProduct({ id: 'flaky', name: 'Back again' })));
    renderScreen(app, ProductView, () => ({ storeId: 'demo', productId: 'flaky' }));

    await pressRetry('Try again');
    await eventually(() => expect(app.network.requests('GET', '/api/v1/products/flaky')).toHaveLength(2));
    await eventually(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Try again' })));

    await userEvent.keyboard('{Enter}');
    const heading = await screen.findByRole('heading', { name: 'Back again', level: 1 });
    await eventually(() => expect(document.activeElement).toBe(heading));
  });

  it('the catalogue: loaded, the focus is on the first product', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: '/s/demo' });
    answerStoreInfo(app.network);
    app.network.on('GET', '/api/v1/products', failed, { query: catalogQuery(), times: 1 });
    app.network.on('GET', '/api/v1/products', () => productPage([wireProduct()]), { query: catalogQuery() });
    renderScreen(app, CatalogView, () => ({ route: app.router.current }));

    await pressRetry('Try again');
    await eventually(() => expect(document.activeElement).toBe(screen.getByRole('link', { name: 'Linen apron' })));
  });

  it('the Load more that replaced a failed page: failing again, the focus is on it again; loaded, on the first new product', async () => {
    // No IntersectionObserver: pages load by the button alone.
    vi.stubGlobal('IntersectionObserver', undefined);
    const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: '/s/demo' });
    answerStoreInfo(app.network);
    const page = (from: number) => Array.from({ length: 24 }, (_, i) => wireProduct({ id: `p-${from + i}`, name: `Product ${from + i}` }));
    app.network.on('GET', '/api/v1/products', () => json({ products: page(0), paging: wirePaging({ count: 24, total: 72 }) }), { query: catalogQuery() });
    app.network.on('GET', '/api/v1/products', failed, { query: catalogQuery({ page: '1' }), times: 2 });
    app.network.on('GET', '/api/v1/products', () => json({ products: page(24), paging: wirePaging({ page: 1, count: 24, total: 72 }) }), {
      query: catalogQuery({ page: '1' }),
    });
    renderScreen(app, CatalogView, () => ({ route: app.router.current }));
    expect(await screen.findByText('72 products')).toBeInTheDocument();

    screen.getByRole('button', { name: 'Load more' }).focus();
    await userEvent.keyboard('{Enter}');
    await pressRetry('Load more');
    await eventually(() => expect(app.network.requests('GET', '/api/v1/products').filter((r) => r.url.searchParams.get('page') === '1')).toHaveLength(2));
    const again = within(await screen.findByRole('alert')).getByRole('button', { name: 'Load more' });
    await eventually(() => expect(document.activeElement).toBe(again));

    await userEvent.keyboard('{Enter}');
    await eventually(() => expect(document.activeElement).toBe(screen.getByRole('link', { name: 'Product 24' })));
  });
});
