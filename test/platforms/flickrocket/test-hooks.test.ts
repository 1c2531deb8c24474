import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlickRocketStore, type FlickRocketStore } from './server.ts';
import { APP_ORIGIN, api, refreshParams, signIn, tokenPost } from './client.ts';

let store: FlickRocketStore;

beforeAll(async () => {
  store = await startFlickRocketStore({ port: 0 });
});
afterAll(() => store.close());

const hook = async (path: string, method: 'GET' | 'POST' = 'POST') => {
  const response = await fetch(`${store.hooksOrigin}/__test/${path}`, { method });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

describe('/__test/ hooks over HTTP, on their own port', () => {
  it('live on a different origin than the store, and are absent from the store itself', async () => {
    expect(store.hooksOrigin).not.toBe('');
    expect(store.hooksOrigin).not.toBe(store.origin);
    expect((await fetch(`${store.origin}/__test/stats`)).status).toBe(404);
  });

  it('advance-clock expires access tokens; stats count token and API requests', async () => {
    const tokens = await signIn(store.origin);
    const before = (await hook('stats', 'GET')).json;
    expect((await hook('advance-clock?seconds=1800')).status).toBe(200);
    expect((await api(store.origin, '/api/products/count.json', tokens.access_token)).json).toEqual({ error: 'expired' });
    const after = (await hook('stats', 'GET')).json;
    expect(after.apiRequests).toBe(Number(before.apiRequests) + 1);
    expect(after.maxTokenRequestsPerRefreshToken).toBe(1);
    expect((await hook('advance-clock')).status).toBe(400);
  });

  it('revoke kills refresh and access tokens; refresh-token issues one; token-requests counts its uses', async () => {
    const issued = String((await hook('refresh-token?scopes=products')).json.refresh_token);
    expect(issued).toMatch(/^[0-9a-f]{32}$/);
    const tokens = (await tokenPost(store.origin, refreshParams(issued))).json;
    expect(tokens.scope).toBe('products');
    expect((await hook(`token-requests?refresh_token=${issued}`, 'GET')).json).toEqual({ count: 1 });
    await hook('revoke');
    expect((await api(store.origin, '/api/products/count.json', tokens.access_token)).json).toEqual({ error: 'invalid access_token' });
    expect((await tokenPost(store.origin, refreshParams(tokens.refresh_token))).json).toEqual({ error: 'invalid_grant' });
  });

  it('cors toggles CORS; token-lifetime changes expires_in; requests lists what was seen', async () => {
    await hook('cors?mode=none');
    const refreshToken = String((await hook('refresh-token?scopes=products')).json.refresh_token);
    const closed = await tokenPost(store.origin, refreshParams(refreshToken), 'form', { Origin: APP_ORIGIN });
    expect(closed.headers.get('access-control-allow-origin')).toBeNull();
    await hook('cors?mode=allow');
    await hook('token-lifetime?seconds=120');
    const open = await tokenPost(store.origin, refreshParams(closed.json.refresh_token), 'form', { Origin: APP_ORIGIN });
    expect(open.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(open.json.expires_in).toBe(120);
    expect((await hook('cors?mode=maybe')).status).toBe(400);
    const seen = (await hook('requests', 'GET')).json.requests as { path: string; origin?: string }[];
    expect(seen.some((r) => r.path === '/token' && r.origin === APP_ORIGIN)).toBe(true);
    await hook('clear-requests');
    expect((await hook('requests', 'GET')).json.requests).toEqual([]);
  });

  it('products/{id} shows the server copy', async () => {
    expect((await hook('products/1002', 'GET')).json.product).toMatchObject({ id: 1002 });
    expect((await hook('products/42', 'GET')).status).toBe(404);
  });
});
