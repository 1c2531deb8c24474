import { describe, expect, it } from 'vitest';
import { BUDGETS, blankChunkNames, firstLoadKeys, formatReport, measure, type Manifest } from '../../../test/bench/size-report.ts';

/**
 * A tiny build: entry -> shared chunk; the entry dynamically imports App right away; App lazily
 * imports oidc-client-ts and an admin view.
 */
const MANIFEST: Manifest = {
  'index.html': {
    file: 'assets/index-a1.js',
    src: 'index.html',
    isEntry: true,
    imports: ['_shared-b2.js'],
    dynamicImports: ['src/App.svelte'],
    css: ['assets/index-a1.css'],
  },
  '_shared-b2.js': { file: 'assets/shared-b2.js', name: 'shared' },
  'src/App.svelte': {
    file: 'assets/App-c3.js',
    src: 'src/App.svelte',
    isDynamicEntry: true,
    imports: ['_shared-b2.js', '_svelte-d4.js'],
    dynamicImports: ['node_modules/oidc-client-ts/dist/esm/oidc-client-ts.js', 'src/lib/components/views/OrdersView.svelte'],
    css: ['assets/App-c3.css', 'assets/index-a1.css'],
  },
  '_svelte-d4.js': { file: 'assets/svelte-d4.js', name: 'svelte', imports: ['_shared-b2.js'] },
  'node_modules/oidc-client-ts/dist/esm/oidc-client-ts.js': {
    file: 'assets/oidc-client-ts-e5.js',
    src: 'node_modules/oidc-client-ts/dist/esm/oidc-client-ts.js',
    isDynamicEntry: true,
    imports: ['_shared-b2.js'],
  },
  'src/lib/components/views/OrdersView.svelte': {
    file: 'assets/OrdersView-f6.js',
    src: 'src/lib/components/views/OrdersView.svelte',
    isDynamicEntry: true,
    imports: ['_svelte-d4.js'],
    css: ['assets/OrdersView-f6.css'],
  },
  'public/favicon.svg': { file: 'assets/favicon-g7.svg', src: 'public/favicon.svg' },
};

/** Fake gzip sizes: a fixed number per file, so totals are checkable by hand. */
const SIZES: Record<string, number> = {
  'assets/index-a1.js': 1_000,
  'assets/shared-b2.js': 2_000,
  'assets/App-c3.js': 10_000,
  'assets/svelte-d4.js': 12_000,
  'assets/oidc-client-ts-e5.js': 20_000,
  'assets/OrdersView-f6.js': 3_000,
  'assets/index-a1.css': 500,
  'assets/App-c3.css': 700,
  'assets/OrdersView-f6.css': 300,
  'widget.js': 5_000,
  'assets/favicon-g7.svg': 100,
};
const sizeOf = (file: string): number => {
  const size = SIZES[file];
  if (size === undefined) throw new Error(`unexpected file ${file}`);
  return size;
};

describe('firstLoadKeys', () => {
  it('follows static imports transitively and only the eager dynamic import, each once', () => {
    expect(firstLoadKeys(MANIFEST)).toEqual(['index.html', '_shared-b2.js', 'src/App.svelte', '_svelte-d4.js']);
  });

  it('counts the first screen\'s view, loaded right after boot, with its static imports', () => {
    expect(firstLoadKeys(MANIFEST, { firstScreen: ['src/lib/components/views/OrdersView.svelte'] })).toEqual([
      'index.html',
      '_shared-b2.js',
      'src/App.svelte',
      '_svelte-d4.js',
      'src/lib/components/views/OrdersView.svelte',
    ]);
    const report = measure(MANIFEST, sizeOf, { firstScreen: ['src/lib/components/views/OrdersView.svelte'] });
    expect(report.totals.firstLoadJs).toBe(1_000 + 2_000 + 10_000 + 12_000 + 3_000);
    expect(report.lazyJs.map((f) => f.file)).not.toContain('assets/OrdersView-f6.js');
  });

  it('takes an explicit list of eager imports, and leaves every dynamic import out when it is empty', () => {
    expect(firstLoadKeys(MANIFEST, { eagerDynamic: [] })).toEqual(['index.html', '_shared-b2.js']);
    expect(firstLoadKeys(MANIFEST, { eagerDynamic: ['src/App.svelte'] })).toEqual(firstLoadKeys(MANIFEST));
  });

  it('counts whatever the entry imports right away, whatever its name (main.ts -> boot.ts -> App)', () => {
    const renamed: Manifest = {
      'index.html': { file: 'a/index.js', isEntry: true, dynamicImports: ['src/boot.ts'] },
      'src/boot.ts': { file: 'a/boot.js', isDynamicEntry: true, imports: ['_runtime.js'], dynamicImports: ['src/lib/oidc/code-flow.ts'] },
      '_runtime.js': { file: 'a/runtime.js' },
      'src/lib/oidc/code-flow.ts': { file: 'a/code-flow.js', isDynamicEntry: true, imports: ['_runtime.js'] },
    };
    expect(firstLoadKeys(renamed)).toEqual(['index.html', 'src/boot.ts', '_runtime.js']);
  });

  it('fails loudly on a manifest that names a missing chunk', () => {
    const broken: Manifest = { 'index.html': { file: 'a.js', imports: ['_gone.js'] } };
    expect(() => firstLoadKeys(broken)).toThrow(/_gone\.js/);
    expect(() => firstLoadKeys({})).toThrow(/index\.html/);
  });
});

describe('measure', () => {
  it('sums the first load, lists lazy chunks separately, and counts shared CSS once', () => {
    const report = measure(MANIFEST, sizeOf);
    expect(report.firstLoadJs.map((f) => f.file)).toEqual(['assets/index-a1.js', 'assets/shared-b2.js', 'assets/App-c3.js', 'assets/svelte-d4.js']);
    expect(report.totals.firstLoadJs).toBe(25_000);
    expect(report.firstLoadCss.map((f) => f.file)).toEqual(['assets/index-a1.css', 'assets/App-c3.css']);
    expect(report.totals.firstLoadCss).toBe(1_200);
    // Biggest first; the svg is not JavaScript.
    expect(report.lazyJs.map((f) => f.label)).toEqual(['node_modules/oidc-client-ts/dist/esm/oidc-client-ts.js', 'src/lib/components/views/OrdersView.svelte']);
    expect(report.lazyCss.map((f) => f.file)).toEqual(['assets/OrdersView-f6.css']);
    expect(report.widget).toEqual({ file: 'widget.js', label: 'src/widget/classic.ts', gzip: 5_000 });
    expect(report.overBudget).toEqual([]);
  });

  it('reports each budget exceeded', () => {
    const report = measure(MANIFEST, sizeOf, { budgets: { appFirstLoadJs: 24_999, widget: 4_999 } });
    expect(report.overBudget).toHaveLength(2);
    expect(report.overBudget[0]).toMatch(/^app first-load JS is 25\.00 KB gzip/);
    expect(report.overBudget[1]).toMatch(/widget\.js is 5\.00 KB/);
  });

  it('counts a worker a first-load chunk starts (a .js asset) as first-load JavaScript', () => {
    const withWorker: Manifest = { ...MANIFEST, 'src/App.svelte': { ...MANIFEST['src/App.svelte']!, assets: ['assets/warm.worker-h8.js', 'assets/logo-i9.svg'] } };
    const sizes = (file: string) => (file === 'assets/warm.worker-h8.js' ? 120 : sizeOf(file));
    const report = measure(withWorker, sizes);
    expect(report.firstLoadJs.find((f) => f.file === 'assets/warm.worker-h8.js')?.label).toBe('src/App.svelte (worker)');
    expect(report.totals.firstLoadJs).toBe(measure(MANIFEST, sizeOf).totals.firstLoadJs + 120);
  });

  it('judges the first load by what the guard measures (chunk names blanked), and says that figure', () => {
    // The real gzip total is over; with the chunk names blanked it fits, and the other way round.
    const guardedUnder = measure(MANIFEST, sizeOf, { budgets: { appFirstLoadJs: 24_000, widget: 5_000 }, guardSizeOf: (file) => sizeOf(file) - 500 });
    expect(guardedUnder.totals.firstLoadJs).toBe(25_000);
    expect(guardedUnder.totals.firstLoadJsGuarded).toBe(23_000);
    expect(guardedUnder.overBudget).toEqual([]);
    const guardedOver = measure(MANIFEST, sizeOf, { budgets: { appFirstLoadJs: 25_000, widget: 5_000 }, guardSizeOf: (file) => sizeOf(file) + 1 });
    expect(guardedOver.overBudget).toEqual(['app first-load JS is 25.00 KB gzip with its chunk names blanked, over its budget of 25.00 KB']);
    expect(formatReport(guardedOver, { appFirstLoadJs: 25_000, widget: 5_000 })).toMatch(/total, chunk names blanked\s+25\.00 KB\s+budget 25\.00 KB: OVER BUDGET/);
  });

  it('is exactly at budget when equal', () => {
    expect(measure(MANIFEST, sizeOf, { budgets: { appFirstLoadJs: 25_000, widget: 5_000 } }).overBudget).toEqual([]);
  });
});

describe('blankChunkNames', () => {
  it('blanks the content hash of every chunk and stylesheet name, and nothing else', () => {
    const code = 'import{a}from"./boot-jK2y7TK_.js";const m=["assets/HomeView-DqEHCBl1.js","assets/HomeView-CqsOI28v.css","./price-format.worker-CptXDgoW.js"];const id="order-12345678";';
    expect(blankChunkNames(code)).toBe(
      'import{a}from"./boot-________.js";const m=["assets/HomeView-________.js","assets/HomeView-________.css","./price-format.worker-________.js"];const id="order-12345678";',
    );
  });

  it("blanks the one- or two-letter name the minifier gave what is taken from a lazy chunk, not a real export's name", () => {
    const before = 'a=()=>import(`./store-Czp2EzsH.js`).then(e=>e.R),b=()=>import(`./store-Czp2EzsH.js`).then(t=>t.Qz,f),c=()=>import(`./foxy-profile-DDOqnK8V.js`).then(e=>e.foxyProfile)';
    expect(blankChunkNames(before)).toBe(
      'a=()=>import(`./store-________.js`).then(e=>e._),b=()=>import(`./store-________.js`).then(t=>t._,f),c=()=>import(`./foxy-profile-________.js`).then(e=>e.foxyProfile)',
    );
    expect(blankChunkNames('import(`./store-Czp2EzsH.js`).then(e=>e.z)')).toBe(blankChunkNames('import(`./store-Ww1orB8d.js`).then(e=>e.P)'));
  });

  it('gives chunks that differ only in the names they import the same gzip size', () => {
    const one = blankChunkNames('import("./a-AAAAAAAA.js");import("./b-x9_Qz-1K.js");');
    const two = blankChunkNames('import("./a-Zz09_-ab.js");import("./b-QQQQQQQQ.js");');
    expect(one).toBe(two);
  });
});

describe('formatReport', () => {
  it('prints the totals, the verdicts and the lazy chunks by source', () => {
    const text = formatReport(measure(MANIFEST, sizeOf));
    const budget = (BUDGETS.appFirstLoadJs / 1000).toFixed(2).replace('.', '\\.');
    expect(text).toMatch(new RegExp(`total, chunk names blanked\\s+25\\.00 KB\\s+budget ${budget} KB: ok`));
    expect(text).toMatch(/src\/widget\/classic\.ts\s+widget\.js\s+5\.00 KB\s+budget 6\.00 KB: ok/);
    expect(text).toContain('oidc-client-ts');
    expect(text).toContain('All budgets met.');
    const over = formatReport(measure(MANIFEST, sizeOf, { budgets: { appFirstLoadJs: 1, widget: 1 } }), { appFirstLoadJs: 1, widget: 1 });
    expect(over).toContain('OVER BUDGET');
    expect(over).not.toContain('All budgets met.');
  });
});
