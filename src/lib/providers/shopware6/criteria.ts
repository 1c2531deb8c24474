/**
 * Pure builders of the criteria JSON bodies Shopware's Admin API search routes take (platforms.md
 * 4.3, 4.4) and of the product PATCH body. No network: the seam posts what these return. The Store
 * API's body for the widget (4.7) is storefront.ts's own.
 */
import type { ProductEdit, ProductQuery, ProductSort } from '../../domain/catalog.ts';
import { AppError } from '../../oauth/errors.ts';
import { roundToCurrency } from '../money.ts';
import type { SwCurrency } from './currency.ts';
import { SW_DEFAULT_CURRENCY_ID, SW_ORDER_LINES_SHOWN, type SwAssociation, type SwCriteria, type SwFilter, type SwPriceWire, type SwProductPatch, type SwSorting } from './wire.ts';

/** The app never asks for more per page (Shopware allows 500). */
export const SW_MAX_PAGE_SIZE = 100;
export const SW_DEFAULT_PAGE_SIZE = 24;
const HEX32 = /^[0-9a-f]{32}$/;

export type CatalogueView = 'storefront' | 'admin';

const SORTS: Readonly<Record<ProductSort, SwSorting[]>> = {
  newest: [{ field: 'createdAt', order: 'DESC' }],
  name: [{ field: 'name', order: 'ASC', naturalSorting: true }],
  price: [{ field: 'price', order: 'ASC' }],
  '-price': [{ field: 'price', order: 'DESC' }],
};

const PRODUCT_ASSOCIATIONS: Readonly<Record<string, SwAssociation>> = {
  cover: {},
  media: { sort: [{ field: 'position', order: 'ASC' }] },
  categories: {},
  // a parent's variants, what Shopware sells in its place (map.ts `variantsInStock`)
  children: {},
};

const PRODUCT_INCLUDES: Readonly<Record<string, string[]>> = {
  product: ['id', 'productNumber', 'parentId', 'taxId', 'name', 'description', 'translated', 'price', 'stock', 'availableStock', 'available', 'active', 'cover', 'media', 'categories', 'createdAt', 'updatedAt', 'childCount', 'children'],
  product_media: ['id', 'position', 'media'],
  media: ['url', 'alt', 'title', 'thumbnails'],
  media_thumbnail: ['url', 'width', 'height'],
  category: ['id', 'name', 'translated'],
};

/**
 * Advanced prices (`prices`, product_price:read) with each one's rule (rule:read), as Shopware's
 * Administration product viewer role may read them: by the quantity they start at. Asked only where
 * the role can (the adapter asks again without them on a refusal naming only these rights).
 */
export const TIER_PRIVILEGES: readonly string[] = ['product_price:read', 'rule:read'];

function withTiers(criteria: SwCriteria): SwCriteria {
  criteria.associations = { ...criteria.associations, prices: { sort: [{ field: 'quantityStart', order: 'ASC' }], associations: { rule: {} } } };
  criteria.includes = { ...criteria.includes, product: [...(criteria.includes?.product ?? []), 'prices'], product_price: ['ruleId', 'quantityStart', 'quantityEnd', 'price', 'rule'], rule: ['id', 'name', 'priority'] };
  return criteria;
}

function paging(query: ProductQuery): { page: number; limit: number } {
  const limit = Math.min(SW_MAX_PAGE_SIZE, Math.max(1, Math.trunc(query.count ?? SW_DEFAULT_PAGE_SIZE)));
  // domain pages are 0-based, Shopware's 1-based
  const page = Math.max(0, Math.trunc(query.page ?? 0)) + 1;
  return { page, limit };
}

function listFilters(query: ProductQuery, view: CatalogueView): SwFilter[] {
  const filter: SwFilter[] = [{ type: 'equals', field: 'parentId', value: null }];
  if (view === 'storefront') filter.push({ type: 'equals', field: 'active', value: true });
  // category filter by display name [decision 4.3]
  if (query.category !== undefined && query.category !== '') filter.push({ type: 'equals', field: 'categories.name', value: query.category });
  return filter;
}

function copyAssociations(): Record<string, SwAssociation> {
  return structuredClone(PRODUCT_ASSOCIATIONS) as Record<string, SwAssociation>;
}

/** `POST /api/search/product` body for a list page; with `tiers`, each product's advanced prices. */
export function buildProductListCriteria(query: ProductQuery, view: CatalogueView, tiers = false): SwCriteria {
  const criteria: SwCriteria = { ...paging(query), 'total-count-mode': 'exact' };
  const term = query.q?.trim();
  if (term !== undefined && term !== '') criteria.term = term;
  criteria.filter = listFilters(query, view);
  // with a term and no sort, Shopware ranks by score
  if (query.sort !== undefined) criteria.sort = structuredClone(SORTS[query.sort]);
  else if (criteria.term === undefined) criteria.sort = structuredClone(SORTS.newest);
  criteria.associations = copyAssociations();
  criteria.includes = structuredClone(PRODUCT_INCLUDES) as Record<string, string[]>;
  return tiers ? withTiers(criteria) : criteria;
}

export function assertProductId(id: string): void {
  if (!HEX32.test(id)) throw new AppError('API_NOT_FOUND', 'not a Shopware product id');
}

/** `POST /api/search/product` body for one product (empty `data` = not found); with `tiers`, its advanced prices. */
export function buildProductDetailCriteria(id: string, tiers = false): SwCriteria {
  assertProductId(id);
  const criteria: SwCriteria = { ids: [id], limit: 1, associations: copyAssociations(), includes: structuredClone(PRODUCT_INCLUDES) as Record<string, string[]> };
  return tiers ? withTiers(criteria) : criteria;
}

/** What an order list may ask beyond the 4.4 associations, each needing its entity's read right. */
export interface OrderExtras {
  /** Each order's deliveries (`order_delivery:read`). */
  deliveries?: boolean;
  /** Each order's line items (`order_line_item:read`). */
  lineItems?: boolean;
}

/** The read right each extra needs (AclCriteriaValidator), by the extra. */
export const ORDER_EXTRA_PRIVILEGES: Readonly<Record<keyof OrderExtras, string>> = { deliveries: 'order_delivery:read', lineItems: 'order_line_item:read' };

/**
 * What the Orders screen says once where orders were read without extras the role may not read
 * (`unread`, as the shop refused them): what is missing, the rights Shopware named, where they are
 * given; undefined when nothing was left out, so a role with the rights sees no line at all.
 */
export function orderExtrasUnreadWords(unread: readonly (keyof OrderExtras)[]): string | undefined {
  const items = unread.includes('lineItems');
  const shipped = unread.includes('deliveries');
  if (!items && !shipped) return undefined;
  const what = items && shipped ? 'What each order bought and whether it was shipped are' : items ? 'What each order bought is' : 'Whether each order was shipped is';
  const rights = (['lineItems', 'deliveries'] as const).filter((extra) => unread.includes(extra)).map((extra) => ORDER_EXTRA_PRIVILEGES[extra]);
  const them = rights.length > 1 ? 'rights' : 'right';
  return `${what} not shown: Shopware says this connection lacks the ${them}: ${rights.join(', ')}. Add the ${them} to the integration’s role in Shopware Administration › Settings › System › Users & permissions › Roles (Settings › System › Integrations says which role it has), then reload this page.`;
}

/**
 * `POST /api/search/order` body (4.4). With `deliveries`, each order's deliveries and their states,
 * the main one first as Shopware's own order list sorts them (sw-order-list, by shipping costs,
 * descending); with `lineItems`, what it bought, in the order Shopware's order detail lists them
 * (`position`; sw-order-detail-base), at most one past {@link SW_ORDER_LINES_SHOWN} each.
 */
export function buildOrderListCriteria(page0: number, count: number, extras: OrderExtras = {}): SwCriteria {
  const associations: Record<string, SwAssociation> = {
    stateMachineState: {},
    currency: {},
    orderCustomer: {},
    transactions: { sort: [{ field: 'createdAt', order: 'ASC' }], associations: { stateMachineState: {} } },
  };
  if (extras.deliveries === true) associations.deliveries = { sort: [{ field: 'shippingCosts.unitPrice', order: 'DESC' }], associations: { stateMachineState: {} } };
  if (extras.lineItems === true) associations.lineItems = { limit: SW_ORDER_LINES_SHOWN + 1, sort: [{ field: 'position', order: 'ASC' }] };
  return { ...paging({ page: page0, count }), 'total-count-mode': 'exact', sort: [{ field: 'orderDateTime', order: 'DESC' }], associations };
}

/**
 * `POST /api/search/promotion` body (4.4): newest first, as Shopware's Administration lists them
 * (sw-promotion-v2-list, `createdAt` DESC), then by id, so that pages neither repeat nor skip one.
 */
export function buildPromotionListCriteria(page0: number, count: number): SwCriteria {
  return {
    ...paging({ page: page0, count }),
    'total-count-mode': 'exact',
    sort: [
      { field: 'createdAt', order: 'DESC' },
      { field: 'id', order: 'ASC' },
    ],
    associations: { discounts: {} },
  };
}

/** `POST /api/search/currency` body, once per session. */
export function buildCurrencyCriteria(): SwCriteria {
  return { limit: 100 };
}

/**
 * The product's net/gross ratio as its prices show it: the chosen currency's entry, else the default
 * currency's, else any other with a price (a tax rate is the product's, whatever the currency);
 * undefined where none has a gross above 0 (a product priced 0 everywhere says nothing of its tax).
 */
function priceRatio(prices: readonly SwPriceWire[], currency: SwCurrency): number | undefined {
  const ordered = [prices.find((p) => p.currencyId === currency.id), prices.find((p) => p.currencyId === SW_DEFAULT_CURRENCY_ID), ...prices];
  const source = ordered.find((p) => p !== undefined && p.gross > 0);
  return source === undefined ? undefined : source.net / source.gross;
}

/** Whether the PATCH of `edit` needs the shop to work out the tax in the new price ({@link buildProductPatch}'s `taxInPrice`). */
export function needsShopTax(edit: ProductEdit, currentPrices: readonly SwPriceWire[] | null | undefined, currency: SwCurrency): boolean {
  return edit.price !== undefined && edit.price > 0 && priceRatio(currentPrices ?? [], currency) === undefined;
}

/**
 * `PATCH /api/product/{id}` body. `price` is a JSON field that a write replaces whole, so the new
 * gross goes into the chosen currency's entry and every other entry is sent back unchanged; net
 * keeps the product's net/gross ratio (priceRatio) [decision]. A currency the product
 * has no entry for was shown as the default currency's entry × factor (choosePrice): its new entry
 * takes that entry's ratio (not net = gross, a price without its tax) and its list price at the
 * factor, so the price struck through beside it stays as shown. A product priced 0 has no ratio:
 * net is the new gross less `taxInPrice`, the tax the shop works out at the product's rate
 * (needsShopTax), as Shopware's Administration does; without it, net = gross, as there too.
 */
export function buildProductPatch(edit: ProductEdit, currentPrices: readonly SwPriceWire[] | null | undefined, currency: SwCurrency, taxInPrice?: number): SwProductPatch {
  const patch: SwProductPatch = {};
  if (edit.name !== undefined) patch.name = edit.name;
  if (edit.published !== undefined) patch.active = edit.published;
  if (edit.inventory !== undefined) patch.stock = edit.inventory;
  if (edit.description !== undefined) patch.description = edit.description;
  if (edit.price !== undefined) {
    const prices = currentPrices ?? [];
    const current = prices.find((p) => p.currencyId === currency.id);
    const source = current ?? prices.find((p) => p.currencyId === SW_DEFAULT_CURRENCY_ID);
    const ratio = priceRatio(prices, currency) ?? (taxInPrice !== undefined && edit.price > 0 ? (edit.price - taxInPrice) / edit.price : 1);
    const updated: SwPriceWire = { currencyId: currency.id, gross: edit.price, net: netAt(edit.price, ratio), linked: source?.linked ?? true };
    if (current?.listPrice != null) updated.listPrice = current.listPrice;
    else if (current === undefined && source?.listPrice != null) {
      const list = source.listPrice;
      const gross = roundToCurrency(list.gross * currency.factor, currency.isoCode);
      updated.listPrice = { currencyId: currency.id, gross, net: netAt(gross, list.gross > 0 ? list.net / list.gross : ratio), linked: list.linked };
    }
    patch.price = [...prices.filter((p) => p.currencyId !== currency.id), updated];
  }
  return patch;
}

/** A net amount at a net/gross ratio, to Shopware's four stored decimals. */
function netAt(gross: number, ratio: number): number {
  return Math.round(gross * ratio * 10_000) / 10_000;
}
