/**
 * A Goodsie-style demo store: OAuth 2.0 authorization server + store API + its own images, on
 * `node:http`. Both `npm run demo` and every end-to-end test start it through `startDemoStore`.
 * Implements /work/shared/goodsie-api.yaml, quirks included (`expire_in`, lower-case `bearer`,
 * float prices, fewer scopes than asked).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthorizationServer, SHOPPER_COOKIE, type DemoClient } from './authorization-server.ts';
import { Catalogue, formatCost, productToWire } from './catalogue.ts';
import { htmlSecurityHeaders, renderErrorPage, renderHomePage, renderProductPage, renderStorePage } from './html-pages.ts';
import {
  closeServer,
  corsHeaders,
  createHandlerServer,
  listenOn,
  errorReply,
  mediaType,
  parseCookies,
  readBody,
  send,
  sleep,
} from './http-utils.ts';
import { renderLogoSvg, renderProductSvg } from './images.ts';
import { PHOTO_VARIANTS, photoPng } from './photos.ts';
import { ALL_SCOPES, isScope } from './scopes.ts';
import { StoreApi } from './store-api.ts';
import { Traffic } from './traffic.ts';
import { Hangs } from './hangs.ts';

export type { DemoClient } from './authorization-server.ts';

export interface DemoStoreOptions {
  /** Default 4010; tests pass 0. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default: one public client 'storefront-connect-demo' named 'Storefront Connect', redirect http://127.0.0.1:5173/. */
  clients?: DemoClient[];
  /** The app's origins: every API call. Default ['http://127.0.0.1:5173', 'http://localhost:5173']. */
  allowedOrigins?: string[];
  /**
   * Default true: storefront reads (GET of products, metadata, pages) are allowed from any origin,
   * as the embeddable widget needs (a storefront-only token on a public page is meant to be called
   * from anywhere). False: only `allowedOrigins`, for every call.
   */
  storefrontFromAnyOrigin?: boolean;
  /** Default 315360000 (ten years: "effectively non-expiring"). */
  tokenLifetimeSeconds?: number;
  /** Default all three scopes. */
  maxScopes?: string[];
  /** Added to every API and token-endpoint response. Default 0. */
  latencyMs?: number;
  /** Per token (or per IP without one), on the API. Default null (off). */
  rateLimit?: { requests: number; windowMs: number } | null;
  /**
   * Default true. False leaves WWW-Authenticate out of the API's Access-Control-Expose-Headers, as
   * many real stores do: a page on another origin then cannot read the 403's challenge.
   */
  exposeWwwAuthenticate?: boolean;
  hostileProducts?: boolean;
  /** Default false. True: a few products, an order and a coupon in right-to-left scripts on top (rtl.ts). */
  rtlProducts?: boolean;
  /** Default 520 (hostile products come on top). */
  productCount?: number;
  /** Default false. True: every authorization response carries `iss` = the store's origin (RFC 9207). */
  sendIssuer?: boolean;
  /**
   * Default false: product pictures are SVG drawings. True: each product picture URL (the same
   * URLs) answers with a 400 x 400 PNG (photos.ts), as a real store's photos are raster; for the
   * warm-start and sign-in bench, where an SVG costs Chromium a document of its own on the main thread.
   */
  photoPictures?: boolean;
}

export interface DemoStore {
  /** e.g. http://127.0.0.1:4010 */
  origin: string;
  close(): Promise<void>;
  /** Every access and refresh token becomes invalid. */
  revokeAllTokens(): void;
  /** Access tokens invalid, refresh tokens still valid. */
  expireAccessTokens(): void;
  setMaxScopes(scopes: string[]): void;
  /** Every live access and refresh token keeps only these of its scopes (new sign-ins are unaffected). */
  narrowGrants(scopes: string[]): void;
  addClient(client: DemoClient): void;
  addAllowedOrigin(origin: string): void;
  /** Simulates an edit elsewhere (bumps `updated`); `categories` replaces the product's. */
  touchProduct(id: string, changes?: { name?: string; cost_raw?: number; categories?: string[] }): void;
  /** The server's current wire copy (as an admin sees it), for assertions; undefined if unknown. */
  getProduct(id: string): unknown;
  /** Every shopper account's cart as the store holds it, oldest first (for assertions). */
  carts(): Array<Array<{ product_id: string; quantity: number }>>;
  /** Simulates a picture gone from the server (its file lost): its URL answers 404, the product still names it. */
  losePicture(url: string): void;
  /** Counters for tests (revocations: requests to /oauth2/revoke). */
  stats(): { tokenRequests: number; apiRequests: number; revocations: number };
  /** Tokens seen and revoked, and planned token-endpoint failures (traffic.ts). */
  traffic: Traffic;
  /** API routes made to hang (never answer) until released (hangs.ts). */
  hangs: Hangs;
}

export const DEFAULT_PORT = 4010;
export const DEFAULT_CLIENT: DemoClient = {
  clientId: 'storefront-connect-demo',
  name: 'Storefront Connect',
  redirectUris: ['http://127.0.0.1:5173/'],
};
export const DEFAULT_ALLOWED_ORIGINS: readonly string[] = ['http://127.0.0.1:5173', 'http://localhost:5173'];
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 315_360_000;

const API_METHODS = 'GET, POST, PATCH, OPTIONS';
const TOKEN_METHODS = 'POST, OPTIONS';
const IMAGE_PATH = /^\/images\/([A-Za-z0-9_-]+?)(?:\.(\d+))?\.svg$/;
const PRODUCT_PAGE_PATH = /^\/products\/([A-Za-z0-9_-]+)$/;
const STORE_PAGE_PATH = /^\/pages\/([a-z0-9-]+)$/;

function validateOptions(options: DemoStoreOptions): void {
  const lifetime = options.tokenLifetimeSeconds;
  if (lifetime !== undefined && !(Number.isInteger(lifetime) && lifetime > 0)) {
    throw new Error('tokenLifetimeSeconds must be a positive integer');
  }
  const unknown = (options.maxScopes ?? []).filter((s) => !isScope(s));
  if (unknown.length > 0) throw new Error(`unknown scope(s) in maxScopes: ${unknown.join(', ')}`);
  const limit = options.rateLimit;
  if (limit != null && !(limit.requests > 0 && limit.windowMs > 0)) {
    throw new Error('rateLimit needs requests > 0 and windowMs > 0');
  }
  if ((options.latencyMs ?? 0) < 0) throw new Error('latencyMs must not be negative');
}

/** Fixed-window counter per key (token, else client IP). */
class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();
  constructor(private readonly limit: { requests: number; windowMs: number }) {}

  /** Seconds to wait, or 0 when the request may go ahead. */
  hit(key: string, now: number): number {
    if (this.#windows.size > 10_000) this.#windows.clear();
    let window = this.#windows.get(key);
    if (window === undefined || now - window.start >= this.limit.windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count++;
    if (window.count <= this.limit.requests) return 0;
    return Math.max(1, Math.ceil((window.start + this.limit.windowMs - now) / 1000));
  }
}

export async function startDemoStore(options: DemoStoreOptions = {}): Promise<DemoStore> {
  validateOptions(options);
  const host = options.host ?? '127.0.0.1';
  const allowedOrigins = new Set(options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS);
  const storefrontFromAnyOrigin = options.storefrontFromAnyOrigin ?? true;
  const latencyMs = options.latencyMs ?? 0;
  const apiExposedHeaders = options.exposeWwwAuthenticate === false ? ['Retry-After'] : ['WWW-Authenticate', 'Retry-After'];
  const limiter = options.rateLimit == null ? undefined : new RateLimiter(options.rateLimit);
  const counters = { tokenRequests: 0, apiRequests: 0, revocations: 0 };
  const traffic = new Traffic();
  const hangs = new Hangs();
  const catalogue = new Catalogue({
    productCount: options.productCount ?? 520,
    hostileProducts: options.hostileProducts ?? false,
    rtlProducts: options.rtlProducts ?? false,
  });
  const auth = new AuthorizationServer({
    clients: options.clients ?? [DEFAULT_CLIENT],
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
    maxScopes: (options.maxScopes ?? ALL_SCOPES).filter(isScope),
  });
  const api = new StoreApi(catalogue, auth);
  const photos = options.photoPictures ? Array.from({ length: PHOTO_VARIANTS }, (_, i) => photoPng(i)) : null;
  /** Pictures made to answer 404 (losePicture), by path. */
  const lostPictures = new Set<string>();
  let origin = '';

  /** The app's origins may make every call; any origin may read the storefront (unless turned off). */
  function apiCors(req: IncomingMessage, url: URL): Record<string, string> {
    const requestOrigin = req.headers.origin;
    if (requestOrigin === undefined || allowedOrigins.has(requestOrigin) || !storefrontFromAnyOrigin) {
      return corsHeaders(requestOrigin, allowedOrigins, API_METHODS, apiExposedHeaders);
    }
    const method = req.method === 'OPTIONS' ? String(req.headers['access-control-request-method'] ?? '') : (req.method ?? '');
    if (method !== 'GET' || api.scopeFor(url.pathname, 'GET') !== 'storefront') return {};
    return corsHeaders(requestOrigin, new Set([requestOrigin]), 'GET, OPTIONS', apiExposedHeaders);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const cors = { ...apiCors(req, url), Vary: 'Origin' };
    if (req.method === 'OPTIONS') {
      send(res, { status: 204 }, cors);
      return;
    }
    counters.apiRequests++;
    traffic.sawApiToken(StoreApi.tokenOf(req, url));
    if (latencyMs > 0) await sleep(latencyMs);
    const headers = { ...cors, 'Cache-Control': 'no-store' };
    if (limiter !== undefined) {
      const key = StoreApi.tokenOf(req, url) ?? `ip:${req.socket.remoteAddress ?? ''}`;
      const retryAfter = limiter.hit(key, Date.now());
      if (retryAfter > 0) {
        send(res, errorReply(429, 'rate_limited', 'Too many requests; slow down.', { 'Retry-After': String(retryAfter) }), headers);
        return;
      }
    }
    const hang = hangs.ruleFor(req.method, url.pathname);
    if (hang) {
      const made = hang.done ? await api.handle(req, url, origin) : undefined;
      hangs.hold(async () => {
        if (res.destroyed || res.writableEnded) return;
        send(res, made ?? (await api.handle(req, url, origin)), headers);
      });
      return;
    }
    send(res, await api.handle(req, url, origin), headers);
  }

  /**
   * The token and revocation endpoints' common part: the app's CORS, POST only, a counted request, a
   * form body. Answers what is wrong itself and returns null; else the form and the CORS headers.
   */
  async function readFormPost(req: IncomingMessage, res: ServerResponse, count: () => void): Promise<{ form: URLSearchParams; cors: Record<string, string> } | null> {
    const cors = { ...corsHeaders(req.headers.origin, allowedOrigins, TOKEN_METHODS), Vary: 'Origin' };
    if (req.method === 'OPTIONS') {
      send(res, { status: 204 }, cors);
      return null;
    }
    if (req.method !== 'POST') {
      send(res, errorReply(405, 'invalid_request', 'Use POST.', { Allow: TOKEN_METHODS }), cors);
      return null;
    }
    count();
    if (latencyMs > 0) await sleep(latencyMs);
    if (mediaType(req) !== 'application/x-www-form-urlencoded') {
      send(res, errorReply(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.', { 'Cache-Control': 'no-store' }), cors);
      return null;
    }
    return { form: new URLSearchParams(await readBody(req)), cors };
  }

  async function handleToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const post = await readFormPost(req, res, () => counters.tokenRequests++);
    if (post) send(res, traffic.tokenRequest(post.form) ?? auth.token(post.form, req.headers.authorization), post.cors);
  }

  /** POST /oauth2/revoke (RFC 7009). */
  async function handleRevoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const post = await readFormPost(req, res, () => counters.revocations++);
    if (!post) return;
    const { reply, revoked } = auth.revoke(post.form, req.headers.authorization);
    traffic.revoked(revoked);
    send(res, reply, post.cors);
  }

  async function handleAuthorize(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method === 'GET') {
      const { reply, cookie } = auth.beginAuthorization(url.searchParams);
      const cookies: string[] = [];
      if (cookie !== undefined) cookies.push(`${cookie.name}=${cookie.value}; Path=/oauth2/authorize; HttpOnly; SameSite=Strict; Max-Age=600`);
      // The shopper's account on this browser (see SHOPPER_COOKIE), after the consent cookie.
      if (cookie !== undefined && !parseCookies(req.headers.cookie).has(SHOPPER_COOKIE)) {
        cookies.push(`${SHOPPER_COOKIE}=${randomBytes(12).toString('base64url')}; Path=/oauth2/authorize; HttpOnly; SameSite=Lax; Max-Age=31536000`);
      }
      if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
      send(res, reply);
      return;
    }
    if (req.method === 'POST') {
      if (mediaType(req) !== 'application/x-www-form-urlencoded') {
        send(res, { status: 400, html: renderErrorPage('Invalid form', 'The consent form was not sent as a form.'), headers: htmlSecurityHeaders() });
        return;
      }
      const form = new URLSearchParams(await readBody(req));
      const { reply, clearCookie } = auth.completeAuthorization(form, parseCookies(req.headers.cookie));
      const headers: Record<string, string> = clearCookie === undefined ? {} : { 'Set-Cookie': `${clearCookie}=; Path=/oauth2/authorize; HttpOnly; SameSite=Strict; Max-Age=0` };
      send(res, reply, headers);
      return;
    }
    send(res, { status: 405, headers: { Allow: 'GET, POST' }, body: '' });
  }

  function handleImage(res: ServerResponse, url: URL): void {
    const imageHeaders = {
      'Content-Type': 'image/svg+xml',
      'Cache-Control': 'public, max-age=86400',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'Cross-Origin-Resource-Policy': 'cross-origin',
    };
    if (url.pathname === '/images/logo.svg') {
      send(res, { status: 200, body: renderLogoSvg(), headers: imageHeaders });
      return;
    }
    const match = IMAGE_PATH.exec(url.pathname);
    const product = match?.[1] === undefined ? undefined : catalogue.get(match[1]);
    const image = product?.images.find((i) => i.path === url.pathname);
    if (product === undefined || image === undefined || lostPictures.has(url.pathname)) {
      send(res, { status: 404, body: 'Not found', headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
      return;
    }
    if (photos) {
      const photo = photos[[...url.pathname].reduce((sum, c) => sum + c.charCodeAt(0), 0) % PHOTO_VARIANTS]!;
      send(res, { status: 200, body: photo, headers: { ...imageHeaders, 'Content-Type': 'image/png' } });
      return;
    }
    send(res, { status: 200, body: renderProductSvg(url.pathname, image.width, image.height, image.alt), headers: imageHeaders });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    if (path.startsWith('/api/')) return handleApi(req, res, url);
    if (path === '/oauth2/access_token') return handleToken(req, res);
    if (path === '/oauth2/revoke') return handleRevoke(req, res);
    if (path === '/oauth2/authorize') return handleAuthorize(req, res, url);
    if (req.method === 'GET' && path.startsWith('/images/')) return handleImage(res, url);
    if (req.method === 'GET' && path === '/') {
      send(res, { status: 200, html: renderHomePage(origin, catalogue.size, catalogue.publishedCount), headers: htmlSecurityHeaders() });
      return;
    }
    const slug = STORE_PAGE_PATH.exec(path)?.[1];
    const storePage = slug === undefined ? undefined : catalogue.pages.find((p) => p.slug === slug);
    if (req.method === 'GET' && storePage !== undefined) {
      send(res, { status: 200, html: renderStorePage(storePage.title, storePage.bodyHtml), headers: htmlSecurityHeaders() });
      return;
    }
    const productId = PRODUCT_PAGE_PATH.exec(path)?.[1];
    const product = productId === undefined ? undefined : catalogue.get(productId);
    if (req.method === 'GET' && product?.published === true) {
      const imagePath = product.images[0]?.path;
      send(res, { status: 200, html: renderProductPage(product.name, formatCost(product.costRaw), imagePath), headers: htmlSecurityHeaders() });
      return;
    }
    send(res, { status: 404, html: renderErrorPage('Not found', 'There is nothing at this address.'), headers: htmlSecurityHeaders() });
  }

  const server = createHandlerServer('demo-store', handle, () => errorReply(500, 'server_error', 'Something went wrong in the demo store.'));
  origin = await listenOn(server, options.port ?? DEFAULT_PORT, host);
  if (options.sendIssuer === true) auth.issuer = origin;

  return {
    origin,
    close: () => closeServer(server),
    revokeAllTokens: () => auth.revokeAllTokens(),
    expireAccessTokens: () => auth.expireAccessTokens(),
    setMaxScopes: (scopes) => auth.setMaxScopes(scopes),
    narrowGrants: (scopes) => auth.narrowGrants(scopes),
    addClient: (client) => auth.addClient(client),
    addAllowedOrigin: (allowed) => {
      allowedOrigins.add(allowed);
    },
    touchProduct: (id, changes = {}) => {
      if (catalogue.get(id) === undefined) throw new Error(`demo-store: no product ${id}`);
      const product = catalogue.update(id, { name: changes.name, costRaw: changes.cost_raw }, Date.now());
      if (changes.categories !== undefined) product.categories = [...changes.categories];
    },
    getProduct: (id) => {
      const product = catalogue.get(id);
      return product === undefined ? undefined : productToWire(product, origin, true);
    },
    carts: () => api.carts(),
    losePicture: (url) => {
      lostPictures.add(new URL(url, origin).pathname);
    },
    stats: () => ({ ...counters }),
    traffic,
    hangs,
  };
}
