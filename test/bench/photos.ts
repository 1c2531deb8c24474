/**
 * Raster stand-ins for the demo store's product pictures, for the scale bench. The demo store draws
 * its pictures as SVG; Chromium builds an isolated SVG document for every SVG shown in an <img>, on
 * the main thread, and keeps them in its memory cache, so that a scroll through thousands of them
 * costs more with every page whatever the app does (measured for issue 15: page cost flat with
 * raster pictures, rising about 3x over 50 pages with the SVGs). A real store serves photos
 * (JPEG/PNG/WebP, decoded off the main thread) from a CDN of its own, on other connections than
 * its API. `answerPicturesWithPhotos` answers the store's picture URLs in the browser with one of a
 * few 400 x 400 PNGs (about 1 KB each, sent through the browser's request interception), so each URL is still its own picture to fetch, decode and cache.
 * Routing turns the HTTP cache off for the context: the warm start and sign-in bench use the demo
 * store's own `photoPictures` option instead (the same PNGs, from the store).
 */
import type { BrowserContext } from 'playwright-core';
import { PHOTO_VARIANTS as VARIANTS, photoPng } from '../demo-store/photos.ts';

/**
 * Answers every `storeOrigin/images/...` request in `context` (or every URL `isPicture` accepts) with
 * a PNG photo; returns its size in bytes.
 */
export async function answerPicturesWithPhotos(context: BrowserContext, storeOrigin: string, isPicture?: (url: URL) => boolean): Promise<number> {
  const photos = Array.from({ length: VARIANTS }, (_, i) => photoPng(i));
  let n = 0;
  await context.route(
    isPicture ?? ((url) => url.origin === storeOrigin && url.pathname.startsWith('/images/')),
    (route) => route.fulfill({ status: 200, contentType: 'image/png', body: photos[n++ % VARIANTS]!, headers: { 'Cache-Control': 'max-age=3600' } }),
  );
  return photos[0]!.length;
}
