/**
 * A sign-in that replaces a saved grant (more access asked for, or Connect again) ends the old grant
 * at the store (RFC 7009) once the new one is safely stored: never before (a failed step-up keeps the
 * old one working), never when storage refused the new one's write, never waited for.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { catchAppError } from '../../helpers/catch-error.ts';
import { codeStore, openTabs } from '../../helpers/auth-tabs.ts';
import { json } from '../../helpers/fake-fetch.ts';
import { openStorage, type KeyValueStore } from '../../../src/lib/storage/kv.ts';

let unexpected: string[] = [];
afterEach(() => {
  expect(unexpected, 'no request the fake network did not expect').toEqual([]);
});

const revoked = (forms: URLSearchParams[]) => forms.map((form) => `${form.get('token_type_hint')}:${form.get('token')}`);

describe('a new grant replaces a saved one', () => {
  it('revokes the old refresh and access tokens once the new session is saved, and keeps the new one', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    const { auth } = await tabs.open();
    await tabs.signIn(auth, 'acme');
    expect(tabs.revocations()).toEqual([]); // a first sign-in replaces nothing
    await tabs.signIn(auth, 'acme');
    await vi.waitFor(() => expect(revoked(tabs.revocations())).toEqual(['refresh_token:RT1', 'access_token:AT1']), { timeout: 2000, interval: 10 });
    expect((await auth.getSession('acme'))?.tokens).toMatchObject({ accessToken: 'AT2', refreshToken: 'RT2' });
    expect(tabs.revocations().every((form) => form.get('client_id') === 'storefront-connect')).toBe(true);
  });

  it('is not waited for: the sign-in completes while the store has not answered the revocation', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    tabs.setRevocationAnswer(() => new Promise<Response>(() => undefined));
    const { auth } = await tabs.open();
    await tabs.signIn(auth, 'acme');
    await tabs.signIn(auth, 'acme');
    expect(await auth.getAccessToken('acme')).toBe('AT2');
    expect(tabs.revocations()).toHaveLength(2);
  });

  it.each([
    ['unreachable', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['answering 503', () => json({ error: 'temporarily_unavailable' }, 503)],
  ])('a revocation endpoint %s changes nothing for the person', async (_label, answer) => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    tabs.setRevocationAnswer(answer);
    const { auth, events } = await tabs.open();
    await tabs.signIn(auth, 'acme');
    await tabs.signIn(auth, 'acme');
    await vi.waitFor(() => expect(tabs.revocations()).toHaveLength(2), { timeout: 2000, interval: 10 });
    expect(await auth.getAccessToken('acme')).toBe('AT2');
    expect(events).toEqual([]);
  });

  it('a token the new grant hands back again is not revoked', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    const { auth } = await tabs.open();
    await tabs.signIn(auth, 'acme');
    // A server that keeps one refresh token per client and user, and sends it again.
    tabs.setTokenAnswer(() => json({ access_token: 'AT2', token_type: 'bearer', expires_in: 3600, refresh_token: 'RT1', scope: 'storefront admin' }));
    await tabs.signIn(auth, 'acme');
    await vi.waitFor(() => expect(revoked(tabs.revocations())).toEqual(['access_token:AT1']), { timeout: 2000, interval: 10 });
  });

  it('a step-up whose token request fails revokes nothing: the old grant stays saved and working', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    const { auth } = await tabs.open();
    await tabs.signIn(auth, 'acme');
    tabs.setTokenAnswer(() => json({ error: 'invalid_grant' }, 400));
    const error = await catchAppError(() => tabs.signIn(auth, 'acme'));
    expect(error.code).toBe('OAUTH_TOKEN_REQUEST_FAILED');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tabs.revocations()).toEqual([]);
    expect((await auth.getSession('acme'))?.tokens).toMatchObject({ accessToken: 'AT1', refreshToken: 'RT1' });
  });

  it('storage refusing the new session’s write revokes nothing: the next visit reads the old grant, which must still work', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    const real = await openStorage({ indexedDB: tabs.factory });
    let refuse = false;
    const sealed: KeyValueStore = {
      ...real.sealed,
      set: (key, value) => (refuse ? Promise.reject(new DOMException('full', 'QuotaExceededError')) : real.sealed.set(key, value)),
    };
    const { auth, events } = await tabs.open({ storage: { ...real, sealed } });
    await tabs.signIn(auth, 'acme');
    refuse = true;
    await tabs.signIn(auth, 'acme');
    expect(events).toMatchObject([{ type: 'storage-write-failed', storeId: 'acme', why: 'full' }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tabs.revocations()).toEqual([]);
    const nextVisit = await tabs.open();
    expect((await nextVisit.auth.getSession('acme'))?.tokens.refreshToken).toBe('RT1');
  });

  it('without a revocation endpoint, sends nothing', async () => {
    const tabs = await openTabs([codeStore('acme', { revocationEndpoint: undefined })]);
    unexpected = tabs.unexpected;
    const { auth } = await tabs.open();
    await tabs.signIn(auth, 'acme');
    await tabs.signIn(auth, 'acme');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tabs.revocations()).toEqual([]);
    expect(await auth.getAccessToken('acme')).toBe('AT2');
  });
});

describe('two tabs each begin a sign-in to the same store, and finish in the other order', () => {
  it('both finish; the last to finish is the connection in both tabs, and the one it replaced is revoked', async () => {
    const tabs = await openTabs([codeStore('acme')]);
    unexpected = tabs.unexpected;
    const first = await tabs.open();
    const second = await tabs.open();
    const fromFirst = await tabs.begin(first.auth, 'acme');
    const fromSecond = await tabs.begin(second.auth, 'acme');
    await second.auth.completeSignIn(fromSecond); // AT1 / RT1
    await first.auth.completeSignIn(fromFirst); // AT2 / RT2
    expect(await first.auth.getAccessToken('acme')).toBe('AT2');
    expect(await second.auth.getAccessToken('acme')).toBe('AT2');
    await vi.waitFor(() => expect(revoked(tabs.revocations())).toEqual(['refresh_token:RT1', 'access_token:AT1']), { timeout: 2000, interval: 10 });
    // Each answer was used once: the later one again is a replay, refused without a token request.
    expect((await catchAppError(() => second.auth.completeSignIn(fromSecond))).code).toBe('OAUTH_STATE_REUSED');
    expect(tabs.tokenCalls()).toHaveLength(2);
  });
});
