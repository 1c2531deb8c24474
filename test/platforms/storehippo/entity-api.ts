/**
 * The entity routes of the StoreHippo server, free of sockets: `GET /api/{1|1.1}/entity/{entity}`
 * (list), `GET .../{entity}/{_id}`, `PUT .../ms.products/{_id}` (platforms.md 2.2). Auth and roles
 * are the caller's; this answers for an already-authorised key.
 */
import { BadRequest, matches, parseListQuery, project, sortRecords } from './list-query.ts';
import { ENTITIES, type Catalogue, type Entity, type WireRecord } from './seed.ts';

export interface ApiReply {
  status: number;
  json: unknown;
  headers?: Record<string, string>;
}

export const ENTITY_PATH = /^\/api\/(1|1\.1)\/entity\/([a-z_.]+)(?:\/([^/]+))?\/?$/;
const OBJECT_ID = /^[0-9a-f]{24}$/;

/** Fields a PUT may change; anything else in `data` is a 400. */
export const EDITABLE_FIELDS = ['name', 'price', 'compare_price', 'publish', 'inventory_quantity', 'description', 'categories'] as const;

export function message(key: string, text: string): { messages: { key: string; message: string }[] } {
  return { messages: [{ key, message: text }] };
}

export const notFound = (): ApiReply => ({ status: 404, json: message('ms.msg.not_found', 'Not found') });
export const badRequest = (text: string): ApiReply => ({ status: 400, json: message('ms.msg.bad_request', text) });

export function isEntity(name: string): name is Entity {
  return (ENTITIES as readonly string[]).includes(name);
}

export function recordsOf(catalogue: Catalogue, entity: Entity): WireRecord[] {
  if (entity === 'ms.products') return catalogue.products;
  if (entity === 'ms.orders') return catalogue.orders;
  return catalogue.coupons;
}

export function listEntity(records: WireRecord[], params: URLSearchParams, toWire: (r: WireRecord) => WireRecord): ApiReply {
  let query;
  try {
    query = parseListQuery(params);
  } catch (error) {
    if (error instanceof BadRequest) return badRequest(error.message);
    throw error;
  }
  const matching = sortRecords(records.filter((r) => matches(r, query.filters)), query.sort);
  const data = matching.slice(query.start, query.start + query.limit).map((r) => project(toWire(r), query.fields));
  return { status: 200, json: query.total ? { data, paging: { total: matching.length } } : { data } };
}

export function getEntity(records: WireRecord[], id: string, toWire: (r: WireRecord) => WireRecord): ApiReply {
  if (!OBJECT_ID.test(id)) return badRequest('invalid _id');
  const record = records.find((r) => r._id === id);
  return record === undefined ? notFound() : { status: 200, json: { data: toWire(record) } };
}

function normaliseEdit(data: Record<string, unknown>): Record<string, unknown> | string {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(data)) {
    if (!(EDITABLE_FIELDS as readonly string[]).includes(field)) return `field ${field} cannot be changed`;
    switch (field) {
      case 'name':
        if (typeof value !== 'string' || value.trim() === '') return 'name must be a non-empty string';
        out.name = value.trim();
        break;
      case 'description':
        if (typeof value !== 'string') return 'description must be a string';
        out.description = value;
        break;
      case 'price':
      case 'compare_price':
      case 'inventory_quantity': {
        const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
        if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return `${field} must be a number >= 0`;
        if (field === 'inventory_quantity' && !Number.isInteger(n)) return 'inventory_quantity must be a whole number';
        out[field] = n;
        break;
      }
      case 'publish':
        if (value === '1' || value === 1 || value === true) out.publish = '1';
        else if (value === '0' || value === 0 || value === false) out.publish = '0';
        else return 'publish must be "1" or "0"';
        break;
      case 'categories':
        if (!Array.isArray(value) || !value.every((c) => typeof c === 'string')) return 'categories must be a list of aliases';
        out.categories = value;
        break;
    }
  }
  return out;
}

/** PUT: merges the changed fields, sets `updated_on` (strictly later than before), returns the product. */
export function editProduct(products: WireRecord[], id: string, body: unknown, now: number, toWire: (r: WireRecord) => WireRecord): ApiReply {
  if (!OBJECT_ID.test(id)) return badRequest('invalid _id');
  const product = products.find((r) => r._id === id);
  if (product === undefined) return notFound();
  const data = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).data : undefined;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return badRequest('the body must be {"data":{...}}');
  const changes = normaliseEdit(data as Record<string, unknown>);
  if (typeof changes === 'string') return badRequest(changes);
  Object.assign(product, changes);
  bumpUpdated(product, now);
  return { status: 200, json: { data: toWire(product) } };
}

export function bumpUpdated(record: WireRecord, now: number): void {
  const previous = Date.parse(String(record.updated_on));
  record.updated_on = new Date(Number.isNaN(previous) ? now : Math.max(now, previous + 1)).toISOString();
}
