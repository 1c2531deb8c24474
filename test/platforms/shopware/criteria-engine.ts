/**
 * The DAL search of the faithful server: parses a criteria body the way `RequestCriteriaBuilder`
 * does (platforms.md 4.3, 4.6.6), filters, sorts, pages, loads the asked associations, applies
 * `includes` by apiAlias, and says which privileges the criteria needs (`AclCriteriaValidator`).
 */
import { ENTITIES, type Context, type EntityDefinition, type Json, type Row } from './entities.ts';
import { ShopwareError } from './errors.ts';

export const MAX_LIMIT = 500;

interface Filter {
  type: string;
  field?: string;
  value?: unknown;
  parameters?: Record<string, unknown>;
  operator?: string;
  queries?: Filter[];
}

interface Sorting {
  field: string;
  order: 'ASC' | 'DESC';
  naturalSorting: boolean;
}

export interface AssociationTree {
  [name: string]: { associations: AssociationTree; sort: Sorting[]; limit?: number };
}

export interface Criteria {
  page: number;
  limit: number;
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

function invalid(code: string, detail: string, pointer: string): ShopwareError {
  return new ShopwareError(400, code, 'Bad Request', detail, { source: { pointer } });
}

function isObject(value: unknown): value is Json {
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
        if (typeof value.limit === 'number') entry.limit = value.limit;
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
    totalCountMode,
    term: typeof raw.term === 'string' && raw.term.trim() !== '' ? raw.term.trim() : undefined,
    ids,
    filter: filterRaw.map((f, i) => checkFilter(f, `/filter/${i}`)),
    sort: parseSort(raw.sort, '/sort'),
    associations: parseAssociations(raw.associations, '/associations'),
    includes,
  };
}

/** Every value a (dotted) field has on a row: to-many associations fan out. */
function fieldValues(def: EntityDefinition, row: Row, path: string[], ctx: Context): unknown[] {
  const [head = '', ...rest] = path;
  const association = def.associations[head];
  if (association !== undefined) {
    const target = ENTITIES[association.entity];
    if (target === undefined) return [];
    if (rest.length === 0) return association.load(row, ctx).map(() => true);
    return association.load(row, ctx).flatMap((r) => fieldValues(target, r, rest, ctx));
  }
  const special = rest.length === 0 ? def.sortValue?.(row, head, ctx) : undefined;
  if (special !== undefined) return [special];
  let value: unknown = def.fields(row, ctx)[head];
  if (value === undefined && !(head in def.fields(row, ctx))) {
    throw invalid('FRAMEWORK__INVALID_FILTER_QUERY', `Field "${path.join('.')}" in entity "${def.name}" was not found.`, '/filter');
  }
  for (const key of rest) value = isObject(value) ? value[key] : undefined;
  // a translated field (name) filters on the translation like the DAL
  if (head === 'name' && value === null) value = (def.fields(row, ctx).translated as Json | undefined)?.name;
  return [value];
}

function compareScalar(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

function matches(def: EntityDefinition, row: Row, filter: Filter, ctx: Context): boolean {
  switch (filter.type) {
    case 'multi': {
      const results = (filter.queries ?? []).map((q) => matches(def, row, q, ctx));
      return filter.operator === 'or' ? results.some(Boolean) : results.every(Boolean);
    }
    case 'not': {
      const results = (filter.queries ?? []).map((q) => matches(def, row, q, ctx));
      return !(filter.operator === 'or' ? results.some(Boolean) : results.every(Boolean));
    }
    default:
      break;
  }
  const values = fieldValues(def, row, (filter.field ?? '').split('.'), ctx);
  switch (filter.type) {
    case 'equals':
      return filter.value === null ? values.length === 0 || values.some((v) => v === null || v === undefined) : values.some((v) => compareScalar(v, filter.value));
    case 'equalsAny': {
      const wanted = Array.isArray(filter.value) ? filter.value : String(filter.value).split('|');
      return values.some((v) => wanted.some((w) => compareScalar(v, w)));
    }
    case 'contains':
      return values.some((v) => typeof v === 'string' && v.toLowerCase().includes(String(filter.value).toLowerCase()));
    case 'prefix':
      return values.some((v) => typeof v === 'string' && v.toLowerCase().startsWith(String(filter.value).toLowerCase()));
    case 'suffix':
      return values.some((v) => typeof v === 'string' && v.toLowerCase().endsWith(String(filter.value).toLowerCase()));
    case 'range': {
      const p = filter.parameters ?? {};
      return values.some((v) => {
        if (v === null || v === undefined) return false;
        const x = v as number;
        const bound = (b: unknown): number => b as number;
        return (p.gte === undefined || x >= bound(p.gte)) && (p.gt === undefined || x > bound(p.gt)) && (p.lte === undefined || x <= bound(p.lte)) && (p.lt === undefined || x < bound(p.lt));
      });
    }
    default:
      return false;
  }
}

/** Term search: any word in the name or product number; more matching words rank higher. */
function termScore(def: EntityDefinition, row: Row, term: string, ctx: Context): number {
  const words = term.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = ['name', 'productNumber', 'orderNumber', 'code']
    .flatMap((f) => (def.sortValue?.(row, f, ctx) ?? def.fields(row, ctx)[f]) ?? [])
    .map((v) => String(v).toLowerCase())
    .join(' ');
  return words.filter((w) => haystack.includes(w)).length;
}

function compareRows(def: EntityDefinition, sort: Sorting[], ctx: Context) {
  return (a: Row, b: Row): number => {
    for (const s of sort) {
      const av = fieldValues(def, a, s.field.split('.'), ctx)[0];
      const bv = fieldValues(def, b, s.field.split('.'), ctx)[0];
      let c = 0;
      if (av === bv) c = 0;
      else if (av === null || av === undefined) c = -1; // NULL sorts first in MySQL ASC
      else if (bv === null || bv === undefined) c = 1;
      else if (typeof av === 'string' && typeof bv === 'string') c = s.naturalSorting ? av.localeCompare(bv, 'en', { numeric: true }) : av.localeCompare(bv, 'en');
      else c = (av as number) < (bv as number) ? -1 : 1;
      if (c !== 0) return s.order === 'DESC' ? -c : c;
    }
    return 0;
  };
}

/** The `<entity>:read` privileges a criteria needs: its entity and every association's. */
export function requiredPrivileges(entity: string, tree: AssociationTree): string[] {
  const out = new Set<string>([`${entity}:read`]);
  const walk = (def: EntityDefinition | undefined, node: AssociationTree): void => {
    if (def === undefined) return;
    for (const [name, child] of Object.entries(node)) {
      const association = def.associations[name];
      if (association === undefined) throw invalid('FRAMEWORK__ASSOCIATION_NOT_FOUND', `Can not find association by name ${name}`, `/associations/${name}`);
      out.add(`${association.entity}:read`);
      const target = ENTITIES[association.entity];
      // autoloaded associations (product_media.media) are read too
      for (const auto of target?.autoload ?? []) out.add(`${target?.associations[auto]?.entity ?? auto}:read`);
      walk(target, child.associations);
    }
  };
  walk(ENTITIES[entity], tree);
  return [...out];
}

/** One entity as JSON, with its autoloaded and asked-for associations; the others are null. */
export function renderEntity(def: EntityDefinition, row: Row, tree: AssociationTree, ctx: Context): Json {
  const json: Json = def.fields(row, ctx);
  for (const [name, association] of Object.entries(def.associations)) {
    const asked = tree[name] ?? (def.autoload.includes(name) ? { associations: {}, sort: [] } : undefined);
    const target = ENTITIES[association.entity];
    if (asked === undefined || target === undefined) {
      json[name] = null;
      continue;
    }
    let rows = association.load(row, ctx);
    if (asked.sort.length > 0) rows = [...rows].sort(compareRows(target, asked.sort, ctx));
    if (asked.limit !== undefined) rows = rows.slice(0, asked.limit);
    const rendered = rows.map((r) => renderEntity(target, r, asked.associations, ctx));
    json[name] = association.many ? rendered : (rendered[0] ?? null);
  }
  json.apiAlias = def.name;
  return json;
}

/** `includes`: objects whose apiAlias is listed keep only the listed fields (and apiAlias). */
export function applyIncludes(value: unknown, includes: Record<string, string[]> | undefined): unknown {
  if (includes === undefined) return value;
  if (Array.isArray(value)) return value.map((v) => applyIncludes(v, includes));
  if (!isObject(value)) return value;
  const alias = typeof value.apiAlias === 'string' ? value.apiAlias : undefined;
  const keep = alias === undefined ? undefined : includes[alias];
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (keep !== undefined && key !== 'apiAlias' && !keep.includes(key)) continue;
    out[key] = applyIncludes(v, includes);
  }
  return out;
}

export interface SearchResult {
  total: number;
  rows: Row[];
  data: Json[];
}

/** Runs a criteria over rows. `scope` filters applied first (e.g. the Store API's active-only). */
export function search(entity: string, rows: Row[], criteria: Criteria, ctx: Context): SearchResult {
  const def = ENTITIES[entity];
  if (def === undefined) throw new Error(`no entity ${entity}`);
  let hits = rows.filter((row) => criteria.filter.every((f) => matches(def, row, f, ctx)));
  if (criteria.ids !== undefined) hits = hits.filter((row) => criteria.ids?.includes((row as { id: string }).id));
  const term = criteria.term;
  if (term !== undefined) {
    const scores = new Map(hits.map((row) => [row, termScore(def, row, term, ctx)]));
    hits = hits.filter((row) => (scores.get(row) ?? 0) > 0);
    if (criteria.sort.length === 0) hits.sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0));
  }
  if (criteria.sort.length > 0) hits.sort(compareRows(def, criteria.sort, ctx));
  const offset = (criteria.page - 1) * criteria.limit;
  const pageRows = hits.slice(offset, offset + criteria.limit);
  let total = pageRows.length;
  if (criteria.totalCountMode === 'exact') total = hits.length;
  // next-pages: the DAL looks ahead `limit * 5 + 1` rows [assumed from EntitySearcher]
  if (criteria.totalCountMode === 'next-pages') total = offset + Math.min(hits.length - offset, criteria.limit * 5 + 1);
  const data = pageRows.map((row) => applyIncludes(renderEntity(def, row, criteria.associations, ctx), criteria.includes) as Json);
  return { total, rows: pageRows, data };
}
