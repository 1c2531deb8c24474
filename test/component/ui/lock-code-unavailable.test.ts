/**
 * The locked prompt (LockedFeature) is no part of the catalogue's chunk: AccessError loads it when a
 * store's 403 names a scope to ask for. Where its code does not download (offline, the site replaced
 * since the tab opened), the catalogue says so in PartUnavailable's words, never an empty panel.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CatalogView from '../../../src/lib/components/views/CatalogView.svelte';
import { apiError, catalogQuery, createTestApp, harnessProps } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';

vi.mock('../../../src/lib/components/LockedFeature.svelte', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});

afterEach(() => cleanup());

describe('the catalogue’s locked prompt whose code does not download', () => {
  it('a 403 insufficient_scope says that part of the app could not be loaded, with Try again', async () => {
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
    expect(app.session.can('demo', 'browse')).toBe(false);
  });
});
