/// <reference types="vitest/config" />
import { build, defineConfig, type InlineConfig, type Plugin, type ResolvedConfig, type Rolldown } from 'vite';
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { buildHeadersFile } from './test/deploy/csp.ts';
import { WIDGET_PINS } from './src/lib/embed/snippet.ts';
import { configProblem, readDeploymentConfig } from './test/deploy/read-config.ts';
import { AloneLast } from './test/helpers/e2e-alone.ts';
import { AUTH_CODE, FAILURE_PARTS, FIRST_SCREEN_PARTS, LIST_AND_STORE, neededModules, RECORD_READING, SEAM_LIST, SHARED_TOO, STORE_SCREEN } from './test/deploy/first-load.ts';

const TARGET = 'es2022';
/** The widget stylesheet's minifier target: the first versions with CSS light-dark(). */
const WIDGET_CSS_TARGET = ['chrome123', 'edge123', 'firefox120', 'safari17.5', 'ios17.5'];

/**
 * The embeddable `<storefront-products>` element, built twice from one entry with stable names
 * (pages link to them), no chunks, no Svelte:
 * - dist/widget.js: a classic script (IIFE). What the Embed screen's snippet loads: a classic
 *   `<script src>` needs no CORS header, so it works from any static host. It is also valid module
 *   code, so older `<script type="module">` snippets keep working where CORS is sent.
 * - dist/widget.mjs: the same as an ES module exporting `StorefrontProducts` and `WIDGET_TAG`.
 * Built by separate Rolldown passes when the app's build closes, into the same outDir, so `vite
 * build` (and vite's `build()` API, which the end-to-end setup calls) always emits them. Not
 * library mode: Vite leaves whitespace in library ES output; a plain build with a TS entry
 * minifies fully. `npm run demo` builds the classic form in memory with {@link widgetBuildOptions}.
 */
export function widgetBuildOptions(root: string, format: 'iife' | 'es'): InlineConfig {
  return {
    configFile: false,
    root,
    base: './',
    publicDir: false,
    build: {
      emptyOutDir: false,
      copyPublicDir: false,
      target: TARGET,
      // Browsers that know light-dark(), so the minifier leaves it as written: lowered, it needs a
      // color-scheme polyfill the widget does not have. Older ones keep the light colours
      // (styles.css, its @supports).
      cssTarget: WIDGET_CSS_TARGET,
      sourcemap: false,
      modulePreload: false,
      rolldownOptions: {
        input: format === 'iife' ? 'src/widget/classic.ts' : 'src/widget/index.ts',
        preserveEntrySignatures: format === 'iife' ? false : 'strict',
        // ASCII only (its “ ” … as \u escapes): a classic script is read in the host page's own
        // encoding unless its server names a charset, and many pages are not UTF-8 (Shift_JIS, windows-1252)
        output: { format, entryFileNames: format === 'iife' ? 'widget.js' : 'widget.mjs', codeSplitting: false, charset: 'ascii' },
      },
    },
  };
}

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
      const outputs: (Rolldown.RolldownOutput | Rolldown.RolldownOutput[])[] = [];
      for (const format of ['iife', 'es'] as const) {
        const options = widgetBuildOptions(config.root, format);
        const output = await build({
          ...options,
          logLevel: config.logLevel,
          mode: config.mode,
          build: { ...options.build, outDir: config.build.outDir },
        });
        outputs.push(output as Rolldown.RolldownOutput | Rolldown.RolldownOutput[]);
      }
      await pinWidgetFiles(resolve(config.root, config.build.outDir), outputs.flat());
    },
  };
}

/**
 * For every file the widget build emitted (widget.js, and any other form of it): a copy named by its
 * content, `widget/<sha384, 16 hex>.js` beside it, and its Subresource Integrity value, listed in
 * `widget-integrity.json` (WIDGET_PINS, beside widget.js, revalidated: not in `widget/`, cached for
 * good) as `{ "widget.js": { "file": "widget/….js", "integrity": "sha384-…" } }`.
 * The Embed screen's snippet pins the copy (its bytes can never change under that name) with
 * `integrity` and `crossorigin`, so a modified bundle is refused by the browser.
 * @see https://www.w3.org/TR/SRI/
 */
async function pinWidgetFiles(outDir: string, output: Rolldown.RolldownOutput | Rolldown.RolldownOutput[]): Promise<void> {
  const pinned: Record<string, { file: string; integrity: string }> = {};
  await mkdir(join(outDir, 'widget'), { recursive: true });
  for (const { output: files } of [output].flat()) {
    for (const file of files) {
      if (file.type !== 'chunk' || !file.fileName.endsWith('.js')) continue;
      const bytes = await readFile(join(outDir, file.fileName));
      const digest = createHash('sha384').update(bytes).digest();
      const name = `widget/${digest.toString('hex').slice(0, 16)}.js`;
      await writeFile(join(outDir, name), bytes);
      pinned[file.fileName] = { file: name, integrity: `sha384-${digest.toString('base64')}` };
    }
  }
  await writeFile(join(outDir, WIDGET_PINS), `${JSON.stringify(pinned, null, 2)}\n`);
}

/**
 * dist/_headers, written from the config.json the build ships (public/config.json): the strict
 * Content-Security-Policy and the other response headers, with no hand step. A config.json that
 * the CSP cannot be derived from fails the build, naming the field. A deployment that edits
 * config.json after building regenerates it with `npm run csp` (see docs/deployment.md).
 */
function headersFile(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'storefront-connect:headers',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      if (config.build.ssr || config.build.watch || !config.publicDir) return;
      const file = join(config.publicDir, 'config.json');
      const shipped = await readDeploymentConfig(file).catch((error: unknown) => {
        // Which file, and what to fix in it, first: not a parser's stack trace.
        throw new Error(configProblem(relative(config.root, file), error), { cause: error });
      });
      await writeFile(join(resolve(config.root, config.build.outDir), '_headers'), buildHeadersFile(shipped));
    },
  };
}

const ENTRY = resolve(import.meta.dirname, 'src/main.ts');
const BOOT = resolve(import.meta.dirname, 'src/boot.ts');
/**
 * Loaded by the start itself where IndexedDB is missing (the sessionStorage fallback): what it needs
 * never joins the store screen's chunk, or a start without IndexedDB would load that whole chunk
 * first, and show nothing but "Part of this app could not be loaded" where it does not download
 * (e2e failures-app-code; oauth/state.ts joined it once the banners named the sign-in's lifetime).
 */
const START_FALLBACK = resolve(import.meta.dirname, 'src/lib/storage/session-fallback.ts');
/** The first screen's view (the stores list), loaded right after boot: its share of Svelte's runtime joins the boot. */
const FIRST_VIEW = resolve(import.meta.dirname, 'src/lib/components/views/HomeView.svelte');
const SVELTE = /[\\/]node_modules[\\/]svelte[\\/]/;
/**
 * Svelte's client runtime modules only declare (functions, classes, symbols, maps; checked for
 * 5.57), but its package.json has no `sideEffects` field, so Rolldown had to keep the import of
 * every runtime module the barrel re-exports, and a chunk holding the runtime of lazy screens alone
 * was imported by the boot too. Marked free of side effects, a runtime module loads with the code
 * that calls it. (disclose-version.js and the flags, which do have effects, are outside this path.)
 */
const SVELTE_CLIENT = /[\\/]node_modules[\\/]svelte[\\/]src[\\/]internal[\\/]client[\\/]/;
let firstLoad: Set<string> | undefined;
/** The seam door's chunk (see SEAM_LIST): these modules only, their imports are chunked as usual. */
const SEAM_IDS: readonly string[] = SEAM_LIST.map((path) => resolve(import.meta.dirname, path));
/** The AuthService's chunk (see AUTH_CODE). */
const AUTH_IDS: readonly string[] = AUTH_CODE.map((path) => resolve(import.meta.dirname, path));
/** The saved records' reading and sealing (see RECORD_READING). */
const RECORD_READING_IDS: readonly string[] = RECORD_READING.map((path) => resolve(import.meta.dirname, path));
/** The store screen's chunk (see STORE_SCREEN). */
const STORE_SCREEN_IDS: readonly string[] = STORE_SCREEN.map((path) => resolve(import.meta.dirname, path));
let storeScreen: Set<string> | undefined;
/** The store screens' parts for failures and empty lists (see FAILURE_PARTS). */
const FAILURE_PART_IDS: readonly string[] = FAILURE_PARTS.map((path) => resolve(import.meta.dirname, path));
let failureParts: Set<string> | undefined;
const FIRST_SCREEN_PART_IDS: readonly string[] = FIRST_SCREEN_PARTS.map((path) => resolve(import.meta.dirname, path));
const SHARED_TOO_IDS: readonly string[] = SHARED_TOO.map((path) => resolve(import.meta.dirname, path));
/** What the store screens share with a later part of the stores list (see LIST_AND_STORE): never the store screen's chunk. */
const LIST_AND_STORE_IDS: readonly string[] = LIST_AND_STORE.map((path) => resolve(import.meta.dirname, path));
let shared: Set<string> | undefined;

/**
 * The boot's static graph less the entry's, with the part of Svelte's runtime that the boot and the
 * first screen's view call, and the modules that view shares with the store screen (computed once
 * per build, see forgetFirstLoad; ids are absolute paths).
 */
function firstLoadModules(ctx: Rolldown.ChunkingContext): Set<string> {
  if (firstLoad === undefined) {
    const lookup = (id: string) => ctx.getModuleInfo(id);
    const entry = neededModules(lookup, ENTRY);
    const view = neededModules(lookup, FIRST_VIEW);
    const runtime = [...view].filter((id) => SVELTE.test(id));
    // What that view shares with the store screen (SignOutFailed): in the boot, which both load, not
    // in the store screen's chunk (the first screen would load it) nor in a chunk of its own (one
    // more request, and its own gzip window).
    // (The failure parts' too: what the stores list's view shares with them stays where it was.)
    const store = new Set([...STORE_SCREEN_IDS, ...FAILURE_PART_IDS].flatMap((from) => [...neededModules(lookup, from)]));
    const shared = [...view].filter((id) => id !== FIRST_VIEW && store.has(id));
    firstLoad = new Set([...neededModules(lookup, BOOT), ...runtime, ...shared].filter((id) => !entry.has(id)));
  }
  return firstLoad;
}

/**
 * The failure parts' own modules (see FAILURE_PARTS): the parts, and what only they import (every
 * importer one of these; nothing imports it dynamically). What they share with other code (the
 * focus helpers, the back-online retry, the words of a sign-in) stays with the store screen, as
 * before, so that no other chunk loads theirs for it (computed once per build).
 */
function failurePartModules(ctx: Rolldown.ChunkingContext): Set<string> {
  if (failureParts === undefined) {
    const lookup = (id: string) => ctx.getModuleInfo(id);
    const first = firstLoadModules(ctx);
    const entry = neededModules(lookup, ENTRY);
    const reach = [...new Set(FAILURE_PART_IDS.flatMap((from) => [...neededModules(lookup, from)]))];
    const own = new Set(FAILURE_PART_IDS);
    // Bounded: each round adds a module or ends, and there are reach.length of them.
    for (let round = 0; round <= reach.length; round++) {
      const more = reach.filter((id) => {
        const info = lookup(id);
        return !own.has(id) && !first.has(id) && !entry.has(id) && info !== null && info.dynamicImporters.length === 0 && info.importers.length > 0 && info.importers.every((by) => own.has(by));
      });
      if (more.length === 0) break;
      for (const id of more) own.add(id);
    }
    failureParts = own;
  }
  return failureParts;
}

/** The store screen's modules that the first load does not hold, with what the failure parts share with other code (computed once per build, as firstLoadModules). */
function storeScreenModules(ctx: Rolldown.ChunkingContext): Set<string> {
  if (storeScreen === undefined) {
    const lookup = (id: string) => ctx.getModuleInfo(id);
    const first = firstLoadModules(ctx);
    const entry = neededModules(lookup, ENTRY);
    const failure = failurePartModules(ctx);
    const fallback = neededModules(lookup, START_FALLBACK);
    // What another screen imports dynamically (a platform's adapter, ...) keeps its own chunk.
    const joins = (id: string) =>
      !first.has(id) && !entry.has(id) && !failure.has(id) && !fallback.has(id) && !LIST_AND_STORE_IDS.includes(id) && (STORE_SCREEN_IDS.includes(id) || (lookup(id)?.dynamicImporters.length ?? 0) === 0);
    storeScreen = new Set([...STORE_SCREEN_IDS, ...FAILURE_PART_IDS].flatMap((from) => [...neededModules(lookup, from)]).filter(joins));
  }
  return storeScreen;
}

/** The store screen's and the failure parts' modules that the first screen's parts import too (see FIRST_SCREEN_PARTS), and SHARED_TOO (computed once per build). */
function sharedWithFirstScreen(ctx: Rolldown.ChunkingContext): Set<string> {
  if (shared === undefined) {
    const lookup = (id: string) => ctx.getModuleInfo(id);
    const store = storeScreenModules(ctx);
    const failure = failurePartModules(ctx);
    shared = new Set([...FIRST_SCREEN_PART_IDS.flatMap((from) => [...neededModules(lookup, from)]).filter((id) => store.has(id) || failure.has(id)), ...SHARED_TOO_IDS]);
  }
  return shared;
}

/**
 * With a build manifest (npm run size, the bench): `.vite/chunk-sources.json`, each chunk file with
 * the source files in it, since the manifest names a chunk by its source only when that source is
 * the chunk's sole entry (the store screen's chunk holds several).
 */
function chunkSources(): Plugin {
  return {
    name: 'storefront-connect:chunk-sources',
    apply: 'build',
    generateBundle(_options, bundle) {
      const { build, root } = this.environment.config;
      if (!build.manifest) return;
      const sources: Record<string, string[]> = {};
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        sources[file.fileName] = file.moduleIds.filter((id) => id.startsWith(root) && !id.includes('node_modules') && !id.includes('?')).map((id) => relative(root, id));
      }
      this.emitFile({ type: 'asset', fileName: '.vite/chunk-sources.json', source: `${JSON.stringify(sources, null, 1)}\n` });
    },
  };
}

/** Computes the first-load set afresh for each build (`npm run size`, the e2e setup and demo build in one process). */
function forgetFirstLoad(): Plugin {
  return { name: 'storefront-connect:first-load', buildStart: () => void ((firstLoad = undefined), (storeScreen = undefined), (failureParts = undefined), (shared = undefined)) };
}

/**
 * The entry imports the boot chunk dynamically (so that the URL scrub runs before anything else),
 * yet every visit needs it: modulepreload links in index.html let it and the chunks it imports
 * download beside the entry instead of after it. The entry still runs first; a preload only fetches.
 */
function preloadBoot(): Plugin {
  return {
    name: 'storefront-connect:preload-boot',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle ?? {};
        const boot = Object.values(bundle).find((file) => file.type === 'chunk' && file.moduleIds.includes(BOOT));
        if (!boot || boot.type !== 'chunk') return [];
        // With the chunks it imports (Rolldown's runtime; not the entry, already loading): found only
        // once the boot chunk has arrived otherwise.
        const imported = boot.imports.filter((file) => { const chunk = bundle[file]; return !(chunk?.type === 'chunk' && chunk.isEntry); });
        const link = (rel: string, file: string) => ({ tag: 'link', attrs: { rel, crossorigin: true, href: `./${file}` }, injectTo: 'head' as const });
        // And its stylesheets, linked from the page itself: loaded beside the entry's, so that the
        // entry's import of the boot does not wait for them first (Vite's preload helper holds a
        // dynamic import until its CSS has loaded, and skips CSS the page already links): the
        // entry's start to the boot's went from 21-27 ms to 13-20 ms (performance marks).
        return [
          ...[boot.fileName, ...imported].map((file) => link('modulepreload', file)),
          ...[...(boot.viteMetadata?.importedCss ?? [])].map((file) => link('stylesheet', file)),
        ];
      },
    },
  };
}

/**
 * What every page has loaded before any chunk asks for another: the entry (it starts everything) and
 * what the boot imports statically (Rolldown's runtime), which index.html preloads (preloadBoot).
 * Read from the bundle before Vite writes its preload lists (its import analysis runs after the
 * config's own plugins), for {@link preloadList}.
 */
let loadedFirst: Set<string> | undefined;
function notePreloaded(): Plugin {
  return {
    name: 'storefront-connect:loaded-first',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
      const entry = chunks.find((chunk) => chunk.isEntry);
      const boot = chunks.find((chunk) => chunk.moduleIds.includes(BOOT));
      loadedFirst = entry && boot ? new Set([entry.fileName, ...boot.imports]) : undefined;
    },
  };
}

/**
 * The files a dynamic import preloads (Vite's list beside each import() in the built code) less those
 * every page has loaded already ({@link notePreloaded}): the entry was named in every list (each
 * chunk imports Vite's preload helper from it), and the runtime in most, while the preload helper
 * skips them anyway (the entry's script runs, the runtime's modulepreload link is in index.html):
 * bytes of the boot's lists (about 50 lazy chunks named, with each import's own list) for nothing.
 * (The entry's stylesheet stays listed: Vite adds a list's CSS after this is asked; the helper finds
 * index.html's link for it.)
 */
function preloadList(_file: string, deps: string[], context: { hostType: 'html' | 'js' }): string[] {
  const first = loadedFirst;
  return context.hostType === 'html' || first === undefined ? deps : deps.filter((dep) => !first.has(dep));
}

/**
 * The chunks a returning visitor's start runs nearly all of (the boot with Svelte's runtime, the
 * store screen's chunk and what it shares with the first screen's parts) start with V8's explicit
 * compile hint (`//# allFunctionsCalledOnLoad`, Chromium 136 on): their functions are compiled on the
 * thread that streams the file in, not one by one on the main thread at their first call. Traced
 * warm starts: the main thread's lazy compilations went from about 920 to 70 per start (15-19 ms of
 * its time under load) for about 11 ms more on the streaming thread, finished before each file was
 * in. Other browsers read a comment. Not for the lazily loaded screens: most of their code never
 * runs in a visit. Prepended to each chunk's code in generateBundle, after minification (which
 * drops every other comment), as the file's first line: after Vite's `__vite__mapDeps` line V8
 * ignores it.
 */
export const COMPILE_EAGERLY = ['boot', 'store', 'shared'] as const;
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';
function compileHints(): Plugin {
  return {
    name: 'storefront-connect:compile-hints',
    apply: 'build',
    // The name's hash covers the hint too (it is written once the names are made).
    augmentChunkHash: (chunk) => ((COMPILE_EAGERLY as readonly string[]).includes(chunk.name) ? COMPILE_HINT : undefined),
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type === 'chunk' && (COMPILE_EAGERLY as readonly string[]).includes(file.name)) file.code = COMPILE_HINT + file.code;
        }
      },
    },
  };
}

// One build, configured at run time: `base: './'` keeps every asset URL relative so that
// dist/ can be served from any sub-path of a CDN with no rewrite rules.
export default defineConfig({
  base: './',
  // The price-format worker (warm-format.ts) imports nothing: as an ES chunk it is its one statement,
  // run as a classic worker, without the IIFE wrapper the default format puts round it (16 B gzip of
  // the first load). A worker that imports would need { type: 'module' } where it is started.
  worker: { format: 'es' },
  plugins: [svelte(), widgetBuild(), headersFile(), forgetFirstLoad(), preloadBoot(), chunkSources(), notePreloaded(), compileHints()],
  build: {
    target: TARGET,
    sourcemap: false,
    // No dist/.vite/manifest.json in a deployment: `npm run size` asks for one in its own build.
    manifest: false,
    // No modulepreload polyfill in the entry (0.2 KB gzip of every first load): every browser the
    // es2022 target names but Safari < 17 and Firefox < 115 preloads natively; those two fetch the
    // boot's chunks once the entry asks for them instead of beside it, and work the same.
    modulePreload: { polyfill: false, resolveDependencies: preloadList },
    rolldownOptions: {
      treeshake: { moduleSideEffects: (id: string) => !SVELTE_CLIENT.test(id) },
      output: {
        codeSplitting: {
          groups: [
            {
              // Everything the app's boot imports statically (Svelte's runtime, the session, the
              // shell) as one chunk: one request and one gzip window instead of four chunks (1.4 KB
              // gzip less for the same code). Only the modules captured here, not their
              // dependencies: the entry's own (the callback parser, Vite's preload helper) stay in
              // the entry, so that the URL scrub never waits for this chunk; what only lazy screens
              // use is chunked by Rolldown as usual.
              debugName: 'boot',
              name: (id, ctx) => (firstLoadModules(ctx).has(id) ? 'boot' : null),
              includeDependenciesRecursively: false,
            },
            {
              // Before the store screen's group, which would take them (a module joins the first group that names it).
              debugName: 'shared',
              name: (id, ctx) => (sharedWithFirstScreen(ctx).has(id) ? 'shared' : null),
              includeDependenciesRecursively: false,
            },
            {
              debugName: 'store',
              name: (id, ctx) => (storeScreenModules(ctx).has(id) ? 'store' : null),
              includeDependenciesRecursively: false,
            },
            {
              // After the store screen's group: what both import is in the chunk already loaded.
              debugName: 'failure-parts',
              name: (id, ctx) => (failurePartModules(ctx).has(id) ? 'failure-parts' : null),
              includeDependenciesRecursively: false,
            },
            {
              debugName: 'seam',
              name: (id) => (SEAM_IDS.includes(id) ? 'seam' : null),
              includeDependenciesRecursively: false,
            },
            {
              debugName: 'vault-records',
              name: (id) => (RECORD_READING_IDS.includes(id) ? 'vault-records' : null),
              includeDependenciesRecursively: false,
            },
            {
              debugName: 'auth-service',
              name: (id) => (AUTH_IDS.includes(id) ? 'auth-service' : null),
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
  test: {
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    // The unit and component files run one per core (vitest's default leaves one core out: on this
    // project's 2-core machines, one at a time; two at a time took them from 143 to 99 s); then the
    // end-to-end files, three at a time with no unit file running (groupOrder: a group starts once the
    // one before has ended), except those that time what Chromium does: each of those runs with no
    // other file beside it, after the others (test/helpers/e2e-alone.ts, its lock and AloneLast).
    sequence: { sequencer: AloneLast },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          maxWorkers: '100%',
          sequence: { groupOrder: 0 },
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
          maxWorkers: '100%',
          sequence: { groupOrder: 0 },
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
          setupFiles: ['test/helpers/e2e-lock.ts', 'test/helpers/load-profiles.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          // A limit for a stuck test, not a speed budget (those are the bench's): the longest tests take
          // 30-45 s in a quiet full run, and on a loaded 2-core machine twice that (views' themes, the
          // platforms' axe walks), which a 60 s limit failed while every step still came. Each wait
          // inside a test has its own bound (Playwright's 30 s, expect.poll's 10 s), so a stuck test
          // still ends there.
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // One more try for an end-to-end test that fails, and the run's last lines name each test
          // that needed it, with its first failure (summary-reporter.ts), so a flaky test is seen and
          // mended, not hidden. Why: three CI runs in a row (stops 48-50) each failed on a different
          // test waiting on a loaded machine for something that came a moment later (mended each
          // time), while the app did what it should; a test that fails twice still fails the run.
          retry: 1,
          // Three files at a time, each on its own worker, each with its own servers on ports of their
          // own and its own browser contexts in the run's one Chromium; the build is read only.
          // Eight of the largest files took 317 s two at a time, 429 s one at a time (a loaded machine);
          // eight mid-sized ones on an idle 2-core machine (2026-12-07): 177 s two at a time, 146 s
          // three, 122 s four (the CPUs 98 % busy, each test 1.37 times as long as two at a time).
          // Three: more than half of four's gain, each test 1.21 times as long where four made it 1.37.
          maxWorkers: 3,
          // A worker's files share its module graph (Playwright, the demo stores, the config code),
          // imported once rather than once per file; each file's own state is in its module or its
          // fixture (useE2e), never in a helper module's.
          isolate: false,
          sequence: { groupOrder: 1 },
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
