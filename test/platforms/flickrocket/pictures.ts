/**
 * A stand-in for FlickRocket's picture host (https://admin-static.flickrocket.com, where the
 * products' `images[].url` point: platforms.md 5), for the demo, which has no internet: it answers
 * `GET /GetImage/ProductPicture/<id>` with a drawing, and the products' picture URLs are pointed at
 * it instead. The tests keep FlickRocket's own host in the URLs (nothing loads from it).
 */
import { createServer, type Server } from 'node:http';
import { sendPicture } from '../../demo-store/images.ts';
import type { ProductWire } from './seed.ts';

export const PICTURE_HOST = 'https://admin-static.flickrocket.com';
const PICTURE_PATH = /^\/GetImage\/ProductPicture\/(\d{1,9})$/;

/** Serves the pictures of `products` on `port`, and points their URLs at it; resolves with its origin and server. */
export async function startPictureHost(
  products: ProductWire[],
  port: number,
  host: string,
  listen: (server: Server, port: number, host: string) => Promise<string>,
): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    const id = PICTURE_PATH.exec(new URL(req.url ?? '/', 'http://pictures.invalid').pathname)?.[1];
    const product = id === undefined || req.method !== 'GET' ? undefined : products.find((p) => String(p.id) === id);
    if (!product) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    sendPicture(res, `flickrocket-${product.id}`, product.title);
  });
  const origin = await listen(server, port, host);
  for (const product of products) {
    product.images = product.images.map((image) =>
      typeof image === 'object' && image.url.startsWith(`${PICTURE_HOST}/`) ? { url: origin + image.url.slice(PICTURE_HOST.length) } : image,
    );
  }
  return { origin, server };
}
