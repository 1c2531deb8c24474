/**
 * The Store API of the demo sales channel (platforms.md 4.7): `sw-access-key` authenticates, only
 * active products come back, prices are calculated for the sales channel's currency and tax display.
 */
import type { IncomingMessage } from 'node:http';
import { DEFAULT_CURRENCY_ID, SALES_CHANNEL_ACCESS_KEY, SALES_CHANNEL_ID, SYSTEM_LANGUAGE_ID, TAX_ID, TAX_RATE } from './constants.ts';
import { applyIncludes, parseCriteria, renderEntity, search, type Criteria } from './criteria-engine.ts';
import { ENTITIES, productPriceRows, tierPrice, type Context, type Json } from './entities.ts';
import { ShopwareError } from './errors.ts';
import { readParameters, type Reply } from './http.ts';
import { HTML_HEADERS, renderProductPage } from './pages.ts';
import { hexId, type PriceRow, type ProductRow } from './seed.ts';

const CASH_ROUNDING = 'shopware_core_framework_data_abstraction_layer_pricing_cash_rounding_config';

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** `sw-inheritance` resolved like a sales channel does: a variant takes its parent's unset fields. */
function resolved(product: ProductRow, ctx: Context): { active: boolean; price: PriceRow[] } {
  const parent = product.parentId === null ? undefined : ctx.seed.products.find((p) => p.id === product.parentId);
  return { active: product.active ?? parent?.active ?? false, price: product.price ?? parent?.price ?? [] };
}

function calculatedPrice(price: PriceRow[], quantity = 1): Json {
  const entry = price.find((p) => p.currencyId === DEFAULT_CURRENCY_ID);
  const gross = entry?.gross ?? 0;
  const total = round2(gross * quantity);
  const tax = round2(total - total / (1 + TAX_RATE / 100));
  const list = entry?.listPrice ?? null;
  return {
    unitPrice: gross,
    quantity,
    totalPrice: total,
    calculatedTaxes: [{ tax, taxRate: TAX_RATE, price: total, apiAlias: 'cart_tax_calculated' }],
    taxRules: [{ taxRate: TAX_RATE, percentage: 100, apiAlias: 'cart_tax_rule' }],
    referencePrice: null,
    // like `ListPrice::createFromUnitPrice`: present whenever a list price is set, even a lower one
    listPrice: list === null ? null : { price: list.gross, discount: round2(gross - list.gross), percentage: round2((1 - gross / list.gross) * 100), apiAlias: 'cart_list_price' },
    regulationPrice: null,
    apiAlias: 'calculated_price',
  };
}

/**
 * ProductPriceCalculator::calculateAdvancePrices: the rule's prices (`product_price` rows, the same
 * the Admin API sends) by quantity, each calculated at its `quantityEnd ?? quantityStart`.
 */
function calculatedPrices(product: ProductRow): Json[] {
  return productPriceRows(product).map((row) => calculatedPrice(row.price as PriceRow[], (row.quantityEnd ?? row.quantityStart) as number));
}

export class StoreApi {
  constructor(private readonly ctx: Context) {}

  async handle(req: IncomingMessage, url: URL): Promise<Reply> {
    if (req.headers['sw-access-key'] !== SALES_CHANNEL_ACCESS_KEY) {
      // [unverified 4.7] code and status
      throw new ShopwareError(401, 'FRAMEWORK__API_SALES_CHANNEL_ACCESS_KEY_NOT_FOUND', 'Unauthorized', 'Unable to find sales channel for the given access key.');
    }
    const path = url.pathname;
    if (req.method === 'GET' && path === '/store-api/context') return { status: 200, json: this.#context() };
    if ((req.method === 'POST' || req.method === 'GET') && path === '/store-api/product') {
      const body = req.method === 'POST' ? await readParameters(req) : Object.fromEntries(url.searchParams);
      const criteria = parseCriteria(body);
      return { status: 200, json: { ...this.#products(criteria), entity: 'product', apiAlias: 'dal_entity_search_result' } };
    }
    if ((req.method === 'POST' || req.method === 'GET') && path === '/store-api/search') {
      const body = req.method === 'POST' ? await readParameters(req) : Object.fromEntries(url.searchParams);
      const term = typeof body.search === 'string' ? body.search.trim() : '';
      if (term === '') throw new ShopwareError(400, 'FRAMEWORK__MISSING_REQUEST_PARAMETER', 'Bad Request', 'Parameter "search" is missing.', { source: { pointer: '/search' } });
      const criteria = parseCriteria({ limit: 24, ...body, 'total-count-mode': body['total-count-mode'] ?? 'exact' });
      criteria.term = term;
      return {
        status: 200,
        json: {
          ...this.#products(criteria),
          entity: 'product',
          currentFilters: { navigationId: '', manufacturer: [], price: { min: 0, max: 0 }, rating: null, 'shipping-free': false, properties: [], search: term },
          availableSortings: [],
          sorting: 'score',
          // PHP serialises an empty aggregation collection as []
          aggregations: [],
          apiAlias: 'product_listing',
        },
      };
    }
    throw new ShopwareError(404, 'FRAMEWORK__ROUTE_NOT_FOUND', 'Not Found', `No route found for "${req.method ?? 'GET'} ${path}"`);
  }

  /**
   * The Storefront's `GET /detail/{productId}` on the sales channel's domain: the page of a product
   * the sales channel shows (active, after inheritance); 404 for any other id, as the Storefront's
   * ProductNotFoundException page.
   */
  productPage(productId: string): Reply {
    const product = this.ctx.seed.products.find((p) => p.id === productId);
    if (product === undefined || !resolved(product, this.ctx).active) {
      return { status: 404, html: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page not found</title></head><body><h1>Page not found</h1></body></html>', headers: HTML_HEADERS };
    }
    const gross = resolved(product, this.ctx).price.find((p) => p.currencyId === DEFAULT_CURRENCY_ID)?.gross ?? 0;
    return { status: 200, html: renderProductPage(product.translated.name, `€${gross.toFixed(2)}*`), headers: HTML_HEADERS };
  }

  #products(criteria: Criteria): Json {
    const def = ENTITIES.product;
    if (def === undefined) throw new Error('no product entity');
    // only what the sales channel shows shoppers: active (after inheritance)
    const rows = this.ctx.seed.products.filter((p) => resolved(p, this.ctx).active);
    const includes = criteria.includes;
    const result = search('product', rows, { ...criteria, includes: undefined }, this.ctx);
    const elements = result.rows.map((row) => {
      const product = row as ProductRow;
      const tree = { cover: { associations: {}, sort: [] }, ...criteria.associations };
      const { price: _price, ...admin } = renderEntity(def, product, tree, this.ctx);
      // SalesChannelProductDefinition::processCriteria filters every nesting level: only active variants
      if (Array.isArray(admin.children)) admin.children = admin.children.filter((child) => resolved(this.ctx.seed.products.find((p) => p.id === (child as { id: string }).id) ?? product, this.ctx).active);
      const inherited = resolved(product, this.ctx);
      const element = {
        ...admin,
        active: inherited.active,
        taxId: TAX_ID,
        type: 'physical',
        calculatedPrice: calculatedPrice(inherited.price),
        calculatedPrices: calculatedPrices(product),
        // (`cheapestPrice` itself is not ApiAware in SalesChannelProductDefinition: filters and sorts only)
        calculatedCheapestPrice: this.#cheapest(product),
        seoCategory: null,
        apiAlias: 'product',
      };
      return applyIncludes(element, includes);
    });
    return { elements, total: result.total, page: criteria.page, limit: criteria.limit, aggregations: [] };
  }

  /**
   * ProductPriceCalculator::calculateCheapestPrice over what CheapestPriceUpdater keeps: for each
   * active variant (a product without variants is its own; a parent with variants is none of them),
   * the open-ended tier of its advanced prices (CheapestPriceQuantitySelector: `quantity_end IS
   * NULL`, ranged when it does not start at 1), else its price (a variant's own or its parent's); the
   * cheapest, `hasRange` when they differ or one is ranged (CheapestPriceContainer::resolve).
   */
  #cheapest(product: ProductRow): Json {
    const children = this.ctx.seed.products.filter((p) => p.parentId === product.id && resolved(p, this.ctx).active);
    const hasChildren = this.ctx.seed.products.some((p) => p.parentId === product.id);
    const candidates = (hasChildren ? children : [product]).map((variant) => {
      const last = (variant.advancedPrices ?? []).at(-1);
      const price = last === undefined ? resolved(variant, this.ctx).price : tierPrice(last.gross);
      return { id: variant.id, price, gross: price.find((p) => p.currencyId === DEFAULT_CURRENCY_ID)?.gross ?? 0, ranged: last !== undefined && last.from !== 1 };
    });
    let cheapest = candidates[0];
    if (cheapest === undefined) return { ...calculatedPrice(resolved(product, this.ctx).price), hasRange: false, variantId: null, apiAlias: 'calculated_cheapest_price' };
    let hasRange = cheapest.ranged;
    for (const candidate of candidates.slice(1)) {
      if (candidate.gross !== cheapest.gross || candidate.ranged) hasRange = true;
      if (candidate.gross < cheapest.gross) cheapest = candidate;
    }
    return { ...calculatedPrice(cheapest.price), hasRange, variantId: cheapest.id, apiAlias: 'calculated_cheapest_price' };
  }

  #context(): Json {
    const currency = this.ctx.seed.currencies.find((c) => c.id === DEFAULT_CURRENCY_ID);
    const rounding = { decimals: currency?.decimals ?? 2, interval: 0.01, roundForNet: true, apiAlias: CASH_ROUNDING };
    return {
      token: hexId(0x8001),
      currentCustomerGroup: { id: hexId(0x8002), name: 'Standard customer group', displayGross: true, apiAlias: 'customer_group' },
      fallbackCustomerGroup: { id: hexId(0x8002), name: 'Standard customer group', displayGross: true, apiAlias: 'customer_group' },
      currency: {
        id: DEFAULT_CURRENCY_ID,
        isoCode: currency?.isoCode ?? 'EUR',
        factor: 1,
        symbol: currency?.symbol ?? '€',
        shortName: currency?.shortName ?? 'EUR',
        name: currency?.name ?? 'Euro',
        itemRounding: rounding,
        totalRounding: rounding,
        isSystemDefault: true,
        translated: { shortName: 'EUR', name: 'Euro' },
        apiAlias: 'currency',
      },
      salesChannel: {
        id: SALES_CHANNEL_ID,
        languageId: SYSTEM_LANGUAGE_ID,
        customerGroupId: hexId(0x8002),
        currencyId: DEFAULT_CURRENCY_ID,
        paymentMethodId: hexId(0x5200),
        shippingMethodId: hexId(0x8003),
        countryId: hexId(0x8004),
        navigationCategoryId: hexId(0x8005),
        name: 'Storefront',
        translated: { name: 'Storefront' },
        apiAlias: 'sales_channel',
      },
      taxRules: [],
      customer: null,
      paymentMethod: { id: hexId(0x5200), technicalName: 'payment_invoice', name: 'Invoice', active: true, apiAlias: 'payment_method' },
      shippingMethod: { id: hexId(0x8003), technicalName: 'shipping_standard', deliveryTimeId: hexId(0x8006), name: 'Standard', active: true, apiAlias: 'shipping_method' },
      shippingLocation: { country: { id: hexId(0x8004), iso: 'DE', name: 'Germany', addressFormat: [], apiAlias: 'country' }, state: null, address: null, apiAlias: 'cart_delivery_shipping_location' },
      context: { currencyId: DEFAULT_CURRENCY_ID, languageIdChain: [SYSTEM_LANGUAGE_ID], taxState: 'gross', rounding, apiAlias: 'context' },
      itemRounding: rounding,
      totalRounding: rounding,
      languageInfo: { name: 'English', localeCode: 'en-GB' },
      apiAlias: 'sales_channel_context',
    };
  }
}
