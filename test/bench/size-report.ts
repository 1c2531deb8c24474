/**
 * What the app makes a first visit download, read from Vite's build manifest, and how that
 * compares with the budgets. Pure: the gzip sizes come from a function passed in, so the logic is
 * tested on a tiny synthetic manifest; `size.ts` is the command (`npm run size`).
 *
 * First load = the entry chunk of index.html, every chunk it imports statically (transitively),
 * and the chunks the entry itself imports dynamically, with their own static imports: main.ts does
 * nothing but scrub the URL and then import the app right away (boot.ts / App.svelte), so its
 * dynamic imports are part of every first visit. Dynamic imports made further down (views, the
 * sanitizer, the oidc module) are lazy and listed on their own, so one can see that
 * oidc-client-ts, the admin views and the sanitizer stay out.
 * @see https://vite.dev/guide/backend-integration (manifest.json)
 */

/** The fields of a Vite manifest entry this report reads. */
export interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  /** Files the chunk refers to by URL; a .js one is a worker it starts (`new Worker(new URL(...))`). */
  assets?: string[];
}

export type Manifest = Record<string, ManifestChunk>;

/**
 * Chunk file -> the source files in it: `.vite/chunk-sources.json`, which the build writes beside
 * the manifest (vite.config.ts). The manifest keys a chunk by its source only when that source is
 * the chunk's sole entry; a chunk holding several (the store screen's) is keyed by its name.
 */
export type ChunkSources = Readonly<Record<string, readonly string[]>>;

/** The manifest key of the chunk that holds `source`: `source` itself when the manifest has it. */
export function chunkKeyOf(manifest: Manifest, source: string, sources: ChunkSources = {}): string {
  if (manifest[source]) return source;
  const file = Object.keys(sources).find((f) => sources[f]!.includes(source));
  const key = file === undefined ? undefined : Object.keys(manifest).find((k) => manifest[k]!.file === file);
  if (key === undefined) throw new Error(`no chunk of the build holds "${source}"`);
  return key;
}

/** 1 KB = 1000 bytes, as Vite prints sizes. */
export const KB = 1000;

export const BUDGETS = Object.freeze({
  /**
   * gzip bytes of the app's first-load JavaScript: a guard against growth, at what the app reaches
   * (36.8 KB on 2026-12-02 with the warm-start work merged; 34.03 KB once the store APIs, the
   * modulepreload polyfill and Svelte's attribute and bind:this runtime left the first load, the
   * same day; 34.24 KB with the entry's early IndexedDB open, 0.17 KB, and the price format's
   * warm-up beside them; 34.27-34.28 KB since; 34.52 KB on 2026-12-03 with that warm-up moved to a
   * worker: 0.12 KB in the boot and the worker's own 0.12 KB, counted since, for a 30-100 ms task
   * gone from the page's thread; 34.59 KB on 2026-12-03 with the stores list's Connect button for a
   * credentials form, 0.21 KB that keeps the forms' 4 KB out of a first visit to several stores;
   * 34.61 KB with the focus moved to the store's Browse link once its form has connected it;
   * 34.76 KB on 2026-12-04 with a connection made in another tab shown without a reload, 0.12 KB:
   * the channel heard from the start and the session's handler; 34.82 KB by 2026-12-05, over by
   * 0.02 KB with the router's one route per link and the screens keyed by store; 33.77 KB on
   * 2026-12-05 with Goodsie's profile loaded, like the other four, only when config.json names it;
   * 33.94 KB the same day with a screen whose code did not download saying so, with Try again,
   * instead of an empty page, and a platform's profile that did not download told apart from a
   * broken config.json; 34.16 KB the same day with every other part loaded on demand saying the
   * same when its code did not download, PartUnavailable: the stores list's forms and sign-in
   * error, App's error views, the header's parts, 0.22 KB); 34.28 KB with the entry saying so when
   * the boot's own code did not download, instead of an empty page, 0.11 KB; 34.31 KB with that
   * message given room where the banners' code failed on the stores list, 0.03 KB; 34.41 KB the same
   * day with a failed import() told apart wherever it happens (isCodeUnavailable: the start's
   * parts say so with PartUnavailable, not "Something went wrong", 0.06 KB) and Connect while
   * offline staying in the app instead of leaving for the browser's error page, 0.04 KB; 34.43 KB
   * with PartUnavailable saying the browser is offline from the start when it is, 0.02 KB; 34.52 KB
   * on 2026-12-05 with a renewed credential the storage refused kept in memory on the four newer
   * platforms (Session told, the storage banner shows), and more access declined for a connected
   * store said calmly on the page that asked, instead of "nothing was connected" on the stores list,
   * 0.09 KB; 34.54 KB with Check again on a probed store's locked feature, Session's 0.02 KB;
   * 34.59 KB with a Shopware integration's card saying editing is up to its role, HomeView's 0.05 KB;
   * 34.63 KB with the four newer platforms' renewals that cannot reach the store shown and retried
   * as Goodsie's are, Session's 0.04 KB; 34.66 KB with a store's page saying it was signed out in
   * another tab, 0.03 KB; 34.94 KB on 2026-12-05 with each saved session recording the servers it
   * was made for and one config.json now points elsewhere discarded, security case 25, the token
   * vault's 0.28 KB, which the boot's listing of saved sessions needs before any token is used;
   * 35.07 KB with config.json's check refusing any secret-like key name (Shopware's
   * `secretAccessKey`) and noting the keys a platform did not ask for, whose misspelling checker and
   * the words for JSON that does not parse load only when needed (config-lint.ts), 0.13 KB; 35.17 KB
   * with a request the deployment's own Content-Security-Policy blocked said as such (run npm run
   * csp), not as the store's CORS, 0.10 KB;
   * 35.33 KB with each screen's own document.title, the stores list's included, set by the shell
   * from the screen's heading as it is drawn, 0.13 KB, and main named by that heading, 0.03 KB:
   * WCAG 2.4.2, audit finding 3; 35.38 KB with index.html's words for an app whose files did not
   * load, boot's 0.02 KB, and the page's refused pictures noted beside its refused requests, for the
   * editor's preview to say why a description's picture is not shown, 0.03 KB; then the stores
   * list's sign-out note moved to a chunk of its own, SignedOutNote, loaded once there is a sign-out
   * to tell, -0.05 KB, and a start that stopped, config.json's page aside, titled "Could not start",
   * App's 0.01 KB); 35.17 KB on 2026-12-05 with the saved sessions' keeping and writing (the
   * session store, one record's read and write) moved to the AuthService's chunk, the boot only
   * listing them (vault-listing.ts), -0.19 KB (that chunk +0.31 KB, loaded beside the catalogue);
   * 34.72 KB the same day with config.json's check naming each problem by a short key and its
   * parameters, their sentences (1.5 KB raw) loading only for a file that needs fixing, with the
   * misspelling checker (config-lint.ts), -0.46 KB (35,171 -> 34,715 bytes); 34.73 KB with the
   * catalogue's page title taken from config.json's name, the shell's 0.01 KB; 34.75 KB on
   * 2026-12-06 for no code at all: the boot names the lazy chunks by their content hashes, and a
   * change to one of them (currencyDigits moved beside formatPrice) left the boot exactly as long
   * (83,662 bytes) but 4 bytes longer gzipped, over a guard met to the byte.
   * Issue 15's 25 KB (JS + CSS)
   * is judged by `npm run bench`; Svelte's runtime is about 15 KB of it (README, "Deploying,
   * embedding, sizes").
   */
  appFirstLoadJs: 34_750,
  /** gzip bytes of widget.js (issue 15: widget <= 6 KB). */
  widget: 6 * KB,
});
export type Budgets = { appFirstLoadJs: number; widget: number };

export interface FirstLoadOptions {
  /** Manifest key of the HTML entry. */
  entry?: string;
  /**
   * Which of the entry's dynamic imports run immediately: 'entry' (default) for all of them, or a
   * list of manifest keys.
   */
  eagerDynamic?: readonly string[] | 'entry';
  /**
   * The view(s) the first screen shows, loaded on demand right after boot: counted as first load,
   * with their static imports (the app's first screen is the stores list).
   */
  firstScreen?: readonly string[];
  /** Where the first screen's sources are when the manifest does not key them (see {@link ChunkSources}). */
  sources?: ChunkSources;
}

export const DEFAULT_FIRST_LOAD: Required<FirstLoadOptions> = { entry: 'index.html', eagerDynamic: 'entry', firstScreen: [], sources: {} };

export interface FileFigure {
  file: string;
  /** Where it comes from: the manifest key (source path) or chunk name. */
  label: string;
  gzip: number;
}

export interface SizeReport {
  firstLoadJs: FileFigure[];
  firstLoadCss: FileFigure[];
  lazyJs: FileFigure[];
  lazyCss: FileFigure[];
  widget: FileFigure | null;
  totals: { firstLoadJs: number; firstLoadCss: number; lazyJs: number };
  /** Human sentences, one per budget exceeded; empty when all fit. */
  overBudget: string[];
}

/** The manifest keys of the first-load chunks, in load order, each once. */
export function firstLoadKeys(manifest: Manifest, options: FirstLoadOptions = {}): string[] {
  const { entry, eagerDynamic, firstScreen, sources } = { ...DEFAULT_FIRST_LOAD, ...options };
  if (!manifest[entry]) throw new Error(`the manifest has no entry "${entry}"`);
  const seen = new Set<string>();
  const visit = (key: string): void => {
    // Bounded: each key is visited at most once, and the manifest is finite.
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest names "${key}" but has no entry for it`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  for (const key of manifest[entry].dynamicImports ?? []) {
    if (eagerDynamic === 'entry' || eagerDynamic.includes(key)) visit(key);
  }
  for (const source of firstScreen) visit(chunkKeyOf(manifest, source, sources));
  return [...seen];
}

function labelOf(key: string, chunk: ManifestChunk): string {
  if (chunk.src) return chunk.src;
  if (chunk.name) return `${chunk.name} (shared chunk)`;
  return key;
}

function isJs(file: string): boolean {
  return /\.m?js$/.test(file);
}

/** The workers a chunk starts: its .js assets. */
export function workersOf(chunk: ManifestChunk): string[] {
  return (chunk.assets ?? []).filter(isJs);
}

export function measure(
  manifest: Manifest,
  gzipSizeOf: (file: string) => number,
  options: FirstLoadOptions & { widgetFile?: string | null; budgets?: Budgets } = {},
): SizeReport {
  const budgets = options.budgets ?? BUDGETS;
  const firstKeys = firstLoadKeys(manifest, options);
  const firstFiles = new Set<string>();
  const firstLoadJs: FileFigure[] = [];
  const firstLoadCss: FileFigure[] = [];
  const addCss = (list: FileFigure[], files: readonly string[], label: string, exclude: Set<string>): void => {
    for (const css of files) {
      if (exclude.has(css) || list.some((figure) => figure.file === css)) continue;
      list.push({ file: css, label, gzip: gzipSizeOf(css) });
    }
  };
  for (const key of firstKeys) {
    const chunk = manifest[key]!;
    firstFiles.add(chunk.file);
    if (isJs(chunk.file)) firstLoadJs.push({ file: chunk.file, label: labelOf(key, chunk), gzip: gzipSizeOf(chunk.file) });
    // A worker the chunk starts is script the page downloads too.
    for (const worker of workersOf(chunk)) firstLoadJs.push({ file: worker, label: `${labelOf(key, chunk)} (worker)`, gzip: gzipSizeOf(worker) });
    addCss(firstLoadCss, chunk.css ?? [], labelOf(key, chunk), new Set());
  }
  const firstCss = new Set(firstLoadCss.map((figure) => figure.file));
  const lazyJs: FileFigure[] = [];
  const lazyCss: FileFigure[] = [];
  for (const [key, chunk] of Object.entries(manifest)) {
    if (firstKeys.includes(key) || !isJs(chunk.file) || firstFiles.has(chunk.file)) continue;
    lazyJs.push({ file: chunk.file, label: labelOf(key, chunk), gzip: gzipSizeOf(chunk.file) });
    addCss(lazyCss, chunk.css ?? [], labelOf(key, chunk), firstCss);
  }
  lazyJs.sort((a, b) => b.gzip - a.gzip);

  const sum = (figures: readonly FileFigure[]): number => figures.reduce((total, figure) => total + figure.gzip, 0);
  const totals = { firstLoadJs: sum(firstLoadJs), firstLoadCss: sum(firstLoadCss), lazyJs: sum(lazyJs) };
  const widgetFile = options.widgetFile === undefined ? 'widget.js' : options.widgetFile;
  const widget = widgetFile === null ? null : { file: widgetFile, label: 'src/widget/classic.ts', gzip: gzipSizeOf(widgetFile) };

  const overBudget: string[] = [];
  if (totals.firstLoadJs > budgets.appFirstLoadJs) {
    overBudget.push(`app first-load JS is ${formatKb(totals.firstLoadJs)} gzip, over its budget of ${formatKb(budgets.appFirstLoadJs)}`);
  }
  if (widget && widget.gzip > budgets.widget) {
    overBudget.push(`widget.js is ${formatKb(widget.gzip)} gzip, over its budget of ${formatKb(budgets.widget)}`);
  }
  return { firstLoadJs, firstLoadCss, lazyJs, lazyCss, widget, totals, overBudget };
}

export function formatKb(bytes: number): string {
  return `${(bytes / KB).toFixed(2)} KB`;
}

/** The report as a plain-text table. */
export function formatReport(report: SizeReport, budgets: Budgets = BUDGETS): string {
  const rows: string[] = [];
  const line = (label: string, file: string, bytes: string, note = ''): void => {
    rows.push(`${label.padEnd(56)} ${file.padEnd(38)} ${bytes.padStart(10)}  ${note}`.trimEnd());
  };
  const section = (title: string): void => {
    rows.push('', title);
  };
  line('', 'file', 'gzip');
  section('App, first load: JavaScript');
  for (const f of report.firstLoadJs) line(`  ${f.label}`, f.file, formatKb(f.gzip));
  const jsVerdict = report.totals.firstLoadJs <= budgets.appFirstLoadJs ? 'ok' : 'OVER BUDGET';
  line('  total', '', formatKb(report.totals.firstLoadJs), `budget ${formatKb(budgets.appFirstLoadJs)}: ${jsVerdict}`);
  section('App, first load: CSS');
  for (const f of report.firstLoadCss) line(`  ${f.label}`, f.file, formatKb(f.gzip));
  line('  total', '', formatKb(report.totals.firstLoadCss));
  line('  JS + CSS', '', formatKb(report.totals.firstLoadJs + report.totals.firstLoadCss));
  section('App, loaded later (not in the first load)');
  if (report.lazyJs.length === 0) rows.push('  (none)');
  for (const f of report.lazyJs) line(`  ${f.label}`, f.file, formatKb(f.gzip));
  for (const f of report.lazyCss) line(`  ${f.label} (css)`, f.file, formatKb(f.gzip));
  if (report.widget) {
    section('Widget');
    const verdict = report.widget.gzip <= budgets.widget ? 'ok' : 'OVER BUDGET';
    line(`  ${report.widget.label}`, report.widget.file, formatKb(report.widget.gzip), `budget ${formatKb(budgets.widget)}: ${verdict}`);
  }
  rows.push('');
  rows.push(report.overBudget.length === 0 ? 'All budgets met.' : report.overBudget.map((s) => `Over budget: ${s}.`).join('\n'));
  return `${rows.join('\n')}\n`;
}
