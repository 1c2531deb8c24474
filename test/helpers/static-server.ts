import { createServer, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { compressFor } from '../demo-store/http-utils.ts';
import { ASSET_HEADERS, CONFIG_HEADERS, PAGE_HEADERS } from '../deploy/csp.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

/** What a CDN compresses on the fly: text, not images that are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.webmanifest', '.txt']);

export interface StaticServerOptions {
  /** Folder to serve. */
  root: string;
  /** URL path the folder is mounted at, e.g. '/shops/acme/'. Default '/'. */
  basePath?: string;
  /**
   * Files to answer instead of the folder's, by path relative to the base (e.g. 'config.json');
   * `null` answers 404, as if the file were not deployed.
   */
  overrides?: Record<string, Override>;
  /** Extra response headers on every answer (the deployment's CSP and friends). */
  headers?: Record<string, string>;
  /** Default 0 (any free port); `npm run demo -- --dist` uses the app's fixed one. */
  port?: number;
  /**
   * Send each file's Last-Modified (its mtime), as CDNs do. With it, a browser keeps a file sent
   * without a Cache-Control for a tenth of its age (heuristic freshness) without asking again.
   */
  lastModified?: boolean;
}

/** A file's body, a function giving it per request, or null for a 404. */
export type Override = string | (() => string) | null;

export interface StaticServer {
  origin: string;
  /** origin + basePath: the app's URL. */
  url: string;
  setOverride(path: string, body: Override): void;
  setHeaders(headers: Record<string, string>): void;
  close(): Promise<void>;
}

/**
 * The caching headers the shipped `_headers` gives a deployed file (csp.ts): hashed assets for good,
 * config.json and index.html revalidated. Only these: the rest of `_headers` (the CSP, the widget's CORS) is what
 * each test sets with setHeaders, since tests prove both with and without it.
 */
function cachingFor(path: string): Readonly<Record<string, string>> {
  if (path.startsWith('assets/')) return ASSET_HEADERS;
  if (path === 'config.json') return CONFIG_HEADERS;
  if (path === 'index.html') return PAGE_HEADERS;
  return {};
}

/** A strong validator from the bytes, as CDNs send: a revalidation of an unchanged file is a 304. */
function etagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

interface Encoded {
  sent: string | Buffer;
  headers: Record<string, string>;
}

/**
 * A 200 with `body`, compressed per Accept-Encoding when it is text, as a CDN sends it; a 304 when
 * the browser's copy is current. Compressed answers are kept per file and encoding, as a CDN's edge
 * keeps them, so that a page load does not wait for the same file to be compressed again.
 */
function reply(res: ServerResponse, path: string, body: string | Buffer, headers: Record<string, string>, memo?: Map<string, Encoded>): void {
  const etag = etagOf(body);
  if (res.req.headers['if-none-match'] === etag) {
    res.writeHead(304, { ...headers, etag }).end();
    return;
  }
  const key = `${path} ${etag} ${res.req.headers['accept-encoding'] ?? ''}`;
  let encoded = memo?.get(key);
  if (!encoded) {
    const out = { ...headers };
    encoded = { sent: COMPRESSIBLE.has(extname(path)) ? compressFor(res.req, body, out) : body, headers: out };
    memo?.set(key, encoded);
  }
  res.writeHead(200, { ...encoded.headers, etag, 'content-length': String(Buffer.byteLength(encoded.sent)) });
  res.end(encoded.sent);
}

/**
 * A plain static file server, as a CDN would be: no rewrites, no fallback to index.html
 * (a missing file is a 404), so a test proves the build needs nothing else. Text is compressed
 * (br or gzip) for browsers that accept it, as every CDN does.
 */
export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const basePath = options.basePath ?? '/';
  const overrides = new Map(Object.entries(options.overrides ?? {}));
  let headers = options.headers ?? {};
  const root = normalize(options.root);
  const compressed = new Map<string, Encoded>();

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(basePath)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    path = path.slice(basePath.length);
    if (path === '' || path.endsWith('/')) path += 'index.html';
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    const override = overrides.get(path);
    if (override === null) {
      res.writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('not found');
      return;
    }
    if (override !== undefined) {
      const body = typeof override === 'function' ? override() : override;
      reply(res, path, body, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      return;
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      const type = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
      const modified: Record<string, string> = options.lastModified ? { 'last-modified': info.mtime.toUTCString() } : {};
      reply(res, file, await readFile(file), { ...type, ...modified, ...cachingFor(path) }, compressed);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: origin + basePath,
    setOverride: (p, body) => overrides.set(p, body),
    setHeaders: (h) => {
      headers = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The Content-Security-Policy of an embedding site in the widget tests: scripts only from the app's
 * origin, no inline styles or scripts, images and API reads only from the store's origin.
 */
export function strictHostCsp(appOrigin: string, storeOrigin: string): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'none'",
      `script-src ${appOrigin}`,
      "style-src 'self'",
      `img-src ${storeOrigin}`,
      `connect-src ${storeOrigin}`,
      "base-uri 'none'",
      "object-src 'none'",
    ].join('; '),
  };
}
