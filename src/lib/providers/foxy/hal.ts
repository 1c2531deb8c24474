/**
 * HAL link walking for Foxy (platforms.md 5.3): links are looked up by relation, never built, and
 * a link is followed only when it is on the configured `apiBase`'s origin: the app's token must
 * never reach another origin (platforms.md 1.1, 5.5: "Links whose origin differs from `apiBase`
 * are never followed").
 * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11
 */
import { AppError } from '../../oauth/errors.ts';
import { invalidResponse, readObject, type WireObject } from '../wire.ts';
import { FOXY_REL } from './wire.ts';

/** The `href` of `rel` in `resource._links` (first one when it is an array), or undefined. */
export function findLink(resource: unknown, rel: string): string | undefined {
  if (typeof resource !== 'object' || resource === null) return undefined;
  const links = (resource as WireObject)['_links'];
  if (typeof links !== 'object' || links === null || Array.isArray(links)) return undefined;
  let link = (links as WireObject)[rel];
  if (Array.isArray(link)) link = link[0];
  if (typeof link !== 'object' || link === null) return undefined;
  const href = (link as WireObject)['href'];
  return typeof href === 'string' && href !== '' ? href : undefined;
}

/** True when `url` is an http(s) URL on exactly `apiBase`'s origin (scheme, host and port). */
export function isSameOrigin(url: string, apiBase: string): boolean {
  try {
    const target = new URL(url);
    return (target.protocol === 'https:' || target.protocol === 'http:') && target.origin === new URL(apiBase).origin && target.username === '' && target.password === '';
  } catch {
    return false;
  }
}

/**
 * The absolute URL of `rel`, resolved against `apiBase`, safe to request with the token.
 * Missing → API_INVALID_RESPONSE; on another origin → API_INVALID_RESPONSE too (the link is not followed).
 */
export function followLink(resource: unknown, rel: string, apiBase: string): string {
  const href = findLink(resource, rel);
  if (href === undefined) throw invalidResponse(`_links.${rel}`, 'a link');
  return checkFollowable(href, rel, apiBase);
}

function checkFollowable(href: string, rel: string, apiBase: string): string {
  let url: string;
  try {
    url = new URL(href, apiBase).href;
  } catch {
    throw invalidResponse(`_links.${rel}.href`, 'a URL');
  }
  if (!isSameOrigin(url, apiBase)) {
    // The message names the relation only: a link may carry identifiers of the account.
    throw new AppError('API_INVALID_RESPONSE', `link ${rel} points to another origin than the store's API; not followed`);
  }
  return url;
}

/** Adds query pairs (limit, offset, zoom, order ...) to a followed link. */
export function withQuery(url: string, query: Readonly<Record<string, string | number>>): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(query)) target.searchParams.set(key, String(value));
  return target.href;
}

/**
 * From the API home: the `fx:store` link of a store-scoped token. A user-scoped token's home has
 * `fx:stores` instead: CREDENTIALS_WRONG_SCOPE ("paste a store token").
 */
export function storeLink(home: unknown, apiBase: string): string {
  if (findLink(home, FOXY_REL.store) === undefined && findLink(home, FOXY_REL.stores) !== undefined) {
    throw new AppError('CREDENTIALS_WRONG_SCOPE', 'This bundle belongs to a Foxy user, not to one store: paste a store token (the store’s admin › Integrations › Get Token).');
  }
  return followLink(home, FOXY_REL.store, apiBase);
}

export interface CollectionPage {
  entries: readonly unknown[];
  total: number;
  offset: number;
  returned: number;
  /** The next page to request, or undefined on the last page (Foxy's last `next` is itself). */
  next: string | undefined;
}

function count(value: unknown, path: string): number {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw invalidResponse(path, 'a non-negative integer');
  return n;
}

/**
 * Reads one page of a collection: `_embedded[rel]` (absent when empty), `total_items` as string or
 * number. The page is the last when `offset + returned_items >= total_items`, when nothing came
 * back, or when `next` is the page itself.
 */
export function readCollectionPage(json: unknown, rel: string, apiBase: string): CollectionPage {
  const page = readObject(json, '$');
  const embedded = page['_embedded'] === undefined || page['_embedded'] === null ? {} : readObject(page['_embedded'], '$._embedded');
  const raw = embedded[rel] ?? [];
  if (!Array.isArray(raw)) throw invalidResponse(`$._embedded.${rel}`, 'an array');
  const entries = raw as readonly unknown[];
  const total = count(page['total_items'], '$.total_items');
  const offset = count(page['offset'] ?? 0, '$.offset');
  const returned = page['returned_items'] === undefined ? entries.length : count(page['returned_items'], '$.returned_items');
  const self = findLink(page, 'self');
  const nextHref = findLink(page, 'next');
  const last = returned === 0 || offset + returned >= total || nextHref === undefined || nextHref === self;
  return { entries, total, offset, returned, next: last ? undefined : followLink(page, 'next', apiBase) };
}

/**
 * Follows `next` from `first` and collects every entry, at most `maxPages` pages (the bound that
 * keeps a misbehaving server from looping us). `getJson` is the seam's authenticated GET.
 */
export async function collectPages(
  getJson: (url: string) => Promise<unknown>,
  first: string,
  rel: string,
  apiBase: string,
  maxPages: number,
): Promise<{ entries: unknown[]; total: number; complete: boolean }> {
  const entries: unknown[] = [];
  let url: string | undefined = first;
  let total = 0;
  const seen = new Set<string>();
  for (let n = 0; n < maxPages && url !== undefined && !seen.has(url); n++) {
    seen.add(url);
    const page = readCollectionPage(await getJson(url), rel, apiBase);
    entries.push(...page.entries);
    total = page.total;
    url = page.next;
  }
  return { entries, total, complete: url === undefined };
}
