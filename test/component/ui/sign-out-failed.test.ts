/**
 * A sign-out whose code cannot be downloaded (offline, or the site replaced since the tab opened):
 * the store bar's Sign out comes back and says so under the button, in words saying what to do; the
 * store stays connected and the screen stays, since nothing was signed out. Both where the code that
 * asks first cannot load either (the sign-out then goes ahead as asked) and where it can.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import StoreBar from '../../../src/lib/components/StoreBar.svelte';
import { createTestApp, eventually, harnessProps } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';

const ASK_FIRST = '../../../src/lib/components/ask-before-sign-out.ts';
const WORDS = 'Could not sign out: part of the app could not be loaded. Check your connection and try again.';

afterEach(() => {
  cleanup();
  vi.doUnmock(ASK_FIRST);
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('a sign-out whose code cannot be downloaded', () => {
  it.each([
    ['the code that asks first cannot load either', true],
    ['the code that asks first has loaded', false],
  ])('the store bar says so under its button, and the store stays connected (%s)', async (_label, askFirstFails) => {
    if (askFirstFails) {
      vi.doMock(ASK_FIRST, () => {
        throw new TypeError('Failed to fetch dynamically imported module');
      });
    }
    const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: '/s/demo' });
    // What the app's lazily loaded sign-out does when its code does not download (LazyAuth.signOut).
    const signOut = vi.spyOn(app.auth, 'signOut').mockRejectedValue(new TypeError('Failed to fetch dynamically imported module'));
    render(Harness, { props: harnessProps(app, StoreBar, () => ({ storeId: 'demo' })) });

    const button = screen.getByRole('button', { name: 'Sign out of Demo Store' });
    await userEvent.click(button);
    expect(await screen.findByRole('alert')).toHaveTextContent(WORDS);
    expect(signOut).toHaveBeenCalledWith('demo');
    await eventually(() => expect(button).toHaveAttribute('aria-disabled', 'false'));
    expect(button).toHaveTextContent('Sign out');
    expect(app.session.isConnected('demo')).toBe(true);
    expect(app.router.current.name).not.toBe('home');

    // Pressed again once the code can come: the words go, and the sign-out is done.
    signOut.mockRestore();
    await userEvent.click(button);
    await eventually(() => expect(app.session.isConnected('demo')).toBe(false));
    expect(screen.queryByText(WORDS)).not.toBeInTheDocument();
    // And the stores list comes, as after any sign-out; waited for here, so that no step of this
    // sign-out is still on its way when the next test starts (a full run under load saw the next
    // test's router on the stores list).
    await eventually(() => expect(app.router.current.name).toBe('home'));
  });
});
