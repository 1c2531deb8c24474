/**
 * Mix-up defence in Chromium on the built app (security cases 5 and 6; RFC 9700 4.4, RFC 9207): two
 * stores on two demo servers share one redirect URI, each names its issuer, and each server sends
 * `iss`. A callback carrying store A's state with store B's code or token, or with a wrong `iss`,
 * is refused before any token request, stores nothing, and B's token is never used.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { deploymentHeaders, readSessionKeys } from '../helpers/e2e-app.ts';
import { startStaticServer, type StaticServer } from '../helpers/static-server.ts';
import { BUILD_DIR } from '../helpers/paths.ts';
import { startDemoStore, type DemoStore } from '../demo-store/server.ts';
import { authorize, pkcePair } from '../demo-store/store-client.ts';
import type { GoodsieStoreConfig } from '../../src/lib/config/types.ts';

const CLIENT_ID = 'storefront-connect-e2e';
const e2e = useE2e();

interface TwoStores {
  app: StaticServer;
  a: DemoStore;
  b: DemoStore;
}

async function startTwoStores(): Promise<TwoStores> {
  const app = await startStaticServer({ root: BUILD_DIR, basePath: '/shops/demo/' });
  const client = { clientId: CLIENT_ID, name: 'Storefront Connect', redirectUris: [app.url] };
  const a = await startDemoStore({ port: 0, clients: [client], allowedOrigins: [app.origin], sendIssuer: true });
  const b = await startDemoStore({ port: 0, clients: [client], allowedOrigins: [app.origin], sendIssuer: true });
  const entry = (id: string, name: string, store: DemoStore, flow: 'code' | 'token'): GoodsieStoreConfig => ({
    id,
    kind: 'goodsie',
    name,
    authorizationEndpoint: `${store.origin}/oauth2/authorize`,
    tokenEndpoint: `${store.origin}/oauth2/access_token`,
    apiBase: store.origin,
    clientId: CLIENT_ID,
    redirectUri: app.url,
    defaultScopes: ['storefront'],
    flow,
    issuer: store.origin,
    authorizationResponseIssParameterSupported: true,
  });
  const stores = [entry('alpha', 'Alpha Goods', a, 'code'), entry('beta', 'Beta Goods', b, 'code'), entry('alpha-t', 'Alpha Quick', a, 'token')];
  app.setOverride('config.json', JSON.stringify({ stores }));
  app.setHeaders(deploymentHeaders({ stores }));
  e2e.closeAfterAll(() => Promise.all([app.close(), a.close(), b.close()]));
  return { app, a, b };
}

/** Presses Connect for `name` and returns the state of the authorization request (the consent page is left unanswered). */
async function startedState(page: Page, app: StaticServer, name: string): Promise<string> {
  await page.goto(app.url);
  await page.getByRole('button', { name: `Connect ${name}`, exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/oauth2/authorize');
  return new URL(page.url()).searchParams.get('state') ?? '';
}

/** A code B issued for the app's redirect URI (consent given from outside the browser), with B's iss. */
async function codeFrom(store: DemoStore, app: StaticServer): Promise<{ code: string; iss: string }> {
  const { challenge } = pkcePair();
  const { query } = await authorize(store.origin, {
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: app.url,
    scope: 'storefront',
    state: 'attacker',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return { code: query.get('code') ?? '', iss: query.get('iss') ?? '' };
}

async function expectRefused(page: Page, env: TwoStores, tokenRequestsBefore: number[]): Promise<void> {
  await page.getByRole('heading', { name: /came from the wrong place/i }).waitFor();
  expect([env.a.stats().tokenRequests, env.b.stats().tokenRequests]).toEqual(tokenRequestsBefore);
  expect(await readSessionKeys(page)).toEqual([]);
  for (const name of ['code=', 'state=', 'iss=', 'access_token']) expect(page.url()).not.toContain(name);
}

describe('two stores, two servers, one redirect URI', () => {
  it('refuses A’s state with B’s code, with a wrong iss, or with B’s token, before any token request; a true answer still connects', async () => {
    const env = await startTwoStores();
    const { page } = await e2e.open();
    const before = [env.a.stats().tokenRequests, env.b.stats().tokenRequests];

    // A's state with B's code and B's iss.
    const stateA = await startedState(page, env.app, 'Alpha Goods');
    const fromB = await codeFrom(env.b, env.app);
    expect(fromB.iss).toBe(env.b.origin);
    await page.goto(`${env.app.url}?code=${fromB.code}&state=${stateA}&iss=${encodeURIComponent(fromB.iss)}`);
    await expectRefused(page, env, before);

    // A's state with A's own code but a wrong iss (a trailing slash is already wrong).
    const stateA2 = await startedState(page, env.app, 'Alpha Goods');
    const fromA = await codeFrom(env.a, env.app);
    await page.goto(`${env.app.url}?code=${fromA.code}&state=${stateA2}&iss=${encodeURIComponent(`${env.a.origin}/`)}`);
    await expectRefused(page, env, before);

    // A's implicit state with a token B issued, and B's iss: refused, and B's token is never sent anywhere.
    const stateAt = await startedState(page, env.app, 'Alpha Quick');
    const implicitB = await authorize(env.b.origin, { client_id: CLIENT_ID, response_type: 'token', redirect_uri: env.app.url, scope: 'storefront', state: 'x' });
    const tokenB = implicitB.fragment.get('access_token') ?? '';
    expect(tokenB.length).toBeGreaterThan(10);
    await page.goto(`${env.app.url}#access_token=${tokenB}&token_type=bearer&state=${stateAt}&iss=${encodeURIComponent(env.b.origin)}`);
    await expectRefused(page, env, before);
    expect(env.a.traffic.apiRequestsWith(tokenB) + env.b.traffic.apiRequestsWith(tokenB)).toBe(0);

    // The true answer: consent at A, A's code with A's iss, exchanged once at A.
    await page.goto(env.app.url);
    await page.getByRole('button', { name: 'Connect Alpha Goods', exact: true }).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    // The catalogue of Alpha (its h1 is the name the store's API gives, the same for both demo servers).
    await page.waitForURL((url) => url.hash === '#/s/alpha');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect([env.a.stats().tokenRequests, env.b.stats().tokenRequests]).toEqual([before[0]! + 1, before[1]]);
    await expect.poll(() => readSessionKeys(page)).toEqual(['session:alpha']);
  });
});
