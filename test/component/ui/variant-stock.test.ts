/**
 * Each variant's stock in the editor of a product sold in variants (variant-stock.svelte.ts, drawn by
 * VariantStockFields.svelte): the fields named by the variant's options, what is wrong with a figure,
 * and a save where some variants fail: the failed ones keep what was typed with why beside them, a
 * variant changed at the store is not overwritten unasked, a save whose answer was lost is not
 * said to be a conflict. The store's API is a stub of its two calls (the adapter's requests are
 * tested against the faithful server: test/unit/providers/shopware6/variant-stock.test.ts).
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProductVariant, ProductVariants, VariantStockSaved } from '../../../src/lib/domain/catalog.ts';
import { VariantConflictError } from '../../../src/lib/domain/conflict.ts';
import { SaveRefusedError } from '../../../src/lib/domain/refusal.ts';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import VariantStockFields from '../../../src/lib/components/VariantStockFields.svelte';
import { readVariantStock, VariantStock, type VariantStockApi } from '../../../src/lib/components/variant-stock.svelte.ts';
import { inStockOfVariants } from '../../../src/lib/domain/catalog.ts';

afterEach(() => cleanup());

const M_RED: ProductVariant = { id: 'a'.repeat(32), options: [{ group: 'Size', option: 'M' }, { group: 'Colour', option: 'Red' }], name: 'Tee M Red', price: 20, inStock: true, stock: 5, updated: 't1' };
const L_BLUE: ProductVariant = { id: 'b'.repeat(32), options: [{ group: 'Size', option: 'L' }, { group: 'Colour', option: 'Blue' }], name: 'Tee L Blue', price: 20, inStock: false, stock: 0, updated: 't2' };
const PLAIN: ProductVariant = { id: 'c'.repeat(32), options: [], name: 'Tee XL', price: 20, inStock: true, stock: 2, updated: 't3' };

type Answer = (id: string, stock: number, over: string) => Promise<VariantStockSaved>;

/** The variants as the product's page read them. */
const READ = (): ProductVariants => ({ variants: [{ ...M_RED }, { ...L_BLUE }, { ...PLAIN }], more: false });

/** A stub of the call: each save answered by `answer` (recorded). */
function stubApi(answer: Answer): { api: VariantStockApi; sent: { id: string; stock: number; over: string }[] } {
  const sent: { id: string; stock: number; over: string }[] = [];
  const api: VariantStockApi = {
    updateVariantStock: (id, stock, over) => {
      sent.push({ id, stock, over });
      return answer(id, stock, over);
    },
  };
  return { api, sent };
}

async function shown(answer: Answer): Promise<{ stock: VariantStock; sent: { id: string; stock: number; over: string }[] }> {
  const { api, sent } = stubApi(answer);
  const stock = new VariantStock(() => api);
  stock.take(READ(), false);
  render(VariantStockFields, { stock });
  return { stock, sent };
}

const field = (name: string) => screen.getByRole<HTMLInputElement>('textbox', { name });

describe('each variant’s stock in the editor', () => {
  it('reads whole numbers, below 0 too (Shopware keeps an oversold count), and nothing else', () => {
    expect(readVariantStock('12')).toEqual({ count: 12 });
    expect(readVariantStock(' -3 ')).toEqual({ count: -3 });
    expect(readVariantStock('１２')).toEqual({ count: 12 });
    for (const typed of ['2.5', '2,5', '1,000', '5-', 'ten']) expect(readVariantStock(typed), typed).toEqual({ problem: 'unreadable' });
    expect(readVariantStock('')).toEqual({ problem: 'empty' });
  });

  it('refuses a figure past a 32-bit int (Shopware answered 99999999999 with a server error), in the field’s own words', async () => {
    expect(readVariantStock('2147483647')).toEqual({ count: 2147483647 });
    expect(readVariantStock('-2147483648')).toEqual({ count: -2147483648 });
    for (const typed of ['2147483648', '99999999999', '99999999999999999999']) expect(readVariantStock(typed), typed).toEqual({ problem: 'large' });
    expect(readVariantStock('-2147483649')).toEqual({ problem: 'small' });

    const { stock } = await shown(async (_id, count) => ({ stock: count, updated: 'new' }));
    const user = userEvent.setup();
    await user.clear(field('Stock of M / Red'));
    await user.type(field('Stock of M / Red'), '99999999999');
    expect(field('Stock of M / Red').getAttribute('aria-invalid')).toBe('true');
    expect(field('Stock of M / Red')).toHaveAccessibleDescription('Enter a stock of 2,147,483,647 or less.');
    expect(stock.invalid).toBe(true);
    expect(stock.changes).toEqual([]);
    await user.clear(field('Stock of M / Red'));
    await user.type(field('Stock of M / Red'), '-99999999999');
    expect(field('Stock of M / Red')).toHaveAccessibleDescription('Enter a stock of -2,147,483,648 or more.');
  });

  it('says the product in stock when a variant listed is, out of stock when every one is and none is unlisted, else what its own read said', () => {
    const out = (v: ProductVariant): ProductVariant => ({ ...v, inStock: false });
    expect(inStockOfVariants(READ(), false)).toBe(true);
    expect(inStockOfVariants({ variants: [out(M_RED), out(PLAIN)], more: false }, true)).toBe(false);
    // more variants than were read: one unlisted may be in stock
    expect(inStockOfVariants({ variants: [out(M_RED)], more: true }, true)).toBe(true);
    // one whose stock the store did not say, or none read yet: the product's own
    expect(inStockOfVariants({ variants: [out(M_RED), { ...PLAIN, inStock: undefined }], more: false }, true)).toBe(true);
    expect(inStockOfVariants(null, true)).toBe(true);
    expect(inStockOfVariants({ variants: [], more: false }, undefined)).toBeUndefined();
  });

  it('names each field by the variant’s options (its name without any), with the store’s count, and says what is wrong beside one', async () => {
    const { stock } = await shown(async (_id, count) => ({ stock: count, updated: 'new' }));
    expect(field('Stock of M / Red').value).toBe('5');
    expect(field('Stock of L / Blue').value).toBe('0');
    expect(field('Stock of Tee XL').value).toBe('2');
    expect(stock.dirty).toBe(false);

    const user = userEvent.setup();
    await user.clear(field('Stock of M / Red'));
    await user.type(field('Stock of M / Red'), '2.5');
    expect(field('Stock of M / Red').getAttribute('aria-invalid')).toBe('true');
    expect(field('Stock of M / Red')).toHaveAccessibleDescription('Stock is a whole number, such as 12 (no decimals or separators).');
    expect(stock.invalid).toBe(true);
    await user.clear(field('Stock of M / Red'));
    expect(field('Stock of M / Red')).toHaveAccessibleDescription('Enter the stock: a whole number, such as 12.');
    await user.type(field('Stock of M / Red'), '-1');
    expect(field('Stock of M / Red').getAttribute('aria-invalid')).toBe('false');
    expect(stock.changes).toEqual([{ id: M_RED.id, stock: -1 }]);
    expect(stock.dirty).toBe(true);
  });

  it('saves those changed, each over the version it was typed on; a refused one keeps its figure with the store’s words, a failed one says so', async () => {
    const { stock, sent } = await shown(async (id, count) => {
      if (id === L_BLUE.id) throw new SaveRefusedError(400, { fields: { inventory: 'This value should be of type int.' }, summary: '' });
      if (id === PLAIN.id) throw new AppError('API_SERVER_ERROR', '500');
      return { stock: count, updated: 'after' };
    });
    const user = userEvent.setup();
    for (const [name, typed] of [['Stock of M / Red', '12'], ['Stock of L / Blue', '7'], ['Stock of Tee XL', '3']] as const) {
      await user.clear(field(name));
      await user.type(field(name), typed);
    }
    const failed = await stock.save();
    flushSync();
    expect(sent).toEqual([
      { id: M_RED.id, stock: 12, over: 't1' },
      { id: L_BLUE.id, stock: 7, over: 't2' },
      { id: PLAIN.id, stock: 3, over: 't3' },
    ]);
    expect(failed).toEqual(['L / Blue', 'Tee XL']);
    expect(field('Stock of M / Red').value).toBe('12');
    expect(field('Stock of M / Red').getAttribute('aria-invalid')).toBe('false');
    expect(field('Stock of L / Blue').value).toBe('7');
    expect(field('Stock of L / Blue')).toHaveAccessibleDescription('This value should be of type int.');
    expect(field('Stock of Tee XL').value).toBe('3');
    expect(field('Stock of Tee XL').getAttribute('aria-invalid')).toBe('true');
    expect(field('Stock of Tee XL')).toHaveAccessibleDescription(/^Not saved: .*Your figure is kept; Save again to send it\.$/);
    // only the two not saved are left to save, and kept in the draft
    expect(stock.changes).toEqual([
      { id: L_BLUE.id, stock: 7 },
      { id: PLAIN.id, stock: 3 },
    ]);
    expect(Object.keys(stock.kept() ?? {})).toEqual([L_BLUE.id, PLAIN.id]);
  });

  it('does not write over a variant changed at the store since: says its count there, and Save again puts the typed figure over that version', async () => {
    let theirs = true;
    const { stock, sent } = await shown(async (_id, count) => {
      if (theirs) throw new VariantConflictError({ stock: 9, updated: 't1-theirs' });
      return { stock: count, updated: 't1-mine' };
    });
    const user = userEvent.setup();
    await user.clear(field('Stock of M / Red'));
    await user.type(field('Stock of M / Red'), '12');
    expect(await stock.save()).toEqual(['M / Red']);
    flushSync();
    expect(field('Stock of M / Red').value).toBe('12');
    expect(field('Stock of M / Red')).toHaveAccessibleDescription('Changed in the store since you opened it: it has 9 there now. Save again to put yours in its place.');
    theirs = false;
    expect(await stock.save()).toEqual([]);
    expect(sent.map((s) => s.over)).toEqual(['t1', 't1-theirs']);
    expect(stock.dirty).toBe(false);
  });

  it('takes a save whose answer was lost, found at the store as sent, as saved (not a conflict)', async () => {
    const { stock } = await shown(async () => {
      throw new VariantConflictError({ stock: 12, updated: 'applied' });
    });
    const user = userEvent.setup();
    await user.clear(field('Stock of M / Red'));
    await user.type(field('Stock of M / Red'), '12');
    expect(await stock.save()).toEqual([]);
    expect(stock.dirty).toBe(false);
    expect(stock.variants?.[0]?.stock).toBe(12);
  });

  it('puts a kept edit back over the variants it was typed for, with the version it was typed over', async () => {
    const { api, sent } = stubApi(async (_id, count) => ({ stock: count, updated: 'x' }));
    const stock = new VariantStock(() => api);
    stock.restore({ [L_BLUE.id]: { typed: '4', over: 'older' }, ['d'.repeat(32)]: { typed: '1', over: 'gone' } });
    stock.take(null, false);
    expect(stock.variants).toBeNull();
    stock.take(READ(), false);
    expect(stock.typedFor(L_BLUE.id)).toBe('4');
    expect(stock.changes).toEqual([{ id: L_BLUE.id, stock: 4 }]);
    await stock.save();
    expect(sent).toEqual([{ id: L_BLUE.id, stock: 4, over: 'older' }]);
    stock.type(M_RED.id, '8');
    stock.discard();
    expect(stock.dirty).toBe(false);
    expect(stock.typedFor(M_RED.id)).toBe('5');
  });
  it('read again (a saved price, a save here, Try again), keeps each figure typed and not saved over its variant, the others the store’s count now', async () => {
    const { stock, sent } = await shown(async (_id, count) => ({ stock: count, updated: 'x' }));
    const user = userEvent.setup();
    await user.clear(field('Stock of M / Red'));
    await user.type(field('Stock of M / Red'), '12');
    // meanwhile the store sold two L / Blue… and the page read them again
    const again = READ();
    again.variants[0] = { ...M_RED, updated: 't1-later', stock: 4 };
    again.variants[1] = { ...L_BLUE, stock: 3, updated: 't2-later' };
    stock.take(again, false);
    flushSync();
    expect(field('Stock of M / Red').value).toBe('12');
    expect(field('Stock of L / Blue').value).toBe('3');
    expect(stock.changes).toEqual([{ id: M_RED.id, stock: 12 }]);
    // typed over the version first read: the save checks that one (changed since: the store says so)
    await stock.save();
    expect(sent).toEqual([{ id: M_RED.id, stock: 12, over: 't1' }]);
  });

  it('the group is described by its hint only while the hint is shown (it pointed at a missing id while loading, failed or empty)', () => {
    const { api } = stubApi(async (_id, count) => ({ stock: count }));
    const stock = new VariantStock(() => api);
    render(VariantStockFields, { stock });
    const group = screen.getByRole('group', { name: 'Stock of each variant' });
    const describedBy = () => group.getAttribute('aria-describedby');
    // loading
    expect(describedBy()).toBeNull();
    stock.take(null, true);
    flushSync();
    expect(describedBy()).toBeNull();
    stock.take({ variants: [], more: false }, false);
    flushSync();
    expect(screen.getByRole('status')).toHaveTextContent('None of its variants is on sale at the moment.');
    expect(describedBy()).toBeNull();
    stock.take(READ(), false);
    flushSync();
    expect(group).toHaveAccessibleDescription('Saved with Save changes. Below 0: sold more than were in stock.');
    stock.take(READ(), true);
    flushSync();
    expect(describedBy()).toBeNull();
  });

  it('says where to try again when the page could not read the variants', () => {
    const { api } = stubApi(async (_id, count) => ({ stock: count }));
    const stock = new VariantStock(() => api);
    render(VariantStockFields, { stock });
    expect(screen.getByRole('status')).toHaveTextContent('Loading the variants’ stock…');
    stock.take(null, true);
    flushSync();
    expect(screen.getByRole('status')).toHaveTextContent('The variants’ stock could not be loaded: Try again under Variants, above.');
  });
});
