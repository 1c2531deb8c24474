/**
 * `npm run demo`: the Goodsie demo store on http://127.0.0.1:4010, the Shopware 6 demo shop on
 * http://127.0.0.1:4020 (media on :4021), the StoreHippo demo store on http://127.0.0.1:4030 (its
 * image CDN on :4031), the Foxy demo store on http://127.0.0.1:4040 (its "Get Token" page on :4043,
 * the shop's own site with its pictures on :4044),
 * the FlickRocket demo shop on http://127.0.0.1:4050 (its picture host's stand-in on :4052)
 * and the app on http://127.0.0.1:5173
 * (with /widget.js, see widget-dev.ts), which public/config.json points at out of the box.
 * `npm run demo -- --dist` (npm run demo:dist): builds, then serves dist/ as a plain static host
 * would (no rewrites; the CSP that `npm run csp` derives from config.json), on the same address.
 * Ctrl-C stops them all. The ports are fixed (config.json names them): a taken one is named, with
 * what to do (demo-ports.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, createServer } from 'vite';
import { appHeaders } from '../deploy/csp.ts';
import { loadProfilesFor } from '../../src/lib/config/load-config.ts';
import { startStaticServer } from '../helpers/static-server.ts';
import { startShopwareStore } from '../platforms/shopware/server.ts';
import { startStoreHippoStore } from '../platforms/storehippo/server.ts';
import { startFoxyStore } from '../platforms/foxy/server.ts';
import { startFlickRocketStore } from '../platforms/flickrocket/server.ts';
import { startDemoStore } from './server.ts';
import { widgetDevServer } from './widget-dev.ts';
import { DemoPortTaken, startAll, type Closable } from './demo-ports.ts';

const APP_PORT = 5173;
const appOrigin = `http://127.0.0.1:${APP_PORT}`;
const fromDist = process.argv.includes('--dist');
const root = fileURLToPath(new URL('../..', import.meta.url));

/** The app: Vite's dev server, or the built dist/ on a plain static server. */
async function startApp(): Promise<{ close(): Promise<void> }> {
  if (fromDist) {
    const dist = `${root}dist`;
    process.stdout.write('Building dist/…\n');
    await build({ root, logLevel: 'warn' });
    const config = JSON.parse(readFileSync(`${dist}/config.json`, 'utf8'));
    // The policy allows each platform's picture hosts, which its profile names.
    await loadProfilesFor(config);
    return startStaticServer({ root: dist, port: APP_PORT, headers: appHeaders(config) });
  }
  const vite = await createServer({
    server: { host: '127.0.0.1', port: APP_PORT, strictPort: true },
    // The Embed screen's snippet and preview load widget.js from beside the app.
    plugins: [widgetDevServer()],
    logLevel: 'warn',
  });
  await vite.listen();
  return vite;
}

type Started<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
let store!: Started<typeof startDemoStore>;
let shopware!: Started<typeof startShopwareStore>;
let storehippo!: Started<typeof startStoreHippoStore>;
let foxy!: Started<typeof startFoxyStore>;
let flickRocket!: Started<typeof startFlickRocketStore>;
let servers: Closable[];
try {
  servers = await startAll([
    // The shipped config.json names this store's issuer; the store sends it (RFC 9207) as a careful server would.
    { what: 'the Goodsie demo store', port: 4010, start: async () => (store = await startDemoStore({ port: 4010, sendIssuer: true })) },
    { what: 'the Shopware 6 demo shop', port: 4020, start: async () => (shopware = await startShopwareStore({ port: 4020, mediaPort: 4021 })) },
    { what: 'the StoreHippo demo store', port: 4030, start: async () => (storehippo = await startStoreHippoStore({ port: 4030, cdnPort: 4031 })) },
    {
      what: 'the Foxy demo store',
      port: 4040,
      start: async () => (foxy = await startFoxyStore({ port: 4040, canaryPort: 4041, hooksPort: 4042, adminPort: 4043, sitePort: 4044 })),
    },
    // FlickRocket (issue 13): consent page, /token and API on 4050, its test hooks on 4051, its picture
    // host's stand-in on 4052 (config.json's imageOrigins).
    {
      what: 'the FlickRocket demo shop',
      port: 4050,
      start: async () => (flickRocket = await startFlickRocketStore({ port: 4050, hooksPort: 4051, picturesPort: 4052 })),
    },
    { what: 'the app', port: APP_PORT, start: startApp },
  ]);
} catch (error) {
  if (!(error instanceof DemoPortTaken)) throw error;
  process.stderr.write(`\n  ${error.message}\n\n`);
  process.exit(1);
}

process.stdout.write(
  `\n  Storefront Connect demo${fromDist ? ' (the built dist/, served as static files)' : ''}\n\n` +
    `  Open ${appOrigin}/ and press "Connect" beside Goodsie Demo Store (the consent page is the demo store's own).\n` +
    `  Goodsie demo store: ${store.origin}\n` +
    `  Shopware 6 demo shop: ${shopware.origin}: copy an access key ID and secret from its\n` +
    `  Integrations page, ${shopware.origin}/admin/integrations, as you would in a real shop.\n` +
    `  StoreHippo demo store: ${storehippo.origin}: copy an access key (read-only or manager) from its\n` +
    `  Access Keys page, ${storehippo.origin}/admin/settings/access-keys.\n` +
    `  Foxy demo store (its API ${foxy.origin}, for programs only): paste the bundle its Get Token page shows,\n` +
    `  ${foxy.adminOrigin}/admin/integrations/get-token, as you would from Foxy's admin.\n` +
    `  FlickRocket demo shop: ${flickRocket.origin} (press Connect, then Allow on its consent page).\n\n  Ctrl-C stops them all.\n\n`,
);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled(servers.map((server) => server.close()));
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
