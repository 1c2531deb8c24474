/**
 * HAL collections as Foxy serves them (platforms.md 5.3, 5.6.5-6): `limit`/`offset` paging with all
 * five paging links on every page (the last page's `next` is itself), `total_items` as a string,
 * `order=field dir[,field dir]`, `fields=a,b`, `<field>=<value>` filters, `zoom=` embedding.
 */

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 300;
const RESERVED = new Set(['limit', 'offset', 'order', 'fields', 'zoom']);

export class QueryError extends Error {}

export interface CollectionQuery {
  limit: number;
  offset: number;
  order: { field: string; desc: boolean }[];
  fields: string[] | undefined;
  zoom: Set<string>;
  filters: Map<string, string>;
}

export interface CollectionSpec {
  /** Fields a filter or `order` may name. */
  filterable: readonly string[];
  /** Rels `zoom=` accepts. */
  zoomable: readonly string[];
}

function nonNegativeInteger(name: string, raw: string | null, fallback: number): number {
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new QueryError(`${name} must be a non-negative integer.`);
  return Number(raw);
}

export function parseCollectionQuery(params: URLSearchParams, spec: CollectionSpec): CollectionQuery {
  const limit = Math.min(MAX_LIMIT, nonNegativeInteger('limit', params.get('limit'), DEFAULT_LIMIT)) || DEFAULT_LIMIT;
  const offset = nonNegativeInteger('offset', params.get('offset'), 0);
  const order = (params.get('order') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [field = '', dir = 'asc', extra] = part.split(/\s+/);
      if (extra !== undefined || !/^(asc|desc)$/i.test(dir) || !spec.filterable.includes(field)) {
        throw new QueryError(`order: "${part.slice(0, 40)}" is not a sortable field and direction.`);
      }
      return { field, desc: dir.toLowerCase() === 'desc' };
    });
  const fieldsRaw = params.get('fields');
  const fields = fieldsRaw === null ? undefined : fieldsRaw.split(',').map((f) => f.trim()).filter((f) => f !== '');
  const zoom = new Set((params.get('zoom') ?? '').split(',').map((z) => z.trim()).filter((z) => z !== ''));
  for (const rel of zoom) {
    if (!spec.zoomable.includes(rel)) throw new QueryError(`zoom: "${rel.slice(0, 40)}" cannot be embedded here.`);
  }
  const filters = new Map<string, string>();
  for (const [key, value] of params) {
    if (RESERVED.has(key)) continue;
    if (!spec.filterable.includes(key)) throw new QueryError(`"${key.slice(0, 40)}" is not a filterable field.`);
    filters.set(key, value);
  }
  return { limit, offset, order, fields, zoom, filters };
}

function matches(value: unknown, wanted: string): boolean {
  if (typeof value === 'boolean') return wanted === (value ? 'true' : 'false') || wanted === (value ? '1' : '0');
  const text = value === null || value === undefined ? '' : String(value);
  if (wanted.includes('*')) {
    const pattern = new RegExp(`^${wanted.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
    return pattern.test(text);
  }
  return text === wanted;
}

/** A Foxy date-time (`2025-02-03T11:22:31-0800`) as an instant, else undefined: dates sort by time, not text. */
function instant(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:?\d\d$/.test(value)) return undefined;
  return Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [ta, tb] = [instant(a), instant(b)];
  if (ta !== undefined && tb !== undefined) return ta - tb;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

/** Filters and orders the records (plain objects with the wire field names). */
export function selectRecords<T extends Record<string, unknown>>(records: readonly T[], query: CollectionQuery): T[] {
  const selected = records.filter((r) => [...query.filters].every(([field, wanted]) => matches(r[field], wanted)));
  if (query.order.length > 0) {
    selected.sort((a, b) => {
      for (const { field, desc } of query.order) {
        const c = compare(a[field], b[field]);
        if (c !== 0) return desc ? -c : c;
      }
      return 0;
    });
  }
  return selected;
}

/** Keeps only the asked `fields` (plus `_links` and `_embedded`, which Foxy always sends). */
export function pickFields(resource: Record<string, unknown>, fields: string[] | undefined): Record<string, unknown> {
  if (fields === undefined) return resource;
  const picked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    if (key === '_links' || key === '_embedded' || fields.includes(key)) picked[key] = value;
  }
  return picked;
}

function pageHref(url: URL, limit: number, offset: number): string {
  const next = new URL(url.href);
  next.searchParams.set('limit', String(limit));
  next.searchParams.set('offset', String(offset));
  return next.href;
}

/**
 * One page of a collection. `url` is the absolute request URL (its other query pairs are kept in
 * every paging link); `rel` the embedded key (`fx:transactions`).
 */
export function collectionPage(
  url: URL,
  rel: string,
  all: readonly Record<string, unknown>[],
  query: CollectionQuery,
  curies: unknown,
): Record<string, unknown> {
  const { limit, offset } = query;
  const total = all.length;
  const page = all.slice(offset, offset + limit).map((r) => pickFields(r, query.fields));
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const nextOffset = offset + limit > lastOffset ? offset : offset + limit;
  return {
    _links: {
      curies,
      self: { href: pageHref(url, limit, offset), title: 'This Collection' },
      first: { href: pageHref(url, limit, 0), title: `First Page of this Collection` },
      prev: { href: pageHref(url, limit, Math.max(0, offset - limit)), title: 'Previous Page of this Collection' },
      next: { href: pageHref(url, limit, nextOffset), title: 'Next Page of this Collection' },
      last: { href: pageHref(url, limit, lastOffset), title: 'Last Page of this Collection' },
    },
    _embedded: { [rel]: page },
    total_items: String(total),
    returned_items: page.length,
    limit,
    offset,
  };
}
