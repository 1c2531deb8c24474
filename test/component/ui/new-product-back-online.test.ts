/**
 * A new product's Add that failed with the browser offline, once it is back online. Sent while the
 * browser said it was offline, it never left (Chromium fails the fetch before anything goes out):
 * nothing was added, said calmly, and Add product sends it without asking the store first. Sent
 * online and cut off as the link dropped, the store may have it: said so, and Add product looks for
 * it first. It read "Back online … Nothing reached the store" in the red panel either way.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AddProduct from '../../../src/lib/components/AddProduct.svelte';
import { draftStore } from '../../../src/lib/storage/drafts.ts';
import { createTestApp, eventually, harnessProps, json, wireProduct, type TestApp } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';
import { goOffline, goOnline, restoreOnline } from '../../helpers/browser-online.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  restoreOnline();
});

const LOOKUP = { q: 'Hand-thrown mug', sort: 'newest', page: '0', count: '20' };
const posted = (app: TestApp) => app.network.requests('POST', '/api/v1/products');
const looked = (app: TestApp) => app.network.requests('GET', '/api/v1/products').filter((r) => r.url.searchParams.get('q'));

/** The New product form, filled in. */
async function filledForm(): Promise<TestApp> {
  const app = await createTestApp({ sessions: { demo: ['storefront', 'admin'] }, path: '/s/demo' });
  app.network.on('GET', '/api/v1/metadata', () => json({ name: 'Demo Store', currency: 'USD', canonical_url: 'https://shop.example' }));
  app.network.on('GET', '/api/v1/pages', () => json({ pages: [] }));
  render(Harness, { props: harnessProps(app, AddProduct, () => ({ storeId: 'demo', currency: 'USD' })) });
  await userEvent.click(await screen.findByRole('button', { name: 'New product' }));
  await screen.findByRole('form', { name: 'New product' });
  await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Hand-thrown mug');
  await userEvent.type(screen.getByRole('textbox', { name: 'Price (USD)' }), '24.5');
  return app;
}

const created = () => json(wireProduct({ id: 'p-new', name: 'Hand-thrown mug', cost_raw: 24.5, published: false, created: new Date().toISOString() }), { status: 201 });

describe('a new product’s Add that failed offline, back online', () => {
  it('sent while the browser was offline: says calmly that nothing was added and Add product adds it, which it does without looking first; the focus on the panel’s Try again lands on Add product', async () => {
    const app = await filledForm();
    goOffline();
    app.network.on('POST', '/api/v1/products', () => Promise.reject(new TypeError('Failed to fetch')), { times: 1 });
    await userEvent.click(screen.getByRole('button', { name: 'Add product' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This browser is offline');
    screen.getByRole('button', { name: 'Try again' }).focus();
    goOnline();
    const note = await screen.findByText(/Nothing was added to the store while this browser was offline; what you typed is kept here\. Add product adds it now\./);
    expect(note.closest('[role="status"]')).not.toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add product' }));
    // Nothing the store may have: the draft keeps no unsure Add, and Add product sends at once.
    await eventually(async () => expect(await draftStore().load('demo/new-product')).not.toHaveProperty('unsure'));

    app.network.on('POST', '/api/v1/products', created, { times: 1 });
    await userEvent.click(screen.getByRole('button', { name: 'Add product' }));
    await eventually(() => expect(app.router.current).toMatchObject({ name: 'product', productId: 'p-new' }));
    expect(looked(app)).toHaveLength(0);
    expect(posted(app)).toHaveLength(2);
  });

  it('cut off on its way as the link dropped (sent online): says the store may have it and Add product looks first, never that nothing was added', async () => {
    const app = await filledForm();
    app.network.on('POST', '/api/v1/products', () => {
      // The request went out online; the link drops before its answer.
      goOffline();
      return Promise.reject(new TypeError('Failed to fetch'));
    }, { times: 1 });
    await userEvent.click(screen.getByRole('button', { name: 'Add product' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This browser is offline');
    goOnline();
    const note = await screen.findByText(/The link dropped while the product was on its way, so the store may have added it\. Add product looks for it there first/);
    expect(note.closest('[role="status"]')).not.toBeNull();
    expect(screen.queryByText(/Nothing was added/)).toBeNull();
    expect(screen.queryByText(/Nothing reached the store/)).toBeNull();

    app.network.on('GET', '/api/v1/products', () => json({ products: [], paging: { page: 0, count: 20, total: 0 } }), { query: LOOKUP, times: 1 });
    app.network.on('POST', '/api/v1/products', created, { times: 1 });
    await userEvent.click(screen.getByRole('button', { name: 'Add product' }));
    await eventually(() => expect(app.router.current).toMatchObject({ name: 'product', productId: 'p-new' }));
    expect(looked(app)).toHaveLength(1);
  });
});
