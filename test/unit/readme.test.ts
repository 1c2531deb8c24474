/**
 * README.md and docs/ against the tree: every path they name exists, every npm script they name is
 * in package.json, the README's Layout lists every folder of src/lib, and each config.json example
 * passes the app's own validation with no key its platform ignores. A renamed file, script, folder
 * or config key fails here rather than in a newcomer's or a deployer's hands.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig, type UnknownKeys } from '../../src/lib/config/validate-config.ts';
import { getProvider, knownProviderKinds } from '../../src/lib/providers/registry.ts';
import { ROOT_DIR } from '../helpers/paths.ts';

const read = (path: string): string => readFileSync(join(ROOT_DIR, path), 'utf8');
const DOCS = ['README.md', ...readdirSync(join(ROOT_DIR, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const README = read('README.md');

/** Repository paths a text names: `src/…`, `test/…`, `docs/…`, `public/…`, and docs/security.md's test files, written relative to test/. */
function namedPaths(text: string): string[] {
  const rooted = [...text.matchAll(/(?<![\w./-])(?:src|test|docs|public)\/[\w./-]*[\w/]/g)].map((match) => match[0]);
  const underTest = [...text.matchAll(/`((?:unit|component|e2e)\/[\w./-]+\.test\.ts)`/g)].map((match) => `test/${match[1]}`);
  return [...new Set([...rooted, ...underTest])];
}

describe('README.md and docs/', () => {
  it.each(DOCS)('%s names only paths that exist', (doc) => {
    const paths = namedPaths(read(doc));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => !existsSync(join(ROOT_DIR, path)))).toEqual([]);
  });

  it.each(DOCS)('%s names only npm scripts package.json has', (doc) => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
    const named = [...read(doc).matchAll(/\bnpm (?:run (?:-s )?([\w:-]+)|(test)\b)/g)].map((match) => match[1] ?? match[2]!);
    expect(named.filter((name) => !scripts.includes(name))).toEqual([]);
  });

  it("the README names the Node.js versions package.json's engines allows, which are Vite's", () => {
    const engines = (file: string): string => (JSON.parse(read(file)) as { engines: { node: string } }).engines.node;
    // Vite is the tool with the narrowest range (no Node 21, none before 22.12 on 22): were
    // package.json's looser, npm ci would install on a Node that cannot run the commands.
    expect(engines('package.json')).toBe(engines('node_modules/vite/package.json'));
    expect(README).toContain(`\`${engines('package.json')}\``);
  });

  it("the README's Layout lists every folder of src/lib", () => {
    const layout = README.slice(README.indexOf('## Layout'));
    const listed = new Set([...layout.matchAll(/^src\/lib\/([\w-]+)\//gm)].map((match) => match[1]));
    const folders = readdirSync(join(ROOT_DIR, 'src/lib'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.filter((folder) => !listed.has(folder))).toEqual([]);
    expect([...listed].filter((folder) => !folders.includes(folder!))).toEqual([]);
  });

  it("every config.json example in the README passes validation with no ignored key, one per platform", () => {
    const kinds: string[] = [];
    for (const [, block] of README.matchAll(/```json\n([\s\S]*?)```/g)) {
      const json = JSON.parse(block!) as { stores?: unknown[] };
      const config = json.stores ? json : { stores: [json] };
      const unknown: UnknownKeys[] = [];
      const { stores } = validateConfig(config, unknown);
      expect(unknown.map(({ entry, known, path }) => `${path}: ${Object.keys(entry).filter((key) => !known.has(key)).join(', ')}`)).toEqual([]);
      kinds.push(...stores.map((store) => store.kind));
    }
    expect(kinds.sort()).toEqual(knownProviderKinds().sort());
  });

  it("every config.json key a platform reads, and every scope it can ask for, is explained in the README's text", () => {
    const prose = README.replace(/```[\s\S]*?```/g, '');
    const unexplained: string[] = [];
    for (const [, block] of README.matchAll(/```json\n([\s\S]*?)```/g)) {
      const json = JSON.parse(block!) as { stores?: object[] };
      // A key no platform reads makes validateConfig report the keys the entry's platform asked for.
      const unknown: UnknownKeys[] = [];
      validateConfig({ stores: (json.stores ?? [json]).map((entry) => ({ ...entry, _probe: true })) }, unknown);
      for (const { entry, known } of unknown) {
        const scopes = getProvider(String(entry.kind)).scopes.map((scope) => scope.id);
        unexplained.push(...[...known, ...scopes].filter((key) => !prose.includes(`\`${key}\``)).map((key) => `${String(entry.kind)}: ${key}`));
      }
    }
    expect(unexplained).toEqual([]);
  });
});
