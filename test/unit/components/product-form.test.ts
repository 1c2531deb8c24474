import { describe, expect, it } from 'vitest';
import { RESTORED, formOf, formProblems, freePriceNote, wasPriceNote, inventoryOf, keptOnto, keptOntoNotice, priceEdit, priceText, productEdit, readPrice, restoredEdit, type ProductForm } from '../../../src/lib/components/product-form.ts';
import type { Product } from '../../../src/lib/domain/catalog.ts';
import { formatProductPrice } from '../../../src/lib/components/format.ts';

const form = (price: number | string | null): ProductForm => ({ name: 'Yo-yo', price: price === null ? '' : String(price), published: true, inventory: '', description: '' });
const priceProblem = (price: number | string | null, currency: string) => formProblems(form(price), currency).price;

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

});

describe('readPrice: a typed price read as the person meant it (Chromium\'s number field saved "12,50" as 1250)', () => {
  const EN = { decimal: '.', group: ',' };
  const DE = { decimal: ',', group: '.' };
  const amountOf = (typed: unknown, marks = EN) => {
    const reading = readPrice(typed, marks);
    return 'amount' in reading ? reading.amount : reading.problem;
  };

  it('takes a comma or a point as the decimal mark, in either locale', () => {
    for (const marks of [EN, DE]) {
      expect(amountOf('12,50', marks)).toBe(12.5);
      expect(amountOf('12.50', marks)).toBe(12.5);
      expect(amountOf(' 12 ', marks)).toBe(12);
      expect(amountOf(',5', marks)).toBe(0.5);
      expect(amountOf('0,500', marks)).toBe(0.5);
    }
  });

  it('refuses, rather than guesses, what reads as a thousands separator or several marks', () => {
    expect(amountOf('12,500', EN)).toBe('grouped');
    expect(amountOf('12.500', EN)).toBe(12.5);
    expect(amountOf('12.500', DE)).toBe('grouped');
    expect(amountOf('12,500', DE)).toBe(12.5);
    expect(amountOf('1,234.50', EN)).toBe('grouped');
    expect(amountOf('1.234,50', DE)).toBe('grouped');
    expect(amountOf('1,2,3', EN)).toBe('grouped');
  });

  it('reads spaces, full-width, Arabic-Indic digits and the Arabic decimal mark; refuses words', () => {
    expect(amountOf('1 234,50')).toBe(1234.5);
    expect(amountOf('１２．５')).toBe(12.5);
    expect(amountOf('١٢٫٥٠')).toBe(12.5);
    expect(amountOf('۱۲')).toBe(12);
    expect(amountOf('\u22125')).toBe(-5);
    expect(amountOf('-5')).toBe(-5);
    for (const typed of ['abc', '12e3', '.', '-', '1e21', '12 + 3', 'twelve']) expect(amountOf(typed)).toBe('unreadable');
    expect(amountOf('')).toBe('empty');
    expect(amountOf('   ')).toBe('empty');
    expect(amountOf(null)).toBe('empty');
    expect(amountOf(8)).toBe(8); // a draft kept by an older version
  });

  it('names a currency\'s sign, code or letters typed around the number ("$12" was told "Enter a price"), and takes none off by guess', () => {
    const extraOf = (typed: string) => {
      const reading = readPrice(typed, EN);
      return 'extra' in reading ? reading.extra : 'amount' in reading ? reading.amount : reading.problem;
    };
    expect(extraOf('$12')).toEqual(['$']);
    expect(extraOf('₹1250')).toEqual(['₹']);
    expect(extraOf('Rs. 1250')).toEqual(['Rs.']);
    expect(extraOf('12,50 €')).toEqual(['€']);
    expect(extraOf('USD 12 only')).toEqual(['USD', 'only']);
    expect(extraOf('$-12')).toEqual(['$']);
    expect(priceProblem('₹1250', 'INR')).toBe('Enter the price as a number only, without “₹”, for example 19.90.');
    expect(priceProblem('$12 USD', 'USD')).toBe('Enter the price as a number only, without “$” or “USD”, for example 19.90.');
    expect(priceProblem('12 INR', 'JPY')).toBe('Enter the price as a number only, without “INR”, for example 20.');
  });

  it('words each refusal with an example in the currency\'s decimals', () => {
    expect(priceProblem('12,500', 'USD')).toBe('Enter the price without thousands separators, for example 1234.50.');
    expect(priceProblem('1,500', 'JPY')).toBe('Enter the price without thousands separators, for example 1234.');
    expect(priceProblem('abc', 'KWD')).toBe('Enter a price, for example 19.900.');
    expect(priceProblem('', 'USD')).toBe('Enter a price, for example 19.90.');
    expect(priceProblem('12,50', 'USD')).toBe('');
    expect(priceProblem('19,9945', 'USD')).toBe('Enter a price with at most 2 decimals, for example 19.90.');
    expect(priceProblem('-1', 'USD')).toBe('The price cannot be negative.');
    // past 2^53 minor units the typed amount is not the one a number holds (and would be sent)
    expect(priceProblem('12345678901234567', 'USD')).toBe('This price is too large to be saved exactly.');
    expect(priceProblem('90071992547409.92', 'USD')).toBe('This price is too large to be saved exactly.');
    expect(priceProblem('90071992547409.91', 'JPY')).toBe('Enter a price without decimals, for example 20.');
    expect(priceProblem('90071992547409', 'USD')).toBe('');
  });
});

describe('a product without a price (a FlickRocket one with no price model in any currency)', () => {
  it('says “Price not available”, never 0 (free), wherever its price is said; a priced one in its currency', () => {
    expect(formatProductPrice(null, 'EUR')).toBe('Price not available');
    expect(formatProductPrice(null, 'EUR', 3)).toBe('Price not available');
    expect(formatProductPrice(4.5, 'USD', 3)).toBe(new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(13.5));
  });

  it('edits as an empty price field, which sends no price (neither NaN nor 0); a price typed into it is sent', () => {
    expect(priceText(null, 'EUR')).toBe('');
    expect(priceEdit(form(null), null)).toBeUndefined();
    expect(priceEdit(form('  '), null)).toBeUndefined();
    expect(priceEdit(form(12.5), null)).toBe(12.5);
    expect(priceEdit(form(12.5), 12.5)).toBeUndefined();
    expect(priceEdit(form(13), 12.5)).toBe(13);
  });
});

describe('the typed stock (Chromium\'s number field saved "2,5" as 25, "1.000" as 1, and "5-" as no change under "Saved.")', () => {
  const withStock = (inventory: unknown): ProductForm => ({ ...form(20), inventory: inventory as string });
  const problem = (inventory: unknown) => formProblems(withStock(inventory), 'USD').inventory;

  it('takes whole counts, in any digits, and an empty field as "leave it"', () => {
    for (const [typed, count] of [['0', 0], ['12', 12], [' 1000 ', 1000], ['１２', 12], ['\u0661\u0662', 12], [7, 7]] as const) {
      expect(problem(typed)).toBe('');
      expect(inventoryOf(withStock(typed))).toBe(count);
    }
    for (const empty of ['', '  ', null, undefined]) {
      expect(problem(empty)).toBe('');
      expect(inventoryOf(withStock(empty))).toBeUndefined();
    }
  });

  it('refuses a count with a decimal mark rather than reading it as another number', () => {
    for (const typed of ['2,5', '2.5', '5-', '-', '-3', '1e3', 'ten', '0x10', 2.5, -1]) {
      expect(problem(typed), String(typed)).toBe('Inventory is a whole number, 0 or more.');
      expect(inventoryOf(withStock(typed)), String(typed)).toBeUndefined();
    }
  });

  it('refuses a stock above 2,147,483,647, the most a store keeps (99999999999 came back as a server error)', () => {
    for (const typed of ['2147483647', 2147483647]) {
      expect(problem(typed), String(typed)).toBe('');
      expect(inventoryOf(withStock(typed))).toBe(2147483647);
    }
    for (const typed of ['2147483648', '99999999999', '９９９９９９９９９９９', '99999999999999999999', 2147483648]) {
      expect(problem(typed), String(typed)).toBe('Enter a stock of 2,147,483,647 or less.');
      expect(formProblems(withStock(typed), 'EUR', true, true, 5).inventory, String(typed)).toBe('Enter a stock of 2,147,483,647 or less.');
      expect(inventoryOf(withStock(typed)), String(typed)).toBeUndefined();
    }
  });

  it('takes the store’s own count below 0 as it stands (a Shopware product oversold could not be renamed), and only that one', () => {
    const withNow = (typed: unknown, now: number) => formProblems(withStock(typed), 'EUR', true, true, now).inventory;
    for (const typed of ['-2', ' -2 ', '\u22122', -2]) {
      expect(withNow(typed, -2), String(typed)).toBe('');
      // unchanged, it is not sent
      expect(inventoryOf(withStock(typed)), String(typed)).toBeUndefined();
    }
    for (const [typed, now] of [['-3', -2], ['-2', 5], ['-2', 0]] as const) expect(withNow(typed, now), `${typed} over ${now}`).toBe('Inventory is a whole number, 0 or more.');
    expect(withNow('', -2)).toBe('Enter how many are in stock: 0 or more.');
  });

  it('refuses thousands separators, which read as a thousand or as 1 depending on who typed them', () => {
    for (const typed of ['1.000', '1,000', '12,500', '1.000.000']) {
      expect(problem(typed), typed).toBe('Enter the stock without thousands separators, for example 1000.');
      expect(inventoryOf(withStock(typed)), typed).toBeUndefined();
    }
  });
});

describe('keptOnto: an unsaved edit over a product changed since (such a draft was ignored, its typing lost)', () => {
  const from: ProductForm = { name: 'Apron', price: '20.00', published: true, inventory: '5', description: '<p>Linen.</p>' };

  it('lays only the typed fields over the store’s newer copy, keeping the store’s other changes', () => {
    const kept = { form: { ...from, description: '<p>Linen, long text typed for an hour.</p>' }, updated: 'v1', from };
    const now = { ...from, inventory: '3' };
    expect(keptOnto(kept, now)).toEqual({ form: { ...now, description: '<p>Linen, long text typed for an hour.</p>' }, alsoChanged: [] });
  });

  it('names the fields changed on both sides, where the merchant’s now stand over the store’s', () => {
    const kept = { form: { ...from, name: 'Apron, blue', price: '22.00' }, from };
    const now = { ...from, name: 'Apron (sale)', price: '22.00', inventory: '9' };
    expect(keptOnto(kept, now)).toEqual({ form: { ...now, name: 'Apron, blue' }, alsoChanged: ['name'] });
    expect(keptOntoNotice(['name', 'price'])).toBe(
      'Your unsaved changes were restored onto this product as the store has it now: it was changed elsewhere since. Its name and price changed there too: yours is shown; Discard changes shows the store’s.',
    );
  });

  it('restores nothing where nothing typed differs from the store now, or where the draft cannot tell what was typed', () => {
    expect(keptOnto({ form: { ...from, name: 'Apron (sale)' }, from }, { ...from, name: 'Apron (sale)' })).toBeUndefined();
    expect(keptOnto({ form: { ...from, name: 'Older draft' }, updated: 'v1' }, from)).toBeUndefined();
  });
});

const apron: Product = {
  id: 'p1', name: 'Apron', descriptionHtml: '<p>Linen</p>', descriptionShort: '', price: 19.9, currency: 'USD', compareAtPrice: null,
  images: [], categories: [], tags: [], inStock: true, published: true, inventory: 4, created: 'v0', updated: 'v1',
};

describe('productEdit: what the editor’s Save sends', () => {
  it('each field changed from the store’s copy, the name trimmed, the description as typed; nothing when nothing changed', () => {
    expect(productEdit(formOf(apron), apron)).toEqual({});
    const typed = { ...formOf(apron), name: ' Apron, blue ', price: '21', inventory: '7', published: false, description: '<p>Linen </p>' };
    expect(productEdit(typed, apron)).toEqual({ name: 'Apron, blue', price: 21, inventory: 7, published: false, description: '<p>Linen </p>' });
  });

  it('not the stock of a product sold in variants (each variant keeps its own), nor a stock left empty', () => {
    expect(productEdit({ ...formOf(apron), inventory: '7' }, { ...apron, soldInVariants: true })).toEqual({});
    expect(productEdit({ ...formOf(apron), inventory: '' }, apron)).toEqual({});
  });
});

describe('restoredEdit: an unsaved edit read back over the product as the store has it', () => {
  it('kept of the same version: as kept, a field it lacks the product’s', () => {
    const { description: _left, ...older } = { ...formOf(apron), name: 'Apron, blue' };
    expect(restoredEdit({ form: older as ProductForm, updated: 'v1' }, apron)).toEqual({ form: { ...formOf(apron), name: 'Apron, blue' }, notice: RESTORED });
  });

  it('changed at the store since: the typed fields over its newer copy, said so; nothing typed, nothing brought back', () => {
    const from = formOf(apron);
    const now = { ...apron, price: 25, updated: 'v2' };
    expect(restoredEdit({ form: { ...from, name: 'Apron, blue' }, from, updated: 'v1' }, now)).toEqual({ form: { ...formOf(now), name: 'Apron, blue' }, notice: keptOntoNotice([]) });
    expect(restoredEdit({ form: from, from, updated: 'v1' }, now)).toBeUndefined();
  });
});

describe('freePriceNote: a Save at 0 asks first (0 was saved at one press, the product free)', () => {
  it('says what 0 does for shoppers and names the button that saves it at 0 all the same', () => {
    expect(freePriceNote('Save changes')).toBe('A price of 0 makes this product free for shoppers. To sell it at 0, press Save changes again; otherwise enter its price.');
    expect(freePriceNote('Add product')).toContain('press Add product again');
  });

  it('0 is a price, not a problem: formProblems takes it (the question is not a refusal)', () => {
    for (const zero of ['0', '0.00', '0,0']) expect(priceProblem(zero, 'USD')).toBe('');
  });
});

describe('wasPriceNote: a price raised to or above a sale’s earlier price (the sale badge went, the store kept the earlier price)', () => {
  const onSale = { price: 2000, compareAtPrice: 2499, currency: 'INR' };
  const note = (typed: string, product: Pick<Product, 'price' | 'compareAtPrice' | 'currency'> = onSale) => wasPriceNote(form(typed), product);

  it('says the sale goes above the earlier price, naming it, and where it is changed', () => {
    expect(note('2600')).toBe(
      `Above the earlier price, ${formatProductPrice(2499, 'INR')}: shoppers will no longer see this product on sale. To keep the sale, enter a lower price; the earlier price is changed or cleared in the store’s own admin.`,
    );
  });

  it('at the earlier price exactly, the sale goes too (it shows only while the earlier price is higher)', () => {
    expect(note('2499')).toMatch(/^The same as the earlier price, /);
    expect(note('2499,00')).toMatch(/^The same as the earlier price, /);
  });

  it('says nothing below the earlier price, without one, or for what does not read as a price', () => {
    expect(note('2498.99')).toBe('');
    expect(note('9999', { price: 2000, compareAtPrice: null, currency: 'INR' })).toBe('');
    // an earlier price the store keeps at or below the price shows no sale: nothing for this edit to end
    expect(note('9999', { price: 2600, compareAtPrice: 2499, currency: 'INR' })).toBe('');
    expect(note('9999', { price: null, compareAtPrice: 2499, currency: 'INR' })).toBe('');
    for (const typed of ['', '₹2600', '2,600.00']) expect(note(typed)).toBe('');
  });
});
