/**
 * The Orders screen's paging line says how many orders the store holds where the store tells it
 * ("Page 1 of 2 · 30 orders"), and nothing more where the count is only a guess from the pages
 * seen; a platform whose orders are read in a shape not yet confirmed (FlickRocket's) says so in one
 * calm line above them.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoreConfig } from '../../../src/lib/config/types.ts';
import type { NumberedOrderPage, Order } from '../../../src/lib/domain/catalog.ts';
import OrdersView from '../../../src/lib/components/views/OrdersView.svelte';
import { loadProfiles, knownProviderKinds } from '../../../src/lib/providers/registry.ts';
import type { StoreApis } from '../../../src/lib/state/apis.svelte.ts';
import { Router } from '../../../src/lib/state/router.svelte.ts';
import { Session } from '../../../src/lib/state/session.svelte.ts';
import { sessionOf } from '../../helpers/stub-session.ts';
import Harness from './Harness.svelte';

await loadProfiles(knownProviderKinds());

afterEach(() => cleanup());

const HIPPO: StoreConfig = { id: 'hippo', kind: 'storehippo', name: 'Hippo Demo', apiBase: 'https://hippo.example', apiVersion: '1.1', auth: ['access-key', 'token'], currency: 'INR' };

/** A session where Hippo Demo is connected with a key that may see its orders. */
function connectedSession(): Session {
  const session = sessionOf(HIPPO);
  session.link({ v: 2, storeId: HIPPO.id, kind: HIPPO.kind, mode: 'access-key', secrets: { accessKey: 'K' }, capabilities: ['browse', 'viewOrders'] });
  return session;
}

const orders = (n: number): Order[] =>
  Array.from({ length: n }, (_, i) => ({ id: `o${i}`, number: `${1000 + i}`, createdAt: '2026-01-02T10:00:00Z', total: 10, currency: 'INR', status: 'paid' }));

async function showOrders(answer: NumberedOrderPage, session = connectedSession()): Promise<HTMLElement> {
  const apis = { for: () => ({ listOrders: async () => answer }) } as unknown as StoreApis;
  render(Harness, { props: { session, apis, router: new Router(), component: OrdersView, props: () => ({ storeId: 'hippo', page: 0 }) } });
  return screen.findByRole('navigation', { name: 'Order pages' });
}

describe('OrdersView', () => {
  it('says how many orders the store holds beside the paging, where the store tells it', async () => {
    const pager = await showOrders({ orders: orders(20), paging: { page: 0, count: 20, total: 30 } });
    expect(pager.querySelector('span')).toHaveTextContent(/^Page 1 of 2 · 30 orders$/);
  });

  it('a customer’s address reads in its own direction (dir="auto"), apart from the card’s “Customer” label', async () => {
    const [order] = orders(1);
    await showOrders({ orders: [{ ...order!, customerEmail: 'سارة@مثال.شبكة' }], paging: { page: 0, count: 20, total: 1 } });
    const customer = screen.getByText('سارة@مثال.شبكة');
    expect(customer).toHaveAttribute('dir', 'auto');
    expect(customer.tagName).toBe('SPAN');
    expect(customer.closest('td')).toHaveAttribute('data-label', 'Customer');
  });

  it('an order that is no sale (noTotal: a payment method change) shows no amount, "No amount" to a screen reader, not a free order’s 0', async () => {
    const [sale, change] = orders(2);
    await showOrders({ orders: [sale!, { ...change!, total: 0, noTotal: true, statusWords: 'Payment method change' }], paging: { page: 0, count: 20, total: 2 } });
    const cells = screen.getAllByRole('row').slice(1).map((row) => row.querySelector('td.total'));
    expect(cells[0]?.textContent?.trim()).toMatch(/10/);
    expect(cells[1]?.textContent?.trim()).toBe('—No amount');
    expect(cells[1]?.querySelector('[aria-hidden="true"]')).toHaveTextContent('—');
    expect(cells[1]?.textContent).not.toMatch(/0/);
  });

  it('one order: “1 order”', async () => {
    const pager = await showOrders({ orders: orders(1), paging: { page: 0, count: 20, total: 1 } });
    expect(pager.querySelector('span')).toHaveTextContent(/^Page 1 of 1 · 1 order$/);
  });

  it('says no count where the store told none (the total is a guess from the pages seen)', async () => {
    const pager = await showOrders({ orders: orders(20), paging: { page: 0, count: 20, total: 40 }, roughTotal: true });
    expect(pager.querySelector('span')).toHaveTextContent(/^Page 1 of 2$/);
    expect(screen.queryByText(/\d+ orders?\b/)).not.toBeInTheDocument();
  });

  it('where the platform’s orders are not confirmed, says so in one line above them; elsewhere nothing', async () => {
    await showOrders({ orders: orders(3), paging: { page: 0, count: 20, total: 3 } });
    const heading = screen.getByRole('heading', { name: 'Orders' });
    expect(heading.nextElementSibling?.tagName).not.toBe('P');
    cleanup();

    const session = connectedSession();
    vi.spyOn(session, 'note').mockImplementation((_store, which) => (which === 'ordersUnconfirmed' ? 'Experimental: not yet confirmed.' : undefined));
    await showOrders({ orders: orders(3), paging: { page: 0, count: 20, total: 3 } }, session);
    const line = screen.getByText('Experimental: not yet confirmed.');
    expect(line.tagName).toBe('P');
    expect(line.compareDocumentPosition(screen.getByRole('table')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
