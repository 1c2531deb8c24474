/**
 * The DAL search of the faithful server over a parsed criteria (`criteria-parse.ts`): filters, sorts, pages, loads the asked associations, applies
 * `includes` by apiAlias, and says which privileges the criteria needs (`AclCriteriaValidator`).
 */
import { invalid, isObject, type AssociationTree, type Criteria, type Filter, type Sorting } from './criteria-parse.ts';
import { ENTITIES, type Context, type EntityDefinition, type Json, type Row } from './entities.ts';

export { MAX_LIMIT, parseCriteria, type AssociationTree, type Criteria } from './criteria-parse.ts';

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
      json[name] = association.unloaded === undefined ? null : [...association.unloaded];
      continue;
    }
    let rows = association.load(row, ctx);
    if (asked.sort.length > 0) rows = [...rows].sort(compareRows(target, asked.sort, ctx));
    // a limit pages each parent's own lines, after the sort (loadOneToManyWithPagination): the answer is
    // a plain list, with no count of the lines past the page
    if (asked.limit !== undefined) rows = rows.slice(asked.offset ?? 0, (asked.offset ?? 0) + asked.limit);
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
  const offset = criteria.offset;
  const pageRows = hits.slice(offset, offset + criteria.limit);
  let total = pageRows.length;
  if (criteria.totalCountMode === 'exact') total = hits.length;
  // next-pages: EntitySearcher fetches `limit * 6 + 1` rows from the offset and counts those (not the offset
  // before them), then slices back to the limit (`addTotalCountMode`, `getTotalCount`)
  if (criteria.totalCountMode === 'next-pages') total = Math.max(0, Math.min(hits.length - offset, criteria.limit * 6 + 1));
  const data = pageRows.map((row) => applyIncludes(renderEntity(def, row, criteria.associations, ctx), criteria.includes) as Json);
  return { total, rows: pageRows, data };
}
