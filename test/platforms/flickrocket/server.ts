/**
 * A faithful local FlickRocket (platforms.md section 3, test server per 3.6 and section 6):
 * consent at /oauth2/auth, /token (refresh grant only, rotating single-use refresh tokens), and
 * the REST API under /api, on `node:http`. Test hooks are methods of the returned object and the
 * same over HTTP under /__test/ on a second port, so an app under test never sees them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { htmlSecurityHeaders } from '../../demo-store/html-pages.ts';
import { HttpError, jsonReply, mediaType, parseCookies, readBody, send } from '../../demo-store/http-utils.ts';
import { FlickRocketApi, accessTokenOf } from './api.ts';
import { FlickRocketAuth, type FlickRocketClient } from './auth.ts';
import { renderErrorPage, renderHomePage } from './pages.ts';
import { LICENSE_COUNT, seedStore, type ProductWire } from './seed.ts';
import { startTestHooks, type TestHooks } from './test-hooks.ts';
import { startPictureHost } from './pictures.ts';

export type { FlickRocketClient } from './auth.ts';

export interface FlickRocketStoreOptions {
  /** Default 0 (tests); the CLI passes its own. */
  port?: number;
  /** Port of the /__test/ hooks server; default 0. Null: no hooks server. */
  hooksPort?: number | null;
  /**
   * Port of a stand-in for FlickRocket's picture host (pictures.ts), which the products' picture
   * URLs then point at (the demo: no internet). Default: none, the URLs name FlickRocket's own host.
   */
  picturesPort?: number;
  host?: string;
  clients?: FlickRocketClient[];
  /** Origins that get CORS headers. Default the app's dev origins. */
  allowedOrigins?: string[];
  /** 'allow' (default): CORS for allowedOrigins; 'none': no CORS header anywhere. */
  cors?: 'allow' | 'none';
  /** Echo `state` on the consent redirect. Default false (the docs do not mention it). */
  echoState?: boolean;
  /** Default 1799. */
  accessTokenLifetimeSeconds?: number;
  /** Leaky bucket per access token on /api: `capacity` requests, leaking `leakPerSecond`. Default off. */
  rateLimit?: { capacity: number; leakPerSecond: number } | null;
  companyId?: number;
  userName?: string;
  seed?: number;
  /** Default 150 (plus hostile ones). */
  productCount?: number;
  /** Default true. */
  hostileProducts?: boolean;
  /** Default 6; 1 gives the singular `{"category":{...}}`. */
  categoryCount?: number;
  /** Default all 5 (seed.ts); 1 gives the singular `{"license":{...}}`. */
  licenseCount?: number;
  orderCount?: number;
  /**
   * How /api/orders.json lists orders: 'oldest-first' (by id, the order they came in; the default)
   * or 'newest-first'. FlickRocket documents neither [unverified]; the app reads both newest first.
   */
  orderListing?: 'oldest-first' | 'newest-first';
}

/** One request as the server saw it (no secret values: only whether they were there). */
export interface RecordedRequest {
  method: string;
  path: string;
  /** Query parameter names (values left out: some are tokens). */
  queryKeys: string[];
  /** Which of {@link TOKEN_QUERY_PARAMS} the query carried: any is a leak into logs. */
  tokensInQuery: string[];
  bearer: boolean;
  origin: string | undefined;
  status: number;
}

export interface FlickRocketStats {
  tokenRequests: number;
  apiRequests: number;
  /** The most POST /token requests any one refresh token was sent in (0 when none). */
  maxTokenRequestsPerRefreshToken: number;
  /** Requests whose query carried a token or code (never cleared: a test run's check is that it stays 0). */
  requestsWithTokensInQuery: number;
}

export interface FlickRocketStore {
  origin: string;
  /** Origin of the /__test/ hooks server, or '' when hooksPort is null. */
  hooksOrigin: string;
  close(): Promise<void>;
  stats(): FlickRocketStats;
  requests(): RecordedRequest[];
  clearRequests(): void;
  /** How many POST /token requests carried this refresh token. */
  tokenRequestsFor(refreshToken: string): number;
  /** Moves the server's clock forward (token expiry, leaky bucket). */
  advanceClock(seconds: number): void;
  expireAccessTokens(): void;
  /** The merchant removes the app: every refresh and access token dies. */
  revokeAll(): void;
  /** Every grant keeps only the scopes in `kept`: its next refresh answers with those. */
  narrowGrants(kept: readonly string[]): void;
  setCors(mode: 'allow' | 'none'): void;
  setAccessTokenLifetime(seconds: number): void;
  /** A live refresh token as if consent had been given (skips the consent page). */
  issueRefreshToken(scopes: string[]): string;
  getProduct(id: number): ProductWire | undefined;
}

export const DEFAULT_CLIENT: FlickRocketClient = {
  clientId: 'StorefrontConnect.2033545684.apps.flickrocket.com',
  name: 'Storefront Connect',
  // The demo's FlickRocket shop returns to the app's page under its own address (index.html), since
  // the Goodsie demo stores use http://127.0.0.1:5173/ and a shared redirect URI needs issuers.
  redirectUris: ['http://127.0.0.1:5173/', 'http://127.0.0.1:5173/index.html'],
};
/**
 * Query parameters that carry a secret. The server still answers such a request as FlickRocket
 * would (the API takes `?access_token=`; /token ignores its query), but records it: a token in a
 * URL lands in server and proxy logs, and no client of ours may send one.
 */
export const TOKEN_QUERY_PARAMS: readonly string[] = ['access_token', 'refresh_token', 'code'];

export const DEFAULT_ALLOWED_ORIGINS: readonly string[] = ['http://127.0.0.1:5173', 'http://localhost:5173'];

function corsHeaders(origin: string | undefined, allowed: boolean, methods: string): Record<string, string> {
  if (!allowed || origin === undefined) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
    'Access-Control-Allow-Methods': methods,
    'Access-Control-Expose-Headers': 'Retry-After',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  };
}

/** Leaky bucket per key: each request adds one; the bucket drains `leakPerSecond`. */
class LeakyBucket {
  readonly #levels = new Map<string, { level: number; at: number }>();
  constructor(private readonly limit: { capacity: number; leakPerSecond: number }) {}

  /** Seconds to wait, or 0 when the request fits. */
  hit(key: string, now: number): number {
    if (this.#levels.size > 10_000) this.#levels.clear();
    const entry = this.#levels.get(key) ?? { level: 0, at: now };
    const level = Math.max(0, entry.level - ((now - entry.at) / 1000) * this.limit.leakPerSecond);
    if (level + 1 > this.limit.capacity) {
      this.#levels.set(key, { level, at: now });
      return Math.max(1, Math.ceil((level + 1 - this.limit.capacity) / this.limit.leakPerSecond));
    }
    this.#levels.set(key, { level: level + 1, at: now });
    return 0;
  }
}

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}

export async function startFlickRocketStore(options: FlickRocketStoreOptions = {}): Promise<FlickRocketStore> {
  const lifetime = options.accessTokenLifetimeSeconds ?? 1799;
  if (!(Number.isInteger(lifetime) && lifetime > 0)) throw new Error('accessTokenLifetimeSeconds must be a positive integer');
  const limit = options.rateLimit ?? null;
  if (limit !== null && !(limit.capacity >= 1 && limit.leakPerSecond > 0)) throw new Error('rateLimit needs capacity >= 1 and leakPerSecond > 0');
  const host = options.host ?? '127.0.0.1';
  const allowedOrigins = new Set(options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS);
  let corsMode = options.cors ?? 'allow';
  let clockOffsetMs = 0;
  const now = (): number => Date.now() + clockOffsetMs;
  const data = seedStore({
    seed: options.seed ?? 13,
    productCount: options.productCount ?? 150,
    hostileProducts: options.hostileProducts ?? true,
    categoryCount: options.categoryCount ?? 6,
    licenseCount: options.licenseCount ?? LICENSE_COUNT,
    orderCount: options.orderCount ?? 60,
  });
  const auth = new FlickRocketAuth({
    clients: options.clients ?? [DEFAULT_CLIENT],
    companyId: options.companyId ?? 4711,
    userName: options.userName ?? 'owner@example.com',
    echoState: options.echoState ?? false,
    accessTokenLifetimeSeconds: lifetime,
    now,
  });
  const api = new FlickRocketApi(data, auth, now, options.orderListing ?? 'oldest-first');
  const bucket = limit === null ? undefined : new LeakyBucket(limit);
  const counters = { tokenRequests: 0, apiRequests: 0, requestsWithTokensInQuery: 0 };
  let recorded: RecordedRequest[] = [];
  let origin = '';

  const corsFor = (req: IncomingMessage, methods: string): Record<string, string> => {
    const requestOrigin = req.headers.origin;
    return corsHeaders(requestOrigin, corsMode === 'allow' && requestOrigin !== undefined && allowedOrigins.has(requestOrigin), methods);
  };

  async function handleToken(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const cors = corsFor(req, 'POST, OPTIONS');
    if (req.method === 'OPTIONS') return reply(res, { status: 204 }, cors);
    if (req.method !== 'POST') return reply(res, jsonReply(405, { error: 'unsupported method' }, { Allow: 'POST, OPTIONS' }), cors);
    counters.tokenRequests++;
    // Processed whatever the CORS mode: a simple POST reaches the server even when the browser
    // will not let the page read the answer (3.6.3). The parameters are read from the form body
    // only, as OWIN's token endpoint does (ReadFormAsync; the query is never looked at): a request
    // with them only in the query has no grant_type and gets 400 unsupported_grant_type.
    const body = await readBody(req);
    return reply(res, auth.token(new URLSearchParams(mediaType(req) === 'application/x-www-form-urlencoded' ? body : '')), cors);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> {
    const cors = corsFor(req, 'GET, PUT, OPTIONS');
    if (req.method === 'OPTIONS') return reply(res, { status: 204 }, cors);
    counters.apiRequests++;
    if (bucket !== undefined) {
      const key = accessTokenOf(req.headers.authorization, url) ?? `ip:${req.socket.remoteAddress ?? ''}`;
      const wait = bucket.hit(key, now());
      if (wait > 0) return reply(res, jsonReply(429, { error: 'rate_limited' }, { 'Retry-After': String(wait) }), cors);
    }
    const body = req.method === 'PUT' ? await readBody(req) : '';
    return reply(res, api.handle(req.method ?? 'GET', url, req.headers.authorization, body), { ...cors, 'Cache-Control': 'no-store' });
  }

  async function handleConsent(req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> {
    if (req.method === 'GET') {
      const { reply: page, cookie } = auth.beginConsent(url.searchParams);
      const setCookie: Record<string, string> = cookie === undefined ? {} : { 'Set-Cookie': `${cookie.name}=${cookie.value}; Path=/oauth2/auth; HttpOnly; SameSite=Strict; Max-Age=600` };
      return reply(res, page, setCookie);
    }
    if (req.method === 'POST') {
      if (mediaType(req) !== 'application/x-www-form-urlencoded') {
        return reply(res, { status: 400, html: renderErrorPage('Invalid form', 'The consent form was not sent as a form.'), headers: htmlSecurityHeaders() });
      }
      const { reply: answer, clearCookie } = auth.completeConsent(new URLSearchParams(await readBody(req)), parseCookies(req.headers.cookie));
      const headers: Record<string, string> = clearCookie === undefined ? {} : { 'Set-Cookie': `${clearCookie}=; Path=/oauth2/auth; HttpOnly; SameSite=Strict; Max-Age=0` };
      return reply(res, answer, headers);
    }
    return reply(res, { status: 405, headers: { Allow: 'GET, POST' }, body: '' });
  }

  function reply(res: ServerResponse, answer: Parameters<typeof send>[1], headers: Record<string, string> = {}): number {
    send(res, answer, headers);
    return answer.status;
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> {
    if (url.pathname === '/token') return handleToken(req, res);
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url);
    if (url.pathname === '/oauth2/auth') return handleConsent(req, res, url);
    if (url.pathname === '/' && req.method === 'GET') return reply(res, { status: 200, html: renderHomePage(origin), headers: htmlSecurityHeaders() });
    return reply(res, { status: 404, html: renderErrorPage('Not found', 'There is nothing at this address.'), headers: htmlSecurityHeaders() });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const entry: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      queryKeys: [...new Set(url.searchParams.keys())],
      tokensInQuery: TOKEN_QUERY_PARAMS.filter((name) => url.searchParams.has(name)),
      bearer: /^Bearer /i.test(req.headers.authorization ?? ''),
      origin: req.headers.origin,
      status: 0,
    };
    if (entry.tokensInQuery.length > 0) counters.requestsWithTokensInQuery++;
    if (recorded.length < 100_000) recorded.push(entry);
    route(req, res, url).then(
      (status) => {
        entry.status = status;
      },
      (error: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        const status = error instanceof HttpError ? error.status : 500;
        entry.status = status;
        send(res, jsonReply(status, { error: error instanceof HttpError ? error.error : 'server_error' }));
      },
    );
  });
  origin = await listen(server, options.port ?? 0, host);
  const pictures = options.picturesPort === undefined ? undefined : await startPictureHost(data.products, options.picturesPort, host, listen);

  const store: FlickRocketStore = {
    origin,
    hooksOrigin: '',
    close: async () => {
      await Promise.all([closeServer(server), hooks?.close(), pictures && closeServer(pictures.server)]);
    },
    stats: () => ({
      ...counters,
      maxTokenRequestsPerRefreshToken: Math.max(0, ...auth.tokenRequestsPerRefreshToken.values()),
    }),
    requests: () => recorded.map((r) => ({ ...r, queryKeys: [...r.queryKeys], tokensInQuery: [...r.tokensInQuery] })),
    clearRequests: () => {
      recorded = [];
    },
    tokenRequestsFor: (refreshToken) => auth.tokenRequestsPerRefreshToken.get(refreshToken) ?? 0,
    advanceClock: (seconds) => {
      if (!(Number.isFinite(seconds) && seconds >= 0)) throw new Error('advanceClock needs seconds >= 0');
      clockOffsetMs += seconds * 1000;
    },
    expireAccessTokens: () => auth.expireAccessTokens(),
    revokeAll: () => auth.revokeAll(),
    narrowGrants: (kept) => auth.narrowGrants(kept),
    setCors: (mode) => {
      corsMode = mode;
    },
    setAccessTokenLifetime: (seconds) => {
      if (!(Number.isInteger(seconds) && seconds > 0)) throw new Error('lifetime must be a positive integer');
      auth.accessTokenLifetimeSeconds = seconds;
    },
    issueRefreshToken: (scopes) => auth.issueRefreshToken(scopes),
    getProduct: (id) => api.product(id),
  };
  let hooks: TestHooks | undefined;
  if (options.hooksPort !== null) {
    hooks = await startTestHooks(store, options.hooksPort ?? 0, host, listen);
    store.hooksOrigin = hooks.origin;
  }
  return store;
}
