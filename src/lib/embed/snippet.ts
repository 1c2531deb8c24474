/**
 * The HTML a site owner pastes into their page to show a store's products. Pure.
 */

export interface EmbedSnippetOptions {
  /** Absolute URL of widget.js (from the app's own location: {@link widgetUrlFor}). */
  widgetUrl: string;
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
    `<script type="module" src="${escapeAttribute(options.widgetUrl)}"></script>`,
    `<storefront-products\n${element}\n></storefront-products>`,
  ].join('\n');
}
