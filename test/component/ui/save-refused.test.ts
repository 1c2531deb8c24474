/**
 * A save the store refuses for what was sent (Goodsie's 400 ApiError, as its demo store answers a
 * price over 1,000,000): the store's words beside the field it names, that field focused and marked
 * (aria-invalid, aria-describedby), the rest in a summary in the store's words; nothing typed lost.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Product } from '../../../src/lib/domain/catalog.ts';
import AddProduct from '../../../src/lib/components/AddProduct.svelte';
import ProductEditor from '../../../src/lib/components/ProductEditor.svelte';
import { createTestApp, eventually, harnessProps, json, tokenFor, wireProduct } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';

const PATCH_PATH = '/api/v1/products/p-100';
const PRICE_REFUSED = 'cost_raw must be a number between 0 and 1000000.';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function openEditor() {
  const app = await createTestApp({ sessions: { demo: ['storefront', 'admin'] }, path: '/s/demo/product/p-100' });
  app.network.on('GET', PATCH_PATH, () => json(wireProduct({})), { times: 1 });
  const product = await app.apis.for('demo').getProduct('p-100');
  render(Harness, { props: harnessProps(app, ProductEditor, () => ({ storeId: 'demo', product, onSaved: (_: Product) => undefined })) });
  return app;
}

async function retype(label: string, text: string): Promise<HTMLElement> {
  const field = screen.getByRole('textbox', { name: label });
  await userEvent.clear(field);
  await userEvent.type(field, text);
  return field;
}

describe('a save the store refuses', () => {
  it('puts the store’s words beside the price it named, focuses it, keeps what was typed, and clears them once the price changes', async () => {
    const app = await openEditor();
    app.network.on('PATCH', PATCH_PATH, () => json({ error: 'invalid_request', error_description: PRICE_REFUSED }, { status: 400 }), { times: 1 });
    await retype('Name', 'Linen apron, washed');
    const price = await retype('Price (USD)', '2000000');
    price.blur();
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    await eventually(() => expect(price).toHaveFocus());
    expect(price).toHaveAttribute('aria-invalid', 'true');
    expect(price).toHaveAccessibleDescription(`The store said: ${PRICE_REFUSED}`);
    // what was typed is all still there, the generic "check what you entered" is not said
    expect(price).toHaveValue('2000000');
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Linen apron, washed');
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByText(/check what you entered/i)).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await userEvent.type(price, '0', { initialSelectionStart: 0, initialSelectionEnd: 7 });
    expect(price).toHaveAttribute('aria-invalid', 'false');
    expect(price).toHaveAccessibleDescription('');
  });

  it('Enter pressed in the price field the store then refuses: the focus is there already, so the store’s words are said in a live region, gone at the next key', async () => {
    const app = await openEditor();
    app.network.on('PATCH', PATCH_PATH, () => json({ error: 'invalid_request', error_description: PRICE_REFUSED }, { status: 400 }), { times: 1 });
    const price = await retype('Price (USD)', '2000000{Enter}');
    const said = () => screen.queryAllByRole('status').filter((region) => region.textContent === `The store said: ${PRICE_REFUSED}`);
    await eventually(() => expect(said()).toHaveLength(1));
    expect(price).toHaveFocus();
    expect(price).toHaveAttribute('aria-invalid', 'true');
    await userEvent.type(price, '{Backspace}');
    expect(said()).toHaveLength(0);
  });

  it('a refusal naming no field of the form is a summary in the store’s words, focused, with nothing typed lost', async () => {
    const app = await openEditor();
    app.network.on('PATCH', PATCH_PATH, () => json({ error: 'invalid_request', error_description: `This store is in read-only mode <b>until</b> Monday. ${tokenFor('demo')}` }, { status: 422 }), { times: 1 });
    await retype('Name', 'Linen apron, washed');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The store did not save this');
    expect(alert).toHaveTextContent('The store said: “This store is in read-only mode until Monday. [redacted]”');
    expect(alert).not.toHaveTextContent(tokenFor('demo'));
    await eventually(() => expect(alert).toHaveFocus());
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Linen apron, washed');
  });

  it('a refused description is marked beside the textarea, its words read before the hint', async () => {
    const app = await openEditor();
    app.network.on('PATCH', PATCH_PATH, () => json({ error: 'invalid_request', error_description: 'description must not hold <iframe> elements.' }, { status: 400 }), { times: 1 });
    const description = screen.getByRole('textbox', { name: 'Description' });
    await userEvent.clear(description);
    await userEvent.click(description);
    await userEvent.paste('<p>Hi</p><iframe></iframe>');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    await eventually(() => expect(description).toHaveFocus());
    expect(description).toHaveAttribute('aria-invalid', 'true');
    expect(description).toHaveAccessibleDescription(/^The store said: description must not hold elements\. HTML, as the store keeps it\./);
    expect(description).toHaveValue('<p>Hi</p><iframe></iframe>');
  });

  it('New product: the store’s words beside the price, focused, the form as typed', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront', 'admin'] }, path: '/s/demo' });
    app.network.on('GET', '/api/v1/metadata', () => json({ name: 'Demo Store', currency: 'USD', canonical_url: 'https://shop.example' }));
    app.network.on('GET', '/api/v1/pages', () => json({ pages: [] }));
    app.network.on('POST', '/api/v1/products', () => json({ error: 'invalid_request', error_description: PRICE_REFUSED }, { status: 400 }), { times: 1 });
    render(Harness, { props: harnessProps(app, AddProduct, () => ({ storeId: 'demo', currency: 'USD' })) });
    await userEvent.click(await screen.findByRole('button', { name: 'New product' }));
    await screen.findByRole('form', { name: 'New product' });
    await retype('Name', 'Gold mug');
    const price = await retype('Price (USD)', '2000000');
    await userEvent.click(screen.getByRole('button', { name: 'Add product' }));

    await eventually(() => expect(price).toHaveFocus());
    expect(price).toHaveAttribute('aria-invalid', 'true');
    expect(price).toHaveAccessibleDescription(`The store said: ${PRICE_REFUSED}`);
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Gold mug');
    expect(price).toHaveValue('2000000');
  });
});
