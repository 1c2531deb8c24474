/**
 * Parses a criteria body the way Shopware's `RequestCriteriaBuilder` does (platforms.md 4.3, 4.6.6):
 * page, limit (<= 500), total-count-mode, term, ids, filter, sort, associations, includes; a broken
 * one is a 400 with `source.pointer`.
 */
import type { Json } from './entities.ts';
import { ShopwareError } from './errors.ts';

export const MAX_LIMIT = 500;

export interface Filter {
  type: string;
  field?: string;
  value?: unknown;
  parameters?: Record<string, unknown>;
  operator?: string;
  queries?: Filter[];
}

export interface Sorting {
  field: string;
  order: 'ASC' | 'DESC';
  naturalSorting: boolean;
}

export interface AssociationTree {
  /**
   * `limit` and `offset` (from `page`): each parent's own page of a to-many association
   * (EntityReader::loadOneToManyWithPagination), none where no limit is sent.
   */
  [name: string]: { associations: AssociationTree; sort: Sorting[]; limit?: number; offset?: number };
}

export interface Criteria {
  page: number;
  limit: number;
  /** Rows skipped: `(page - 1) * limit` with the body's own limit, 0 when it sends none (`RequestCriteriaBuilder::setPage`). */
  offset: number;
  totalCountMode: 'none' | 'exact' | 'next-pages';
  term?: string;
  ids?: string[];
  filter: Filter[];
  sort: Sorting[];
  associations: AssociationTree;
  includes?: Record<string, string[]>;
}

const HEX32 = /^[0-9a-f]{32}$/;
const FILTER_TYPES = new Set(['equals', 'equalsAny', 'contains', 'range', 'multi', 'not', 'prefix', 'suffix']);

export function invalid(code: string, detail: string, pointer: string): ShopwareError {
  return new ShopwareError(400, code, 'Bad Request', detail, { source: { pointer } });
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseSort(raw: unknown, pointer: string): Sorting[] {
  if (raw === undefined) return [];
  if (typeof raw === 'string') {
    // `sort=-createdAt,name` (query-string form)
    return raw.split(',').filter(Boolean).map((f) => ({ field: f.replace(/^-/, ''), order: f.startsWith('-') ? 'DESC' : 'ASC', naturalSorting: false }));
  }
  if (!Array.isArray(raw)) throw invalid('FRAMEWORK__INVALID_SORT_QUERY', 'The sort parameter has to be an array.', pointer);
  return raw.map((s: unknown, i) => {
    if (!isObject(s) || typeof s.field !== 'string') throw invalid('FRAMEWORK__INVALID_SORT_QUERY', 'The "field" parameter is missing.', `${pointer}/${i}`);
    const order = typeof s.order === 'string' && s.order.toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
    return { field: s.field, order, naturalSorting: s.naturalSorting === true };
  });
}

/**
 * An association's `limit` and `page`, parsed as RequestCriteriaBuilder parses any criteria (a nested
 * one with no MAX_LIMIT): a limit of 1 or more, a page of 1 or more, the offset `(page - 1) * limit`.
 */
function associationPage(raw: Json, pointer: string): { limit?: number; offset?: number } {
  if (raw.limit === undefined || raw.limit === null) return {};
  const limit = positiveInteger(raw.limit);
  if (limit === undefined || limit <= 0) throw invalid('FRAMEWORK__INVALID_LIMIT_QUERY', `The limit parameter must be a positive integer greater or equals than 1. Given: ${String(raw.limit)}`, `${pointer}/limit`);
  const page = raw.page === undefined || raw.page === null ? 1 : positiveInteger(raw.page);
  if (page === undefined || page <= 0) throw invalid('FRAMEWORK__INVALID_PAGE_QUERY', `The page parameter must be a positive integer. Given: ${String(raw.page)}`, `${pointer}/page`);
  return { limit, offset: (page - 1) * limit };
}

function parseAssociations(raw: unknown, pointer: string): AssociationTree {
  const tree: AssociationTree = {};
  if (raw === undefined) return tree;
  if (!isObject(raw)) throw invalid('FRAMEWORK__INVALID_CRITERIA', 'The associations parameter has to be an object.', pointer);
  for (const [key, value] of Object.entries(raw)) {
    const path = key.split('.');
    let node = tree;
    path.forEach((name, i) => {
      node[name] ??= { associations: {}, sort: [] };
      const entry = node[name];
      if (i === path.length - 1 && isObject(value)) {
        Object.assign(entry.associations, parseAssociations(value.associations, `${pointer}/${key}/associations`));
        entry.sort = parseSort(value.sort, `${pointer}/${key}/sort`);
        Object.assign(entry, associationPage(value, `${pointer}/${key}`));
      }
      node = entry.associations;
    });
  }
  return tree;
}

function checkFilter(raw: unknown, pointer: string): Filter {
  if (!isObject(raw) || typeof raw.type !== 'string') throw invalid('FRAMEWORK__INVALID_FILTER_QUERY', 'The type parameter is missing.', pointer);
  if (!FILTER_TYPES.has(raw.type)) throw invalid('FRAMEWORK__INVALID_FILTER_QUERY', `Unsupported filter type: ${raw.type}`, `${pointer}/type`);
  if (raw.type === 'multi' || raw.type === 'not') {
    if (!Array.isArray(raw.queries)) throw invalid('FRAMEWORK__INVALID_FILTER_QUERY', 'The queries parameter has to be an array.', `${pointer}/queries`);
    return { type: raw.type, operator: typeof raw.operator === 'string' ? raw.operator.toLowerCase() : 'and', queries: raw.queries.map((q, i) => checkFilter(q, `${pointer}/queries/${i}`)) };
  }
  if (typeof raw.field !== 'string' || raw.field === '') throw invalid('FRAMEWORK__INVALID_FILTER_QUERY', 'Parameter "field" for filter is missing.', `${pointer}/field`);
  if (raw.type === 'range') {
    if (!isObject(raw.parameters)) throw invalid('FRAMEWORK__INVALID_FILTER_QUERY', 'The parameters parameter is missing.', `${pointer}/parameters`);
    return { type: 'range', field: raw.field, parameters: raw.parameters };
  }
  if (!('value' in raw)) throw invalid('FRAMEWORK__INVALID_FILTER_QUERY', 'Parameter "value" for filter is missing.', `${pointer}/value`);
  return { type: raw.type, field: raw.field, value: raw.value };
}

function positiveInteger(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

/** Parses a criteria body; throws ShopwareError 400 with `source.pointer` like the DAL. */
export function parseCriteria(body: unknown, defaults: { limit?: number } = {}): Criteria {
  const raw = isObject(body) ? body : {};
  const page = raw.page === undefined ? 1 : positiveInteger(raw.page);
  if (page === undefined || page <= 0) throw invalid('FRAMEWORK__INVALID_PAGE_QUERY', `The page parameter must be a positive integer. Given: ${String(raw.page)}`, '/page');
  const limit = raw.limit === undefined ? (defaults.limit ?? MAX_LIMIT) : positiveInteger(raw.limit);
  if (limit === undefined || limit <= 0) throw invalid('FRAMEWORK__INVALID_LIMIT_QUERY', `The limit parameter must be a positive integer greater or equals than 1. Given: ${String(raw.limit)}`, '/limit');
  if (limit > MAX_LIMIT) throw invalid('FRAMEWORK__QUERY_LIMIT_EXCEEDED', `The limit must be lower than or equal to MAX_LIMIT(=${MAX_LIMIT}). Given: ${limit}`, '/limit');
  const mode = raw['total-count-mode'];
  const totalCountMode = mode === 1 || mode === '1' || mode === 'exact' ? 'exact' : mode === 2 || mode === '2' || mode === 'next-pages' ? 'next-pages' : 'none';
  let ids: string[] | undefined;
  if (raw.ids !== undefined) {
    const list = Array.isArray(raw.ids) ? raw.ids : typeof raw.ids === 'string' ? raw.ids.split('|') : null;
    if (list === null) throw invalid('FRAMEWORK__INVALID_IDS_PARAMETER', 'The ids parameter has to be an array.', '/ids');
    list.forEach((id: unknown, i) => {
      if (typeof id !== 'string' || !HEX32.test(id)) throw invalid('FRAMEWORK__INVALID_UUID', `Value is not a valid UUID: ${String(id)}`, `/ids/${i}`);
    });
    ids = list as string[];
  }
  const filterRaw = raw.filter ?? [];
  if (!Array.isArray(filterRaw)) throw invalid('FRAMEWORK__INVALID_FILTER_QUERY', 'The filter parameter has to be a list of filters.', '/filter');
  let includes: Record<string, string[]> | undefined;
  if (isObject(raw.includes)) {
    includes = {};
    for (const [alias, fields] of Object.entries(raw.includes)) {
      if (Array.isArray(fields)) includes[alias] = fields.filter((f): f is string => typeof f === 'string');
    }
  }
  return {
    page,
    limit,
    // a page without a limit starts at the first row: Shopware multiplies by the body's limit, `?? 0`
    offset: (page - 1) * (raw.limit === undefined ? 0 : limit),
    totalCountMode,
    term: typeof raw.term === 'string' && raw.term.trim() !== '' ? raw.term.trim() : undefined,
    ids,
    filter: filterRaw.map((f, i) => checkFilter(f, `/filter/${i}`)),
    sort: parseSort(raw.sort, '/sort'),
    associations: parseAssociations(raw.associations, '/associations'),
    includes,
  };
}

