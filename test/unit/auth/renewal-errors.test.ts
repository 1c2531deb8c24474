/**
 * Renewal error classes (issue 10 item 3; security cases 21, 22, 24): only a dead grant ends a
 * session; a passing failure keeps the refresh token and the same one renews later; a storage write
 * that fails after a rotation keeps the new tokens in memory; and (item 4) a 401 for a token another
 * tab already renewed reuses the new token instead of spending another rotation.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeyValueStore } from '../../../src/lib/storage/kv.ts';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { catchAppError } from '../../helpers/catch-error.ts';
import { codeStore, openTabs, sharedLocks, type Tabs } from '../../helpers/auth-tabs.ts';
import { json } from '../../helpers/fake-fetch.ts';

const HOUR = 3_600_000;
let tabs: Tabs;
afterEach(() => {
  expect(tabs.unexpected, 'no unexpected request').toEqual([]);
});

async function signedIn() {
  tabs = await openTabs([codeStore('acme'), codeStore('bolt')]);
  const tab = await tabs.open();
  await tabs.signIn(tab.auth, 'acme');
  await tabs.signIn(tab.auth, 'bolt');
  return tab;
}

describe('passing failures keep the refresh token', () => {
  it.each([
    ['429', () => json({ error: 'slow_down' }, { status: 429, headers: { 'Retry-After': '5' } })],
    ['408', () => json({ error: 'timeout' }, 408)],
    ['500', () => new Response('oops', { status: 500 })],
    ['503', () => json({ error: 'temporarily_unavailable' }, 503)],
    ['a network failure', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['a 200 that is not a token response (captive portal)', () => new Response('<html>', { status: 200 })],
    ['400 invalid_request', () => json({ error: 'invalid_request' }, 400)],
  ])('%s at expiry: TOKEN_RENEWAL_UNAVAILABLE, session kept, and the same refresh token renews later', async (_label, failure) => {
    const { auth, events } = await signedIn();
    tabs.setTokenAnswer(failure);
    tabs.clock.now += HOUR + 1;
    const error = await catchAppError(() => auth.getAccessToken('acme'));
    expect(error.code).toBe('TOKEN_RENEWAL_UNAVAILABLE');
    expect(error.storeId).toBe('acme');
    expect(events).toEqual([{ type: 'renewal-unavailable', storeId: 'acme' }]);
    expect((await auth.getSession('acme'))?.tokens.refreshToken).toBe('RT1');

    tabs.setTokenAnswer(() => json({ access_token: 'AT-NEW', token_type: 'bearer', expires_in: 3600, refresh_token: 'RT-NEW' }));
    await auth.retryRenewal('acme');
    expect(events.at(-1)).toEqual({ type: 'renewed', storeId: 'acme' });
    expect(await auth.getAccessToken('acme')).toBe('AT-NEW');
    const refreshes = tabs.tokenCalls().slice(2).map((call) => new URLSearchParams(call.body ?? '').get('refresh_token'));
    expect(refreshes).toEqual(['RT1', 'RT1']);
  });

  it('before expiry the current token keeps serving while the renewal waits', async () => {
    const { auth, events } = await signedIn();
    tabs.setTokenAnswer(() => Promise.reject(new TypeError('Failed to fetch')));
    tabs.clock.now += HOUR - 30_000;
    expect(await auth.getAccessToken('acme')).toBe('AT1');
    expect(events).toEqual([{ type: 'renewal-unavailable', storeId: 'acme' }]);
  });

  it('a 401 while the token endpoint is down is TOKEN_RENEWAL_UNAVAILABLE, and the retry forces the renewal', async () => {
    const { auth } = await signedIn();
    tabs.setTokenAnswer(() => json({}, 502));
    expect((await catchAppError(() => auth.handleUnauthorized('acme', 'AT1'))).code).toBe('TOKEN_RENEWAL_UNAVAILABLE');
    tabs.setTokenAnswer(() => json({ access_token: 'AT-NEW', token_type: 'bearer', expires_in: 3600 }));
    await auth.retryRenewal('acme');
    expect(await auth.getSession('acme')).toMatchObject({ tokens: { accessToken: 'AT-NEW', refreshToken: 'RT1' } });
  });

  it('a retry with nothing waiting sends nothing', async () => {
    const { auth } = await signedIn();
    await auth.retryRenewal('acme');
    expect(tabs.tokenCalls()).toHaveLength(2);
  });
});

describe('a dead grant ends only that store’s session', () => {
  it.each([
    ['invalid_grant', 400],
    ['invalid_client', 401],
    ['unauthorized_client', 400],
  ])('%s (%i): TOKEN_EXPIRED, the store is forgotten, the other store is untouched', async (error, status) => {
    const { auth } = await signedIn();
    tabs.setTokenAnswer(() => json({ error }, status));
    tabs.clock.now += HOUR + 1;
    const refused = await catchAppError(() => auth.getAccessToken('acme'));
    expect(refused.code).toBe('TOKEN_EXPIRED');
    expect(await auth.getSession('acme')).toBeNull();
    expect(await auth.getSession('bolt')).not.toBeNull();
    await auth.retryRenewal('acme'); // nothing waits: no request
    expect(tabs.tokenCalls()).toHaveLength(3);
  });
});

describe('storage refuses the write after a rotation', () => {
  /** A tab signed in to 'acme' whose storage refuses every write from then on, an hour later (its token due). */
  async function signedInOnRefusingStorage() {
    tabs = await openTabs([codeStore('acme')]);
    const real = await openStorage({ indexedDB: tabs.factory });
    let refuse = false;
    const sealed: KeyValueStore = {
      ...real.sealed,
      set: (key, value) => (refuse ? Promise.reject(new DOMException('full', 'QuotaExceededError')) : real.sealed.set(key, value)),
    };
    const tab = await tabs.open({ storage: { ...real, sealed } });
    await tabs.signIn(tab.auth, 'acme');
    refuse = true;
    tabs.clock.now += HOUR + 1;
    return tab;
  }

  it('keeps the new tokens in memory, says so, and uses the rotated refresh token next', async () => {
    const { auth, events } = await signedInOnRefusingStorage();
    expect(await auth.getAccessToken('acme')).toBe('AT2');
    expect(events).toMatchObject([{ type: 'storage-write-failed', storeId: 'acme', why: 'full' }]);
    expect((await auth.listSessions()).sessions.map((s) => s.tokens.refreshToken)).toEqual(['RT2']);
    tabs.clock.now += HOUR + 1;
    expect(await auth.getAccessToken('acme')).toBe('AT3');
    const used = tabs.tokenCalls().slice(1).map((call) => new URLSearchParams(call.body ?? '').get('refresh_token'));
    expect(used).toEqual(['RT1', 'RT2']);
  });

  it('a new sign-in saved in another tab replaces this tab’s memory-only session', async () => {
    const { auth } = await signedInOnRefusingStorage();
    expect(await auth.getAccessToken('acme')).toBe('AT2'); // kept in this tab's memory only
    const other = await tabs.open();
    await tabs.signIn(other.auth, 'acme'); // AT3, saved
    await vi.waitFor(async () => expect(await auth.getAccessToken('acme')).toBe('AT3'));
  });
});

describe('a 401 for a token another tab already renewed (item 4)', () => {
  it('reuses the other tab’s token: no second rotation', async () => {
    tabs = await openTabs([codeStore('acme')]);
    const locks = sharedLocks();
    const a = await tabs.open({ withLock: locks.withLock });
    const b = await tabs.open({ withLock: locks.withLock });
    await tabs.signIn(a.auth, 'acme');
    expect(await a.auth.handleUnauthorized('acme', 'AT1')).toBe('AT2');
    expect(await b.auth.handleUnauthorized('acme', 'AT1')).toBe('AT2');
    expect(tabs.tokenCalls()).toHaveLength(2);
  });

  it('two tabs past expiry at once: one refresh request; the tab that waited for the lock reads the other’s tokens (security case 19)', async () => {
    tabs = await openTabs([codeStore('acme')]);
    const locks = sharedLocks();
    const a = await tabs.open({ withLock: locks.withLock });
    const b = await tabs.open({ withLock: locks.withLock });
    await tabs.signIn(a.auth, 'acme');
    tabs.clock.now += HOUR + 1;
    const [fromA, fromB] = await Promise.all([a.auth.getAccessToken('acme'), b.auth.getAccessToken('acme')]);
    expect([fromA, fromB]).toEqual(['AT2', 'AT2']);
    const refreshes = tabs.tokenCalls().map((call) => new URLSearchParams(call.body ?? '')).filter((form) => form.get('grant_type') === 'refresh_token');
    expect(refreshes.map((form) => form.get('refresh_token'))).toEqual(['RT1']);
    expect((await b.auth.getSession('acme'))?.tokens.refreshToken).toBe('RT2');
  });
});

describe('a renewal that grants other scopes (security case 31)', () => {
  it('tells the screens the new grant when the scopes differ, and says nothing when they are the same', async () => {
    tabs = await openTabs([codeStore('acme', { defaultScopes: ['storefront', 'cart'] })]);
    const tab = await tabs.open();
    tabs.setTokenAnswer(() => json({ access_token: 'AT1', token_type: 'bearer', expires_in: 3600, refresh_token: 'RT1', scope: 'storefront cart' }));
    await tabs.signIn(tab.auth, 'acme');
    const events: unknown[] = [];
    tab.auth.onEvent((event) => events.push(event));
    const granted = (await tab.auth.getSession('acme'))!.tokens.scopes;
    expect([...granted].sort()).toEqual(['cart', 'storefront']);

    tabs.setTokenAnswer(() => json({ access_token: 'AT-SAME', token_type: 'bearer', expires_in: 3600, refresh_token: 'RT-SAME', scope: granted.join(' ') }));
    tabs.clock.now += HOUR + 1;
    expect(await tab.auth.getAccessToken('acme')).toBe('AT-SAME');
    expect(events).toEqual([]);

    tabs.setTokenAnswer(() => json({ access_token: 'AT-NARROW', token_type: 'bearer', expires_in: 3600, refresh_token: 'RT-NARROW', scope: granted[0]! }));
    tabs.clock.now += HOUR + 1;
    expect(await tab.auth.getAccessToken('acme')).toBe('AT-NARROW');
    expect(events).toEqual([{ type: 'scopes-changed', storeId: 'acme', scopes: [granted[0]] }]);
    expect((await tab.auth.getSession('acme'))?.tokens.scopes).toEqual([granted[0]]);
  });

  it('a narrower renewal made in another tab is told to the other tabs at once (to read, as a new connection), and to this tab’s screens with its next token read', async () => {
    tabs = await openTabs([codeStore('acme', { defaultScopes: ['storefront', 'cart'] })]);
    const here = await tabs.open();
    const there = await tabs.open();
    tabs.setTokenAnswer(() => json({ access_token: 'AT1', token_type: 'bearer', expires_in: 3600, refresh_token: 'RT1', scope: 'storefront cart' }));
    await tabs.signIn(there.auth, 'acme');
    const events: unknown[] = [];
    here.auth.onEvent((event) => events.push(event));
    expect(await here.auth.getAccessToken('acme')).toBe('AT1');

    // A renewal with the same grant tells no one.
    tabs.hub.posted.length = 0;
    tabs.setTokenAnswer(() => json({ access_token: 'AT-SAME', token_type: 'bearer', expires_in: 3600, refresh_token: 'RT-SAME', scope: 'cart storefront' }));
    tabs.clock.now += HOUR + 1;
    expect(await there.auth.getAccessToken('acme')).toBe('AT-SAME');
    expect(tabs.hub.posted).toEqual([]);

    tabs.setTokenAnswer(() => json({ access_token: 'AT-NARROW', token_type: 'bearer', expires_in: 3600, refresh_token: 'RT-NARROW', scope: 'storefront' }));
    tabs.clock.now += HOUR + 1;
    expect(await there.auth.getAccessToken('acme')).toBe('AT-NARROW');
    // The other tabs hear of it now (their Session reads the listing: session-events.test.ts)...
    expect(tabs.hub.posted).toEqual([{ type: 'connected', storeId: 'acme' }]);
    expect(events).toEqual([]);
    // ...and this tab's own service tells its screens at its next token read, as before.
    expect(await here.auth.getAccessToken('acme')).toBe('AT-NARROW');
    expect(events).toEqual([{ type: 'scopes-changed', storeId: 'acme', scopes: ['storefront'] }]);
  });
});
