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

/**
 * `code` with the names it knows lazy chunks by blanked: each chunk file name's content hash
 * (`HomeView-DqEHCBl1.js`) as underscores, and the minified name of what it takes from a chunk it
 * imports (`import(\`./store-….js\`).then(e=>e.z)`) as `_`. What the guard gzips: a change to a lazy
 * chunk alone gives it a new hash and its exports new one-letter names, which the boot spells out
 * (eight characters of noise gzip cannot shrink; a letter more or less), with no code of its own
 * changed.
 */
export function blankChunkNames(code: string): string {
  return code
    .replace(/-[A-Za-z0-9_-]{8}(\.(?:m?js|css)\b)/g, '-________$1')
    .replace(/(import\(`\.\/[^`]+`\)\.then\(([\w$]+)=>\2\.)[\w$]{1,2}(?=[),])/g, '$1_');
}

/** 1 KB = 1000 bytes, as Vite prints sizes. */
export const KB = 1000;

export const BUDGETS = Object.freeze({
  /**
   * gzip bytes of the app's first-load JavaScript, measured with the lazy chunks' names blanked
   * ({@link blankChunkNames}): a guard against growth of the app's own code, at what the app
   * reaches (how it got here, change by change, is in `git log -p -- test/bench/size-report.ts`).
   * The boot names the lazy chunks it imports by their hashes and their exports by one-letter
   * names, and a change to one of those chunks alone moved the boot's gzip size by a few bytes
   * either way with no byte of its code changed (34.75 KB on 2026-12-06, 4 bytes over a guard met
   * to the byte; then 1 byte over with the store chunk's exports renamed): blanked, the guard moves
   * with code only.
   * Issue 15's 25 KB (JS + CSS) is judged by `npm run bench`; Svelte's runtime is about 15 KB of it
   * (README, "Deploying, embedding, sizes").
   */
  appFirstLoadJs: 31_475,
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
  totals: {
    firstLoadJs: number;
    firstLoadCss: number;
    lazyJs: number;
    /** The first load's JavaScript as the guard measures it (chunk names blanked, {@link blankChunkNames}). */
    firstLoadJsGuarded: number;
  };
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
  options: FirstLoadOptions & {
    widgetFile?: string | null;
    budgets?: Budgets;
    /** What the first-load guard counts of a file: its gzip size with the lazy chunks' names blanked (gzipSizeOf by default). */
    guardSizeOf?: (file: string) => number;
  } = {},
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
  const guardSizeOf = options.guardSizeOf ?? gzipSizeOf;
  const firstLoadJsGuarded = firstLoadJs.reduce((total, figure) => total + guardSizeOf(figure.file), 0);
  const totals = { firstLoadJs: sum(firstLoadJs), firstLoadCss: sum(firstLoadCss), lazyJs: sum(lazyJs), firstLoadJsGuarded };
  const widgetFile = options.widgetFile === undefined ? 'widget.js' : options.widgetFile;
  const widget = widgetFile === null ? null : { file: widgetFile, label: 'src/widget/classic.ts', gzip: gzipSizeOf(widgetFile) };

  const overBudget: string[] = [];
  if (totals.firstLoadJsGuarded > budgets.appFirstLoadJs) {
    overBudget.push(`app first-load JS is ${formatKb(totals.firstLoadJsGuarded)} gzip with its chunk names blanked, over its budget of ${formatKb(budgets.appFirstLoadJs)}`);
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
  const jsVerdict = report.totals.firstLoadJsGuarded <= budgets.appFirstLoadJs ? 'ok' : 'OVER BUDGET';
  line('  total', '', formatKb(report.totals.firstLoadJs));
  line('  total, chunk names blanked', '', formatKb(report.totals.firstLoadJsGuarded), `budget ${formatKb(budgets.appFirstLoadJs)}: ${jsVerdict}`);
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
