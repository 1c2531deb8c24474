/**
 * A start that stopped for a reason of its own (App's failed phase; here the saved sessions could
 * not be read): Try again starts afresh with a reload, unless the browser is offline, when a reload
 * would put the browser's own error page in place of the app. Then the panel stays and says so, as
 * PartUnavailable does (reload-retry.svelte.ts), from the start when the browser is offline already.
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../../src/App.svelte';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { testConfig } from '../../helpers/component-harness.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The app, started with saved sessions that cannot be read (storage that failed after it opened). */
function startFailing(): void {
  history.replaceState(null, '', '/#/');
  const saved = Promise.reject(new AppError('STORAGE_UNAVAILABLE', 'IndexedDB failed (UnknownError)'));
  saved.catch(() => undefined);
  render(App, { props: { captured: null, config: Promise.resolve(testConfig()), storage: openStorage({ indexedDB: null }), saved } });
}

describe('a start that failed', () => {
  it('offline as it shows: says so, and Try again keeps the app and says the browser is still offline', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    startFailing();
    const panel = within(await screen.findByRole('alert'));
    expect(panel.getByText('This browser cannot keep your session')).toBeInTheDocument();
    expect(panel.getByText('This browser is offline: try again once it is back online.')).toBeInTheDocument();
    expect(document.title).toBe('Could not start – Storefront Connect');

    const tryAgain = panel.getByRole('button', { name: 'Try again' });
    await userEvent.click(tryAgain);
    expect(panel.getByText('This browser is still offline: try again once it is back online.')).toBeInTheDocument();
    // Still the app's own page, the focus on its button: no reload was asked for.
    expect(tryAgain).toHaveFocus();
    expect(screen.getByRole('main')).toContainElement(tryAgain);
  });

  it('online: says what happened, and nothing of the browser being offline', async () => {
    startFailing();
    const panel = within(await screen.findByRole('alert'));
    expect(panel.getByText('This browser cannot keep your session')).toBeInTheDocument();
    expect(panel.queryByText(/offline/)).not.toBeInTheDocument();
    expect(panel.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
