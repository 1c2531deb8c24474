/** The AuthService's sessions in storage: IndexedDB, a broken one, none (memory, the pending sign-in in sessionStorage). */
import { beforeEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import { openSessionFallback } from '../../../src/lib/storage/session-fallback.ts';
import { FakeWebStorage } from '../../helpers/fake-web-storage.ts';
import { AuthService } from '../../../src/lib/auth/auth-service.ts';
import { catchAppError } from '../../helpers/catch-error.ts';
import { json } from '../../helpers/fake-fetch.ts';
import { answerTokens, begin, clock, codeCallback, config, implicitCallback, navigated, service, storage, T0, useAuthService } from '../../helpers/auth-service-fixture.ts';

const endpoint = useAuthService();

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
    answerTokens(() =>
      json({ access_token: 'BOLT-SECRET-AT', token_type: 'Bearer', expires_in: 3600, refresh_token: 'BOLT-SECRET-RT', scope: 'storefront' }),
    );
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

