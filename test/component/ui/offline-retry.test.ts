/**
 * What the app does with a failure it showed while the browser was offline, once the browser is back
 * online (ErrorPanel: one place for every screen). Chromium's own online/offline events are driven
 * in e2e failures.test.ts.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ErrorPanel from '../../../src/lib/components/ErrorPanel.svelte';
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
    browser.goOnline();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onRetry).not.toHaveBeenCalled();
  });
});
