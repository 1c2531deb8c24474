import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ProductView from '../../../src/lib/components/views/ProductView.svelte';
import AddToCart from '../../../src/lib/components/AddToCart.svelte';
import { SHOP_ORIGIN, createTestApp, eventually, expectOneStartKeepingFocus, harnessProps, json, tokenFor, wireProduct, type TestApp } from '../../helpers/component-harness.ts';
import { draftStore } from '../../../src/lib/storage/drafts.ts';
import Harness from './Harness.svelte';
import { Router } from '../../../src/lib/state/router.svelte.ts';

const PRODUCT_PATH = '/s/demo/product/p-100';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The product's page; where the cart may be seen, the cart it reads as it opens holds `cart` (AddToCart). */
async function openProduct(scopes: string[], cart: Array<{ product_id: string; quantity: number }> = []): Promise<TestApp> {
  const app = await createTestApp({ sessions: { demo: scopes }, path: PRODUCT_PATH });
  app.network.on('GET', '/api/v1/products/p-100', () => json(wireProduct()));
  if (scopes.includes('cart')) app.network.on('GET', '/api/v1/cart', () => json({ items: cart, subtotal_raw: 0, currency: 'USD' }));
  render(Harness, { props: harnessProps(app, ProductView, () => ({ storeId: 'demo', productId: 'p-100' })) });
  expect(await screen.findByRole('heading', { name: 'Linen apron', level: 1 })).toBeInTheDocument();
  return app;
}

describe('ProductView: what the granted scopes unlock', () => {
  it('with storefront only, says adding to the cart needs permission; store management only when the person asks for it', async () => {
    const app = await openProduct(['storefront']);

    expect(
      screen.getByText('Adding to the cart needs permission to “Use your cart”, which Demo Store has not granted to this app.'),
    ).toBeInTheDocument();
    // A shopper's page: no admin prompt until asked for.
    expect(screen.queryByText(/Editing products needs permission/)).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Manage this product' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Manage this product (store owners)' }));
    // The pressed button went with the section it opened: the focus is on the section's heading, read
    // first (then the lock below it), not dropped to the page.
    expect(screen.getByRole('heading', { name: 'Manage this product', level: 2 })).toHaveFocus();
    expect(
      screen.getByText('Editing products needs permission to “Manage the store”, which Demo Store has not granted to this app.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Grant access to use your cart' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Grant access to manage the store' })).toBeEnabled();
    expect(screen.queryByRole('button', { name: 'Add to cart' })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Edit product' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit this product' })).not.toBeInTheDocument();
    // The product itself was read with the session's token.
    expect(app.network.requests('GET', '/api/v1/products/p-100')[0]?.headers.get('Authorization')).toBe(`Bearer ${tokenFor('demo')}`);
    expect(app.navigate).not.toHaveBeenCalled();
  });

  it('a relative link in the description (“shipping page”) goes to that page on the store, in a new tab', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: PRODUCT_PATH });
    const description = '<p>See our <a href="/pages/shipping">shipping page</a>.</p>';
    app.network.on('GET', '/api/v1/products/p-100', () => json(wireProduct({ description })));
    render(Harness, { props: harnessProps(app, ProductView, () => ({ storeId: 'demo', productId: 'p-100' })) });
    const link = await screen.findByRole('link', { name: 'shipping page' });
    expect(link).toHaveAttribute('href', 'https://shop.example/pages/shipping');
    expect(link).toHaveAttribute('target', '_blank');
  });

  it('an unpublished product (seen by those who manage the store) offers no cart: shoppers can buy it once published', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront', 'cart', 'admin'] }, path: PRODUCT_PATH });
    app.network.on('GET', '/api/v1/products/p-100', () => json(wireProduct({ published: false })));
    render(Harness, { props: harnessProps(app, ProductView, () => ({ storeId: 'demo', productId: 'p-100' })) });
    expect(await screen.findByText('Shoppers can buy it once it is published.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add to cart' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Grant access/ })).not.toBeInTheDocument();
  });

  it('an out-of-stock product asks for no cart permission', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: PRODUCT_PATH });
    app.network.on('GET', '/api/v1/products/p-100', () => json(wireProduct({ in_stock: false })));
    render(Harness, { props: harnessProps(app, ProductView, () => ({ storeId: 'demo', productId: 'p-100' })) });
    expect(await screen.findByRole('heading', { name: 'Linen apron', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Out of stock')).toBeInTheDocument();
    expect(screen.queryByText(/Adding to the cart needs permission/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Grant access/ })).not.toBeInTheDocument();
  });

  it('an out-of-stock product with the cart granted: no quantity field nor its word beside the disabled “Out of stock” (a greyed “1” read as a count, and offered nothing)', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront', 'cart'] }, path: PRODUCT_PATH });
    app.network.on('GET', '/api/v1/products/p-100', () => json(wireProduct({ in_stock: false })));
    render(Harness, { props: harnessProps(app, ProductView, () => ({ storeId: 'demo', productId: 'p-100' })) });
    expect(await screen.findByRole('button', { name: 'Out of stock' })).toBeDisabled();
    expect(screen.queryByRole('spinbutton')).not.toBeInTheDocument();
    expect(screen.queryByText('Quantity', { exact: true })).not.toBeInTheDocument();
  });

  it('out of stock, then back in stock while the page is open: the field shows 1 again, and 1 is what Add to cart sends (not a quantity typed before, unseen)', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront', 'cart'] }, path: PRODUCT_PATH });
    app.network.on('GET', '/api/v1/cart', () => json({ items: [], subtotal_raw: 0, currency: 'USD' }));
    app.network.on('POST', '/api/v1/cart/items', () => json({ items: [{ product_id: 'p-100', quantity: 1 }], subtotal_raw: 19.9, currency: 'USD' }));
    const props = (disabled: boolean) => harnessProps(app, AddToCart, () => ({ storeId: 'demo', productId: 'p-100', disabled }));
    const { rerender } = render(Harness, { props: props(false) });
    const quantity = await screen.findByRole('spinbutton', { name: 'Quantity' });
    await userEvent.clear(quantity);
    await userEvent.type(quantity, '5');
    // (Wrapped in { props }: Harness has a prop named `props`, which rerender would take for its own old form.)
    await rerender({ props: props(true) } as never);
    expect(await screen.findByRole('button', { name: 'Out of stock' })).toBeDisabled();
    expect(screen.queryByRole('spinbutton')).not.toBeInTheDocument();
    await rerender({ props: props(false) } as never);
    expect(await screen.findByRole('spinbutton', { name: 'Quantity' })).toHaveValue(1);
    await userEvent.click(screen.getByRole('button', { name: 'Add to cart' }));
    await eventually(() => expect(app.network.requests('POST', '/api/v1/cart/items')).toHaveLength(1));
    expect(JSON.parse(app.network.requests('POST', '/api/v1/cart/items')[0]?.body ?? 'null')).toEqual({ product_id: 'p-100', quantity: 1 });
  });

  it('an in-stock product with the cart granted: quantity and Add to cart are enabled', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront', 'cart'] }, path: PRODUCT_PATH });
    app.network.on('GET', '/api/v1/products/p-100', () => json(wireProduct()));
    render(Harness, { props: harnessProps(app, ProductView, () => ({ storeId: 'demo', productId: 'p-100' })) });
    expect(await screen.findByRole('button', { name: 'Add to cart' })).toBeEnabled();
    expect(screen.getByRole('spinbutton', { name: 'Quantity' })).toBeEnabled();
  });

  it('Grant access for editing asks the store for admin on top of storefront, and comes back to this product', async () => {
    const app = await openProduct(['storefront']);
    await userEvent.click(screen.getByRole('button', { name: 'Manage this product (store owners)' }));

    await userEvent.click(screen.getByRole('button', { name: 'Grant access to manage the store' }));
    await eventually(() => expect(app.navigate).toHaveBeenCalledTimes(1));
    const [url] = app.authorizationUrls();
    if (!url) throw new Error('no authorization URL');
    expect(url.origin + url.pathname).toBe(`${SHOP_ORIGIN}/oauth2/authorize`);
    expect(url.searchParams.get('response_type')).toBe('token');
    expect(url.searchParams.get('client_id')).toBe('demo-client');
    expect((url.searchParams.get('scope') ?? '').split(' ').sort()).toEqual(['admin', 'storefront']);

    const done = await app.completeSignIn(url, 'access_token=more&token_type=bearer&scope=storefront+admin');
    expect(done.returnTo).toBe(PRODUCT_PATH);
    expect(done.session.tokens.scopes.sort()).toEqual(['admin', 'storefront']);
  });

  it('Grant access for the cart asks for cart on top of storefront', async () => {
    const app = await openProduct(['storefront']);

    await userEvent.click(screen.getByRole('button', { name: 'Grant access to use your cart' }));
    await eventually(() => expect(app.navigate).toHaveBeenCalledTimes(1));
    const [url] = app.authorizationUrls();
    expect((url?.searchParams.get('scope') ?? '').split(' ').sort()).toEqual(['cart', 'storefront']);
  });

  it('Grant access, pressed twice while the sign-in starts, starts it once and keeps the focus (aria-disabled, not disabled)', async () => {
    const app = await openProduct(['storefront']);
    const grant = screen.getByRole('button', { name: 'Grant access to use your cart' });
    await expectOneStartKeepingFocus(grant, (started) => vi.spyOn(app.session, 'signIn').mockReturnValue(started));
  });

  it('with storefront, cart and admin, shows the Add to cart form and the editor, and no locks', async () => {
    const app = await openProduct(['storefront', 'cart', 'admin'], [{ product_id: 'p-100', quantity: 1 }, { product_id: 'p-7', quantity: 2 }]);

    expect(screen.getByRole('button', { name: 'Add to cart' })).toBeEnabled();
    // what the cart held of it as the page opened (read once), until an add says what it holds now
    expect(await screen.findByText(/Your cart has 1 of this already \(3 items in all\)\./)).toBeInTheDocument();
    expect(app.network.requests('GET', '/api/v1/cart')).toHaveLength(1);
    expect(screen.getByRole('spinbutton', { name: 'Quantity' })).toHaveValue(1);
    // Named once, by its (visually hidden) label: no aria-label beside it saying the same again.
    const field = screen.getByRole('spinbutton', { name: 'Quantity' }) as HTMLInputElement;
    expect(field).not.toHaveAttribute('aria-label');
    expect([...(field.labels ?? [])].map((label) => label.textContent?.trim())).toEqual(['Quantity']);
    const editor = await screen.findByRole('form', { name: 'Edit product' });
    expect(editor).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Linen apron');
    expect(screen.queryByRole('button', { name: /Grant access/ })).not.toBeInTheDocument();
    expect(screen.queryByText(/needs permission/)).not.toBeInTheDocument();

    // And the form works: the quantity goes to the store, the cart's count comes back.
    app.network.on('POST', '/api/v1/cart/items', () =>
      json({ items: [{ product_id: 'p-100', quantity: 2 }, { product_id: 'p-7', quantity: 3 }], subtotal_raw: 99.8, currency: 'USD' }),
    );
    const quantity = screen.getByRole('spinbutton', { name: 'Quantity' });
    await userEvent.clear(quantity);
    await userEvent.type(quantity, '2');
    await userEvent.click(screen.getByRole('button', { name: 'Add to cart' }));
    // as the store answered: this product's line, and everything (not the quantity asked for)
    expect(await screen.findByText(/Your cart now has 2 of this \(5 items in all\)\./)).toBeInTheDocument();
    expect(screen.queryByText(/already/)).toBeNull();
    expect(screen.getByRole('link', { name: 'View cart' })).toHaveAttribute('href', '#/s/demo/cart');
    const posts = app.network.requests('POST', '/api/v1/cart/items');
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]?.body ?? 'null')).toEqual({ product_id: 'p-100', quantity: 2 });
  });

  it('a quantity of 0, 999 or 2.5 is said beside the field (aria-invalid, aria-describedby), kept as typed, and nothing goes to the store until it is a whole number in range (it got only the browser’s bubble)', async () => {
    const app = await openProduct(['storefront', 'cart']);
    const quantity = screen.getByRole('spinbutton', { name: 'Quantity' });
    const add = screen.getByRole('button', { name: 'Add to cart' });
    expect(quantity).toHaveAttribute('aria-invalid', 'false');
    expect(quantity).toHaveAccessibleDescription('');
    for (const [typed, said] of [
      ['0', 'Enter 1 or more: this adds to your cart (from 1 to 99).'],
      ['999', 'The store takes at most 99 at a time: enter 99 or fewer.'],
      ['2.5', 'Enter a whole number, from 1 to 99.'],
    ] as const) {
      await userEvent.clear(quantity);
      await userEvent.type(quantity, typed);
      await userEvent.click(add);
      expect(quantity).toHaveAttribute('aria-invalid', 'true');
      expect(quantity).toHaveAccessibleDescription(said);
      expect(quantity).toHaveFocus();
      expect((quantity as HTMLInputElement).value).toBe(typed);
    }
    expect(app.network.requests('POST', '/api/v1/cart/items')).toHaveLength(0);
    // Put right, the message goes as it is typed, and the add goes.
    app.network.on('POST', '/api/v1/cart/items', () => json({ items: [{ product_id: 'p-100', quantity: 3 }], subtotal_raw: 59.7, currency: 'USD' }));
    await userEvent.clear(quantity);
    await userEvent.type(quantity, '3');
    expect(quantity).toHaveAttribute('aria-invalid', 'false');
    expect(quantity).toHaveAccessibleDescription('');
    await userEvent.click(add);
    expect(await screen.findByText(/Your cart now has 3 of this/)).toBeInTheDocument();
    expect(app.network.requests('POST', '/api/v1/cart/items').map((post) => JSON.parse(post.body ?? 'null'))).toEqual([{ product_id: 'p-100', quantity: 3 }]);
  });

  it('with the stock known (12), more than it is said, not sent; an emptied field, left, asks how many', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront', 'cart', 'admin'] }, path: PRODUCT_PATH });
    app.network.on('GET', '/api/v1/products/p-100', () => json(wireProduct({ inventory: 12 })));
    app.network.on('GET', '/api/v1/cart', () => json({ items: [], subtotal_raw: 0, currency: 'USD' }));
    render(Harness, { props: harnessProps(app, ProductView, () => ({ storeId: 'demo', productId: 'p-100' })) });
    const quantity = await screen.findByRole('spinbutton', { name: 'Quantity' });
    expect(quantity).toHaveAttribute('max', '12');
    await userEvent.clear(quantity);
    await userEvent.tab();
    expect(quantity).toHaveAccessibleDescription('Enter how many to add, from 1 to 12.');
    await userEvent.type(quantity, '13');
    await userEvent.click(screen.getByRole('button', { name: 'Add to cart' }));
    expect(quantity).toHaveAccessibleDescription('Only 12 in stock: enter 12 or fewer.');
    expect(app.network.requests('POST', '/api/v1/cart/items')).toHaveLength(0);
  });

  it('the picture chosen in the gallery is kept in the page’s history entry: the page drawn again on it (a reload, Back) shows that picture, not the first', async () => {
    const images = [
      { url: 'https://cdn.shop.example/apron.jpg', alt: 'An apron', width: 800, height: 800 },
      { url: 'https://cdn.shop.example/apron-folded.jpg', alt: 'The apron folded', width: 800, height: 800 },
    ];
    const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: PRODUCT_PATH });
    app.network.on('GET', '/api/v1/products/p-100', () => json(wireProduct({ images })));
    const draw = (router: Router) => render(Harness, { props: harnessProps({ ...app, router }, ProductView, () => ({ storeId: 'demo', productId: 'p-100' })) });
    draw(app.router);
    expect(await screen.findByRole('img', { name: 'An apron' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show image 2 of 2' }));
    expect(screen.getByRole('img', { name: 'The apron folded' })).toBeInTheDocument();
    expect((history.state as Record<string, unknown>).productPicture).toBe(images[1]!.url);

    // Drawn again on the same entry, by a new page's Router (a reload): the second picture, pressed.
    cleanup();
    draw(new Router());
    expect(await screen.findByRole('img', { name: 'The apron folded' })).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: 'An apron' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Show image 2 of 2' })).toHaveAttribute('aria-pressed', 'true');

    // A picture the entry kept that the product no longer lists (edited meanwhile): the first, not another.
    cleanup();
    history.replaceState({ ...(history.state as object), productPicture: 'https://cdn.shop.example/gone.jpg' }, '');
    draw(new Router());
    expect(await screen.findByRole('img', { name: 'An apron' })).toBeInTheDocument();
  });

  it('with admin, “Edit this product” beside the price brings the editor (below the description) into view, its Name field focused', async () => {
    await openProduct(['storefront', 'admin']);
    await screen.findByRole('form', { name: 'Edit product' });
    // jsdom lays nothing out: the scroll is asked for, and seen in Chromium (e2e views.test.ts).
    const scrolled = vi.fn();
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = scrolled;
    try {
      await userEvent.click(screen.getByRole('button', { name: 'Edit this product' }));
    } finally {
      Element.prototype.scrollIntoView = original;
    }
    expect(scrolled).toHaveBeenCalledWith({ block: 'start' });
    expect(scrolled.mock.contexts[0]).toBe(screen.getByRole('heading', { name: 'Manage this product' }).closest('section'));
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveFocus();
  });

  it('a save refused for admin (403) keeps the draft in view under the lock, to read and discard (the whole form went away)', async () => {
    const app = await openProduct(['storefront', 'admin']);
    app.network.on('PATCH', '/api/v1/products/p-100', () =>
      json({ error: 'insufficient_scope' }, { status: 403, headers: { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="admin"' } }),
    );
    const form = await screen.findByRole('form', { name: 'Edit product' });
    const name = screen.getByRole('textbox', { name: 'Name' });
    await userEvent.clear(name);
    await userEvent.type(name, 'My apron');
    screen.getByRole('button', { name: 'Save changes' }).focus();
    await userEvent.keyboard('{Enter}');

    // The refusal, said once, above the draft; the same form (not drawn again) keeps what was typed.
    await eventually(() => expect(screen.getByText('Your unsaved changes to this product are kept below: Grant access, and Save comes back once the permission is granted; or discard them.')).toBeInTheDocument());
    expect(screen.getAllByText(/Editing products needs permission to “Manage the store”/)).toHaveLength(1);
    expect(screen.getByRole('form', { name: 'Edit product' })).toBe(form);
    expect(name).toHaveValue('My apron');
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
    // The keyboard, dropped with Save, lands on the lock's button.
    const grant = screen.getByRole('button', { name: 'Grant access to manage the store' });
    await eventually(() => expect(grant).toHaveFocus());

    await userEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    await eventually(() => expect(screen.queryByRole('form', { name: 'Edit product' })).not.toBeInTheDocument());
    expect(screen.queryByText(/kept below/)).not.toBeInTheDocument();
    expect(screen.getByText(/Editing products needs permission to “Manage the store”/)).toBeInTheDocument();
    await eventually(() => expect(grant).toHaveFocus());
    expect(await draftStore().load('demo/product/p-100')).toBeUndefined();
    expect(app.network.requests('PATCH', '/api/v1/products/p-100')).toHaveLength(1);
  });

  it('a product the store does not have says so, offers the way back and no Try again (it would answer the same)', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: '/s/demo/product/gone' });
    app.network.on('GET', '/api/v1/products/gone', () => json({ error: 'not_found' }, { status: 404 }), { times: 1 });
    render(Harness, { props: harnessProps(app, ProductView, () => ({ storeId: 'demo', productId: 'gone' })) });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not found');
    expect(alert).toHaveTextContent('The store has nothing at this address. It may have been removed.');
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← Back to the catalogue' })).toBeInTheDocument();
    expect(app.network.requests('GET', '/api/v1/products/gone')).toHaveLength(1);
  });

  it('a product that failed for a passing reason (a 500) offers Try again, which asks again', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: '/s/demo/product/flaky' });
    app.network.on('GET', '/api/v1/products/flaky', () => json({ error: 'server_error' }, { status: 500 }), { times: 1 });
    app.network.on('GET', '/api/v1/products/flaky', () => json(wireProduct({ id: 'flaky', name: 'Back again' })));
    render(Harness, { props: harnessProps(app, ProductView, () => ({ storeId: 'demo', productId: 'flaky' })) });

    await screen.findByRole('alert');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Back again', level: 1 })).toBeInTheDocument();
  });

  it('a picture that will not load gives way to the "no picture" mark, named for a screen reader as the picture was', async () => {
    await openProduct(['storefront']);
    const picture = screen.getByRole('img', { name: 'An apron' });
    await fireEvent.error(picture);
    expect(screen.queryByRole('img', { name: 'An apron' })).not.toBeInTheDocument();
    const mark = screen.getByRole('img', { name: 'Picture not available' });
    expect(mark).toHaveTextContent('No picture');
    // In the picture's box: the main picture's class stays on it.
    expect(mark.closest('.fallback')).toHaveClass('main-image');
  });
});
