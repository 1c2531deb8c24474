/**
 * Back to the catalogue (issue 11, point 4): the pages loaded in that history entry come back from
 * memory, with no request, and more pages go on from the remembered cursor. Each page is answered
 * once only: a repeated request is unanswered and fails the test.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CatalogView from '../../../src/lib/components/views/CatalogView.svelte';
import { answerStoreInfo, cardLink, catalogQuery, createTestApp, eventually, harnessProps, json, wirePaging, wireProduct, type TestApp } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';

let stopListening: (() => void) | undefined;
afterEach(() => {
  cleanup();
  stopListening?.();
  vi.unstubAllGlobals();
});

const TOTAL = 72;

function productsOf(page: number): Record<string, unknown>[] {
  const from = page * 24;
  return Array.from({ length: Math.min(24, TOTAL - from) }, (_, i) => wireProduct({ id: `p-${from + i}`, name: `Product ${from + i}` }));
}

/** Pages 0-2 of the unfiltered list, each answered once; page 0 of a search for "mug". */
async function restoreApp(): Promise<TestApp> {
  // No IntersectionObserver: the Load more button is how more pages load.
  vi.stubGlobal('IntersectionObserver', undefined);
  const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: '/s/demo' });
  answerStoreInfo(app.network);
  for (const page of [0, 1, 2]) {
    app.network.on('GET', '/api/v1/products', () => json({ products: productsOf(page), paging: wirePaging({ page, count: 24, total: TOTAL }) }), {
      query: catalogQuery({ page: String(page) }),
      times: 1,
    });
  }
  app.network.on('GET', '/api/v1/products', () => json({ products: [wireProduct({ id: 'm-1', name: 'Blue mug' })], paging: wirePaging({ count: 24, total: 1 }) }), {
    query: catalogQuery({ q: 'mug' }),
    times: 1,
  });
  stopListening = app.router.listen();
  return app;
}

/** Renders the catalogue on the router's catalogue routes (Shell shows another view for the others). */
function renderCatalog(app: TestApp): void {
  let route = app.router.current;
  render(Harness, {
    props: harnessProps(app, CatalogView, () => {
      if (app.router.current.name === 'catalog') route = app.router.current;
      return { route };
    }),
  });
}

const listRequests = (app: TestApp) =>
  app.network
    .requests('GET', '/api/v1/products')
    .filter((r) => r.url.searchParams.get('count') === '24')
    .map((r) => `${r.url.searchParams.get('q') ?? ''}#${r.url.searchParams.get('page')}`);

async function back(app: TestApp, name: string): Promise<void> {
  history.back();
  await eventually(() => expect(app.router.current.name).toBe(name));
}

// Each test draws 24-48 product cards two or three times and asserts over all of them with role
// queries (every element's role, style and name: jsdom 27's slowest calls): 1-3.5 s alone, 20-40 s at
// a load of 10-15 on 2 cores, where 20 s (patient-waits.ts) timed out. A minute each: a real fault
// (a request never answered, a card never drawn) still fails at its 5 s wait.
describe('CatalogView, Back to a list already loaded', { timeout: 60_000 }, () => {
  it('after opening a product, Back shows the same loaded pages with no request, and Load more goes on from there', async () => {
    const app = await restoreApp();
    renderCatalog(app);
    expect(await screen.findByText('Showing 24 of 72')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Showing 48 of 72')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem')[47]).toHaveAttribute('aria-posinset', '48');
    expect(screen.getAllByRole('listitem')[0]).toHaveAttribute('aria-setsize', '72');

    // Open a product (its link, as a person would: a new history entry), which replaces the view.
    cardLink('Product 30').click();
    await eventually(() => expect(app.router.current).toMatchObject({ name: 'product', productId: 'p-30' }));
    cleanup();

    await back(app, 'catalog');
    renderCatalog(app);
    // At once: no loading state, the 48 products, no request.
    expect(screen.getByText('Showing 48 of 72')).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(48);
    expect(screen.queryByRole('status', { name: 'Loading products…' })).not.toBeInTheDocument();
    expect(listRequests(app)).toEqual(['#0', '#1']);

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('You have seen all 72 products.')).toBeInTheDocument();
    expect(listRequests(app)).toEqual(['#0', '#1', '#2']);
  });

  it('Back from a search to the list before it, in the same view, shows the list it had loaded', async () => {
    const app = await restoreApp();
    renderCatalog(app);
    expect(await screen.findByText('Showing 24 of 72')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Showing 48 of 72')).toBeInTheDocument();

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search' }), 'mug{Enter}');
    expect(await screen.findByRole('link', { name: 'Blue mug' })).toBeInTheDocument();

    await back(app, 'catalog');
    await eventually(() => expect(app.router.current).toMatchObject({ q: '' }));
    expect(await screen.findByText('Showing 48 of 72')).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(48);
    expect(listRequests(app)).toEqual(['#0', '#1', 'mug#0']);
  });

  it('a new visit to the same list (not Back: a fresh history entry) loads it again from page 1', async () => {
    const app = await restoreApp();
    app.network.on('GET', '/api/v1/products', () => json({ products: productsOf(0), paging: wirePaging({ count: 24, total: TOTAL }) }), {
      query: catalogQuery(),
      times: 1,
    });
    renderCatalog(app);
    expect(await screen.findByText('Showing 24 of 72')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Showing 48 of 72')).toBeInTheDocument();
    app.router.go({ name: 'product', storeId: 'demo', productId: 'p-1' });
    cleanup();
    app.router.go({ name: 'catalog', storeId: 'demo', q: '', category: '', sort: 'newest' });
    renderCatalog(app);
    expect(await screen.findByText('Showing 24 of 72')).toBeInTheDocument();
    expect(listRequests(app)).toEqual(['#0', '#1', '#0']);
  });

  it('Back after a product was saved (or read afresh) on its page shows its card as it is now, still with no list request', async () => {
    const app = await restoreApp();
    renderCatalog(app);
    expect(await screen.findByText('Showing 24 of 72')).toBeInTheDocument();
    cardLink('Product 3').click();
    await eventually(() => expect(app.router.current).toMatchObject({ name: 'product', productId: 'p-3' }));
    cleanup();

    // What the product page does: it reads the product, then the merchant renames it; and another
    // product's page was read with a later version than the list had.
    app.network.on('GET', '/api/v1/products/p-3', () => json(wireProduct({ id: 'p-3', name: 'Product 3' })), { times: 1 });
    app.network.on('PATCH', '/api/v1/products/p-3', () => json(wireProduct({ id: 'p-3', name: 'Product 3, renamed', updated: '2024-03-09T00:00:00Z' })), { times: 1 });
    app.network.on('GET', '/api/v1/products/p-5', () => json(wireProduct({ id: 'p-5', name: 'Product 5 (changed elsewhere)', updated: '2024-03-08T00:00:00Z' })), { times: 1 });
    const api = app.apis.for('demo');
    const read = await api.getProduct('p-3');
    await api.updateProduct('p-3', { name: 'Product 3, renamed' }, read.updated ?? '');
    await api.getProduct('p-5');

    await back(app, 'catalog');
    renderCatalog(app);
    expect(cardLink('Product 3, renamed')).toBeInTheDocument();
    expect(cardLink('Product 5 (changed elsewhere)')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Product 3' })).not.toBeInTheDocument();
    expect(screen.getByText('Showing 24 of 72')).toBeInTheDocument();
    expect(listRequests(app)).toEqual(['#0']);
  });
});
