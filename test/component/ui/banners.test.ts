import { cleanup, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CatalogView from '../../../src/lib/components/views/CatalogView.svelte';
import HomeView from '../../../src/lib/components/views/HomeView.svelte';
import {
  SHOP_ORIGIN,
  answerStoreInfo,
  apiError,
  catalogQuery,
  createTestApp,
  eventually,
  harnessProps,
  productPage,
  wireProduct,
  type TestApp,
} from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';
import { recordLiveRegions } from '../../helpers/live-regions.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const NOT_KEPT =
  'This browser is not letting us store anything (private mode or storage blocked). You can use the app, but you will need to reconnect after a reload.';

function renderHomeWithBanners(app: TestApp): void {
  render(Harness, { props: harnessProps(app, HomeView, () => ({ callbackError: null }), null) });
}

function renderCatalogWithBanners(app: TestApp): void {
  render(Harness, { props: harnessProps(app, CatalogView, () => ({ route: app.router.current }), 'demo') });
}

/** The catalogue of a store whose every answer says the access ended (401 invalid_token): the reconnect banner shows. */
function renderCatalogWithAccessEnded(app: TestApp): void {
  const ended = () => apiError(401, 'invalid_token', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  app.network.on('GET', '/api/v1/metadata', ended);
  app.network.on('GET', '/api/v1/pages', ended);
  app.network.on('GET', '/api/v1/products', ended, { query: { page: '0', count: '100' } });
  app.network.on('GET', '/api/v1/products', ended, { query: catalogQuery() });
  renderCatalogWithBanners(app);
}

/** The catalogue of a store that answers its first page with a 429 (retry in 1 s), then with the page. */
async function renderCatalogSlowedDownOnce(): Promise<void> {
    const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: '/s/demo' });
    answerStoreInfo(app.network);
    app.network.on('GET', '/api/v1/products', () => apiError(429, 'rate_limited', { 'Retry-After': '1' }), {
      query: catalogQuery(),
      times: 1,
    });
    app.network.on('GET', '/api/v1/products', () => productPage([wireProduct()]), { query: catalogQuery() });
    renderCatalogWithBanners(app);
}

describe('Banners', () => {
  it('warns that sessions end with the tab when the browser keeps nothing, and Connect still works', async () => {
    const app = await createTestApp({ persistent: false });
    renderHomeWithBanners(app);

    expect(await screen.findByText(NOT_KEPT)).toHaveAttribute('role', 'status');
    await userEvent.click(screen.getByRole('button', { name: 'Connect Demo Store' }));
    await eventually(() => expect(app.navigate).toHaveBeenCalledTimes(1));
  });

  it('says nothing about storage when the browser keeps the session', async () => {
    const app = await createTestApp();
    renderHomeWithBanners(app);

    expect(await screen.findByRole('heading', { name: 'Your stores' })).toBeInTheDocument();
    expect(screen.queryByText(NOT_KEPT)).not.toBeInTheDocument();
    expect(screen.queryByText(/storage is blocked/)).not.toBeInTheDocument();
  });

  it('with no storage at all, says why no store can be connected, and Connect is off', async () => {
    const app = await createTestApp({ persistent: false, noStorageAtAll: true });
    renderHomeWithBanners(app);

    expect(await screen.findByText(/no store can be connected here/)).toHaveTextContent('Allow storage for this site, or use another browser.');
    expect(screen.getByRole('button', { name: 'Connect Demo Store' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Connect Other Goods' })).toBeDisabled();
  });

  it('when the store ends the access (401, nothing to refresh with), says so with Reconnect, which keeps the place', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront', 'cart'] }, path: '/s/demo?q=apron' });
    const ended = () => apiError(401, 'invalid_token', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    app.network.on('GET', '/api/v1/metadata', ended);
    app.network.on('GET', '/api/v1/pages', ended);
    app.network.on('GET', '/api/v1/products', ended, { query: { page: '0', count: '100' } });
    app.network.on('GET', '/api/v1/products', ended, { query: catalogQuery({ q: 'apron' }) });
    renderCatalogWithBanners(app);

    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Your access to Demo Store has ended. Reconnect to carry on right here; nothing you typed is lost.');
    expect(screen.getByRole('region', { name: 'Notices' })).toContainElement(banner);
    // One alert with one Reconnect: the catalogue points at the banner instead of repeating it.
    expect(await screen.findByText('Reconnect with the button above to carry on.')).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Reconnect' })).toHaveLength(1);
    expect(await app.auth.getSession('demo')).toBeNull();

    await userEvent.click(within(banner).getByRole('button', { name: 'Reconnect' }));
    await eventually(() => expect(app.navigate).toHaveBeenCalledTimes(1));
    // Off while the store's page opens, but not disabled: that dropped the keyboard's focus to the page.
    expect(within(banner).getByRole('button', { name: 'Reconnect' })).toHaveAttribute('aria-disabled', 'true');
    const [url] = app.authorizationUrls();
    if (!url) throw new Error('no authorization URL');
    expect(url.origin + url.pathname).toBe(`${SHOP_ORIGIN}/oauth2/authorize`);
    expect(url.searchParams.get('response_type')).toBe('token');
    expect((url.searchParams.get('scope') ?? '').split(' ').sort()).toEqual(['cart', 'storefront']);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The state is kept with the place to come back to.
    const done = await app.completeSignIn(url, 'access_token=renewed&token_type=bearer&scope=storefront+cart');
    expect(done.returnTo).toBe('/s/demo?q=apron');
  });

  it('Reconnect while the browser is offline stays in the app and says so: nothing started, and back online it goes to the store', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: '/s/demo' });
    renderCatalogWithAccessEnded(app);
    const reconnect = await screen.findByRole('button', { name: 'Reconnect' });

    const offline = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    try {
      await userEvent.click(reconnect);
      const failure = await screen.findByText('Could not start signing in to Demo Store');
      expect(failure.closest('[role="alert"]')).toHaveTextContent('This browser is offline, so the store’s sign-in page could not open. Connect again once you are back online.');
      expect(app.navigate).not.toHaveBeenCalled();
      expect(app.authorizationUrls()).toEqual([]);
      await eventually(() => expect(reconnect).toHaveAttribute('aria-disabled', 'false'));
    } finally {
      offline.mockRestore();
    }

    await userEvent.click(reconnect);
    await eventually(() => expect(app.navigate).toHaveBeenCalledTimes(1));
    expect(screen.queryByText('Could not start signing in to Demo Store')).not.toBeInTheDocument();
  });

  it('Reconnect is usable again after a sign-in that could not start (sessionStorage full), which is explained as a full device, not private mode', async () => {
    // No IndexedDB: the pending sign-in goes to sessionStorage, which then refuses writes.
    const app = await createTestApp({ persistent: false, sessions: { demo: ['storefront'] }, path: '/s/demo' });
    renderCatalogWithAccessEnded(app);
    const reconnect = await screen.findByRole('button', { name: 'Reconnect' });

    const full = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    try {
      await userEvent.click(reconnect);
      const failure = await screen.findByText('Could not start signing in to Demo Store');
      // For want of space (QuotaExceededError), not "private mode or blocked": what to do is free some.
      const panel = failure.closest('[role="alert"]');
      expect(panel).toHaveTextContent('This device is out of storage space');
      expect(panel).toHaveTextContent('Free up space on the device, or clear data that other websites keep in this browser, then connect again.');
      expect(panel).not.toHaveTextContent(/private mode/);
      expect(app.navigate).not.toHaveBeenCalled();
      await eventually(() => expect(reconnect).toHaveAttribute('aria-disabled', 'false'));
    } finally {
      full.mockRestore();
    }

    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await userEvent.click(reconnect);
    await eventually(() => expect(app.navigate).toHaveBeenCalledTimes(1));
    expect(screen.queryByText('Could not start signing in to Demo Store')).not.toBeInTheDocument();
  });

  it('while the store asks to slow down (429), says when the retry comes, then gets out of the way', async () => {
    await renderCatalogSlowedDownOnce();

    expect(await screen.findByText('Demo Store asked us to slow down. Retrying in 1 s (attempt 1)…')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Linen apron' })).toBeInTheDocument();
    expect(screen.queryByText(/asked us to slow down/)).not.toBeInTheDocument();
  });

  it('the slow-down notice is said: its live region is on the page, empty, before its words (drawn filled, it was not said)', async () => {
    const live = recordLiveRegions();
    await renderCatalogSlowedDownOnce();
    const words = 'Demo Store asked us to slow down. Retrying in 1 s (attempt 1)…';
    expect(await screen.findByText(words)).toBeInTheDocument();
    await eventually(() => expect(live.said).toContain(words));
    expect(live.drawnFilled).not.toContain(words);
    live.stop();
  });

  it('names the store that asked to slow down when another store is on screen (two stores connected)', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'], other: ['storefront'] }, path: '/s/other' });
    app.network.on('GET', '/api/v1/products', () => apiError(429, 'rate_limited', { 'Retry-After': '1' }), { query: catalogQuery(), times: 1 });
    app.network.on('GET', '/api/v1/products', () => productPage([wireProduct()]), { query: catalogQuery() });
    // Other Goods' screens are shown (its banners strip) while a call to Demo Store waits out its 429.
    render(Harness, { props: harnessProps(app, HomeView, () => ({ callbackError: null }), 'other') });
    const listed = app.apis.for('demo').listProducts({ page: 0, count: 24, sort: 'newest' });

    expect(await screen.findByText('Demo Store asked us to slow down. Retrying in 1 s (attempt 1)…')).toBeInTheDocument();
    expect(screen.queryByText(/Other Goods asked|The store asked/)).not.toBeInTheDocument();
    await listed;
    await eventually(() => expect(screen.queryByText(/asked us to slow down/)).not.toBeInTheDocument());
  });

  it('the banners are a region named Notices, which a screen reader’s landmarks reach, there only while one shows', async () => {
    await renderCatalogSlowedDownOnce();

    const wait = await screen.findByText(/asked us to slow down/);
    expect(screen.getByRole('region', { name: 'Notices' })).toContainElement(wait);
    expect(await screen.findByRole('link', { name: 'Linen apron' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Notices' })).not.toBeInTheDocument();
  });
});
