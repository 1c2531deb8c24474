/**
 * SignOutProgress, the line a sign-out that takes more than a moment shows (and a screen reader hears):
 * its words stay those of what was pressed. Forgetting a store's pasted credentials ends its session
 * here first, then tells the store: the line said "Forgotten here. Telling … to end this access too…"
 * and, with the session gone, changed in place to "Signed out here. …" (heard in the walk of s33).
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import SignOutProgress from '../../../src/lib/components/SignOutProgress.svelte';
import { signingOut } from '../../../src/lib/state/signing-out.svelte.ts';
import type { Session } from '../../../src/lib/state/session.svelte.ts';

afterEach(() => {
  for (const id of Object.keys(signingOut)) delete signingOut[id];
  flushSync();
  cleanup();
});

/** A session of one store connected with pasted credentials until `end()` (the sign-out's first step). */
function sessionStub(): { session: Session; end(): void } {
  let connected = true;
  const session = {
    store: () => ({ id: 'shop', name: 'Shopware Shop' }),
    connectedMode: () => (connected ? { id: 'integration', shortName: 'key' } : undefined),
  } as unknown as Session;
  return { session, end: () => void (connected = false) };
}

describe('SignOutProgress', () => {
  it('forgetting credentials says "Forgotten here" while it tells the store, though the session here is gone by then (it said "Signed out here")', () => {
    const { session, end } = sessionStub();
    render(SignOutProgress, { props: { session } });
    signingOut.shop = 'started';
    flushSync();
    expect(screen.getByRole('status')).toHaveTextContent('Forgetting the key for Shopware Shop…');
    // the session here ends first, then the store is told
    end();
    signingOut.shop = 'ending';
    flushSync();
    expect(screen.getByRole('status')).toHaveTextContent(/^Forgotten here\. Telling .*Shopware Shop.* to end this access too…$/);
    // over: the line goes, and the next sign-out of the store (signed in by OAuth now) has its own words
    delete signingOut.shop;
    flushSync();
    expect(screen.queryByRole('status')).toBeNull();
    signingOut.shop = 'ending';
    flushSync();
    expect(screen.getByRole('status')).toHaveTextContent(/^Signed out here\./);
  });
});
