/**
 * A store screen whose code did not download while offline comes by itself once the browser is back
 * online (missing-screen.svelte.ts): the page reloads once the app's host answers, unless the reload
 * would lose something. Chromium's own events and caching are driven in e2e offline-moments.test.ts.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Harness from './MissingScreenHarness.svelte';

let online = false;
Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });

/** The page as the browser goes offline then online again, with `answers` the host's answers to each look, in turn. */
function backOnline(answers: Array<'ok' | 'fails'>) {
  const reload = vi.fn();
  vi.stubGlobal('location', { ...location, reload });
  const fetch = vi.fn(async () => {
    if (answers.shift() === 'ok') return new Response(null, { status: 200 });
    throw new TypeError('Failed to fetch');
  });
  vi.stubGlobal('fetch', fetch);
  return {
    reload,
    fetch,
    goOnline: () => {
      online = true;
      dispatchEvent(new Event('online'));
    },
  };
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  online = false;
});

describe('a screen whose code did not come while offline, back online', () => {
  it('reloads the page once the app’s host answers (asked with HEAD, not from the cache)', async () => {
    const browser = backOnline(['ok']);
    render(Harness);
    browser.goOnline();
    await vi.waitFor(() => expect(browser.reload).toHaveBeenCalledTimes(1));
    expect(browser.fetch).toHaveBeenCalledWith(location.href.split('#')[0], { method: 'HEAD', cache: 'no-store' });
  });

  it('waits for the host to answer, a few times over seconds, and stops if the browser goes offline meanwhile', async () => {
    vi.useFakeTimers();
    const browser = backOnline(['fails', 'fails', 'ok']);
    render(Harness);
    browser.goOnline();
    await vi.advanceTimersByTimeAsync(1500);
    expect(browser.fetch).toHaveBeenCalledTimes(2);
    expect(browser.reload).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2000);
    expect(browser.reload).toHaveBeenCalledTimes(1);

    const again = backOnline(['fails', 'ok']);
    online = false;
    dispatchEvent(new Event('offline'));
    again.goOnline();
    await vi.advanceTimersByTimeAsync(100);
    online = false;
    dispatchEvent(new Event('offline'));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(again.fetch).toHaveBeenCalledTimes(1);
    expect(again.reload).not.toHaveBeenCalled();
  });

  it('gives up after a bounded number of looks when the host never answers', async () => {
    vi.useFakeTimers();
    const browser = backOnline(Array<'fails'>(20).fill('fails'));
    render(Harness);
    browser.goOnline();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(browser.fetch).toHaveBeenCalledTimes(5);
    expect(browser.reload).not.toHaveBeenCalled();
  });

  it('not where the reload would lose something: storage in memory, or text typed in a field on the page', async () => {
    const browser = backOnline(['ok', 'ok']);
    const { rerender } = render(Harness, { props: { persistent: false } });
    browser.goOnline();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await rerender({ persistent: true });
    await userEvent.type(screen.getByRole('textbox', { name: 'Access key' }), 'ak_typed');
    online = false;
    browser.goOnline();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(browser.reload).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toBeInTheDocument();
  });

  it('not where the screen came (its code was in, or another screen shows)', async () => {
    const browser = backOnline(['ok']);
    render(Harness, { props: { missing: false } });
    browser.goOnline();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(browser.reload).not.toHaveBeenCalled();
  });
});

describe('its words while the browser is offline', () => {
  const COMES = 'This browser is offline: this screen loads by itself once it is back online.';
  const PRESS = 'This browser is offline: try again once it is back online.';

  it('say that the screen loads by itself once back online (they said to try again then)', async () => {
    render(Harness);
    await vi.waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(COMES));
    expect(screen.getByRole('alert')).not.toHaveTextContent('try again once');
  });

  it('say so from when the screen goes missing, and still after Try again is pressed offline', async () => {
    const { rerender } = render(Harness, { props: { missing: false } });
    await rerender({ missing: true });
    await vi.waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(COMES));
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await vi.waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('This browser is still offline: this screen loads by itself once it is back online.'));
  });

  it('say to try again where it will not come by itself: storage in memory, or text typed on the page', async () => {
    const { rerender } = render(Harness, { props: { persistent: false } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.getByRole('alert')).toHaveTextContent(PRESS);
    await rerender({ persistent: true });
    await vi.waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(COMES));
    await userEvent.type(screen.getByRole('textbox', { name: 'Access key' }), 'ak_typed');
    await vi.waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(PRESS));
  });
});
