/**
 * The coupons screen: what each takes off (coupon-terms.ts has the words), and each code copied
 * with one press; where the browser gives no clipboard the code is selected instead, and said so.
 * Expired coupons come after the active ones, under "Expired", with no Copy; the active ones are
 * under "Active now".
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CouponsView from '../../../src/lib/components/views/CouponsView.svelte';
import { answerStoreInfo, createTestApp, harnessProps, json } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';

afterEach(() => {
  cleanup();
  Reflect.deleteProperty(navigator, 'clipboard');
});

const ACTIVE = [{ code: 'SPRING10', percent_off: 10 }, { code: 'WELCOME5', percent_off: 5, expires_at: '2099-01-31T00:00:00Z' }];

async function showCoupons(coupons: object[] = ACTIVE): Promise<void> {
  const app = await createTestApp({ sessions: { demo: ['storefront', 'admin'] }, path: '/s/demo/coupons' });
  answerStoreInfo(app.network);
  app.network.on('GET', '/api/v1/coupons', () => json({ coupons }));
  render(Harness, { props: harnessProps(app, CouponsView, () => ({ storeId: 'demo' })) });
  expect(await screen.findAllByText(/./, { selector: 'code' })).not.toHaveLength(0);
}

describe('CouponsView', () => {
  it('says under the title that coupons are only shown here, and where they are created and changed (the merchant looked for an edit button)', async () => {
    await showCoupons();
    const title = screen.getByRole('heading', { level: 1, name: 'Coupons' });
    const said = screen.getByText(/^Shown here/);
    // under the title, before the first coupon
    expect(title.compareDocumentPosition(said) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(said.compareDocumentPosition(screen.getAllByRole('listitem')[0]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(said).toHaveTextContent('Shown here to copy and share. Coupons are created and changed in the store’s own admin.');
    expect(screen.queryByRole('button', { name: /edit/i })).not.toBeInTheDocument();
  });

  it('copies a code with one press and says so, on the button and to a screen reader', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await showCoupons();
    await userEvent.click(screen.getByRole('button', { name: 'Copy WELCOME5' }));
    expect(writeText).toHaveBeenCalledWith('WELCOME5');
    expect(await screen.findByRole('button', { name: 'Copied WELCOME5' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy SPRING10' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('WELCOME5 copied.');
  });

  it('a code in Arabic or Hebrew reads in its own direction, and the sentence saying it was copied isolates it', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await showCoupons([{ code: 'خصم-10', percent_off: 10 }]);
    expect(screen.getByText('خصم-10', { selector: 'code' })).toHaveAttribute('dir', 'auto');
    await userEvent.click(screen.getByRole('button', { name: 'Copy خصم-10' }));
    expect(screen.getByRole('status').textContent?.trim()).toBe('\u2068خصم-10\u2069 copied.');
  });

  it('without a clipboard, selects the code for the person to copy and says it was not copied', async () => {
    await showCoupons();
    await userEvent.click(screen.getByRole('button', { name: 'Copy SPRING10' }));
    expect(await screen.findByRole('button', { name: 'Not copied SPRING10' })).toBeInTheDocument();
    expect(getSelection()?.toString()).toBe('SPRING10');
    expect(screen.getByRole('status')).toHaveTextContent('SPRING10 could not be copied here: it is selected, copy it with your keyboard or menu.');
    const card = screen.getByText('SPRING10', { selector: 'code' }).closest('li')!;
    expect(within(card).getByText('10% off')).toBeInTheDocument();
  });

  it('lists expired coupons after the active ones, under “Expired” and without Copy, each group in the store’s order (regression: mixed in, with Copy)', async () => {
    await showCoupons([
      { code: 'OLD1', percent_off: 30, expires_at: '2020-01-01T00:00:00Z' },
      { code: 'NOW1', percent_off: 10 },
      { code: 'OLD2', percent_off: 40, expires_at: '2021-06-01T00:00:00Z' },
      { code: 'NOW2', percent_off: 5, expires_at: '2099-01-31T00:00:00Z' },
    ]);
    expect(screen.getAllByText(/./, { selector: 'li code' }).map((code) => code.textContent)).toEqual(['NOW1', 'NOW2', 'OLD1', 'OLD2']);
    const expired = screen.getByRole('list', { name: 'Expired' });
    expect(within(expired).getAllByText(/./, { selector: 'code' }).map((code) => code.textContent)).toEqual(['OLD1', 'OLD2']);
    expect(within(expired).queryAllByRole('button')).toEqual([]);
    // each says its end as "Expired <date>" (its own text: the date is kept with its word in an element of their own)
    expect(within(expired).getAllByText(/^Expired /)).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Copy NOW1' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy NOW2' })).toBeInTheDocument();
  });

  it('puts the active coupons under a heading of their own, as the other groups are (regression: a screen reader’s list of headings skipped them)', async () => {
    await showCoupons([
      { code: 'OLD1', percent_off: 30, expires_at: '2020-01-01T00:00:00Z' },
      { code: 'NOW1', percent_off: 10 },
    ]);
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual(['Active now', 'Expired']);
    const active = screen.getByRole('list', { name: 'Active now' });
    expect(within(active).getAllByText(/./, { selector: 'code' }).map((code) => code.textContent)).toEqual(['NOW1']);
    // the heading comes before its list, the list before the next heading
    const [activeTitle, expiredTitle] = screen.getAllByRole('heading', { level: 2 });
    expect(activeTitle!.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(active.compareDocumentPosition(expiredTitle!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('says no coupon is active when all have expired, and lists them under “Expired”', async () => {
    await showCoupons([{ code: 'OLD1', percent_off: 30, expires_at: '2020-01-01T00:00:00Z' }]);
    expect(screen.getByText('None of this store’s coupons is active now.')).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Expired' })).getByText('OLD1')).toBeInTheDocument();
    expect(screen.queryAllByRole('button', { name: /Copy/ })).toEqual([]);
  });

  it('a store with no coupons and nothing left out says it has none (with something left out it says there is no code to copy: storehippo-app e2e)', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront', 'admin'] }, path: '/s/demo/coupons' });
    answerStoreInfo(app.network);
    app.network.on('GET', '/api/v1/coupons', () => json({ coupons: [] }));
    render(Harness, { props: harnessProps(app, CouponsView, () => ({ storeId: 'demo' })) });
    expect(await screen.findByText('This store has no coupons.')).toBeInTheDocument();
    expect(screen.queryByText(/not listed here/)).not.toBeInTheDocument();
    expect(screen.queryByText('There is no code here to copy and share.')).not.toBeInTheDocument();
  });
});

describe('CouponsView with many coupons', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ code: `EXTRA${String(i + 1).padStart(4, '0')}`, percent_off: 5 }));

  // The Copy buttons by their name, read from their text as the accessible name is (Copy, then the code,
  // visually hidden): a role query computes every button's name each time, and with 250 cards in
  // jsdom took this file's two long tests past 20 s on a busy machine.
  const copyButtons = () => [...document.querySelectorAll('button')].filter((b) => /^Copy\s/.test(b.textContent ?? ''));
  const copyButton = (code: string) => copyButtons().find((b) => b.textContent?.trim() === `Copy ${code}`);
  /** The button whose whole text is `words`, found by its text for the same reason. */
  const buttonSaying = (words: string) => screen.getByText(words, { selector: 'button' });

  it('20 coupons: every one drawn, no field to find one (nothing to search through)', async () => {
    await showCoupons(many(20));
    expect(screen.getAllByRole('button', { name: /^Copy / })).toHaveLength(20);
    expect(screen.queryByRole('searchbox')).not.toBeInTheDocument();
  });

  it('250 coupons: 100 drawn, “Show 100 more” adds 100 and takes the focus to the first added, then the last 50', async () => {
    await showCoupons(many(250));
    expect(copyButtons()).toHaveLength(100);
    expect(screen.getByText('250 coupons, showing the first 100.')).toBeInTheDocument();
    await userEvent.click(buttonSaying('Show 100 more'));
    expect(copyButtons()).toHaveLength(200);
    expect(document.activeElement).toBe(copyButton('EXTRA0101')!.closest('li'));
    expect(screen.getByText('250 coupons, showing the first 200.')).toBeInTheDocument();
    await userEvent.click(buttonSaying('Show 50 more'));
    expect(copyButtons()).toHaveLength(250);
    // the button gone, the focus is on the first of the last 50, not lost to the page
    expect(screen.queryByText(/^Show \d+ more$/, { selector: 'button' })).not.toBeInTheDocument();
    expect(document.activeElement).toBe(copyButton('EXTRA0201')!.closest('li'));
    expect(screen.getByText('250 coupons.')).toBeInTheDocument();
  });

  it('finds by code or name whatever the case, counts politely, says plainly when none has the words, and shows every coupon again', async () => {
    await showCoupons(many(250));
    const field = screen.getByRole('searchbox', { name: 'Find a coupon by code or name' });
    await userEvent.type(field, 'extra01');
    // EXTRA0100 … EXTRA0199
    expect(copyButtons()).toHaveLength(100);
    const count = screen.getByText('100 of 250 coupons.');
    expect(count).toHaveAttribute('role', 'status');
    await userEvent.type(field, '5');
    expect(copyButtons().map((b) => b.textContent?.replace('Copy', '').trim())).toEqual(['EXTRA0150', 'EXTRA0151', 'EXTRA0152', 'EXTRA0153', 'EXTRA0154', 'EXTRA0155', 'EXTRA0156', 'EXTRA0157', 'EXTRA0158', 'EXTRA0159']);
    expect(count).toHaveTextContent('10 of 250 coupons.');
    await userEvent.clear(field);
    await userEvent.type(field, 'zz top');
    expect(copyButtons()).toEqual([]);
    expect(count).toHaveTextContent('No coupon here has “zz top” in its code or name.');
    expect(screen.queryByRole('heading', { name: 'Active now' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show every coupon' }));
    expect(field).toHaveValue('');
    expect(field).toHaveFocus();
    expect(copyButtons()).toHaveLength(100);
  });
});
