/**
 * Test hooks over HTTP, on their own origin so the app never sees them (platforms.md 6):
 *   POST /__test/revoke-client[?client_id=...]   remove the integration (default: the demo client)
 *   POST /__test/expire-tokens                   every access token issued so far expires
 *   POST /__test/advance-clock?seconds=N         move the server's clock forward
 *   POST /__test/token-lifetime?seconds=N        `expires_in` of tokens issued from now on
 *   POST /__test/cors?mode=app|none              toggle CORS
 *   POST /__test/reset-stats                     zero the counters, forget recorded requests
 *   GET  /__test/stats                           {tokenRequests, apiRequests, canaryHits, canaryHitsWithAuthorization}
 *   GET  /__test/requests                        recorded requests (paths and flags, never header values)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorReply, jsonReply, send, type Reply } from '../../demo-store/http-utils.ts';
import type { FoxyStore } from './server.ts';

function positiveInteger(raw: string | null): number | undefined {
  return raw !== null && /^\d{1,10}$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined;
}

function route(method: string, url: URL, store: FoxyStore): Reply {
  const name = url.pathname.replace(/^\/__test\//, '');
  if (method === 'GET' && name === 'stats') return jsonReply(200, store.stats());
  if (method === 'GET' && name === 'requests') return jsonReply(200, store.requests());
  if (method !== 'POST') return errorReply(404, 'not_found', 'Unknown test hook.');
  const q = url.searchParams;
  switch (name) {
    case 'revoke-client':
      return jsonReply(200, { revoked: store.revokeClient(q.get('client_id') ?? undefined) });
    case 'expire-tokens':
      store.expireAccessTokens();
      return jsonReply(200, { ok: true });
    case 'advance-clock': {
      const seconds = positiveInteger(q.get('seconds'));
      if (seconds === undefined) return errorReply(400, 'invalid_request', 'seconds must be a positive integer.');
      store.advanceClock(seconds);
      return jsonReply(200, { ok: true });
    }
    case 'token-lifetime': {
      const seconds = positiveInteger(q.get('seconds'));
      if (seconds === undefined) return errorReply(400, 'invalid_request', 'seconds must be a positive integer.');
      store.setAccessLifetime(seconds);
      return jsonReply(200, { ok: true });
    }
    case 'cors': {
      const mode = q.get('mode');
      if (mode !== 'app' && mode !== 'none') return errorReply(400, 'invalid_request', 'mode must be app or none.');
      store.setCors(mode);
      return jsonReply(200, { ok: true });
    }
    case 'reset-stats':
      store.resetStats();
      return jsonReply(200, { ok: true });
    default:
      return errorReply(404, 'not_found', 'Unknown test hook.');
  }
}

export async function handleHook(req: IncomingMessage, res: ServerResponse, store: FoxyStore): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://hooks.invalid');
  if (!url.pathname.startsWith('/__test/')) {
    send(res, errorReply(404, 'not_found', 'Test hooks live under /__test/.'));
    return;
  }
  send(res, route(req.method ?? 'GET', url, store));
}
