/**
 * The import graph of src/: every static, type-only, re-export, side-effect and dynamic import of
 * every .ts, .svelte.ts and .svelte file, resolved to files and grouped into folders (layers).
 * The layering test states the allowed arrows as data and checks this graph against them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface ImportEdge {
  /** Path below src/, e.g. `lib/state/session.svelte.ts`. */
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** Path below src/ for a relative import; undefined for a package. */
  to?: string;
  kind: 'static' | 'type' | 'dynamic';
}

export interface ImportGraph {
  files: string[];
  edges: ImportEdge[];
}

/**
 * Static, type-only, re-export and side-effect imports; dynamic ones, with a comment before the
 * specifier too (Vite's @vite-ignore: the module named is bundled all the same); and a module loaded
 * by its URL (`new Worker(new URL('./x.ts', import.meta.url))`, bundled too), counted as dynamic.
 */
const IMPORT =
  /(?:^|[;\s>{}])(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|\bimport\(\s*(?:\/\*[\s\S]*?\*\/\s*|\/\/.*\n\s*)*['"]([^'"]+)['"]\s*\)|\bnew\s+URL\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/gm;
const EXTENSIONS = ['', '.ts', '.svelte.ts', '.js', '.svelte', '/index.ts'];

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|js|svelte)$/.test(name) && !name.endsWith('.d.ts'))
    .map((name) => join(dir, name))
    .sort();
}

function resolveRelative(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  return EXTENSIONS.map((ext) => base + ext).find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** Reads the graph; `overrides` (path below src/ -> text) lets a test try an import without writing a file. */
export function readImportGraph(srcDir: string, overrides: Readonly<Record<string, string>> = {}): ImportGraph {
  const files = listFiles(srcDir);
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const from = relative(srcDir, file);
    const text = overrides[from] ?? readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const specifier = (match[3] ?? match[4] ?? match[5])!;
      const kind = match[4] || match[5] ? 'dynamic' : match[2] ? 'type' : 'static';
      // a Vite query (`./styles.css?inline`) names the same file
      const target = specifier.startsWith('.') ? resolveRelative(file, specifier.replace(/\?.*$/, '')) : undefined;
      if (specifier.startsWith('.') && !target) throw new Error(`${from}: cannot resolve ${specifier}`);
      edges.push({ from, specifier, to: target && relative(srcDir, target), kind });
    }
  }
  return { files: files.map((file) => relative(srcDir, file)), edges };
}

/** The layer a file belongs to: `lib/<folder>` by its folder name, `widget`, or `app` for src/'s own files. */
export function layerOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'lib' && parts.length > 2) return parts[1]!;
  if (parts.length > 1) return parts[0]!;
  return 'app';
}

/** Every cycle found by a depth-first walk, each as the path that closes it (first node repeated last). */
export function findCycles(nodes: Iterable<string>, next: (node: string) => Iterable<string>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const target of next(node)) {
      if (state.get(target) === 'open') cycles.push([...stack.slice(stack.indexOf(target)), target]);
      else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of nodes) if (!state.has(node)) visit(node);
  return cycles;
}
