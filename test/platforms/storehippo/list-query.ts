/**
 * How the StoreHippo server reads a list request (platforms.md 2.3, 2.6.3-5): `filters` as one JSON
 * string or in bracket notation (`filters[0][field]=...`, what the SDK's `qs` emits), the
 * operators, `start`/`limit` offset paging (limit capped at 100), `sort=field|-field`, `fields`.
 * Throws `BadRequest` for what the server answers with 400.
 */
import type { WireRecord } from './seed.ts';

export class BadRequest extends Error {}

export interface Filter {
  field: string;
  operator: string;
  value: unknown;
}

export interface ListQuery {
  filters: Filter[];
  start: number;
  limit: number;
  sort: { field: string; descending: boolean } | undefined;
  total: boolean;
  fields: string[] | undefined;
}

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;
export const OPERATORS = ['equal', 'eq', 'in', 'less_than', 'greater_than', 'gte', 'regex'] as const;

/** `filters[0][value][1]=x` -> path ['0', 'value', '1']; `filters[0][value][]=x` appends. */
function parseBrackets(params: URLSearchParams, name: string): unknown {
  let root: unknown;
  for (const [key, value] of params) {
    if (!key.startsWith(`${name}[`)) continue;
    const parts = [...key.slice(name.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '');
    if (parts.length === 0) continue;
    root ??= /^\d+$/.test(parts[0] ?? '') || parts[0] === '' ? [] : {};
    let node = root as Record<string, unknown>;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const nextIsIndex = !last && (/^\d+$/.test(parts[i + 1] ?? '') || parts[i + 1] === '');
      const slot = part === '' && Array.isArray(node) ? String(node.length) : part;
      if (last) node[slot] = value;
      else {
        node[slot] ??= nextIsIndex ? [] : {};
        node = node[slot] as Record<string, unknown>;
      }
    });
  }
  return root;
}

function readFilters(params: URLSearchParams): Filter[] {
  let raw: unknown;
  const text = params.get('filters');
  if (text !== null) {
    try {
      raw = JSON.parse(text) as unknown;
    } catch {
      throw new BadRequest('filters is not valid JSON');
    }
  } else {
    raw = parseBrackets(params, 'filters');
  }
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : typeof raw === 'object' && raw !== null ? Object.values(raw) : undefined;
  if (list === undefined) throw new BadRequest('filters must be a list of {field, operator, value}');
  return list.map((item) => {
    if (typeof item !== 'object' || item === null) throw new BadRequest('each filter must be an object');
    const { field, operator = 'equal', value } = item as Record<string, unknown>;
    if (typeof field !== 'string' || field === '') throw new BadRequest('a filter has no field');
    if (typeof operator !== 'string' || !(OPERATORS as readonly string[]).includes(operator)) {
      throw new BadRequest(`unknown filter operator`);
    }
    if (operator === 'regex') {
      if (typeof value !== 'string') throw new BadRequest('a regex filter needs a string value');
      try {
        new RegExp(value, 'i');
      } catch {
        throw new BadRequest('the regex filter does not compile');
      }
    }
    return { field, operator, value };
  });
}

function readInteger(params: URLSearchParams, name: string, fallback: number): number {
  const text = params.get(name);
  if (text === null || text === '') return fallback;
  if (!/^\d+$/.test(text)) throw new BadRequest(`${name} must be a whole number`);
  return Number(text);
}

export function parseListQuery(params: URLSearchParams): ListQuery {
  const sortText = params.get('sort');
  let fields: string[] | undefined;
  const fieldsText = params.get('fields');
  if (fieldsText !== null) {
    try {
      const parsed = JSON.parse(fieldsText) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      fields = Object.entries(parsed).filter(([, v]) => v === 1 || v === true || v === '1').map(([k]) => k);
    } catch {
      throw new BadRequest('fields is not a JSON object');
    }
  }
  return {
    filters: readFilters(params),
    start: readInteger(params, 'start', 0),
    limit: Math.min(MAX_LIMIT, Math.max(1, readInteger(params, 'limit', DEFAULT_LIMIT))),
    sort:
      sortText === null || sortText === '' || sortText === '-'
        ? undefined
        : sortText.startsWith('-')
          ? { field: sortText.slice(1), descending: true }
          : { field: sortText, descending: false },
    total: params.get('total') === '1' || params.get('total') === 'true',
    fields,
  };
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function same(a: unknown, b: unknown): boolean {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  return String(a) === String(b);
}

function matchesOne(actual: unknown, filter: Filter): boolean {
  const { operator, value } = filter;
  switch (operator) {
    case 'equal':
    case 'eq':
      return same(actual, value);
    case 'in':
      return (Array.isArray(value) ? value : [value]).some((v) => same(actual, v));
    case 'regex':
      return typeof actual === 'string' && new RegExp(String(value), 'i').test(actual);
    default: {
      const a = asNumber(actual);
      const b = asNumber(value);
      if (a === undefined || b === undefined) return false;
      if (operator === 'less_than') return a < b;
      if (operator === 'greater_than') return a > b;
      return a >= b; // gte
    }
  }
}

/** An array field matches when any element does (so `categories in [...]` works). */
export function matches(record: WireRecord, filters: readonly Filter[]): boolean {
  return filters.every((filter) => {
    const actual = record[filter.field];
    return Array.isArray(actual) ? actual.some((item) => matchesOne(item, filter)) : matchesOne(actual, filter);
  });
}

/** Missing values sort last in both directions; ties keep `_id` order. */
export function sortRecords(records: WireRecord[], sort: ListQuery['sort']): WireRecord[] {
  if (sort === undefined) return records;
  const { field, descending } = sort;
  return [...records].sort((x, y) => {
    const a = x[field];
    const b = y[field];
    const aMissing = a === undefined || a === null || a === '';
    const bMissing = b === undefined || b === null || b === '';
    if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
    const na = asNumber(a);
    const nb = asNumber(b);
    const order = na !== undefined && nb !== undefined ? na - nb : String(a).localeCompare(String(b), 'en');
    return descending ? -order : order;
  });
}

export function project(record: WireRecord, fields: readonly string[] | undefined): WireRecord {
  if (fields === undefined) return record;
  const out: WireRecord = { _id: record._id };
  for (const field of fields) if (field in record) out[field] = record[field];
  return out;
}
