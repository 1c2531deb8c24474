/**
 * The widget's attributes, read into one checked value. Pure: takes a getter, so it is tested
 * without a DOM. A problem names the attribute to fix, never its value (the token is a secret),
 * in the console's words (OptionsProblem).
 */
import { WIDGET_READERS } from '../lib/providers/storefronts.ts';
import type { StorefrontQuery } from '../lib/providers/types.ts';
import { parseHttpUrl } from '../lib/sanitize/safe-url.ts';
import { isTrustworthy } from '../lib/shared/loopback.ts';
import { TOKEN_SYNTAX } from '../lib/shared/token-syntax.ts';

/**
 * Every attribute `<storefront-products>` reads for what to show (its words, `text-*`, are read as
 * it draws: words.ts). A change to any attribute of the element has it read them again
 * (storefront-products.ts): one that asks nothing new draws nothing.
 */
export type WidgetAttribute = 'kind' | 'api-base' | 'token' | 'access-key' | 'storefront-url' | 'category' | 'search' | 'limit' | 'columns';

export const DEFAULT_LIMIT = 12;
export const MAX_LIMIT = 100;
export const MAX_COLUMNS = 12;

/**
 * What the storefront reader is asked (`apiBase` normalised, no trailing slash; `token` from the
 * `token` attribute, or for a Shopware store its `access-key`; `storefrontUrl` from `storefront-url`,
 * no trailing slash, '' when absent; `limit` 1..100), and the layout.
 */
export interface WidgetOptions extends StorefrontQuery {
  /** The store's platform (config.json `kind`); `goodsie` when the attribute is absent. */
  kind: string;
  /** At most this many columns, 1..12 (fewer on a narrow screen), or null for as many as fit. */
  columns: number | null;
}

/**
 * What is wrong with the attributes, in the words the console shows the site owner (messages.ts has
 * those of a failed load): each names the attribute to fix, never its value. The words themselves,
 * not a code looked up in a table: every page that embeds the widget downloads them once, not twice.
 */
export type OptionsProblem =
  | `kind must be ${string}.`
  | 'no api-base attribute.'
  | 'api-base is not an http(s) URL.'
  | 'api-base must start with https://.'
  | 'no token attribute (Shopware: access-key).'
  | 'the token attribute is not a token.';

export type OptionsResult = { ok: true; options: WidgetOptions } | { ok: false; problem: OptionsProblem };

/** An integer attribute within min..max; anything else (missing, "abc", "2.5") gives `fallback`. Out of range is clamped. */
export function parseBoundedInteger(value: string | null, min: number, max: number, fallback: number): number;
export function parseBoundedInteger(value: string | null, min: number, max: number, fallback: null): number | null;
export function parseBoundedInteger(value: string | null, min: number, max: number, fallback: number | null): number | null {
  // (null is tested as the text "null": no match, so a number follows)
  if (!/^\s*[+-]?\d+\s*$/.test(value as string)) return fallback;
  return Math.min(max, Math.max(min, +value!));
}

/**
 * The API base as the app's config writes it: absolute http(s), https unless the host is loopback
 * (the token travels there), no credentials, no query or fragment.
 */
export function parseApiBase(value: string | null): { ok: true; apiBase: string } | { ok: false; problem: OptionsProblem } {
  if (!value?.trim()) return { ok: false, problem: 'no api-base attribute.' };
  const url = parseHttpUrl(value);
  if (!url || url.search || url.hash) return { ok: false, problem: 'api-base is not an http(s) URL.' };
  if (!isTrustworthy(url)) return { ok: false, problem: 'api-base must start with https://.' };
  return { ok: true, apiBase: url.href.replace(/\/+$/, '') };
}

/**
 * The attributes as one checked value, or the first problem: the kind first (it says which
 * credential attribute counts), then api-base, then the credential.
 */
export function readWidgetOptions(get: (name: WidgetAttribute) => string | null): OptionsResult {
  const text = (name: WidgetAttribute): string => (get(name) ?? '').trim();
  const kind = text('kind') || 'goodsie';
  if (!WIDGET_READERS.has(kind)) return { ok: false, problem: `kind must be ${[...WIDGET_READERS.keys()].join(' or ')}.` };
  const base = parseApiBase(get('api-base'));
  if (!base.ok) return base;
  const token = (kind === 'shopware6' && get('access-key') !== null ? text('access-key') : text('token'));
  if (!token) return { ok: false, problem: 'no token attribute (Shopware: access-key).' };
  if (!TOKEN_SYNTAX.test(token)) return { ok: false, problem: 'the token attribute is not a token.' };
  return {
    ok: true,
    options: {
      kind,
      apiBase: base.apiBase,
      token,
      storefrontUrl: text('storefront-url').replace(/\/+$/, ''),
      category: text('category'),
      search: text('search'),
      limit: parseBoundedInteger(get('limit'), 1, MAX_LIMIT, DEFAULT_LIMIT),
      columns: parseBoundedInteger(get('columns'), 1, MAX_COLUMNS, null),
    },
  };
}

/**
 * What the store is asked, as one string: every option but the columns (layout only), so two
 * widgets, or one before and after an attribute change, ask the same exactly when their keys are
 * equal: the same kind, api-base, credential, category, search, limit and storefront-url (which the
 * cards' links are made from). From readWidgetOptions, so the keys are always in the same order.
 */
export function queryKey(options: WidgetOptions): string {
  return JSON.stringify({ ...options, columns: 0 });
}
