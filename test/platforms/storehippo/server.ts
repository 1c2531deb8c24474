/**
 * A faithful local StoreHippo server (platforms.md 2.2 and 2.6) on `node:http`: the entity API on one
 * listener, product images on a separate "CDN" listener at `/s/<storeObjectId>/<path>`, and the
 * `/__test/` hooks on a third (section 6) so the app never sees them.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { htmlSecurityHeaders } from '../../demo-store/html-pages.ts';
import { readBody, send } from '../../demo-store/http-utils.ts';
import { renderProductSvg } from '../../demo-store/images.ts';
import { ENTITY_PATH, badRequest, bumpUpdated, editProduct, getEntity, isEntity, listEntity, message, notFound, recordsOf, type ApiReply } from './entity-api.ts';
import { renderAccessKeysPage, renderHomePage } from './pages.ts';
import { CDN_HOST_PLACEHOLDER, MANAGER_ROLE, ORDERS_ONLY_ROLE, READ_ONLY_ROLE, STORE_OBJECT_ID, extraCoupons, seedCatalogue, seedKeys, type KeyRecord, type WireRecord } from './seed.ts';
import { handleTestHook } from './test-hooks.ts';

export type CorsMode = 'on' | 'no-access-key' | 'off';

export interface StoreHippoOptions {
  /** API port; default 4030 (as npm run demo: Shopware's is 4020), tests pass 0. The CDN and test listeners take free ports unless given. */
  port?: number;
  cdnPort?: number;
  testPort?: number;
  /** Default ['http://127.0.0.1:5173', 'http://localhost:5173']. */
  allowedOrigins?: string[];
  /** Default 'on'. */
  cors?: CorsMode;
  /** API requests per second per credential before 429; default null (off). */
  rateLimitPerSecond?: number | null;
  /** Default 120. */
  productCount?: number;
  seed?: number;
  /** Default 0: that many more coupon codes after the seeded ones (`seed.ts` `extraCoupons`), EXTRA0001 the first, for a store past the pages the app reads. */
  extraCoupons?: number;
}

export interface RecordedRequest {
  listener: 'api' | 'cdn';
  method: string;
  path: string;
  /** The raw query string, '' or starting with '?'. */
  search: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
}

export interface StoreHippoStore {
  /** API base, e.g. http://127.0.0.1:4030 (config `apiBase`). */
  origin: string;
  /** The image CDN's origin; config `imageBase` is `${cdnOrigin}/s/${storeObjectId}/`. */
  cdnOrigin: string;
  imageBase: string;
  /** Where `/__test/` hooks answer (a separate port). */
  testOrigin: string;
  storeObjectId: string;
  close(): Promise<void>;
  stats(): { apiRequests: number; cdnRequests: number; rateLimited: number };
  requests(): RecordedRequest[];
  clearRequests(): void;
  /** Revocation as in Advance Settings › Access Keys: the key answers 401 until enabled again. */
  disableKey(secret: string): void;
  enableKey(secret: string): void;
  addKey(secret: string, role: 'read-only' | 'manager', kind?: 'access-key' | 'bearer'): void;
  /** The key's user given another role in StoreHippo Admin › Users: the same key answers with its rights from then on. */
  setKeyRole(secret: string, role: 'read-only' | 'manager' | 'orders-only'): void;
  setCors(mode: CorsMode): void;
  /** Requests a key (or an address) may make per second, 429 past it; 0 refuses every one (an allowance spent elsewhere); null: no limit. */
  setRateLimit(perSecond: number | null): void;
  /**
   * Refuses every product PUT until called with null, with `{messages, error}`: at 400, or at 200 as
   * StoreHippo's own SDK allows (it tells a failure by the body's `error`, never by the status).
   */
  refuseEdits(refusal: { status: 200 | 400; message: string } | null): void;
  /** Moves the server's clock (used for `updated_on`). */
  advanceClock(ms: number): void;
  /** An edit made elsewhere (another admin): applies `changes` and bumps `updated_on`. */
  touchProduct(id: string, changes?: Record<string, unknown>): void;
  /** The server's current wire copy, or undefined. */
  getProduct(id: string): WireRecord | undefined;
  /** A coupon code's Enabled box ticked or unticked in StoreHippo Admin › Marketing › Coupon codes (`enabled` "1" / "0"). */
  setCouponEnabled(code: string, enabled: boolean): void;
}

export const DEFAULT_PORT = 4030;
export const DEFAULT_ALLOWED_ORIGINS: readonly string[] = ['http://127.0.0.1:5173', 'http://localhost:5173'];
const METHODS = 'GET, PUT, OPTIONS';
const KEYS_PAGE = '/admin/settings/access-keys';

function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/** The bearer wins over `access-key` when both are sent (SDK behaviour). */
export function credentialOf(req: IncomingMessage): { secret: string; kind: 'access-key' | 'bearer' } | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer !== undefined) return { secret: bearer, kind: 'bearer' };
  const key = req.headers['access-key'];
  const value = Array.isArray(key) ? key[0] : key;
  return value === undefined || value.trim() === '' ? undefined : { secret: value.trim(), kind: 'access-key' };
}

export async function startStoreHippoStore(options: StoreHippoOptions = {}): Promise<StoreHippoStore> {
  if (options.rateLimitPerSecond != null && !(options.rateLimitPerSecond > 0)) throw new Error('rateLimitPerSecond must be > 0');
  const catalogue = seedCatalogue(options.productCount ?? 120, options.seed);
  const extra = options.extraCoupons ?? 0;
  if (!(Number.isInteger(extra) && extra >= 0 && extra <= 5000)) throw new Error('extraCoupons must be an integer in 0..5000');
  catalogue.coupons.push(...extraCoupons(extra));
  const keys: KeyRecord[] = seedKeys();
  const allowedOrigins = new Set(options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS);
  let corsMode: CorsMode = options.cors ?? 'on';
  let rateLimit = options.rateLimitPerSecond ?? null;
  let editRefusal: { status: 200 | 400; message: string } | null = null;
  let clockOffset = 0;
  const windows = new Map<string, { start: number; count: number }>();
  const recorded: RecordedRequest[] = [];
  const counters = { apiRequests: 0, cdnRequests: 0, rateLimited: 0 };
  let cdnHost = '';
  const now = (): number => Date.now() + clockOffset;

  const toWire = (record: WireRecord): WireRecord => {
    const copy = structuredClone(record);
    if (Array.isArray(copy.images)) {
      for (const image of copy.images as WireRecord[]) {
        if (typeof image.image === 'string') image.image = image.image.replace(CDN_HOST_PLACEHOLDER, cdnHost);
      }
    }
    return copy;
  };

  const record = (listener: 'api' | 'cdn', req: IncomingMessage, url: URL): void => {
    if (recorded.length >= 10_000) recorded.shift();
    recorded.push({ listener, method: req.method ?? 'GET', path: url.pathname, search: url.search, headers: flatHeaders(req) });
  };

  function corsHeaders(origin: string | undefined): Record<string, string> {
    if (corsMode === 'off' || origin === undefined || !allowedOrigins.has(origin)) return {};
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': METHODS,
      'Access-Control-Allow-Headers': corsMode === 'on' ? 'access-key, authorization, content-type' : 'authorization, content-type',
      'Access-Control-Expose-Headers': 'Retry-After',
      'Access-Control-Max-Age': '600',
    };
  }

  function rateLimited(key: string): boolean {
    if (rateLimit === null) return false;
    if (windows.size > 10_000) windows.clear();
    const t = Date.now();
    let window = windows.get(key);
    if (window === undefined || t - window.start >= 1000) {
      window = { start: t, count: 0 };
      windows.set(key, window);
    }
    return ++window.count > rateLimit;
  }

  async function answerApi(req: IncomingMessage, url: URL, match: RegExpExecArray): Promise<ApiReply> {
    const [, , entity = '', id] = match;
    const credential = credentialOf(req);
    if (rateLimited(credential?.secret ?? `ip:${req.socket.remoteAddress ?? ''}`)) {
      counters.rateLimited++;
      return { status: 429, json: message('ms.msg.too_many_requests', 'Too many requests'), headers: { 'Retry-After': '1' } };
    }
    const key = credential && keys.find((k) => k.secret === credential.secret && k.kind === credential.kind);
    if (key === undefined || !key.enabled) return { status: 401, json: message('ms.msg.unauthorized', 'Unauthorized') };
    if (!isEntity(entity)) return notFound();
    const forbidden = { status: 403, json: message('ms.msg.forbidden', 'Forbidden') };
    if (!key.role.read.includes(entity)) return forbidden;
    const records = recordsOf(catalogue, entity);
    if (req.method === 'GET') return id === undefined ? listEntity(records, url.searchParams, toWire) : getEntity(records, id, toWire);
    if (req.method === 'PUT' && entity === 'ms.products' && id !== undefined) {
      if (!key.role.editProducts) return forbidden;
      if (editRefusal !== null) return { status: editRefusal.status, json: { ...message('ms.msg.bad_request', editRefusal.message), error: editRefusal.message } };
      if ((req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() !== 'application/json') return badRequest('the body must be application/json');
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req)) as unknown;
      } catch {
        return badRequest('the body is not valid JSON');
      }
      return editProduct(records, id, body, now(), toWire);
    }
    return { status: 405, json: message('ms.msg.method_not_allowed', 'Method not allowed'), headers: { Allow: id === undefined ? 'GET' : 'GET, PUT' } };
  }

  let origin = '';
  const api = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    record('api', req, url);
    const match = ENTITY_PATH.exec(url.pathname);
    if (match !== null) {
      const cors = { ...corsHeaders(req.headers.origin), Vary: 'Origin' };
      if (req.method === 'OPTIONS') return send(res, { status: 204 }, cors);
      counters.apiRequests++;
      answerApi(req, url, match).then(
        (reply) => send(res, { status: reply.status, json: reply.json, headers: { 'Cache-Control': 'no-store', ...reply.headers } }, cors),
        () => send(res, { status: 500, json: message('ms.msg.error', 'Server error') }, cors),
      );
      return;
    }
    // '/admin' is where the app's "Open … admin" link points (the real admin's Access Keys address is not documented)
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/admin' || url.pathname === '/admin/')) {
      return send(res, { status: 200, html: renderHomePage(origin, catalogue.products.length), headers: htmlSecurityHeaders() });
    }
    if (req.method === 'GET' && url.pathname === KEYS_PAGE) {
      return send(res, { status: 200, html: renderAccessKeysPage(keys), headers: { ...htmlSecurityHeaders(), 'Cache-Control': 'no-store' } });
    }
    send(res, { status: 404, json: message('ms.msg.not_found', 'Not found') });
  });

  const cdnPrefix = `/s/${STORE_OBJECT_ID}/`;
  const cdn = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://cdn.invalid');
    record('cdn', req, url);
    counters.cdnRequests++;
    const path = url.pathname.startsWith(cdnPrefix) ? url.pathname.slice(cdnPrefix.length) : undefined;
    const known =
      path !== undefined &&
      req.method === 'GET' &&
      catalogue.products.some((p) => (p.images as WireRecord[]).some((i) => typeof i.image === 'string' && (i.image === path || i.image.endsWith(cdnPrefix + path))));
    if (!known) return send(res, { status: 404, body: 'Not found', headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    send(res, {
      status: 200,
      body: renderProductSvg(path, 600, 600, 'Product image'),
      headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400', 'Cross-Origin-Resource-Policy': 'cross-origin', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" },
    });
  });

  const store: StoreHippoStore = {
    origin: '',
    cdnOrigin: '',
    imageBase: '',
    testOrigin: '',
    storeObjectId: STORE_OBJECT_ID,
    close: () => Promise.all([closeServer(api), closeServer(cdn), closeServer(hooks)]).then(() => undefined),
    stats: () => ({ ...counters }),
    requests: () => recorded.map((r) => ({ ...r, headers: { ...r.headers } })),
    clearRequests: () => {
      recorded.length = 0;
    },
    disableKey: (secret) => setEnabled(secret, false),
    enableKey: (secret) => setEnabled(secret, true),
    addKey: (secret, role, kind = 'access-key') => {
      if (!/^[A-Za-z0-9]{16,64}$/.test(secret)) throw new Error('storehippo: a key is 16-64 letters and digits');
      keys.push({ secret, kind, label: `Added ${role} key`, role: role === 'manager' ? MANAGER_ROLE : READ_ONLY_ROLE, enabled: true });
    },
    setKeyRole: (secret, role) => {
      const key = keys.find((k) => k.secret === secret);
      if (key === undefined) throw new Error('storehippo: no such key');
      key.role = role === 'manager' ? MANAGER_ROLE : role === 'orders-only' ? ORDERS_ONLY_ROLE : READ_ONLY_ROLE;
    },
    setCors: (mode) => {
      corsMode = mode;
    },
    refuseEdits: (refusal) => {
      editRefusal = refusal;
    },
    setRateLimit: (perSecond) => {
      rateLimit = perSecond;
      windows.clear();
    },
    advanceClock: (ms) => {
      clockOffset += ms;
    },
    touchProduct: (id, changes = {}) => {
      const product = catalogue.products.find((p) => p._id === id);
      if (product === undefined) throw new Error(`storehippo: no product ${id}`);
      Object.assign(product, changes);
      bumpUpdated(product, now());
    },
    getProduct: (id) => {
      const product = catalogue.products.find((p) => p._id === id);
      return product === undefined ? undefined : toWire(product);
    },
    setCouponEnabled: (code, enabled) => {
      const coupon = catalogue.coupons.find((c) => c.coupon_code === code);
      if (coupon === undefined) throw new Error(`storehippo: no coupon ${code}`);
      coupon.enabled = enabled ? '1' : '0';
    },
  };

  function setEnabled(secret: string, enabled: boolean): void {
    const key = keys.find((k) => k.secret === secret);
    if (key === undefined) throw new Error('storehippo: no such key');
    key.enabled = enabled;
  }

  const hooks = createServer((req, res) => {
    handleTestHook(store, req).then(
      (reply) => send(res, { status: reply.status, json: reply.json }),
      (error: unknown) => send(res, { status: 400, json: { error: error instanceof Error ? error.message : 'bad request' } }),
    );
  });

  try {
    origin = await listen(api, options.port ?? DEFAULT_PORT);
    store.cdnOrigin = await listen(cdn, options.cdnPort ?? 0);
    store.testOrigin = await listen(hooks, options.testPort ?? 0);
  } catch (error) {
    await Promise.allSettled([api, cdn, hooks].filter((s) => s.listening).map(closeServer));
    throw error;
  }
  store.origin = origin;
  cdnHost = new URL(store.cdnOrigin).host;
  store.imageBase = `${store.cdnOrigin}${cdnPrefix}`;
  return store;
}
