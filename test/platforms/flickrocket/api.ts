/**
 * FlickRocket's REST API (platforms.md 3.3, 3.4, 3.6 points 4-7): products (50 a page, 1-based,
 * case-insensitive `page`, `fields=`, `query=field:value`), price models, categories and licences
 * (singular object when exactly one), orders, product PUT. HTTP-free: `handle` answers a Reply.
 */
import { jsonReply, type Reply } from '../../demo-store/http-utils.ts';
import type { FlickRocketAuth } from './auth.ts';
import type { LocaleWire, ProductWire, SeedData } from './seed.ts';

export const PAGE_SIZE = 50;
const QUERY_FIELDS = ['version', 'title', 'comment', 'product_id', 'product_type'] as const;

/** The access token: Bearer header first, else the `access_token` query parameter (both documented). */
export function accessTokenOf(authorization: string | undefined, url: URL): string | undefined {
  const match = /^Bearer[ ]+(\S+)$/i.exec(authorization ?? '');
  if (match?.[1] !== undefined) return match[1];
  return url.searchParams.get('access_token') ?? undefined;
}

function error(status: number, code: string): Reply {
  return jsonReply(status, { error: code });
}

/** ASP.NET model binding: parameter names are case-insensitive; the first match wins. */
function param(url: URL, name: string): string | undefined {
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** 1-based; absent, 0, or not a number = the first page [assumed]. */
function pageOf(url: URL): number {
  const raw = param(url, 'page');
  const page = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : 0;
  return Math.max(1, page);
}

function paged<T>(items: readonly T[], url: URL): T[] {
  const start = (pageOf(url) - 1) * PAGE_SIZE;
  return items.slice(start, start + PAGE_SIZE);
}

/** `fields=a,b`: a top-level projection; unknown names are ignored. */
function project(product: ProductWire, url: URL): Record<string, unknown> {
  const raw = param(url, 'fields');
  if (raw === undefined || raw.trim() === '') return { ...product };
  const wanted = new Set(raw.split(',').map((f) => f.trim()));
  return Object.fromEntries(Object.entries(product).filter(([key]) => wanted.has(key)));
}

/** `query=field:value`: case-insensitive substring on text fields, exact on product_type [assumed]. */
function matcher(url: URL): ((p: ProductWire) => boolean) | Reply | undefined {
  const raw = param(url, 'query');
  if (raw === undefined || raw === '') return undefined;
  const colon = raw.indexOf(':');
  const field = colon < 0 ? '' : raw.slice(0, colon).trim().toLowerCase();
  const value = colon < 0 ? '' : raw.slice(colon + 1).trim();
  if (!(QUERY_FIELDS as readonly string[]).includes(field)) return error(400, 'invalid query');
  if (field === 'product_type') return (p) => String(p.product_type) === value;
  const needle = value.toLowerCase();
  return (p) => String(p[field as 'title']).toLowerCase().includes(needle);
}

/** A list, or the singular object when exactly one exists (categories, licences [code plugin]). */
function collapsing(plural: string, singular: string, items: readonly unknown[]): Reply {
  return items.length === 1 ? jsonReply(200, { [singular]: items[0] }) : jsonReply(200, { [plural]: items });
}

const PRODUCT_PATH = /^\/api\/products\/(\d+)\.json$/;
const PRICE_PATH = /^\/api\/prices\/(\d+)\.json$/;

export class FlickRocketApi {
  constructor(
    private readonly data: SeedData,
    private readonly auth: FlickRocketAuth,
    private readonly now: () => number,
    private readonly orderListing: 'oldest-first' | 'newest-first' = 'oldest-first',
  ) {}

  product(id: number): ProductWire | undefined {
    return this.data.products.find((p) => p.id === id);
  }

  /** `body` is the raw request body (PUT only). */
  handle(method: string, url: URL, authorization: string | undefined, body: string): Reply {
    const path = url.pathname;
    const check = this.auth.checkAccessToken(accessTokenOf(authorization, url));
    if (path === '/api/tokeninfo' && method === 'GET') {
      if (!check.ok) return error(400, check.error);
      return jsonReply(200, { issued_to: check.clientId, scope: check.scopes.join(','), access_type: 'offline', expires_in: String(Math.floor((check.expiresAt - this.now()) / 1000)) });
    }
    if (!check.ok) return error(401, check.error);
    const needed = path.startsWith('/api/orders') ? 'orders' : 'products';
    if (!check.scopes.includes(needed)) return error(403, 'insufficient_scope');

    if (method === 'PUT') {
      const id = PRODUCT_PATH.exec(path)?.[1];
      return id === undefined ? error(405, 'method not allowed') : this.#edit(Number(id), body);
    }
    if (method !== 'GET') return error(405, 'method not allowed');
    if (path === '/api/products.json') {
      const match = matcher(url);
      if (match !== undefined && typeof match !== 'function') return match;
      const list = match === undefined ? this.data.products : this.data.products.filter(match);
      return jsonReply(200, { products: paged(list, url).map((p) => project(p, url)) });
    }
    if (path === '/api/products/count.json') return jsonReply(200, { count: this.data.products.length });
    const productId = PRODUCT_PATH.exec(path)?.[1];
    if (productId !== undefined) {
      const product = this.product(Number(productId));
      return product === undefined ? error(404, 'not found') : jsonReply(200, { product: project(product, url) });
    }
    if (path === '/api/prices.json') return jsonReply(200, { prices: this.data.prices });
    const priceId = PRICE_PATH.exec(path)?.[1];
    if (priceId !== undefined) {
      const price = this.data.prices.find((p) => p.id === Number(priceId));
      return price === undefined ? error(404, 'not found') : jsonReply(200, { price });
    }
    if (path === '/api/categories.json') return collapsing('categories', 'category', this.data.categories);
    if (path === '/api/licenses.json') return collapsing('licenses', 'license', this.data.licenses);
    if (path === '/api/orders.json' || path === '/api/orders/count.json') {
      const min = param(url, 'created_at_min');
      const max = param(url, 'created_at_max');
      const kept = this.data.orders.filter((o) => (min === undefined || o.created_at >= min) && (max === undefined || o.created_at <= max));
      const orders = this.orderListing === 'newest-first' ? [...kept].reverse() : kept;
      return path === '/api/orders.json' ? jsonReply(200, { orders: paged(orders, url) }) : jsonReply(200, { count: orders.length });
    }
    return error(404, 'not found');
  }

  /** PUT /api/products/{id}.json with `{"product":{title?, valid?, locales?}}` [wrapper assumed]. */
  #edit(id: number, body: string): Reply {
    const product = this.product(id);
    if (product === undefined) return error(404, 'not found');
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return error(400, 'invalid json');
    }
    const changes = (json as { product?: unknown } | null)?.product;
    if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) return error(400, 'product object required');
    const { title, valid, locales } = changes as { title?: unknown; valid?: unknown; locales?: unknown };
    if (title !== undefined && (typeof title !== 'string' || title.trim() === '')) return error(400, 'invalid title');
    if (valid !== undefined && typeof valid !== 'boolean') return error(400, 'invalid valid');
    if (locales !== undefined && !(Array.isArray(locales) && locales.every(isLocale))) return error(400, 'invalid locales');
    if (title !== undefined) product.title = title;
    if (valid !== undefined) product.valid = valid;
    // `locales` replaces the list, as an array of a Shopify-style PUT does (docs/platform-evidence.md):
    // a language left out is deleted.
    if (locales !== undefined) product.locales = (locales as LocaleWire[]).map((locale) => ({ ...locale }));
    return jsonReply(200, { product });
  }
}

function isLocale(value: unknown): value is LocaleWire {
  if (typeof value !== 'object' || value === null) return false;
  const locale = value as Record<string, unknown>;
  return (
    (typeof locale['language_id'] === 'number' || typeof locale['language_id'] === 'string') &&
    typeof locale['title'] === 'string' &&
    typeof locale['description'] === 'string'
  );
}
