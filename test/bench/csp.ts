/**
 * The deployment's response headers, derived from its config.json: a Content-Security-Policy whose
 * connect-src lists exactly the configured stores, and the rest of the headers `_headers` ships.
 * Pure; `csp-from-config.ts` is the command-line front (`npm run csp`).
 *
 * Decisions, per directive:
 * - default-src 'none': anything not listed below is refused.
 * - script-src 'self' / style-src 'self': the build emits only files (no inline script, Svelte's
 *   CSS goes to a .css file); no 'unsafe-inline', no 'unsafe-eval'.
 * - connect-src 'self' + each store's API origin and token endpoint origin: config.json is read
 *   from 'self'; the bearer token can only ever be sent to a configured store.
 * - img-src 'self' https: (+ any plain-http loopback store origin, for the demo): product images are
 *   hosted wherever the merchant put them (store origin, image CDNs), which config.json does not
 *   list. An image cannot run script, so allowing any https image costs little; `strictImages`
 *   narrows img-src to the store origins when the stores are known to serve their own images.
 * - form-action 'none': the app submits no form anywhere (sign-in is a top-level navigation by
 *   location.assign, which form-action does not govern; CSP has no directive for it).
 * - frame-ancestors 'none': no site may frame the app (clickjacking of the consent flow).
 * - base-uri 'none', object-src 'none': no <base> hijack, no plugins.
 * @see https://www.w3.org/TR/CSP3/
 */
import type { AppConfig } from '../../src/lib/config/types.ts';

export interface CspOptions {
  /** img-src lists only 'self' and the store origins instead of any https: image. */
  strictImages?: boolean;
}

export interface HeadersFileOptions extends CspOptions {
  /** The path the app is deployed under, e.g. '/shops/acme/'. Default '/'. */
  basePath?: string;
}

function originOf(url: string): string {
  return new URL(url).origin;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** Origins the app calls with fetch: every store's API and (code flow) token endpoint. */
export function connectOrigins(config: AppConfig): string[] {
  return unique(
    config.stores.flatMap((store) => [originOf(store.apiBase), ...('tokenEndpoint' in store && store.tokenEndpoint ? [originOf(store.tokenEndpoint)] : [])]),
  );
}

/** Origins product images are expected from when img-src is strict: the stores' API origins and image CDNs (`imageBase`). */
export function imageOrigins(config: AppConfig, options: CspOptions = {}): string[] {
  const stores = unique(config.stores.flatMap((store) => [originOf(store.apiBase), ...('imageBase' in store && store.imageBase ? [originOf(store.imageBase)] : [])]));
  if (options.strictImages) return ["'self'", ...stores];
  // `https:` covers every https store; plain-http (loopback demo) stores must be named.
  return ["'self'", 'https:', ...stores.filter((origin) => origin.startsWith('http:'))];
}

/** The app's Content-Security-Policy header value. */
export function buildCsp(config: AppConfig, options: CspOptions = {}): string {
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', imageOrigins(config, options)],
    ['connect-src', ["'self'", ...connectOrigins(config)]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['object-src', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** Headers for every file of the app. */
export function appHeaders(config: AppConfig, options: CspOptions = {}): Record<string, string> {
  return {
    'Content-Security-Policy': buildCsp(config, options),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    // For browsers that predate frame-ancestors.
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/**
 * Extra headers for widget.js, which other sites load as a module (a CORS request). Its name is
 * stable (pages link to it), so it is revalidated rather than cached for long.
 */
export const WIDGET_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Cache-Control': 'public, max-age=300, must-revalidate',
});

/** assets/ files carry a content hash in their names: cache them for good. */
export const ASSET_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Cache-Control': 'public, max-age=31536000, immutable',
});

/** config.json is edited in place per deployment: always revalidate. */
export const CONFIG_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Cache-Control': 'no-cache',
});

function normaliseBase(basePath: string): string {
  let base = basePath.trim();
  if (!base.startsWith('/')) base = `/${base}`;
  if (!base.endsWith('/')) base = `${base}/`;
  return base;
}

function block(path: string, headers: Readonly<Record<string, string>>): string {
  return [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n');
}

/**
 * A `_headers` file (the format Netlify and Cloudflare Pages read: a path pattern, then indented
 * `Name: value` lines; every matching block applies).
 * @see https://docs.netlify.com/routing/headers/
 * @see https://developers.cloudflare.com/pages/configuration/headers/
 */
export function buildHeadersFile(config: AppConfig, options: HeadersFileOptions = {}): string {
  const base = normaliseBase(options.basePath ?? '/');
  return [
    '# Response headers for Netlify / Cloudflare Pages, generated from config.json by `npm run csp`.',
    '# After editing config.json (or to deploy under another path), regenerate this file:',
    '#   npm run -s csp -- dist/config.json --base /shops/acme/ > dist/_headers',
    '# Other CDNs: send the same headers (see docs/deployment.md). Every matching block applies.',
    block(`${base}*`, appHeaders(config, options)),
    '',
    block(`${base}widget.js`, WIDGET_HEADERS),
    '',
    block(`${base}assets/*`, ASSET_HEADERS),
    '',
    block(`${base}config.json`, CONFIG_HEADERS),
    '',
  ].join('\n');
}
