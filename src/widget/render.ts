/**
 * Builds the widget's DOM from the storefront readers' cards. Store text only ever goes in through
 * `textContent` or `setAttribute` (never innerHTML), and URLs only after `toHttpUrl`, so a
 * product named `<img src=x onerror=...>` is shown as those characters and a `javascript:`
 * permalink is no link at all. The widget's own words (words.ts: the host page's, or English) go
 * in as text too.
 */
import type { StorefrontCard } from '../lib/providers/types.ts';
import { toHttpUrl } from '../lib/sanitize/safe-url.ts';
import { formatPrice } from '../lib/shared/money.ts';
import { withPrice, wordOf } from './words.ts';

/** A new element of the document `at` is in, with its class and text, if any (an empty one: none). */
export function element<K extends keyof HTMLElementTagNameMap>(at: Node, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  // (a node's ownerDocument: only a Document's own is null, and none is passed here)
  const node = at.ownerDocument!.createElement(tag);
  if (className) node.className = className;
  // (an empty text is the new element's own)
  if (text) node.textContent = text;
  return node;
}

/** Attributes, not properties: `loading` and `referrerpolicy` are not reflected everywhere. Own keys only; a number is written as its decimal text. */
function setAttributes(node: Element, attributes: Record<string, string | number>): void {
  // (setAttribute writes a number as String() does: DOMString conversion)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value as string);
}

export function renderProductCard(host: Element, product: StorefrontCard, locale?: string): HTMLLIElement {
  const card = element(host, 'li', 'card');

  const image = product.image;
  const src = toHttpUrl(image?.url);
  const media = element(host, 'div', 'media');
  // A drawn "no picture" mark (.none), so a missing image does not look like one still loading.
  const noPicture = (): void => {
    media.className = 'media none';
    media.setAttribute('aria-hidden', 'true');
    media.replaceChildren(element(host, 'span', 'none-label', wordOf(host, 'text-no-picture', 'No picture')));
  };
  // (a src only from an image)
  if (src) {
    // The name follows as text, so the image adds nothing for a screen reader unless it is described.
    const img = element(host, 'img');
    setAttributes(img, {
      src,
      alt: image!.alt,
      // 400 x 400 where the store gives no size: the same square the CSS draws
      width: image!.width ?? 400,
      height: image!.height ?? 400,
      loading: 'lazy',
      referrerpolicy: 'no-referrer',
    });
    // One that will not load (gone, its host unreachable or refused by the page's CSP): the mark, not a broken image.
    img.onerror = noPicture;
    media.append(img);
  } else noPicture();

  const body = element(host, 'div', 'body');
  // <bdi>: the merchant's name in its own direction (dir=auto by default), an Arabic or Hebrew one drawn
  // right to left and from the right whatever the page's direction; a block, as a child of the grid .body.
  const name = element(host, 'bdi', 'name');
  const permalink = toHttpUrl(product.permalink);
  // its name as text, or a link with it
  let named: Node | string = product.name;
  if (permalink) {
    const link = (named = element(host, 'a', '', product.name));
    setAttributes(link, { href: permalink, target: '_blank', rel: 'noopener noreferrer' });
    link.append(element(host, 'span', 'sr', ` ${wordOf(host, 'text-new-tab', '(opens in a new tab)')}`));
  }
  name.append(named);

  const priceText = formatPrice(product.price, product.currency, locale);
  const price = element(host, 'p', 'price', product.from ? withPrice(wordOf(host, 'text-from', 'From'), priceText) : priceText);
  const before = product.compareAtPrice;
  // only a higher price before: the same after rounding is no reduction
  const wasText = before !== null && before > product.price && formatPrice(before, product.currency, locale);
  if (wasText && wasText !== priceText) {
    const was = element(host, 's', 'was');
    was.append(element(host, 'span', 'sr', `${wordOf(host, 'text-was', 'was')} `), wasText);
    price.append(' ', was);
  }
  body.append(name, price);
  if (product.inStock === false) body.append(element(host, 'p', 'note', wordOf(host, 'text-out-of-stock', 'Out of stock')));

  card.append(media, body);
  return card;
}

/** The product grid; `columns` null lets as many cards fit as the width allows. */
export function renderGrid(host: Element, products: readonly StorefrontCard[], columns: number | null, label: string, locale?: string): HTMLUListElement {
  const list = element(host, 'ul', 'grid');
  // Safari drops list semantics when list-style is none; the role puts them back.
  setAttributes(list, { role: 'list', 'aria-label': label });
  setColumns(list, columns);
  for (const product of products) list.append(renderProductCard(host, product, locale));
  return list;
}

/** Fixed column count through a custom property (CSSOM, which a strict CSP allows). */
export function setColumns(list: HTMLElement, columns: number | null): void {
  list.classList.toggle('cols', columns !== null);
  // a number as its decimal text, null as the empty string, which removes the property (CSSOM setProperty: DOMString, null as "")
  list.style.setProperty('--sc-columns', columns as unknown as string);
}

/** What shows while the products load: their announcement, then the placeholder cards. */
export function renderLoading(host: Element, columns: number | null): [HTMLElement, HTMLUListElement] {
  const list = element(host, 'ul', 'grid skeleton');
  list.setAttribute('aria-hidden', 'true');
  setColumns(list, columns);
  // four placeholder cards
  for (let i = 0; i < 4; i++) {
    const card = element(host, 'li', 'card');
    card.append(element(host, 'div', 'media'), element(host, 'div', 'body lines'));
    list.append(card);
  }
  return [element(host, 'p', 'sr', wordOf(host, 'text-loading', 'Loading products…')), list];
}

/** A message: an error (an alert), or an empty list (a status). */
export function renderMessage(host: Element, text: string, error?: boolean): HTMLParagraphElement {
  const message = element(host, 'p', error ? 'msg error' : 'msg', text);
  message.setAttribute('role', error ? 'alert' : 'status');
  return message;
}

/**
 * The neutral message, then the element's own content (the snippet's fallback link to the store)
 * through a slot: what a visitor sees when the list cannot be shown, as before the script loaded,
 * whatever the reason: the reason is for the site owner and goes to the console (messages.ts).
 */
export function renderUnavailable(host: Element): [HTMLParagraphElement, HTMLDivElement] {
  const fallback = element(host, 'div', 'fallback');
  fallback.append(element(host, 'slot'));
  return [renderMessage(host, wordOf(host, 'text-unavailable', 'Products are unavailable right now.'), true), fallback];
}
