/**
 * The category filter's names are no part of the first screen (issue 15): the cards shown bring
 * their own; the fuller list (the platform's own, else the newest hundred products) is asked for
 * once, when the browser is idle after the first products or when the person reaches for the filter.
 * The pages are known (answered or refused) so that the catalogue's head stops holding a line for them.
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import CatalogView from '../../../src/lib/components/views/CatalogView.svelte';
import { StoreInfo } from '../../../src/lib/state/store-info.svelte.ts';
import type { StoreApi } from '../../../src/lib/api/client.ts';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { answerStoreInfo, catalogQuery, createTestApp, deferred, eventually, harnessProps, productPage, wireProduct, type TestApp } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';

afterEach(cleanup);

const APRON = wireProduct({ categories: ['kitchen'] });
const MUG = wireProduct({ id: 'p-102', name: 'Tea mug', categories: ['mugs'] });

async function catalogueWithListing(): Promise<{ app: TestApp; listing: ReturnType<typeof deferred<Response>> }> {
  const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: '/s/demo' });
  answerStoreInfo(app.network, [MUG]);
  const listing = deferred<Response>();
  app.network.on('GET', '/api/v1/products', () => listing.promise, { query: catalogQuery() });
  render(Harness, { props: harnessProps(app, CatalogView, () => ({ route: app.router.current })) });
  return { app, listing };
}

const sampleRequests = (app: TestApp) => app.network.requests('GET', '/api/v1/products').filter((r) => r.url.searchParams.get('count') === '100');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the category filter on the catalogue', () => {
  it('asks for no category list before the first products; the newest hundred follow once idle, once, and fill the filter', async () => {
    const { app, listing } = await catalogueWithListing();
    await eventually(() => expect(app.network.requests('GET', '/api/v1/products')).toHaveLength(1));
    await pause(400); // past the idle fallback's timer: still only the first page is asked for
    expect(sampleRequests(app)).toHaveLength(0);
    expect(app.network.requests('GET', '/api/v1/products').map((r) => r.url.searchParams.get('count'))).toEqual(['24']);

    listing.resolve(productPage([APRON]));
    expect(await screen.findByRole('link', { name: 'Linen apron' })).toBeInTheDocument();
    const filter = screen.getByRole('combobox', { name: 'Category' });
    expect(within(filter).getByRole('option', { name: 'kitchen' })).toBeInTheDocument(); // from the card shown
    await eventually(() => expect(within(filter).getByRole('option', { name: 'mugs' })).toBeInTheDocument());
    await pause(300);
    expect(sampleRequests(app)).toHaveLength(1);
    expect(app.network.unexpected).toEqual([]);
  });

  it('reaching for the filter before the products are shown asks at once', async () => {
    const { app, listing } = await catalogueWithListing();
    screen.getByRole('combobox', { name: 'Category' }).focus();
    await eventually(() => expect(sampleRequests(app)).toHaveLength(1));
    expect(screen.queryByRole('link', { name: 'Linen apron' })).not.toBeInTheDocument();
    expect(await screen.findByRole('option', { name: 'mugs' })).toBeInTheDocument();
    listing.resolve(productPage([APRON]));
    expect(await screen.findByRole('link', { name: 'Linen apron' })).toBeInTheDocument();
  });
});

/** A StoreApi with only what StoreInfo calls; the rest is never reached. */
function fakeApi(parts: Partial<StoreApi>): StoreApi & { calls: string[] } {
  const calls: string[] = [];
  const api = new Proxy({} as StoreApi & { calls: string[] }, {
    get: (_target, name: string) => {
      if (name === 'calls') return calls;
      return (...args: unknown[]) => {
        calls.push(name);
        const part = parts[name as keyof StoreApi] as ((...a: unknown[]) => unknown) | undefined;
        if (!part) throw new Error(`unexpected call ${name}`);
        return part(...args);
      };
    },
  });
  return api;
}

describe('StoreInfo.loadCategories', () => {
  it('takes the platform’s own list where it has one, without reading products, and asks once', async () => {
    const api = fakeApi({ listCategories: async () => ['Vegetables', 'Fruit'] });
    const info = new StoreInfo(api);
    info.noteCategories(['Bread']);
    info.loadCategories();
    info.loadCategories();
    await eventually(() => expect(info.categories).toEqual(['Bread', 'Fruit', 'Vegetables']));
    expect(api.calls).toEqual(['listCategories']);
  });

  it('falls back to the newest hundred products where the platform lists none, and tries again after a failure', async () => {
    let attempt = 0;
    const api = fakeApi({
      listCategories: () => Promise.reject(new AppError('API_NOT_SUPPORTED', 'no category list')),
      listProducts: async (query) => {
        expect(query).toEqual({ page: 0, count: 100 });
        if (++attempt === 1) throw new AppError('API_NETWORK_ERROR', 'unreachable');
        return { products: [{ categories: ['mugs', ''] }, { categories: ['aprons'] }], paging: { page: 0, count: 100, total: 2 } } as never;
      },
    });
    const info = new StoreInfo(api);
    info.loadCategories();
    await eventually(() => expect(api.calls).toEqual(['listCategories', 'listProducts']));
    await pause(0);
    expect(info.categories).toEqual([]);
    info.loadCategories();
    await eventually(() => expect(info.categories).toEqual(['aprons', 'mugs']));
    expect(api.calls).toEqual(['listCategories', 'listProducts', 'listCategories', 'listProducts']);
  });

  it('ensureLoaded asks for the name and the pages only; the pages are known once answered, or refused', async () => {
    const api = fakeApi({ getMetadata: async () => ({ name: 'Demo', currency: 'USD' }), listPages: async () => [] });
    const info = new StoreInfo(api);
    info.ensureLoaded();
    expect(info.pagesKnown).toBe(false);
    await eventually(() => expect(info.pagesKnown).toBe(true));
    expect(api.calls.sort()).toEqual(['getMetadata', 'listPages']);
    const refused = new StoreInfo(fakeApi({ getMetadata: async () => ({ name: 'Demo', currency: 'USD' }), listPages: () => Promise.reject(new AppError('API_NETWORK_ERROR', 'unreachable')) }));
    refused.ensureLoaded();
    await eventually(() => expect(refused.pagesKnown).toBe(true));
    expect(refused.pages).toEqual([]);
  });
});
