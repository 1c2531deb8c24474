/**
 * The `/__test/` hooks over HTTP (platforms.md section 6), served on their own port. Secrets travel
 * in JSON bodies, never in the URL.
 *
 *   GET  /__test/stats                 GET/DELETE /__test/requests
 *   POST /__test/keys/disable {key}    POST /__test/keys/enable {key}    POST /__test/keys {key, role}
 *   POST /__test/keys/role {key, role}
 *   POST /__test/cors {mode}           POST /__test/rate-limit {perSecond|null}
 *   POST /__test/clock {advanceMs}     POST /__test/products/<id>/touch {changes}
 *   GET  /__test/products/<id>         POST /__test/coupons/enabled {code, enabled}
 */
import type { IncomingMessage } from 'node:http';
import { readBody } from '../../demo-store/http-utils.ts';
import type { CorsMode, StoreHippoStore } from './server.ts';

interface HookReply {
  status: number;
  json: unknown;
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (text === '') return {};
  const parsed = JSON.parse(text) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the body must be a JSON object');
  return parsed as Record<string, unknown>;
}

function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string') throw new Error(`${name} must be a string`);
  return value;
}

const ok = { status: 200, json: { ok: true } };

export async function handleTestHook(store: StoreHippoStore, req: IncomingMessage): Promise<HookReply> {
  const path = new URL(req.url ?? '/', 'http://hooks.invalid').pathname;
  const method = req.method ?? 'GET';
  if (method === 'GET' && path === '/__test/stats') return { status: 200, json: store.stats() };
  if (method === 'GET' && path === '/__test/requests') return { status: 200, json: store.requests() };
  if (method === 'DELETE' && path === '/__test/requests') {
    store.clearRequests();
    return ok;
  }
  const product = /^\/__test\/products\/([0-9a-f]{24})(\/touch)?$/.exec(path);
  if (method === 'GET' && product !== null && product[2] === undefined) {
    const found = store.getProduct(product[1] ?? '');
    return found === undefined ? { status: 404, json: { error: 'no such product' } } : { status: 200, json: found };
  }
  if (method !== 'POST') return { status: 404, json: { error: 'unknown hook' } };
  const body = await jsonBody(req);
  switch (path) {
    case '/__test/keys/disable':
      store.disableKey(text(body, 'key'));
      return ok;
    case '/__test/keys/enable':
      store.enableKey(text(body, 'key'));
      return ok;
    case '/__test/keys/role': {
      const role = text(body, 'role');
      if (role !== 'read-only' && role !== 'manager') throw new Error('role must be read-only or manager');
      store.setKeyRole(text(body, 'key'), role);
      return ok;
    }
    case '/__test/keys': {
      const role = text(body, 'role');
      if (role !== 'read-only' && role !== 'manager') throw new Error('role must be read-only or manager');
      store.addKey(text(body, 'key'), role, body.kind === 'bearer' ? 'bearer' : 'access-key');
      return ok;
    }
    case '/__test/cors': {
      const mode = text(body, 'mode');
      if (!['on', 'off', 'no-access-key'].includes(mode)) throw new Error('mode must be on, off or no-access-key');
      store.setCors(mode as CorsMode);
      return ok;
    }
    case '/__test/rate-limit': {
      const perSecond = body.perSecond;
      if (perSecond !== null && !(typeof perSecond === 'number' && perSecond > 0)) throw new Error('perSecond must be > 0 or null');
      store.setRateLimit(perSecond);
      return ok;
    }
    case '/__test/coupons/enabled': {
      if (typeof body.enabled !== 'boolean') throw new Error('enabled must be true or false');
      store.setCouponEnabled(text(body, 'code'), body.enabled);
      return ok;
    }
    case '/__test/clock': {
      const ms = body.advanceMs;
      if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new Error('advanceMs must be a number');
      store.advanceClock(ms);
      return ok;
    }
  }
  if (product !== null && product[2] === '/touch') {
    const changes = body.changes ?? {};
    if (typeof changes !== 'object' || changes === null) throw new Error('changes must be an object');
    store.touchProduct(product[1] ?? '', changes as Record<string, unknown>);
    return ok;
  }
  return { status: 404, json: { error: 'unknown hook' } };
}
