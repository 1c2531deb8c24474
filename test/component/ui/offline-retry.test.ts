/**
 * What the app does with a failure it showed while the browser was offline, once the browser is back
 * online (ErrorPanel: one place for every screen), and what PartUnavailable says then (its words
 * follow the browser; it does not reload by itself). Chromium's own online/offline events are driven
 * in the e2e failures-*.test.ts files.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import userEvent from '@testing-library/user-event';
import ErrorPanel from '../../../src/lib/components/ErrorPanel.svelte';
import PartUnavailable from '../../../src/lib/components/PartUnavailable.svelte';
import { AppError } from '../../../src/lib/oauth/errors.ts';

/** Says the browser is offline (navigator.onLine false) until `goOnline`, which also fires `online`. */
function offline(): { goOnline: () => void } {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  return {
    goOnline: () => {
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
      dispatchEvent(new Event('online'));
    },
  };
}

afterEach(() => {
  cleanup();
  Reflect.deleteProperty(navigator, 'onLine');
});

const noAnswer = () => new AppError('API_NETWORK_ERROR');

describe('ErrorPanel back online', () => {
  it('a failure shown offline is tried again once per online event, by itself', async () => {
    const browser = offline();
    const onRetry = vi.fn();
    render(ErrorPanel, { props: { error: noAnswer(), onRetry } });
    await screen.findByText('This browser is offline');
    // Said as it is: no press of Try again needed.
    expect(screen.getByRole('alert')).toHaveTextContent('Nothing could reach the store. It is tried again by itself once the browser is back online.');
    expect(screen.getByRole('alert')).not.toHaveTextContent('Try again once');
    expect(onRetry).not.toHaveBeenCalled();
    browser.goOnline();
    await vi.waitFor(() => expect(onRetry).toHaveBeenCalledTimes(1));
    // Offline and back again: one more (no loop in between).
    offline();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onRetry).toHaveBeenCalledTimes(1);
    browser.goOnline();
    await vi.waitFor(() => expect(onRetry).toHaveBeenCalledTimes(2));
  });

  it('a failure shown online, and a retry that sends something, wait for the person', async () => {
    const onRetry = vi.fn();
    render(ErrorPanel, { props: { error: noAnswer(), onRetry } });
    dispatchEvent(new Event('online'));
    cleanup();
    const browser = offline();
    render(ErrorPanel, { props: { error: noAnswer(), onRetry, retryWhenOnline: false } });
    await screen.findByText('This browser is offline');
    expect(screen.getByRole('alert')).toHaveTextContent('Nothing could reach the store. Try again once you are back online.');
    browser.goOnline();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onRetry).not.toHaveBeenCalled();
  });

  it('a retry that sends something, shown offline: back online the panel says so (not still "offline"), offline again the offline words; Try again stays the person’s', async () => {
    const browser = offline();
    const onRetry = vi.fn();
    render(ErrorPanel, { props: { error: noAnswer(), onRetry, retryWhenOnline: false } });
    await screen.findByText('This browser is offline');
    browser.goOnline();
    await screen.findByText('Back online');
    expect(screen.getByRole('alert')).toHaveTextContent('Nothing reached the store while this browser was offline. Try again now.');
    expect(onRetry).not.toHaveBeenCalled();
    offline();
    dispatchEvent(new Event('offline'));
    await screen.findByText('This browser is offline');
    expect(screen.getByRole('alert')).toHaveTextContent('Try again once you are back online.');
  });

  it('a reload (a start that failed) is not run by itself once back online, as its words say: the person presses Try again', async () => {
    const browser = offline();
    const reload = vi.fn();
    vi.stubGlobal('location', { ...location, reload });
    try {
      render(ErrorPanel, { props: { error: noAnswer(), reloads: true } });
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('Try again once you are back online.');
      expect(alert).not.toHaveTextContent('by itself');
      browser.goOnline();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(reload).not.toHaveBeenCalled();
      await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
      expect(reload).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('PartUnavailable back online', () => {
  it('the offline words follow the browser: gone once it is back online (Try again plainly, no reload by itself, the focus left where it is), said again offline', async () => {
    const browser = offline();
    const reload = vi.fn();
    vi.stubGlobal('location', { ...location, reload });
    try {
      render(PartUnavailable);
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('This browser is offline: try again once it is back online.');
      const tryAgain = screen.getByRole('button', { name: 'Try again' });
      await userEvent.click(tryAgain);
      expect(alert).toHaveTextContent('This browser is still offline');
      browser.goOnline();
      await vi.waitFor(() => expect(alert).toHaveTextContent('Part of this app could not be loaded. Check your connection, then try again.'));
      expect(alert).not.toHaveTextContent('offline');
      expect(reload).not.toHaveBeenCalled();
      expect(document.activeElement).toBe(tryAgain);
      offline();
      dispatchEvent(new Event('offline'));
      await vi.waitFor(() => expect(alert).toHaveTextContent('This browser is offline: try again once it is back online.'));
      await userEvent.click(tryAgain);
      expect(reload).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
