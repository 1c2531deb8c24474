/**
 * `npm run demo` serves the app with Vite's dev server, which has no widget.js of its own (the
 * build writes it). This plugin answers `/widget.js` (the classic script the Embed screen's
 * snippet loads) and `/widget.mjs` by building the widget in memory with the build's own options,
 * on request. Chosen over building on start: the demo starts as fast as before, the first request
 * costs a few hundred milliseconds, and an edit to src/widget/ shows on the next reload. Sent with
 * `Access-Control-Allow-Origin: *`, as a deployment sends it, so a page on another origin can load
 * either form.
 */
import type { Plugin } from 'vite';
import { build } from 'vite';
import { widgetBuildOptions } from '../../vite.config.ts';

const FILES = { '/widget.js': 'iife', '/widget.mjs': 'es' } as const;

/** Builds one form of the widget in memory and returns its code. */
export async function buildWidgetCode(root: string, format: 'iife' | 'es'): Promise<string> {
  const options = widgetBuildOptions(root, format);
  const result = await build({ ...options, logLevel: 'silent', build: { ...options.build, write: false } });
  const outputs = Array.isArray(result) ? result : [result];
  for (const output of outputs) {
    if (!('output' in output)) continue;
    const chunk = output.output.find((item) => item.type === 'chunk' && item.isEntry);
    if (chunk && chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('the widget build produced no entry chunk');
}

export function widgetDevServer(): Plugin {
  return {
    name: 'storefront-connect:widget-dev',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        const format = FILES[path as keyof typeof FILES];
        if (format === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
        buildWidgetCode(server.config.root, format).then(
          (code) => {
            res.writeHead(200, {
              'Content-Type': 'text/javascript; charset=utf-8',
              'Access-Control-Allow-Origin': '*',
              'Cross-Origin-Resource-Policy': 'cross-origin',
              'Cache-Control': 'no-cache',
            });
            res.end(req.method === 'HEAD' ? undefined : code);
          },
          (error: unknown) => next(error),
        );
      });
    },
  };
}
