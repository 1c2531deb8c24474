/**
 * Shopware 6 wire -> domain (platforms.md 1.4, 4.3, 4.4, 4.7). Pure: reads untrusted JSON with the
 * checks of `../wire.ts` and throws AppError API_INVALID_RESPONSE (naming the field, never its
 * value) where the answer breaks the contract.
 */
import type { Order, OrderItem, OrderStatus, Paging, Product, ProductImage } from '../../domain/catalog.ts';
import { toHttpUrl } from '../../sanitize/safe-url.ts';
import { roundToCurrency } from '../money.ts';
import { orderItemsFrom, readOrderLine } from '../order-items.ts';
import { personName } from '../person-name.ts';
import { storeOrderStatus } from '../order-status.ts';
import {
  invalidResponse,
  optionalArray,
  optionalBoolean,
  optionalDateTime,
  optionalNumber,
  optionalString,
  readObject,
  requireCurrency,
  requireDateTime,
  requireInteger,
  requireNumber,
  requireString,
  type WireObject,
} from '../wire.ts';
import { choosePrice, type SwCurrency } from './currency.ts';
import { readPriceTiers, tierPricing } from './tiers.ts';
import { SW_ORDER_LINES_SHOWN } from './wire.ts';

const HEX32 = /^[0-9a-f]{32}$/;

function requireId(wire: WireObject, path: string): string {
  const id = requireString(wire, 'id', path);
  if (!HEX32.test(id)) throw invalidResponse(`${path}.id`, 'a 32-hex id');
  return id;
}

/** `translated.<key>` first (the context language, inheritance applied), then the column. */
export function translated(wire: WireObject, key: string, path: string): string | undefined {
  const t = wire.translated === undefined || wire.translated === null ? undefined : readObject(wire.translated, `${path}.translated`);
  const fromTranslation = t === undefined ? undefined : optionalString(t, key, `${path}.translated`);
  if (fromTranslation !== undefined && fromTranslation.trim() !== '') return fromTranslation;
  const column = optionalString(wire, key, path);
  return column !== undefined && column.trim() !== '' ? column : fromTranslation;
}

function requireName(wire: WireObject, path: string): string {
  const name = translated(wire, 'name', path);
  if (name === undefined || name.trim() === '') throw invalidResponse(`${path}.translated.name`, 'a name in some translation');
  return name;
}

function readImage(value: unknown, path: string): ProductImage | undefined {
  if (value === null || value === undefined) return undefined;
  const productMedia = readObject(value, path);
  if (productMedia.media === null || productMedia.media === undefined) return undefined;
  const media = readObject(productMedia.media, `${path}.media`);
  // only absolute http(s) survives: a javascript: or relative URL is dropped
  const url = toHttpUrl(optionalString(media, 'url', `${path}.media`));
  if (url === undefined) return undefined;
  return { url, alt: optionalString(media, 'alt', `${path}.media`) ?? '' };
}

/** Cover first, then the gallery by position, without repeats. */
function readImages(wire: WireObject, path: string): ProductImage[] {
  const gallery = optionalArray(wire, 'media', path)
    .map((item, index) => ({ item, index, position: optionalNumber(readObject(item, `${path}.media[${index}]`), 'position', `${path}.media[${index}]`) ?? 0 }))
    .sort((a, b) => a.position - b.position || a.index - b.index)
    .map(({ item, index }) => readImage(item, `${path}.media[${index}]`));
  const images: ProductImage[] = [];
  for (const image of [readImage(wire.cover, `${path}.cover`), ...gallery]) {
    if (image !== undefined && !images.some((i) => i.url === image.url)) images.push(image);
  }
  return images;
}

function readCategories(wire: WireObject, path: string): string[] {
  return optionalArray(wire, 'categories', path).flatMap((item, index) => {
    const name = translated(readObject(item, `${path}.categories[${index}]`), 'name', `${path}.categories[${index}]`);
    return name === undefined || name.trim() === '' ? [] : [name];
  });
}

function permalinkFor(storefrontUrl: string | undefined, id: string): string | undefined {
  if (storefrontUrl === undefined) return undefined;
  return toHttpUrl(`${storefrontUrl.replace(/\/+$/, '')}/detail/${id}`);
}

/** The fields an Admin API and a Store API product share, read the same way. */
function baseProduct(wire: WireObject, id: string, path: string, money: { price: number; currency: string; compareAtPrice: number | null }, published: boolean, storefrontUrl: string | undefined): Product {
  const product: Product = {
    id,
    name: requireName(wire, path),
    descriptionHtml: translated(wire, 'description', path) ?? '',
    descriptionShort: '',
    ...money,
    images: readImages(wire, path),
    categories: readCategories(wire, path),
    tags: [],
    inStock: optionalBoolean(wire, 'available', path),
    published,
    created: requireDateTime(wire, 'createdAt', path),
  };
  const updated = optionalDateTime(wire, 'updatedAt', path);
  if (updated !== undefined) product.updated = updated;
  const permalink = permalinkFor(storefrontUrl, id);
  if (permalink !== undefined) product.permalink = permalink;
  return product;
}

export interface AdminProductOptions {
  currency: SwCurrency;
  /** An admin-grade credential: `inventory` is filled. */
  admin: boolean;
  storefrontUrl?: string;
}

/**
 * Whether a parent with variants (`childCount` > 0) is in stock: Shopware sells its variants, never
 * the parent, whose own `stock` and `available` say nothing of them (the storefront's product page
 * shows the best variant, available first: `ProductDetailRoute::findBestVariant`). In stock when a
 * variant is available and not switched off (`active` null inherits the parent's); undefined when
 * its variants were not sent. `{}` of no variants: a product sold as itself.
 */
function variantsInStock(wire: WireObject, path: string): { variants?: { inStock: boolean | undefined } } {
  if ((optionalNumber(wire, 'childCount', path) ?? 0) <= 0) return {};
  if (!Array.isArray(wire.children) || wire.children.length === 0) return { variants: { inStock: undefined } };
  const sold = wire.children.some((child, index) => {
    const variant = readObject(child, `${path}.children[${index}]`);
    return optionalBoolean(variant, 'available', `${path}.children[${index}]`) === true && optionalBoolean(variant, 'active', `${path}.children[${index}]`) !== false;
  });
  return { variants: { inStock: sold } };
}

/**
 * What Shopware's storefront shows for a parent sold in variants (`children` loaded): its cheapest
 * active variant's price, a variant without its own price costing the parent's, "From" it where the
 * variants cost different amounts (CheapestPriceContainer::resolve, `hasRange`; price-unit.html.twig
 * writes "From" then). Undefined where that is just the parent's own price, or no variant is sold.
 */
function variantPrices(wire: WireObject, own: number, currency: SwCurrency, path: string): Product['storefrontPrice'] {
  if ((optionalNumber(wire, 'childCount', path) ?? 0) <= 0 || !Array.isArray(wire.children)) return undefined;
  const prices = wire.children.flatMap((child, index) => {
    const variant = readObject(child, `${path}.children[${index}]`);
    if (optionalBoolean(variant, 'active', `${path}.children[${index}]`) === false) return [];
    return variant.price === null || variant.price === undefined ? [own] : [choosePrice(variant.price, currency, `${path}.children[${index}]`).price];
  });
  if (prices.length === 0) return undefined;
  const cheapest = Math.min(...prices);
  const from = prices.some((p) => p !== cheapest);
  return from || cheapest !== own ? { price: cheapest, from } : undefined;
}

/** One element of `POST /api/search/product` (Accept: application/json) -> Product. */
export function mapAdminProduct(value: unknown, options: AdminProductOptions, path = 'data[0]'): Product {
  const wire = readObject(value, path);
  const id = requireId(wire, path);
  const { price, compareAtPrice } = choosePrice(wire.price, options.currency, path);
  // `active` is null only on a variant read without sw-inheritance: not claimed published
  const product = baseProduct(wire, id, path, { price, currency: options.currency.isoCode, compareAtPrice }, optionalBoolean(wire, 'active', path) ?? false, options.storefrontUrl);
  const shown = variantPrices(wire, price, options.currency, path);
  if (shown !== undefined) product.storefrontPrice = shown;
  // advanced prices, where read, of a product sold as itself (a parent's variants are what is sold)
  else if ((optionalNumber(wire, 'childCount', path) ?? 0) <= 0) Object.assign(product, tierPricing(readPriceTiers(wire, options.currency, path), price));
  const { variants } = variantsInStock(wire, path);
  if (variants !== undefined) {
    // the variants' stock is theirs: the parent's own count (often 0) would read "Out of stock"
    product.inStock = variants.inStock;
    product.soldInVariants = true;
    return product;
  }
  // `stock` is what PATCH writes, so it is what an editor sees [decision]; availableStock is derived
  if (options.admin) product.inventory = requireInteger(wire, 'stock', path);
  return product;
}

/** `{total, data}` of an Admin API search, with `page` (1-based as sent) -> domain paging (0-based). */
export function readSearchResult(value: unknown, page: number, limit: number): { data: readonly unknown[]; paging: Paging } {
  const wire = readObject(value, 'response');
  if (!Array.isArray(wire.data)) throw invalidResponse('response.data', 'an array (was the Accept header application/json?)');
  const total = requireInteger(wire, 'total', 'response', 0);
  return { data: wire.data, paging: { page: page - 1, count: limit, total } };
}

/** `POST /api/_action/calculate-price` -> the tax in the price: the sum of `data.calculatedTaxes[].tax`. */
export function readCalculatedTax(value: unknown): number {
  const data = readObject(readObject(value, 'response').data, 'response.data');
  return optionalArray(data, 'calculatedTaxes', 'response.data').reduce<number>((sum, item, index) => sum + requireNumber(readObject(item, `response.data.calculatedTaxes[${index}]`), 'tax', `response.data.calculatedTaxes[${index}]`), 0);
}

function stateOf(value: unknown, path: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  return requireString(readObject(value, path), 'technicalName', path);
}

/**
 * The payment whose state the order shows, as Shopware's own order list picks it (sw-order-list,
 * `transaction()`, before 6.8's primaryOrderTransaction): the first by `createdAt` that is neither
 * cancelled nor failed, else the last. A shopper's failed attempt followed by a paid one reads paid;
 * so does a paid payment followed by a cancelled one.
 */
function paymentState(wire: WireObject, path: string): string | undefined {
  const transactions = optionalArray(wire, 'transactions', path).map((item, index) => {
    const t = readObject(item, `${path}.transactions[${index}]`);
    return { index, createdAt: optionalDateTime(t, 'createdAt', `${path}.transactions[${index}]`), state: stateOf(t.stateMachineState, `${path}.transactions[${index}].stateMachineState`) };
  });
  transactions.sort((a, b) => (a.createdAt !== undefined && b.createdAt !== undefined ? Date.parse(a.createdAt) - Date.parse(b.createdAt) : 0) || a.index - b.index);
  return (transactions.find((t) => t.state !== 'cancelled' && t.state !== 'failed') ?? transactions.at(-1))?.state;
}

/**
 * Shopware's payment states (`order_transaction.state`: open, paid, paid_partially, refunded,
 * refunded_partially, cancelled, reminded, authorized, failed, in_progress, chargeback, unconfirmed;
 * OrderTransactionStates.php) other than open: the app's status and, where that alone would mislead
 * (a failed payment is not "Pending"), the words shown. `wins` ones say more than the order state.
 */
const PAYMENT: Readonly<Record<string, { status: OrderStatus; words?: string; wins?: true }>> = {
  paid: { status: 'paid', wins: true },
  refunded: { status: 'refunded', wins: true },
  refunded_partially: { status: 'refunded', words: 'Partly refunded', wins: true },
  chargeback: { status: 'refunded', words: 'Chargeback', wins: true },
  paid_partially: { status: 'pending', words: 'Partly paid' },
  authorized: { status: 'pending', words: 'Payment authorized' },
  failed: { status: 'pending', words: 'Payment failed' },
  cancelled: { status: 'pending', words: 'Payment cancelled' },
  reminded: { status: 'pending', words: 'Payment reminded' },
  in_progress: { status: 'pending', words: 'Payment in progress' },
  unconfirmed: { status: 'pending', words: 'Payment unconfirmed' },
};

/** Shopware's order states (`order.state`: open, in_progress, completed, cancelled; OrderStates.php). */
const ORDER_STATES: Readonly<Record<string, OrderStatus>> = { open: 'pending', completed: 'shipped', cancelled: 'cancelled' };

function withWords(status: OrderStatus, words: string | undefined): Pick<Order, 'status' | 'statusWords'> {
  return words === undefined ? { status } : { status, statusWords: words };
}

/**
 * The main delivery's states that say the goods left (`order_delivery.state`: open,
 * shipped_partially, shipped, returned, returned_partially, cancelled; OrderDeliveryStates.php), with
 * the words shown where "Shipped" alone would not do.
 */
const SENT: Readonly<Record<string, string | undefined>> = { shipped: undefined, shipped_partially: 'Partly shipped', returned: 'Returned', returned_partially: 'Partly returned' };

/** The main delivery's state: the first of `deliveries` (sorted as sw-order-list shows them), if asked. */
function deliveryState(wire: WireObject, path: string): string | undefined {
  const first: unknown = optionalArray(wire, 'deliveries', path)[0];
  if (first === undefined) return undefined;
  return stateOf(readObject(first, `${path}.deliveries[0]`).stateMachineState, `${path}.deliveries[0].stateMachineState`);
}

/** Sent goods: shipped, with what the payment still lacks beside it ("Shipped · Payment open"). */
function sentStatus(sent: string | undefined, payment: string | undefined): Pick<Order, 'status' | 'statusWords'> {
  const lacking = payment === undefined || payment === 'paid' ? undefined : payment === 'open' ? 'Payment open' : (PAYMENT[payment]?.words ?? storeOrderStatus(payment, {}).statusWords);
  const words = [sent ?? (lacking === undefined ? undefined : 'Shipped'), lacking].filter((w) => w !== undefined);
  return withWords('shipped', words.length === 0 ? undefined : words.join(' · '));
}

/**
 * Refunds first, then goods sent (the main delivery shipped or returned, unless the order is
 * cancelled), then paid payments, then a completed or cancelled order, then what the payment says
 * (failed, authorized, partly paid...), then the order state (4.4). A state no table knows (a
 * plugin's own) is pending with its name in words, never paid.
 */
function orderStatus(wire: WireObject, path: string): Pick<Order, 'status' | 'statusWords'> {
  const payment = paymentState(wire, path);
  const known = payment === undefined ? undefined : PAYMENT[payment];
  if (known?.wins === true && known.status === 'refunded') return withWords(known.status, known.words);
  const state = stateOf(wire.stateMachineState, `${path}.stateMachineState`);
  const delivery = deliveryState(wire, path);
  if (delivery !== undefined && Object.hasOwn(SENT, delivery) && state !== 'cancelled') return sentStatus(SENT[delivery], payment);
  if (known?.wins === true) return withWords(known.status, known.words);
  if (state === 'completed' || state === 'cancelled') return { status: ORDER_STATES[state] ?? 'pending' };
  if (known !== undefined) return withWords(known.status, known.words);
  if (payment !== undefined && payment !== 'open') return storeOrderStatus(payment, {});
  return storeOrderStatus(state, ORDER_STATES);
}

/** One element of `POST /api/search/order` with the 4.4 associations -> Order. */
export function mapOrder(value: unknown, path = 'data[0]'): Order {
  const wire = readObject(value, path);
  if (wire.currency === null || wire.currency === undefined) throw invalidResponse(`${path}.currency`, 'the currency association');
  const currency = requireCurrency(readObject(wire.currency, `${path}.currency`), 'isoCode', `${path}.currency`);
  const order: Order = {
    id: requireId(wire, path),
    number: requireString(wire, 'orderNumber', path),
    createdAt: requireDateTime(wire, 'orderDateTime', path),
    total: roundToCurrency(requireNumber(wire, 'amountTotal', path), currency),
    currency,
    ...orderStatus(wire, path),
  };
  if (wire.orderCustomer !== null && wire.orderCustomer !== undefined) {
    const customer = readObject(wire.orderCustomer, `${path}.orderCustomer`);
    const at = `${path}.orderCustomer`;
    const email = optionalString(customer, 'email', at);
    if (email !== undefined) order.customerEmail = email;
    // the customer's name, from the first and last name the order holds (person-name.ts)
    const name = personName(optionalString(customer, 'firstName', at), optionalString(customer, 'lastName', at));
    if (name !== undefined) order.customerName = name;
  }
  return { ...order, ...orderItems(wire.lineItems, path, currency) };
}

/**
 * The order's items from its `lineItems`, read up to one past SW_ORDER_LINES_SHOWN (criteria.ts): a
 * line past the cap says the order holds more, and is not said itself. The cap counts lines, so the
 * lines said may be fewer where discounts or a container's parts are among them.
 */
function orderItems(lines: unknown, path: string, currency: string): Pick<Order, 'items' | 'itemsUnread' | 'itemsMore'> {
  const more = Array.isArray(lines) && lines.length > SW_ORDER_LINES_SHOWN;
  const read = orderItemsFrom(more ? lines.slice(0, SW_ORDER_LINES_SHOWN) : lines, (line, i) => readLineItem(line, `${path}.lineItems[${i}]`, currency));
  return more ? { ...read, itemsMore: true } : read;
}

/**
 * `order_line_item.type`s that are money, not goods (adminApiSchema OrderLineItem): a promotion or a
 * discount takes off, a credit gives back. Any other type (product, custom, container, a plugin's) was bought.
 */
const NOT_GOODS = new Set(['promotion', 'discount', 'credit']);

/**
 * One of the order's `lineItems` (asked sorted by `position`, as Shopware's Administration lists them):
 * its `label` and `quantity`; null for a discount, or a line inside another (`parentId`: a container's
 * part, bought with it).
 */
function readLineItem(value: unknown, path: string, currency: string): OrderItem | null {
  const line = readObject(value, path);
  if (typeof line.type === 'string' && NOT_GOODS.has(line.type)) return null;
  if (typeof line.parentId === 'string' && line.parentId !== '') return null;
  // `totalPrice`: the line's price for its whole quantity, as Shopware's order detail lists it
  return readOrderLine(line, path, { name: 'label', quantity: 'quantity', lineTotal: 'totalPrice' }, currency);
}
