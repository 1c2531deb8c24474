/**
 * The store's own pages (About us, Shipping): the merchant's HTML under the page's title; a page the
 * store has not, said so; one that could not be read, the failure under a plain heading that names the
 * screen (main's name and the tab's title come from it, Shell). In Chromium: e2e views.test.ts.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import StorePageView from '../../../src/lib/components/views/StorePageView.svelte';
import { createTestApp, eventually, harnessProps, json } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';

afterEach(() => {
  cleanup();
  document.getElementById('main')?.remove();
});

const ABOUT = { slug: 'about', title: 'About us', body_html: '<h2>Small goods</h2><p>Made well.</p>' };

async function openPage(slug: string, answer: () => Response) {
  const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: `/s/demo/pages/${slug}` });
  app.network.on('GET', '/api/v1/metadata', () => json({ name: 'Demo Store', currency: 'USD' }));
  // Asked twice as the screen opens: by the store's details (StoreInfo) and by the screen itself.
  app.network.on('GET', '/api/v1/pages', answer, { times: 2 });
  app.network.on('GET', '/api/v1/pages', () => json({ pages: [ABOUT] }));
  const main = document.body.appendChild(document.createElement('main'));
  main.id = 'main';
  render(Harness, { target: main, props: harnessProps(app, StorePageView, () => ({ storeId: 'demo', slug })) });
  return app;
}

describe('StorePageView', () => {
  it('shows the page’s title and its merchant HTML', async () => {
    await openPage('about', () => json({ pages: [ABOUT] }));
    expect(await screen.findByRole('heading', { name: 'About us', level: 1 })).toHaveAttribute('id', 'screen-title');
    expect(await screen.findByRole('heading', { name: 'Small goods', level: 2 })).toBeInTheDocument();
    expect(screen.getByText('Made well.')).toBeInTheDocument();
  });

  it('a page whose HTML opens with its title as a heading: the title once, the rest of the page under it', async () => {
    const shipping = { slug: 'shipping', title: 'Shipping', body_html: '<h2> shipping </h2><p>Free over $50.</p><h2>Shipping</h2><p>Again.</p>' };
    await openPage('shipping', () => json({ pages: [shipping] }));
    await screen.findByText('Free over $50.');
    // Only the opening one, whatever its case and spaces; a later heading with the same words stays.
    expect(screen.getAllByRole('heading').map((h) => `${h.localName} ${h.textContent?.trim()}`)).toEqual(['h1 Shipping', 'h2 Shipping']);
    expect(screen.getByText('Free over $50.').previousElementSibling).toBeNull();
  });

  it('a page the store has not: “Page not found”', async () => {
    await openPage('nope', () => json({ pages: [ABOUT] }));
    expect(await screen.findByRole('heading', { name: 'Page not found', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('The store has no page at this address.')).toBeInTheDocument();
  });

  it('pages that could not be read: the failure under a plain “Store page” heading (the screen’s name), and Try again shows the page', async () => {
    const app = await openPage('about', () => json({ error: 'server_error' }, { status: 500 }));
    const alert = await screen.findByRole('alert');
    // One heading names the screen; what went wrong is the panel's title, not repeated in it.
    expect(screen.getAllByRole('heading', { level: 1 }).map((h) => h.textContent)).toEqual(['Store page']);
    expect(screen.getByRole('heading', { level: 1 })).toHaveAttribute('id', 'screen-title');
    expect(alert).not.toHaveTextContent('Store page');

    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'About us', level: 1 })).toBeInTheDocument();
    await eventually(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'About us', level: 1 })));
    expect(app.network.requests('GET', '/api/v1/pages')).toHaveLength(3);
  });
});
