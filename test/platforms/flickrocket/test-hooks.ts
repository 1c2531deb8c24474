/**
 * The /__test/ hooks over HTTP on their own port (platforms.md section 6), so a browser test or a
 * CLI user can drive the store the way in-process tests call its methods. JSON answers; POST for
 * anything that changes state. Never reachable from the store's own origin.
 */
import { createServer, type Server } from 'node:http';
import { jsonReply, send, type Reply } from '../../demo-store/http-utils.ts';
import { closeServer, type FlickRocketStore } from './server.ts';

export interface TestHooks {
  origin: string;
  close(): Promise<void>;
}

function number(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  return raw !== null && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

const bad = (message: string): Reply => jsonReply(400, { error: message });
const done: Reply = jsonReply(200, { ok: true });

function route(store: FlickRocketStore, method: string, url: URL): Reply {
  const path = url.pathname.replace(/^\/__test/, '');
  if (method === 'GET') {
    if (path === '/stats') return jsonReply(200, store.stats());
    if (path === '/requests') return jsonReply(200, { requests: store.requests() });
    if (path === '/token-requests') return jsonReply(200, { count: store.tokenRequestsFor(url.searchParams.get('refresh_token') ?? '') });
    const id = /^\/products\/(\d+)$/.exec(path)?.[1];
    if (id !== undefined) {
      const product = store.getProduct(Number(id));
      return product === undefined ? jsonReply(404, { error: 'not found' }) : jsonReply(200, { product });
    }
    return jsonReply(404, { error: 'not found' });
  }
  if (method !== 'POST') return jsonReply(405, { error: 'use GET or POST' });
  switch (path) {
    case '/advance-clock': {
      const seconds = number(url, 'seconds');
      if (seconds === undefined) return bad('seconds=N required');
      store.advanceClock(seconds);
      return done;
    }
    case '/expire-access-tokens':
      store.expireAccessTokens();
      return done;
    case '/revoke':
      store.revokeAll();
      return done;
    case '/clear-requests':
      store.clearRequests();
      return done;
    case '/cors': {
      const mode = url.searchParams.get('mode');
      if (mode !== 'allow' && mode !== 'none') return bad('mode=allow|none required');
      store.setCors(mode);
      return done;
    }
    case '/token-lifetime': {
      const seconds = number(url, 'seconds');
      if (seconds === undefined || seconds === 0) return bad('seconds=N (> 0) required');
      store.setAccessTokenLifetime(seconds);
      return done;
    }
    case '/refresh-token': {
      const scopes = (url.searchParams.get('scopes') ?? 'products').split(',').filter((s) => s !== '');
      return jsonReply(200, { refresh_token: store.issueRefreshToken(scopes) });
    }
    default:
      return jsonReply(404, { error: 'not found' });
  }
}

export async function startTestHooks(
  store: FlickRocketStore,
  port: number,
  host: string,
  listen: (server: Server, port: number, host: string) => Promise<string>,
): Promise<TestHooks> {
  let origin = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    // Drain any body; hooks take their arguments from the query string.
    req.resume();
    const answer = url.pathname.startsWith('/__test/') ? route(store, req.method ?? 'GET', url) : jsonReply(404, { error: 'not found' });
    send(res, answer, { 'Cache-Control': 'no-store' });
  });
  origin = await listen(server, port, host);
  return { origin, close: () => closeServer(server) };
}
