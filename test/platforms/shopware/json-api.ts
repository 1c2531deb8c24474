/** The JSON:API rendering (application/vnd.api+json) an Admin API search gets for a wildcard or vnd.api+json Accept header. */
import type { Json } from './entities.ts';

interface Resource {
  id: string;
  type: string;
  attributes: Json;
  links: { self: string };
  relationships: Record<string, { data: { type: string; id: string } | { type: string; id: string }[] | null }>;
  meta: null;
}

function isEntity(value: unknown): value is Json & { id: string; apiAlias: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Json).id === 'string' && typeof (value as Json).apiAlias === 'string';
}

function toResource(entity: Json & { id: string; apiAlias: string }, apiBase: string, included: Map<string, Resource>): Resource {
  const attributes: Json = {};
  const relationships: Resource['relationships'] = {};
  for (const [key, value] of Object.entries(entity)) {
    if (key === 'id' || key === 'apiAlias') continue;
    if (isEntity(value)) {
      relationships[key] = { data: { type: value.apiAlias, id: value.id } };
      include(value, apiBase, included);
    } else if (Array.isArray(value) && value.length > 0 && value.every(isEntity)) {
      relationships[key] = { data: value.map((v) => ({ type: v.apiAlias, id: v.id })) };
      for (const v of value) include(v, apiBase, included);
    } else {
      attributes[key] = value;
    }
  }
  const path = entity.apiAlias.replaceAll('_', '-');
  return { id: entity.id, type: entity.apiAlias, attributes, links: { self: `${apiBase}/api/${path}/${entity.id}` }, relationships, meta: null };
}

function include(entity: Json & { id: string; apiAlias: string }, apiBase: string, included: Map<string, Resource>): void {
  const key = `${entity.apiAlias}:${entity.id}`;
  if (included.has(key)) return;
  included.set(key, toResource(entity, apiBase, included));
}

export function toJsonApi(entity: string, data: Json[], total: number, apiBase: string): Json {
  const included = new Map<string, Resource>();
  const resources = data.map((d) => toResource(d as Json & { id: string; apiAlias: string }, apiBase, included));
  return {
    data: resources,
    included: [...included.values()],
    links: { self: `${apiBase}/api/search/${entity.replaceAll('_', '-')}` },
    meta: { totalCountMode: 1, total },
    aggregations: [],
  };
}
