/**
 * Real app state for component tests, faking only the network. `createTestApp()` builds what
 * App.svelte builds (validated config, AuthService on a fresh fake-indexeddb, Session loaded from a
 * vault holding the sessions the test asks for, StoreApis, Router at a given route), with a fake
 * `fetch` that answers the routes a test declares with real Responses of Goodsie wire JSON.
 *
 * The fake network matches requests by method, path and exact query rather than by order
 * (scriptedFetch in fake-fetch.ts): a view sends several requests at once (the catalogue, and the
 * store's metadata, pages and categories), and their order is not part of what it promises.
 * A request no route answers is rejected and fails the test when it finishes.
 */
import { IDBFactory } from 'fake-indexeddb';
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, onTestFinished, vi } from 'vitest';
import { WAIT_MS } from './patient-waits.ts';
import { AuthService, type CompletedSignIn } from '../../src/lib/auth/auth-service.ts';
import { validateConfig } from '../../src/lib/config/validate-config.ts';
import type { AppConfig } from '../../src/lib/config/types.ts';
import { captureRedirect } from '../../src/lib/oauth/callback.ts';
import { StoreApis } from '../../src/lib/state/apis.svelte.ts';
import { Router } from '../../src/lib/state/router.svelte.ts';
import { Session } from '../../src/lib/state/session.svelte.ts';
import { openStorage, type OpenedStorage } from '../../src/lib/storage/kv.ts';
import { TokenVault } from '../../src/lib/storage/token-vault.ts';
import { discardStoreDrafts } from '../../src/lib/storage/drafts.ts';
import { SESSION_CHANNEL_NAME } from '../../src/lib/auth/session-channel.ts';
import { signOutsHeard } from '../../src/lib/state/sign-outs-heard.ts';
import { fakeFetch, json, unanswered, type SeenRequest } from './fake-fetch.ts';
import { wirePaging, wireProduct } from './goodsie-wire.ts';

export { json, wirePaging, wireProduct };


/** vi.waitFor with the same patience as findBy*. */
export function eventually<T>(check: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(check, { timeout: WAIT_MS, interval: 20 });
}

/**
 * A findBy*Role for a screen of many elements (a list of product cards): waits until `ready` holds
 * (a selector or a text: cheap), then until `find` (the role query) answers, as findBy* would. A
 * role query computes every element's role, and each candidate's style and accessible name: in
 * jsdom 27 a name inside a card's dir="auto" heading re-parses bidi-js's table on every style read,
 * 0.1-0.5 s a call with 24-72 cards alone, 1 s and more at a load of 10 on 2 cores. findBy* runs it
 * every 50 ms and on every change of the DOM, taking the CPU the screen needs to draw: a 5 s wait ran
 * out and 20 s tests timed out under load. The role query still decides what is found.
 */
export async function findOnceReady<T>(ready: () => unknown, find: () => T): Promise<T> {
  await eventually(() => expect(ready()).toBeTruthy());
  return eventually(find);
}

/**
 * The link of the product card named `name` (its heading's words, found once on the page or an
 * error): the role query of that one card, not of every card on the page (see findOnceReady; with
 * 48 cards one such query took 27 s at a load of 14 on 2 cores).
 */
export function cardLink(name: string): HTMLElement {
  const card = screen.getByText(name, { selector: 'article h3' }).closest('article');
  expect(card).not.toBeNull();
  return within(card!).getByRole('link', { name });
}

/** {@link cardLink}, once a card of that name is drawn: findByRole('link', { name }) for a grid. */
export function findCardLink(name: string): Promise<HTMLElement> {
  return findOnceReady(() => screen.queryAllByText(name, { selector: 'article h3' }).length > 0, () => cardLink(name));
}

/**
 * What another tab's sign-out of `storeId` does (auth/sign-out.ts): tells this browser's tabs, which
 * this page hears, then discards the store's drafts.
 */
export async function signOutInAnotherTab(storeId: string): Promise<void> {
  const heard = signOutsHeard(storeId);
  const other = new BroadcastChannel(SESSION_CHANNEL_NAME);
  try {
    other.postMessage({ type: 'signed-out', storeId });
    await eventually(() => expect(signOutsHeard(storeId)).toBe(heard + 1));
  } finally {
    other.close();
  }
  await discardStoreDrafts(storeId);
}

export const SHOP_ORIGIN = 'https://shop.example';
export const OTHER_ORIGIN = 'https://other.example';
/** jsdom's page address in vitest, registered as the redirect URI. */
export const APP_URL = 'http://localhost:3000/';

/** config.json as a deployment would write it; validated by the app's own validateConfig. */
export const RAW_CONFIG = {
  stores: [
    {
      id: 'demo',
      kind: 'goodsie',
      name: 'Demo Store',
      authorizationEndpoint: `${SHOP_ORIGIN}/oauth2/authorize`,
      apiBase: SHOP_ORIGIN,
      clientId: 'demo-client',
      redirectUri: APP_URL,
      // Two stores on one redirect URI: each names its issuer, which its server always sends (mix-up
      // defence, RFC 9207).
      issuer: SHOP_ORIGIN,
      authorizationResponseIssParameterSupported: true,
      defaultScopes: ['storefront'],
      flow: 'token',
    },
    {
      id: 'other',
      kind: 'goodsie',
      name: 'Other Goods',
      authorizationEndpoint: `${OTHER_ORIGIN}/oauth2/authorize`,
      apiBase: OTHER_ORIGIN,
      clientId: 'other-client',
      redirectUri: APP_URL,
      issuer: OTHER_ORIGIN,
      authorizationResponseIssParameterSupported: true,
      defaultScopes: ['storefront', 'cart'],
      flow: 'token',
    },
  ],
};

export function testConfig(): AppConfig {
  return validateConfig(structuredClone(RAW_CONFIG));
}

export function tokenFor(storeId: string): string {
  return `token-for-${storeId}`;
}

// ---------------------------------------------------------------------------------------------
// The network

export type Responder = (request: SeenRequest) => Response | Promise<Response>;

interface NetworkRoute {
  method: string;
  origin: string;
  path: string;
  query: Record<string, string>;
  respond: Responder;
  /** Uses left; Infinity for a route that always answers. */
  left: number;
}

export interface RouteOptions {
  /** The exact query parameters; none when omitted. */
  query?: Record<string, string>;
  /** Answer this many times, then let later routes answer. */
  times?: number;
  origin?: string;
}

export interface FakeNetwork {
  fetch: typeof globalThis.fetch;
  seen: SeenRequest[];
  /** Declares an answer; the first declared route that matches and has uses left answers. */
  on(method: string, path: string, respond: Responder, options?: RouteOptions): void;
  /** The requests made to `method path` (any query), in order. */
  requests(method: string, path: string): SeenRequest[];
  unexpected: string[];
}

export function fakeNetwork(): FakeNetwork {
  const routes: NetworkRoute[] = [];
  const { fetch, seen, unexpected } = fakeFetch((request) => {
    const url = request.url;
    const query = Object.fromEntries(url.searchParams);
    const route = routes.find(
      (r) =>
        r.left > 0 &&
        r.method === request.method &&
        r.origin === url.origin &&
        r.path === url.pathname &&
        sameQuery(r.query, query) &&
        [...url.searchParams].length === Object.keys(query).length,
    );
    if (!route) return unanswered();
    route.left--;
    return route.respond(request);
  });
  return {
    fetch,
    seen,
    unexpected,
    on(method, path, respond, options = {}) {
      routes.push({
        method,
        origin: options.origin ?? SHOP_ORIGIN,
        path,
        query: options.query ?? {},
        respond,
        left: options.times ?? Infinity,
      });
    },
    requests(method, path) {
      return seen.filter((r) => r.method === method && r.url.pathname === path);
    },
  };
}

function sameQuery(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}

/** What the catalogue asks for first: page 0 of 24, newest first, plus any filters. */
export function catalogQuery(extra: Record<string, string> = {}): Record<string, string> {
  return { page: '0', count: '24', ...extra, sort: extra.sort ?? 'newest' };
}

/** A product listing in wire form (goodsie-api.yaml GET /api/v1/products). */
export function productPage(products: Record<string, unknown>[], total = products.length): Response {
  return json({ products, paging: wirePaging({ count: 24, total }) });
}

/**
 * Answers what StoreInfo loads once per store (metadata, pages, and the newest hundred products the
 * category filter gathers its names from once the first products are shown) for every test that shows the catalogue.
 */
export function answerStoreInfo(network: FakeNetwork, categoryProducts: Record<string, unknown>[] = []): void {
  network.on('GET', '/api/v1/metadata', () => json({ name: 'Demo Store', currency: 'USD' }));
  network.on('GET', '/api/v1/pages', () => json({ pages: [] }));
  network.on('GET', '/api/v1/products', () => productPage(categoryProducts), { query: { page: '0', count: '100' } });
}

/** A Goodsie API error body with its status and headers (goodsie-api.yaml components/responses). */
export function apiError(status: number, error: string, headers: Record<string, string> = {}): Response {
  return json({ error }, { status, headers });
}

/** A promise to answer later: for loading states. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

// ---------------------------------------------------------------------------------------------
// The app

export interface TestAppOptions {
  /** Sessions saved in the vault before the app starts: store id -> granted scopes. */
  sessions?: Record<string, string[]>;
  /** false: no IndexedDB (sessions in memory); the pending sign-in waits in sessionStorage, as in the app. */
  persistent?: boolean;
  /** With persistent false: no fallback either, so no sign-in can start. */
  noStorageAtAll?: boolean;
  /** The route in the address bar when the app starts, e.g. '/s/demo?q=mug'. */
  path?: string;
  /** Reuse this test's IndexedDB (a second start, as after a reload) instead of a fresh one. */
  keepDatabase?: boolean;
}

export interface TestApp {
  config: AppConfig;
  storage: OpenedStorage;
  auth: AuthService;
  session: Session;
  apis: StoreApis;
  router: Router;
  network: FakeNetwork;
  navigate: ReturnType<typeof vi.fn<(url: string) => void>>;
  /** The authorization URLs the app navigated to, parsed. */
  authorizationUrls(): URL[];
  /** Plays the store's redirect back for `url`, with `fragment` (without state and iss), through the AuthService. */
  completeSignIn(url: URL, fragment: string): Promise<CompletedSignIn>;
}

/**
 * Builds the app's state as App.svelte does. Installs a fresh fake-indexeddb for this test (the
 * vault, pending sign-ins and the product drafts all start empty); undo with vi.unstubAllGlobals().
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  if (!options.keepDatabase) vi.stubGlobal('indexedDB', new IDBFactory());
  history.replaceState(null, '', `/#${options.path ?? '/'}`);

  const config = testConfig();
  const network = fakeNetwork();
  onTestFinished(() => {
    expect(network.unexpected, 'requests no route answered').toEqual([]);
  });
  const navigate = vi.fn<(url: string) => void>();
  sessionStorage.clear();

  const persistent = options.persistent ?? true;
  const storage = persistent ? await openStorage() : await openStorage({ indexedDB: null });
  expect(storage.persistent).toBe(persistent);
  const vault = new TokenVault(storage.sealed);
  for (const [storeId, scopes] of Object.entries(options.sessions ?? {})) {
    await vault.put({
      storeId,
      tokens: { accessToken: tokenFor(storeId), tokenType: 'bearer', scopes, expiresAt: null, obtainedAt: Date.now() },
    });
  }
  const auth = await AuthService.create({
    config,
    fetch: network.fetch,
    navigate,
    storage,
    // Without IndexedDB the app's own sessionStorage fallback is used (jsdom has one), unless there is none.
    ...(options.noStorageAtAll ? { pendingFallback: null } : {}),
  });
  const session = new Session(auth, config);
  await session.load();
  const apis = new StoreApis(session, network.fetch);
  const router = new Router();

  return {
    config,
    storage,
    auth,
    session,
    apis,
    router,
    network,
    navigate,
    authorizationUrls: () => navigate.mock.calls.map(([url]) => new URL(url)),
    async completeSignIn(url, fragment) {
      const state = url.searchParams.get('state') ?? '';
      // The store's server always sends its issuer (RAW_CONFIG's authorizationResponseIssParameterSupported).
      const captured = captureRedirect(`${APP_URL}#${fragment}&state=${encodeURIComponent(state)}&iss=${encodeURIComponent(url.origin)}`);
      if (!captured) throw new Error('the fixture callback was not recognised as one');
      return auth.completeSignIn(captured);
    },
  };
}

/** The props Harness.svelte takes, for `render(Harness, { props: harnessProps(app, View, ...) })`. */
export function harnessProps(
  app: TestApp,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  component: import('svelte').Component<any>,
  props: () => Record<string, unknown> = () => ({}),
  banners?: string | null,
) {
  return {
    session: app.session,
    apis: app.apis,
    router: app.router,
    component,
    props,
    ...(banners !== undefined ? { banners } : {}),
  };
}

/**
 * A button that starts a sign-in, pressed twice while the start runs (`hold` makes it wait on the
 * promise it is given, for instance with a spy's mockReturnValue): it starts once, stays focusable
 * (aria-disabled, not disabled) with the focus on it, and is back, still focused, once the start
 * ends without navigating (a start that failed and said so elsewhere).
 */
export async function expectOneStartKeepingFocus(button: HTMLElement, hold: (started: Promise<void>) => { mock: { calls: unknown[] } }): Promise<void> {
  let release = (): void => undefined;
  const starting = hold(new Promise<void>((resolve) => (release = resolve)));
  await userEvent.click(button);
  await eventually(() => expect(button).toHaveAttribute('aria-disabled', 'true'));
  expect(button).not.toBeDisabled();
  expect(document.activeElement).toBe(button);
  await userEvent.click(button);
  expect(starting.mock.calls).toHaveLength(1);
  release();
  await eventually(() => expect(button).toHaveAttribute('aria-disabled', 'false'));
  expect(document.activeElement).toBe(button);
}
