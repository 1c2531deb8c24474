/**
 * A sign-out on a slow link, where the drafts' code is not loaded yet (each download a round trip of
 * seconds): the store is told (the revocation) without waiting for that code, the drafts' discard
 * starting with it; the sign-out is done only once the drafts are gone, whatever the revocation does.
 */
import { afterEach, expect, it, vi } from 'vitest';
import type { SignOuts } from '../../../src/lib/auth/sign-outs.ts';

const DRAFTS = '../../../src/lib/storage/drafts.ts';
afterEach(() => {
  vi.doUnmock(DRAFTS);
  vi.resetModules();
});

/** The drafts' code still downloading until `arrive`; `discarded` once its discard has run. */
function slowDrafts(): { arrive: () => void; discarded: () => boolean } {
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  let discarded = false;
  vi.doMock(DRAFTS, async () => {
    await arrived;
    return { discardStoreDrafts: async () => void (discarded = true) };
  });
  return { arrive, discarded: () => discarded };
}

/** A SignOuts that marks at once and tells no other tab. */
const signOuts = { mark: async () => undefined, tell: () => undefined } as unknown as SignOuts;

it('revokes while the drafts’ code is still coming, and is done only once the drafts are gone', async () => {
  const drafts = slowDrafts();
  const { signOutOf } = await import('../../../src/lib/auth/sign-out.ts');
  const revoked: string[] = [];
  let done = false;
  const running = signOutOf(signOuts, 'acme', async () => 'removed', async (removed) => void revoked.push(removed)).then(() => (done = true));
  await vi.waitFor(() => expect(revoked).toEqual(['removed']), { timeout: 2000, interval: 10 });
  expect(drafts.discarded()).toBe(false);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(done).toBe(false);
  drafts.arrive();
  await running;
  expect(drafts.discarded()).toBe(true);
});

it('a revocation that fails is still said to the caller, once the drafts are gone', async () => {
  const drafts = slowDrafts();
  const { signOutOf } = await import('../../../src/lib/auth/sign-out.ts');
  let settled = false;
  const running = signOutOf(signOuts, 'acme', async () => 'removed', () => Promise.reject(new Error('revocation failed')));
  void running.catch(() => undefined).finally(() => (settled = true));
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(settled).toBe(false);
  drafts.arrive();
  await expect(running).rejects.toThrow('revocation failed');
  expect(drafts.discarded()).toBe(true);
});
