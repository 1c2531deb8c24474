import { describe, expect, it } from 'vitest';
import { formProblems, priceStep, type ProductForm } from '../../../src/lib/components/product-form.ts';

const form = (price: number | null): ProductForm => ({ name: 'Yo-yo', price, published: true, inventory: null, description: '' });
const priceProblem = (price: number | null, currency: string) => formProblems(form(price), currency).price;

describe('formProblems: a price finer than the currency’s minor unit (19.994 USD was saved as typed, shown as 19.99)', () => {
  it('refuses more decimals than USD and EUR have (2), with the field’s words', () => {
    expect(priceProblem(19.994, 'USD')).toBe('Enter a price with at most 2 decimals, for example 19.90.');
    expect(priceProblem(0.001, 'EUR')).toBe('Enter a price with at most 2 decimals, for example 19.90.');
  });

  it('takes prices that fit the minor unit', () => {
    for (const price of [19.99, 19.9, 20, 0, 0.3, 19.899999999999999, 1234567.89]) expect(priceProblem(price, 'USD')).toBe('');
  });

  it('follows the currency: JPY has no decimals, KWD three; an unknown code two', () => {
    expect(priceProblem(1990.5, 'JPY')).toBe('Enter a price without decimals, for example 20.');
    expect(priceProblem(1990, 'JPY')).toBe('');
    expect(priceProblem(19.9945, 'KWD')).toBe('Enter a price with at most 3 decimals, for example 19.900.');
    expect(priceProblem(19.994, 'KWD')).toBe('');
    expect(priceProblem(19.994, '')).toBe('Enter a price with at most 2 decimals, for example 19.90.');
  });

  it('says nothing of decimals where prices are kept elsewhere (FlickRocket)', () => {
    expect(formProblems(form(19.994), 'USD', false).price).toBe('');
  });

  it('steps the price input by one minor unit', () => {
    expect([priceStep('USD'), priceStep('JPY'), priceStep('KWD'), priceStep('')]).toEqual(['0.01', '1', '0.001', '0.01']);
  });
});
