/**
 * Builds the widget's DOM from domain products. Store text only ever goes in through
 * `textContent` or `setAttribute` (never innerHTML), and URLs only after `toHttpUrl`, so a
 * product named `<img src=x onerror=...>` is shown as those characters and a `javascript:`
 * permalink is no link at all.
 */
import type { Product } from '../lib/domain/catalog.ts';
import type { AppErrorCode } from '../lib/oauth/errors.ts';
import { toHttpUrl } from '../lib/sanitize/safe-url.ts';
import { formatPrice } from '../lib/shared/money.ts';
import type { OptionsProblem } from './options.ts';

const DEFAULT_IMAGE_SIZE = 400;
const SKELETON_CARDS = 4;

function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function renderProductCard(doc: Document, product: Product, locale?: string): HTMLLIElement {
  const card = element(doc, 'li', 'card');

  const media = element(doc, 'div', 'media');
  const image = product.images[0];
  const src = toHttpUrl(image?.url);
  if (image && src !== undefined) {
    const img = element(doc, 'img');
    img.setAttribute('src', src);
    // The name follows as text, so the image adds nothing for a screen reader unless it is described.
    img.setAttribute('alt', image.alt);
    img.setAttribute('width', String(image.width ?? DEFAULT_IMAGE_SIZE));
    img.setAttribute('height', String(image.height ?? DEFAULT_IMAGE_SIZE));
    img.setAttribute('loading', 'lazy');
    img.setAttribute('decoding', 'async');
    img.setAttribute('referrerpolicy', 'no-referrer');
    media.append(img);
  } else {
    // A drawn "no picture" mark, so a missing image does not look like one still loading.
    media.classList.add('none');
    media.setAttribute('aria-hidden', 'true');
    media.append(element(doc, 'span', 'none-label', 'No picture'));
  }

  const body = element(doc, 'div', 'body');
  const name = element(doc, 'p', 'name');
  const permalink = toHttpUrl(product.permalink);
  if (permalink !== undefined) {
    const link = element(doc, 'a', undefined, product.name);
    link.setAttribute('href', permalink);
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
    link.setAttribute('referrerpolicy', 'no-referrer');
    link.append(element(doc, 'span', 'sr', ' (opens in a new tab)'));
    name.append(link);
  } else {
    name.textContent = product.name;
  }

  const price = element(doc, 'p', 'price', formatPrice(product.price, product.currency, locale));
  if (product.compareAtPrice !== null && product.compareAtPrice > product.price) {
    const was = element(doc, 's', 'was');
    was.append(element(doc, 'span', 'sr', 'was '), formatPrice(product.compareAtPrice, product.currency, locale));
    price.append(' ', was);
  }
  body.append(name, price);
  if (product.inStock === false) body.append(element(doc, 'p', 'note', 'Out of stock'));

  card.append(media, body);
  return card;
}

/** The product grid; `columns` null lets as many cards fit as the width allows. */
export function renderGrid(doc: Document, products: readonly Product[], columns: number | null, label: string, locale?: string): HTMLUListElement {
  const list = element(doc, 'ul', 'grid');
  // Safari drops list semantics when list-style is none; the role puts them back.
  list.setAttribute('role', 'list');
  list.setAttribute('aria-label', label);
  setColumns(list, columns);
  for (const product of products) list.append(renderProductCard(doc, product, locale));
  return list;
}

/** Fixed column count through a custom property (CSSOM, which a strict CSP allows). */
export function setColumns(list: HTMLElement, columns: number | null): void {
  list.classList.toggle('cols', columns !== null);
  if (columns === null) list.style.removeProperty('--sc-columns');
  else list.style.setProperty('--sc-columns', String(columns));
}

export function renderLoading(doc: Document, columns: number | null): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  fragment.append(element(doc, 'p', 'sr', 'Loading products…'));
  const list = element(doc, 'ul', 'grid skeleton');
  list.setAttribute('aria-hidden', 'true');
  setColumns(list, columns);
  for (let i = 0; i < SKELETON_CARDS; i++) {
    const card = element(doc, 'li', 'card');
    const body = element(doc, 'div', 'body');
    body.append(element(doc, 'div', 'line'), element(doc, 'div', 'line'));
    card.append(element(doc, 'div', 'media'), body);
    list.append(card);
  }
  fragment.append(list);
  return fragment;
}

export function renderMessage(doc: Document, text: string, kind: 'empty' | 'error'): HTMLParagraphElement {
  const message = element(doc, 'p', kind === 'error' ? 'msg error' : 'msg', text);
  message.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  return message;
}

/**
 * The neutral message, then the element's own content (the snippet's fallback link to the store)
 * through a slot: what a visitor sees when the list cannot be shown, as before the script loaded.
 */
export function renderUnavailable(doc: Document): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  const message = renderMessage(doc, UNAVAILABLE_TEXT, 'error');
  const fallback = element(doc, 'div', 'fallback');
  fallback.append(doc.createElement('slot'));
  fragment.append(message, fallback);
  return fragment;
}

/**
 * What a visitor of the host page sees when the list cannot be shown, whatever the reason: the
 * reason is for the site owner and goes to the console ({@link optionsProblemDetail},
 * {@link errorDetail}).
 */
export const UNAVAILABLE_TEXT = 'Products are unavailable right now.';

/** What went wrong with the attributes, for the site owner (the console). Never the token's value. */
export function optionsProblemDetail(problem: OptionsProblem): string {
  switch (problem) {
    case 'api-base-missing':
      return 'set the api-base attribute to the store’s API address.';
    case 'api-base-invalid':
      return 'the api-base attribute is not a valid http(s) address.';
    case 'api-base-insecure':
      return 'the api-base address must start with https://.';
    case 'token-missing':
      return 'set the token attribute to a storefront token (for a Shopware store: the access-key attribute to the sales channel access key).';
    case 'token-invalid':
      return 'the token attribute does not hold a valid access token.';
  }
}

/** What a failed load means, by error code, for the site owner (the console). Never the token or the response body. */
export function errorDetail(code: AppErrorCode | undefined): string {
  switch (code) {
    case 'API_UNAUTHORIZED':
    case 'API_INSUFFICIENT_SCOPE':
      return 'the store did not accept the token for reading its storefront (expired, revoked or not storefront-only). Get a new snippet from the app’s Embed screen.';
    case 'API_RATE_LIMITED':
      return 'the store is rate-limiting these requests; the visitor can try again.';
    case 'API_NETWORK_ERROR':
      return 'the store could not be reached (offline, wrong api-base, or the store does not allow this page’s origin: CORS).';
    case 'API_INVALID_RESPONSE':
      return 'the store answered with something other than a product list; check api-base.';
    case 'API_NOT_FOUND':
    case 'API_BAD_REQUEST':
      return 'the store did not accept the request; check the api-base, category and search attributes.';
    case 'API_SERVER_ERROR':
      return 'the store had a problem answering (5xx); the visitor can try again.';
    default:
      return 'products could not be loaded.';
  }
}

/** Whether trying again could help (the token and the request are fine; the store or network was not). */
export function isRetryable(code: AppErrorCode | undefined): boolean {
  return code === 'API_RATE_LIMITED' || code === 'API_NETWORK_ERROR' || code === 'API_SERVER_ERROR';
}
