/**
 * The store API under /api/v1 (goodsie-api.yaml): bearer tokens (RFC 6750), scope checks, paging,
 * the PATCH `updated` conflict check, and a cart per shopper account (not per grant).
 */
import type { IncomingMessage } from 'node:http';
import type { AuthorizationServer } from './authorization-server.ts';
import {
  CURRENCY,
  CURRENCY_SYMBOL,
  STORE_NAME,
  productToWire,
  type Catalogue,
  type NewProduct,
  type ProductEdit,
  type ProductRecord,
  type ProductSort,
} from './catalogue.ts';
import { HttpError, errorReply, jsonReply, readJson, type Reply } from './http-utils.ts';
import { scopeSatisfies, type Scope } from './scopes.ts';

interface Caller {
  grantId: string;
  /** The shopper account behind the grant: the cart belongs to it, not to one token. */
  accountId: string;
  scopes: Scope[];
  admin: boolean;
}

interface Context {
  req: IncomingMessage;
  url: URL;
  origin: string;
  caller: Caller;
  /** Path parameter (product id), when the route has one. */
  id: string;
}

interface Operation {
  scope: Scope;
  /** The only place RFC 6750 2.3 (token in the query) is accepted, as the contract allows. */
  queryToken?: boolean;
  run(ctx: Context): Reply | Promise<Reply>;
}

interface Route {
  pattern: RegExp;
  operations: Partial<Record<string, Operation>>;
}

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const SORTS: readonly ProductSort[] = ['newest', 'name', 'price', '-price'];

function badRequest(description: string): HttpError {
  return new HttpError(400, 'invalid_request', description);
}

/** An integer query parameter within [min, max]; anything else is a 400 (the contract's paging rule). */
function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^-?\d+$/.test(raw)) throw badRequest(`${name} must be an integer.`);
  const value = Number(raw);
  if (value < min || value > max) throw badRequest(`${name} must be between ${min} and ${max}.`);
  return value;
}

function paging(url: URL): { page: number; count: number } {
  return {
    page: intParam(url, 'page', 0, 0, Number.MAX_SAFE_INTEGER),
    count: intParam(url, 'count', 20, 1, 100),
  };
}

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The body must be a JSON object.');
  return body as Record<string, unknown>;
}

function optionalString(body: Record<string, unknown>, name: string, maxLength: number): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > maxLength) throw badRequest(`${name} must be a string of at most ${maxLength} characters.`);
  return value;
}

function optionalStrings(body: Record<string, unknown>, name: string): string[] | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > 20 || !value.every((v) => typeof v === 'string' && v.length <= 100)) {
    throw badRequest(`${name} must be an array of at most 20 short strings.`);
  }
  return value as string[];
}

/** The editable fields shared by POST and PATCH, type-checked. */
function readEdit(body: Record<string, unknown>): ProductEdit {
  const edit: ProductEdit = {};
  const name = optionalString(body, 'name', 200);
  if (name !== undefined) {
    if (name.trim() === '') throw badRequest('name must not be empty.');
    edit.name = name;
  }
  if (body.cost_raw !== undefined) {
    const cost = body.cost_raw;
    if (typeof cost !== 'number' || !Number.isFinite(cost) || cost < 0 || cost > 1_000_000) {
      throw badRequest('cost_raw must be a number between 0 and 1000000.');
    }
    edit.costRaw = cost;
  }
  if (body.published !== undefined) {
    if (typeof body.published !== 'boolean') throw badRequest('published must be a boolean.');
    edit.published = body.published;
  }
  if (body.inventory !== undefined) {
    const inventory = body.inventory;
    if (typeof inventory !== 'number' || !Number.isInteger(inventory) || inventory < 0 || inventory > 1_000_000) {
      throw badRequest('inventory must be a whole number between 0 and 1000000.');
    }
    edit.inventory = inventory;
  }
  const description = optionalString(body, 'description', 20_000);
  if (description !== undefined) edit.description = description;
  return edit;
}

export class StoreApi {
  readonly #carts = new Map<string, Map<string, number>>();
  readonly #routes: Route[];

  constructor(
    private readonly catalogue: Catalogue,
    private readonly auth: AuthorizationServer,
    private readonly now: () => number = Date.now,
  ) {
    this.#routes = [
      { pattern: /^\/api\/v1\/metadata$/, operations: { GET: { scope: 'storefront', run: (c) => this.#metadata(c) } } },
      {
        pattern: /^\/api\/v1\/products$/,
        operations: {
          GET: { scope: 'storefront', queryToken: true, run: (c) => this.#listProducts(c) },
          POST: { scope: 'admin', run: (c) => this.#createProduct(c) },
        },
      },
      {
        pattern: /^\/api\/v1\/products\/([^/]+)$/,
        operations: {
          GET: { scope: 'storefront', queryToken: true, run: (c) => this.#getProduct(c) },
          PATCH: { scope: 'admin', run: (c) => this.#patchProduct(c) },
        },
      },
      { pattern: /^\/api\/v1\/pages$/, operations: { GET: { scope: 'storefront', run: () => this.#pages() } } },
      { pattern: /^\/api\/v1\/cart$/, operations: { GET: { scope: 'cart', run: (c) => this.#cartReply(c.caller.accountId) } } },
      { pattern: /^\/api\/v1\/cart\/items$/, operations: { POST: { scope: 'cart', run: (c) => this.#addToCart(c) } } },
      { pattern: /^\/api\/v1\/orders$/, operations: { GET: { scope: 'admin', run: (c) => this.#orders(c) } } },
      { pattern: /^\/api\/v1\/coupons$/, operations: { GET: { scope: 'admin', run: () => this.#coupons() } } },
    ];
  }

  /** The scope an operation needs, or undefined when no route answers it. */
  scopeFor(pathname: string, method: string): Scope | undefined {
    return this.#routes.find((r) => r.pattern.test(pathname))?.operations[method]?.scope;
  }

  /** The methods a path answers (for preflight and 405), or undefined when no route matches. */
  methodsFor(pathname: string): string[] | undefined {
    const route = this.#routes.find((r) => r.pattern.test(pathname));
    return route === undefined ? undefined : Object.keys(route.operations);
  }

  /** The bearer token a request carries (header or, where allowed, query), for rate-limit keys too. */
  static tokenOf(req: IncomingMessage, url: URL): string | undefined {
    const match = BEARER.exec(req.headers.authorization ?? '');
    return match?.[1] ?? url.searchParams.get('access_token') ?? undefined;
  }

  async handle(req: IncomingMessage, url: URL, origin: string): Promise<Reply> {
    const route = this.#routes.find((r) => r.pattern.test(url.pathname));
    if (route === undefined) return errorReply(404, 'not_found', 'No such API path.');
    const method = req.method ?? 'GET';
    const operation = route.operations[method];
    if (operation === undefined) {
      return errorReply(405, 'invalid_request', `Method ${method} is not allowed here.`, {
        Allow: Object.keys(route.operations).join(', '),
      });
    }
    try {
      const caller = this.#authenticate(req, url, operation);
      if ('status' in caller) return caller;
      let id = '';
      try {
        id = decodeURIComponent(route.pattern.exec(url.pathname)?.[1] ?? '');
      } catch {
        throw new HttpError(404, 'not_found', 'No such product.');
      }
      return await operation.run({ req, url, origin, caller, id });
    } catch (error) {
      if (error instanceof HttpError) return errorReply(error.status, error.error, error.description);
      throw error;
    }
  }

  #authenticate(req: IncomingMessage, url: URL, operation: Operation): Caller | Reply {
    const header = req.headers.authorization;
    const headerToken = BEARER.exec(header ?? '')?.[1];
    const queryToken = url.searchParams.get('access_token') ?? undefined;
    if (headerToken !== undefined && queryToken !== undefined) {
      throw badRequest('Send the access token in one place only (RFC 6750 2).');
    }
    const token = headerToken ?? (operation.queryToken === true ? queryToken : undefined);
    const unauthorized = (description: string): Reply =>
      errorReply(401, 'invalid_token', description, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    if (token === undefined) return unauthorized('No access token was sent (use the Authorization: Bearer header).');
    const check = this.auth.checkAccessToken(token);
    if (!check.ok) {
      const why = { unknown: 'is not known to this store', revoked: 'has been revoked', expired: 'has expired' }[check.reason];
      return unauthorized(`The access token ${why}.`);
    }
    if (!scopeSatisfies(check.scopes, operation.scope)) {
      return jsonReply(
        403,
        {
          error: 'insufficient_scope',
          error_description: `This request needs the ${operation.scope} scope.`,
          scope: operation.scope,
        },
        { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${operation.scope}"` },
      );
    }
    return { grantId: check.grantId, accountId: check.accountId, scopes: check.scopes, admin: check.scopes.includes('admin') };
  }

  #metadata({ origin, caller }: Context): Reply {
    const metadata: Record<string, unknown> = {
      name: STORE_NAME,
      description: 'A pretend shop for trying Storefront Connect.',
      canonical_url: origin,
      subdomain: 'demo',
      custom_domains: [],
      currency: CURRENCY,
      currency_symbol: CURRENCY_SYMBOL,
      logo_url: `${origin}/images/logo.svg`,
      private: false,
    };
    if (caller.admin) metadata.email = 'owner@example.com';
    return jsonReply(200, metadata);
  }

  #listProducts({ url, origin, caller }: Context): Reply {
    const { page, count } = paging(url);
    const sort = (url.searchParams.get('sort') ?? 'newest') as ProductSort;
    if (!SORTS.includes(sort)) throw badRequest(`sort must be one of ${SORTS.join(', ')}.`);
    const { products, total } = this.catalogue.list({
      page,
      count,
      sort,
      q: url.searchParams.get('q') ?? undefined,
      category: url.searchParams.get('category') ?? undefined,
      includeUnpublished: caller.admin,
    });
    return jsonReply(200, {
      products: products.map((p) => productToWire(p, origin, caller.admin)),
      paging: { page, count, total },
    });
  }

  #visibleProduct(id: string, caller: Caller): ProductRecord {
    const product = this.catalogue.get(id);
    if (product === undefined || (!product.published && !caller.admin)) {
      throw new HttpError(404, 'not_found', 'No such product.');
    }
    return product;
  }

  #getProduct({ id, origin, caller }: Context): Reply {
    return jsonReply(200, productToWire(this.#visibleProduct(id, caller), origin, caller.admin));
  }

  async #createProduct({ req, origin }: Context): Promise<Reply> {
    const body = asObject(await readJson(req));
    const edit = readEdit(body);
    if (edit.name === undefined) throw badRequest('name is required.');
    if (edit.costRaw === undefined) throw badRequest('cost_raw is required.');
    const input: NewProduct = {
      ...edit,
      name: edit.name,
      costRaw: edit.costRaw,
      descriptionShort: optionalString(body, 'description_short', 500),
      categories: optionalStrings(body, 'categories'),
      tags: optionalStrings(body, 'tags'),
    };
    const product = this.catalogue.create(input, this.now());
    return jsonReply(201, productToWire(product, origin, true), {
      Location: `${origin}/api/v1/products/${encodeURIComponent(product.id)}`,
    });
  }

  async #patchProduct({ req, id, origin, caller }: Context): Promise<Reply> {
    const current = this.#visibleProduct(id, caller);
    const body = asObject(await readJson(req));
    const edit = readEdit(body);
    const seen = body.updated;
    if (typeof seen !== 'string' || Number.isNaN(Date.parse(seen))) {
      throw badRequest('updated (the value you last saw) is required.');
    }
    if (Date.parse(seen) !== Date.parse(current.updated)) {
      return jsonReply(409, {
        error: 'conflict',
        error_description: 'Someone else changed this product since you loaded it.',
        product: productToWire(current, origin, true),
      });
    }
    // An edit that changes nothing leaves `updated` alone.
    const product = Object.keys(edit).length === 0 ? current : this.catalogue.update(id, edit, this.now());
    return jsonReply(200, productToWire(product, origin, true));
  }

  #pages(): Reply {
    return jsonReply(200, {
      pages: this.catalogue.pages.map((p) => ({ slug: p.slug, title: p.title, body_html: p.bodyHtml })),
    });
  }

  #cartReply(accountId: string): Reply {
    const cart = this.#carts.get(accountId) ?? new Map<string, number>();
    let subtotal = 0;
    const items: { product_id: string; quantity: number }[] = [];
    for (const [productId, quantity] of cart) {
      items.push({ product_id: productId, quantity });
      subtotal += (this.catalogue.get(productId)?.costRaw ?? 0) * quantity;
    }
    return jsonReply(200, { items, subtotal_raw: Math.round(subtotal * 100) / 100, currency: CURRENCY });
  }

  async #addToCart({ req, caller }: Context): Promise<Reply> {
    const body = asObject(await readJson(req));
    const productId = body.product_id;
    const quantity = body.quantity ?? 1;
    if (typeof productId !== 'string') throw badRequest('product_id is required.');
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > 99) {
      throw badRequest('quantity must be a whole number from 1 to 99.');
    }
    const product = this.catalogue.get(productId);
    if (product === undefined || !product.published) throw badRequest('product_id is not a product of this store.');
    if (product.inventory === 0) throw badRequest('This product is out of stock.');
    let cart = this.#carts.get(caller.accountId);
    if (cart === undefined) {
      cart = new Map();
      this.#carts.set(caller.accountId, cart);
    }
    cart.set(productId, Math.min(99, (cart.get(productId) ?? 0) + quantity));
    return this.#cartReply(caller.accountId);
  }

  /** Every shopper account's cart, in the order the carts were made (for tests: what the store holds). */
  carts(): Array<Array<{ product_id: string; quantity: number }>> {
    return [...this.#carts.values()].map((cart) => [...cart].map(([product_id, quantity]) => ({ product_id, quantity })));
  }

  #orders({ url }: Context): Reply {
    const { page, count } = paging(url);
    const start = page * count;
    return jsonReply(200, {
      orders: this.catalogue.orders.slice(start, start + count).map((o) => ({
        id: o.id,
        number: o.number,
        created_at: o.createdAt,
        total_raw: o.totalRaw,
        currency: CURRENCY,
        status: o.status,
        customer_email: o.customerEmail,
      })),
      paging: { page, count, total: this.catalogue.orders.length },
    });
  }

  #coupons(): Reply {
    return jsonReply(200, {
      coupons: this.catalogue.coupons.map((c) => ({ code: c.code, percent_off: c.percentOff, expires_at: c.expiresAt })),
    });
  }
}
