/**
 * `npm run demo`: the demo store on http://127.0.0.1:4010 and the app on http://127.0.0.1:5173,
 * which public/config.json points at out of the box. Ctrl-C stops both.
 */
import { createServer } from 'vite';
import { startDemoStore } from './server.ts';
import { startFlickRocketStore } from '../platforms/flickrocket/server.ts';

const APP_PORT = 5173;
const appOrigin = `http://127.0.0.1:${APP_PORT}`;

const store = await startDemoStore({ port: 4010 });
// The FlickRocket demo shop (issue 13): consent page and API on 4020, test hooks on 4021.
const flickRocket = await startFlickRocketStore({ port: 4020, hooksPort: 4021 });
const vite = await createServer({
  server: { host: '127.0.0.1', port: APP_PORT, strictPort: true },
  logLevel: 'warn',
});
await vite.listen();

process.stdout.write(
  `\n  Storefront Connect demo\n\n` +
    `  Open ${appOrigin}/ and press "Connect" (the consent page is the demo store's own).\n` +
    `  Demo store: ${store.origin}\n` +
    `  FlickRocket demo shop: ${flickRocket.origin} (hooks ${flickRocket.hooksOrigin}/__test/stats)\n\n  Ctrl-C stops them all.\n\n`,
);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([vite.close(), store.close(), flickRocket.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
