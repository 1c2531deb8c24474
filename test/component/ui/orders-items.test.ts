/**
 * The Orders screen says what each order bought where the platform's orders carry it: a short line
 * in an Items column ("2 × Ceramic Mug, Tote Bag and 3 more"), the whole list behind a disclosure
 * opened from the keyboard; the store's names as text, never HTML; no column where the platform
 * says nothing of items (Goodsie, FlickRocket), so nothing is promised there.
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreConfig } from '../../../src/lib/config/types.ts';
import type { NumberedOrderPage, Order } from '../../../src/lib/domain/catalog.ts';
import OrdersView from '../../../src/lib/components/views/OrdersView.svelte';
import { loadProfiles, knownProviderKinds } from '../../../src/lib/providers/registry.ts';
import type { StoreApis } from '../../../src/lib/state/apis.svelte.ts';
import { Router } from '../../../src/lib/state/router.svelte.ts';
import { sessionOf } from '../../helpers/stub-session.ts';
import Harness from './Harness.svelte';

await loadProfiles(knownProviderKinds());

afterEach(() => cleanup());

const HIPPO: StoreConfig = { id: 'hippo', kind: 'storehippo', name: 'Hippo Demo', apiBase: 'https://hippo.example', apiVersion: '1.1', auth: ['access-key', 'token'], currency: 'INR' };

async function showOrders(orders: Order[], more: Partial<NumberedOrderPage> = {}): Promise<void> {
  const session = sessionOf(HIPPO);
  session.link({ v: 2, storeId: HIPPO.id, kind: HIPPO.kind, mode: 'access-key', secrets: { accessKey: 'K' }, capabilities: ['browse', 'viewOrders'] });
  const answer: NumberedOrderPage = { orders, paging: { page: 0, count: 20, total: orders.length }, ...more };
  const apis = { for: () => ({ listOrders: async () => answer }) } as unknown as StoreApis;
  render(Harness, { props: { session, apis, router: new Router(), component: OrdersView, props: () => ({ storeId: 'hippo', page: 0 }) } });
  await screen.findByRole('navigation', { name: 'Order pages' });
}

const order = (n: number, fields: Partial<Order> = {}): Order => ({ id: `o${n}`, number: `${1000 + n}`, createdAt: '2026-01-02T10:00:00Z', total: 10, currency: 'INR', status: 'paid', ...fields });
const itemsCell = (number: string): HTMLElement => screen.getAllByRole('row').find((row) => row.textContent?.includes(`#${number}`))!.querySelector<HTMLElement>('td.items')!;

describe('OrdersView: what was bought', () => {
  it('a short line per order in an Items column; past three lines, the whole list behind a disclosure', async () => {
    const many = [{ name: 'Ceramic Mug', quantity: 2 }, { name: 'Tote Bag', quantity: 1 }, { name: 'Cap', quantity: 1 }, { name: 'Sticker', quantity: 5 }, { name: 'Poster', quantity: 1 }];
    await showOrders([order(1, { items: many }), order(2, { items: [{ name: 'Tote Bag', quantity: 1 }, { name: 'Cap', quantity: 3 }] })]);
    expect(screen.getByRole('columnheader', { name: 'Items' })).toBeInTheDocument();
    const cell = itemsCell('1001');
    expect(cell).toHaveAttribute('data-label', 'Items');
    // (Testing Library reads the no-break space after a quantity as a space)
    const summary = within(cell).getByText('2 × Ceramic Mug, Tote Bag and 3 more');
    const details = summary.closest('details')!;
    expect(details.open).toBe(false);
    expect(within(cell).getByText('5 × Sticker')).not.toBeVisible();
    // a native disclosure (its keyboard use is checked in Chromium: test/e2e/order-items.test.ts); pressed, every line is listed
    await userEvent.click(summary);
    expect(details.open).toBe(true);
    expect(within(cell).getByText('5 × Sticker')).toBeVisible();
    expect(within(cell).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['2\u00a0×\u00a0Ceramic Mug', 'Tote Bag', 'Cap', '5\u00a0×\u00a0Sticker', 'Poster']);
    // a short order says it all in the line: no disclosure to open for nothing more
    const short = itemsCell('1002');
    expect(short.textContent?.trim()).toBe('Tote Bag and 3\u00a0×\u00a0Cap');
    expect(short.querySelector('details')).toBeNull();
  });

  it('where the store said what each line cost, the line and the list say it in the order’s currency', async () => {
    const priced = [{ name: 'Kurta', quantity: 2, lineTotal: 2400 }, { name: 'Tote', quantity: 1, lineTotal: 350 }, { name: 'Cap', quantity: 1 }, { name: 'Mug', quantity: 3, lineTotal: 900 }];
    await showOrders([order(1, { items: priced.slice(0, 2) }), order(2, { items: priced, currency: 'USD' })]);
    expect(itemsCell('1001').textContent?.trim()).toBe('2\u00a0×\u00a0Kurta\u00a0·\u00a0₹2,400.00 and Tote\u00a0·\u00a0₹350.00');
    const cell = itemsCell('1002');
    await userEvent.click(within(cell).getByText('2 × Kurta · $2,400.00, Tote · $350.00 and 2 more'));
    expect(within(cell).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['2\u00a0×\u00a0Kurta\u00a0·\u00a0$2,400.00', 'Tote\u00a0·\u00a0$350.00', 'Cap', '3\u00a0×\u00a0Mug\u00a0·\u00a0$900.00']);
  });

  it('lines the store sent unreadable are counted in the line and said in the list', async () => {
    await showOrders([order(1, { items: [{ name: 'Kurta', quantity: 1 }], itemsUnread: 2 }), order(2, { items: [], itemsUnread: 1 })]);
    const cell = itemsCell('1001');
    expect(within(cell).getByText('Kurta and 2 items not readable')).toBeInTheDocument();
    expect(within(cell).getByText(/^2 items the store sent could not be read: see the order in the store’s admin\.$/)).toBeInTheDocument();
    expect(within(itemsCell('1002')).getByText('1 item the store sent could not be read')).toBeInTheDocument();
  });

  it('an order holding more lines than were read says “and more”, no count, and its list ends saying the rest is in the store’s admin', async () => {
    const read = Array.from({ length: 24 }, (_, i) => ({ name: `Crate ${i + 1}`, quantity: 12 }));
    await showOrders([order(1, { items: read, itemsMore: true }), order(2, { items: [{ name: 'Tote Bag', quantity: 1 }], itemsMore: true })]);
    const cell = itemsCell('1001');
    const summary = within(cell).getByText('12 × Crate 1, 12 × Crate 2 and more');
    await userEvent.click(summary);
    const listed = within(cell).getAllByRole('listitem').map((li) => li.textContent);
    expect(listed).toHaveLength(25);
    expect(listed.at(-1)).toBe('More items are not read here: see the order in the store’s admin.');
    expect(cell.textContent).not.toMatch(/22 more|24 more/);
    // one line read: still a disclosure, never a line that reads as the whole order
    expect(within(itemsCell('1002')).getByText('Tote Bag and more').closest('details')).not.toBeNull();
  });

  it('the store’s names are text: markup in a name is shown, never run', async () => {
    await showOrders([order(1, { items: [{ name: 'Red Onions <img src=x onerror=alert(1)>', quantity: 3 }] })]);
    const cell = itemsCell('1001');
    expect(cell.textContent?.trim()).toBe('3\u00a0×\u00a0Red Onions <img src=x onerror=alert(1)>');
    expect(cell.querySelector('img')).toBeNull();
    expect(cell.querySelector('[dir="auto"]')).not.toBeNull();
  });

  it('a platform that says nothing of items (no order carries them): no Items column, nothing promised', async () => {
    await showOrders([order(1), order(2)]);
    expect(screen.queryByRole('columnheader', { name: 'Items' })).toBeNull();
    expect(document.querySelector('td.items')).toBeNull();
  });

  it('orders read without what the connection may not read of them say so once, above the table, in the platform’s words; nothing where all was read', async () => {
    const words = 'What each order bought is not shown: the store says this connection lacks the right: order_line_item:read.';
    await showOrders([order(1), order(2)], { partsUnread: words });
    const said = screen.getByText(words);
    expect(screen.getAllByText(words)).toHaveLength(1);
    expect(said.compareDocumentPosition(screen.getByRole('table')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.queryByRole('columnheader', { name: 'Items' })).toBeNull();
    cleanup();
    await showOrders([order(1, { items: [{ name: 'Cap', quantity: 1 }] })]);
    expect(screen.queryByText(/not shown/)).toBeNull();
    expect(screen.getByRole('columnheader', { name: 'Items' })).toBeInTheDocument();
  });
});
