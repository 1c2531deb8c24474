/**
 * The HTML a site owner pastes into their page to show a store's products. Pure.
 */

export interface EmbedSnippetOptions {
  /** Absolute URL of the widget: its pinned copy ({@link pinnedWidget}), else widget.js ({@link widgetUrlFor}). */
  widgetUrl: string;
  /** The pinned copy's Subresource Integrity value (`sha384-…`); with it the script tag carries `integrity` and `crossorigin`. */
  integrity?: string;
  /** The store's API server (config.json apiBase). */
  apiBase: string;
  /** A storefront-only token (checked by the caller with checkEmbedToken); or, on a platform with a public storefront key, that key. */
  token: string;
  /** The store's platform when not Goodsie (`kind="shopware6"`): `token` is then its public storefront key (`access-key`). */
  kind?: string;
  /**
   * The shop's storefront address (config.json `storefrontUrl`), as `storefront-url`: a Shopware
   * widget links each card to the product's page there. Only an http(s) address is written.
   */
  storefrontUrl?: string;
  category?: string;
  search?: string;
  /** 1..100; omitted when undefined. */
  limit?: number;
  /** 1..12; omitted when undefined (as many columns as fit). */
  columns?: number;
  /**
   * The element's own content: a link to the store's site, shown until the script runs and when
   * the products cannot be shown. Only an http(s) `href` is written; otherwise there is none.
   */
  fallback?: { href: string; text: string };
}

/** Where widget.js lives: beside index.html, wherever the app is deployed. */
export function widgetUrlFor(baseUri: string): string {
  return new URL('widget.js', baseUri).href;
}

export interface PinnedWidget {
  url: string;
  integrity: string;
}

/**
 * Where the build lists the content-named copies of the widget files and their integrity, beside
 * widget.js. Not in `widget/`, whose files the headers cache for good (each name is its content):
 * this one's name stays while its content changes with every build, so it is revalidated instead,
 * or a CDN would keep pinning an old copy in new snippets.
 */
export const WIDGET_PINS = 'widget-integrity.json';

/**
 * The content-named copy of widget.js and its integrity, from {@link WIDGET_PINS} (written by the
 * build beside widget.js); null when there is none (the dev server) or it is malformed; 'no-cors'
 * when the host serves the copy without `Access-Control-Allow-Origin: *`: a pinned classic script is
 * fetched with CORS (`crossorigin`), so on a host without CORS headers (a plain static server) the
 * snippet loads widget.js unpinned rather than not at all, and the Embed screen says why.
 * @see https://www.w3.org/TR/SRI/
 */
export async function pinnedWidget(fetchFn: typeof fetch, baseUri: string): Promise<PinnedWidget | 'no-cors' | null> {
  try {
    const response = await fetchFn(new URL(WIDGET_PINS, baseUri).href, { cache: 'no-cache', credentials: 'same-origin' });
    if (!response.ok) return null;
    const entry = ((await response.json()) as Record<string, { file?: unknown; integrity?: unknown } | undefined>)['widget.js'];
    if (typeof entry?.file !== 'string' || !/^widget\/[0-9a-f]{16}\.js$/.test(entry.file)) return null;
    if (typeof entry.integrity !== 'string' || !/^sha384-[A-Za-z0-9+/]{64}$/.test(entry.integrity)) return null;
    const url = new URL(entry.file, baseUri).href;
    const copy = await fetchFn(url, { method: 'HEAD', cache: 'no-cache', credentials: 'same-origin' });
    if (!copy.ok) return null;
    if (copy.headers.get('Access-Control-Allow-Origin') !== '*') return 'no-cors';
    return { url, integrity: entry.integrity };
  } catch {
    return null;
  }
}

/** Escapes a value for a double-quoted HTML attribute. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes text content for HTML. */
export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `<tag name="value" …>` with every value escaped; a boolean attribute is written by name alone. */
function startTag(tag: string, attributes: readonly [string, string | true][]): string {
  return `<${tag}${attributes.map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`)).join('')}>`;
}

/**
 * The script tag: a classic script (widget.js is an IIFE), which needs no CORS header on the app's
 * host, deferred so it never holds up the page. More attributes (integrity, crossorigin) go in
 * this list.
 */
export function widgetScriptTag(widgetUrl: string, integrity?: string): string {
  const attributes: [string, string | true][] = [
    ['src', widgetUrl],
    ['defer', true],
  ];
  // SRI on a script from another origin needs a CORS fetch: only written when the host sends CORS.
  if (integrity) attributes.push(['integrity', integrity], ['crossorigin', 'anonymous']);
  return `${startTag('script', attributes)}</script>`;
}

/** The lines to paste: the script, then the element with its fallback link inside. */
export function buildEmbedSnippet(options: EmbedSnippetOptions): string {
  const attributes: [string, string][] = options.kind
    ? [
        ['kind', options.kind],
        ['api-base', options.apiBase],
        ['access-key', options.token],
      ]
    : [
        ['api-base', options.apiBase],
        ['token', options.token],
      ];
  if (options.storefrontUrl && /^https?:\/\//i.test(options.storefrontUrl)) attributes.push(['storefront-url', options.storefrontUrl]);
  if (options.category) attributes.push(['category', options.category]);
  if (options.search) attributes.push(['search', options.search]);
  if (options.limit !== undefined) attributes.push(['limit', String(options.limit)]);
  if (options.columns !== undefined) attributes.push(['columns', String(options.columns)]);
  const element = attributes.map(([name, value]) => `  ${name}="${escapeAttribute(value)}"`).join('\n');
  const href = options.fallback && /^https?:\/\//i.test(options.fallback.href) ? options.fallback.href : undefined;
  const inside = href && options.fallback ? `\n  <a href="${escapeAttribute(href)}">${escapeText(options.fallback.text)}</a>\n` : '';
  return [widgetScriptTag(options.widgetUrl, options.integrity), `<storefront-products\n${element}\n>${inside}</storefront-products>`].join('\n');
}
