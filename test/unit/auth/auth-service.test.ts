import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthService, type AuthServiceDeps } from '../../../src/lib/auth/auth-service.ts';
import type { AppConfig, GoodsieStoreConfig } from '../../../src/lib/config/types.ts';
import { captureRedirect, type CapturedRedirect } from '../../../src/lib/oauth/callback.ts';
import { openStorage, type KeyValueStore, type OpenedStorage } from '../../../src/lib/storage/kv.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import { openSessionFallback } from '../../../src/lib/storage/session-fallback.ts';
import { FakeWebStorage } from '../../helpers/fake-web-storage.ts';
import { catchAppError } from '../../helpers/catch-error.ts';
import { json, useTokenEndpoint } from '../../helpers/fake-fetch.ts';
import { onAPage } from '../../helpers/page-leaving.ts';

const ACME_REDIRECT = 'https://cdn.example.com/shops/acme/';
const BOLT_REDIRECT = 'https://cdn.example.com/shops/bolt/';
const TOKEN_ENDPOINT = 'https://auth.bolt.example/oauth2/access_token';
const acme: GoodsieStoreConfig = {
  id: 'acme',
  kind: 'goodsie',
  name: 'Acme',
  authorizationEndpoint: 'https://auth.acme.example/oauth2/authorize',
  apiBase: 'https://api.acme.example/api/v1',
  clientId: 'acme-client',
  redirectUri: ACME_REDIRECT,
  defaultScopes: ['storefront', 'cart'],
  flow: 'token',
};
const bolt: GoodsieStoreConfig = {
  id: 'bolt',
  kind: 'goodsie',
  name: 'Bolt',
  authorizationEndpoint: 'https://auth.bolt.example/oauth2/authorize',
  tokenEndpoint: TOKEN_ENDPOINT,
  apiBase: 'https://api.bolt.example/api/v1',
  clientId: 'bolt-client',
  redirectUri: BOLT_REDIRECT,
  defaultScopes: ['storefront'],
  flow: 'code',
};
const config: AppConfig = { stores: [acme, bolt] };
const T0 = 1_700_000_000_000;

let factory: IDBFactory;
let storage: OpenedStorage;
let clock: { now: number };
let navigated: string[];
let tokenAnswer: (form: URLSearchParams, call: number) => Response | Promise<Response>;
let codeFlowLoads: number;
const endpoint = useTokenEndpoint(TOKEN_ENDPOINT, (form, call) => tokenAnswer(form, call));

async function service(overrides: Partial<AuthServiceDeps> = {}): Promise<AuthService> {
  return AuthService.create({
    config,
    fetch: endpoint.fetch,
    navigate: (url) => navigated.push(url),
    now: () => clock.now,
    storage,
    loadCodeFlow: () => {
      codeFlowLoads++;
      return import('../../../src/lib/oidc/code-flow.ts');
    },
    ...overrides,
  });
}

beforeEach(async () => {
  factory = new IDBFactory();
  storage = await openStorage({ indexedDB: factory });
  clock = { now: T0 };
  navigated = [];
  codeFlowLoads = 0;
  tokenAnswer = () =>
    json({ access_token: 'BOLT-AT1', token_type: 'Bearer', expires_in: 3600, refresh_token: 'BOLT-RT1', scope: 'storefront' });
});

/** Begins a sign-in and returns the authorization request the browser was sent to. */
async function begin(auth: AuthService, storeId: string, opts?: { scopes?: string[]; returnTo?: string }) {
  await auth.beginSignIn(storeId, opts);
  const url = new URL(navigated.at(-1)!);
  return { url, state: url.searchParams.get('state')! };
}

const implicitCallback = (fragment: string): CapturedRedirect => {
  const captured = captureRedirect(`${ACME_REDIRECT}#${fragment}`);
  if (!captured) throw new Error('not a callback');
  return captured;
};
const codeCallback = (query: string): CapturedRedirect => {
  const captured = captureRedirect(`${BOLT_REDIRECT}?${query}`);
  if (!captured) throw new Error('not a callback');
  return captured;
};
const sessionKeys = async (kv: KeyValueStore) => (await kv.keys()).filter((key) => key.startsWith('session:'));

describe('implicit flow, end to end', () => {
  it('the lifetime counts from when the page received the callback, and scopes never asked for are dropped', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    const captured = implicitCallback(`access_token=ACME-AT&token_type=bearer&scope=storefront+cart+admin&expires_in=600&state=${state}`);
    captured.receivedAt = T0 + 1_000;
    clock.now = T0 + 9_000; // the app finished loading eight seconds later
    const done = await auth.completeSignIn(captured);
    expect(done.session.tokens.expiresAt).toBe(T0 + 1_000 + 600_000);
    expect(done.session.tokens.obtainedAt).toBe(T0 + 1_000);
    expect(done.session.tokens.scopes).toEqual(['storefront', 'cart']);
  });

  it('begin -> callback -> session stored (and persisted across reloads)', async () => {
    const auth = await service();
    expect(auth.persistent).toBe(true);
    const { url, state } = await begin(auth, 'acme', { returnTo: '/product/42?q=mug' });
    expect(navigated).toHaveLength(1);
    expect(url.origin + url.pathname).toBe(acme.authorizationEndpoint);
    expect(url.searchParams.get('response_type')).toBe('token');
    expect(url.searchParams.get('client_id')).toBe('acme-client');
    expect(url.searchParams.get('redirect_uri')).toBe(ACME_REDIRECT);
    expect(url.searchParams.get('scope')).toBe('storefront cart');
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);

    clock.now = T0 + 5_000;
    const done = await auth.completeSignIn(
      implicitCallback(`access_token=ACME-AT&token_type=bearer&scope=storefront+cart&expire_in=315360000&state=${state}`),
    );
    const expected = {
      storeId: 'acme',
      tokens: {
        accessToken: 'ACME-AT',
        tokenType: 'bearer',
        scopes: ['storefront', 'cart'],
        expiresAt: T0 + 5_000 + 315_360_000_000,
        obtainedAt: T0 + 5_000,
      },
    };
    expect(done).toEqual({ storeId: 'acme', returnTo: '/product/42?q=mug', session: expected, asked: ['storefront', 'cart'] });
    expect(await auth.getSession('acme')).toEqual(expected);
    expect(await auth.getAccessToken('acme')).toBe('ACME-AT');

    const reloaded = await service({ storage: await openStorage({ indexedDB: factory }) });
    expect(await reloaded.listSessions()).toEqual({ sessions: [expected], discarded: [], seamRecords: new Map() });
    expect(codeFlowLoads).toBe(0);
    expect(endpoint.calls).toHaveLength(0);
  });

  it('a replayed callback is OAUTH_STATE_REUSED and stores nothing new', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    const callback = implicitCallback(`access_token=FIRST&token_type=bearer&state=${state}`);
    await auth.completeSignIn(callback);
    await auth.signOut('acme');
    const replay = await catchAppError(() => auth.completeSignIn(implicitCallback(`access_token=SECOND&token_type=bearer&state=${state}`)));
    expect(replay.code).toBe('OAUTH_STATE_REUSED');
    expect(await auth.getSession('acme')).toBeNull();
  });

  it.each([
    ['forged', 'access_token=T&token_type=bearer&state=forged-state-value', 'OAUTH_STATE_MISMATCH'],
    ['missing', 'access_token=T&token_type=bearer', 'OAUTH_STATE_MISSING'],
  ])('a %s state stores nothing (%s)', async (_label, fragment, code) => {
    const auth = await service();
    await begin(auth, 'acme');
    expect((await catchAppError(() => auth.completeSignIn(implicitCallback(fragment)))).code).toBe(code);
    expect(await sessionKeys(storage.store)).toEqual([]);
  });

  it.each([
    ['a token with no state', 'access_token=T2&token_type=bearer'],
    ['a token with a forged state', 'access_token=T2&token_type=bearer&state=forged-state-value'],
    ['an error with no state', 'error=access_denied&error_description=Denied'],
    ['an error with a forged state', 'error=access_denied&error_description=Denied&state=forged-state-value'],
  ])('%s leaves the pending sign-in as it was: its own callback still completes (security cases 1 and 8)', async (_label, fragment) => {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    const error = await catchAppError(() => auth.completeSignIn(implicitCallback(fragment)));
    expect(['OAUTH_STATE_MISSING', 'OAUTH_STATE_MISMATCH']).toContain(error.code);
    expect(await sessionKeys(storage.store)).toEqual([]);
    await auth.completeSignIn(implicitCallback(`access_token=T&token_type=bearer&state=${state}`));
    expect((await auth.getSession('acme'))?.tokens.accessToken).toBe('T');
  });

  it('a state older than 10 minutes is OAUTH_STATE_EXPIRED and stores nothing', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    clock.now = T0 + 10 * 60_000 + 1;
    const error = await catchAppError(() => auth.completeSignIn(implicitCallback(`access_token=T&token_type=bearer&state=${state}`)));
    expect(error.code).toBe('OAUTH_STATE_EXPIRED');
    expect(await sessionKeys(storage.store)).toEqual([]);
  });

  it('access_denied stores nothing and names the store, and a retry works', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    const error = await catchAppError(() =>
      auth.completeSignIn(implicitCallback(`error=access_denied&error_description=The+user+denied&state=${state}`)),
    );
    expect(error.code).toBe('OAUTH_ACCESS_DENIED');
    expect(error.storeId).toBe('acme');
    expect(await sessionKeys(storage.store)).toEqual([]);

    const retry = await begin(auth, 'acme');
    expect(retry.state).not.toBe(state);
    await auth.completeSignIn(implicitCallback(`access_token=T&token_type=bearer&state=${retry.state}`));
    expect((await auth.getSession('acme'))?.tokens.accessToken).toBe('T');
  });

  it('stores the fewer scopes that were granted', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    const done = await auth.completeSignIn(implicitCallback(`access_token=T&token_type=bearer&scope=storefront&state=${state}`));
    expect(done.session.tokens.scopes).toEqual(['storefront']);
    expect((await auth.getSession('acme'))?.tokens.scopes).toEqual(['storefront']);
  });

  it('asking for an extra scope re-consents and replaces the session with the new grant', async () => {
    const auth = await service();
    const first = await begin(auth, 'acme');
    await auth.completeSignIn(implicitCallback(`access_token=OLD&token_type=bearer&scope=storefront&state=${first.state}`));

    const again = await begin(auth, 'acme', { scopes: ['admin'], returnTo: '/admin' });
    expect(again.url.searchParams.get('scope')).toBe('storefront cart admin');
    const done = await auth.completeSignIn(
      implicitCallback(`access_token=NEW&token_type=bearer&scope=storefront+admin&state=${again.state}`),
    );
    expect(done.returnTo).toBe('/admin');
    expect(await auth.listSessions()).toEqual({ sessions: [done.session], discarded: [], seamRecords: new Map() });
    expect(done.session.tokens).toMatchObject({ accessToken: 'NEW', scopes: ['storefront', 'admin'] });
  });

  it('a declined re-consent keeps the existing session', async () => {
    const auth = await service();
    const first = await begin(auth, 'acme');
    await auth.completeSignIn(implicitCallback(`access_token=OLD&token_type=bearer&state=${first.state}`));
    const again = await begin(auth, 'acme', { scopes: ['admin'] });
    await expect(auth.completeSignIn(implicitCallback(`error=access_denied&state=${again.state}`))).rejects.toMatchObject({
      code: 'OAUTH_ACCESS_DENIED',
    });
    expect(await auth.getAccessToken('acme')).toBe('OLD');
  });

  it('a re-consent answered with an unusable token keeps the existing session, and the error carries the page that asked', async () => {
    const auth = await service();
    const first = await begin(auth, 'acme');
    await auth.completeSignIn(implicitCallback(`access_token=OLD&token_type=bearer&state=${first.state}`));
    const again = await begin(auth, 'acme', { scopes: ['admin'], returnTo: '/admin' });
    await expect(auth.completeSignIn(implicitCallback(`access_token=NEW&token_type=mac&state=${again.state}`))).rejects.toMatchObject({
      code: 'OAUTH_UNSUPPORTED_TOKEN_TYPE',
      storeId: 'acme',
      returnTo: '/admin',
    });
    expect(await auth.getAccessToken('acme')).toBe('OLD');
  });

  it('a state is bound to its store and flow: a code-flow state in a token fragment is refused', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'bolt');
    const error = await catchAppError(() => auth.completeSignIn(implicitCallback(`access_token=T&token_type=bearer&state=${state}`)));
    expect(error.code).toBe('OAUTH_STATE_MISMATCH');
    expect(await sessionKeys(storage.store)).toEqual([]);
  });

  it('an implicit state in a code query is refused and stays usable for its own response', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    expect((await catchAppError(() => auth.completeSignIn(codeCallback(`code=C&state=${state}`)))).code).toBe('OAUTH_STATE_MISMATCH');
    expect(endpoint.calls).toHaveLength(0);
    await auth.completeSignIn(implicitCallback(`access_token=T&token_type=bearer&state=${state}`));
    expect(await auth.getAccessToken('acme')).toBe('T');
  });

  it('a malformed callback is OAUTH_INVALID_RESPONSE for the store and burns its state', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    const captured = implicitCallback(`access_token=A&access_token=B&token_type=bearer&state=${state}`);
    expect(captured.problem).toBe('repeated-parameter');
    const error = await catchAppError(() => auth.completeSignIn(captured));
    expect(error.code).toBe('OAUTH_INVALID_RESPONSE');
    expect(error.storeId).toBe('acme');
    const retry = await catchAppError(() => auth.completeSignIn(implicitCallback(`access_token=A&token_type=bearer&state=${state}`)));
    expect(retry.code).toBe('OAUTH_STATE_REUSED');
    expect(await sessionKeys(storage.store)).toEqual([]);
  });

  it('an unsafe returnTo becomes /', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'acme', { returnTo: '//evil.example/' });
    const done = await auth.completeSignIn(implicitCallback(`access_token=T&token_type=bearer&state=${state}`));
    expect(done.returnTo).toBe('/');
  });

  it('a callback for a store taken out of config.json since its sign-in began is OAUTH_STORE_UNLISTED, and stores nothing', async () => {
    const { state } = await begin(await service(), 'acme');
    const redeployed = await service({ config: { stores: [bolt] } });
    const error = await catchAppError(() => redeployed.completeSignIn(implicitCallback(`access_token=AT&token_type=bearer&state=${state}`)));
    expect(error.code).toBe('OAUTH_STORE_UNLISTED');
    expect(error.storeId).toBe('acme');
    expect(await sessionKeys(storage.store)).toEqual([]);
  });

  it('an unknown store cannot be signed in to', async () => {
    const auth = await service();
    const error = await catchAppError(() => auth.beginSignIn('nope'));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.storeId).toBe('nope');
    expect(navigated).toEqual([]);
  });
});

describe('sessions in storage', () => {
  it('a corrupt record is discarded and reported, the others are listed', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    await auth.completeSignIn(implicitCallback(`access_token=T&token_type=bearer&state=${state}`));
    await storage.store.set('session:bolt', { v: 1, session: { storeId: 'bolt', tokens: 'garbage' } });
    const listing = await auth.listSessions();
    expect(listing.discarded).toEqual(['bolt']);
    expect(listing.sessions.map((s) => s.storeId)).toEqual(['acme']);
    expect(await storage.store.get('session:bolt')).toBeUndefined();
  });

  it('without IndexedDB or sessionStorage: memory storage, persistent false, and sign-in refuses to start (it could not survive the redirect)', async () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB');
    // @ts-expect-error removing the global for this test
    delete globalThis.indexedDB;
    try {
      expect(globalThis.indexedDB).toBeUndefined();
      expect((globalThis as { sessionStorage?: unknown }).sessionStorage).toBeUndefined(); // node has none
      const auth = await AuthService.create({ config, fetch: endpoint.fetch, navigate: (url) => navigated.push(url), now: () => clock.now });
      expect(auth.persistent).toBe(false);
      expect(auth.canSignIn).toBe(false);
      expect(await auth.listSessions()).toEqual({ sessions: [], discarded: [], seamRecords: new Map() });
      const error = await catchAppError(() => auth.beginSignIn('acme'));
      expect(error.code).toBe('STORAGE_UNAVAILABLE');
      expect(error.storeId).toBe('acme');
      expect(navigated).toEqual([]);
      expect((await catchAppError(() => auth.getAccessToken('acme'))).code).toBe('TOKEN_MISSING');
    } finally {
      if (saved) Object.defineProperty(globalThis, 'indexedDB', saved);
    }
    expect(globalThis.indexedDB).toBeDefined();
  });

  it('an indexedDB global that throws on access (storage blocked) falls back to memory instead of failing', async () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB');
    Object.defineProperty(globalThis, 'indexedDB', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    try {
      const auth = await AuthService.create({ config, fetch: endpoint.fetch, navigate: (url) => navigated.push(url), now: () => clock.now });
      expect(auth.persistent).toBe(false);
    } finally {
      if (saved) Object.defineProperty(globalThis, 'indexedDB', saved);
    }
  });

  it('a broken IndexedDB (open throws) also falls back to memory', async () => {
    const broken = {
      open() {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const auth = await service({ storage: await openStorage({ indexedDB: broken }) });
    expect(auth.persistent).toBe(false);
  });

  it('signOut forgets the session', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    await auth.completeSignIn(implicitCallback(`access_token=T&token_type=bearer&state=${state}`));
    await auth.signOut('acme');
    expect(await auth.getSession('acme')).toBeNull();
    expect((await catchAppError(() => auth.getAccessToken('acme'))).code).toBe('TOKEN_MISSING');
  });
});

describe('without IndexedDB: the pending sign-in waits in sessionStorage, tokens stay in memory', () => {
  let web: FakeWebStorage;
  /** A fresh page load in the same tab: new memory storage, the same sessionStorage. */
  const pageLoad = () =>
    service({
      storage: (() => {
        const memory = createMemoryStore();
        return { store: memory, sealed: memory, persistent: false };
      })(),
      pendingFallback: openSessionFallback({ storage: web, now: () => clock.now }),
    });

  beforeEach(() => {
    web = new FakeWebStorage();
  });

  it('implicit: the sign-in survives the redirect, the token is in memory only, and the state is single use', async () => {
    const before = await pageLoad();
    expect(before.persistent).toBe(false);
    expect(before.canSignIn).toBe(true);
    const { state } = await begin(before, 'acme', { returnTo: '/s/acme?q=mug' });
    expect(web.dump()).toContain(state);

    const after = await pageLoad();
    const callback = implicitCallback(`access_token=ACME-SECRET-AT&token_type=bearer&state=${state}`);
    const done = await after.completeSignIn(callback);
    expect(done.returnTo).toBe('/s/acme?q=mug');
    expect(await after.getAccessToken('acme')).toBe('ACME-SECRET-AT');
    expect(web.dump()).not.toContain('ACME-SECRET-AT');
    expect(web.dump()).not.toContain('/s/acme?q=mug');
    expect((await catchAppError(() => after.completeSignIn(callback))).code).toBe('OAUTH_STATE_REUSED');

    // A reload forgets the session (it lived in memory), and the replay is still refused.
    const reloaded = await pageLoad();
    expect(await reloaded.listSessions()).toEqual({ sessions: [], discarded: [], seamRecords: new Map() });
    expect((await catchAppError(() => reloaded.completeSignIn(callback))).code).toBe('OAUTH_STATE_REUSED');
  });

  it('code flow: the verifier waits in sessionStorage until the callback; tokens never go there', async () => {
    tokenAnswer = () =>
      json({ access_token: 'BOLT-SECRET-AT', token_type: 'Bearer', expires_in: 3600, refresh_token: 'BOLT-SECRET-RT', scope: 'storefront' });
    const before = await pageLoad();
    const { url, state } = await begin(before, 'bolt', { returnTo: '/orders' });
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(web.dump()).toContain('code_verifier');

    const after = await pageLoad();
    const done = await after.completeSignIn(codeCallback(`code=THE-CODE&state=${state}`));
    expect(done.returnTo).toBe('/orders');
    expect(endpoint.calls).toHaveLength(1);
    expect(endpoint.calls[0]!.form.get('code_verifier')).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(done.session.tokens).toMatchObject({ accessToken: 'BOLT-SECRET-AT', refreshToken: 'BOLT-SECRET-RT' });
    const dump = web.dump();
    for (const absent of ['code_verifier', endpoint.calls[0]!.form.get('code_verifier')!, 'BOLT-SECRET-AT', 'BOLT-SECRET-RT']) {
      expect(dump).not.toContain(absent);
    }
    expect((await catchAppError(() => after.completeSignIn(codeCallback(`code=THE-CODE&state=${state}`)))).code).toBe('OAUTH_STATE_REUSED');
    expect(endpoint.calls).toHaveLength(1);
  });

  it('a pending sign-in older than 10 minutes is refused as expired, and nothing is stored', async () => {
    const before = await pageLoad();
    const { state } = await begin(before, 'acme');
    clock.now = T0 + 10 * 60_000 + 1;
    const after = await pageLoad();
    const error = await catchAppError(() => after.completeSignIn(implicitCallback(`access_token=T&token_type=bearer&state=${state}`)));
    expect(error.code).toBe('OAUTH_STATE_EXPIRED');
    expect(await after.listSessions()).toEqual({ sessions: [], discarded: [], seamRecords: new Map() });
  });

  it('with IndexedDB working, sessionStorage is not used at all', async () => {
    const auth = await service({ pendingFallback: openSessionFallback({ storage: web, now: () => clock.now }) });
    expect(auth.persistent).toBe(true);
    await begin(auth, 'acme');
    await begin(auth, 'bolt');
    expect(web.length).toBe(0);
  });
});

describe('implicit tokens over time', () => {
  async function signedIn(lifetime: string) {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    await auth.completeSignIn(implicitCallback(`access_token=T&token_type=bearer${lifetime}&state=${state}`));
    return auth;
  }

  it('a token with unknown lifetime is used as is', async () => {
    const auth = await signedIn('');
    clock.now = T0 + 365 * 86_400_000;
    expect(await auth.getAccessToken('acme')).toBe('T');
  });

  it('a token about to expire (no refresh token) is still handed out until it expires', async () => {
    const auth = await signedIn('&expires_in=100');
    clock.now = T0 + 90_000;
    expect(await auth.getAccessToken('acme')).toBe('T');
  });

  it('an expired token is TOKEN_EXPIRED and forgotten', async () => {
    const auth = await signedIn('&expires_in=100');
    clock.now = T0 + 100_001;
    const error = await catchAppError(() => auth.getAccessToken('acme'));
    expect(error.code).toBe('TOKEN_EXPIRED');
    expect(error.storeId).toBe('acme');
    expect(await auth.getSession('acme')).toBeNull();
  });

  it('a 401 on an implicit token forgets it: TOKEN_EXPIRED', async () => {
    const auth = await signedIn('&expire_in=315360000');
    expect((await catchAppError(() => auth.handleUnauthorized('acme', 'T'))).code).toBe('TOKEN_EXPIRED');
    expect(await auth.getSession('acme')).toBeNull();
    expect((await catchAppError(() => auth.handleUnauthorized('acme'))).code).toBe('TOKEN_MISSING');
  });
});

describe('code flow through the service', () => {
  async function signedIn(auth: AuthService) {
    const { state } = await begin(auth, 'bolt', { returnTo: '/orders' });
    return auth.completeSignIn(codeCallback(`code=THE-CODE&state=${state}`));
  }

  it('begin -> callback -> exchange -> session with refresh token', async () => {
    const auth = await service();
    const { url } = await begin(auth, 'bolt');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const state = url.searchParams.get('state')!;
    const done = await auth.completeSignIn(codeCallback(`code=THE-CODE&state=${state}`));
    expect(endpoint.calls).toHaveLength(1);
    expect(endpoint.calls[0]!.form.get('code')).toBe('THE-CODE');
    expect(done.storeId).toBe('bolt');
    expect(done.session.tokens).toMatchObject({ accessToken: 'BOLT-AT1', refreshToken: 'BOLT-RT1', scopes: ['storefront'] });
    expect(await auth.getSession('bolt')).toEqual(done.session);
    expect(codeFlowLoads).toBeGreaterThan(0);
  });

  it('a network failure during the exchange is OAUTH_NETWORK_ERROR; the same code is never retried', async () => {
    tokenAnswer = () => {
      throw new TypeError('Failed to fetch');
    };
    const auth = await service();
    const { state } = await begin(auth, 'bolt');
    const callback = codeCallback(`code=THE-CODE&state=${state}`);
    const error = await catchAppError(() => auth.completeSignIn(callback));
    expect(error.code).toBe('OAUTH_NETWORK_ERROR');
    expect(error.storeId).toBe('bolt');
    expect(await sessionKeys(storage.store)).toEqual([]);
    expect((await catchAppError(() => auth.completeSignIn(callback))).code).toBe('OAUTH_STATE_REUSED');
    expect(endpoint.calls).toHaveLength(1);
  });

  it('access_denied on the code flow names the store', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'bolt');
    const error = await catchAppError(() => auth.completeSignIn(codeCallback(`error=access_denied&state=${state}`)));
    expect(error.code).toBe('OAUTH_ACCESS_DENIED');
    expect(error.storeId).toBe('bolt');
  });

  it('a fresh token is handed out without a request', async () => {
    const auth = await service();
    await signedIn(auth);
    expect(await auth.getAccessToken('bolt')).toBe('BOLT-AT1');
    expect(endpoint.calls).toHaveLength(1);
  });

  it('concurrent callers near expiry share one refresh, and the rotated refresh token is stored', async () => {
    const auth = await service();
    await signedIn(auth);
    tokenAnswer = async (form) => {
      expect(form.get('grant_type')).toBe('refresh_token');
      expect(form.get('refresh_token')).toBe('BOLT-RT1');
      await new Promise((resolve) => setTimeout(resolve, 5));
      return json({ access_token: 'BOLT-AT2', token_type: 'bearer', expires_in: 3600, refresh_token: 'BOLT-RT2' });
    };
    clock.now = T0 + 3_600_000 - 59_000;
    const tokens = await Promise.all(Array.from({ length: 5 }, () => auth.getAccessToken('bolt')));
    expect(tokens).toEqual(Array(5).fill('BOLT-AT2'));
    expect(endpoint.calls).toHaveLength(2);
    expect((await auth.getSession('bolt'))?.tokens).toMatchObject({ accessToken: 'BOLT-AT2', refreshToken: 'BOLT-RT2' });
  });

  it('leaving the page asks first while the refresh token is spent, until the rotated one is stored, and not after', async () => {
    await onAPage(async (leavingAsks) => {
      const auth = await service();
      await signedIn(auth);
      let askedDuringRequest = false;
      tokenAnswer = () => {
        askedDuringRequest = leavingAsks();
        return json({ access_token: 'BOLT-AT2', token_type: 'bearer', expires_in: 3600, refresh_token: 'BOLT-RT2' });
      };
      expect(leavingAsks()).toBe(false);
      expect(await auth.handleUnauthorized('bolt', 'BOLT-AT1')).toBe('BOLT-AT2');
      expect(askedDuringRequest).toBe(true);
      expect(leavingAsks()).toBe(false);
      expect((await auth.getSession('bolt'))?.tokens.refreshToken).toBe('BOLT-RT2');
    });
  });

  it('a sign-in begun while another store’s refresh token is being spent leaves the page once the rotated one is stored', async () => {
    await onAPage(async () => {
      const auth = await service();
      await signedIn(auth);
      let answer!: () => void;
      const answered = new Promise<void>((resolve) => (answer = resolve));
      let asked = false;
      tokenAnswer = async () => {
        asked = true;
        await answered;
        return json({ access_token: 'BOLT-AT2', token_type: 'bearer', expires_in: 3600, refresh_token: 'BOLT-RT2' });
      };
      const renewal = auth.handleUnauthorized('bolt', 'BOLT-AT1');
      await vi.waitFor(() => expect(asked).toBe(true));
      const before = navigated.length;
      const signIn = auth.beginSignIn('acme');
      // the sign-in has done its part (its pending state is stored), and a task later has not left
      await vi.waitFor(async () => expect((await storage.store.keys()).some((key) => key.startsWith('pending:'))).toBe(true));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(navigated.length).toBe(before); // not while BOLT-RT1 is spent and BOLT-RT2 unwritten
      answer();
      await renewal;
      await signIn;
      expect(navigated.length).toBe(before + 1);
      expect((await auth.getSession('bolt'))?.tokens.refreshToken).toBe('BOLT-RT2');
    });
  });

  it('handleUnauthorized refreshes once; a second call with the old token gets the new one', async () => {
    const auth = await service();
    await signedIn(auth);
    tokenAnswer = () => json({ access_token: 'BOLT-AT2', token_type: 'bearer', refresh_token: 'BOLT-RT2' });
    expect(await auth.handleUnauthorized('bolt', 'BOLT-AT1')).toBe('BOLT-AT2');
    expect(await auth.handleUnauthorized('bolt', 'BOLT-AT1')).toBe('BOLT-AT2');
    expect(endpoint.calls).toHaveLength(2);
  });

  it('a refresh token the server refuses ends the session: TOKEN_EXPIRED', async () => {
    const auth = await service();
    await signedIn(auth);
    tokenAnswer = () => json({ error: 'invalid_grant' }, 400);
    const error = await catchAppError(() => auth.handleUnauthorized('bolt', 'BOLT-AT1'));
    expect(error.code).toBe('TOKEN_EXPIRED');
    expect(error.storeId).toBe('bolt');
    expect(await auth.getSession('bolt')).toBeNull();
  });

  it('a refresh that cannot reach the server keeps a still-valid token, and reports the failure once it expired', async () => {
    const auth = await service();
    await signedIn(auth);
    tokenAnswer = () => {
      throw new TypeError('Failed to fetch');
    };
    clock.now = T0 + 3_600_000 - 30_000;
    expect(await auth.getAccessToken('bolt')).toBe('BOLT-AT1');
    clock.now = T0 + 3_600_001;
    expect((await catchAppError(() => auth.getAccessToken('bolt'))).code).toBe('TOKEN_RENEWAL_UNAVAILABLE');
    expect(await auth.getSession('bolt')).not.toBeNull();
  });

  it('signing out during a refresh does not bring the session back', async () => {
    const auth = await service();
    await signedIn(auth);
    let release: () => void = () => undefined;
    tokenAnswer = async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return json({ access_token: 'BOLT-AT2', token_type: 'bearer', refresh_token: 'BOLT-RT2' });
    };
    const refreshing = catchAppError(() => auth.handleUnauthorized('bolt', 'BOLT-AT1'));
    await vi.waitFor(() => expect(endpoint.calls).toHaveLength(2));
    await auth.signOut('bolt');
    release();
    expect((await refreshing).code).toBe('TOKEN_MISSING');
    expect(await auth.getSession('bolt')).toBeNull();
  });

  it('takes the cross-tab lock around a sign-in’s save and around a refresh', async () => {
    const locked: string[] = [];
    const auth = await service({
      withLock: async (name, task) => {
        locked.push(name);
        return task();
      },
    });
    await signedIn(auth);
    expect(locked).toEqual(['storefront-connect:refresh:bolt']);
    locked.length = 0;
    tokenAnswer = () => json({ access_token: 'BOLT-AT2', token_type: 'bearer' });
    await auth.handleUnauthorized('bolt');
    expect(locked).toEqual(['storefront-connect:refresh:bolt']);
  });
});
