/**
 * Storage full, then space freed: the session kept in this tab's memory only (security case 24) is
 * written again, by the next write that lands or when the person asks (Session.saveAgain, through the
 * event's saveAgain), and the storage banner is told ('storage-saved'). The retry respects the renewal
 * lock: it never races a renewal's write, and never writes an older refresh token over a newer one.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuthEvent } from '../../../src/lib/auth/auth-service.ts';
import { renewalLockName } from '../../../src/lib/auth/sign-out.ts';
import { openStorage, type KeyValueStore } from '../../../src/lib/storage/kv.ts';
import { codeStore, openTabs, sharedLocks, type Tabs } from '../../helpers/auth-tabs.ts';
import { json } from '../../helpers/fake-fetch.ts';

const HOUR = 3_600_000;
let tabs: Tabs;
afterEach(() => {
  expect(tabs.unexpected, 'no unexpected request').toEqual([]);
});

/** The refresh token a write carries (the vault's record, before it is sealed), or ''. */
const refreshIn = (value: unknown): string => /"refreshToken":"([^"]+)"/.exec(JSON.stringify(value))?.[1] ?? '';

/**
 * A tab signed in to 'acme' (RT1 saved) on storage that then refuses every write for want of space,
 * an hour later (its token due); `hold(token)` keeps back each write of that refresh token until `release()`.
 */
async function fullTab() {
  tabs = await openTabs([codeStore('acme')]);
  const locks = sharedLocks();
  const real = await openStorage({ indexedDB: tabs.factory });
  let full = false;
  let held = '';
  const waiting: (() => void)[] = [];
  const writes: string[] = [];
  const sealed: KeyValueStore = {
    ...real.sealed,
    set: async (key, value) => {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      if (held && refreshIn(value) === held) await new Promise<void>((resolve) => waiting.push(resolve));
      writes.push(refreshIn(value));
      return real.sealed.set(key, value);
    },
  };
  const tab = await tabs.open({ storage: { ...real, sealed }, withLock: locks.withLock });
  await tabs.signIn(tab.auth, 'acme'); // AT1 / RT1, saved
  full = true;
  tabs.clock.now += HOUR + 1;
  return {
    ...tab,
    locks,
    writes,
    setFull: (value: boolean) => (full = value),
    hold: (token: string) => (held = token),
    release: () => {
      held = '';
      for (const resolve of waiting.splice(0)) resolve();
    },
    /** The saveAgain of the last refusal told. */
    saveAgain: () => {
      const failed = tab.events.filter((event): event is Extract<AuthEvent, { type: 'storage-write-failed' }> => event.type === 'storage-write-failed').at(-1);
      if (!failed) throw new Error('no refusal was told');
      return failed.saveAgain();
    },
    /** What the vault holds, as a new tab reads it. */
    stored: async () => (await (await tabs.open({ channel: null })).auth.getSession('acme'))?.tokens.refreshToken,
  };
}

describe('a session kept in memory because storage was full', () => {
  it('"Try saving again" while still full: refused again (full), still kept in this tab; once space is freed, saved', async () => {
    const tab = await fullTab();
    expect(await tab.auth.getAccessToken('acme')).toBe('AT2'); // RT1 spent, RT2 refused: memory only
    expect(tab.events.map((event) => event.type)).toEqual(['storage-write-failed']);
    await tab.saveAgain();
    expect(tab.events.map((event) => [event.type, 'why' in event ? event.why : ''])).toEqual([
      ['storage-write-failed', 'full'],
      ['storage-write-failed', 'full'],
    ]);
    expect((await tab.auth.getSession('acme'))?.tokens.refreshToken).toBe('RT2');
    expect(await tab.stored()).toBe('RT1');

    tab.setFull(false);
    await tab.saveAgain();
    expect(tab.events.at(-1)).toEqual({ type: 'storage-saved', storeId: 'acme' });
    expect(await tab.stored()).toBe('RT2');
    // Taken under the store's renewal lock, as a renewal is.
    expect(tab.locks.taken.at(-1)).toBe(renewalLockName('acme'));
  });

  it('the next write that lands (a renewal) tells it saved: no retry needed', async () => {
    const tab = await fullTab();
    await tab.auth.getAccessToken('acme'); // RT2, memory only
    tab.setFull(false);
    tabs.clock.now += HOUR + 1;
    expect(await tab.auth.getAccessToken('acme')).toBe('AT3');
    expect(tab.events.map((event) => event.type)).toEqual(['storage-write-failed', 'storage-saved']);
    expect(await tab.stored()).toBe('RT3');
  });

  it('a retry asked for while a renewal holds the lock waits for it, and does not write the older refresh token over the renewed one', async () => {
    const tab = await fullTab();
    await tab.auth.getAccessToken('acme'); // RT2, memory only
    tab.setFull(false);
    tabs.clock.now += HOUR + 1;
    let answer: () => void = () => undefined;
    tabs.setTokenAnswer((_, call) => new Promise((resolve) => (answer = () => resolve(json({ access_token: `AT${call}`, token_type: 'bearer', expires_in: 3600, refresh_token: `RT${call}`, scope: 'storefront' })))));
    // A write of RT2 that would start now is kept back until the renewal has written RT3.
    tab.hold('RT2');
    const renewal = tab.auth.getAccessToken('acme'); // takes the lock, then spends RT2 at the store
    await vi.waitFor(() => expect(tabs.tokenCalls()).toHaveLength(3));
    const again = tab.saveAgain();
    answer();
    expect(await renewal).toBe('AT3');
    tab.release();
    await again;
    expect(await tab.stored()).toBe('RT3');
    expect(tab.writes).toEqual(['RT1', 'RT3']); // RT2 was never written: the renewal saved a newer one first
    expect((await tab.auth.getSession('acme'))?.tokens.refreshToken).toBe('RT3');
    expect(tab.events.filter((event) => event.type === 'storage-saved').length).toBeGreaterThan(0);
  });

  it('a newer session another tab saved meanwhile wins: this tab’s older copy is dropped, not written over it', async () => {
    const tab = await fullTab();
    await tab.auth.getAccessToken('acme'); // RT2, memory only here
    tab.setFull(false);
    tabs.clock.now += 1;
    const other = await tabs.open({ channel: null }); // not heard here: the vault alone says it is newer
    await tabs.signIn(other.auth, 'acme'); // AT3 / RT3, saved
    await tab.saveAgain();
    expect(await tab.stored()).toBe('RT3');
    expect(tab.writes).toEqual(['RT1']);
    expect((await tab.auth.getSession('acme'))?.tokens.refreshToken).toBe('RT3');
    expect(tab.events.at(-1)).toEqual({ type: 'storage-saved', storeId: 'acme' });
  });

  it('signed out while the retry waited for the lock: nothing is written back', async () => {
    const tab = await fullTab();
    await tab.auth.getAccessToken('acme'); // RT2, memory only
    tab.setFull(false);
    let held: () => void = () => undefined;
    const holding = tab.locks.withLock(renewalLockName('acme'), () => new Promise<void>((resolve) => (held = resolve)));
    const again = tab.saveAgain();
    await tab.auth.signOut('acme');
    held();
    await holding;
    await again;
    expect(await tab.stored()).toBeUndefined();
    expect(tab.writes).toEqual(['RT1']);
  });
});
