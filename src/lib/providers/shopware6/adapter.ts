/**
 * Shopware 6's store operations over the signed transport (platforms.md 4.3, 4.4): criteria searches
 * with `Accept: application/json`, the currency table once per store, the product PATCH with a
 * re-read conflict check, and capability probes. Pure builders and mappers are in criteria.ts,
 * currency.ts and map.ts; this file only sequences requests.
 */
import type { Adapter, AdapterContext, CallOptions } from '../../connect/adapter.ts';
import type { ApiOperation } from '../../connect/operations.ts';
import type { ApiRequest, ApiResponse, SendOptions } from '../../connect/request.ts';
import type { Shopware6StoreConfig } from '../../connect/store-config.ts';
import type { Capability } from '../../domain/capability.ts';
import { numberedPagesFrom, type CouponList, type Cursor, type OrderPage, type Product, type ProductEdit, type ProductListQuery, type ProductPage, type StoreMetadata, type VariantStockSaved } from '../../domain/catalog.ts';
import { ProductConflictError, VariantConflictError } from '../../domain/conflict.ts';
import { AppError } from '../../oauth/errors.ts';
import { invalidResponse, readableItems, readObject } from '../wire.ts';
import {
  assertProductId,
  buildCurrencyCriteria,
  buildOrderListCriteria,
  ORDER_EXTRA_PRIVILEGES,
  orderExtrasUnreadWords,
  type OrderExtras,
  buildProductDetailCriteria,
  buildProductListCriteria,
  buildProductPatch,
  buildPromotionListCriteria,
  needsShopTax,
  SW_DEFAULT_PAGE_SIZE,
  SW_MAX_PAGE_SIZE,
  TIER_PRIVILEGES,
} from './criteria.ts';
import { chooseCurrency, readCurrencyTable, type CurrencyTable, type SwCurrency } from './currency.ts';
import { missingPrivileges, refusedOnly, shopware6Hooks } from './hooks.ts';
import { mapAdminProduct, mapOrder, readCalculatedTax, readSearchResult } from './map.ts';
import { mapPromotions } from './promotion.ts';
import { sharedRead } from '../shared-read.ts';
import { buildVariantCriteria, buildVariantStockCriteria, buildVariantStockPatch, mapVariants, OPTIONS_UNREAD, PROPERTY_PRIVILEGES, readVariantStock } from './variants.ts';
import type { SwCriteria, SwPriceWire } from './wire.ts';

/** A page cursor is the next 1-based Shopware page, as text. */
function pageOf(cursor: Cursor | null | undefined): number {
  if (cursor === null || cursor === undefined) return 0;
  const page = Number(cursor);
  if (!Number.isSafeInteger(page) || page < 1) throw new AppError('API_BAD_REQUEST', 'not a Shopware page cursor');
  return page - 1;
}

function nextCursor(page0: number, count: number, total: number): Cursor | null {
  return (page0 + 1) * count < total ? (String(page0 + 2) as Cursor) : null;
}

const COUPON_PAGE = 100;
/**
 * At most this many pages of promotions are read (the newest 500, five requests, the last four side by
 * side): every code a merchant shares is on the screen in all but a shop with hundreds of promotions,
 * and there the oldest, the most likely over, are counted and said not read rather than left out unsaid.
 */
const COUPON_PAGES = 5;

export function createShopware6Adapter({ store, send }: AdapterContext<Shopware6StoreConfig>): Adapter {
  /**
   * The order extras the role may read: one the shop said the role lacks the right of
   * (order_delivery:read, order_line_item:read) is off for the session, and orders are read without it.
   */
  const orderExtras: Required<OrderExtras> = { deliveries: true, lineItems: true };
  /** False once the shop said the role lacks only the advanced prices' rights: products are then read without them. */
  let tiersReadable = true;
  /** False once the shop said the role lacks only the property rights: variants are then read without their options. */
  let optionsReadable = true;

  async function call(request: ApiRequest, operation: ApiOperation, options?: CallOptions & Omit<SendOptions, 'signal'>): Promise<ApiResponse> {
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    if (store.language !== undefined) headers['sw-language-id'] = store.language;
    const sendOptions: SendOptions = {};
    if (options?.signal !== undefined) sendOptions.signal = options.signal;
    if (options?.accept !== undefined) sendOptions.accept = options.accept;
    if (options?.acceptWhen !== undefined) sendOptions.acceptWhen = options.acceptWhen;
    const response = await send({ ...request, headers }, operation, sendOptions);
    // with Accept */* (a proxy rewriting it) Shopware answers JSON:API, which these mappers cannot read
    if (/application\/vnd\.api\+json/i.test(response.headers.get('Content-Type') ?? '')) {
      throw new AppError('API_INVALID_RESPONSE', 'The store answered in JSON:API instead of plain JSON (something between the app and the store changed the Accept header).');
    }
    return response;
  }

  function search(entity: string, criteria: unknown, operation: ApiOperation, options?: CallOptions & Omit<SendOptions, 'signal'>): Promise<ApiResponse> {
    return call({ method: 'POST', path: `/api/search/${entity}`, body: { json: criteria } }, operation, options);
  }

  /**
   * The currency prices are shown in, and the shop's default currency (what a promotion's absolute
   * discount is kept in); the table is read once per store (without currency:read, config's label for both).
   * Shared (shared-read.ts): a screen left while it is read stops its own wait, not the read the next
   * screen waits on too (a search typed as the catalogue opened got the first list's abort and showed
   * nothing at all).
   */
  const currencies = sharedRead(async (signal) => {
    const answer = await search('currency', buildCurrencyCriteria(), 'probe', { signal, accept: [403] });
    let table: CurrencyTable | undefined;
    if (answer.status !== 403) table = readCurrencyTable(readSearchResult(answer.json, 1, 100).data);
    return { chosen: chooseCurrency(table, store.currency), fallback: table === undefined ? chooseCurrency(table, store.currency) : chooseCurrency(table, undefined) };
  });
  const currenciesOf = (options?: CallOptions): Promise<{ chosen: SwCurrency; fallback: SwCurrency }> => currencies(options?.signal);

  async function currencyOf(options?: CallOptions): Promise<SwCurrency> {
    return (await currenciesOf(options)).chosen;
  }

  /**
   * A product search with the advanced prices (`criteria(true)`) while the role may read them; a
   * refusal naming only their rights (TIER_PRIVILEGES) asks again without, as orders do without
   * deliveries; any other refusal is this search's error, not asked a second time.
   */
  async function searchProducts(criteria: (tiers: boolean) => SwCriteria, operation: ApiOperation, options?: CallOptions): Promise<ApiResponse> {
    if (tiersReadable) {
      const answer = await search('product', criteria(true), operation, { ...options, accept: [403], acceptWhen: refusedOnly(TIER_PRIVILEGES) });
      if (answer.status !== 403) return answer;
      tiersReadable = false;
    }
    return search('product', criteria(false), operation, options);
  }

  /** A parent's variants with their options while the role may read them; as searchProducts does without the advanced prices. */
  async function variantSearch(parentId: string, options?: CallOptions): Promise<{ answer: ApiResponse; withOptions: boolean }> {
    if (optionsReadable) {
      const answer = await search('product', buildVariantCriteria(parentId), 'listVariants', { ...options, accept: [403], acceptWhen: refusedOnly(PROPERTY_PRIVILEGES) });
      if (answer.status !== 403) return { answer, withOptions: true };
      optionsReadable = false;
    }
    return { answer: await search('product', buildVariantCriteria(parentId, false), 'listVariants', options), withOptions: false };
  }

  function mapOne(value: unknown, chosen: SwCurrency, path: string): Product {
    const options = { currency: chosen, admin: true, ...(store.storefrontUrl === undefined ? {} : { storefrontUrl: store.storefrontUrl }) };
    return mapAdminProduct(value, options, path);
  }

  async function readProduct(id: string, options?: CallOptions): Promise<{ wire: unknown; product: Product }> {
    assertProductId(id);
    const [chosen, answer] = await Promise.all([currencyOf(options), searchProducts((tiers) => buildProductDetailCriteria(id, tiers), 'getProduct', options)]);
    const { data } = readSearchResult(answer.json, 1, 1);
    if (data.length === 0) throw new AppError('API_NOT_FOUND', 'The store has no product with this id.');
    return { wire: data[0], product: mapOne(data[0], chosen, 'data[0]') };
  }

  /** Page `page0` (0-based) of the product list: Shopware's 1-based page `page0 + 1` of `count`. */
  async function listPage(query: ProductListQuery, page0: number, count: number, options: CallOptions | undefined): Promise<ProductPage> {
    const criteria = buildProductListCriteria({ ...query, page: page0, count }, 'admin');
    const [chosen, answer] = await Promise.all([currencyOf(options), searchProducts((tiers) => buildProductListCriteria({ ...query, page: page0, count }, 'admin', tiers), 'listProducts', options)]);
    const { data, paging } = readSearchResult(answer.json, criteria.page ?? 1, criteria.limit ?? count);
    // one product without a name or a price in the chosen currency does not hide the others
    const { items: products, skipped } = readableItems(data, (item, index) => mapOne(item, chosen, `data[${index}]`));
    const page: ProductPage = { products, next: nextCursor(page0, paging.count, paging.total ?? 0), total: paging.total ?? products.length };
    if (skipped > 0) page.skipped = skipped;
    return page;
  }

  /**
   * The tax in a gross price at the product's tax rate, as the shop works it out for its own
   * Administration's price field (`POST /api/_action/calculate-price`, PriceActionController): for a
   * product priced 0, whose prices say nothing of its rate. No tax id (a variant inheriting it): none.
   */
  async function taxIn(gross: number, taxId: unknown, chosen: SwCurrency, options?: CallOptions): Promise<number | undefined> {
    if (typeof taxId !== 'string' || !/^[0-9a-f]{32}$/.test(taxId)) return undefined;
    const answer = await call({ method: 'POST', path: '/api/_action/calculate-price', body: { json: { taxId, currencyId: chosen.id, price: gross, output: 'gross' } } }, 'updateProduct', options);
    return readCalculatedTax(answer.json);
  }

  async function allowed(request: Promise<ApiResponse>): Promise<boolean> {
    return (await request).status !== 403;
  }

  return {
    hooks: shopware6Hooks,

    async listProducts(query: ProductListQuery, cursor, options): Promise<ProductPage> {
      const page0 = pageOf(cursor);
      const count = query.count ?? SW_DEFAULT_PAGE_SIZE;
      // Numbered pages: all of those `atLeast` needs leave together (adapter.ts); the cursor is 1-based.
      return numberedPagesFrom({
        first: page0,
        count,
        atLeast: options?.atLeast,
        largest: SW_MAX_PAGE_SIZE,
        one: (page, size) => listPage(query, page, size, options),
        cursorAt: (page) => String(page + 1),
      });
    },

    async getProduct(id, options) {
      return (await readProduct(id, options)).product;
    },

    /**
     * One search when a parent's page opens (never with the list): its variants, priced in the
     * parent's currency. A refusal naming only the options' rights asks again without them (and
     * from then on only without), listing the variants by name or number and saying why.
     */
    async listVariants(parent, options) {
      const [chosen, { answer, withOptions }] = await Promise.all([currencyOf(options), variantSearch(parent.id, options)]);
      const read = mapVariants(answer.json, parent, chosen);
      return withOptions ? read : { ...read, optionsUnread: OPTIONS_UNREAD };
    },

    async getMetadata(options): Promise<StoreMetadata> {
      const chosen = await currencyOf(options);
      const metadata: StoreMetadata = { name: store.name, currency: chosen.isoCode };
      if (store.storefrontUrl !== undefined) metadata.canonicalUrl = store.storefrontUrl;
      return metadata;
    },

    async listCategories(options): Promise<string[]> {
      const answer = await search('category', { limit: 100, includes: { category: ['id', 'name', 'translated'] } }, 'probe', options);
      const { data } = readSearchResult(answer.json, 1, 100);
      const names = data.flatMap((item, index) => {
        const wire = readObject(item, `data[${index}]`);
        const translated = wire.translated === null || typeof wire.translated !== 'object' ? undefined : (wire.translated as { name?: unknown }).name;
        const name = typeof translated === 'string' && translated.trim() !== '' ? translated : wire.name;
        return typeof name === 'string' && name.trim() !== '' ? [name] : [];
      });
      return [...new Set(names)].sort((a, b) => a.localeCompare(b));
    },

    async listOrders(cursor, options): Promise<OrderPage> {
      const page0 = pageOf(cursor);
      const count = Math.min(100, Math.max(1, options?.count ?? 20));
      // A role with the order rights but not order_delivery's or order_line_item's (all this app asked
      // for before it read deliveries and items) still sees its orders, without what was shipped or
      // bought: each extra refused is switched off and the page asked again (at most once per extra);
      // any other refusal is said from the answer, not asked again.
      let answer: ApiResponse | undefined;
      for (let attempt = 0; answer === undefined && attempt <= 2; attempt++) {
        const asked = (Object.keys(orderExtras) as (keyof OrderExtras)[]).filter((extra) => orderExtras[extra]);
        const privileges = asked.map((extra) => ORDER_EXTRA_PRIVILEGES[extra]);
        const criteria = buildOrderListCriteria(page0, count, orderExtras);
        const reply = await search('order', criteria, 'listOrders', asked.length === 0 ? options : { ...options, accept: [403], acceptWhen: refusedOnly(privileges) });
        if (reply.status !== 403) answer = reply;
        else for (const extra of asked) if (missingPrivileges(reply.json).includes(ORDER_EXTRA_PRIVILEGES[extra])) orderExtras[extra] = false;
      }
      if (answer === undefined) throw new AppError('API_INVALID_RESPONSE', 'Shopware refused the orders for rights it did not name.');
      const { data, paging } = readSearchResult(answer.json, page0 + 1, count);
      const page: OrderPage = { orders: data.map((item, index) => mapOrder(item, `data[${index}]`)), next: nextCursor(page0, count, paging.total ?? 0), total: paging.total ?? data.length };
      const partsUnread = orderExtrasUnreadWords((Object.keys(orderExtras) as (keyof OrderExtras)[]).filter((extra) => !orderExtras[extra]));
      return partsUnread === undefined ? page : { ...page, partsUnread };
    },

    async listCoupons(options): Promise<CouponList> {
      const page = async (page0: number) => readSearchResult((await search('promotion', buildPromotionListCriteria(page0, COUPON_PAGE), 'listCoupons', options)).json, page0 + 1, COUPON_PAGE);
      const [first, { chosen, fallback }] = await Promise.all([page(0), currenciesOf(options)]);
      const total = first.paging.total;
      const pages = Math.min(COUPON_PAGES, Math.ceil(total / COUPON_PAGE));
      const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(i + 1)));
      // one created while the pages are read moves the others down a place: the one at a page's end comes again
      const ids = new Set<unknown>();
      const read = [first, ...rest].flatMap((answer) => answer.data).filter((item) => {
        const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
        if (id !== undefined && ids.has(id)) return false;
        ids.add(id);
        return true;
      });
      const found = mapPromotions(read);
      const unread = total - read.length;
      const list: CouponList = unread > 0 ? { ...found, unread, unreadOldest: true } : found;
      // An absolute discount's value and a percentage's cap are in the shop's default currency (a shop showing
      // another one converts them, or takes the price the promotion sets for that currency; PromotionItemBuilder
      // getCurrencySpecificValue): said in the currency they are kept in.
      if (chosen.id === fallback.id) return list;
      return { ...list, coupons: list.coupons.map((coupon) => (coupon.amountOff === undefined && coupon.maxOff === undefined ? coupon : { ...coupon, currency: fallback.isoCode })) };
    },

    async updateProduct(id: string, edit: ProductEdit, lastSeenUpdated: string, options): Promise<Product> {
      // Shopware has no conditional update: re-read updatedAt just before writing [decision 4.4]
      const current = await readProduct(id, options);
      // '' = the product had never been updated when the editor opened it (no updatedAt yet)
      const changed = lastSeenUpdated === '' ? current.product.updated !== undefined : (current.product.updated ?? current.product.created) !== lastSeenUpdated;
      if (changed) throw new ProductConflictError(current.product, 'Someone changed this product in the store since you opened it.');
      const chosen = await currencyOf(options);
      const wire = readObject(current.wire, 'data[0]');
      const prices = wire.price as readonly SwPriceWire[] | null | undefined;
      const tax = needsShopTax(edit, prices, chosen) && edit.price !== undefined ? await taxIn(edit.price, wire.taxId, chosen, options) : undefined;
      await call({ method: 'PATCH', path: `/api/product/${id}`, body: { json: buildProductPatch(edit, prices, chosen, tax) } }, 'updateProduct', options);
      return (await readProduct(id, options)).product;
    },

    /**
     * A variant's own stock, as the Administration's variant list saves it (PATCH /api/product/{id}
     * with `{"stock": n}`), after the re-read conflict check the parent's save makes [decision 4.4]:
     * changed since `lastSeenUpdated`, nothing is written and the store's count comes back in the error.
     */
    async updateVariantStock(id: string, stock: number, lastSeenUpdated: string, options): Promise<VariantStockSaved> {
      const body = buildVariantStockPatch(stock);
      const readNow = async () => readVariantStock((await search('product', buildVariantStockCriteria(id), 'updateProduct', options)).json, id);
      const current = await readNow();
      if ((current.updated ?? '') !== lastSeenUpdated) throw new VariantConflictError(current);
      await call({ method: 'PATCH', path: `/api/product/${id}`, body: { json: body } }, 'updateProduct', options);
      return readNow();
    },

    async probe(options): Promise<Capability[]> {
      const limit1 = (criteria: object) => ({ ...criteria, page: 1, limit: 1 });
      const browse = await allowed(search('product', limit1(buildProductListCriteria({}, 'admin')), 'probe', { ...options, accept: [403] }));
      if (!browse) return [];
      // An integration cannot read its own rights (`_info/me` answers it 403 EXPECTED_USER), so it is
      // not asked: editing is offered, and a 403 on save removes it. A user's token is asked.
      const [orders, coupons, me] = await Promise.all([
        allowed(search('order', limit1(buildOrderListCriteria(0, 1)), 'probe', { ...options, accept: [403] })),
        allowed(search('promotion', limit1(buildPromotionListCriteria(0, 1)), 'probe', { ...options, accept: [403] })),
        options?.mode === 'integration' ? undefined : call({ method: 'GET', path: '/api/_info/me' }, 'probe', { ...options, accept: [403] }),
      ]);
      const capabilities: Capability[] = ['browse', 'viewUnpublished', 'viewInventory'];
      if (orders) capabilities.push('viewOrders');
      if (coupons) capabilities.push('viewCoupons');
      if (!me || me.status === 403 || userMayEdit(me.json)) capabilities.push('editProducts');
      return capabilities;
    },
  };
}

/** `GET /api/_info/me`: an admin, or a role with `product:update`. */
function userMayEdit(json: unknown): boolean {
  const data = readObject(readObject(json, 'response').data, 'response.data');
  if (data.admin === true) return true;
  if (!Array.isArray(data.aclRoles)) throw invalidResponse('response.data.aclRoles', 'an array');
  return data.aclRoles.some((role) => {
    const privileges = (role as { privileges?: unknown } | null)?.privileges;
    return Array.isArray(privileges) && privileges.includes('product:update');
  });
}
