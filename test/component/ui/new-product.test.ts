/**
 * Adding a product from the catalogue (Goodsie's POST /products, scope admin): "New product" shows
 * only to those who may edit products; problems show once Add is pressed, the first one focused;
 * the product is sent as typed (unpublished unless ticked) and opens on its own page, Back loading
 * the catalogue afresh; a refusal says what permission it needs; what was typed survives a reload.
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import AddProduct from '../../../src/lib/components/AddProduct.svelte';
import ProductEditor from '../../../src/lib/components/ProductEditor.svelte';
import { draftStore, discardStoreDrafts } from '../../../src/lib/storage/drafts.ts';
import { createTestApp, eventually, harnessProps, signOutInAnotherTab, json, tokenFor, wireProduct, type TestApp } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';
import { SESSION_CHANNEL_NAME } from '../../../src/lib/auth/session-channel.ts';
import { connectedSinceSignOut } from '../../../src/lib/state/sign-outs-heard.ts';
import { keptInEntry } from '../../../src/lib/state/entry-state.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function openCatalogue(scopes: string[], keepDatabase = false): Promise<TestApp> {
  const app = await createTestApp({ sessions: { demo: scopes }, path: '/s/demo', keepDatabase });
  app.network.on('GET', '/api/v1/metadata', () => json({ name: 'Demo Store', currency: 'USD', canonical_url: 'https://shop.example' }));
  app.network.on('GET', '/api/v1/pages', () => json({ pages: [] }));
  render(Harness, { props: harnessProps(app, AddProduct, () => ({ storeId: 'demo', currency: 'USD' })) });
  return app;
}

async function openForm(app: TestApp): Promise<HTMLElement> {
  const button = await screen.findByRole('button', { name: 'New product' });
  expect(button).toHaveAttribute('aria-expanded', 'false');
  await userEvent.click(button);
  expect(button).toHaveAttribute('aria-expanded', 'true');
  const form = await screen.findByRole('form', { name: 'New product' });
  await eventually(() => expect(screen.getByRole('textbox', { name: 'Name' })).toHaveFocus());
  void app;
  return form;
}

const posted = (app: TestApp) => app.network.requests('POST', '/api/v1/products').map((r) => JSON.parse(r.body ?? 'null') as unknown);

describe('New product', () => {
  it('is not offered without permission to manage the store', async () => {
    const app = await openCatalogue(['storefront']);
    // The platform adds products (the check the button waits for has answered), but this person may not.
    expect(await app.apis.createsProducts('demo')).toBe(true);
    await tick();
    expect(screen.queryByRole('button', { name: 'New product' })).not.toBeInTheDocument();
  });

  it('says what is missing once Add is pressed, focusing the first field to fix, and sends nothing until it is right', async () => {
    const app = await openCatalogue(['storefront', 'admin']);
    await openForm(app);
    expect(screen.queryByText('Enter a name.')).not.toBeInTheDocument(); // nothing said before Add
    await userEvent.click(screen.getByRole('button', { name: 'Add product' }));
    const name = screen.getByRole('textbox', { name: 'Name' });
    expect(name).toHaveAccessibleDescription('Enter a name.');
    expect(screen.getByRole('textbox', { name: 'Price (USD)' })).toHaveAccessibleDescription('Enter a price, for example 19.90.');
    await eventually(() => expect(name).toHaveFocus());
    await userEvent.type(name, 'Mug');
    await userEvent.click(screen.getByRole('button', { name: 'Add product' }));
    await eventually(() => expect(screen.getByRole('textbox', { name: 'Price (USD)' })).toHaveFocus());
    expect(posted(app)).toEqual([]);
  });

  it('refuses a price finer than a cent (19.994 USD) once Add is pressed, focusing it, and sends nothing', async () => {
    const app = await openCatalogue(['storefront', 'admin']);
    await openForm(app);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Yo-yo');
    const price = screen.getByRole('textbox', { name: 'Price (USD)' });
    await userEvent.type(price, '19.994');
    await userEvent.click(screen.getByRole('button', { name: 'Add product' }));
    expect(price).toHaveAccessibleDescription('Enter a price with at most 2 decimals, for example 19.90.');
    await eventually(() => expect(price).toHaveFocus());
    expect(posted(app)).toEqual([]);
  });

  it('Enter pressed in the price field it refuses: the focus is there already, so the refusal is said by a live region', async () => {
    const app = await openCatalogue(['storefront', 'admin']);
    await openForm(app);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Yo-yo');
    const price = screen.getByRole('textbox', { name: 'Price (USD)' });
    await userEvent.type(price, '19.994{Enter}');
    expect(price).toHaveFocus();
    expect(price).toHaveAccessibleDescription('Enter a price with at most 2 decimals, for example 19.90.');
    const form = screen.getByRole('form', { name: 'New product' });
    await eventually(() => expect(within(form).getByRole('status')).toHaveTextContent('Enter a price with at most 2 decimals, for example 19.90.'));
    expect(posted(app)).toEqual([]);
  });

  it('a price of 0 asks first (it was added free at one press): the first Add sends nothing and says so at the field, focused; the second adds it at 0', async () => {
    const app = await openCatalogue(['storefront', 'admin']);
    app.network.on('POST', '/api/v1/products', () => json(wireProduct({ id: 'p-new', name: 'Sticker', cost: '$0.00', cost_raw: 0, compare_at_cost_raw: null, published: false }), { status: 201 }), { times: 1 });
    await openForm(app);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Sticker');
    const price = screen.getByRole('textbox', { name: 'Price (USD)' });
    await userEvent.type(price, '0');
    const add = screen.getByRole('button', { name: 'Add product' });
    await userEvent.click(add);
    await eventually(() => expect(price).toHaveFocus());
    expect(price).toHaveAccessibleDescription('A price of 0 makes this product free for shoppers. To sell it at 0, press Add product again; otherwise enter its price.');
    expect(price).toHaveAttribute('aria-invalid', 'false');
    expect(price).toHaveValue('0');
    expect(posted(app)).toEqual([]);
    await userEvent.click(add);
    await eventually(() => expect(posted(app)).toEqual([{ name: 'Sticker', cost_raw: 0, published: false }]));
  });

  it('sends the product as typed, unpublished unless ticked, and opens it on its page; Back loads the catalogue afresh', async () => {
    const app = await openCatalogue(['storefront', 'admin']);
    const stopListening = app.router.listen();
    onTestFinished(stopListening);
    app.router.remember(app.router.entry, { path: '/s/demo', snapshot: { products: [] } });
    app.network.on('POST', '/api/v1/products', () => json(wireProduct({ id: 'p-new', name: 'Hand-thrown mug', cost_raw: 24.5, published: false }), { status: 201 }), { times: 1 });
    await openForm(app);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), '  Hand-thrown mug ');
    await userEvent.type(screen.getByRole('textbox', { name: 'Price (USD)' }), '24.5');
    await userEvent.type(screen.getByRole('textbox', { name: 'Inventory' }), '12');
    // The preview reads a relative link as the product's page will: on the store's site.
    await userEvent.click(screen.getByRole('textbox', { name: 'Description' }));
    await userEvent.paste('<p>See <a href="/pages/care">care</a>.</p>');
    await userEvent.click(screen.getByText('Preview'));
    await eventually(() => expect(screen.getByRole('link', { name: 'care' })).toHaveAttribute('href', 'https://shop.example/pages/care'));
    await userEvent.click(screen.getByRole('button', { name: 'Add product' }));

    await eventually(() => expect(app.router.current).toMatchObject({ name: 'product', storeId: 'demo', productId: 'p-new' }));
    expect(posted(app)).toEqual([{ name: 'Hand-thrown mug', cost_raw: 24.5, published: false, inventory: 12, description: '<p>See <a href="/pages/care">care</a>.</p>' }]);
    expect(app.network.requests('POST', '/api/v1/products')[0]?.headers.get('Authorization')).toBe(`Bearer ${tokenFor('demo')}`);
    // the catalogue's entry no longer remembers its list (which has no new product)
    history.back();
    await eventually(() => expect(app.router.current.name).toBe('catalog'));
    expect(app.router.recall(app.router.entry)).toBeUndefined();
    expect(await draftStore().load('demo/new-product')).toBeUndefined();
  });

  it('a refusal for lack of admin says adding products needs that permission, and keeps what was typed', async () => {
    const app = await openCatalogue(['storefront', 'admin']);
    app.network.on('POST', '/api/v1/products', () =>
      json({ error: 'insufficient_scope' }, { status: 403, headers: { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="admin"' } }),
    );
    await openForm(app);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Mug');
    await userEvent.type(screen.getByRole('textbox', { name: 'Price (USD)' }), '8');
    await userEvent.click(screen.getByRole('button', { name: 'Add product' }));
    expect(
      await screen.findByText('Adding products needs permission to “Manage the store”, which Demo Store has not granted to this app.'),
    ).toBeInTheDocument();
    expect(app.router.current.name).toBe('catalog');
    expect(await draftStore().load('demo/new-product')).toMatchObject({ name: 'Mug', price: '8' });
  });

  it('what was typed comes back after the page is left (a reconnect); Cancel asks before forgetting it (it forgot at one click)', async () => {
    const first = await openCatalogue(['storefront', 'admin']);
    await openForm(first);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Half a name');
    await eventually(async () => expect(await draftStore().load('demo/new-product')).toMatchObject({ name: 'Half a name' }));
    cleanup();

    const app = await openCatalogue(['storefront', 'admin'], true);
    await openForm(app);
    expect(await screen.findByText('What you had typed for this product was restored.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Half a name');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    // asked first, the focus on the answer that loses nothing
    const question = screen.getByRole('group', { name: 'Discard what you typed for this new product?' });
    expect(within(question).getByRole('button', { name: 'Keep editing' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: /^Discard what you typed/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Half a name');
    expect(await draftStore().load('demo/new-product')).toMatchObject({ name: 'Half a name' });

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(screen.queryByRole('form', { name: 'New product' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New product' })).toHaveFocus();
    await eventually(async () => expect(await draftStore().load('demo/new-product')).toBeUndefined());
  });

  it('an Add whose answer comes after its drafts were discarded (a sign-out meanwhile) does not write the draft back', async () => {
    // regression: the answer's catch saved the form again, and the next person found it restored
    const app = await openCatalogue(['storefront', 'admin']);
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    app.network.on('POST', '/api/v1/products', () => answered.then(() => json({ error: 'server_error' }, { status: 503 })), { times: 1 });
    await openForm(app);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Hand-thrown mug');
    await userEvent.type(screen.getByRole('textbox', { name: 'Price (USD)' }), '24.5');
    await userEvent.click(screen.getByRole('button', { name: 'Add product' }));
    await eventually(() => expect(posted(app)).toHaveLength(1));
    // what the sign-out does (auth/sign-out.ts), while the Add is on its way
    await discardStoreDrafts('demo');
    answer();
    await screen.findByRole('button', { name: 'Try again' });
    await tick();
    expect(await draftStore().load('demo/new-product')).toBeUndefined();
  });

  it('what is typed while an Add is on its way is saved with its mark: a reload before the answer looks at the store first', async () => {
    // regression: the typing's save dropped the mark, and the reloaded form sent the Add again unlooked
    const first = await openCatalogue(['storefront', 'admin']);
    first.network.on('POST', '/api/v1/products', () => new Promise<Response>(() => undefined), { times: 1 });
    await openForm(first);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Hand-thrown mug');
    await userEvent.type(screen.getByRole('textbox', { name: 'Price (USD)' }), '24.5');
    await userEvent.click(screen.getByRole('button', { name: 'Add product' }));
    await eventually(() => expect(posted(first)).toHaveLength(1));
    await userEvent.type(screen.getByRole('textbox', { name: 'Inventory' }), '7');
    await eventually(async () => expect(await draftStore().load('demo/new-product')).toMatchObject({ inventory: '7' }));
    expect(await draftStore().load('demo/new-product')).toMatchObject({ unsure: { sent: [{ name: 'Hand-thrown mug', price: 24.5 }] } });
    cleanup();

    // the page reloaded before the answer: the Add looks for the product first, and finds none
    const app = await openCatalogue(['storefront', 'admin'], true);
    const lookup = { q: 'Hand-thrown mug', sort: 'newest', page: '0', count: '20' };
    app.network.on('GET', '/api/v1/products', () => json({ products: [], paging: { page: 0, count: 20, total: 0 } }), { query: lookup, times: 1 });
    app.network.on('POST', '/api/v1/products', () => json(wireProduct({ id: 'p-new', name: 'Hand-thrown mug', cost_raw: 24.5, published: false, inventory: 7 }), { status: 201 }), { times: 1 });
    await openForm(app);
    expect(await screen.findByText(/It may have been added already/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Inventory' })).toHaveValue('7');
    await userEvent.click(screen.getByRole('button', { name: 'Add product' }));
    await eventually(() => expect(app.router.current).toMatchObject({ name: 'product', productId: 'p-new' }));
    expect(app.network.requests('GET', '/api/v1/products').filter((r) => r.url.searchParams.get('q'))).toHaveLength(1);
  });

  it('what is typed while the Add goes is kept as an unsaved edit of the product added: its page’s editor brings it back (it was lost as the page opened)', async () => {
    const app = await openCatalogue(['storefront', 'admin']);
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const stored = wireProduct({ id: 'p-new', name: 'Hand-thrown mug', cost_raw: 24.5, published: false, description: '', updated: '2024-03-06T10:00:00Z' });
    app.network.on('POST', '/api/v1/products', () => answered.then(() => json(stored, { status: 201 })), { times: 1 });
    await openForm(app);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Hand-thrown mug');
    await userEvent.type(screen.getByRole('textbox', { name: 'Price (USD)' }), '24.5');
    await userEvent.click(screen.getByRole('button', { name: 'Add product' }));
    await eventually(() => expect(posted(app)).toHaveLength(1));
    await userEvent.click(screen.getByRole('textbox', { name: 'Description' }));
    await userEvent.paste('<p>Glazed inside.</p>');
    answer();
    await eventually(() => expect(app.router.current).toMatchObject({ name: 'product', productId: 'p-new' }));
    expect(await draftStore().load('demo/new-product')).toBeUndefined();
    cleanup();

    // the product's page: its editor has what was typed, unsaved
    app.network.on('GET', '/api/v1/products/p-new', () => json(stored), { times: 1 });
    const product = await app.apis.for('demo').getProduct('p-new');
    render(Harness, { props: harnessProps(app, ProductEditor, () => ({ storeId: 'demo', product, onSaved: () => undefined })) });
    expect(await screen.findByText('Your unsaved changes were restored.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Description' })).toHaveValue('<p>Glazed inside.</p>');
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Hand-thrown mug');
  });

  it('a sign-out of the store in another tab: what is typed after it is not saved back as a draft', async () => {
    // regression: the open form saved its draft again after the sign-out had discarded the store's drafts
    const app = await openCatalogue(['storefront', 'admin']);
    await openForm(app);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Hand-thrown');
    await eventually(async () => expect(await draftStore().load('demo/new-product')).toMatchObject({ name: 'Hand-thrown' }));
    await signOutInAnotherTab('demo');
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), ' mug');
    await userEvent.type(screen.getByRole('textbox', { name: 'Price (USD)' }), '24.5');
    await tick();
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await draftStore().load('demo/new-product')).toBeUndefined();
  });

  it('a sign-out in another tab, then the store connected again: what is typed after the new connection is kept, nothing from before it', async () => {
    // regression: the form left open saved nothing more for its life, the typing after Reconnect silently not kept
    const app = await openCatalogue(['storefront', 'admin']);
    await openForm(app);
    const name = screen.getByRole('textbox', { name: 'Name' });
    await userEvent.type(name, 'Hand-thrown');
    await eventually(async () => expect(await draftStore().load('demo/new-product')).toMatchObject({ name: 'Hand-thrown' }));
    await signOutInAnotherTab('demo');
    await userEvent.type(name, ' mug');
    // what a new connection of the store posts (auth/connections.ts, auth-service.ts), heard here
    const other = new BroadcastChannel(SESSION_CHANNEL_NAME);
    onTestFinished(() => other.close());
    other.postMessage({ type: 'connected', storeId: 'demo' });
    await eventually(() => expect(connectedSinceSignOut('demo')).toBe(true));
    expect(await draftStore().load('demo/new-product')).toBeUndefined();
    await userEvent.type(screen.getByRole('textbox', { name: 'Price (USD)' }), '24.5');
    await eventually(async () => expect(await draftStore().load('demo/new-product')).toMatchObject({ name: 'Hand-thrown mug', price: '24.5' }));
  });

  it('after an Add answered 503, Try again asks the store first: its list failing sends nothing; the product found opens, said saved, with one POST', async () => {
    const app = await openCatalogue(['storefront', 'admin']);
    app.network.on('POST', '/api/v1/products', () => json({ error: 'server_error' }, { status: 503 }), { times: 1 });
    const lookup = { q: 'Hand-thrown mug', sort: 'newest', page: '0', count: '20' };
    app.network.on('GET', '/api/v1/products', () => Promise.reject(new TypeError('Failed to fetch')), { query: lookup, times: 1 });
    const kept = wireProduct({ id: 'p-kept', name: 'Hand-thrown mug', cost_raw: 24.5, published: false, inventory: 12, created: new Date().toISOString() });
    app.network.on('GET', '/api/v1/products', () => json({ products: [kept], paging: { page: 0, count: 20, total: 1 } }), { query: lookup, times: 1 });
    await openForm(app);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Hand-thrown mug');
    await userEvent.type(screen.getByRole('textbox', { name: 'Price (USD)' }), '24.5');
    await userEvent.type(screen.getByRole('textbox', { name: 'Inventory' }), '12');
    await userEvent.click(screen.getByRole('button', { name: 'Add product' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    // the look failed: still unknown, so nothing was sent again
    await eventually(() => expect(app.network.requests('GET', '/api/v1/products').filter((r) => r.url.searchParams.get('q'))).toHaveLength(1));
    await userEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    await eventually(() => expect(app.router.current).toMatchObject({ name: 'product', storeId: 'demo', productId: 'p-kept' }));
    expect(posted(app)).toHaveLength(1);
    expect(keptInEntry('addedBefore')).toBe(true);
    expect(await draftStore().load('demo/new-product')).toBeUndefined();
  });

  it('after a clear refusal (400), Add sends again without asking the store for the product first', async () => {
    const app = await openCatalogue(['storefront', 'admin']);
    app.network.on('POST', '/api/v1/products', () => json({ error: 'invalid_request', error_description: 'Try later.' }, { status: 400 }), { times: 1 });
    app.network.on('POST', '/api/v1/products', () => json(wireProduct({ id: 'p-new', name: 'Mug', cost_raw: 8, published: false }), { status: 201 }), { times: 1 });
    await openForm(app);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Mug');
    await userEvent.type(screen.getByRole('textbox', { name: 'Price (USD)' }), '8');
    await userEvent.click(screen.getByRole('button', { name: 'Add product' }));
    await screen.findByText(/Try later\./);
    await userEvent.click(await screen.findByRole('button', { name: 'Add product' }));
    await eventually(() => expect(app.router.current).toMatchObject({ name: 'product', productId: 'p-new' }));
    expect(posted(app)).toHaveLength(2);
    expect(app.network.requests('GET', '/api/v1/products').filter((r) => r.url.searchParams.get('q'))).toEqual([]);
    expect(keptInEntry('addedBefore')).toBeUndefined();
  });

  it('Cancel with nothing typed closes the form at once, asking nothing', async () => {
    const app = await openCatalogue(['storefront', 'admin']);
    await openForm(app);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'New product' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New product' })).toHaveFocus();
  });
});
