/**
 * Parts of the catalogue that are no part of its chunk (every returning visitor loads that one), each
 * loaded when it has something to show: the locked prompt (LockedFeature, which AccessError loads for
 * a 403 naming a scope to ask for) and the notes on products the store sent unreadable
 * (SkippedNotes). Where their code does not download (offline, the site replaced since the tab
 * opened), the catalogue says so in PartUnavailable's words, never an empty space; the cards stay.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CatalogView from '../../../src/lib/components/views/CatalogView.svelte';
import { answerStoreInfo, apiError, catalogQuery, createTestApp, harnessProps, productPage } from '../../helpers/component-harness.ts';
import { wireProduct } from '../../helpers/goodsie-wire.ts';
import Harness from './Harness.svelte';
import { can } from '../../../src/lib/state/store-capabilities.ts';

vi.mock('../../../src/lib/components/LockedFeature.svelte', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});
vi.mock('../../../src/lib/components/SkippedNotes.svelte', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});

afterEach(() => cleanup());

describe('a part of the catalogue whose code does not download', () => {
  it('the locked prompt of a 403 insufficient_scope: says that part of the app could not be loaded, with Try again', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: '/s/demo' });
    const refused = () => apiError(403, 'insufficient_scope', { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="storefront"' });
    app.network.on('GET', '/api/v1/metadata', refused);
    app.network.on('GET', '/api/v1/pages', refused);
    app.network.on('GET', '/api/v1/products', refused, { query: { page: '0', count: '100' } });
    app.network.on('GET', '/api/v1/products', refused, { query: catalogQuery() });
    render(Harness, { props: harnessProps(app, CatalogView, () => ({ route: app.router.current })) });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Part of this app could not be loaded.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    // The scope was still withdrawn: the store refused it, whatever the prompt's code did.
    expect(can(app.session, 'demo', 'browse')).toBe(false);
  });

  it('the note on a product the store sent unreadable: says that part of the app could not be loaded, above the cards that could be read', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: '/s/demo' });
    answerStoreInfo(app.network);
    app.network.on('GET', '/api/v1/products', () => productPage([wireProduct(), wireProduct({ id: 'p-101', name: 42 })]), { query: catalogQuery() });
    render(Harness, { props: harnessProps(app, CatalogView, () => ({ route: app.router.current })) });

    expect(await screen.findByRole('link', { name: 'Linen apron' })).toBeInTheDocument();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Part of this app could not be loaded.');
    expect(screen.queryByText(/could not be read/)).not.toBeInTheDocument();
  });
});
