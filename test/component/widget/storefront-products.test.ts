import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { wirePaging, wireProduct } from '../../helpers/goodsie-wire.ts';
import { fakeFetch, json } from '../../helpers/fake-fetch.ts';
import { forgetLoads } from '../../../src/widget/products.ts';

const TOKEN = 'sf-token-abc';
const API = 'https://api.shop.example';

type Handler = (url: URL, init: RequestInit) => Response | Promise<Response>;
let handler: Handler = () => {
  throw new Error('unexpected request');
};
const network = fakeFetch((request) => handler(request.url, request.init));
const calls = network.seen;

let globalsBefore: Set<string>;
let headChildrenBefore: number;

beforeAll(async () => {
  vi.stubGlobal('fetch', network.fetch);
  globalsBefore = new Set(Object.getOwnPropertyNames(globalThis));
  headChildrenBefore = document.head.childElementCount;
  await import('../../../src/widget/index.ts');
});

afterEach(() => {
  document.body.replaceChildren();
  // the widgets of a page share their loads (products.ts): each test is a page of its own
  forgetLoads();
  calls.length = 0;
  vi.restoreAllMocks();
});

function mount(attributes: Record<string, string>): HTMLElement {
  const element = document.createElement('storefront-products');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.body.append(element);
  return element;
}

/** What the widget tells the site owner through the console (the page's visitors never see it). */
let warnings: string[] = [];
function captureWarnings(): void {
  warnings = [];
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  });
}

function shadow(element: HTMLElement): ShadowRoot {
  if (!element.shadowRoot) throw new Error('no shadow root');
  return element.shadowRoot;
}

describe('<storefront-products>', () => {
  it('registers the element and adds no other global, nothing in <head>, nothing in light DOM', async () => {
    expect(customElements.get('storefront-products')).toBeDefined();
    const added = Object.getOwnPropertyNames(globalThis).filter((name) => !globalsBefore.has(name));
    expect(added).toEqual([]);
    handler = () => json({ products: [wireProduct()], paging: wirePaging() });
    const element = mount({ 'api-base': API, token: TOKEN });
    await vi.waitFor(() => expect(shadow(element).querySelectorAll('.card')).toHaveLength(1));
    expect(document.head.childElementCount).toBe(headChildrenBefore);
    expect(element.childNodes).toHaveLength(0);
  });

  it('formats prices in the page’s language, and in the browser’s when that language tag is malformed', async () => {
    handler = () => json({ products: [wireProduct()], paging: wirePaging() });
    const german = document.createElement('div');
    german.lang = 'de-DE';
    const broken = document.createElement('div');
    broken.lang = 'en_US';
    document.body.append(german, broken);
    const inGerman = document.createElement('storefront-products');
    const inBroken = document.createElement('storefront-products');
    for (const element of [inGerman, inBroken]) {
      element.setAttribute('api-base', API);
      element.setAttribute('token', TOKEN);
    }
    german.append(inGerman);
    broken.append(inBroken);
    const price = (element: HTMLElement) => shadow(element).querySelector('.price')?.textContent;
    // The wire product costs 19.90 USD.
    await vi.waitFor(() => expect(price(inGerman)?.startsWith(new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'USD' }).format(19.9))).toBe(true));
    await vi.waitFor(() => expect(price(inBroken)?.startsWith(new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(19.9))).toBe(true));
    expect(price(inGerman)).not.toBe(price(inBroken));
  });

  it('loading it twice (another copy of the script) does not throw', async () => {
    const { defineStorefrontProducts } = await import('../../../src/widget/storefront-products.ts');
    expect(() => defineStorefrontProducts()).not.toThrow();
  });

  it('shows the products with the token in the header only, hostile text as text and no unsafe link', async () => {
    handler = () =>
      json({
        products: [
          wireProduct(),
          wireProduct({
            id: 'x1',
            name: '<img src=x onerror=alert("xss-name")>',
            permalink: 'javascript:alert(document.domain)',
            images: [{ url: "javascript:alert('img')", alt: '<b>alt</b>' }],
          }),
        ],
        paging: wirePaging({ total: 2 }),
      });
    const element = mount({ 'api-base': API, token: TOKEN, category: 'kitchen', search: 'apron', limit: '5' });
    const root = shadow(element);
    await vi.waitFor(() => expect(root.querySelectorAll('.card')).toHaveLength(2));

    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url.href).not.toContain(TOKEN);
    expect(Object.fromEntries(call?.url.searchParams ?? [])).toEqual({ page: '0', count: '5', q: 'apron', category: 'kitchen' });
    expect(new Headers(call?.init?.headers).get('Authorization')).toBe(`Bearer ${TOKEN}`);

    const list = root.querySelector('ul.grid');
    expect(list?.getAttribute('aria-label')).toBe('Products in kitchen matching “apron”');
    const [good, hostile] = [...root.querySelectorAll('.card')];
    const link = good?.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://shop.example/products/linen-apron');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    const img = good?.querySelector('img');
    expect(img?.getAttribute('loading')).toBe('lazy');
    expect(img?.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(img?.getAttribute('width')).toBe('800');
    expect(img?.getAttribute('height')).toBe('600');
    expect(good?.querySelector('.price')?.textContent).toMatch(/19\.90/);
    expect(good?.querySelector('s.was')?.textContent).toMatch(/24\.50/);

    expect(hostile?.querySelector('.name')?.textContent).toBe('<img src=x onerror=alert("xss-name")>');
    expect(hostile?.querySelector('a')).toBeNull();
    expect(hostile?.querySelector('img')).toBeNull();
    expect(root.querySelectorAll('img')).toHaveLength(1);
  });

  it('strikes through a price before only when it reads higher: not one equal once rounded to cents, not a lower one', async () => {
    handler = () =>
      json({
        products: [
          wireProduct({ id: 'a', name: 'Higher', cost_raw: 19.9, compare_at_cost_raw: 24.5 }),
          wireProduct({ id: 'b', name: 'Same in cents', cost_raw: 19.9, compare_at_cost_raw: 19.904 }),
          wireProduct({ id: 'c', name: 'Lower', cost_raw: 19.9, compare_at_cost_raw: 12 }),
        ],
        paging: wirePaging({ total: 3 }),
      });
    const root = shadow(mount({ 'api-base': API, token: TOKEN }));
    await vi.waitFor(() => expect(root.querySelectorAll('.card')).toHaveLength(3));
    const was = [...root.querySelectorAll('.card')].map((card) => card.querySelector('s.was')?.textContent ?? null);
    expect(was[0]).toMatch(/24\.50/);
    expect(was.slice(1)).toEqual([null, null]);
  });

  it('on 401 and 403 shows visitors a neutral line and the fallback, tells the site owner why in the console, offers no retry', async () => {
    captureWarnings();
    for (const status of [401, 403]) {
      handler = () => json({ error: status === 401 ? 'invalid_token' : 'insufficient_scope' }, status);
      const element = mount({ 'api-base': API, token: TOKEN });
      const fallback = document.createElement('a');
      fallback.href = 'https://shop.example/';
      fallback.textContent = 'Our shop';
      element.append(fallback);
      const root = shadow(element);
      await vi.waitFor(() => expect(root.querySelector('[role="alert"]')).not.toBeNull());
      const alert = root.querySelector('[role="alert"]');
      expect(alert?.textContent).toBe('Products are unavailable right now.');
      // The snippet's own link shows through the slot.
      expect(root.querySelector('slot')?.assignedNodes()).toContain(fallback);
      expect(root.querySelector('button')).toBeNull();
      expect(warnings.at(-1)).toMatch(/^<storefront-products>: the store did not accept the token; get a new snippet/);
      expect(warnings.join('\n')).not.toContain(TOKEN);
      element.remove();
    }
  });

  it('while products load, the element’s own content is hidden (the skeleton shows) and no slot is open', async () => {
    let release: (() => void) | undefined;
    handler = () => new Promise((resolve) => (release = () => resolve(json({ products: [wireProduct()], paging: wirePaging() }))));
    const element = mount({ 'api-base': API, token: TOKEN });
    element.append(document.createTextNode('fallback'));
    const root = shadow(element);
    await vi.waitFor(() => expect(root.querySelector('.skeleton')).not.toBeNull());
    expect(root.querySelector('slot')).toBeNull();
    release?.();
    await vi.waitFor(() => expect(root.querySelectorAll('.card')).toHaveLength(1));
    expect(root.querySelector('slot')).toBeNull();
  });

  it('draws a "no picture" placeholder for a product without an image, not an empty box', async () => {
    handler = () => json({ products: [wireProduct({ images: [] })], paging: wirePaging() });
    const element = mount({ 'api-base': API, token: TOKEN });
    const root = shadow(element);
    await vi.waitFor(() => expect(root.querySelectorAll('.card')).toHaveLength(1));
    const media = root.querySelector('.media');
    expect(media?.classList.contains('none')).toBe(true);
    expect(media?.textContent).toBe('No picture');
    expect(media?.getAttribute('aria-hidden')).toBe('true');
  });

  it('shows a plain-http picture (not loopback) as "no picture" and a plain-http permalink as the name in text (security case 34)', async () => {
    handler = () => json({ products: [wireProduct({ images: [{ url: 'http://cdn.shop.example/apron.jpg', alt: 'apron' }], permalink: 'http://shop.example/products/linen-apron' })], paging: wirePaging() });
    const element = mount({ 'api-base': API, token: TOKEN });
    const root = shadow(element);
    await vi.waitFor(() => expect(root.querySelectorAll('.card')).toHaveLength(1));
    expect(root.querySelector('.card img')).toBeNull();
    expect(root.querySelector('.media')?.textContent).toBe('No picture');
    expect(root.querySelector('.card a')).toBeNull();
    expect(root.querySelector('.name')?.textContent).toBe(wireProduct().name);
  });

  it('a product’s name, linked or not, is in a <bdi> (its direction from its own letters: an Arabic one right to left, whatever the page’s)', async () => {
    handler = () =>
      json({
        products: [wireProduct({ id: 'r1', name: '(3) كوب', permalink: 'https://shop.example/products/r1' }), wireProduct({ id: 'r2', name: '24/7 מרקט', permalink: null })],
        paging: wirePaging(),
      });
    const root = shadow(mount({ 'api-base': API, token: TOKEN }));
    await vi.waitFor(() => expect(root.querySelectorAll('.card')).toHaveLength(2));
    const names = [...root.querySelectorAll('.name')];
    expect(names.map((name) => [name.tagName, name.getAttribute('dir')])).toEqual([['BDI', null], ['BDI', null]]);
    expect(names[0]?.querySelector('a')?.firstChild?.textContent).toBe('(3) كوب');
    expect(names[1]?.textContent).toBe('24/7 מרקט');
  });

  it('puts the "no picture" placeholder where a picture will not load (gone, or refused by the page), not a broken image', async () => {
    handler = () => json({ products: [wireProduct()], paging: wirePaging() });
    const element = mount({ 'api-base': API, token: TOKEN });
    const root = shadow(element);
    await vi.waitFor(() => expect(root.querySelectorAll('.card img')).toHaveLength(1));
    root.querySelector('.card img')!.dispatchEvent(new Event('error'));
    const media = root.querySelector('.media');
    expect(root.querySelector('.card img')).toBeNull();
    expect(media?.classList.contains('none')).toBe(true);
    expect(media?.textContent).toBe('No picture');
    expect(media?.getAttribute('aria-hidden')).toBe('true');
  });

  it('offers a retry after a network failure, and the retry loads again', async () => {
    handler = () => {
      throw new TypeError('Failed to fetch');
    };
    const element = mount({ 'api-base': API, token: TOKEN });
    const root = shadow(element);
    captureWarnings();
    await vi.waitFor(() => expect(root.querySelector('button.retry')).not.toBeNull());
    expect(root.querySelector('[role="alert"]')?.textContent).toMatch(/^Products are unavailable right now\. Try again$/);
    expect(warnings.at(-1)).toMatch(/could not be reached/);
    handler = () => json({ products: [wireProduct()], paging: wirePaging() });
    root.querySelector<HTMLButtonElement>('button.retry')?.click();
    await vi.waitFor(() => expect(root.querySelectorAll('.card')).toHaveLength(1));
    expect(calls).toHaveLength(2);
  });

  it('moved by the host page (taken out and put back), keeps its products and asks the store no second time; taken out while loading, loads when put back', async () => {
    handler = () => json({ products: [wireProduct()], paging: wirePaging() });
    const element = mount({ 'api-base': API, token: TOKEN });
    const root = shadow(element);
    await vi.waitFor(() => expect(root.querySelectorAll('.card')).toHaveLength(1));
    const elsewhere = document.createElement('section');
    document.body.append(elsewhere);
    elsewhere.append(element);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(root.querySelector('.skeleton')).toBeNull();
    expect(root.querySelectorAll('.card')).toHaveLength(1);
    expect(calls).toHaveLength(1);

    let answer: (response: Response) => void = () => undefined;
    handler = () => new Promise<Response>((resolve) => (answer = resolve));
    const loading = mount({ 'api-base': API, token: TOKEN, search: 'mug' });
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    loading.remove();
    answer(json({ products: [wireProduct({ name: 'Too late' })], paging: wirePaging() }));
    handler = () => json({ products: [wireProduct({ name: 'Mug' })], paging: wirePaging() });
    document.body.append(loading);
    await vi.waitFor(() => expect(shadow(loading).querySelector('.name')?.textContent).toMatch(/^Mug /));
    expect(calls).toHaveLength(3);
  });

  it('reloads when the query attributes change, but only relays out when columns change', async () => {
    handler = (url) => json({ products: [wireProduct({ name: `Result for ${url.searchParams.get('q') ?? 'all'}` })], paging: wirePaging() });
    const element = mount({ 'api-base': API, token: TOKEN });
    const root = shadow(element);
    await vi.waitFor(() => expect(root.querySelector('.name')?.textContent).toMatch(/^Result for all /));
    expect(root.querySelector('ul.grid')?.classList.contains('cols')).toBe(false);

    element.setAttribute('columns', '3');
    await vi.waitFor(() => expect(root.querySelector('ul.grid')?.classList.contains('cols')).toBe(true));
    expect(root.querySelector<HTMLElement>('ul.grid')?.style.getPropertyValue('--sc-columns')).toBe('3');
    expect(calls).toHaveLength(1);
    // taken off again: as many as fit, the property gone
    element.removeAttribute('columns');
    await vi.waitFor(() => expect(root.querySelector('ul.grid')?.classList.contains('cols')).toBe(false));
    expect(root.querySelector<HTMLElement>('ul.grid')?.getAttribute('style') ?? '').not.toContain('--sc-columns');
    element.setAttribute('columns', '3');
    await vi.waitFor(() => expect(root.querySelector<HTMLElement>('ul.grid')?.style.getPropertyValue('--sc-columns')).toBe('3'));
    expect(calls).toHaveLength(1);

    element.setAttribute('search', 'mug');
    element.setAttribute('limit', '4');
    await vi.waitFor(() => expect(root.querySelector('.name')?.textContent).toMatch(/^Result for mug /));
    // Two attributes set in a row: one request.
    expect(calls).toHaveLength(2);
    expect(calls[1]?.url.searchParams.get('count')).toBe('4');
  });

  it('tells the site owner which attribute is missing (console), shows visitors the neutral line, makes no request', async () => {
    captureWarnings();
    const element = mount({ token: TOKEN });
    const root = shadow(element);
    await vi.waitFor(() => expect(warnings.at(-1)).toMatch(/api-base attribute/));
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('Products are unavailable right now.');
    element.setAttribute('api-base', 'http://api.shop.example');
    await vi.waitFor(() => expect(warnings.at(-1)).toMatch(/https:\/\//));
    expect(root.querySelector('[role="alert"]')?.textContent).not.toMatch(/api-base|https/);
    expect(calls).toHaveLength(0);
  });

  it('says so when nothing matches', async () => {
    handler = () => json({ products: [], paging: wirePaging({ total: 0 }) });
    const element = mount({ 'api-base': API, token: TOKEN, search: 'zzz' });
    await vi.waitFor(() => expect(shadow(element).querySelector('[role="status"]')?.textContent).toBe('No products match.'));
  });
});

describe('<storefront-products> several on one page', () => {
  /** Each card's product name (a linked one without the link's "opens in a new tab"). */
  const names = (element: HTMLElement): string[] => [...shadow(element).querySelectorAll('.name')].map((name) => (name.querySelector('a') ?? name).firstChild?.textContent ?? '');

  it('widgets that ask the same (store, token, category, search, limit) share one request, also one added after it came back; another limit, token or search asks on its own', async () => {
    let answer: (response: Response) => void = () => undefined;
    handler = () => new Promise<Response>((resolve) => (answer = resolve));
    const same = { 'api-base': API, token: TOKEN, category: 'Mugs', limit: '4' };
    const first = mount(same);
    const second = mount({ ...same, columns: '2' }); // the layout is no part of the question
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    answer(json({ products: [wireProduct({ name: 'Mug' })], paging: wirePaging() }));
    await vi.waitFor(() => expect(names(second)).toEqual(['Mug']));
    expect(names(first)).toEqual(['Mug']);
    const later = mount(same);
    await vi.waitFor(() => expect(names(later)).toEqual(['Mug']));
    expect(calls).toHaveLength(1);

    handler = (url, init) => json({ products: [wireProduct({ name: `${url.searchParams.get('count')} ${new Headers(init.headers).get('authorization')} ${url.searchParams.get('q') ?? ''}` })], paging: wirePaging() });
    const others = [mount({ ...same, limit: '2' }), mount({ ...same, token: 'sf-token-other' }), mount({ ...same, search: 'blue' })];
    await vi.waitFor(() => expect(others.map((element) => names(element)[0])).toEqual(['2 Bearer sf-token-abc ', '4 Bearer sf-token-other ', '4 Bearer sf-token-abc blue']));
    expect(calls).toHaveLength(4);
  });

  it('a failure reaches every widget that shares the request, and is not kept: Try again asks the store again, and the other widget’s Try again then shows those products', async () => {
    handler = () => {
      throw new TypeError('Failed to fetch');
    };
    const first = mount({ 'api-base': API, token: TOKEN });
    const second = mount({ 'api-base': API, token: TOKEN });
    for (const element of [first, second]) await vi.waitFor(() => expect(shadow(element).querySelector('button.retry')).not.toBeNull());
    expect(calls).toHaveLength(1);
    handler = () => json({ products: [wireProduct({ name: 'Mug' })], paging: wirePaging() });
    shadow(first).querySelector<HTMLButtonElement>('button.retry')?.click();
    await vi.waitFor(() => expect(names(first)).toEqual(['Mug']));
    expect(calls).toHaveLength(2);
    expect(shadow(second).querySelector('[role="alert"]')).not.toBeNull();
    shadow(second).querySelector<HTMLButtonElement>('button.retry')?.click();
    await vi.waitFor(() => expect(names(second)).toEqual(['Mug']));
    expect(calls).toHaveLength(2);
  });

  it('one of two widgets taken out while they load does not stop the other’s load; the last one taken out stops it, and a widget put back asks again', async () => {
    const signals: AbortSignal[] = [];
    let answer: (response: Response) => void = () => undefined;
    handler = (_url, init) => {
      if (init.signal) signals.push(init.signal);
      return new Promise<Response>((resolve) => (answer = resolve));
    };
    const first = mount({ 'api-base': API, token: TOKEN });
    const second = mount({ 'api-base': API, token: TOKEN });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    first.remove();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(signals[0]?.aborted).toBe(false);
    answer(json({ products: [wireProduct({ name: 'Mug' })], paging: wirePaging() }));
    await vi.waitFor(() => expect(names(second)).toEqual(['Mug']));

    const third = mount({ 'api-base': API, token: TOKEN, search: 'tea' });
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    third.remove();
    await vi.waitFor(() => expect(signals[1]?.aborted).toBe(true));
    handler = () => json({ products: [wireProduct({ name: 'Teapot' })], paging: wirePaging() });
    document.body.append(third);
    await vi.waitFor(() => expect(names(third)).toEqual(['Teapot']));
    expect(calls).toHaveLength(3);
  });
});
