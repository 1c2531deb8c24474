/**
 * Authoritative sign-out (issue 10 item 2; security case 27): under the renewal lock, a persisted
 * marker, the other tabs told at once, the refresh and access tokens revoked (RFC 7009); and a
 * renewal running elsewhere cannot write the session back.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { catchAppError } from '../../helpers/catch-error.ts';
import { REVOCATION_ENDPOINT, codeStore, openTabs, sharedLocks } from '../../helpers/auth-tabs.ts';
import { json } from '../../helpers/fake-fetch.ts';

let unexpected: string[] = [];
afterEach(() => {
  expect(unexpected, 'no request the fake network did not expect').toEqual([]);
});

describe('sign-out in this tab', () => {
  it('takes the renewal lock, deletes the session, tells the other tabs, and revokes the refresh token then the access token', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    const locks = sharedLocks();
    const { auth } = await tabs.open({ withLock: locks.withLock });
    await tabs.signIn(auth, 'acme');
    await auth.signOut('acme');
    // the sign-in's save, then the sign-out
    expect(locks.taken).toEqual(['storefront-connect:refresh:acme', 'storefront-connect:refresh:acme']);
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
    let release: () => void = () => undefined;
    tabs.setTokenAnswer(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return json({ access_token: 'AT-LATE', token_type: 'bearer', expires_in: 3600, refresh_token: 'RT-LATE' });
    });
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
});
