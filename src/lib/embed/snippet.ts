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
  /** A storefront-only token (checked by the caller with checkEmbedToken). */
  token: string;
  category?: string;
  search?: string;
  /** 1..100; omitted when undefined. */
  limit?: number;
  /** 1..12; omitted when undefined (as many columns as fit). */
  columns?: number;
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
 * The content-named copy of widget.js and its integrity, from `widget/integrity.json` (written by the
 * build beside widget.js); null when there is none (the dev server) or it is malformed.
 * @see https://www.w3.org/TR/SRI/
 */
export async function pinnedWidget(fetchFn: typeof fetch, baseUri: string): Promise<PinnedWidget | null> {
  try {
    const response = await fetchFn(new URL('widget/integrity.json', baseUri).href, { cache: 'no-cache', credentials: 'same-origin' });
    if (!response.ok) return null;
    const entry = ((await response.json()) as Record<string, { file?: unknown; integrity?: unknown } | undefined>)['widget.js'];
    if (typeof entry?.file !== 'string' || !/^widget\/[0-9a-f]{16}\.js$/.test(entry.file)) return null;
    if (typeof entry.integrity !== 'string' || !/^sha384-[A-Za-z0-9+/]{64}$/.test(entry.integrity)) return null;
    return { url: new URL(entry.file, baseUri).href, integrity: entry.integrity };
  } catch {
    return null;
  }
}

/** Escapes a value for a double-quoted HTML attribute. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The two lines to paste: the module script, then the element. */
export function buildEmbedSnippet(options: EmbedSnippetOptions): string {
  const attributes: [string, string][] = [
    ['api-base', options.apiBase],
    ['token', options.token],
  ];
  if (options.category) attributes.push(['category', options.category]);
  if (options.search) attributes.push(['search', options.search]);
  if (options.limit !== undefined) attributes.push(['limit', String(options.limit)]);
  if (options.columns !== undefined) attributes.push(['columns', String(options.columns)]);
  const element = attributes.map(([name, value]) => `  ${name}="${escapeAttribute(value)}"`).join('\n');
  return [
    `<script type="module" src="${escapeAttribute(options.widgetUrl)}"${
      options.integrity ? ` integrity="${escapeAttribute(options.integrity)}" crossorigin="anonymous"` : ''
    }></script>`,
    `<storefront-products\n${element}\n></storefront-products>`,
  ].join('\n');
}
