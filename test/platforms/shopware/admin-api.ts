/**
 * The Admin API routes under `/api` (platforms.md 4.2-4.4, 4.6): criteria search per entity with ACL,
 * `PATCH /api/product/{id}`, `_info/version`, `_info/me`, and `Accept` negotiation.
 */
import type { IncomingMessage } from 'node:http';
import { DEFAULT_CURRENCY_ID, SHOPWARE_VERSION, SYSTEM_LANGUAGE_ID, TAX_ID, TAX_RATE } from './constants.ts';
import { parseCriteria, renderEntity, requiredPrivileges, search } from './criteria-engine.ts';
import { ENTITIES, rowsOf, type Context } from './entities.ts';
import { ShopwareError, missingPrivileges, type ErrorObject } from './errors.ts';
import { readParameters, type Reply } from './http.ts';
import { toJsonApi } from './json-api.ts';
import type { OAuthServer, Principal } from './oauth.ts';
import type { ProductRow } from './seed.ts';

const SEARCHABLE = new Set(['product', 'order', 'promotion', 'currency', 'category']);
const HEX32 = /^[0-9a-f]{32}$/;

type Format = 'json' | 'json-api';

/** `ResponseFactoryRegistry`: the first acceptable type a factory supports; none -> 415. */
export function negotiate(accept: string | undefined): Format {
  const types = (accept ?? '').split(',').map((t) => t.split(';')[0]?.trim().toLowerCase() ?? '').filter(Boolean);
  for (const type of types) {
    if (type === 'application/json') return 'json';
    if (type === 'application/vnd.api+json' || type === '*/*') return 'json-api';
  }
  throw new ShopwareError(415, '0', 'Unsupported Media Type', `All provided media types are unsupported. (${types.join(', ')})`);
}

function can(principal: Principal, privilege: string): boolean {
  return principal.admin || principal.privileges.includes(privilege);
}

function enforce(principal: Principal, privileges: string[]): void {
  const missing = privileges.filter((p) => !can(principal, p));
  if (missing.length > 0) throw missingPrivileges(missing);
}

export class AdminApi {
  constructor(
    private readonly ctx: Context,
    private readonly oauth: OAuthServer,
    private readonly now: () => number,
  ) {}

  async handle(req: IncomingMessage, url: URL, apiBase: string): Promise<Reply> {
    const path = url.pathname;
    const principal = this.oauth.authenticate(req.headers.authorization);
    if (req.method === 'GET' && path === '/api/_info/version') return { status: 200, json: { version: SHOPWARE_VERSION } };
    if (req.method === 'GET' && path === '/api/_info/me') return this.#me(principal);
    const searchMatch = /^\/api\/search\/([a-z-]+)$/.exec(path);
    if (req.method === 'POST' && searchMatch?.[1] !== undefined) {
      const entity = searchMatch[1].replaceAll('-', '_');
      if (!SEARCHABLE.has(entity)) throw new ShopwareError(404, 'FRAMEWORK__DEFINITION_NOT_FOUND', 'Not Found', `Definition for entity "${entity}" does not exist.`);
      const format = negotiate(req.headers.accept);
      const criteria = parseCriteria(await readParameters(req));
      enforce(principal, requiredPrivileges(entity, criteria.associations));
      const result = search(entity, rowsOf(entity, this.ctx.seed), criteria, this.ctx);
      if (format === 'json-api') return { status: 200, contentType: 'application/vnd.api+json', json: toJsonApi(entity, result.data, result.total, apiBase) };
      return { status: 200, json: { total: result.total, data: result.data, aggregations: [] } };
    }
    if (req.method === 'POST' && path === '/api/_action/calculate-price') return calculatePrice(await readParameters(req));
    const productMatch = /^\/api\/product\/([^/]+)$/.exec(path);
    if (req.method === 'PATCH' && productMatch?.[1] !== undefined) {
      const format = negotiate(req.headers.accept);
      return this.#patchProduct(principal, productMatch[1], await readParameters(req), url, format, apiBase);
    }
    throw new ShopwareError(404, 'FRAMEWORK__ROUTE_NOT_FOUND', 'Not Found', `No route found for "${req.method ?? 'GET'} ${path}"`);
  }

  #me(principal: Principal): Reply {
    if (principal.kind !== 'user') throw new ShopwareError(403, 'FRAMEWORK__EXPECTED_USER', 'Forbidden', 'This endpoint requires a user context.');
    const user = this.oauth.user(principal.username);
    return {
      status: 200,
      json: {
        data: {
          id: principal.userId,
          username: principal.username,
          email: user?.email ?? '',
          firstName: principal.username,
          lastName: '',
          active: true,
          admin: principal.admin,
          aclRoles: principal.admin ? [] : [{ id: '0190a3c2e1f47a1b9d3e5c7f2a4b0020', name: 'Catalogue viewer', privileges: [...principal.privileges], apiAlias: 'acl_role' }],
          apiAlias: 'user',
        },
      },
    };
  }

  #patchProduct(principal: Principal, id: string, body: Record<string, unknown>, url: URL, format: string, apiBase: string): Reply {
    if (!HEX32.test(id)) throw new ShopwareError(400, 'FRAMEWORK__INVALID_UUID', 'Bad Request', `Value is not a valid UUID: ${id}`);
    enforce(principal, ['product:update']);
    const product = this.ctx.seed.products.find((p) => p.id === id);
    if (product === undefined) throw new ShopwareError(404, 'FRAMEWORK__RESOURCE_NOT_FOUND', 'Not Found', `The product resource with the following primary key was not found: id(${id})`);
    applyProductWrite(product, body, this.now(), this.ctx.maxGross);
    const response = url.searchParams.get('_response');
    if (response === null) return { status: 204, body: '' };
    const def = ENTITIES.product;
    if (def === undefined) throw new Error('no product entity');
    const data = renderEntity(def, product, {}, this.ctx);
    return format === 'json-api' ? { status: 200, contentType: 'application/vnd.api+json', json: toJsonApi('product', [data], 1, apiBase) } : { status: 200, json: { data } };
  }
}

/**
 * `POST /api/_action/calculate-price` (PriceActionController): the tax in `price` at the tax's
 * rate, as a CalculatedPrice; the route asks no ACL privilege. Only `output: gross`, quantity 1, the seed's one tax.
 */
function calculatePrice(body: Record<string, unknown>): Reply {
  if (!('price' in body)) throw new ShopwareError(400, 'CHECKOUT__PRICE_PARAMETER_IS_MISSING', 'Bad Request', 'Parameter price missing.');
  if (!('taxId' in body)) throw new ShopwareError(400, 'CHECKOUT__TAX_ID_PARAMETER_IS_MISSING', 'Bad Request', 'Parameter taxId missing.');
  if (body.taxId !== TAX_ID) throw new ShopwareError(400, 'CHECKOUT__TAX_RULE_NOT_FOUND', 'Bad Request', `Tax rule with id ${String(body.taxId)} not found.`);
  const price = Number(body.price);
  // CashRoundingConfig(50, 0.01): the tax is not rounded
  const tax = price - price / (1 + TAX_RATE / 100);
  const calculatedTaxes = [{ tax, taxRate: TAX_RATE, price }];
  return { status: 200, json: { data: { unitPrice: price, quantity: 1, totalPrice: price, calculatedTaxes, taxRules: [{ taxRate: TAX_RATE, percentage: 100 }], referencePrice: null, listPrice: null, regulationPrice: null } } };
}

function violation(pointer: string, detail: string): ShopwareError {
  // the DAL's write validation: one 400 per violation with its JSON pointer [assumed code spelling]
  return new ShopwareError(400, 'VIOLATION::INVALID_TYPE', 'Bad Request', detail, { source: { pointer } });
}

/**
 * A violation of a Symfony constraint as `WriteConstraintViolationException::getErrors` gives it:
 * the constraint's code, `detail` (its message), `template`, `meta.parameters` and `source.pointer`;
 * no `title` [code WriteConstraintViolationException].
 */
class ConstraintViolation extends ShopwareError {
  constructor(
    code: string,
    detail: string,
    private readonly template: string,
    private readonly parameters: Record<string, string>,
    private readonly pointer: string,
  ) {
    super(400, code, '', detail);
  }

  override toJson(): { errors: ErrorObject[] } {
    const error = { code: this.code, status: '400', detail: this.detail, template: this.template, meta: { parameters: this.parameters }, source: { pointer: this.pointer } };
    return { errors: [error as unknown as ErrorObject] };
  }
}

/** Symfony's LessThanOrEqual, as a shop's own rule on the gross price raises it. */
function aboveMax(value: number, max: number, pointer: string): ShopwareError {
  return new ConstraintViolation('30fbb013-d015-4232-8b3b-8f3be97a7e14', `This value should be less than or equal to ${max}.`, 'This value should be less than or equal to {{ compared_value }}.', {
    '{{ value }}': String(value),
    '{{ compared_value }}': String(max),
    '{{ compared_value_type }}': 'int',
  }, pointer);
}

/** Applies a product write the way the DAL would for the fields the app edits; `maxGross`: a shop's own price cap. */
export function applyProductWrite(product: ProductRow, body: Record<string, unknown>, now: number, maxGross?: number): void {
  if ('name' in body) {
    // a translated field: the DAL writes it into the context language's translation, and points there
    const pointer = `/0/translations/${SYSTEM_LANGUAGE_ID}/name`;
    if (typeof body.name !== 'string' || body.name.trim() === '') throw violation(pointer, 'This value should not be blank.');
    // StringField's default maxLength, Symfony's Length (characters, not bytes)
    const length = [...body.name].length;
    if (length > 255) {
      throw new ConstraintViolation('d94b19cc-114f-4f44-9cc4-4138e80a87b9', 'This value is too long. It should have 255 characters or less.', 'This value is too long. It should have {{ limit }} character or less.|This value is too long. It should have {{ limit }} characters or less.', { '{{ value }}': JSON.stringify(body.name), '{{ limit }}': '255', '{{ value_length }}': String(length) }, pointer);
    }
  }
  if ('active' in body && typeof body.active !== 'boolean') throw violation('/0/active', 'This value should be of type boolean.');
  if ('stock' in body && !(typeof body.stock === 'number' && Number.isInteger(body.stock))) throw violation('/0/stock', 'This value should be of type int.');
  if ('description' in body && body.description !== null && typeof body.description !== 'string') throw violation('/0/description', 'This value should be of type string.');
  let price: ProductRow['price'] | undefined;
  if ('price' in body) {
    if (!Array.isArray(body.price)) throw violation('/0/price', 'This value should be of type array.');
    price = body.price.map((entry: unknown, i) => {
      const e = entry as Record<string, unknown>;
      if (typeof e !== 'object' || e === null || typeof e.currencyId !== 'string' || typeof e.gross !== 'number' || typeof e.net !== 'number' || typeof e.linked !== 'boolean') {
        throw violation(`/0/price/${i}`, 'Price needs currencyId, gross, net and linked.');
      }
      const list = e.listPrice as Record<string, unknown> | null | undefined;
      const listPrice = list != null && typeof list.gross === 'number' && typeof list.net === 'number' ? { currencyId: e.currencyId, gross: list.gross, net: list.net, linked: list.linked === true } : null;
      if (maxGross !== undefined && e.gross > maxGross) throw aboveMax(e.gross, maxGross, `/0/price/${i}/gross`);
      return { currencyId: e.currencyId, gross: e.gross, net: e.net, linked: e.linked, listPrice };
    });
    // `PriceFieldSerializer`: the default currency must keep a price [assumed code spelling]
    if (!price.some((p) => p.currencyId === DEFAULT_CURRENCY_ID)) {
      throw new ShopwareError(400, 'CONTENT__MISSING_DEFAULT_CURRENCY_PRICE', 'Bad Request', 'No price for default currency defined', { source: { pointer: '/0/price' } });
    }
  }
  if (typeof body.name === 'string') {
    product.name = body.name;
    product.translated.name = body.name;
  }
  if (typeof body.active === 'boolean') product.active = body.active;
  if (typeof body.stock === 'number') {
    product.stock = body.stock;
    product.availableStock = body.stock;
  }
  if ('description' in body) {
    product.description = (body.description as string | null) ?? null;
    product.translated.description = product.description ?? '';
  }
  // `price` is a JSON field: a write replaces the whole list (other currencies and list prices go)
  if (price !== undefined) product.price = price;
  product.updatedAt = new Date(now).toISOString().replace('Z', '+00:00');
}
