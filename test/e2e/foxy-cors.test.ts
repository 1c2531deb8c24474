/**
 * The local Foxy store's CORS (platforms.md 5.6.8) as a real browser sees it: from the app's origin
 * Chromium may refresh at /token (HTTP Basic, FOXY-API-VERSION) and read the API with a Bearer
 * token; in mode 'none' the same fetch rejects with a TypeError (the NETWORK_OR_CORS path). The
 * canary origin lets a leaking request through its preflight, so such a leak would be counted.
 */
import { createServer, type Server } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { closeServer, listenOn } from '../demo-store/http-utils.ts';
import { DEMO_BUNDLE } from '../platforms/foxy/constants.ts';
import { startFoxyStore, type FoxyStore } from '../platforms/foxy/server.ts';

let app: Server;
let appOrigin: string;
let foxy: FoxyStore;
let page: Page;

interface Outcome {
  ok: boolean;
  status?: number;
  body?: string;
  error?: string;
}

const e2e = useE2e();

beforeAll(async () => {
  app = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>app</title><p>app origin</p>');
  });
  appOrigin = await listenOn(app, 0, '127.0.0.1');
  e2e.closeAfterAll(() => closeServer(app));
  foxy = await startFoxyStore({ port: 0, allowedOrigins: [appOrigin] });
  e2e.closeAfterAll(() => foxy.close());
  ({ page } = await e2e.open());
  await page.goto(`${appOrigin}/`);
});

/** Runs one fetch in the page, as the app would (credentials omitted, no referrer). */
function pageFetch(url: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Outcome> {
  return page.evaluate(
    async ({ url, init }) => {
      try {
        const response = await fetch(url, { ...init, credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });
        return { ok: true, status: response.status, body: await response.text() };
      } catch (error) {
        return { ok: false, error: error instanceof TypeError ? 'TypeError' : String(error) };
      }
    },
    { url, init },
  );
}

function refresh(): Promise<Outcome> {
  return pageFetch(`${foxy.origin}/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${btoa(`${DEMO_BUNDLE.client_id}:${DEMO_BUNDLE.client_secret}`)}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      'FOXY-API-VERSION': '1',
      Accept: 'application/json',
    },
    body: `grant_type=refresh_token&refresh_token=${DEMO_BUNDLE.refresh_token}`,
  });
}

describe('Foxy CORS in Chromium', () => {
  it('lets the app origin refresh and read the API home with a Bearer token', async () => {
    const token = await refresh();
    expect(token).toMatchObject({ ok: true, status: 200 });
    const accessToken = (JSON.parse(token.body ?? '{}') as { access_token: string }).access_token;
    const home = await pageFetch(`${foxy.origin}/`, {
      headers: { Authorization: `Bearer ${accessToken}`, 'FOXY-API-VERSION': '1', Accept: 'application/hal+json' },
    });
    expect(home).toMatchObject({ ok: true, status: 200 });
    expect(JSON.parse(home.body ?? '{}')._links['fx:store']).toBeDefined();
  });

  it("rejects with a TypeError when the store's CORS is off", async () => {
    foxy.setCors('none');
    try {
      expect(await refresh()).toEqual({ ok: false, error: 'TypeError' });
    } finally {
      foxy.setCors('app');
    }
  });

  it('counts a request that carries Authorization to the canary origin', async () => {
    const before = foxy.stats().canaryHitsWithAuthorization;
    const leak = await pageFetch(`${foxy.canaryOrigin}/anything`, { headers: { Authorization: 'Bearer leaked', 'FOXY-API-VERSION': '1' } });
    expect(leak).toMatchObject({ ok: true, status: 200 });
    expect(foxy.stats().canaryHitsWithAuthorization).toBe(before + 1);
  });
});
