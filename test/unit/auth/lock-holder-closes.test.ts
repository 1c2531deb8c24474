/**
 * Security case 20: the tab holding a store's renewal lock closes in the middle of its refresh. The
 * browser releases a closed tab's Web Locks, so the other tab goes on. If the closed tab's request
 * never reached the store, the other tab renews with the same refresh token; if the store rotated it
 * for the tab that died (the new refresh token is lost with it), the other tab's refresh is refused
 * once, its session ends with one Reconnect, and nothing retries in a loop. And a sign-in saved while
 * another tab's renewal of the old grant holds the lock waits for it: the new session is not written over.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { catchAppError } from '../../helpers/catch-error.ts';
import { codeStore, openTabs, type Tabs } from '../../helpers/auth-tabs.ts';
import { json } from '../../helpers/fake-fetch.ts';

const HOUR = 3_600_000;
let tabs: Tabs;
afterEach(() => {
  expect(tabs.unexpected, 'no unexpected request').toEqual([]);
});

/**
 * Web Locks as the browser keeps them for two tabs: one holder per name, the next waits; a tab's
 * held locks are released when the tab closes (`close()`), whatever its task is doing.
 */
function browserLocks() {
  const tails = new Map<string, Promise<void>>();
  return () => {
    let close!: () => void;
    const closed = new Promise<void>((resolve) => (close = resolve));
    const withLock = <T>(name: string, task: () => Promise<T>): Promise<T> => {
      const previous = tails.get(name) ?? Promise.resolve();
      let release!: () => void;
      tails.set(name, previous.then(() => new Promise<void>((resolve) => (release = resolve))));
      return previous.then(() => {
        const running = task();
        void Promise.race([running.then(() => undefined, () => undefined), closed]).then(() => release());
        return running;
      });
    };
    return { withLock, close };
  };
}

const refreshTokensSent = () => tabs.tokenCalls().map((call) => new URLSearchParams(call.body ?? '')).filter((f) => f.get('grant_type') === 'refresh_token').map((f) => f.get('refresh_token'));

async function twoTabsPastExpiry() {
  tabs = await openTabs([codeStore('acme')]);
  const locks = browserLocks();
  const a = locks();
  const b = locks();
  const tabA = await tabs.open({ withLock: a.withLock });
  const tabB = await tabs.open({ withLock: b.withLock });
  await tabs.signIn(tabA.auth, 'acme');
  tabs.clock.now += HOUR + 1;
  return { tabA, tabB, closeA: a.close };
}

/** A token endpoint whose answer to the next refresh never arrives (the tab asking is about to close). */
function hangNextRefresh(): { reached: Promise<void> } {
  let reached!: () => void;
  const promise = new Promise<void>((resolve) => (reached = resolve));
  let hung = false;
  const rotate = (form: URLSearchParams, call: number) =>
    json({ access_token: `AT${call}`, token_type: 'bearer', expires_in: 3600, refresh_token: `RT${call}`, scope: form.get('scope') ?? 'storefront' });
  tabs.setTokenAnswer((form, call) => {
    if (!hung && form.get('grant_type') === 'refresh_token') {
      hung = true;
      reached();
      return new Promise<Response>(() => {});
    }
    return rotate(form, call);
  });
  return { reached: promise };
}

describe('the tab holding the renewal lock closes mid-refresh (security case 20)', () => {
  it('the request had not been answered and rotated nothing: the other tab renews with the same refresh token', async () => {
    const { tabA, tabB, closeA } = await twoTabsPastExpiry();
    const { reached } = hangNextRefresh();
    void tabA.auth.getAccessToken('acme').catch(() => undefined);
    await reached; // A holds the lock, its refresh is in flight
    closeA(); // the browser releases A's lock
    const token = await tabB.auth.getAccessToken('acme');
    expect(token).toMatch(/^AT\d+$/);
    expect(token).not.toBe('AT1');
    expect(refreshTokensSent()).toEqual(['RT1', 'RT1']);
  });

  it('the store rotated for the tab that closed: one refusal ends the session with one Reconnect, and nothing loops', async () => {
    const { tabA, tabB, closeA } = await twoTabsPastExpiry();
    const { reached } = hangNextRefresh();
    void tabA.auth.getAccessToken('acme').catch(() => undefined);
    await reached;
    // the store took RT1 for A's request and rotated it: RT1 is spent, A's new tokens die with A
    tabs.setTokenAnswer(() => json({ error: 'invalid_grant', error_description: 'refresh token already used' }, 400));
    closeA();
    const error = await catchAppError(() => tabB.auth.getAccessToken('acme'));
    expect(error.code).toBe('TOKEN_EXPIRED');
    expect(await tabB.auth.getSession('acme')).toBeNull();
    const calls = tabs.tokenCalls().length;
    // asked again (the screen's next request): no second token request, just "not connected"
    expect((await catchAppError(() => tabB.auth.getAccessToken('acme'))).code).toBe('TOKEN_MISSING');
    expect(tabs.tokenCalls().length).toBe(calls);
    expect(refreshTokensSent()).toEqual(['RT1', 'RT1']);
  });
});

describe('a sign-in saved while another tab renews the old grant', () => {
  it('waits for that renewal to write, then writes its own: the new session is what stays, in both tabs', async () => {
    tabs = await openTabs([codeStore('acme')]);
    const locks = browserLocks();
    const tabA = await tabs.open({ withLock: locks().withLock });
    const tabB = await tabs.open({ withLock: locks().withLock });
    await tabs.signIn(tabA.auth, 'acme'); // AT1 (token call 1)
    tabs.clock.now += HOUR + 1;
    let reached!: () => void;
    const refreshing = new Promise<void>((resolve) => (reached = resolve));
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    tabs.setTokenAnswer(async (form, call) => {
      if (form.get('grant_type') === 'refresh_token') {
        reached();
        await answered; // B's refresh is slow: it holds the lock meanwhile
      }
      return json({ access_token: `AT${call}`, token_type: 'bearer', expires_in: 3600, refresh_token: `RT${call}`, scope: 'storefront' });
    });
    const renewal = tabB.auth.getAccessToken('acme'); // token call 2, the old grant
    await refreshing;
    const signIn = tabs.signIn(tabA.auth, 'acme'); // token call 3, a new grant, saved under the lock
    await new Promise((resolve) => setTimeout(resolve, 20));
    answer();
    expect(await renewal).toBe('AT2');
    await signIn;
    expect((await tabA.auth.getSession('acme'))?.tokens.accessToken).toBe('AT3');
    expect(await tabB.auth.getAccessToken('acme')).toBe('AT3');
  });
});
