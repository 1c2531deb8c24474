/**
 * `npm run demo` answers /widget.js from Vite's dev server (test/demo-store/widget-dev.ts): the
 * classic script the Embed screen's snippet loads, with CORS for module use, built in memory.
 */
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { widgetDevServer } from '../../demo-store/widget-dev.ts';

let vite: ViteDevServer;
let origin: string;

beforeAll(async () => {
  vite = await createServer({
    configFile: false,
    root: new URL('../../..', import.meta.url).pathname,
    server: { host: '127.0.0.1', port: 0 },
    plugins: [widgetDevServer()],
    logLevel: 'silent',
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  origin = `http://127.0.0.1:${address.port}`;
}, 60_000);

afterAll(async () => {
  await vite?.close();
});

describe('the demo serves the widget', () => {
  it('/widget.js is a classic script (no import/export) that registers <storefront-products>, sent with CORS', async () => {
    const response = await fetch(`${origin}/widget.js`, { headers: { Origin: 'http://127.0.0.1:8765' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const code = await response.text();
    expect(code).toMatch(/^\(function\(\)\{/);
    expect(code).not.toMatch(/^\s*(import|export)\b/m);
    expect(code).toContain('storefront-products');
  }, 60_000);

  it('/widget.mjs is the ES-module form', async () => {
    const code = await (await fetch(`${origin}/widget.mjs`)).text();
    expect(code).toMatch(/export\s*\{/);
  }, 60_000);
});
