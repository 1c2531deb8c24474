/**
 * A faithful local Foxy hypermedia API (platforms.md 5.2 and 5.6) on `node:http`, with:
 * - the API origin: `/` home, `/token`, and HAL resources reachable only through links;
 * - a canary origin that some links point to: it records every request and flags any carrying an
 *   Authorization header (a client must never send its token to another origin);
 * - a test-hooks origin (`/__test/...`, platforms.md 6) the app never sees;
 * - an admin origin with the "Integrations › Get Token" page listing the demo bundle.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { closeServer, createHandlerServer, errorReply, listenOn, mediaType, randomToken, readBody, send } from '../../demo-store/http-utils.ts';
import { renderGetTokenPage } from './admin-page.ts';
import { FoxyAuth } from './auth.ts';
import { QueryError } from './collection.ts';
import { DEFAULT_ACCESS_LIFETIME_SECONDS, DEFAULT_ALLOWED_ORIGINS, DEFAULT_PORT, DEMO_BUNDLE } from './constants.ts';
import { handleHook } from './hooks.ts';
import { FoxyResources, halError, halReply } from './resources.ts';
import { DEFAULT_TRANSACTION_COUNT, createSeed, extraCoupons } from './seed.ts';
import { startShopSite } from './site.ts';

export type CorsMode = 'app' | 'none';

export interface FoxyStoreOptions {
  /** API port. Default 4020; tests pass 0. */
  port?: number;
  /** Default 0 (any free port). */
  canaryPort?: number;
  hooksPort?: number;
  adminPort?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Origins CORS allows in mode 'app'. Default http://127.0.0.1:5173 and http://localhost:5173. */
  allowedOrigins?: readonly string[];
  /** Default 'app'; 'none' sends no CORS headers at all (the NETWORK_OR_CORS path). */
  cors?: CorsMode;
  /** `expires_in` of access tokens. Default 7200. */
  accessLifetimeSeconds?: number;
  /** Default 200 (plus one is_test, one hidden and one declined transaction). */
  transactionCount?: number;
  /**
   * Port of a stand-in for the shop's own site (site.ts), which the items' picture URLs then point
   * at (the demo: no internet). Default: none, the URLs name the shop's own host.
   */
  sitePort?: number;
  /**
   * Default 0: that many more coupons after the seeded ones (`seed.ts` `extraCoupons`), "Extra 1"
   * the first, each with one code, for a store past the pages the app reads.
   */
  extraCoupons?: number;
}

export interface RecordedRequest {
  listener: 'api' | 'canary';
  method: string;
  /** Path and query; never a header value. */
  path: string;
  hasAuthorization: boolean;
  apiVersion: string | undefined;
}

export interface FoxyStats {
  tokenRequests: number;
  apiRequests: number;
  canaryHits: number;
  /** Must stay 0: a client sent its credentials to another origin. */
  canaryHitsWithAuthorization: number;
}

export interface FoxyStore {
  origin: string;
  canaryOrigin: string;
  hooksOrigin: string;
  adminOrigin: string;
  close(): Promise<void>;
  stats(): FoxyStats;
  requests(): RecordedRequest[];
  resetStats(): void;
  /** Removes the integration (default: the demo client): its tokens stop working. */
  revokeClient(clientId?: string): boolean;
  /** Every access token issued so far is expired; the refresh token stays valid. */
  expireAccessTokens(): void;
  advanceClock(seconds: number): void;
  setAccessLifetime(seconds: number): void;
  setCors(mode: CorsMode): void;
}

const API_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const ALLOWED_HEADERS = 'authorization, content-type, foxy-api-version';

export async function startFoxyStore(options: FoxyStoreOptions = {}): Promise<FoxyStore> {
  const lifetime = options.accessLifetimeSeconds ?? DEFAULT_ACCESS_LIFETIME_SECONDS;
  if (!(Number.isInteger(lifetime) && lifetime > 0)) throw new Error('accessLifetimeSeconds must be a positive integer');
  const host = options.host ?? '127.0.0.1';
  const allowedOrigins = new Set(options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS);
  let corsMode: CorsMode = options.cors ?? 'app';
  const auth = new FoxyAuth({ lifetimeSeconds: lifetime });
  const seed = createSeed(options.transactionCount ?? DEFAULT_TRANSACTION_COUNT);
  const extra = options.extraCoupons ?? 0;
  if (!(Number.isInteger(extra) && extra >= 0 && extra <= 5000)) throw new Error('extraCoupons must be an integer in 0..5000');
  seed.coupons.push(...extraCoupons(extra));
  const counters: FoxyStats = { tokenRequests: 0, apiRequests: 0, canaryHits: 0, canaryHitsWithAuthorization: 0 };
  const recorded: RecordedRequest[] = [];
  let resources: FoxyResources | undefined;
  let origin = '';

  function record(listener: RecordedRequest['listener'], req: IncomingMessage): void {
    if (recorded.length >= 5000) recorded.shift();
    const version = req.headers['foxy-api-version'];
    recorded.push({
      listener,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      hasAuthorization: req.headers.authorization !== undefined,
      apiVersion: Array.isArray(version) ? version.join(',') : version,
    });
  }

  function corsHeaders(req: IncomingMessage): Record<string, string> {
    const requestOrigin = req.headers.origin;
    if (corsMode === 'none' || requestOrigin === undefined || !allowedOrigins.has(requestOrigin)) return {};
    return {
      'Access-Control-Allow-Origin': requestOrigin,
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Allow-Methods': API_METHODS,
      'Access-Control-Expose-Headers': 'WWW-Authenticate',
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    };
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    record('api', req);
    const cors = corsHeaders(req);
    if (req.method === 'OPTIONS') {
      send(res, { status: 204 }, cors);
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    if (req.headers['foxy-api-version'] !== '1') {
      send(res, halError(400, 'The FOXY-API-VERSION header is required and must be 1.'), cors);
      return;
    }
    if (url.pathname === '/token') {
      counters.tokenRequests++;
      if (req.method !== 'POST') {
        send(res, errorReply(405, 'invalid_request', 'Use POST.', { Allow: 'POST, OPTIONS' }), cors);
        return;
      }
      if (mediaType(req) !== 'application/x-www-form-urlencoded') {
        send(res, errorReply(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.', { 'Cache-Control': 'no-store' }), cors);
        return;
      }
      send(res, auth.token(new URLSearchParams(await readBody(req)), req.headers.authorization), cors);
      return;
    }
    counters.apiRequests++;
    const api = resources as FoxyResources;
    if (url.pathname === '/' && req.headers.authorization === undefined) {
      send(res, req.method === 'GET' ? api.home(undefined) : halError(405, 'Only GET is allowed here.'), cors);
      return;
    }
    const bearer = auth.checkBearer(req.headers.authorization);
    if (!bearer.ok) {
      send(res, bearer.reply, cors);
      return;
    }
    if (req.method !== 'GET') {
      send(res, halError(405, 'This local copy of Foxy is read-only.'), { ...cors, Allow: 'GET, OPTIONS' });
      return;
    }
    try {
      const reply = url.pathname === '/' ? api.home(bearer.scope) : api.get(url, bearer.scope);
      send(res, reply ?? halError(404, 'The requested resource was not found.'), { ...cors, 'Cache-Control': 'no-store' });
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      send(res, halError(400, error.message), cors);
    }
  }

  async function handleCanary(req: IncomingMessage, res: ServerResponse): Promise<void> {
    record('canary', req);
    counters.canaryHits++;
    if (req.headers.authorization !== undefined) counters.canaryHitsWithAuthorization++;
    // Lets any preflight through, so that a leaking browser request really arrives and is counted.
    const cors: Record<string, string> = req.headers.origin === undefined ? {} : {
      'Access-Control-Allow-Origin': req.headers.origin,
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Allow-Methods': API_METHODS,
    };
    if (req.method === 'OPTIONS') {
      send(res, { status: 204 }, cors);
      return;
    }
    send(res, halReply(200, { _links: {}, _embedded: { 'fx:downloadables': [] }, total_items: '0', returned_items: 0, limit: 20, offset: 0 }), cors);
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://admin.invalid').pathname;
    if (req.method !== 'GET' || (path !== '/' && path !== '/admin/integrations/get-token')) {
      send(res, { status: 404, body: 'Not found', headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
      return;
    }
    const { token } = auth.issueAccessToken({ clientId: DEMO_BUNDLE.client_id, scope: 'store_full_access' });
    send(res, {
      status: 200,
      html: renderGetTokenPage(DEMO_BUNDLE, token, origin),
      headers: { 'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'", 'Referrer-Policy': 'no-referrer' },
    });
  }

  const internalError = () => halError(500, 'Something went wrong in the local Foxy store.');
  const apiServer = createHandlerServer('foxy-store', handleApi, internalError);
  const canaryServer = createHandlerServer('foxy-canary', handleCanary, internalError);
  const adminServer = createHandlerServer('foxy-admin', handleAdmin, internalError);
  let store: FoxyStore | undefined;
  const hooksServer = createHandlerServer('foxy-hooks', (req, res) => handleHook(req, res, store as FoxyStore), internalError);

  origin = await listenOn(apiServer, options.port ?? DEFAULT_PORT, host);
  const canaryOrigin = await listenOn(canaryServer, options.canaryPort ?? 0, host);
  const hooksOrigin = await listenOn(hooksServer, options.hooksPort ?? 0, host);
  const adminOrigin = await listenOn(adminServer, options.adminPort ?? 0, host);
  const site = options.sitePort === undefined ? undefined : await startShopSite(seed, options.sitePort, host);
  resources = new FoxyResources({ origin, canaryOrigin, storePrefix: `/s/${randomToken(12)}`, userPrefix: `/u/${randomToken(12)}`, seed });

  store = {
    origin,
    canaryOrigin,
    hooksOrigin,
    adminOrigin,
    close: async () => {
      await Promise.all([apiServer, canaryServer, hooksServer, adminServer, ...(site ? [site.server] : [])].map(closeServer));
    },
    stats: () => ({ ...counters }),
    requests: () => recorded.map((r) => ({ ...r })),
    resetStats: () => {
      counters.tokenRequests = 0;
      counters.apiRequests = 0;
      counters.canaryHits = 0;
      counters.canaryHitsWithAuthorization = 0;
      recorded.length = 0;
    },
    revokeClient: (clientId) => auth.revokeClient(clientId),
    expireAccessTokens: () => auth.expireAccessTokens(),
    advanceClock: (seconds) => auth.advanceClock(seconds),
    setAccessLifetime: (seconds) => {
      if (!(Number.isInteger(seconds) && seconds > 0)) throw new Error('lifetime must be a positive integer');
      auth.setLifetime(seconds);
    },
    setCors: (mode) => {
      corsMode = mode;
    },
  };
  return store;
}
