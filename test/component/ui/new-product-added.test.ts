/**
 * The New product form once the store has added the product: while its draft is discarded and the
 * product's page opens, the form is read-only and saves nothing. Typing in that moment (the discard
 * held here) wrote the draft back after the discard, without the mark of the Add: a reload offered
 * the typed text as a fresh product, whose Add then went without looking at the store first.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AddProduct from '../../../src/lib/components/AddProduct.svelte';
import { draftStore } from '../../../src/lib/storage/drafts.ts';
import { createTestApp, eventually, harnessProps, json, wireProduct } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';

/** Discards (of the new product's draft) that done in IndexedDB, wait to answer until released. */
const held = vi.hoisted(() => ({ armed: false, reached: false, release: () => undefined as void, gate: Promise.resolve() }));

vi.mock('../../../src/lib/storage/drafts.ts', async (original) => {
  const real = await original<typeof import('../../../src/lib/storage/drafts.ts')>();
  return {
    ...real,
    draftStore: () => {
      const store = real.draftStore();
      return {
        ...store,
        discardIf: async (key: string, expected: string) => {
          await store.discardIf(key, expected);
          if (held.armed && key === 'demo/new-product') {
            held.reached = true;
            await held.gate;
          }
        },
      };
    },
  };
});

afterEach(() => {
  cleanup();
  held.armed = false;
});

describe('New product, added', () => {
  it('typing while its draft is discarded (its page opening) changes nothing and writes no draft back', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront', 'admin'] }, path: '/s/demo' });
    app.network.on('GET', '/api/v1/metadata', () => json({ name: 'Demo Store', currency: 'USD' }));
    app.network.on('GET', '/api/v1/pages', () => json({ pages: [] }));
    app.network.on('POST', '/api/v1/products', () => json(wireProduct({ id: 'p-new', name: 'Hand-thrown mug', cost_raw: 24.5, published: false }), { status: 201 }), { times: 1 });
    render(Harness, { props: harnessProps(app, AddProduct, () => ({ storeId: 'demo', currency: 'USD' })) });
    await userEvent.click(await screen.findByRole('button', { name: 'New product' }));
    const name = await screen.findByRole('textbox', { name: 'Name' });
    await userEvent.type(name, 'Hand-thrown mug');
    await userEvent.type(screen.getByRole('textbox', { name: 'Price (USD)' }), '24.5');
    await eventually(async () => expect(await draftStore().load('demo/new-product')).toMatchObject({ price: '24.5' }));

    held.gate = new Promise<void>((resolve) => (held.release = resolve));
    held.armed = true;
    await userEvent.click(screen.getByRole('button', { name: 'Add product' }));
    await eventually(() => expect(held.reached).toBe(true));
    await userEvent.type(name, ' and saucer');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Published' }));
    expect(name).toHaveValue('Hand-thrown mug');
    expect(name).toHaveAttribute('readonly');
    expect(screen.getByRole('checkbox', { name: 'Published' })).not.toBeChecked();
    held.release();

    await eventually(() => expect(app.router.current).toMatchObject({ name: 'product', productId: 'p-new' }));
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await draftStore().load('demo/new-product')).toBeUndefined();
  });
});
