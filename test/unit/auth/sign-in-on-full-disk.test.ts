/**
 * A sign-in on a full disk (every write refused with a QuotaExceededError, as Chromium refuses it):
 * said as the device being out of space, never as "private mode or blocked"; and where the store's
 * answer came back, the connection works for this tab (kept in memory, the storage-full note says
 * so) instead of failing with the tokens the store gave, or was about to give, lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthEvent } from '../../../src/lib/auth/auth-service.ts';
import { catchAppError } from '../../helpers/catch-error.ts';
import { allowPuts, refusePuts } from '../../helpers/full-disk.ts';
import { begin, codeCallback, implicitCallback, navigated, service, sessionKeys, storage, useAuthService } from '../../helpers/auth-service-fixture.ts';

useAuthService();
afterEach(allowPuts);

async function withEvents() {
  const auth = await service();
  const events: string[] = [];
  auth.onEvent((event: AuthEvent) => events.push(`${event.type} ${event.storeId}${'why' in event ? ` ${event.why}` : ''}`));
  return { auth, events };
}

describe('a sign-in whose callback meets a full disk', () => {
  it('implicit flow: connected for this tab, its token kept in memory, told as storage full', async () => {
    const { auth, events } = await withEvents();
    const { state } = await begin(auth, 'acme');
    refusePuts();
    const done = await auth.completeSignIn(implicitCallback(`access_token=T-FULL&token_type=bearer&state=${state}`));
    expect(done.session.tokens.accessToken).toBe('T-FULL');
    expect(events).toEqual(['storage-write-failed acme full']);
    expect(await auth.getAccessToken('acme')).toBe('T-FULL');
    expect(await sessionKeys(storage.store)).toEqual([]);
    // Single use still: the same answer again connects nothing more.
    expect((await catchAppError(() => auth.completeSignIn(implicitCallback(`access_token=T-FULL&token_type=bearer&state=${state}`)))).code).toBe('OAUTH_STATE_MISMATCH');
  });

  it('code flow: the code is exchanged, the tokens kept in memory for this tab, told as storage full', async () => {
    const { auth, events } = await withEvents();
    const { state } = await begin(auth, 'bolt');
    refusePuts();
    const done = await auth.completeSignIn(codeCallback(`code=C&state=${state}`));
    expect(done.session.tokens.accessToken).toBe('BOLT-AT1');
    expect(events).toEqual(['storage-write-failed bolt full']);
    expect(await auth.getAccessToken('bolt')).toBe('BOLT-AT1');
    expect(await sessionKeys(storage.store)).toEqual([]);
  });
});

describe('a sign-in begun on a full disk', () => {
  for (const storeId of ['acme', 'bolt']) {
    it(`${storeId}: does not start, as STORAGE_FULL (the device out of space), not STORAGE_UNAVAILABLE ("private mode or blocked")`, async () => {
      const { auth } = await withEvents();
      refusePuts();
      const error = await catchAppError(() => auth.beginSignIn(storeId));
      expect(error.code).toBe('STORAGE_FULL');
      expect(error.storeId).toBe(storeId);
      expect(navigated).toEqual([]);
      // Refused otherwise (an I/O error): as before.
      refusePuts('UnknownError');
      expect((await catchAppError(() => auth.beginSignIn(storeId))).code).not.toBe('STORAGE_FULL');
    });
  }
});
