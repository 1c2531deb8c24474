/**
 * Raster stand-ins for the demo store's product pictures, for the scale bench. The demo store draws
 * its pictures as SVG; Chromium builds an isolated SVG document for every SVG shown in an <img>, on
 * the main thread, and keeps them in its memory cache, so that a scroll through thousands of them
 * costs more with every page whatever the app does (measured for issue 15: page cost flat with
 * raster pictures, rising about 3x over 50 pages with the SVGs). A real store serves photos
 * (JPEG/PNG/WebP, decoded off the main thread) from a CDN of its own, on other connections than
 * its API. `answerPicturesWithPhotos` answers the store's picture URLs in the browser with one of a
 * few 400 x 400 PNGs (about 1 KB each, sent through the browser's request interception), so each URL is still its own picture to fetch, decode and cache.
 */
import { crc32, deflateSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';

const SIZE = 400;
const VARIANTS = 12;

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const check = Buffer.alloc(4);
  check.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, check]);
}

/** A SIZE x SIZE RGB PNG in bands of `seed`'s colour: small to send, as costly to decode as any 400 x 400 picture. */
export function photoPng(seed: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const stride = 1 + SIZE * 3;
  const rows = Buffer.alloc(SIZE * stride);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const at = y * stride + 1 + x * 3;
      rows[at] = (seed * 20 + (y >> 5) * 8) & 255;
      rows[at + 1] = 140;
      rows[at + 2] = (200 - seed * 9) & 255;
    }
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** Answers every `storeOrigin/images/...` request in `context` with a PNG photo; returns its size in bytes. */
export async function answerPicturesWithPhotos(context: BrowserContext, storeOrigin: string): Promise<number> {
  const photos = Array.from({ length: VARIANTS }, (_, i) => photoPng(i));
  let n = 0;
  await context.route(
    (url) => url.origin === storeOrigin && url.pathname.startsWith('/images/'),
    (route) => route.fulfill({ status: 200, contentType: 'image/png', body: photos[n++ % VARIANTS]!, headers: { 'Cache-Control': 'max-age=3600' } }),
  );
  return photos[0]!.length;
}
