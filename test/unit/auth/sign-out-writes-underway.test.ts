/**
 * A sign-out while a write sent with the store's token has no answer yet (an add to the cart,
 * state/cart-adds.ts): done at once here, and the token revoked only once the write has its answer,
 * so that the store carries it out with the token it was sent with (e2e failure-states: the add
 * lands in the store's cart). Without one under way, the revocation goes at once, as before.
 */
import { afterEach, expect, it, vi } from 'vitest';
import type { SignOuts } from '../../../src/lib/auth/sign-outs.ts';

const DRAFTS = '../../../src/lib/storage/drafts.ts';
afterEach(() => {
  vi.doUnmock(DRAFTS);
  vi.resetModules();
});

/** A SignOuts that marks at once and tells no other tab. */
const signOuts = { mark: async () => undefined, tell: () => undefined } as unknown as SignOuts;

async function signOutModule() {
  vi.doMock(DRAFTS, () => ({ discardStoreDrafts: async () => undefined }));
  return import('../../../src/lib/auth/sign-out.ts');
}

it('with an add under way: done without waiting for it; the revocation follows its answer, held by `meanwhile`', async () => {
  const { signOutOf, revokeAfter } = await signOutModule();
  let answer!: () => void;
  revokeAfter('acme', new Promise<void>((resolve) => (answer = resolve)));
  const revoked: string[] = [];
  const held: string[] = [];
  const meanwhile = async (work: () => Promise<unknown>) => {
    held.push('from');
    await work();
    held.push('to');
  };
  await signOutOf(signOuts, 'acme', async () => 'removed', async (removed) => void revoked.push(removed), meanwhile);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(revoked).toEqual([]);
  expect(held).toEqual(['from']);
  answer();
  await vi.waitFor(() => expect(held).toEqual(['from', 'to']), { timeout: 2000, interval: 10 });
  expect(revoked).toEqual(['removed']);
});

it('a write that failed lets the revocation go too; another store’s write, or one already answered, holds nothing', async () => {
  const { signOutOf, revokeAfter } = await signOutModule();
  let fail!: () => void;
  revokeAfter('acme', new Promise<void>((_, reject) => (fail = () => reject(new Error('no answer')))));
  revokeAfter('other', new Promise<void>(() => undefined));
  const answered = Promise.resolve();
  revokeAfter('done', answered);
  await answered;
  const revoked: string[] = [];
  await signOutOf(signOuts, 'done', async () => 'done', async (removed) => void revoked.push(removed));
  expect(revoked).toEqual(['done']);
  await signOutOf(signOuts, 'acme', async () => 'acme', async (removed) => void revoked.push(removed));
  expect(revoked).toEqual(['done']);
  fail();
  await vi.waitFor(() => expect(revoked).toEqual(['done', 'acme']), { timeout: 2000, interval: 10 });
});
