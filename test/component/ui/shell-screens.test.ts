/**
 * The one table of screens (view-loaders.ts): the shell renders what screenFor says for each route,
 * and the boot's preloadView asks for that same screen's code, so the two cannot drift apart.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Shell from '../../../src/lib/components/Shell.svelte';
import { loadScreen, preloadView, screenFor, type ScreenContext } from '../../../src/lib/components/view-loaders.ts';
import { catalogRoute, formatRoute, parseRoute, type Route } from '../../../src/lib/state/routes.ts';
import { LazyApis } from '../../../src/lib/state/apis-port.svelte.ts';
import CatalogView from '../../../src/lib/components/views/CatalogView.svelte';
import HomeView from '../../../src/lib/components/views/HomeView.svelte';
import NotConnectedView from '../../../src/lib/components/views/NotConnectedView.svelte';
import ProductView from '../../../src/lib/components/views/ProductView.svelte';
import StorePageView from '../../../src/lib/components/views/StorePageView.svelte';
import CartView from '../../../src/lib/components/views/CartView.svelte';
import OrdersView from '../../../src/lib/components/views/OrdersView.svelte';
import CouponsView from '../../../src/lib/components/views/CouponsView.svelte';
import EmbedView from '../../../src/lib/components/views/EmbedView.svelte';
import { answerStoreInfo, catalogQuery, createTestApp, findCardLink, harnessProps, json, OTHER_ORIGIN, productPage, wireProduct } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const CONNECTED: ScreenContext = { knownStore: true, connected: true, callbackError: null };

/** Every kind of route, with the view the shell must show for it when its store is connected. */
const ROUTES: [Route, unknown][] = [
  [{ name: 'home' }, HomeView],
  [{ name: 'notFound', path: '/nowhere' }, HomeView],
  [catalogRoute('demo'), CatalogView],
  [{ name: 'product', storeId: 'demo', productId: 'p-1' }, ProductView],
  [{ name: 'page', storeId: 'demo', slug: 'about' }, StorePageView],
  [{ name: 'cart', storeId: 'demo' }, CartView],
  [{ name: 'orders', storeId: 'demo', page: 2 }, OrdersView],
  [{ name: 'coupons', storeId: 'demo' }, CouponsView],
  [{ name: 'embed', storeId: 'demo' }, EmbedView],
];

describe('screenFor', () => {
  it.each(ROUTES)('%o shows its own view', async (route, view) => {
    expect((await loadScreen(screenFor(route, CONNECTED).name)).view).toBe(view);
  });

  it('a store that is not connected, or unknown, shows the not-connected view, whatever the screen asked for', async () => {
    const cart: Route = { name: 'cart', storeId: 'demo' };
    const notConnected = screenFor(cart, { ...CONNECTED, connected: false });
    expect((await loadScreen(notConnected.name)).view).toBe(NotConnectedView);
    expect(notConnected.props).toEqual({ storeId: 'demo' });
    const unknown = screenFor(cart, { ...CONNECTED, knownStore: false });
    expect(unknown.props).toEqual({ storeId: 'demo', unknown: true });
    expect(unknown.key).not.toBe(notConnected.key);
  });

  it('gives each view the props it takes, and a key that changes with the thing shown', () => {
    expect(screenFor({ name: 'orders', storeId: 'demo', page: 2 }, CONNECTED).props).toEqual({ storeId: 'demo', page: 2 });
    expect(screenFor({ name: 'notFound', path: '/x' }, { ...CONNECTED, callbackError: 'E' }).props).toEqual({ callbackError: 'E', notFound: true });
    const a = screenFor({ name: 'product', storeId: 'demo', productId: 'p-1' }, CONNECTED);
    const b = screenFor({ name: 'product', storeId: 'demo', productId: 'p-2' }, CONNECTED);
    expect(a.key).not.toBe(b.key);
    // Another store's cart, orders, coupons or snippet is built afresh; another page of orders is not.
    for (const name of ['cart', 'coupons', 'embed'] as const) {
      expect(screenFor({ name, storeId: 'demo' }, CONNECTED).key).not.toBe(screenFor({ name, storeId: 'other' }, CONNECTED).key);
    }
    expect(screenFor({ name: 'orders', storeId: 'demo', page: 0 }, CONNECTED).key).not.toBe(screenFor({ name: 'orders', storeId: 'other', page: 0 }, CONNECTED).key);
    expect(screenFor({ name: 'orders', storeId: 'demo', page: 0 }, CONNECTED).key).toBe(screenFor({ name: 'orders', storeId: 'demo', page: 3 }, CONNECTED).key);
    // A search is the same catalogue: same name and key, so the shell keeps the view.
    const all = screenFor(catalogRoute('demo'), CONNECTED);
    const mugs = screenFor(catalogRoute('demo', { q: 'mug' }), CONNECTED);
    expect([mugs.name, mugs.key]).toEqual([all.name, all.key]);
  });

  it('says what loads, hands over the props and keys each screen as the table always did (every route, whole)', () => {
    const catalog = catalogRoute('demo', { q: 'mug' });
    const shown = ROUTES.slice(2).map(([route]) => route).map((route) => route.name === 'catalog' ? catalog : route);
    expect(shown.map((route) => {
      const { name, loading, props, key } = screenFor(route, CONNECTED);
      return { name, loading, props, key };
    })).toEqual([
      { name: 'catalog', loading: 'Loading the catalogue…', props: { route: catalog }, key: 'demo' },
      { name: 'product', loading: 'Loading product…', props: { storeId: 'demo', productId: 'p-1' }, key: 'demo/p-1' },
      { name: 'page', loading: 'Loading page…', props: { storeId: 'demo', slug: 'about' }, key: 'demo/about' },
      { name: 'cart', loading: 'Loading cart…', props: { storeId: 'demo' }, key: 'demo' },
      { name: 'orders', loading: 'Loading orders…', props: { storeId: 'demo', page: 2 }, key: 'demo' },
      { name: 'coupons', loading: 'Loading coupons…', props: { storeId: 'demo' }, key: 'demo' },
      { name: 'embed', loading: 'Loading…', props: { storeId: 'demo' }, key: 'demo' },
    ]);
    expect(screenFor({ name: 'home' }, CONNECTED).loading).toBe('Loading…');
  });

  it.each(ROUTES)('preloadView(%o) loads the very view the shell renders for it', async (route, view) => {
    expect((await preloadView(route))?.default).toBe(view);
  });
});

describe('Shell', () => {
  /** The shell as App.svelte builds it: the store APIs built only when their code is asked for. */
  function renderShell(app: Awaited<ReturnType<typeof createTestApp>>): LazyApis {
    const apis = new LazyApis(({ StoreApis }) => {
      expect(app.apis).toBeInstanceOf(StoreApis);
      return app.apis;
    });
    render(Harness, { props: harnessProps(app, Shell, () => ({ session: app.session, apis, callbackError: null })) });
    return apis;
  }

  // Nine screens drawn in turn, each through the shell's lazy import and a role query: 3.9 s alone,
  // over the 20 s of patient-waits.ts at a load of 15 on 2 cores. A minute; each screen still has its 5 s.
  it('shows the stores list, an unknown store, a store not connected, and a connected store’s catalogue, each from the table', { timeout: 60_000 }, async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: '/' });
    answerStoreInfo(app.network);
    app.network.on('GET', '/api/v1/products', () => productPage([wireProduct()]), { query: catalogQuery() });
    app.network.on('GET', '/api/v1/products', () => productPage([wireProduct({ id: 'p-102', name: 'Stoneware mug' })]), { query: catalogQuery({ q: 'mug' }) });
    const apis = renderShell(app);
    expect(await screen.findByRole('heading', { name: 'Your stores', level: 1 })).toBeInTheDocument();

    app.router.go(parseRoute('/s/nope'));
    expect(await screen.findByRole('heading', { name: 'Unknown store', level: 1 })).toBeInTheDocument();
    app.router.go(parseRoute('/s/other'));
    expect(await screen.findByRole('heading', { name: 'Other Goods is not connected', level: 1 })).toBeInTheDocument();
    // No screen so far calls a store: the store APIs' code was never asked for.
    expect(apis.current).toBeNull();

    app.router.go(catalogRoute('demo'));
    expect(await findCardLink('Linen apron')).toBeInTheDocument();
    expect(apis.current).toBe(app.apis);
    const search = screen.getByRole('searchbox', { name: 'Search' });
    app.router.go(catalogRoute('demo', { q: 'mug' }));
    expect(await findCardLink('Stoneware mug')).toBeInTheDocument();
    // The same catalogue, not a new one: its search box is the same element.
    expect(screen.getByRole('searchbox', { name: 'Search' })).toBe(search);

    // Back to the stores list, then to a store not connected: each view only ever gets its own props
    // (a view handed the next one's props while that loads threw, reading route.storeId of undefined:
    // vitest fails the run on such an uncaught error).
    app.router.go({ name: 'home' });
    expect(await screen.findByRole('heading', { name: 'Your stores', level: 1 })).toBeInTheDocument();
    app.router.go(catalogRoute('demo'));
    expect(await findCardLink('Linen apron')).toBeInTheDocument();
    app.router.go(parseRoute('/s/other/cart'));
    expect(await screen.findByRole('heading', { name: 'Other Goods is not connected', level: 1 })).toBeInTheDocument();
  });

  it.each([
    ['another store’s catalogue (the store switcher)', catalogRoute('other')],
    ['another screen of the same store (a tab)', { name: 'cart', storeId: 'demo' } as Route],
    ['the stores list', { name: 'home' } as Route],
  ])('a search typed less than 300 ms before leaving for %s does not bring the catalogue back', async (_, next) => {
    const app = await createTestApp({ sessions: { demo: ['storefront', 'cart'], other: ['storefront'] }, path: '/s/demo' });
    answerStoreInfo(app.network);
    app.network.on('GET', '/api/v1/products', () => productPage([wireProduct()]), { query: catalogQuery() });
    app.network.on('GET', '/api/v1/cart', () => json({ items: [], total: '0.00', currency: 'USD' }));
    app.network.on('GET', '/api/v1/metadata', () => json({ name: 'Other Goods', currency: 'EUR' }), { origin: OTHER_ORIGIN });
    app.network.on('GET', '/api/v1/pages', () => json({ pages: [] }), { origin: OTHER_ORIGIN });
    app.network.on('GET', '/api/v1/products', () => productPage([]), { origin: OTHER_ORIGIN, query: { page: '0', count: '100' } });
    app.network.on('GET', '/api/v1/products', () => productPage([wireProduct({ id: 'o-1', name: 'Oak board' })]), { origin: OTHER_ORIGIN, query: catalogQuery() });
    renderShell(app);
    expect(await findCardLink('Linen apron')).toBeInTheDocument();

    // typed, and left within the search's pause: the catalogue is taken down by the change of route
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search' }), 'tea');
    expect(app.router.current).toMatchObject({ storeId: 'demo', q: '' }); // still within the pause
    app.router.go(next);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(app.router.current).toEqual(next);
    expect(location.hash).toBe(`#${formatRoute(next)}`);
  });

  it('one store’s coupons, then another’s at the same screen: the second store’s are asked for and shown', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront', 'admin'], other: ['storefront', 'admin'] }, path: '/s/demo/coupons' });
    answerStoreInfo(app.network);
    app.network.on('GET', '/api/v1/metadata', () => json({ name: 'Other Goods', currency: 'EUR' }), { origin: OTHER_ORIGIN });
    app.network.on('GET', '/api/v1/pages', () => json({ pages: [] }), { origin: OTHER_ORIGIN });
    app.network.on('GET', '/api/v1/coupons', () => json({ coupons: [{ code: 'DEMO10', percent_off: 10 }] }));
    app.network.on('GET', '/api/v1/coupons', () => json({ coupons: [{ code: 'OTHER20', percent_off: 20 }] }), { origin: OTHER_ORIGIN });
    renderShell(app);
    expect(await screen.findByText('DEMO10', { selector: 'code' })).toBeInTheDocument();
    app.router.go(parseRoute('/s/other/coupons'));
    expect(await screen.findByText('OTHER20', { selector: 'code' })).toBeInTheDocument();
    expect(screen.queryByText('DEMO10', { selector: 'code' })).not.toBeInTheDocument();
  });
});
