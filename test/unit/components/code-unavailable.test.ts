import { describe, expect, it, vi } from 'vitest';
import { AppError, isCodeUnavailable } from '../../../src/lib/oauth/errors.ts';
import { explain } from '../../../src/lib/components/messages.ts';

/** What each engine's failed import() rejects with, and Vite's failed preload of a chunk's CSS. */
const FAILED_IMPORTS = [
  new TypeError('Failed to fetch dynamically imported module: https://shop.example/assets/seam-Do_RgD72.js'), // Chromium
  new TypeError('error loading dynamically imported module: https://shop.example/assets/seam-Do_RgD72.js'), // Firefox
  new TypeError('Importing a module script failed.'), // Safari
  new Error('Unable to preload CSS for https://shop.example/assets/store-BG3xPqg7.css'), // Vite's preload helper
];

describe('a part of the app whose code did not download', () => {
  it('is told apart from every other failure, in each engine’s words', () => {
    for (const error of FAILED_IMPORTS) expect(isCodeUnavailable(error)).toBe(true);
    expect(isCodeUnavailable(new AppError('APP_UNAVAILABLE'))).toBe(true);
    // A store's data that did not come is the store's (NETWORK_OR_CORS), not the app's code.
    expect(isCodeUnavailable(new TypeError('Failed to fetch'))).toBe(false);
    expect(isCodeUnavailable(new TypeError('NetworkError when attempting to fetch resource.'))).toBe(false);
    expect(isCodeUnavailable(new AppError('NETWORK_OR_CORS'))).toBe(false);
    expect(isCodeUnavailable(new SyntaxError('Unexpected token < in JSON'))).toBe(false);
    expect(isCodeUnavailable('Failed to fetch dynamically imported module')).toBe(false);
    expect(isCodeUnavailable(undefined)).toBe(false);
  });

  it('is explained as such, with what to do, wherever its import() was: not "Something went wrong"', () => {
    const words = explain(new AppError('APP_UNAVAILABLE'));
    expect(words.title).toBe('Part of this app could not be loaded');
    for (const error of FAILED_IMPORTS) expect(explain(error)).toEqual(words);
    // and nothing of the error's own message (a URL of the build) reaches the words
    expect(JSON.stringify(explain(FAILED_IMPORTS[0]))).not.toContain('assets/');
    expect(explain(new TypeError('Failed to fetch')).title).toBe('Something went wrong');
  });
});

describe('a request that got no answer while the browser is offline', () => {
  it('says the browser is offline, not that the store could not be reached or sent no CORS header', () => {
    const cors = new AppError('NETWORK_OR_CORS');
    const network = new AppError('API_NETWORK_ERROR');
    expect(explain(cors).detail).toContain('CORS');
    vi.stubGlobal('navigator', { onLine: false });
    try {
      for (const error of [cors, network]) expect(explain(error)).toEqual({ title: 'This browser is offline', detail: 'Nothing could reach the store. Try again once you are back online.' });
      // Where it is tried again by itself once back online (ErrorPanel's reads), the words say that, not "Try again".
      for (const error of [cors, network]) expect(explain(error, true)).toEqual({ title: 'This browser is offline', detail: 'Nothing could reach the store. It is tried again by itself once the browser is back online.' });
      // An answer that came (a refusal, a 5xx) is the store's, offline now or not.
      expect(explain(new AppError('API_SERVER_ERROR')).title).toBe('The store had a problem');
    } finally {
      vi.unstubAllGlobals();
    }
    // Back online (or an engine that never says): the store's words again.
    expect(explain(cors).detail).toContain('CORS');
  });
});

describe('a part of the app whose code did not download while the browser is offline', () => {
  it('says the browser is offline and to try again once back online, not that the site may have been updated', () => {
    vi.stubGlobal('navigator', { onLine: false });
    try {
      for (const error of [...FAILED_IMPORTS, new AppError('APP_UNAVAILABLE')]) {
        expect(explain(error)).toEqual({ title: 'This browser is offline', detail: 'Part of this app could not be loaded. Try again once you are back online.' });
        expect(explain(error, true)).toEqual({ title: 'This browser is offline', detail: 'Part of this app could not be loaded. It is tried again by itself once the browser is back online.' });
      }
      // Anything else that failed offline keeps its own words.
      expect(explain(new TypeError('Failed to fetch')).title).toBe('Something went wrong');
    } finally {
      vi.unstubAllGlobals();
    }
    expect(explain(FAILED_IMPORTS[0]).title).toBe('Part of this app could not be loaded');
  });
});
