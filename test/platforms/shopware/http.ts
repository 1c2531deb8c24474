/** `node:http` plumbing of the Shopware server: replies, bodies, Shopware's CORS headers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { compressFor, readBodyUpTo } from '../../demo-store/http-utils.ts';
import { ShopwareError } from './errors.ts';

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** Content-Type for `json` (default application/json). */
  contentType?: string;
  html?: string;
  body?: string;
}

/**
 * `CorsListener` (priority 9999, main requests): the same headers on every response, whatever the
 * origin; no Allow-Credentials, no Max-Age (platforms.md 4.2).
 */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET,POST,PUT,PATCH,DELETE',
  'Access-Control-Allow-Headers':
    'Content-Type,Authorization,sw-context-token,sw-access-key,sw-language-id,sw-version-id,sw-inheritance,indexing-behavior,sw-include-seo-urls',
  'Access-Control-Expose-Headers':
    'Content-Type,Authorization,sw-context-token,sw-access-key,sw-language-id,sw-version-id,sw-inheritance,indexing-behavior,sw-include-seo-urls',
};

export function errorReply(error: ShopwareError): Reply {
  return { status: error.status, json: error.toJson() };
}

export function send(res: ServerResponse, reply: Reply, extra: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...extra, ...reply.headers };
  let payload = '';
  if (reply.json !== undefined) {
    headers['Content-Type'] = reply.contentType ?? 'application/json';
    payload = JSON.stringify(reply.json);
  } else if (reply.html !== undefined) {
    headers['Content-Type'] = 'text/html; charset=utf-8';
    payload = reply.html;
  } else if (reply.body !== undefined) {
    payload = reply.body;
  }
  // A shop's web server (nginx/Apache in front of Symfony, or the cloud's CDN) compresses JSON;
  // Shopware itself sets no Max-Age on preflights (CORS_HEADERS above), so none is added here.
  const body = reply.json !== undefined ? compressFor(res.req, payload, headers) : payload;
  headers['Content-Length'] = String(Buffer.byteLength(body));
  res.writeHead(reply.status, headers);
  res.end(body);
}

const MAX_BODY_BYTES = 256 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return readBodyUpTo(req, MAX_BODY_BYTES, () => new ShopwareError(413, '0', 'Payload Too Large', 'The request body is too large.'));
}

/**
 * The request body as Symfony + `JsonRequestTransformerListener` see it: JSON parsed only when the
 * Content-Type starts with application/json (case-insensitive); form-urlencoded parsed by Symfony;
 * anything else gives no parameters. Malformed JSON is a 400.
 */
export async function readParameters(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const text = await readBody(req);
  if (type.startsWith('application/json')) {
    if (text.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ShopwareError(400, '0', 'Bad Request', 'The JSON payload is malformed.');
    }
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  }
  if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  return {};
}

