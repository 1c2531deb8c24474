/**
 * Sign-in in Chromium against node-oidc-provider v9 (a certified OpenID Provider) as the store's
 * authorization server: the code flow with PKCE, driven through the provider's own development login
 * and consent pages, then refresh with rotation, all from the browser. The app is the same build as
 * everywhere, configured by config.json alone.
 *
 * The store's API is a small resource server of the test's: it accepts exactly the access tokens the
 * provider holds as valid for it (opaque tokens looked up in the provider, as introspection would) and
 * serves the demo store's catalogue behind them, so the catalogue opening proves the token works.
 * Tokens are compared as booleans, never printed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDemoStore, type DemoStore } from '../demo-store/server.ts';
import { implicitToken } from '../demo-store/store-client.ts';
import type { ConsoleLog } from '../helpers/browser.ts';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { deploymentHeaders, readOtherStorage, readSealedRecord, recordCallbacks } from '../helpers/e2e-app.ts';
import { startOidcServer, type OidcServer } from '../helpers/oidc-server.ts';
import { BUILD_DIR } from '../helpers/paths.ts';
import { startStaticServer, type StaticServer } from '../helpers/static-server.ts';
import type { GoodsieStoreConfig } from '../../src/lib/config/types.ts';

const CLIENT_ID = 'storefront-connect-op';
const STORE_ID = 'op';
const STORE_NAME = 'Certified Goods';

let app: StaticServer;
let demo: DemoStore;
let api: ResourceServer;
let oidc: OidcServer;
let page: Page;
let log: ConsoleLog;
/** The redirects that brought the browser back to the app (raw, secrets included; never printed). */
let callbacks: string[];
/** grant_type of every token request the page sent. */
let tokenGrants: string[];

interface ResourceServer {
  origin: string;
  /** Requests refused with 401 / served. */
  stats: { refused: number; served: number };
  close(): Promise<void>;
}

/**
 * The store API as a resource server of the provider: CORS for the app's origin, a 401 with
 * `WWW-Authenticate: Bearer error="invalid_token"` for any token the provider does not hold as valid
 * for this API with the storefront scope, else the demo store's answer.
 */
async function startResourceServer(options: { appOrigin: string; upstream: string; upstreamToken: string }): Promise<ResourceServer> {
  const stats = { refused: 0, served: 0 };
  let origin = '';
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.origin === options.appOrigin) {
      res.setHeader('Access-Control-Allow-Origin', options.appOrigin);
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, OPTIONS');
      res.setHeader('Access-Control-Expose-Headers', 'WWW-Authenticate, Retry-After');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const bearer = /^Bearer ([\x21-\x7e]+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer === undefined ? undefined : await oidc.provider.AccessToken.find(bearer);
    const valid = token !== undefined && token.isValid && token.aud === `${origin}/` && (token.scope ?? '').split(' ').includes('storefront');
    if (!valid) {
      stats.refused++;
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer error="invalid_token"', 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: 'invalid_token' }));
      return;
    }
    stats.served++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const upstream = await fetch(options.upstream + (req.url ?? '/'), {
      method: req.method ?? 'GET',
      headers: {
        Authorization: `Bearer ${options.upstreamToken}`,
        ...(req.headers['content-type'] ? { 'Content-Type': req.headers['content-type'] } : {}),
      },
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      redirect: 'manual',
    });
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'retry-after', 'www-authenticate']) {
      const value = upstream.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    res.writeHead(upstream.status, headers);
    res.end(Buffer.from(await upstream.arrayBuffer()));
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const e2e = useE2e();

beforeAll(async () => {
  app = await startStaticServer({ root: BUILD_DIR, basePath: '/shops/op/' });
  e2e.closeAfterAll(() => app.close());
  demo = await startDemoStore({ port: 0 });
  e2e.closeAfterAll(() => demo.close());
  api = await startResourceServer({
    appOrigin: app.origin,
    upstream: demo.origin,
    upstreamToken: await implicitToken(demo.origin, 'storefront'),
  });
  e2e.closeAfterAll(() => api.close());
  oidc = await startOidcServer({ clientId: CLIENT_ID, redirectUris: [app.url], resource: `${api.origin}/`, interactions: 'dev' });
  e2e.closeAfterAll(() => oidc.close());
  const store: GoodsieStoreConfig = {
    id: STORE_ID,
    kind: 'goodsie',
    name: STORE_NAME,
    authorizationEndpoint: oidc.authorizationEndpoint,
    tokenEndpoint: oidc.tokenEndpoint,
    apiBase: api.origin,
    clientId: CLIENT_ID,
    redirectUri: app.url,
    defaultScopes: ['storefront'],
    flow: 'code',
  };
  app.setOverride('config.json', JSON.stringify({ stores: [store] }));
  // Product images still come from the demo store's origin.
  app.setHeaders(deploymentHeaders({ stores: [store] }, [demo.origin]));
});

async function openApp(): Promise<void> {
  ({ page, console: log } = await e2e.open());
  callbacks = recordCallbacks(page, app.url);
  tokenGrants = [];
  page.on('request', (request) => {
    if (request.url() === oidc.tokenEndpoint && request.method() === 'POST') {
      tokenGrants.push(new URLSearchParams(request.postData() ?? '').get('grant_type') ?? '');
    }
  });
  await page.goto(app.url);
  await page.getByRole('heading', { name: 'Your stores' }).waitFor();
}

/** On the provider's pages: log in if asked (any login and password will do), then consent. */
async function passProviderPages(): Promise<void> {
  await page.waitForURL((url) => url.origin === oidc.issuer);
  const login = page.locator('input[name="login"]');
  const consent = page.getByRole('button', { name: 'Continue' });
  await login.or(consent).first().waitFor();
  if (await login.isVisible()) {
    await login.fill('shopper-1');
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
  }
  await consent.click();
  await page.waitForURL((url) => url.href.startsWith(app.url));
}

const productCards = () => page.locator('main ul > li article');
const hash = () => decodeURIComponent(new URL(page.url()).hash);

async function signIn(): Promise<void> {
  await openApp();
  await page.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true }).click();
  await passProviderPages();
  await expect.poll(() => productCards().count()).toBeGreaterThan(0);
}

/** The tokens the app saved for the store (read from its IndexedDB vault; compared, never printed). */
async function savedTokens(): Promise<{ accessToken: string; refreshToken: string; scopes: string[] }> {
  const record = (await readSealedRecord(page, `session:${STORE_ID}`)) as { session?: { tokens?: Record<string, unknown> } } | undefined;
  const tokens = record?.session?.tokens ?? {};
  return {
    accessToken: String(tokens['accessToken'] ?? ''),
    refreshToken: String(tokens['refreshToken'] ?? ''),
    scopes: Array.isArray(tokens['scopes']) ? (tokens['scopes'] as string[]) : [],
  };
}

/** Whether `haystack` holds `secret`, as a boolean (so a failure never prints the secret). */
const holds = (haystack: string, secret: string) => secret !== '' && haystack.includes(secret);

describe('code flow + PKCE against node-oidc-provider', () => {
  it('signs in through the provider’s own login and consent pages, lands in the catalogue with a clean URL, and survives a reload', async () => {
    await signIn();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(hash()).toBe(`#/s/${STORE_ID}`);

    // The callback carried a code, state and the provider's iss; none is left in the address bar.
    expect(callbacks).toHaveLength(1);
    const callback = new URL(callbacks[0]!);
    const code = callback.searchParams.get('code') ?? '';
    const state = callback.searchParams.get('state') ?? '';
    expect(code.length).toBeGreaterThan(10);
    expect(state.length).toBeGreaterThan(10);
    expect(callback.searchParams.get('iss')).toBe(oidc.issuer);
    expect(new URL(page.url()).search).toBe('');
    const other = await readOtherStorage(page);
    const consoleText = log.lines.join('\n');
    for (const secret of [code, state]) {
      expect(holds(page.url(), secret), 'secret in the URL').toBe(false);
      expect(holds(other, secret), 'secret in web storage or cookies').toBe(false);
      expect(holds(consoleText, secret), 'secret in the console').toBe(false);
    }

    // One exchange from the browser (CORS allowed by clientBasedCORS), and the provider knows the token.
    expect(tokenGrants).toEqual(['authorization_code']);
    const tokens = await savedTokens();
    expect(tokens.scopes).toEqual(['storefront']);
    expect(tokens.accessToken.length).toBeGreaterThan(20);
    expect(tokens.accessToken.includes('.'), 'an opaque token, not a JWT').toBe(false);
    expect(tokens.refreshToken.length).toBeGreaterThan(20);
    const atServer = await oidc.provider.AccessToken.find(tokens.accessToken);
    expect(atServer?.isValid).toBe(true);
    expect(atServer?.clientId).toBe(CLIENT_ID);
    expect(api.stats.served).toBeGreaterThan(0);
    expect(holds(other, tokens.accessToken) || holds(other, tokens.refreshToken), 'token outside IndexedDB').toBe(false);

    // A reload keeps the session: the catalogue again, with no new token request.
    await page.reload();
    await expect.poll(() => productCards().count()).toBeGreaterThan(0);
    await page.goto(`${app.url}#/`);
    await page.getByText(/^Connected ·/).waitFor();
    expect(tokenGrants).toEqual(['authorization_code']);
  });

  it('refreshes with rotation from the browser when the API refuses a revoked token; a replayed old refresh token ends the grant and the app asks to reconnect', async () => {
    await signIn();
    const first = await savedTokens();

    // The authorization server revokes the access token: the API refuses it from now on.
    const revoked = await oidc.provider.AccessToken.find(first.accessToken);
    expect(revoked).toBeDefined();
    await revoked!.destroy();
    const refusedBefore = api.stats.refused;

    // The next API call gets a 401; the app refreshes (rotating the refresh token) and carries on.
    await page.getByRole('searchbox', { name: 'Search' }).fill('mug');
    await expect.poll(() => page.getByRole('status').filter({ hasText: /matching “mug”/ }).count()).toBe(1);
    // Refused at least once: the search, and any call the catalogue had going in the background
    // (the next page, the category list), each a 401 that the one refresh below answers for all.
    expect(api.stats.refused).toBeGreaterThan(refusedBefore);
    expect(tokenGrants).toEqual(['authorization_code', 'refresh_token']);
    await expect.poll(async () => (await savedTokens()).accessToken !== first.accessToken).toBe(true);
    const second = await savedTokens();
    expect(second.refreshToken !== '' && second.refreshToken !== first.refreshToken, 'refresh token rotated').toBe(true);
    expect((await oidc.provider.RefreshToken.find(first.refreshToken))?.consumed, 'old refresh token consumed').toBeTruthy();
    expect((await oidc.provider.RefreshToken.find(second.refreshToken))?.isValid).toBe(true);
    expect((await oidc.provider.AccessToken.find(second.accessToken))?.isValid).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);
    const other = await readOtherStorage(page);
    expect([first, second].some((t) => holds(other, t.accessToken) || holds(other, t.refreshToken)), 'token outside IndexedDB').toBe(false);

    // The rotated session survives a reload.
    await page.reload();
    await expect.poll(() => page.getByRole('status').filter({ hasText: /matching “mug”/ }).count()).toBe(1);
    expect(tokenGrants).toEqual(['authorization_code', 'refresh_token']);

    // Someone replays the old refresh token: the provider refuses it and revokes the whole grant.
    const replay = await fetch(oidc.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: first.refreshToken, client_id: CLIENT_ID }),
    });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toBe('invalid_grant');
    expect(await oidc.provider.AccessToken.find(second.accessToken)).toBeUndefined();

    // The app's next call: 401, the refresh is refused too, so it asks to reconnect and keeps the place.
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('price');
    const banner = page.getByRole('alert').filter({ hasText: `Your access to ${STORE_NAME} has ended` });
    await banner.waitFor();
    expect(hash()).toBe(`#/s/${STORE_ID}?q=mug&sort=price`);
    expect(tokenGrants).toEqual(['authorization_code', 'refresh_token', 'refresh_token']);

    await banner.getByRole('button', { name: 'Reconnect' }).click();
    await passProviderPages();
    await expect.poll(hash).toBe(`#/s/${STORE_ID}?q=mug&sort=price`);
    await expect.poll(() => productCards().count()).toBeGreaterThan(0);
    expect(tokenGrants).toEqual(['authorization_code', 'refresh_token', 'refresh_token', 'authorization_code']);
  });
});
