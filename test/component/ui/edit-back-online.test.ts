/**
 * A send that failed because the browser was offline, once it is back online: not an error any more
 * but where things stand, said calmly beside the form's own button, instead of "Back online" inside
 * the red alert with its own Try again. A product edit (nothing saved, the edit kept, Save sends it)
 * and an add to the cart (nothing added, Add to cart adds it: the panel's Try again only took the
 * panel away). Only where the send certainly never left (sent while the browser said it was offline,
 * back-online.svelte.ts watchSend): one cut off on its way as the link dropped may be at the store, and is
 * said so (a save: Save again finds it there and says Saved., not "Changed elsewhere"; the cart:
 * look there before adding it again).
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AddToCart from '../../../src/lib/components/AddToCart.svelte';
import ProductEditor from '../../../src/lib/components/ProductEditor.svelte';
import { createTestApp, harnessProps, json, wireProduct } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';
import { goOffline, goOnline, restoreOnline } from '../../helpers/browser-online.ts';

const PATCH_PATH = '/api/v1/products/p-100';

/** Says the browser is offline (navigator.onLine false, an `offline` event) until `goOnline`, which fires `online`. */
function offline(): { goOnline: () => void } {
  goOffline();
  return { goOnline };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  restoreOnline();
});

/**
 * The editor on p-100, renamed, its Save pressed offline (the request fails as Chromium's does);
 * `cutOff`: pressed online, the link dropping while the request is out.
 */
async function savedOffline(cutOff = false) {
  const app = await createTestApp({ sessions: { demo: ['storefront', 'admin'] }, path: '/s/demo/product/p-100' });
  app.network.on('GET', PATCH_PATH, () => json(wireProduct()), { times: 1 });
  const product = await app.apis.for('demo').getProduct('p-100');
  render(Harness, { props: harnessProps(app, ProductEditor, () => ({ storeId: 'demo', product, onSaved: () => undefined })) });
  const name = screen.getByRole('textbox', { name: 'Name' });
  await userEvent.clear(name);
  await userEvent.type(name, 'Apron, after the tunnel');
  let browser = cutOff ? undefined : offline();
  app.network.on('PATCH', PATCH_PATH, () => {
    browser ??= offline();
    return Promise.reject(new TypeError('Failed to fetch'));
  }, { times: 1 });
  await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('This browser is offline');
  if (!browser) throw new Error('the save was not sent');
  return { app, browser };
}

describe('a product edit whose save failed offline, back online', () => {
  it('is said calmly as kept and not saved, with Save as the action: no alert, no Try again (it read "Back online" in the red panel)', async () => {
    const { app, browser } = await savedOffline();
    browser.goOnline();
    const kept = await screen.findByText(/Your changes were not saved while this browser was offline; they are kept here\./);
    expect(kept.closest('[role="status"]')).not.toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Apron, after the tunnel');
    expect(app.network.requests('PATCH', PATCH_PATH)).toHaveLength(1);

    app.network.on('PATCH', PATCH_PATH, () => json(wireProduct({ name: 'Apron, after the tunnel', updated: '2024-03-05T09:00:00Z' })), { times: 1 });
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(screen.queryByText(/they are kept here/)).toBeNull();
  });

  it('cut off on its way as the link dropped (sent online): says the store may have saved it, never that it was not saved; Save again, met by the store’s copy holding it, says Saved. (not "Changed elsewhere")', async () => {
    const { app, browser } = await savedOffline(true);
    browser.goOnline();
    const note = await screen.findByText(/The link dropped while your changes were on their way, so the store may have saved them; they are kept here\. Save changes is safe/);
    expect(note.closest('[role="status"]')).not.toBeNull();
    expect(screen.queryByText(/were not saved/)).toBeNull();

    // The store had applied it: its copy is newer than the editor's, with the name as sent.
    const theirs = wireProduct({ name: 'Apron, after the tunnel', updated: '2024-03-05T09:00:00Z' });
    app.network.on('PATCH', PATCH_PATH, () => json({ error: 'conflict', product: theirs }, { status: 409 }), { times: 1 });
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(screen.queryByText('Changed elsewhere')).toBeNull();
    expect(screen.queryByText(/may have saved/)).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Apron, after the tunnel');
    expect(app.network.requests('PATCH', PATCH_PATH)).toHaveLength(2);
  });

  it('cut off on its way, then typed on: Save again sends what is left against the store’s copy that holds the first save', async () => {
    const { app, browser } = await savedOffline(true);
    browser.goOnline();
    await screen.findByText(/so the store may have saved them/);
    await userEvent.click(screen.getByRole('checkbox', { name: /Published/ }));
    const theirs = wireProduct({ name: 'Apron, after the tunnel', updated: '2024-03-05T09:00:00Z' });
    app.network.on('PATCH', PATCH_PATH, () => json({ error: 'conflict', product: theirs }, { status: 409 }), { times: 1 });
    app.network.on('PATCH', PATCH_PATH, () => json({ ...theirs, published: false, updated: '2024-03-05T09:01:00Z' }), { times: 1 });
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    const patches = app.network.requests('PATCH', PATCH_PATH);
    expect(patches).toHaveLength(3);
    expect(JSON.parse(patches[2]?.body ?? '')).toEqual({ updated: '2024-03-05T09:00:00Z', published: false });
  });

  it('sent while offline, the store changed by someone else: Save again still says "Changed elsewhere" (nothing of this editor’s can be there)', async () => {
    const { app, browser } = await savedOffline();
    browser.goOnline();
    await screen.findByText(/were not saved while this browser was offline/);
    const theirs = wireProduct({ name: 'Apron, after the tunnel', updated: '2024-03-05T09:00:00Z' });
    app.network.on('PATCH', PATCH_PATH, () => json({ error: 'conflict', product: theirs }, { status: 409 }), { times: 1 });
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Changed elsewhere')).toBeInTheDocument();
  });

  it('offline again, the offline words come back; the focus on the panel’s Try again as it goes lands on Save', async () => {
    const { browser } = await savedOffline();
    screen.getByRole('button', { name: 'Try again' }).focus();
    browser.goOnline();
    await screen.findByText(/they are kept here/);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Save changes' }));
    offline();
    expect(await screen.findByRole('alert')).toHaveTextContent('This browser is offline');
    expect(screen.queryByText(/they are kept here/)).toBeNull();
  });

  it('Discard changes takes the failed save’s words away with the edit (its Try again had nothing left to save)', async () => {
    const { browser } = await savedOffline();
    browser.goOnline();
    await screen.findByText(/they are kept here/);
    await userEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(await screen.findByText('Changes discarded.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText(/they are kept here/)).toBeNull();
  });
});

describe('an add to the cart that failed offline, back online', () => {
  it('says calmly that nothing was added, with Add to cart as the action (its Try again added nothing and said nothing); the focus on that Try again lands on Add to cart', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront', 'cart'] }, path: '/s/demo/product/p-100' });
    app.network.on('GET', '/api/v1/cart', () => json({ items: [], subtotal_raw: 0, currency: 'USD' })); // read as the page opens (AddToCart)
    render(Harness, { props: harnessProps(app, AddToCart, () => ({ storeId: 'demo', productId: 'p-100' })) });
    const browser = offline();
    app.network.on('POST', '/api/v1/cart/items', () => Promise.reject(new TypeError('Failed to fetch')), { times: 1 });
    await userEvent.click(screen.getByRole('button', { name: 'Add to cart' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This browser is offline');
    screen.getByRole('button', { name: 'Try again' }).focus();
    browser.goOnline();
    const note = await screen.findByText(/Nothing was added to the cart while this browser was offline\. Add to cart adds it now\./);
    expect(note.closest('[role="status"]')).not.toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add to cart' }));

    app.network.on('POST', '/api/v1/cart/items', () => json({ items: [{ product_id: 'p-100', quantity: 1 }], subtotal_raw: 19.9, currency: 'USD' }), { times: 1 });
    await userEvent.click(screen.getByRole('button', { name: 'Add to cart' }));
    expect(await screen.findByText(/Your cart now has 1 of this/)).toBeInTheDocument();
    expect(screen.queryByText(/Nothing was added/)).toBeNull();
  });

  it('cut off on its way as the link dropped (sent online): says the cart may have it, to look there before adding it again (adding adds once more), never that nothing was added', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront', 'cart'] }, path: '/s/demo/product/p-100' });
    app.network.on('GET', '/api/v1/cart', () => json({ items: [], subtotal_raw: 0, currency: 'USD' })); // read as the page opens (AddToCart)
    render(Harness, { props: harnessProps(app, AddToCart, () => ({ storeId: 'demo', productId: 'p-100' })) });
    let browser: { goOnline: () => void } | undefined;
    app.network.on('POST', '/api/v1/cart/items', () => {
      browser = offline();
      return Promise.reject(new TypeError('Failed to fetch'));
    }, { times: 1 });
    await userEvent.click(screen.getByRole('button', { name: 'Add to cart' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This browser is offline');
    browser?.goOnline();
    const note = await screen.findByText(/The link dropped while this was on its way to the cart, so the cart may have it already\. Look there before adding it again: Add to cart adds it once more\./);
    expect(note.closest('[role="status"]')).not.toBeNull();
    expect(screen.getByRole('link', { name: 'View cart' })).toHaveAttribute('href', expect.stringMatching(/\/s\/demo\/cart$/));
    expect(screen.queryByText(/Nothing was added/)).toBeNull();
  });
});
