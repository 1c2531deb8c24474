/**
 * LazyAuth: the first screen reads saved sessions without the AuthService's code; the service loads
 * with the first sign-in, or at once in the background when a session is saved (so that another
 * tab's sign-out is heard), and its events reach listeners registered before it loaded.
 */
import { describe, expect, it, vi } from 'vitest';
import { BACKGROUND_LOAD_MS, LazyAuth } from '../../../src/lib/auth/auth-port.ts';
import { codeStore, openTabs, type Tabs } from '../../helpers/auth-tabs.ts';
import type { AuthEvent } from '../../../src/lib/auth/auth-service.ts';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import { FakeWebStorage } from '../../helpers/fake-web-storage.ts';
import { signOutOf } from '../../../src/lib/auth/sign-out.ts';

/** A LazyAuth on the tabs' IndexedDB and channel hub, counting loads of the AuthService module. */
async function lazyTab(
  tabs: Tabs,
  storage = openStorage({ indexedDB: tabs.factory }),
  load: () => Promise<typeof import('../../../src/lib/auth/auth-service.ts')> = () => import('../../../src/lib/auth/auth-service.ts'),
) {
  let loads = 0;
  let navigated = '';
  const auth = await LazyAuth.create({
    config: tabs.config,
    fetch: (input, init) => fetch(input, init),
    navigate: (url) => {
      navigated = url;
    },
    now: () => tabs.clock.now,
    channel: tabs.hub.open(),
    storage,
    loadService: () => {
      loads++;
      return load();
    },
  });
  return { auth, loads: () => loads, navigated: () => navigated };
}

/** Tabs where another tab has signed in to 'acme' (code flow: AT1 / RT1, 3600 s). */
async function signedInElsewhere() {
  const tabs = await openTabs([codeStore('acme')]);
  const other = await tabs.open();
  await tabs.signIn(other.auth, 'acme');
  return { tabs, other };
}

// Every change of sign-in goes through the service: where its code could not be downloaded, the
// change did not happen, and the listed token keeps serving the store's screens (the failure
// reaches the caller as before).
const changes: [string, (auth: LazyAuth) => Promise<unknown>][] = [
  ['a sign-in begun', (auth) => auth.beginSignIn('acme')],
  ['a sign-in completed', (auth) => auth.completeSignIn({ params: new URLSearchParams('code=c&state=s'), responseMode: 'query', cleanHref: 'https://app.example/', receivedAt: 0 })],
  ['a renewal tried again', (auth) => auth.retryRenewal('acme')],
  ['a refused token (401)', (auth) => auth.handleUnauthorized('acme', 'AT1')],
];

/** A load of the AuthService's module that fails, as offline or once the site has been replaced. */
const failedDownload = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));

describe('LazyAuth', () => {
  it('with no saved session, reads the vault without loading the AuthService', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    const tab = await lazyTab(tabs);
    expect(await tab.auth.listSessions()).toEqual({ sessions: [], discarded: [], seamRecords: new Map() });
    expect(tab.loads()).toBe(0);
    expect(tab.auth.persistent).toBe(true);
    expect(tab.auth.canSignIn).toBe(true);
  });

  it('returning: false on storage a first visit just made, true where an earlier visit left it (the ended markers are read only then), and so for the AuthService', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    const first = await lazyTab(tabs);
    expect(first.auth.returning).toBe(false);
    const again = await lazyTab(tabs);
    expect(again.auth.returning).toBe(true);
    expect((await again.auth.service()).returning).toBe(true);
    const memory = await lazyTab(tabs, Promise.resolve({ store: createMemoryStore(), sealed: createMemoryStore(), persistent: false }));
    expect(memory.auth.returning).toBe(false);
  });

  it('with a saved session, lists it and loads the AuthService in the background: a sign-out in another tab is heard', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    const other = await tabs.open();
    await tabs.signIn(other.auth, 'acme');
    const tab = await lazyTab(tabs);
    const events: AuthEvent[] = [];
    tab.auth.onEvent((event) => events.push(event));
    const { sessions } = await tab.auth.listSessions();
    expect(sessions.map((s) => s.storeId)).toEqual(['acme']);
    // No token asked for (the stores list): the load starts after BACKGROUND_LOAD_MS.
    expect(tab.auth.serviceRequested).toBe(false);
    await expect.poll(() => tab.auth.serviceRequested, { timeout: BACKGROUND_LOAD_MS + 2000 }).toBe(true);
    await tab.auth.service();
    await other.auth.signOut('acme');
    await expect.poll(() => events).toEqual([{ type: 'signed-out-elsewhere', storeId: 'acme' }]);
    expect(tab.loads()).toBe(1);
  });

  it('before the AuthService loads (a visit with seam stores only), its sign-outs hear another tab’s sign-out, once', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    const tab = await lazyTab(tabs);
    const events: AuthEvent[] = [];
    tab.auth.onEvent((event) => events.push(event));
    const signOuts = tab.auth.signOuts; // what the seam's connections are given
    const other = await tabs.open();
    await signOutOf(other.auth.signOuts, 'fx', async () => undefined);
    await expect.poll(() => events).toEqual([{ type: 'signed-out-elsewhere', storeId: 'fx' }]);
    expect(tab.loads()).toBe(0);
    // once loaded, the service uses the same sign-outs and tells the listeners itself (not twice)
    expect((await tab.auth.service()).signOuts).toBe(signOuts);
    await signOutOf(other.auth.signOuts, 'fy', async () => undefined);
    await expect.poll(() => events.length).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual([
      { type: 'signed-out-elsewhere', storeId: 'fx' },
      { type: 'signed-out-elsewhere', storeId: 'fy' },
    ]);
  });

  it('a listener registered while the AuthService loads hears each event once, and nothing after it unsubscribes', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    const other = await tabs.open();
    await tabs.signIn(other.auth, 'acme');
    const tab = await lazyTab(tabs);
    const loading = tab.auth.service();
    const events: AuthEvent[] = [];
    const off = tab.auth.onEvent((event) => events.push(event));
    await loading;
    await other.auth.signOut('acme');
    await expect.poll(() => events.length).toBe(1);
    await tabs.signIn(other.auth, 'acme');
    await expect.poll(() => events.length).toBe(2); // the new session there is told too
    off();
    await other.auth.signOut('acme');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual([
      { type: 'signed-out-elsewhere', storeId: 'acme' },
      { type: 'connected-elsewhere', storeId: 'acme' },
    ]);
  });

  it('a sign-in in another tab is told as connected-elsewhere before the service loads, and its new token replaces the listed one', async () => {
    const { tabs, other } = await signedInElsewhere();
    const tab = await lazyTab(tabs);
    const events: AuthEvent[] = [];
    tab.auth.onEvent((event) => events.push(event));
    expect((await tab.auth.listSessions()).sessions.map((s) => s.tokens.accessToken)).toEqual(['AT1']);
    await tabs.signIn(other.auth, 'acme');
    await expect.poll(() => events).toEqual([{ type: 'connected-elsewhere', storeId: 'acme' }]);
    expect(tab.loads()).toBe(0);
    expect(await tab.auth.getAccessToken('acme')).toBe('AT2');
  });

  it('the first sign-in loads the AuthService once and navigates to the store', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    const tab = await lazyTab(tabs);
    await Promise.all([tab.auth.beginSignIn('acme'), tab.auth.beginSignIn('acme')]);
    expect(tab.loads()).toBe(1);
    expect(new URL(tab.navigated()).searchParams.get('client_id')).toBe('storefront-connect');
  });

  it('without IndexedDB: not persistent, and sign-in still possible through the sessionStorage fallback only when there is one', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    const memory = Promise.resolve({ store: createMemoryStore(), sealed: createMemoryStore(), persistent: false });
    const tab = await lazyTab(tabs, memory);
    expect(tab.auth.persistent).toBe(false);
    // Node has no sessionStorage: no place for the pending state, so no sign-in can start.
    expect(tab.auth.canSignIn).toBe(false);
    await expect(tab.auth.beginSignIn('acme')).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });

  it('without IndexedDB, the sessionStorage fallback is opened once, by LazyAuth, and the AuthService keeps the pending sign-in there', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    const web = new FakeWebStorage();
    const opened = vi.spyOn(web, 'setItem');
    vi.stubGlobal('sessionStorage', web);
    try {
      const memory = Promise.resolve({ store: createMemoryStore(), sealed: createMemoryStore(), persistent: false });
      const tab = await lazyTab(tabs, memory);
      expect(tab.auth.canSignIn).toBe(true);
      const probes = () => opened.mock.calls.filter(([key]) => key.endsWith('__probe__')).length;
      expect(probes()).toBe(1);
      await tab.auth.beginSignIn('acme');
      expect(tab.loads()).toBe(1);
      // The service did not open a second fallback: it wrote the pending sign-in into the one given.
      expect(probes()).toBe(1);
      expect([...web.data.keys()].some((key) => !key.endsWith('__probe__'))).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a failed load of the AuthService is tried again on the next call', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    let calls = 0;
    const auth = await LazyAuth.create({
      config: tabs.config,
      fetch: (input, init) => fetch(input, init),
      navigate: () => undefined,
      channel: null,
      storage: openStorage({ indexedDB: tabs.factory }),
      loadService: () => (++calls === 1 ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : import('../../../src/lib/auth/auth-service.ts')),
    });
    await expect(auth.getAccessToken('acme')).rejects.toThrow('Failed to fetch');
    await expect(auth.getAccessToken('acme')).rejects.toMatchObject({ code: 'TOKEN_MISSING' });
    expect(calls).toBe(2);
  });

  describe('the first token of a store, from the sessions just listed', () => {
    it('serves the first screen\'s requests, made together, before the AuthService is asked for; the load follows in the next task', async () => {
      const { tabs } = await signedInElsewhere(); // AT1, 3600 s
      const tab = await lazyTab(tabs);
      await tab.auth.listSessions();
      // The products, the store's name and its pages: their tokens are read together.
      const tokens = Promise.all([tab.auth.getAccessToken('acme'), tab.auth.getAccessToken('acme'), tab.auth.getAccessToken('acme')]);
      // Had the service been asked for at the listing, its load could finish first, and each of
      // these would wait for its vault read instead.
      expect(tab.auth.serviceRequested).toBe(false);
      expect(await tokens).toEqual(['AT1', 'AT1', 'AT1']);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(tab.auth.serviceRequested).toBe(true);
      await tab.auth.service();
      expect(tab.loads()).toBe(1);
    });

    /** 'pending' when `promise` has not settled within a few event-loop turns. */
    const settledSoon = (promise: Promise<unknown>) =>
      Promise.race([promise.then((value) => ({ value }), (error: unknown) => ({ error })), new Promise((resolve) => setTimeout(() => resolve('pending'), 30))]);

    it('serves every call before the AuthService has loaded, without waiting for it; once loaded, the service answers', async () => {
      const { tabs, other } = await signedInElsewhere(); // AT1, 3600 s
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const tab = await lazyTab(tabs, undefined, () => released.then(() => import('../../../src/lib/auth/auth-service.ts')));
      await tab.auth.listSessions();
      expect(await tab.auth.getAccessToken('acme')).toBe('AT1'); // the products request
      expect(await tab.auth.getAccessToken('acme')).toBe('AT1'); // the store's name and pages, at once
      expect(await settledSoon(tab.auth.getAccessToken('nope'))).toBe('pending'); // not listed: the service's
      await tabs.signIn(other.auth, 'acme'); // another tab signs in again: AT2 in the vault
      release();
      await tab.auth.service();
      expect(await tab.auth.getAccessToken('acme')).toBe('AT2');
      expect(tab.loads()).toBe(1);
    });

    it('goes to the service, which tries a renewal, when the listed token has less than the refresh margin left', async () => {
      const { tabs } = await signedInElsewhere(); // AT1, 3600 s
      const tab = await lazyTab(tabs);
      const events: AuthEvent[] = [];
      tab.auth.onEvent((event) => events.push(event));
      const { sessions } = await tab.auth.listSessions();
      tabs.clock.now = sessions[0]!.tokens.expiresAt! - 30_000;
      // This tab's fetch reaches no token endpoint: the renewal fails for a passing reason, and the
      // token, still valid for 30 s, keeps serving (as the AuthService does).
      expect(await tab.auth.getAccessToken('acme')).toBe('AT1');
      expect(events).toEqual([{ type: 'renewal-unavailable', storeId: 'acme' }]);
    });

    it('is not used once another tab has signed the store out', async () => {
      const { tabs, other } = await signedInElsewhere(); // AT1, 3600 s
      const tab = await lazyTab(tabs);
      const events: AuthEvent[] = [];
      tab.auth.onEvent((event) => events.push(event));
      await tab.auth.listSessions();
      await tab.auth.service();
      await other.auth.signOut('acme');
      await expect.poll(() => events).toEqual([{ type: 'signed-out-elsewhere', storeId: 'acme' }]);
      await expect(tab.auth.getAccessToken('acme')).rejects.toMatchObject({ code: 'TOKEN_MISSING' });
    });

    it('keeps serving after a sign-out whose AuthService could not be downloaded (nothing was signed out); the next sign-out, with the code come, ends it', async () => {
      const { tabs } = await signedInElsewhere(); // AT1, 3600 s
      let offline = true;
      const tab = await lazyTab(tabs, undefined, () =>
        offline ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : import('../../../src/lib/auth/auth-service.ts'),
      );
      await tab.auth.listSessions();
      await expect(tab.auth.signOut('acme')).rejects.toThrow('Failed to fetch');
      expect(await tab.auth.getAccessToken('acme')).toBe('AT1');
      expect(await tab.auth.getAccessToken('acme')).toBe('AT1');
      offline = false;
      await tab.auth.signOut('acme');
      await expect(tab.auth.getAccessToken('acme')).rejects.toMatchObject({ code: 'TOKEN_MISSING' });
    });

    it.each(changes)('keeps serving after %s whose AuthService could not be downloaded', async (_, change) => {
      const { tabs } = await signedInElsewhere(); // AT1, 3600 s
      const tab = await lazyTab(tabs, undefined, failedDownload);
      await tab.auth.listSessions();
      await expect(change(tab.auth)).rejects.toThrow('Failed to fetch');
      expect(await tab.auth.getAccessToken('acme')).toBe('AT1');
      expect(await tab.auth.getAccessToken('acme')).toBe('AT1');
      expect((await tab.auth.listSessions()).sessions.map((s) => s.storeId)).toEqual(['acme']);
    });

    it('is not used after a sign-out in this tab', async () => {
      const { tabs } = await signedInElsewhere(); // AT1, 3600 s
      const tab = await lazyTab(tabs);
      await tab.auth.listSessions();
      await tab.auth.signOut('acme');
      await expect(tab.auth.getAccessToken('acme')).rejects.toMatchObject({ code: 'TOKEN_MISSING' });
    });
  });

  describe('the saved sessions read as storage opens (LazyAuth.listSaved, from the boot)', () => {
    /** The tabs' storage, counting how often the vault is listed (from storage, or from what the storage check read). */
    async function countedStorage(tabs: Tabs) {
      const opened = await openStorage({ indexedDB: tabs.factory });
      let lists = 0;
      const sealed = { ...opened.sealed, keys: () => (lists++, opened.sealed.keys()) };
      const firstRead = opened.firstRead && { ...opened.firstRead, keys: () => (lists++, opened.firstRead!.keys()) };
      return { storage: Promise.resolve({ ...opened, sealed, ...(firstRead ? { firstRead } : {}) }), lists: () => lists };
    }

    it('are what the first listSessions gives, with no second read; later calls read afresh', async () => {
      const { tabs, other } = await signedInElsewhere(); // AT1, 3600 s
      const { storage, lists } = await countedStorage(tabs);
      const listed = LazyAuth.listSaved(storage, Promise.resolve(tabs.config));
      const auth = await LazyAuth.create({ config: tabs.config, fetch: (input, init) => fetch(input, init), navigate: () => undefined, now: () => tabs.clock.now, channel: null, storage, listed });
      expect(lists()).toBe(1);
      expect((await auth.listSessions()).sessions.map((s) => s.storeId)).toEqual(['acme']);
      expect(lists()).toBe(1);
      expect(await auth.getAccessToken('acme')).toBe('AT1');
      await other.auth.signOut('acme');
      expect(await auth.listSessions()).toEqual({ sessions: [], discarded: [], seamRecords: new Map() });
      expect(lists()).toBe(2);
    });

    it.each([...changes, ['a sign-out', (auth: LazyAuth) => auth.signOut('acme')] as const])('are still given, with no second read, after %s whose AuthService could not be downloaded', async (_, change) => {
      const { tabs } = await signedInElsewhere(); // AT1, 3600 s
      const { storage, lists } = await countedStorage(tabs);
      const listed = LazyAuth.listSaved(storage, Promise.resolve(tabs.config));
      const auth = await LazyAuth.create({ config: tabs.config, fetch: (input, init) => fetch(input, init), navigate: () => undefined, now: () => tabs.clock.now, channel: null, storage, listed, loadService: failedDownload });
      await expect(change(auth)).rejects.toThrow('Failed to fetch');
      expect((await auth.listSessions()).sessions.map((s) => s.storeId)).toEqual(['acme']);
      expect(lists()).toBe(1);
    });

    it('are not given once this tab has signed a store out in the meantime', async () => {
      const { tabs } = await signedInElsewhere(); // AT1, 3600 s
      const { storage } = await countedStorage(tabs);
      const listed = LazyAuth.listSaved(storage, Promise.resolve(tabs.config));
      await listed;
      const auth = await LazyAuth.create({ config: tabs.config, fetch: (input, init) => fetch(input, init), navigate: () => undefined, now: () => tabs.clock.now, channel: null, storage, listed });
      await auth.signOut('acme');
      expect((await auth.listSessions()).sessions).toEqual([]);
    });
  });
});
