/**
 * A sign-out on a slow link (a train, rural 3G: each download a round trip of seconds): the
 * revocation's code is asked for as the sign-out begins, beside the session's removal, not after it
 * (one round trip less before the store is told).
 */
import { afterEach, expect, it, vi } from 'vitest';
import { codeStore, openTabs } from '../../helpers/auth-tabs.ts';
import { openStorage } from '../../../src/lib/storage/kv.ts';

const REVOCATION = '../../../src/lib/oauth/revocation.ts';
afterEach(() => void vi.doUnmock(REVOCATION));

it('asks for the revocation’s code before the session is removed, and revokes once it comes', async () => {
  let asked!: () => void;
  const codeAsked = new Promise<void>((resolve) => (asked = resolve));
  vi.doMock(REVOCATION, async (original) => {
    asked();
    return original();
  });
  const tabs = await openTabs([codeStore('acme')]);
  const storage = await openStorage({ indexedDB: tabs.factory });
  const { auth } = await tabs.open({ storage });
  await tabs.signIn(auth, 'acme');
  // The removal notes whether the code was asked for by then (waiting for it a bounded while: it is
  // asked for from the same call, a few steps earlier, or, without the change, only after this).
  const askedByRemoval: boolean[] = [];
  const remove = storage.sealed.del.bind(storage.sealed);
  storage.sealed.del = async (key) => {
    if (!key.includes('acme') || askedByRemoval.length > 0) return remove(key); // the session's record, the first removed
    const bound = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000));
    askedByRemoval.push(await Promise.race([codeAsked.then(() => true), bound]));
    return remove(key);
  };
  await auth.signOut('acme');
  expect(await auth.getSession('acme')).toBeNull();
  expect(askedByRemoval).toEqual([true]);
  expect(tabs.revocations().map((form) => form.get('token'))).toEqual(['RT1', 'AT1']);
});
