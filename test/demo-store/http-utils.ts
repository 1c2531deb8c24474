/** Small `node:http` plumbing shared by the demo store's handlers. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

/** What a handler answers; `send` turns it into bytes. Handlers stay free of `ServerResponse`. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  html?: string;
  body?: string | Buffer;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

export function jsonReply(status: number, json: unknown, headers: Record<string, string> = {}): Reply {
  return { status, json, headers };
}

/** ApiError / OAuthError body: {error, error_description}. */
export function errorReply(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): Reply {
  return jsonReply(status, { error, error_description: description }, headers);
}

export function send(res: ServerResponse, reply: Reply, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { 'X-Content-Type-Options': 'nosniff', ...extraHeaders, ...reply.headers };
  let payload: string | Buffer = '';
  if (reply.json !== undefined) {
    headers['Content-Type'] = 'application/json; charset=utf-8';
    payload = JSON.stringify(reply.json);
  } else if (reply.html !== undefined) {
    headers['Content-Type'] = 'text/html; charset=utf-8';
    payload = reply.html;
  } else if (reply.body !== undefined) {
    payload = reply.body;
  }
  // As a real store's front end does: JSON (also HAL's and JSON:API's) is compressed for clients that accept it.
  const body = isJsonType(headers['Content-Type']) ? compressFor(res.req, payload, headers) : payload;
  headers['Content-Length'] = String(Buffer.byteLength(body));
  res.writeHead(reply.status, headers);
  res.end(body);
}

/** Smaller bodies are not worth compressing (nginx and most CDNs use a similar floor). */
export const COMPRESS_MIN_BYTES = 1024;

/**
 * The encoding to answer with for an Accept-Encoding header: br, else gzip, each only when listed
 * with a q above 0 (or through `*`); undefined for identity.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-12.5.3
 */
export function pickEncoding(acceptEncoding: string | string[] | undefined): 'br' | 'gzip' | undefined {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (name === '') continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (name: string): boolean => (q.get(name) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return undefined;
}

/** application/json and the JSON media types with a +json suffix (application/hal+json, application/vnd.api+json). */
export function isJsonType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * The body as a CDN or a store's web server sends it: br, else gzip, when the request accepts it and
 * the body is worth it (COMPRESS_MIN_BYTES). Adds Accept-Encoding to `headers`' Vary either way and
 * sets Content-Encoding when it compresses; the caller sets Content-Length from what comes back.
 */
export function compressFor(req: IncomingMessage | undefined, payload: string | Buffer, headers: Record<string, string>): string | Buffer {
  headers['Vary'] = headers['Vary'] ? `${headers['Vary']}, Accept-Encoding` : 'Accept-Encoding';
  const encoding = Buffer.byteLength(payload) >= COMPRESS_MIN_BYTES ? pickEncoding(req?.headers['accept-encoding']) : undefined;
  if (encoding === undefined) return payload;
  headers['Content-Encoding'] = encoding;
  return compress(payload, encoding);
}

function compress(payload: string | Buffer, encoding: 'br' | 'gzip'): Buffer {
  if (encoding === 'gzip') return gzipSync(payload, { level: 6 });
  // Quality 5: what CDNs use for on-the-fly brotli (11 is for files compressed ahead of time).
  return brotliCompressSync(payload, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } });
}

const MAX_BODY_BYTES = 64 * 1024;

/** Reads the whole body as UTF-8, refusing more than 64 KiB with a 413. */
export function readBody(req: IncomingMessage): Promise<string> {
  return readBodyUpTo(req, MAX_BODY_BYTES, () => new HttpError(413, 'invalid_request', 'The request body is too large.'));
}

/** Reads the whole body as UTF-8; past `maxBytes` throws `tooLarge()` (each server words its own 413). */
export async function readBodyUpTo(req: IncomingMessage, maxBytes: number, tooLarge: () => Error): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The media type of a request, lower case, without parameters ('' when absent). */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  if (mediaType(req) !== 'application/json') {
    throw new HttpError(400, 'invalid_request', 'The body must be application/json.');
  }
  const text = await readBody(req);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_request', 'The body is not valid JSON.');
  }
}

/** 32 random bytes, base64url: codes, tokens and consent values. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Parses a Cookie header into a map (first occurrence wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/**
 * CORS headers for an allowed origin, or none at all for any other origin. `exposed`: the
 * response headers a page may read (default WWW-Authenticate and Retry-After).
 */
export function corsHeaders(
  origin: string | undefined,
  allowedOrigins: ReadonlySet<string>,
  methods: string,
  exposed: readonly string[] = ['WWW-Authenticate', 'Retry-After'],
): Record<string, string> {
  if (origin === undefined || !allowedOrigins.has(origin)) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    'Access-Control-Allow-Methods': methods,
    ...(exposed.length > 0 ? { 'Access-Control-Expose-Headers': exposed.join(', ') } : {}),
    'Access-Control-Max-Age': '600',
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A `node:http` server around an async handler. A thrown HttpError becomes its OAuth-style error
 * reply; anything else is logged by message only (never a request body, which may hold a code or a
 * token) and answered with `internalError`.
 */
export function createHandlerServer(
  label: string,
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  internalError: () => Reply,
): Server {
  return createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        send(res, errorReply(error.status, error.error, error.description));
        return;
      }
      console.error(`${label}: ${error instanceof Error ? error.message : 'unknown error'}`);
      send(res, internalError());
    });
  });
}

/** Listens on host:port (0 = any free port) and returns the origin, e.g. http://127.0.0.1:4010. */
export async function listenOn(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
}

/** Closes the server and drops its open connections. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}
