/**
 * `npm run demo`: the demo store on http://127.0.0.1:4010 and the app on http://127.0.0.1:5173
 * (with /widget.js, see widget-dev.ts), which public/config.json points at out of the box. Ctrl-C stops both.
 */
import { createServer } from 'vite';
import { startDemoStore } from './server.ts';
import { widgetDevServer } from './widget-dev.ts';

const APP_PORT = 5173;
const appOrigin = `http://127.0.0.1:${APP_PORT}`;

const store = await startDemoStore({ port: 4010 });
const vite = await createServer({
  server: { host: '127.0.0.1', port: APP_PORT, strictPort: true },
  // The Embed screen's snippet and preview load widget.js from beside the app.
  plugins: [widgetDevServer()],
  logLevel: 'warn',
});
await vite.listen();

process.stdout.write(
  `\n  Storefront Connect demo\n\n` +
    `  Open ${appOrigin}/ and press "Connect" (the consent page is the demo store's own).\n` +
    `  Demo store: ${store.origin}\n\n  Ctrl-C stops both.\n\n`,
);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([vite.close(), store.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
