/**
 * A sign-out whose code cannot be downloaded (offline, or the site replaced since the tab opened):
 * the store bar's Sign out, and the stores list card's, comes back and says so under the button, in
 * words saying what to do (SignOutFailed); the store stays connected and the screen stays, since
 * nothing was signed out. Both where the code that asks first cannot load either (the sign-out then
 * goes ahead as asked) and where it can.
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import StoreBar from '../../../src/lib/components/StoreBar.svelte';
import HomeView from '../../../src/lib/components/views/HomeView.svelte';
import { createTestApp, eventually, harnessProps } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';

const ASK_FIRST = '../../../src/lib/components/ask-before-sign-out.ts';
const WORDS = 'Could not sign out: part of the app could not be loaded. Reload the page once you are online, then sign out again.';

afterEach(() => {
  cleanup();
  vi.doUnmock(ASK_FIRST);
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const NOT_DOWNLOADED = () => new TypeError('Failed to fetch dynamically imported module');

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

  it.each([
    ['the code that asks first cannot load either', true],
    ['the code that asks first has loaded', false],
  ])('the stores list’s card says so under its Sign out, which keeps the focus, says it again when it fails again, and signs out once the code comes (%s)', async (_label, askFirstFails) => {
    if (askFirstFails) {
      vi.doMock(ASK_FIRST, () => {
        throw NOT_DOWNLOADED();
      });
    }
    const app = await createTestApp({ sessions: { demo: ['storefront'] } });
    const signOut = vi.spyOn(app.auth, 'signOut').mockRejectedValue(NOT_DOWNLOADED());
    render(Harness, { props: harnessProps(app, HomeView, () => ({ callbackError: null })) });
    const card = within(screen.getByRole('heading', { name: 'Demo Store', level: 2 }).closest('li')!);

    const button = card.getByRole('button', { name: 'Sign out of Demo Store' });
    await userEvent.click(button);
    const said = await card.findByRole('alert');
    expect(said).toHaveTextContent(WORDS);
    expect(signOut).toHaveBeenCalledWith('demo');
    await eventually(() => expect(button).toHaveAttribute('aria-disabled', 'false'));
    expect(button).toHaveTextContent('Sign out');
    expect(button).toHaveFocus();
    expect(app.session.isConnected('demo')).toBe(true);
    expect(screen.getAllByRole('alert')).toHaveLength(1);

    // Pressed again, failing again: the words are put on the page again (an alert is said as it comes).
    await userEvent.click(button);
    await eventually(() => expect(signOut).toHaveBeenCalledTimes(2));
    await eventually(() => expect(card.getByRole('alert')).not.toBe(said));
    expect(card.getByRole('alert')).toHaveTextContent(WORDS);
    expect(button).toHaveFocus();

    // Pressed again once the code can come: the words go, and the sign-out is done.
    signOut.mockRestore();
    await userEvent.click(button);
    await eventually(() => expect(app.session.isConnected('demo')).toBe(false));
    expect(screen.queryByText(WORDS)).not.toBeInTheDocument();
  });
});
