/**
 * A store screen whose code a newer deployment removed (new-version.ts found the host's index.html
 * naming another entry script) loads the page again by itself (missing-screen.svelte.ts): once per
 * history entry and version, kept in history.state, which a reload keeps; and not where typed text
 * would be lost. The built app across a real redeploy: e2e redeploy-new-version.test.ts.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Harness from './MissingScreenHarness.svelte';

const PAGE = (entry: string) => `<!doctype html><html><head><script type="module" crossorigin src="${entry}"></script></head><body></body></html>`;
let online = true;
Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });

/** The host answering with the next build's index.html; the page's reload, recorded. */
function newerDeployed() {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(PAGE('./assets/index-NEW22222.js'), { headers: { 'content-type': 'text/html' } })));
  const reload = vi.fn();
  vi.stubGlobal('location', { ...location, reload });
  return reload;
}

beforeEach(() => {
  online = true;
  history.replaceState(null, '');
  document.head.innerHTML = '<script type="module" crossorigin src="./assets/index-OLD11111.js"></script>';
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('a store screen whose code a newer deployment removed', () => {
  it('loads the page again by itself, once for this history entry and version; the second time it says so, with Reload', async () => {
    const reload = newerDeployed();
    render(Harness);
    await vi.waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(history.state).toEqual({ newerVersionLoaded: './assets/index-NEW22222.js' });

    // The page as it came back (the host's cache sent the old page): the same entry, the same version.
    cleanup();
    render(Harness);
    await vi.waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(/^A newer version of this app is out\./));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reload).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(reload).toHaveBeenCalledTimes(2);
  });

  it('not where text is typed on the page: it says so, with Reload, and the words say typed text is not kept', async () => {
    const reload = newerDeployed();
    const { rerender } = render(Harness, { props: { missing: false } });
    await userEvent.type(screen.getByRole('textbox', { name: 'Access key' }), 'ak_typed');
    await rerender({ missing: true });
    dispatchEvent(new Event('vite:preloadError'));
    await vi.waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('other text typed on this page is not.'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reload).not.toHaveBeenCalled();
    screen.getByRole('button', { name: 'Reload' });
  });
});
