import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BUNDLE } from './constants.ts';
import { APP_ORIGIN, accessToken, basic, call, get, tokenCall } from './foxy-client.ts';
import { parseFoxyCliOptions } from './cli.ts';
import { startFoxyStore, type FoxyStore } from './server.ts';

let store: FoxyStore;

beforeAll(async () => {
  store = await startFoxyStore({ port: 0 });
});
afterAll(() => store.close());

function hook(path: string, method = 'POST'): Promise<Response> {
  return fetch(`${store.hooksOrigin}/__test/${path}`, { method });
}

function preflight(origin: string, url = `${store.origin}/token`): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,foxy-api-version' },
  });
}

describe('CORS (5.6.8)', () => {
  it('lets the app origin preflight without FOXY-API-VERSION, allowing authorization, content-type, foxy-api-version', async () => {
    for (const url of [`${store.origin}/token`, `${store.origin}/`]) {
      const answer = await preflight(APP_ORIGIN, url);
      expect(answer.status).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
      expect(answer.headers.get('access-control-allow-headers')).toBe('authorization, content-type, foxy-api-version');
    }
    const home = await call(`${store.origin}/`, { headers: { Origin: APP_ORIGIN } });
    expect(home.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(home.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');
  });

  it('sends no CORS headers to another origin', async () => {
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it("mode 'none' (option or hook) sends no CORS headers at all, to anyone", async () => {
    const none = await startFoxyStore({ port: 0, cors: 'none' });
    try {
      expect((await preflight(APP_ORIGIN, `${none.origin}/token`)).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await none.close();
    }
    expect((await hook('cors?mode=none')).status).toBe(200);
    expect((await preflight(APP_ORIGIN)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await hook('cors?mode=app')).status).toBe(200);
    expect((await preflight(APP_ORIGIN)).headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect((await hook('cors?mode=maybe')).status).toBe(400);
  });
});

describe('test hooks over HTTP on their own origin (6)', () => {
  it('are not on the API origin', async () => {
    expect(store.hooksOrigin).not.toBe(store.origin);
    expect((await get(`${store.origin}/__test/stats`, await accessToken(store.origin))).status).toBe(404);
  });

  it('count token requests and canary hits with Authorization', async () => {
    await hook('reset-stats');
    await accessToken(store.origin);
    await accessToken(store.origin);
    await fetch(`${store.canaryOrigin}/anything`, { headers: { Authorization: 'Bearer leaked' } });
    const stats = (await (await hook('stats', 'GET')).json()) as Record<string, number>;
    expect(stats).toMatchObject({ tokenRequests: 2, canaryHits: 1, canaryHitsWithAuthorization: 1 });
    const requests = (await (await hook('requests', 'GET')).json()) as { listener: string; hasAuthorization: boolean }[];
    expect(requests.filter((r) => r.listener === 'canary')).toEqual([expect.objectContaining({ hasAuthorization: true, path: '/anything' })]);
    expect(JSON.stringify(requests)).not.toContain('leaked');
  });

  it('expire tokens and advance the clock', async () => {
    let token = await accessToken(store.origin);
    await hook('expire-tokens');
    expect((await get(`${store.origin}/`, token)).status).toBe(401);
    token = await accessToken(store.origin);
    expect((await hook('advance-clock?seconds=7201')).status).toBe(200);
    expect((await get(`${store.origin}/`, token)).json.error_description).toBe('The access token provided has expired');
    expect((await hook('advance-clock?seconds=-5')).status).toBe(400);
  });

  it('set the token lifetime and revoke the client', async () => {
    const own = await startFoxyStore({ port: 0 });
    try {
      await fetch(`${own.hooksOrigin}/__test/token-lifetime?seconds=120`, { method: 'POST' });
      expect((await tokenCall(own.origin, { grant_type: 'refresh_token', refresh_token: DEMO_BUNDLE.refresh_token }, basic(DEMO_BUNDLE.client_id, DEMO_BUNDLE.client_secret))).json.expires_in).toBe(120);
      const revoked = await fetch(`${own.hooksOrigin}/__test/revoke-client`, { method: 'POST' });
      expect(await revoked.json()).toEqual({ revoked: true });
      const answer = await tokenCall(own.origin, { grant_type: 'refresh_token', refresh_token: DEMO_BUNDLE.refresh_token }, basic(DEMO_BUNDLE.client_id, DEMO_BUNDLE.client_secret));
      expect(answer.json.error).toBe('invalid_client');
    } finally {
      await own.close();
    }
  });
});

describe('Integrations › Get Token page', () => {
  it('lists the demo bundle as name: value lines, and its access token works', async () => {
    const response = await fetch(`${store.adminOrigin}/admin/integrations/get-token`);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    const block = /<pre id="token-block"[^>]*>([\s\S]*?)<\/pre>/.exec(html)?.[1] ?? '';
    const fields = Object.fromEntries(block.split('\n').map((line) => line.split(': ')));
    expect(fields).toMatchObject(DEMO_BUNDLE);
    expect((await get(`${store.origin}/`, String(fields['access_token']))).status).toBe(200);
  });
});

describe('cli options', () => {
  it('puts canary, hooks and admin on the next ports, or any free port for --port 0', () => {
    expect(parseFoxyCliOptions(['--port', '4020', '--cors', 'none'])).toMatchObject({ port: 4020, canaryPort: 4021, hooksPort: 4022, adminPort: 4023, cors: 'none' });
    expect(parseFoxyCliOptions(['--port', '0']).canaryPort).toBeUndefined();
    expect(() => parseFoxyCliOptions(['--cors', 'some'])).toThrow(/--cors/);
    expect(() => parseFoxyCliOptions(['--nope'])).toThrow(/unknown option/);
  });
});
