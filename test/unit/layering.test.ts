/**
 * The one layering test: every file of src/, every kind of import (static, type-only, re-export,
 * dynamic), checked against the allowed arrows below; no cycle between folders or between files.
 * Plus the rules on where packages, browser storage and the console may appear.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, layerOf, readImportGraph, type ImportGraph } from '../helpers/import-graph.ts';
import { ROOT_DIR } from '../helpers/paths.ts';

const SRC = join(ROOT_DIR, 'src');

/**
 * Which layers each layer may import (its own files always); every arrow to anything but a leaf is
 * one src/ uses. The direction, top to bottom: app (main, boot, App) -> components -> state ->
 * {embed, auth, oidc, api, config, providers, storage} -> connect -> oauth -> shared, with domain,
 * sanitize and shared as leaves below (domain takes oauth's errors only; shared imports nothing:
 * what the app and the widget both do, such as prices, API URLs, the token syntax, which origins
 * are trustworthy; sanitize uses that last one, so a store's link follows the rule its config.json
 * addresses do). Nothing imports widget; the widget uses leaves and the provider registry only
 * (which loads platform code lazily).
 */
export const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  app: ['components', 'state', 'auth', 'config', 'oauth', 'domain', 'storage'],
  components: ['state', 'domain', 'sanitize', 'shared', 'oauth'],
  state: ['embed', 'auth', 'api', 'config', 'providers', 'storage', 'oauth', 'domain', 'shared', 'connect'],
  embed: ['auth', 'config', 'providers', 'storage', 'oauth', 'domain', 'connect'],
  auth: ['oidc', 'config', 'providers', 'storage', 'oauth', 'connect', 'domain'],
  oidc: ['config', 'providers', 'storage', 'oauth'],
  api: ['providers', 'oauth', 'domain', 'shared', 'connect'],
  config: ['providers', 'oauth', 'shared', 'connect'],
  providers: ['sanitize', 'oauth', 'domain', 'shared', 'connect'],
  /** The seam's interfaces (types) and the platform-neutral helpers every connector shares. */
  connect: ['oauth', 'domain'],
  storage: ['oauth', 'connect', 'domain'],
  oauth: ['shared'],
  sanitize: ['shared'],
  shared: [],
  domain: ['oauth'],
  widget: ['providers', 'sanitize', 'shared', 'oauth', 'domain'],
};

/** Files of a layer that another layer may reach; a layer not listed here exposes all its files. */
const ONLY_THROUGH: Readonly<Record<string, { from: readonly string[]; files: RegExp }>> = {
  /** Components use the error vocabulary (codes to words, and the errors of an answer), never the protocol itself. */
  oauth: { from: ['components', 'widget', 'domain'], files: /^lib\/oauth\/(http-)?errors\.ts$/ },
  /** The widget finds its platform by kind through the registry or its storefront list; it never names an adapter. */
  providers: { from: ['widget'], files: /^lib\/providers\/(registry|storefronts|types)\.ts$/ },
  /** The entry begins opening the database before the app's code is in; everything else about storage goes through the auth layer. */
  storage: { from: ['app'], files: /^lib\/storage\/open-database\.ts$/ },
};

/** Packages, and the only layers that may import them. */
const PACKAGES: Readonly<Record<string, readonly string[]>> = {
  svelte: ['app', 'components', 'state'],
  'idb-keyval': ['storage'],
  'oidc-client-ts': ['oidc'],
  dompurify: ['sanitize'],
  // Shopware's official OpenAPI types: type-only imports, checked against our wire types; no bytes.
  '@shopware/api-client': ['providers'],
};

/** Packages that may be imported for their types only. */
const TYPE_ONLY_PACKAGES: ReadonlySet<string> = new Set(['@shopware/api-client']);

/** Every broken rule, one line each; empty when the tree is fine. */
export function layeringProblems(graph: ImportGraph): string[] {
  const problems: string[] = [];
  for (const edge of graph.edges) {
    const from = layerOf(edge.from);
    const where = `${edge.from} imports ${edge.specifier} (${edge.kind})`;
    if (!(from in MAY_IMPORT)) {
      problems.push(`${edge.from}: folder '${from}' has no row in MAY_IMPORT; say what it may import`);
      continue;
    }
    if (!edge.to) {
      const name = edge.specifier.replace(/^(@[^/]+\/[^/]+|[^/]+).*$/, '$1');
      const allowed = PACKAGES[name];
      if (TYPE_ONLY_PACKAGES.has(name) && edge.kind !== 'type') problems.push(`${where}: '${name}' may be imported for types only`);
      else if (!allowed?.includes(from)) problems.push(`${where}: package not allowed in '${from}' (allowed in: ${allowed?.join(', ') ?? 'nowhere'})`);
      continue;
    }
    const to = layerOf(edge.to);
    if (to === from) continue;
    if (!MAY_IMPORT[from]!.includes(to)) {
      problems.push(`${where}: '${from}' may not import '${to}' (it may import: ${MAY_IMPORT[from]!.join(', ') || 'nothing'})`);
      continue;
    }
    const gate = ONLY_THROUGH[to];
    if (gate?.from.includes(from) && !gate.files.test(edge.to)) problems.push(`${where}: '${from}' may use only ${gate.files} of '${to}'`);
  }
  return problems;
}

/** File cycles and folder cycles, type-only and dynamic imports included. */
export function cycleProblems(graph: ImportGraph): string[] {
  const fileTargets = new Map<string, Set<string>>(graph.files.map((file) => [file, new Set<string>()]));
  const folderTargets = new Map<string, Set<string>>();
  for (const edge of graph.edges) {
    if (!edge.to || edge.to === edge.from) continue;
    fileTargets.get(edge.from)!.add(edge.to);
    const [a, b] = [layerOf(edge.from), layerOf(edge.to)];
    if (a === b) continue;
    if (!folderTargets.has(a)) folderTargets.set(a, new Set());
    folderTargets.get(a)!.add(b);
  }
  return [
    ...findCycles(fileTargets.keys(), (file) => fileTargets.get(file) ?? []).map((c) => `file cycle: ${c.join(' -> ')}`),
    ...findCycles(folderTargets.keys(), (folder) => folderTargets.get(folder) ?? []).map((c) => `folder cycle: ${c.join(' -> ')}`),
  ];
}

describe('layering of src/', () => {
  const graph = readImportGraph(SRC);

  it('reads every file and import of src/', () => {
    expect(graph.files.length).toBeGreaterThan(70);
    expect(graph.edges.some((edge) => edge.kind === 'dynamic')).toBe(true);
    expect(graph.edges.some((edge) => edge.kind === 'type')).toBe(true);
    expect(new Set(graph.files.map(layerOf))).toEqual(new Set(Object.keys(MAY_IMPORT).filter((layer) => layer !== 'shared' || graph.files.some((f) => f.startsWith('lib/shared/')))));
  });

  it('every import points the allowed way', () => {
    expect(layeringProblems(graph)).toEqual([]);
  });

  it('no cycle between folders or files', () => {
    expect(cycleProblems(graph)).toEqual([]);
  });

  it('nothing imports the widget', () => {
    expect(graph.edges.filter((edge) => edge.to?.startsWith('widget/') && !edge.from.startsWith('widget/'))).toEqual([]);
    expect(Object.entries(MAY_IMPORT).filter(([, targets]) => targets.includes('widget'))).toEqual([]);
  });

  it('the auth service reaches the oidc module only through a dynamic import (lazy oidc-client-ts)', () => {
    const toOidc = graph.edges.filter((edge) => edge.from === 'lib/auth/auth-service.ts' && edge.to?.startsWith('lib/oidc/'));
    expect(toOidc.map((edge) => edge.kind)).toContain('dynamic');
    expect(toOidc.filter((edge) => edge.kind === 'static')).toEqual([]);
  });

  it('only the auth layer\'s lazy door loads the AuthService: no other module imports it for a value (the seam\'s connections took a constant from it, and every seam store\'s first screen downloaded it)', () => {
    const toService = graph.edges.filter((edge) => edge.to === 'lib/auth/auth-service.ts' && edge.kind !== 'type');
    expect([...new Set(toService.map((edge) => `${edge.from} (${edge.kind})`))]).toEqual(['lib/auth/auth-port.ts (dynamic)']);
  });

  it('what each store lets the person do (state/store-access.svelte.ts) is reached through Session only, which extends it', () => {
    const toAccess = graph.edges.filter((edge) => edge.to === 'lib/state/store-access.svelte.ts');
    expect([...new Set(toAccess.map((edge) => edge.from))]).toEqual(['lib/state/session.svelte.ts']);
  });

  it('the checks catch a wrong import of each kind', () => {
    const tryImport = (file: string, line: string) => {
      const text = `${line}\n`;
      const changed = readImportGraph(SRC, { [file]: text });
      return [...layeringProblems(changed), ...cycleProblems(changed)];
    };
    const reports = (problems: string[], words: string) => expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(words)]));
    // static, upward
    const upward = tryImport('lib/oauth/scopes.ts', "import { x } from '../state/routes.ts';");
    reports(upward, "lib/oauth/scopes.ts imports ../state/routes.ts (static): 'oauth' may not import 'state'");
    reports(upward, 'folder cycle: oauth -> state');
    // type-only, sideways into storage from a component
    reports(tryImport('lib/components/Price.svelte', "<script lang=\"ts\">import type { X } from '../storage/kv.ts';</script>"), "(type): 'components' may not import 'storage'");
    // dynamic, upward
    reports(tryImport('lib/state/routes.ts', "const m = import('../components/Shell.svelte');"), "(dynamic): 'state' may not import 'components'");
    // dynamic behind a comment (Vite still bundles it), and a worker or asset by its URL
    reports(tryImport('lib/api/http.ts', "const m = import(/* @vite-ignore */ '../state/routes.ts');"), "(dynamic): 'api' may not import 'state'");
    reports(tryImport('lib/api/http.ts', "new Worker(new URL('../components/price-format.worker.ts', import.meta.url));"), "(dynamic): 'api' may not import 'components'");
    // a re-export that closes a file cycle inside one folder
    expect(tryImport('lib/oauth/encoding.ts', "export type { X } from './state.ts';")).toEqual(['file cycle: lib/oauth/state.ts -> lib/oauth/encoding.ts -> lib/oauth/state.ts']);
    // a package outside its layer, and anything into the widget
    reports(tryImport('lib/api/http-headers.ts', "import { get } from 'idb-keyval';"), "package not allowed in 'api' (allowed in: storage)");
    reports(tryImport('lib/providers/money.ts', "import { createAPIClient } from '@shopware/api-client';"), "'@shopware/api-client' may be imported for types only");
    reports(tryImport('lib/state/routes.ts', "import { x } from '../../widget/options.ts';"), "'state' may not import 'widget'");
    // the widget reaching an adapter directly instead of through the registry
    reports(tryImport('widget/products.ts', "import { goodsie } from '../lib/providers/goodsie.ts';"), "'widget' may use only");
    // the app reaching storage other than the entry's early open
    reports(tryImport('boot.ts', "import { openStorage } from './lib/storage/kv.ts';"), "'app' may use only");
  });
});

/** The code without its comments (which may explain why `?access_token=` is not used). */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\/|(^|\s)\/\/.*$/gm, '');

const WIDGET_CONSOLE_FILE = 'widget/storefront-products.ts';
const CSRF_CONSOLE_FILE = 'lib/state/finish-sign-in.ts';

describe('browser storage and logs', () => {
  const graph = readImportGraph(SRC);
  const texts = graph.files.map((file) => ({ file, text: readFileSync(join(SRC, file), 'utf8') }));

  it('nothing goes to localStorage, cookies or the console, and no token rides in a URL', () => {
    for (const { file, text } of texts) {
      expect(text, file).not.toMatch(/\blocalStorage\s*[.[]|\.localStorage\b/);
      expect(text, file).not.toMatch(/document\.cookie/);
      // Two exceptions, one console.warn each with nothing secret in it: the widget tells the site
      // owner why its products are not shown, on a stranger's page where the console is the owner's
      // only channel; and a sign-in response with a state this browser never issued is noted as a
      // possible CSRF (security case 2).
      if (file === WIDGET_CONSOLE_FILE || file === CSRF_CONSOLE_FILE) expect(text.match(/\bconsole\.\w+/g), file).toEqual(['console.warn']);
      else expect(text, file).not.toMatch(/\bconsole\./);
      expect(withoutComments(text), file).not.toMatch(/access_token=/);
    }
  });

  it('the protocol core uses no browser globals (window, document, indexedDB, location, navigator)', () => {
    const core = texts.filter(({ file }) => file.startsWith('lib/oauth/'));
    expect(core.length).toBeGreaterThan(5);
    for (const { file, text } of core) expect(text, file).not.toMatch(/\b(window|document|indexedDB|location|navigator)\./);
  });

  it('sessionStorage is touched by exactly one file, the pending sign-in fallback, and only the auth layer opens it: for pending sign-ins, and for this tab’s marks', () => {
    const touches = /\bsessionStorage\s*[.[]|\.sessionStorage\b/;
    expect(texts.filter((f) => touches.test(f.text)).map((f) => f.file)).toEqual(['lib/storage/session-fallback.ts']);
    expect(graph.edges.filter((edge) => edge.to === 'lib/storage/session-fallback.ts').map((edge) => edge.from).sort()).toEqual(['lib/auth/pending-fallback.ts', 'lib/auth/tab-marks.ts']);
  });
});
