/**
 * A part whose code did not download is told to be a newer version deployed only when the app's
 * host answers with an index.html naming another entry script than this page's (new-version.ts);
 * no answer, an answer that is not a page, or the same page is the connection's, said as before.
 * A store screen whose code is gone that way: new-version-screen.test.ts.
 * The built app across a real redeploy: e2e redeploy-new-version.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const PAGE = (entry: string) => `<!doctype html><html><head><script type="module" crossorigin src="${entry}"></script></head><body></body></html>`;
const FAILED_IMPORT = new TypeError('Failed to fetch dynamically imported module: https://shop.example/assets/ProductView-Ab12Cd34.js');
let online = true;
Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });

/** The modules afresh (new-version.ts keeps what it found for the page's life), with the host answering `answer`. */
async function started(answer: () => Promise<Response>) {
  vi.resetModules();
  const fetch = vi.fn(answer);
  vi.stubGlobal('fetch', fetch);
  const [version, retry, messages, credentials] = await Promise.all([
    import('../../../src/lib/components/new-version.ts'),
    import('../../../src/lib/components/reload-retry.svelte.ts'),
    import('../../../src/lib/components/messages.ts'),
    import('../../../src/lib/components/credential-words.ts'),
  ]);
  version.watchForNewerVersion(() => true);
  /** A part's import() failed, as Vite's preload helper tells the window; settled once the host was asked. */
  const partFails = async () => {
    const asked = fetch.mock.calls.length;
    dispatchEvent(new Event('vite:preloadError'));
    // (the instances of earlier tests, whose listeners stay, may ask too)
    await vi.waitFor(() => expect(fetch.mock.calls.length).toBeGreaterThan(asked));
    await new Promise((resolve) => setTimeout(resolve));
  };
  return { fetch, partFails, newerVersion: retry.newerVersion, explain: messages.explain, credentialWords: credentials.credentialCodeUnavailableWords };
}

beforeEach(() => {
  online = true;
  document.head.innerHTML = '<script type="module" crossorigin src="./assets/index-OLD11111.js"></script>';
});
afterEach(() => vi.unstubAllGlobals());

describe('a part whose code did not download', () => {
  it('is said to need the newer version when the host’s index.html names another entry; not while offline', async () => {
    const app = await started(async () => new Response(PAGE('./assets/index-NEW22222.js'), { headers: { 'content-type': 'text/html; charset=utf-8' } }));
    await app.partFails();
    // the page's own address, past every cache
    expect(app.fetch).toHaveBeenCalledWith(location.href.split('#')[0], { cache: 'no-store' });
    expect(app.newerVersion[0]).toBe(
      'A newer version of this app is out. This part of it needs the new one. Reload to get it: your store connections and unsaved product edits are kept, other text typed on this page is not.',
    );
    expect(app.explain(FAILED_IMPORT)).toEqual({ title: 'A newer version of this app is out', detail: app.newerVersion[1] });
    expect(app.credentialWords().title).toBe('A newer version of this app is out');
    expect(app.credentialWords().detail).toContain('the reload empties this form');

    online = false;
    dispatchEvent(new Event('offline'));
    expect(app.newerVersion).toEqual([]);
    expect(app.explain(FAILED_IMPORT).title).toBe('This browser is offline');
    online = true;
    dispatchEvent(new Event('online'));
    expect(app.newerVersion[0]).toMatch(/^A newer version of this app is out\./);
  });

  it('is the connection’s when the host does not answer, answers with something else than a page, or with this page', async () => {
    const answers: Array<() => Promise<Response>> = [
      async () => Promise.reject(new TypeError('Failed to fetch')),
      async () => new Response('{"error":"portal"}', { headers: { 'content-type': 'application/json' } }),
      async () => new Response(PAGE('./assets/index-NEW22222.js'), { status: 503, headers: { 'content-type': 'text/html' } }),
      async () => new Response(PAGE('./assets/index-OLD11111.js'), { headers: { 'content-type': 'text/html' } }),
    ];
    for (const answer of answers) {
      const app = await started(answer);
      await app.partFails();
      expect(app.newerVersion).toEqual([]);
      expect(app.explain(FAILED_IMPORT).title).toBe('Part of this app could not be loaded');
      expect(app.credentialWords().title).toBe('Part of this app could not be loaded');
    }
  });
});
