/**
 * A sign-out that takes a while is never a silently dead button: the stores list's Sign out says
 * "Signing out…" at once and is aria-disabled (a second press does nothing); a moment later a status
 * line says why: here, the marker could not be written, so the sign-out waits for the store's renewal
 * lock, which another tab's renewal holds (sign-out.ts). The lock is navigator.locks, held here.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import HomeView from '../../../src/lib/components/views/HomeView.svelte';
import { createTestApp, eventually, harnessProps } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A navigator.locks whose every request waits until `release` (another tab's renewal holding them). */
function heldLocks() {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const requested: string[] = [];
  Object.defineProperty(navigator, 'locks', {
    configurable: true,
    value: {
      request: async (name: string, task: () => Promise<unknown>) => {
        requested.push(name);
        await held;
        return task();
      },
    },
  });
  onTestFinished(() => void delete (navigator as { locks?: unknown }).locks);
  return { release, requested };
}

describe('a Sign out that waits', () => {
  it('says "Signing out…" at once, then why, and ends once the other tab lets go', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] } });
    // Storage refuses the sign-out marker: the sign-out then waits for the store's renewal lock.
    const set = app.storage.store.set.bind(app.storage.store);
    app.storage.store.set = async (key, value) => {
      if (key.startsWith('signed-out:')) throw new Error('QuotaExceededError');
      return set(key, value);
    };
    const locks = heldLocks();
    const signOut = vi.spyOn(app.session, 'signOut');
    render(Harness, { props: harnessProps(app, HomeView, () => ({ callbackError: null })) });

    await userEvent.click(screen.getByRole('button', { name: 'Sign out of Demo Store' }));
    const button = await screen.findByRole('button', { name: 'Signing out… of Demo Store' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveFocus();
    // pressed again meanwhile: nothing more
    await userEvent.click(button);

    // A moment later, the status says why it is not done.
    await eventually(() => expect(locks.requested).toEqual(['storefront-connect:refresh:demo']));
    expect(signOut).toHaveBeenCalledTimes(1);
    const words = 'Waiting for another tab to finish renewing Demo Store’s access…';
    const line = await screen.findByText(words);
    expect(line).not.toBeVisible();
    expect(line.closest('[role="status"]')).not.toBeNull();
    await eventually(() => expect(line).toBeVisible());
    expect(app.session.isConnected('demo')).toBe(true);

    locks.release();
    expect(await screen.findByRole('button', { name: 'Connect Demo Store' })).toBeEnabled();
    expect(app.session.isConnected('demo')).toBe(false);
    await eventually(() => expect(screen.queryByText(words)).toBeNull());
  });

  it('a quick one shows no status line, and the button is back once it is over', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] } });
    let done: () => void = () => undefined;
    vi.spyOn(app.session, 'signOut').mockImplementation(() => new Promise<void>((resolve) => (done = resolve)));
    render(Harness, { props: harnessProps(app, HomeView, () => ({ callbackError: null })) });
    await userEvent.click(screen.getByRole('button', { name: 'Sign out of Demo Store' }));
    await screen.findByRole('button', { name: 'Signing out… of Demo Store' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(screen.getByText('Signing out of Demo Store…')).not.toBeVisible();
    done();
    const again = await screen.findByRole('button', { name: 'Sign out of Demo Store' });
    expect(again).toHaveAttribute('aria-disabled', 'false');
    await eventually(() => expect(screen.queryByText('Signing out of Demo Store…')).toBeNull());
  });
});
