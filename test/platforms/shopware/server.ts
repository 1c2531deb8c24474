/**
 * A faithful local Shopware 6 (Admin API 6.4+ and Store API) on `node:http`, per platforms.md 4.6
 * and 4.7: OAuth token endpoint with the throttle, ACL per integration, criteria search, JSON vs
 * JSON:API, CORS as `CorsListener`, media on a second listener (another origin), and test hooks
 * both in-process and over HTTP on a third listener (`/__test/...`) the app never sees.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AdminApi } from './admin-api.ts';
import { ACCESS_TOKEN_TTL_SECONDS } from './constants.ts';
import type { Context } from './entities.ts';
import { ShopwareError } from './errors.ts';
import { CORS_HEADERS, errorReply, readBody, readParameters, send, type Reply } from './http.ts';
import { OAuthServer, type TokenStats } from './oauth.ts';
import { HTML_HEADERS, renderIntegrationsPage, renderMediaSvg } from './pages.ts';
import { createSeed, olderPromotions, type ProductRow } from './seed.ts';
import { StoreApi } from './store-api.ts';

export interface ShopwareStoreOptions {
  /** Default 4020; tests pass 0. */
  port?: number;
  /** Media host port (default 0 = any free one). */
  mediaPort?: number;
  /** `/__test/` hooks port (default 0 = any free one). */
  testPort?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** league/oauth2-server major: code-8 errors are 400 on 9 (default), 401 on 8. */
  league?: 8 | 9;
  /** Divides the throttle's backoff intervals (default 1). */
  throttleDivisor?: number;
  /** Default 600. */
  accessTokenTtlSeconds?: number;
  /** Default true. False: no CORS headers at all and OPTIONS answers 405 (a proxy that strips them). */
  cors?: boolean;
  /**
   * A shop's own write validation, as an extension adds with a constraint on `PreWriteValidationEvent`
   * (a price cap): a product write with a gross price above it is refused with the DAL's 400, one
   * violation with its JSON pointer (`/0/price/{i}/gross`). Default none, as a plain Shopware.
   */
  maxGross?: number;
  /**
   * A shop past one page of promotions: this many more, older than the seeded ones (seed.ts
   * `olderPromotions`). Default 0.
   */
  extraPromotions?: number;
}

export interface ShopwareStats {
  tokenRequests: TokenStats;
  apiRequests: number;
  storeApiRequests: number;
}

export interface ShopwareStore {
  /** API base, e.g. http://127.0.0.1:4020 */
  origin: string;
  /** The media host (another origin). */
  mediaOrigin: string;
  /** The `/__test/` hooks' origin. */
  testOrigin: string;
  close(): Promise<void>;
  /** Moves the server's clock (token expiry, throttle, refresh token lifetime). */
  advanceClock(seconds: number): void;
  /** Deletes an integration: its key no longer buys tokens; its live tokens keep no rights. */
  revokeIntegration(accessKeyId: string): boolean;
  /** Changes a user's password: refresh tokens and older access tokens die. */
  changePassword(username: string, password: string): void;
  expireAccessTokens(): void;
  setCors(enabled: boolean): void;
  /** The seeded product row (a copy), for assertions. */
  getProduct(id: string): ProductRow | undefined;
  stats(): ShopwareStats;
}

export const DEFAULT_PORT = 4020;

async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}

function validate(options: ShopwareStoreOptions): void {
  if (options.league !== undefined && options.league !== 8 && options.league !== 9) throw new Error('league must be 8 or 9');
  const divisor = options.throttleDivisor;
  if (divisor !== undefined && !(divisor >= 1 && Number.isFinite(divisor))) throw new Error('throttleDivisor must be >= 1');
  const ttl = options.accessTokenTtlSeconds;
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0)) throw new Error('accessTokenTtlSeconds must be a positive integer');
  const extra = options.extraPromotions;
  if (extra !== undefined && !(Number.isInteger(extra) && extra >= 0 && extra <= 5000)) throw new Error('extraPromotions must be an integer in 0..5000');
}

export async function startShopwareStore(options: ShopwareStoreOptions = {}): Promise<ShopwareStore> {
  validate(options);
  const host = options.host ?? '127.0.0.1';
  let clockOffsetMs = 0;
  const now = (): number => Date.now() + clockOffsetMs;
  let corsEnabled = options.cors ?? true;
  const counters = { apiRequests: 0, storeApiRequests: 0 };
  const seed = createSeed();
  seed.promotions.push(...olderPromotions(options.extraPromotions ?? 0));
  const ctx: Context = { seed, mediaOrigin: '', ...(options.maxGross !== undefined ? { maxGross: options.maxGross } : {}) };
  const oauth = new OAuthServer({ league: options.league ?? 9, throttleDivisor: options.throttleDivisor ?? 1, accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? ACCESS_TOKEN_TTL_SECONDS, now });
  const adminApi = new AdminApi(ctx, oauth, now);
  const storeApi = new StoreApi(ctx);
  let origin = '';

  async function route(req: IncomingMessage, url: URL): Promise<Reply> {
    const path = url.pathname;
    if (path === '/api/oauth/token') {
      if (req.method !== 'POST') throw new ShopwareError(405, '0', 'Method Not Allowed', `No route found for "${req.method ?? 'GET'} ${path}": Method Not Allowed (Allow: POST)`);
      const contentType = req.headers['content-type'] ?? '';
      const params = await readParameters(req);
      return oauth.token(params, contentType, req.socket.remoteAddress ?? '');
    }
    if (path.startsWith('/api/')) {
      counters.apiRequests++;
      return adminApi.handle(req, url, origin);
    }
    if (path.startsWith('/store-api/')) {
      counters.storeApiRequests++;
      return storeApi.handle(req, url);
    }
    // the Storefront on the sales channel's domain (the same host, as in a default install): a product's page
    const detail = /^\/detail\/([0-9a-f]{32})$/.exec(path);
    if (req.method === 'GET' && detail?.[1] !== undefined) return storeApi.productPage(detail[1]);
    if (req.method === 'GET' && (path === '/' || path === '/admin' || path === '/admin/integrations')) {
      return { status: 200, html: renderIntegrationsPage(origin), headers: HTML_HEADERS };
    }
    throw new ShopwareError(404, 'FRAMEWORK__ROUTE_NOT_FOUND', 'Not Found', `No route found for "${req.method ?? 'GET'} ${path}"`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const cors = corsEnabled ? CORS_HEADERS : {};
    // CorsListener: every OPTIONS on any path is a 200 with an empty body
    if (req.method === 'OPTIONS' && corsEnabled) {
      send(res, { status: 200, body: '' }, cors);
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    let reply: Reply;
    try {
      reply = await route(req, url);
    } catch (error) {
      if (!(error instanceof ShopwareError)) throw error;
      reply = errorReply(error);
    }
    send(res, reply, cors);
  }

  const fail = (res: ServerResponse, error: unknown): void => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // the message only: never a request body, which may hold a secret
    console.error(`shopware-store: ${error instanceof Error ? error.message : 'unknown error'}`);
    send(res, errorReply(new ShopwareError(500, '0', 'Internal Server Error', 'Something went wrong in the demo shop.')), corsEnabled ? CORS_HEADERS : {});
  };

  const api = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => fail(res, error));
  });

  // the media host: another origin, as on a shop with a CDN
  const media = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://media.invalid');
    const match = /^\/(media|thumbnail)\/([0-9a-z/_.-]+?)(?:_(\d+)x\d+)?\.svg$/.exec(url.pathname);
    const known = match !== null && seed.media.some((m) => m.path === `${match[2]}.svg`);
    if (req.method !== 'GET' || match === null || !known) {
      send(res, { status: 404, body: 'Not found', headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
      return;
    }
    send(res, {
      status: 200,
      body: renderMediaSvg(url.pathname, Number(match[3] ?? 800)),
      headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'", 'Cross-Origin-Resource-Policy': 'cross-origin' },
    });
  });

  const hooks = {
    advanceClock: (seconds: number): void => {
      if (!Number.isFinite(seconds) || seconds < 0) throw new Error('advanceClock needs seconds >= 0');
      clockOffsetMs += seconds * 1000;
    },
    revokeIntegration: (accessKeyId: string): boolean => oauth.revokeIntegration(accessKeyId),
    changePassword: (username: string, password: string): void => oauth.changePassword(username, password),
    expireAccessTokens: (): void => oauth.expireAccessTokens(),
    setCors: (enabled: boolean): void => {
      corsEnabled = enabled;
    },
    getProduct: (id: string): ProductRow | undefined => {
      const product = seed.products.find((p) => p.id === id);
      return product === undefined ? undefined : structuredClone(product);
    },
    stats: (): ShopwareStats => ({ tokenRequests: structuredClone(oauth.stats), ...counters }),
  };

  // test hooks over HTTP, on their own port: POST /__test/<hook> with a JSON body
  const test = createServer((req, res) => {
    (async () => {
      const url = new URL(req.url ?? '/', 'http://test.invalid');
      const body = req.method === 'POST' ? await readParameters(req) : (await readBody(req), {});
      const str = (key: string): string => (typeof body[key] === 'string' ? (body[key] as string) : '');
      let json: unknown = { ok: true };
      switch (`${req.method ?? ''} ${url.pathname}`) {
        case 'POST /__test/advance-clock':
          hooks.advanceClock(Number(body.seconds));
          break;
        case 'POST /__test/revoke-integration':
          json = { revoked: hooks.revokeIntegration(str('accessKeyId')) };
          break;
        case 'POST /__test/change-password':
          hooks.changePassword(str('username'), str('password'));
          break;
        case 'POST /__test/expire-access-tokens':
          hooks.expireAccessTokens();
          break;
        case 'POST /__test/cors':
          hooks.setCors(body.enabled === true);
          break;
        case 'GET /__test/stats':
          json = hooks.stats();
          break;
        default:
          send(res, { status: 404, json: { error: 'no such hook' } });
          return;
      }
      send(res, { status: 200, json });
    })().catch((error: unknown) => send(res, { status: 400, json: { error: error instanceof Error ? error.message : 'bad request' } }));
  });

  const mediaOrigin = await listen(media, options.mediaPort ?? 0, host);
  ctx.mediaOrigin = mediaOrigin;
  const testOrigin = await listen(test, options.testPort ?? 0, host);
  origin = await listen(api, options.port ?? DEFAULT_PORT, host);

  return {
    origin,
    mediaOrigin,
    testOrigin,
    close: async () => {
      await Promise.all([closeServer(api), closeServer(media), closeServer(test)]);
    },
    ...hooks,
  };
}
