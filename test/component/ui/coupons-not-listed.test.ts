/**
 * The promotions the coupons screen leaves out, said under its title (a Shopware shop's automatic,
 * individual-code and switched-off promotions were left out without a word): a list named by its
 * count, one item per reason.
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import CouponsNotListed from '../../../src/lib/components/CouponsNotListed.svelte';

afterEach(cleanup);

describe('CouponsNotListed', () => {
  it('lists why each promotion left out is, under a line that counts them, with the individual codes kept in the admin the screen names above', () => {
    render(CouponsNotListed, {
      props: {
        notListed: [
          { name: 'Automatic free delivery', reason: 'automatic' },
          { name: 'Newsletter codes', reason: 'individualCodes' },
          { name: 'Winter 20 %', reason: 'inactive' },
        ],
      },
    });
    const list = screen.getByRole('list', { name: '3 promotions are not listed here:' });
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '1 uses individual codes, a single-use code for each shopper: “Newsletter codes”. Its codes are listed in the admin named above.',
      '1 applies by itself in the cart, without a code: “Automatic free delivery”.',
      '1 is switched off: “Winter 20 %”.',
    ]);
  });

  it('says nothing where none is left out', () => {
    const { container } = render(CouponsNotListed, { props: { notListed: [] } });
    expect(container.textContent?.trim()).toBe('');
  });
});
