import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSE, apiSearch, call, passwordGrant, refreshGrant, tokenRequest } from './client.ts';
import { DEMO_INTEGRATIONS, DEMO_USERS, SALES_CHANNEL_ACCESS_KEY } from './constants.ts';
import { parseCliOptions } from './cli.ts';
import { startShopwareStore, type ShopwareStore } from './server.ts';

let store: ShopwareStore;

beforeAll(async () => {
  store = await startShopwareStore({ port: 0 });
});
afterAll(() => store.close());

function hook(path: string, body?: unknown): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return call(`${store.testOrigin}/__test/${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
}

describe('test hooks over HTTP on their own port', () => {
  it('live on a port the app never sees: the API origin has no /__test/', async () => {
    expect(store.testOrigin).not.toBe(store.origin);
    expect((await call(`${store.origin}/__test/stats`)).status).toBe(404);
    expect((await hook('stats')).status).toBe(200);
  });

  it('advance the clock, revoke an integration, change a password, toggle CORS, and count', async () => {
    const token = (await passwordGrant(store.origin)).json;
    await hook('advance-clock', { seconds: 601 });
    expect((await apiSearch(store.origin, 'product', token.access_token, { limit: 1 })).status).toBe(401);
    expect((await hook('revoke-integration', { accessKeyId: BROWSE.accessKeyId })).json).toEqual({ revoked: true });
    expect((await tokenRequest(store.origin, { grant_type: 'client_credentials', client_id: BROWSE.accessKeyId, client_secret: BROWSE.secret })).status).toBe(401);
    await hook('change-password', { username: 'admin', password: 'changed-1' });
    expect((await refreshGrant(store.origin, token.refresh_token)).status).toBe(400);
    await hook('cors', { enabled: false });
    expect((await call(`${store.origin}/api/_info/version`)).headers.get('access-control-allow-origin')).toBeNull();
    await hook('cors', { enabled: true });
    expect((await call(`${store.origin}/api/_info/version`)).headers.get('access-control-allow-origin')).toBe('*');
    const stats = (await hook('stats')).json;
    expect(stats.tokenRequests.byGrant).toMatchObject({ password: 1, client_credentials: 1, refresh_token: 1 });
    expect(stats.apiRequests).toBe(3);
    expect((await hook('no-such-hook', {})).status).toBe(404);
  });
});

describe('integrations page and CLI', () => {
  it('lists the demo integrations, users and the sales channel key for a person to copy', async () => {
    const page = await call(`${store.origin}/admin/integrations`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const integration of DEMO_INTEGRATIONS) {
      expect(page.text).toContain(integration.accessKeyId);
      expect(page.text).toContain(integration.secret);
    }
    for (const user of DEMO_USERS) expect(page.text).toContain(user.password);
    expect(page.text).toContain(SALES_CHANNEL_ACCESS_KEY);
  });

  it('parses the CLI flags', () => {
    expect(parseCliOptions(['--port', '0', '--league', '8', '--throttle-divisor', '10', '--no-cors'])).toEqual({ port: 0, league: 8, throttleDivisor: 10, cors: false });
    expect(() => parseCliOptions(['--league', '7'])).toThrow(/league/);
    expect(() => parseCliOptions(['--bogus'])).toThrow(/unknown option/);
  });
});
