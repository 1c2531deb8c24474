/**
 * The widget's words that were English whatever the host page said: a card's "From" before its
 * price, the screen reader's "(opens in a new tab)" and "was", the product list's name. Each as the
 * page sets it (`text-from`, `text-new-tab`, `text-was`, `text-list`), as text (markup shows as its
 * characters), English when empty or absent; and a change to a word alone draws the widget again,
 * with the products it has (no new request).
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StorefrontCard } from '../../../src/lib/providers/types.ts';
import { forgetLoads } from '../../../src/widget/products.ts';
import { renderProductCard } from '../../../src/widget/render.ts';
import { withPrice } from '../../../src/widget/words.ts';
import { wirePaging, wireProduct } from '../../helpers/goodsie-wire.ts';
import { fakeFetch, json } from '../../helpers/fake-fetch.ts';

const API = 'https://api.shop.example';
const TOKEN = 'sf-token-abc';

type Handler = () => Response | Promise<Response>;
let handler: Handler = () => {
  throw new Error('unexpected request');
};
const network = fakeFetch(() => handler());
const calls = network.seen;

beforeAll(async () => {
  vi.stubGlobal('fetch', network.fetch);
  await import('../../../src/widget/index.ts');
});

afterEach(() => {
  document.body.replaceChildren();
  forgetLoads();
  calls.length = 0;
  vi.restoreAllMocks();
});

/** A card from several prices (Shopware's advanced prices), reduced, linked. */
const CARD: StorefrontCard = {
  name: 'Lauch',
  price: 0.95,
  currency: 'EUR',
  compareAtPrice: 1.5,
  from: true,
  permalink: 'https://shop.example/detail/leeks',
};

/** A card drawn for a host element with these attributes, on a German page. */
function cardWith(attributes: Record<string, string>): HTMLLIElement {
  const host = document.createElement('storefront-products');
  for (const [name, value] of Object.entries(attributes)) host.setAttribute(name, value);
  return renderProductCard(host, CARD, 'de-DE');
}

/** The card's words: its price line, what a screen reader hears after the name and before the struck price. */
function wordsOf(card: HTMLLIElement): { price: string; newTab: string; was: string; elements: number } {
  const price = card.querySelector('.price')!;
  return {
    price: price.firstChild?.textContent ?? '',
    newTab: card.querySelector('a .sr')?.textContent ?? '',
    was: card.querySelector('.was .sr')?.textContent ?? '',
    // elements a word could have made: only the widget's own (link, its .sr, the struck price and its .sr)
    elements: card.querySelectorAll('.body *').length,
  };
}

const EURO = (amount: number): string => new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(amount);

describe('a card’s words', () => {
  it('in English without the page’s words, and with empty ones', () => {
    const english = { price: `From ${EURO(0.95)}`, newTab: ' (opens in a new tab)', was: 'was ', elements: 6 };
    expect(wordsOf(cardWith({}))).toEqual(english);
    expect(wordsOf(cardWith({ 'text-from': '', 'text-new-tab': '', 'text-was': '' }))).toEqual(english);
  });

  it('in the page’s words: "From" before the price, or round it where {price} says', () => {
    expect(wordsOf(cardWith({ 'text-from': 'ab', 'text-new-tab': '(öffnet in neuem Tab)', 'text-was': 'statt' }))).toEqual({
      price: `ab ${EURO(0.95)}`,
      newTab: ' (öffnet in neuem Tab)',
      was: 'statt ',
      elements: 6,
    });
    expect(wordsOf(cardWith({ 'text-from': '{price} से शुरू' })).price).toBe(`${EURO(0.95)} से शुरू`);
    expect(wordsOf(cardWith({ 'text-from': '{price}から' })).price).toBe(`${EURO(0.95)}から`);
  });

  it('markup in a word shows as its characters, no element made', () => {
    const words = wordsOf(cardWith({ 'text-from': '<b>ab</b> {price}', 'text-new-tab': '<img src=x onerror=alert(1)>', 'text-was': '<s>statt</s>' }));
    expect(words).toEqual({ price: `<b>ab</b> ${EURO(0.95)}`, newTab: ' <img src=x onerror=alert(1)>', was: '<s>statt</s> ', elements: 6 });
  });
});

describe('withPrice', () => {
  it('puts the price where {price} is (the first one), or after the word and a space', () => {
    expect(withPrice('From', '$19.90')).toBe('From $19.90');
    expect(withPrice('ab {price}*', '19,90 €')).toBe('ab 19,90 €*');
    expect(withPrice('{price} {price}', '1 €')).toBe('1 € {price}');
  });

  it('puts the price in as it is: no replacement patterns ($&, $`, $\', $$) read in it', () => {
    expect(withPrice('ab {price}', '$& $` $\' $$ $1')).toBe('ab $& $` $\' $$ $1');
  });
});

function mount(attributes: Record<string, string>): { element: HTMLElement; root: ShadowRoot } {
  const element = document.createElement('storefront-products');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.body.append(element);
  return { element, root: element.shadowRoot! };
}

const label = (root: ShadowRoot): string | null | undefined => root.querySelector('ul.grid:not(.skeleton)')?.getAttribute('aria-label');

describe('<storefront-products> in the page’s words', () => {
  it('names the product list as the page says (text-list, as text), English when empty', async () => {
    handler = () => json({ products: [wireProduct()], paging: wirePaging() });
    const german = mount({ 'api-base': API, token: TOKEN, category: 'kitchen', 'text-list': 'Küche: <b>Schürzen</b>' });
    const empty = mount({ 'api-base': API, token: TOKEN, category: 'kitchen', 'text-list': '' });
    await vi.waitFor(() => expect(label(german.root)).toBe('Küche: <b>Schürzen</b>'));
    await vi.waitFor(() => expect(label(empty.root)).toBe('Products in kitchen'));
  });

  it('draws again when only a word changes, with the products it has: no new request', async () => {
    handler = () => json({ products: [wireProduct({ in_stock: false })], paging: wirePaging() });
    const { element, root } = mount({ 'api-base': API, token: TOKEN });
    await vi.waitFor(() => expect(root.querySelector('.note')?.textContent).toBe('Out of stock'));
    element.setAttribute('text-out-of-stock', '<em>Ausverkauft</em>');
    element.setAttribute('text-new-tab', '(öffnet in neuem Tab)');
    element.setAttribute('text-list', 'Unsere Produkte');
    await vi.waitFor(() => expect(root.querySelector('.note')?.textContent).toBe('<em>Ausverkauft</em>'));
    expect(root.querySelector('.card a .sr')?.textContent).toBe(' (öffnet in neuem Tab)');
    expect(label(root)).toBe('Unsere Produkte');
    expect(root.querySelectorAll('.note *')).toHaveLength(0);
    // taken off again: English
    element.removeAttribute('text-out-of-stock');
    await vi.waitFor(() => expect(root.querySelector('.note')?.textContent).toBe('Out of stock'));
    expect(calls).toHaveLength(1);
  });

  it('a word changed while the products load keeps their request, and the cards come in the new word', async () => {
    let answer: (response: Response) => void = () => undefined;
    handler = () => new Promise<Response>((resolve) => (answer = resolve));
    const { element, root } = mount({ 'api-base': API, token: TOKEN });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    element.setAttribute('text-loading', 'Produkte werden geladen…');
    await vi.waitFor(() => expect(root.querySelector('p.sr')?.textContent).toBe('Produkte werden geladen…'));
    answer(json({ products: [wireProduct({ in_stock: false })], paging: wirePaging() }));
    element.setAttribute('text-out-of-stock', 'Ausverkauft');
    await vi.waitFor(() => expect(root.querySelector('.note')?.textContent).toBe('Ausverkauft'));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.init?.signal?.aborted).toBe(false);
  });

  it('after a failed load, a word changed draws the unavailable line in it and asks the store again, as Try again does', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    handler = () => {
      throw new TypeError('Failed to fetch');
    };
    const { element, root } = mount({ 'api-base': API, token: TOKEN });
    await vi.waitFor(() => expect(root.querySelector('button.retry')?.textContent).toBe('Try again'));
    element.setAttribute('text-try-again', 'Nochmal versuchen');
    await vi.waitFor(() => expect(root.querySelector('button.retry')?.textContent).toBe('Nochmal versuchen'));
    expect(calls).toHaveLength(2);
  });

  it('with unusable attributes, says the problem once: a word changed draws the line again in it, another attribute does not say it again', async () => {
    const warnings: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(' ')));
    const { element, root } = mount({ token: TOKEN });
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')?.textContent).toBe('Products are unavailable right now.'));
    const shown = root.querySelector('[role="alert"]');
    element.setAttribute('class', 'wide');
    element.setAttribute('columns', '2');
    await new Promise((resolve) => setTimeout(resolve, 0));
    // the same alert, not a new one a screen reader would announce again
    expect(root.querySelector('[role="alert"]')).toBe(shown);
    expect(warnings).toEqual(['<storefront-products>: no api-base attribute.']);
    element.setAttribute('text-unavailable', 'Die Produkte sind gerade nicht verfügbar.');
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')?.textContent).toBe('Die Produkte sind gerade nicht verfügbar.'));
    expect(calls).toHaveLength(0);
  });
});
