import { cleanup, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import HomeView from '../../../src/lib/components/views/HomeView.svelte';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { APP_URL, OTHER_ORIGIN, createTestApp, eventually, expectOneStartKeepingFocus, harnessProps, tokenFor, type TestApp } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';
import type { GoodsieStoreConfig } from '../../../src/lib/config/types.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderHome(app: TestApp, callbackError: unknown = null) {
  return render(Harness, { props: harnessProps(app, HomeView, () => ({ callbackError })) });
}

/** The list item of one store, found by its heading. */
function storeItem(name: string): HTMLElement {
  const item = screen.getByRole('heading', { name, level: 2 }).closest('li');
  if (!item) throw new Error(`no list item for ${name}`);
  return item;
}

/** Starts a sign-in for `storeId` and plays the store's redirect back with `fragment`; returns what it threw. */
async function failedSignIn(app: TestApp, storeId: string, fragment: string): Promise<unknown> {
  await app.auth.beginSignIn(storeId);
  const [url] = app.authorizationUrls();
  if (!url) throw new Error('the sign-in did not navigate');
  app.navigate.mockClear();
  return app.completeSignIn(url, fragment).then(
    () => {
      throw new Error('the sign-in should have failed');
    },
    (error: unknown) => error,
  );
}

describe('HomeView', () => {
  it('lists every configured store, with what a connected one lets the person do in the line every platform has', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront', 'cart'] } });
    renderHome(app);

    expect(screen.getByRole('heading', { name: 'Your stores', level: 1 })).toBeInTheDocument();
    expect(screen.getAllByRole('listitem')).toHaveLength(2);

    const demo = within(storeItem('Demo Store'));
    expect(await demo.findByText('Connected · can browse products and use the cart')).toBeInTheDocument();
    expect(demo.getByRole('link', { name: 'Browse Demo Store' })).toHaveAttribute('href', '#/s/demo');
    expect(demo.queryByRole('button', { name: /connect/i })).not.toBeInTheDocument();

    const other = within(storeItem('Other Goods'));
    expect(other.getByText('Not connected · asks you to allow: Browse products and pages, Use your cart')).toBeInTheDocument();
    expect(other.getByRole('button', { name: 'Connect Other Goods' })).toBeEnabled();
    expect(other.queryByRole('link', { name: /browse/i })).not.toBeInTheDocument();
  });

  it('a connected store’s Browse is described by its status line: a screen reader says what the connection allows where the focus lands on it', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront', 'cart'] } });
    renderHome(app);

    const demo = within(storeItem('Demo Store'));
    await demo.findByText('Connected · can browse products and use the cart');
    expect(demo.getByRole('link', { name: 'Browse Demo Store' })).toHaveAccessibleDescription('Connected · can browse products and use the cart');
  });

  it('a store whose access ended in this tab is not listed as connected: it says so, not in the connected colour, beside the stores still connected', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'], other: ['storefront'] } });
    renderHome(app);
    const demo = within(storeItem('Demo Store'));
    const other = within(storeItem('Other Goods'));
    expect(await demo.findByText('Connected · can browse products')).toHaveClass('ok');

    app.session.markExpired('demo'); // a 401 nothing could renew, met on its screens
    const ended = await demo.findByText('Access ended · Browse to connect again');
    expect(ended).not.toHaveClass('ok');
    // Browse leads to its screens, where the banner connects it again in place
    expect(demo.getByRole('link', { name: 'Browse Demo Store' })).toHaveAttribute('href', '#/s/demo');
    expect(other.getByText('Connected · can browse products')).toHaveClass('ok');
  });

  it('Connect navigates to the store’s authorization URL with a long random state it keeps for the return', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] } });
    renderHome(app);

    await userEvent.click(screen.getByRole('button', { name: 'Connect Other Goods' }));
    await eventually(() => expect(app.navigate).toHaveBeenCalledTimes(1));
    const [url] = app.authorizationUrls();
    if (!url) throw new Error('no authorization URL');
    expect(url.origin + url.pathname).toBe(`${OTHER_ORIGIN}/oauth2/authorize`);
    expect(url.searchParams.get('response_type')).toBe('token');
    expect(url.searchParams.get('client_id')).toBe('other-client');
    expect(url.searchParams.get('redirect_uri')).toBe(APP_URL);
    expect(url.searchParams.get('scope')).toBe('storefront cart');
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The button is usable again once the navigation was handed over.
    await eventually(() => expect(screen.getByRole('button', { name: 'Connect Other Goods' })).toHaveAttribute('aria-disabled', 'false'));

    // The state was stored: the store's answer to it completes, returning to that store's catalogue.
    const done = await app.completeSignIn(url, 'access_token=fresh&token_type=bearer&scope=storefront+cart&expire_in=3600');
    expect(done.storeId).toBe('other');
    expect(done.returnTo).toBe('/s/other');

    // A second Connect gets a state of its own.
    await userEvent.click(screen.getByRole('button', { name: 'Connect Other Goods' }));
    await eventually(() => expect(app.navigate).toHaveBeenCalledTimes(2));
    const [first, second] = app.authorizationUrls();
    expect(second?.searchParams.get('state')).not.toBe(first?.searchParams.get('state'));
  });

  it('a store’s Connect, pressed twice while its page opens, starts one sign-in and keeps the focus', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] } });
    renderHome(app);
    const connect = screen.getByRole('button', { name: 'Connect Other Goods' });
    await expectOneStartKeepingFocus(connect, (started) => vi.spyOn(app.session, 'signIn').mockReturnValue(started));
    expect(connect).toHaveTextContent('Connect');
  });

  it('says calmly (a status, not an alert) that the person declined access, and its Connect (named apart from the card’s) starts a new sign-in for it', async () => {
    const app = await createTestApp();
    const error = await failedSignIn(app, 'other', 'error=access_denied&error_description=The+user+said+no');
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('OAUTH_ACCESS_DENIED');
    expect((error as AppError).storeId).toBe('other');

    renderHome(app, error);
    const alert = await screen.findByRole('status');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(within(alert).getByRole('heading', { name: 'You declined access to Other Goods' })).toBeInTheDocument();
    expect(within(alert).getByText('Nothing was connected and nothing was shared. Connect whenever you like.')).toBeInTheDocument();

    // Its Connect names the store, apart from the card's own (two buttons of one name: which is which?),
    // and is told apart on screen too, its name starting with the words shown (label in name).
    const again = within(alert).getByRole('button', { name: 'Connect after all to Other Goods' });
    const shown = (button: HTMLElement) => [...button.childNodes].filter((node) => !(node instanceof Element && node.classList.contains('visually-hidden'))).map((node) => node.textContent).join('').trim();
    expect(shown(again)).toBe('Connect after all');
    expect(shown(screen.getByRole('button', { name: 'Connect Other Goods' }))).toBe('Connect');
    expect(screen.getAllByRole('button', { name: 'Connect Other Goods' })).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Connect' })).not.toBeInTheDocument();
    await userEvent.click(again);
    await eventually(() => expect(app.navigate).toHaveBeenCalledTimes(1));
    const [url] = app.authorizationUrls();
    expect(url?.origin).toBe(OTHER_ORIGIN);
    expect(url?.searchParams.get('client_id')).toBe('other-client');
    expect(url?.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await userEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('heading', { name: 'You declined access to Other Goods' })).not.toBeInTheDocument();
  });

  it('the declined screen’s Connect, pressed twice while the sign-in starts, starts it once and keeps the focus', async () => {
    const app = await createTestApp();
    const error = await failedSignIn(app, 'other', 'error=access_denied');
    renderHome(app, error);
    const alert = await screen.findByRole('status');
    const connect = within(alert).getByRole('button', { name: 'Connect after all to Other Goods' });
    await expectOneStartKeepingFocus(connect, (started) => vi.spyOn(app.session, 'signIn').mockReturnValue(started));
  });

  it('names the store a failed sign-in was for (a malformed answer), with Try again', async () => {
    const app = await createTestApp();
    const error = await failedSignIn(app, 'other', 'access_token=fresh&token_type=mac');
    expect((error as AppError).storeId).toBe('other');
    renderHome(app, error);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Connecting Other Goods')).toBeInTheDocument();
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('explains an answer to a sign-in this browser never started, with nothing to retry', async () => {
    const app = await createTestApp();
    const forged = new URL(`${OTHER_ORIGIN}/oauth2/authorize?state=not-one-of-ours`);
    const error = await app.completeSignIn(forged, `access_token=${tokenFor('other')}&token_type=bearer`).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('OAUTH_STATE_MISMATCH');

    renderHome(app, error);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'That sign-in was not started here' })).toBeInTheDocument();
    expect(within(alert).queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    expect(document.body.textContent).not.toContain(tokenFor('other'));
  });

  it('Sign out forgets the store’s session and offers Connect again', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] } });
    renderHome(app);

    await userEvent.click(screen.getByRole('button', { name: 'Sign out of Demo Store' }));
    const demo = within(storeItem('Demo Store'));
    expect(await demo.findByRole('button', { name: 'Connect Demo Store' })).toBeInTheDocument();
    expect(demo.getByText('Not connected · asks you to allow: Browse products and pages')).toBeInTheDocument();
    expect(await app.auth.getSession('demo')).toBeNull();
  });

  it('a store whose redirectUri is not this page is not sent to its consent page: the screen says what to change', async () => {
    const app = await createTestApp();
    const store = app.config.stores.find((s) => s.id === 'other') as GoodsieStoreConfig;
    store.redirectUri = 'http://127.0.0.1:5173/';
    renderHome(app);
    await userEvent.click(screen.getByRole('button', { name: 'Connect Other Goods' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'Other Goods cannot send you back to this copy of the app' })).toBeInTheDocument();
    expect(alert).toHaveTextContent(`Its configuration sends people back to http://127.0.0.1:5173/ after they sign in, but this copy is at ${APP_URL}.`);
    expect(alert).toHaveTextContent('Set redirectUri in this copy’s config.json');
    expect(within(alert).queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    expect(app.navigate).not.toHaveBeenCalled();
  });

  it('a redirectUri written as the browser does not write this page (no closing slash, capitals in the host) is this page: Connect goes to the store, with redirect_uri as written', async () => {
    const app = await createTestApp();
    const store = app.config.stores.find((s) => s.id === 'other') as GoodsieStoreConfig;
    store.redirectUri = APP_URL.replace('localhost', 'LOCALHOST').replace(/\/$/, '');
    renderHome(app);
    await userEvent.click(screen.getByRole('button', { name: 'Connect Other Goods' }));
    await eventually(() => expect(app.navigate).toHaveBeenCalledTimes(1));
    expect(app.authorizationUrls()[0]?.searchParams.get('redirect_uri')).toBe('http://LOCALHOST:3000');
    expect(screen.queryByText(/cannot send you back/)).not.toBeInTheDocument();
  });

  it('Sign out says so, calmly', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] } });
    renderHome(app);
    await userEvent.click(screen.getByRole('button', { name: 'Sign out of Demo Store' }));
    // Signed out (the status of a sign-out under way, SignOutProgress's, gone with it); the note is
    // on the page first, its words a moment later (so that they are announced).
    expect(await screen.findByRole('button', { name: 'Connect Demo Store' })).toBeEnabled();
    await eventually(() => expect(screen.getAllByRole('status')).toHaveLength(1));
    const status = screen.getByRole('status');
    await eventually(() => expect(status).toHaveTextContent('Signed out of Demo Store.'));
  });

  it('an address that is not a page: the note is drawn with the list, and its status is empty until a moment after it is on the page (drawn filled, it was not said)', async () => {
    const app = await createTestApp();
    render(Harness, { props: harnessProps(app, HomeView, () => ({ callbackError: null, notFound: true })) });
    const words = 'That address is not a page of this app. Here are your stores.';
    // Seen at once, hidden from screen readers, which hear the status beside it.
    expect(screen.getByText(words)).toHaveAttribute('aria-hidden', 'true');
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('');
    await eventually(() => expect(status).toHaveTextContent(words));
    expect(screen.getAllByRole('status')).toEqual([status]);
  });
});
