/**
 * The deployment's response headers, derived from its config.json: a Content-Security-Policy whose
 * connect-src lists exactly the configured stores, and the rest of the headers `_headers` ships.
 * Pure; `csp-from-config.ts` is the command-line front (`npm run csp`).
 *
 * Decisions, per directive:
 * - default-src 'none': anything not listed below is refused.
 * - script-src 'self' / style-src 'self': the build emits only files (no inline script, Svelte's
 *   CSS goes to a .css file); no 'unsafe-inline', no 'unsafe-eval'.
 * - connect-src 'self' + each store's API, token endpoint and revocation endpoint origins: config.json is read
 *   from 'self'; the bearer token can only ever be sent to a configured store.
 * - img-src 'self' + each store's API origin and image origin (a store entry's `imageBase`) + its
 *   platform's picture hosts (a profile's `pictureOrigins`: FlickRocket's) + the image hosts
 *   config.json declares (`imageOrigins`). "Any https image" (`https:`) only when
 *   config.json opts in with `"anyHttpsImages": true`: an image cannot run script, but it can
 *   carry a tracking pixel or leak what the person looks at, so it is a deliberate choice.
 * - form-action 'none': the app submits no form anywhere (sign-in is a top-level navigation by
 *   location.assign, which form-action does not govern; CSP has no directive for it).
 * - frame-ancestors 'none': no site may frame the app (clickjacking of the consent flow).
 * - base-uri 'none', object-src 'none': no <base> hijack, no plugins.
 * - require-trusted-types-for 'script', trusted-types <the app's policies>: Trusted Types enforced.
 *   A string put into a DOM XSS sink (innerHTML, a script's or a worker's address, eval and the
 *   like) that no policy signed is refused (a TypeError) and reported; only the policies the app's
 *   pages make are allowed, each once (TRUSTED_TYPES_POLICIES: Svelte's for its templates,
 *   DOMPurify's for parsing merchant HTML, ours for the price-format worker's address). No
 *   'allow-duplicates' (a policy made twice is a bug), no 'default' policy (a pass-through for any
 *   sink).
 * @see https://www.w3.org/TR/CSP3/
 * @see https://w3c.github.io/trusted-types/dist/spec/
 */
import { ConfigError } from '../../src/lib/config/config-error.ts';
import { refuseMisspelt, validateConfigStrictly } from '../../src/lib/config/config-lint.ts';
import { isObject } from '../../src/lib/config/validate-config.ts';
import type { AppConfig } from '../../src/lib/config/types.ts';
import { getProvider } from '../../src/lib/providers/registry.ts';
import { isTrustworthy } from '../../src/lib/shared/loopback.ts';
import { WIDGET_PINS } from '../../src/lib/embed/snippet.ts';
import { TRUSTED_TYPES_POLICIES } from '../../src/lib/shared/trusted-types.ts';

/**
 * What the deployment tooling reads from config.json besides the stores. The app itself ignores
 * these fields (it never needs them at run time, and the first load stays small).
 */
export interface DeploymentConfig extends AppConfig {
  /** Image hosts besides the stores' own origins, e.g. ["https://cdn.shop.example"]. */
  imageOrigins?: string[];
  /** Allow images from any https origin (img-src https:). Off unless set to true. */
  anyHttpsImages?: boolean;
}

/**
 * Validates config.json for the deployment tooling: the stores as the app does, then the optional
 * `imageOrigins` (https origins, or http on loopback: isTrustworthy, the app's rule for a store's
 * addresses and pictures; nothing after the host) and `anyHttpsImages`,
 * and none of the file's own keys misspelt. Throws ConfigError naming the field.
 */
export function validateDeploymentConfig(json: unknown): DeploymentConfig {
  // A misspelt top-level key first (`imageOrigin`, `Stores`): dropped, it would leave the policy
  // refusing the images it was meant to allow, with nothing said.
  if (isObject(json)) refuseMisspelt({ entry: json, known: new Set(['stores', 'imageOrigins', 'anyHttpsImages']), path: '' });
  const config: DeploymentConfig = validateConfigStrictly(json);
  const raw = json as Record<string, unknown>;
  const images = raw['imageOrigins'];
  if (images !== undefined) {
    if (!Array.isArray(images)) throw new ConfigError('CONFIG_INVALID', 'imageOrigins', 'List image hosts as an array of origins, like ["https://cdn.shop.example"].');
    config.imageOrigins = images.map((value: unknown, index) => {
      const field = `imageOrigins[${index}]`;
      let url: URL | undefined;
      try {
        url = typeof value === 'string' ? new URL(value) : undefined;
      } catch {
        url = undefined;
      }
      if (!url || !isTrustworthy(url) || url.origin !== String(value).replace(/\/$/, '')) {
        throw new ConfigError('CONFIG_INVALID', field, 'Write each image host as an origin only, like "https://cdn.shop.example" (https, no path).');
      }
      return url.origin;
    });
  }
  const any = raw['anyHttpsImages'];
  if (any !== undefined && typeof any !== 'boolean') {
    throw new ConfigError('CONFIG_INVALID', 'anyHttpsImages', 'Set anyHttpsImages to true (allow images from any https host) or false.');
  }
  if (any === true) config.anyHttpsImages = true;
  return config;
}

export interface HeadersFileOptions {
  /** The path the app is deployed under, e.g. '/shops/acme/' (or its whole address). Default '/'. */
  basePath?: string;
}

function originOf(url: string): string {
  return new URL(url).origin;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** Origins the app calls with fetch: every store's API, token endpoint and revocation endpoint. */
export function connectOrigins(config: AppConfig): string[] {
  return unique(
    config.stores.flatMap((store) => [
      originOf(store.apiBase),
      ...('tokenEndpoint' in store && store.tokenEndpoint ? [originOf(store.tokenEndpoint)] : []),
      ...('revocationEndpoint' in store && store.revocationEndpoint ? [originOf(store.revocationEndpoint)] : []),
    ]),
  );
}

/**
 * img-src: 'self', the stores' API and image origins, their platforms' picture hosts, the declared
 * image hosts, and `https:` only on opt-in.
 */
export function imageSources(config: DeploymentConfig): string[] {
  const stores = config.stores.flatMap((store) => {
    const imageBase = (store as { imageBase?: unknown }).imageBase;
    return [originOf(store.apiBase), ...(typeof imageBase === 'string' ? [originOf(imageBase)] : []), ...(getProvider(store.kind).pictureOrigins ?? [])];
  });
  return unique(["'self'", ...(config.anyHttpsImages ? ['https:'] : []), ...stores, ...(config.imageOrigins ?? [])]);
}

/** The app's Content-Security-Policy header value. */
export function buildCsp(config: DeploymentConfig): string {
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', imageSources(config)],
    ['connect-src', ["'self'", ...connectOrigins(config)]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['object-src', ["'none'"]],
    ['require-trusted-types-for', ["'script'"]],
    ['trusted-types', [...TRUSTED_TYPES_POLICIES]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** Headers for every file of the app. */
export function appHeaders(config: DeploymentConfig): Record<string, string> {
  return {
    'Content-Security-Policy': buildCsp(config),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    // For browsers that predate frame-ancestors.
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/**
 * Extra headers for widget.js and widget.mjs (a page may load either as a module, a CORS request). Their names are
 * stable (pages link to them), so they are revalidated rather than cached for long.
 */
export const WIDGET_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Cache-Control': 'public, max-age=300, must-revalidate',
});

/**
 * widget/<hash>.js: the copies of the widget a snippet pins with `integrity` (and loads with
 * `crossorigin`, a CORS request): named by their content, so cached for good.
 */
export const PINNED_WIDGET_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Cache-Control': 'public, max-age=31536000, immutable',
});

/** assets/ files carry a content hash in their names: cache them for good. */
export const ASSET_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Cache-Control': 'public, max-age=31536000, immutable',
});

/** config.json is edited in place per deployment: always revalidate. */
export const CONFIG_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Cache-Control': 'no-cache',
});

/**
 * index.html, asked for by the deployment's own address (`/shops/acme/`) or by name: it names the
 * hashed chunks of its build, so it is revalidated at every visit (a 304 while unchanged). Sent
 * without a Cache-Control, a CDN and the browser keep it by their own rules (CloudFront its default
 * TTL, a day; a browser a tenth of its age since Last-Modified): after a new deployment a returning
 * visitor would get the old page, whose lazily loaded chunks are gone or going.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = CONFIG_HEADERS;

/**
 * The path pattern's prefix: `shops/acme` is `/shops/acme/`; the app's whole address
 * (`https://cdn.example.com/shops/acme/`, as docs and redirectUri write it) counts by its path, not
 * as a path of its own (`/https://…/*`, which matches no file: the site would go out with no headers).
 */
export function normaliseBase(basePath: string): string {
  let base = basePath.trim();
  if (/^https?:\/\//i.test(base)) base = new URL(base).pathname;
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
export function buildHeadersFile(config: DeploymentConfig, options: HeadersFileOptions = {}): string {
  const base = normaliseBase(options.basePath ?? '/');
  return [
    '# Response headers for Netlify / Cloudflare Pages, written from config.json by `npm run build` or `npm run csp`.',
    '# After editing config.json (or to deploy under another path), regenerate this file:',
    '#   npm run csp -- dist/config.json --base /shops/acme/ --out dist/_headers',
    '# Other CDNs: send the same headers (see docs/deployment.md). Every matching block applies.',
    block(`${base}*`, appHeaders(config)),
    '',
    block(`${base}widget.js`, WIDGET_HEADERS),
    '',
    block(`${base}widget.mjs`, WIDGET_HEADERS),
    '',
    block(`${base}widget/*`, PINNED_WIDGET_HEADERS),
    '',
    block(`${base}assets/*`, ASSET_HEADERS),
    '',
    block(`${base}config.json`, CONFIG_HEADERS),
    '',
    block(base, PAGE_HEADERS),
    '',
    block(`${base}index.html`, PAGE_HEADERS),
    '',
    // Its name stays, its content changes with each build: revalidated, as config.json.
    block(`${base}${WIDGET_PINS}`, CONFIG_HEADERS),
    '',
  ].join('\n');
}
