/**
 * Raster stand-ins for the demo store's product pictures (the `photoPictures` option, and the scale
 * bench). The store draws its pictures as SVG; Chromium builds an isolated SVG document for every
 * SVG shown in an <img>, on the main thread (about 150 ms for the first screen's 24 on this machine),
 * where a real store serves photos (JPEG/PNG/WebP, decoded off the main thread). `photoPng(seed)` is
 * a 400 x 400 RGB PNG in bands of the seed's colour: about 1 KB to send, as costly to decode as any
 * 400 x 400 picture.
 */
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 400;
/** How many different photos there are; a picture's seed is taken modulo this. */
export const PHOTO_VARIANTS = 12;

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const check = Buffer.alloc(4);
  check.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, check]);
}

/** A SIZE x SIZE RGB PNG in bands of `seed`'s colour. */
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
