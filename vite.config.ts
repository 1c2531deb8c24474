/// <reference types="vitest/config" />
import { build, defineConfig, type Plugin, type ResolvedConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const TARGET = 'es2022';

/**
 * dist/widget.js: the embeddable `<storefront-products>` element as ONE ES module with a stable
 * name (pages link to it), no chunks, no Svelte. Built by a second, separate Rolldown pass when
 * the app's build closes, into the same outDir, so `vite build` (and vite's `build()` API, which
 * the end-to-end setup calls) always emits both. Not library mode: Vite leaves whitespace in
 * library ES output; a plain build with a TS entry minifies fully.
 */
function widgetBuild(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'storefront-connect:widget',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      if (config.build.ssr || config.build.watch) return;
      await build({
        configFile: false,
        root: config.root,
        base: './',
        logLevel: config.logLevel,
        mode: config.mode,
        publicDir: false,
        build: {
          outDir: config.build.outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          target: TARGET,
          sourcemap: false,
          modulePreload: false,
          rolldownOptions: {
            input: 'src/widget/index.ts',
            preserveEntrySignatures: 'strict',
            output: { format: 'es', entryFileNames: 'widget.js', codeSplitting: false },
          },
        },
      });
    },
  };
}

// One build, configured at run time: `base: './'` keeps every asset URL relative so that
// dist/ can be served from any sub-path of a CDN with no rewrite rules.
export default defineConfig({
  base: './',
  plugins: [svelte(), widgetBuild()],
  build: {
    target: TARGET,
    sourcemap: false,
    // dist/.vite/manifest.json: what `npm run size` reads to tell first-load chunks from lazy ones.
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              // Svelte's runtime and the small modules every screen shares, as one chunk instead of
              // a handful of tiny ones (each costs a request and gzip overhead). Nothing in it may
              // use a dynamic import: that would pull Vite's preload helper in, and the entry
              // (which must only scrub the URL) would then wait for this whole chunk.
              name: 'runtime',
              test: /node_modules[\\/](svelte|idb-keyval)[\\/]|src[\\/]lib[\\/](oauth[\\/]errors|state[\\/]routes|providers[\\/](goodsie-profile|capabilities))\.ts$/,
            },
          ],
        },
      },
    },
  },
  test: {
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/demo-store/**/*.test.ts', 'test/platforms/**/*.test.ts'],
          setupFiles: ['test/helpers/setup-unit.ts'],
        },
      },
      {
        extends: true,
        resolve: { conditions: ['browser'] },
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['test/component/**/*.test.ts'],
          setupFiles: ['test/helpers/setup-component.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
