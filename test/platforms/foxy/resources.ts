/**
 * The HAL resources of the local Foxy store (platforms.md 5.3, 5.6.4-7). Every target below the
 * API home lives under a random path prefix chosen at start (`/s/<random>/...`), so a client can
 * only reach it by following links from `/`, never by building paths.
 */
import type { Reply } from '../../demo-store/http-utils.ts';
import type { TokenScope } from './auth.ts';
import { QueryError, collectionPage, parseCollectionQuery, pickFields, selectRecords, type CollectionSpec } from './collection.ts';
import { FREE_TYPES, type Seed, type SeedCoupon, type SeedItem, type SeedTransaction } from './seed.ts';

export const HAL_TYPE = 'application/hal+json';

export function halReply(status: number, json: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body: JSON.stringify(json), headers: { 'Content-Type': HAL_TYPE, ...headers } };
}

let logref = 0;
/** Foxy's HAL error shape [assumed, platforms.md 5.6.1]. */
export function halError(status: number, message: string): Reply {
  logref++;
  return halReply(status, { total: 1, _embedded: { 'fx:errors': [{ logref: `id-${Date.now().toString(36)}-${logref}`, message }] } });
}

const TRANSACTIONS: CollectionSpec = {
  filterable: ['id', 'display_id', 'is_test', 'hide_transaction', 'transaction_date', 'customer_email', 'status', 'type', 'currency_code'],
  zoomable: ['items'],
};
const ITEMS: CollectionSpec = { filterable: ['id', 'code', 'name', 'price', 'quantity'], zoomable: [] };
const CATEGORIES: CollectionSpec = { filterable: ['id', 'code', 'name', 'item_delivery_type'], zoomable: [] };
const COUPONS: CollectionSpec = { filterable: ['id', 'name', 'coupon_discount_type', 'date_created'], zoomable: ['coupon_codes'] };
const CODES: CollectionSpec = { filterable: ['code'], zoomable: [] };
const STORES: CollectionSpec = { filterable: ['id', 'store_name'], zoomable: [] };

export interface ResourceContext {
  origin: string;
  canaryOrigin: string;
  /** `/s/<random>`: the store's resources. */
  storePrefix: string;
  /** `/u/<random>`: the user's resources. */
  userPrefix: string;
  seed: Seed;
}

export class FoxyResources {
  readonly #byId: Map<number, SeedTransaction>;
  readonly #items = new Map<number, { item: SeedItem; transaction: SeedTransaction }>();

  constructor(private readonly ctx: ResourceContext) {
    this.#byId = new Map(ctx.seed.transactions.map((t) => [t.id, t]));
    for (const t of ctx.seed.transactions) for (const item of t.items) this.#items.set(item.id, { item, transaction: t });
  }

  get curies(): unknown[] {
    return [{ name: 'fx', href: `${this.ctx.origin}/rels/{rel}`, templated: true }];
  }

  #link(path: string, title: string): { href: string; title: string } {
    return { href: `${this.ctx.origin}${path}`, title };
  }

  /** GET / : public links without a token; `fx:store` for a store token, `fx:stores` for a user token. */
  home(scope: TokenScope | undefined): Reply {
    const s = this.ctx.storePrefix;
    const u = this.ctx.userPrefix;
    const links: Record<string, unknown> = {
      curies: this.curies,
      self: this.#link('/', 'Your API starting point.'),
      'fx:property_helpers': this.#link('/property_helpers', 'Various helpers used for determing valid property values.'),
      'fx:token': { ...this.#link('/token', 'The OAuth endpoint for obtaining a new access_token using an existing refresh_token.'), type: 'application/json' },
    };
    if (scope === undefined) links['fx:create_client'] = this.#link('/clients', 'Create a client via POST.');
    if (scope === 'store_full_access') {
      links['fx:store'] = this.#link(`${s}/store`, 'The current store for your authentication token');
      links['fx:reporting'] = this.#link('/reporting', 'The Reporting API Home.');
    }
    if (scope === 'user_full_access') {
      links['fx:user'] = this.#link(`${u}/user`, 'The current user for your authentication token');
      links['fx:stores'] = this.#link(`${u}/stores`, 'The stores for this user');
    }
    return halReply(200, { _links: links, message: 'Welcome to the Foxy API (local faithful copy).' });
  }

  #store(): Record<string, unknown> {
    const s = this.ctx.storePrefix;
    return {
      _links: {
        curies: this.curies,
        self: this.#link(`${s}/store`, 'This Store'),
        'fx:item_categories': this.#link(`${s}/item_categories`, 'Item Categories for this Store'),
        'fx:transactions': this.#link(`${s}/transactions`, 'Transactions for this Store'),
        'fx:coupons': this.#link(`${s}/coupons`, 'Coupons for this Store'),
        // On ANOTHER origin on purpose: a client must never send its token there (platforms.md 5.6.7).
        'fx:downloadables': { href: `${this.ctx.canaryOrigin}${s}/downloadables`, title: 'Downloadables for this Store' },
      },
      id: 8,
      store_name: 'Foxy Demo Outfitters',
      store_domain: 'foxy-demo',
      store_url: 'https://shop.example.com/',
      store_email: 'hello@shop.example.com',
      locale_code: 'en_US',
      logo_url: `${this.ctx.canaryOrigin}/logo.png`,
      timezone: 'America/Los_Angeles',
      date_created: '2019-04-01T10:00:00-0700',
      date_modified: '2025-01-10T09:30:00-0800',
    };
  }

  #item(item: SeedItem, t: SeedTransaction): Record<string, unknown> {
    const s = this.ctx.storePrefix;
    return {
      _links: {
        curies: this.curies,
        self: this.#link(`${s}/items/${item.id}`, 'This Item'),
        'fx:transaction': this.#link(`${s}/transactions/${t.id}`, 'Related Transaction'),
        'fx:item_category': this.#link(`${s}/item_categories/${item.categoryId}`, 'Item Category for this Item'),
      },
      item_category_uri: `${this.ctx.origin}${s}/item_categories/${item.categoryId}`,
      name: item.name,
      price: item.price,
      quantity: item.quantity,
      weight: item.weight,
      code: item.code,
      parent_code: '',
      url: item.url,
      image: item.image,
      date_created: null,
      date_modified: item.date,
    };
  }

  #transaction(t: SeedTransaction, zoomItems: boolean): Record<string, unknown> {
    const s = this.ctx.storePrefix;
    const totalItems = t.items.reduce((sum, i) => sum + i.price * i.quantity, 0);
    const resource: Record<string, unknown> = {
      _links: {
        curies: this.curies,
        self: this.#link(`${s}/transactions/${t.id}`, 'This Transaction'),
        'fx:store': this.#link(`${s}/store`, 'This Store'),
        'fx:items': this.#link(`${s}/transactions/${t.id}/items`, 'The Items for This Transaction'),
        // The receipt page lives on the store's own domain, not the API's.
        'fx:receipt': { href: `${this.ctx.canaryOrigin}/receipt?id=${t.id}`, title: 'This Receipt' },
      },
      id: t.id,
      display_id: t.display_id,
      is_test: t.is_test,
      hide_transaction: t.hide_transaction,
      transaction_date: t.transaction_date,
      customer_email: t.customer_email,
      customer_first_name: t.customer_first_name ?? '',
      customer_last_name: t.customer_last_name ?? '',
      total_item_price: totalItems.toFixed(2),
      // a change to a subscription, its billing details or its end charges nothing then
      total_order: FREE_TYPES.has(t.type ?? '') ? 0 : Math.round((totalItems + 5) * 100) / 100,
      status: t.status,
      type: t.type ?? '',
      currency_code: t.currency_code,
      currency_symbol: t.currency_symbol,
      locale_code: 'en_US',
    };
    if (zoomItems) resource['_embedded'] = { 'fx:items': t.items.map((i) => this.#item(i, t)) };
    return resource;
  }

  #coupon(c: SeedCoupon, zoomCodes: boolean): Record<string, unknown> {
    const s = this.ctx.storePrefix;
    const resource: Record<string, unknown> = {
      _links: {
        curies: this.curies,
        self: this.#link(`${s}/coupons/${c.id}`, 'This Coupon'),
        'fx:coupon_codes': this.#link(`${s}/coupons/${c.id}/codes`, 'Codes for this Coupon'),
      },
      name: c.name,
      start_date: c.start_date,
      end_date: c.end_date,
      number_of_uses_allowed: 0,
      number_of_uses_to_date: 0,
      coupon_discount_type: c.coupon_discount_type,
      coupon_discount_details: c.coupon_discount_details,
      combinable: false,
      customer_auto_apply: c.customer_auto_apply ?? false,
      customer_attribute_restrictions: c.customer_attribute_restrictions ?? '',
      customer_subscription_restrictions: '',
      date_created: c.date_created,
      date_modified: c.date_created,
    };
    if (zoomCodes) resource['_embedded'] = { 'fx:coupon_codes': c.codes.map((code, i) => this.#couponCode(c, code, i)) };
    return resource;
  }

  #couponCode(c: SeedCoupon, code: string, index: number): Record<string, unknown> {
    return {
      _links: { curies: this.curies, self: this.#link(`${this.ctx.storePrefix}/coupon_codes/${c.id * 100 + index}`, 'This Coupon Code') },
      code,
      number_of_uses_to_date: 0,
    };
  }

  #collection(url: URL, rel: string, spec: CollectionSpec, records: Record<string, unknown>[], build: (r: Record<string, unknown>, zoom: Set<string>) => Record<string, unknown>): Reply {
    const query = parseCollectionQuery(url.searchParams, spec);
    const selected = selectRecords(records, query);
    return halReply(200, collectionPage(url, rel, selected.map((r) => build(r, query.zoom)), query, this.curies));
  }

  /** Resources below the prefixes; undefined when the path is unknown. Throws QueryError on a bad query. */
  get(url: URL, scope: TokenScope): Reply | undefined {
    const path = url.pathname;
    const { storePrefix: s, userPrefix: u, seed } = this.ctx;
    if (path.startsWith(`${u}/`)) {
      if (scope !== 'user_full_access') return halError(403, 'This resource needs a user-scoped token.');
      if (path === `${u}/stores`) {
        const store = { ...this.#store() };
        return this.#collection(url, 'fx:stores', STORES, [store], (r) => r);
      }
      if (path === `${u}/user`) return halReply(200, { _links: { curies: this.curies, self: this.#link(`${u}/user`, 'This User') }, first_name: 'Demo', last_name: 'Merchant', email: 'merchant@example.com' });
      return undefined;
    }
    if (!path.startsWith(`${s}/`)) return undefined;
    if (scope !== 'store_full_access') return halError(403, 'This resource needs a store-scoped token.');
    const rest = path.slice(s.length);
    if (rest === '/store') return halReply(200, this.#store());
    if (rest === '/transactions') {
      return this.#collection(url, 'fx:transactions', TRANSACTIONS, seed.transactions as unknown as Record<string, unknown>[], (r, zoom) => this.#transaction(r as unknown as SeedTransaction, zoom.has('items')));
    }
    if (rest === '/item_categories') {
      return this.#collection(url, 'fx:item_categories', CATEGORIES, seed.categories as unknown as Record<string, unknown>[], (r) => this.#category(Number(r['id'])));
    }
    if (rest === '/coupons') {
      return this.#collection(url, 'fx:coupons', COUPONS, seed.coupons as unknown as Record<string, unknown>[], (r, zoom) => this.#coupon(r as unknown as SeedCoupon, zoom.has('coupon_codes')));
    }
    let m = /^\/transactions\/(\d+)$/.exec(rest);
    const byId = (id: string | undefined): SeedTransaction | undefined => this.#byId.get(Number(id));
    if (m !== null) {
      const t = byId(m[1]);
      if (t === undefined) return undefined;
      const query = parseCollectionQuery(new URLSearchParams(url.searchParams.has('zoom') ? { zoom: url.searchParams.get('zoom') ?? '' } : {}), TRANSACTIONS);
      return halReply(200, pickFields(this.#transaction(t, query.zoom.has('items')), url.searchParams.get('fields')?.split(',')));
    }
    m = /^\/transactions\/(\d+)\/items$/.exec(rest);
    if (m !== null) {
      const t = byId(m[1]);
      if (t === undefined) return undefined;
      return this.#collection(url, 'fx:items', ITEMS, t.items as unknown as Record<string, unknown>[], (r) => this.#item(r as unknown as SeedItem, t));
    }
    m = /^\/items\/(\d+)$/.exec(rest);
    if (m !== null) {
      const found = this.#items.get(Number(m[1]));
      return found === undefined ? undefined : halReply(200, this.#item(found.item, found.transaction));
    }
    m = /^\/item_categories\/(\d+)$/.exec(rest);
    if (m !== null) {
      const id = Number(m[1]);
      return seed.categories.some((c) => c.id === id) ? halReply(200, this.#category(id)) : undefined;
    }
    m = /^\/coupons\/(\d+)\/codes$/.exec(rest);
    if (m !== null) {
      const c = seed.coupons.find((x) => x.id === Number(m?.[1]));
      if (c === undefined) return undefined;
      const records = c.codes.map((code, i) => ({ code, i }));
      return this.#collection(url, 'fx:coupon_codes', CODES, records, (r) => this.#couponCode(c, String(r['code']), Number(r['i'])));
    }
    return undefined;
  }

  #category(id: number): Record<string, unknown> {
    const c = this.ctx.seed.categories.find((x) => x.id === id);
    if (c === undefined) throw new QueryError('unknown category');
    return {
      _links: { curies: this.curies, self: this.#link(`${this.ctx.storePrefix}/item_categories/${c.id}`, 'This Item Category') },
      code: c.code,
      name: c.name,
      item_delivery_type: c.item_delivery_type,
      default_weight: 1,
    };
  }
}
