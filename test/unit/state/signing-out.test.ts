/**
 * The sign-out's steps (state/signing-out.svelte.ts) come from sign-out.ts, a chunk of its own that
 * may not download (offline, the site replaced since the tab opened). Then: no unhandled rejection
 * (the sign-out, which needs that code too, fails and its button says so), nothing left under way,
 * and the next sign-out asks for the code again and keeps its steps once it comes.
 */
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { SignOuts } from '../../../src/lib/auth/sign-outs.ts';

const SIGN_OUT = '../../../src/lib/auth/sign-out.ts';
const SIGNING_OUT = '../../../src/lib/state/signing-out.svelte.ts';
const notDownloaded = () => new TypeError('Failed to fetch dynamically imported module');

afterEach(() => {
  vi.doUnmock(SIGN_OUT);
  vi.resetModules();
});

/** The unhandled rejections of this test, kept as they come. */
function unhandledRejections(): unknown[] {
  const seen: unknown[] = [];
  const note = (reason: unknown) => void seen.push(reason);
  process.on('unhandledRejection', note);
  onTestFinished(() => void process.off('unhandledRejection', note));
  return seen;
}

/** A SignOuts that marks at once and tells no other tab: signOutOf then says 'ending' after `remove`. */
const signOuts = { mark: async () => undefined, tell: () => undefined } as unknown as SignOuts;

describe('signing-out, where sign-out.ts cannot be downloaded', () => {
  it('rejects nothing unhandled; the sign-out that fails (it needs that code too) leaves nothing under way; the next one, with the code come, keeps its steps', async () => {
    const unhandled = unhandledRejections();
    vi.doMock(SIGN_OUT, () => {
      throw notDownloaded();
    });
    const { signingOut, whileSigningOut } = (await import(SIGNING_OUT)) as typeof import('../../../src/lib/state/signing-out.svelte.ts');

    await expect(whileSigningOut('demo', () => Promise.reject(notDownloaded()))).rejects.toThrow(TypeError);
    expect(signingOut).toEqual({});
    // Two turns of the event loop: Node reports a rejection nobody handled once the microtasks are done.
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(unhandled).toEqual([]);

    // The code can come now: the next sign-out's step reaches its words (SignOutProgress).
    vi.doUnmock(SIGN_OUT);
    const { signOutOf } = (await import(SIGN_OUT)) as typeof import('../../../src/lib/auth/sign-out.ts');
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const running = whileSigningOut('demo', () => released);
    await vi.waitFor(
      async () => {
        await signOutOf(signOuts, 'demo', async () => undefined);
        expect(signingOut['demo']).toBe('ending');
      },
      { timeout: 5_000, interval: 20 },
    );
    release();
    await running;
    expect(signingOut).toEqual({});
    expect(unhandled).toEqual([]);
  });
});
