/**
 * Authoritative sign-out (issue 10 item 2; security case 27): a persisted marker, the session deleted
 * without waiting for the renewal lock, the other tabs told at once, the refresh and access tokens
 * revoked (RFC 7009); and a renewal running elsewhere, even one whose token request hangs while it
 * holds the lock, cannot write the session back.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { catchAppError } from '../../helpers/catch-error.ts';
import { REVOCATION_ENDPOINT, codeStore, openTabs, sharedLocks, type Tabs } from '../../helpers/auth-tabs.ts';
import { json } from '../../helpers/fake-fetch.ts';
import { openStorage, VAULT_PREFIX } from '../../../src/lib/storage/kv.ts';
import { SignOutMarkers } from '../../../src/lib/storage/sign-out-markers.ts';

let unexpected: string[] = [];

/**
 * The store's next token answers (AT-LATE, RT-LATE) held until the returned function is called: a
 * renewal in flight, as with a token endpoint that hangs.
 */
function holdTokenAnswer(tabs: Pick<Tabs, 'setTokenAnswer'>): () => void {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  tabs.setTokenAnswer(async () => {
    await released;
    return json({ access_token: 'AT-LATE', token_type: 'bearer', expires_in: 3600, refresh_token: 'RT-LATE' });
  });
  return () => release();
}
afterEach(() => {
  expect(unexpected, 'no request the fake network did not expect').toEqual([]);
});

describe('sign-out in this tab', () => {
  it('deletes the session without the renewal lock, tells the other tabs, and revokes the refresh token then the access token', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    const locks = sharedLocks();
    const { auth } = await tabs.open({ withLock: locks.withLock });
    await tabs.signIn(auth, 'acme');
    await auth.signOut('acme');
    // the sign-in's save only: the sign-out left its marker instead of waiting for the lock
    expect(locks.taken).toEqual(['storefront-connect:refresh:acme']);
    expect(await auth.getSession('acme')).toBeNull();
    // (the first message is the sign-in's: the other tabs read the new session too)
    expect(tabs.hub.posted).toEqual([{ type: 'connected', storeId: 'acme' }, { type: 'signed-out', storeId: 'acme' }]);
    expect(tabs.revocations().map((form) => Object.fromEntries(form))).toEqual([
      { token: 'RT1', token_type_hint: 'refresh_token', client_id: 'storefront-connect' },
      { token: 'AT1', token_type_hint: 'access_token', client_id: 'storefront-connect' },
    ]);
    const revocation = tabs.seen.find((request) => request.url.href === REVOCATION_ENDPOINT)!;
    expect(revocation.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
    expect(revocation.init.credentials).toBe('omit');
  });

  it('without a revocation endpoint, sends nothing', async () => {
    const tabs = await openTabs([codeStore('acme', { revocationEndpoint: undefined })]);
    unexpected = tabs.unexpected;
    const { auth } = await tabs.open();
    await tabs.signIn(auth, 'acme');
    await auth.signOut('acme');
    expect(tabs.revocations()).toEqual([]);
    expect(await auth.getSession('acme')).toBeNull();
  });

  it.each([
    ['the server is unreachable', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['the server answers 503', () => json({ error: 'temporarily_unavailable' }, 503)],
  ])('when %s, the sign-out still stands', async (_label, answer) => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    tabs.setRevocationAnswer(answer);
    const { auth } = await tabs.open();
    await tabs.signIn(auth, 'acme');
    await auth.signOut('acme');
    expect(await auth.getSession('acme')).toBeNull();
    expect(tabs.revocations()).toHaveLength(2);
  });

  it('when the revocation’s code cannot be downloaded (offline, the site replaced), the sign-out still stands and resolves', async () => {
    vi.doMock('../../../src/lib/oauth/revocation.ts', () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    try {
      const tabs = await openTabs([codeStore('acme')]);
      unexpected = tabs.unexpected;
      const { auth } = await tabs.open();
      await tabs.signIn(auth, 'acme');
      await expect(auth.signOut('acme')).resolves.toBeUndefined();
      expect(await auth.getSession('acme')).toBeNull();
      expect(tabs.revocations()).toEqual([]);
    } finally {
      vi.doUnmock('../../../src/lib/oauth/revocation.ts');
    }
  });

  it('signing in again clears the marker: the new session renews normally', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    const { auth } = await tabs.open();
    await tabs.signIn(auth, 'acme');
    await auth.signOut('acme');
    tabs.clock.now += 1_000;
    await tabs.signIn(auth, 'acme');
    tabs.clock.now += 3_600_000;
    expect(await auth.getAccessToken('acme')).toBe('AT3');
  });
});

describe('the other tabs', () => {
  it('hear of it at once, drop the store, and send nothing more with its token', async () => {
    const tabs = await openTabs([codeStore('acme'), codeStore('bolt')]);
    unexpected = tabs.unexpected;
    const a = await tabs.open();
    const b = await tabs.open();
    await tabs.signIn(a.auth, 'acme');
    await tabs.signIn(a.auth, 'bolt');
    await a.auth.signOut('acme');
    await vi.waitFor(() => expect(b.events).toEqual([{ type: 'signed-out-elsewhere', storeId: 'acme' }]));
    const before = tabs.seen.length;
    expect((await catchAppError(() => b.auth.getAccessToken('acme'))).code).toBe('TOKEN_MISSING');
    expect((await catchAppError(() => b.auth.handleUnauthorized('acme', 'AT1'))).code).toBe('TOKEN_MISSING');
    expect(tabs.seen.length).toBe(before);
    expect(await b.auth.getAccessToken('bolt')).toBe('AT2');
  });

  it('a renewal already running in another tab cannot write the session back (the marker, even without the message)', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    const a = await tabs.open();
    const b = await tabs.open({ channel: null });
    await tabs.signIn(a.auth, 'acme');
    const release = holdTokenAnswer(tabs);
    tabs.clock.now += 1_000;
    const renewing = catchAppError(() => b.auth.handleUnauthorized('acme', 'AT1'));
    await vi.waitFor(() => expect(tabs.tokenCalls()).toHaveLength(2));
    await a.auth.signOut('acme');
    release();
    expect((await renewing).code).toBe('TOKEN_MISSING');
    expect(await a.auth.getSession('acme')).toBeNull();
    expect(await b.auth.getSession('acme')).toBeNull();
    // The tokens the late renewal obtained are revoked too, since nobody may use them.
    expect(tabs.revocations().map((form) => form.get('token'))).toEqual(['RT1', 'AT1', 'RT-LATE', 'AT-LATE']);
  });

  it('a renewal that takes the lock after the sign-out spends nothing', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    const locks = sharedLocks();
    const a = await tabs.open({ withLock: locks.withLock });
    const b = await tabs.open({ withLock: locks.withLock, channel: null });
    await tabs.signIn(a.auth, 'acme');
    tabs.clock.now += 1_000;
    await a.auth.signOut('acme');
    expect((await catchAppError(() => b.auth.handleUnauthorized('acme', 'AT1'))).code).toBe('TOKEN_MISSING');
    expect(tabs.tokenCalls()).toHaveLength(1);
  });

  it('a renewal that finds the sign-out’s marker already left, the session not yet deleted, spends nothing (the marker is looked for before the refresh token goes out)', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    const b = await tabs.open({ channel: null });
    await tabs.signIn(b.auth, 'acme');
    tabs.clock.now += 1_000;
    // Another tab's sign-out, at the moment between leaving its marker and deleting the session.
    await new SignOutMarkers((await openStorage({ indexedDB: tabs.factory })).store).mark('acme', tabs.clock.now);
    expect((await catchAppError(() => b.auth.handleUnauthorized('acme', 'AT1'))).code).toBe('TOKEN_MISSING');
    expect(tabs.tokenCalls()).toHaveLength(1);
  });

  it('a renewal holding the lock in another tab, its token request unanswered, does not hold the sign-out up; answered later, it writes nothing back', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    const locks = sharedLocks();
    const a = await tabs.open({ withLock: locks.withLock });
    const b = await tabs.open({ withLock: locks.withLock, channel: null });
    await tabs.signIn(a.auth, 'acme');
    const release = holdTokenAnswer(tabs);
    tabs.clock.now += 1_000;
    const renewing = catchAppError(() => b.auth.handleUnauthorized('acme', 'AT1'));
    await vi.waitFor(() => expect(tabs.tokenCalls()).toHaveLength(2));
    let signedOut = false;
    const signingOut = a.auth.signOut('acme').then(() => (signedOut = true));
    // done while the other tab's token request still waits (it held the lock for up to 30 s before)
    await vi.waitFor(() => expect(signedOut).toBe(true));
    expect(await a.auth.getSession('acme')).toBeNull();
    release();
    await signingOut;
    expect((await renewing).code).toBe('TOKEN_MISSING');
    expect(await a.auth.getSession('acme')).toBeNull();
    expect(await b.auth.getSession('acme')).toBeNull();
    expect(tabs.revocations().map((form) => form.get('token'))).toEqual(['RT1', 'AT1', 'RT-LATE', 'AT-LATE']);
  });

  it('a renewal whose write lands after the sign-out deleted the session (it looked for the marker just before) undoes it', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    const a = await tabs.open();
    // The other tab's storage holds its session writes until let go.
    const storage = await openStorage({ indexedDB: tabs.factory });
    let letGo: () => void = () => undefined;
    let held: Promise<void> | undefined;
    let writing = false;
    const set = storage.sealed.set.bind(storage.sealed);
    storage.sealed.set = async (key, value) => {
      if (held && key.startsWith(VAULT_PREFIX)) {
        writing = true;
        await held;
      }
      return set(key, value);
    };
    const b = await tabs.open({ storage, channel: null });
    await tabs.signIn(a.auth, 'acme');
    held = new Promise<void>((resolve) => (letGo = resolve));
    tabs.clock.now += 1_000;
    const renewing = catchAppError(() => b.auth.handleUnauthorized('acme', 'AT1'));
    // past its last look before writing: the marker was not there yet
    await vi.waitFor(() => expect(writing).toBe(true));
    await a.auth.signOut('acme');
    letGo();
    expect((await renewing).code).toBe('TOKEN_MISSING');
    expect(await b.auth.getSession('acme')).toBeNull();
    expect((await storage.store.keys()).filter((key) => key.startsWith(VAULT_PREFIX))).toEqual([]);
    // what it obtained is revoked, as nobody may use it
    expect(tabs.revocations().map((form) => form.get('token'))).toEqual(['RT1', 'AT1', 'RT2', 'AT2']);
  });

  it('a renewal that starts after the sign-out read the clock but before its marker was written cannot write back either', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    // This tab's marker write is held until let go: the sign-out's date is read, the marker not yet there.
    const storage = await openStorage({ indexedDB: tabs.factory });
    let letGo: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    const set = storage.store.set.bind(storage.store);
    storage.store.set = async (key, value) => {
      if (key.startsWith('signed-out:')) await held;
      return set(key, value);
    };
    const a = await tabs.open({ storage });
    const b = await tabs.open({ channel: null });
    await tabs.signIn(a.auth, 'acme');
    tabs.clock.now += 1_000;
    const signingOut = a.auth.signOut('acme');
    tabs.clock.now += 1_000; // the renewal starts later by the clock
    const answer = holdTokenAnswer(tabs);
    const renewing = catchAppError(() => b.auth.handleUnauthorized('acme', 'AT1'));
    await vi.waitFor(() => expect(tabs.tokenCalls()).toHaveLength(2));
    letGo();
    await signingOut;
    answer();
    expect((await renewing).code).toBe('TOKEN_MISSING');
    expect(await b.auth.getSession('acme')).toBeNull();
    expect(await a.auth.getSession('acme')).toBeNull();
  });

  it('where the marker cannot be written, the sign-out waits for the renewal lock as before', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    const storage = await openStorage({ indexedDB: tabs.factory });
    const set = storage.store.set.bind(storage.store);
    storage.store.set = async (key, value) => {
      if (key.startsWith('signed-out:')) throw new Error('QuotaExceededError');
      return set(key, value);
    };
    const locks = sharedLocks();
    const { auth } = await tabs.open({ storage, withLock: locks.withLock });
    await tabs.signIn(auth, 'acme');
    await auth.signOut('acme');
    expect(locks.taken).toEqual(['storefront-connect:refresh:acme', 'storefront-connect:refresh:acme']);
    expect(await auth.getSession('acme')).toBeNull();
  });
});
