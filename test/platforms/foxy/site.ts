/**
 * A stand-in for the Foxy shop's own site (SHOP_SITE), where its items' pictures live (Foxy keeps
 * the `image` URL the shop's cart link carried: platforms.md 5), for the demo, which has no
 * internet: it answers `GET /img/<name>.jpg` with a drawing, and the items' picture URLs are
 * pointed at it. The tests keep the shop's own host in the URLs (nothing loads from it).
 */
import { createServer, type Server } from 'node:http';
import { sendPicture } from '../../demo-store/images.ts';
import { listenOn } from '../../demo-store/http-utils.ts';
import { SHOP_SITE, type Seed } from './seed.ts';

const PICTURES = `${SHOP_SITE}/img/`;

/** Serves the pictures of `seed`'s items on `port`, and points their URLs at it; resolves with its origin and server. */
export async function startShopSite(seed: Seed, port: number, host: string): Promise<{ origin: string; server: Server }> {
  const items = seed.transactions.flatMap((transaction) => transaction.items);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site.invalid').pathname;
    const item = req.method === 'GET' && path.startsWith('/img/') ? items.find((i) => i.image === origin + path) : undefined;
    if (!item) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    sendPicture(res, `foxy-${item.code}`, item.name);
  });
  const origin = await listenOn(server, port, host);
  for (const item of items) if (item.image.startsWith(PICTURES)) item.image = `${origin}/img/${item.image.slice(PICTURES.length)}`;
  return { origin, server };
}
