import { describe, expect, it } from 'vitest';
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
