import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { barrelExports, FAILURE_PARTS, namesFromBarrel, neededModules, STORE_SCREEN, type ModuleFacts } from '../../deploy/first-load.ts';
import { readImportGraph } from '../../helpers/import-graph.ts';
import { ROOT_DIR } from '../../helpers/paths.ts';

const RUNTIME = '/app/node_modules/svelte/src/internal/client';
const BARREL = `${RUNTIME}/index.js`;

/** A tiny graph: the boot's component uses `each`, a lazy one `html`; both import the barrel. */
const modules: Record<string, ModuleFacts> = {
  '/app/src/boot.ts': { code: `import App from './App.svelte';`, importedIds: ['/app/src/App.svelte'] },
  '/app/src/App.svelte': {
    code: `import * as $ from 'svelte/internal/client';\nconst x = $.each(a, b); $.append(c, d); other.$.html(e);`,
    importedIds: [BARREL],
  },
  '/app/src/Lazy.svelte': { code: `import * as $ from 'svelte/internal/client';\n$.html(a);`, importedIds: [BARREL] },
  [BARREL]: {
    code: `export { each, index } from './dom/blocks/each.js';\nexport { html } from './dom/blocks/html.js';\nexport {\n\tappend,\n\tcomment as text\n} from './dom/template.js';`,
    importedIds: [`${RUNTIME}/dom/blocks/each.js`, `${RUNTIME}/dom/blocks/html.js`, `${RUNTIME}/dom/template.js`],
  },
  [`${RUNTIME}/dom/blocks/each.js`]: { code: `import { x } from '../operations.js';`, importedIds: [`${RUNTIME}/dom/operations.js`] },
  [`${RUNTIME}/dom/blocks/html.js`]: { code: '', importedIds: [] },
  [`${RUNTIME}/dom/template.js`]: { code: '', importedIds: [] },
  [`${RUNTIME}/dom/operations.js`]: { code: '', importedIds: [] },
};
const lookup = (id: string): ModuleFacts | null => modules[id] ?? null;

describe('first-load modules', () => {
  it('reads the barrel’s export map, renamed exports included', () => {
    const map = barrelExports(BARREL, modules[BARREL]!.code!);
    expect(map.get('each')).toBe(`${RUNTIME}/dom/blocks/each.js`);
    expect(map.get('text')).toBe(`${RUNTIME}/dom/template.js`);
    expect(map.has('comment')).toBe(false);
  });

  it('takes the members of a namespace import and named imports, not look-alikes', () => {
    expect(namesFromBarrel(modules['/app/src/App.svelte']!.code!)).toEqual(new Set(['each', 'append']));
    expect(namesFromBarrel(`import { get, render_effect as effect } from '../../internal/client/index.js';`)).toEqual(new Set(['get', 'render_effect']));
    expect(namesFromBarrel(`import { get } from './elsewhere.js';`)).toBeUndefined();
  });

  it('follows the boot to the runtime it calls, leaving out what only a lazy screen calls', () => {
    const needed = neededModules(lookup, '/app/src/boot.ts');
    expect(needed).toContain(`${RUNTIME}/dom/blocks/each.js`);
    expect(needed).toContain(`${RUNTIME}/dom/operations.js`);
    expect(needed).toContain(`${RUNTIME}/dom/template.js`);
    expect(needed).not.toContain(`${RUNTIME}/dom/blocks/html.js`);
    expect(needed).not.toContain(BARREL);
  });

  it('counts the whole barrel when an importer’s use of it cannot be read', () => {
    const unread: Record<string, ModuleFacts> = { ...modules, '/app/src/App.svelte': { code: `import $ from 'svelte/internal/client';`, importedIds: [BARREL] } };
    const needed = neededModules((id) => unread[id] ?? null, '/app/src/boot.ts');
    expect(needed).toContain(BARREL);
    expect(needed).toContain(`${RUNTIME}/dom/blocks/html.js`);
  });
});

describe('the store screen’s chunk (STORE_SCREEN)', () => {
  it('no module of it imports another of it dynamically: the import would load nothing (Rolldown’s INEFFECTIVE_DYNAMIC_IMPORT), and only costs a wrapper and a wait', () => {
    const inChunk = new Set(STORE_SCREEN.map((path) => path.replace(/^src\//, '')));
    const { edges } = readImportGraph(join(ROOT_DIR, 'src'));
    const within = edges.filter((edge) => edge.kind === 'dynamic' && inChunk.has(edge.from) && edge.to !== undefined && inChunk.has(edge.to));
    expect(within.map((edge) => `${edge.from} -> ${edge.to}`)).toEqual([]);
  });
});

describe('the failure parts (FAILURE_PARTS): out of the store screen’s chunk, fetched ahead', () => {
  const { edges } = readImportGraph(join(ROOT_DIR, 'src'));
  const inSrc = (path: string) => path.replace(/^src\//, '');
  /** The modules reachable from `from` by static imports (type-only ones load nothing). Bounded: each once. */
  const staticReach = (from: readonly string[]): Set<string> => {
    const seen = new Set<string>();
    const queue = [...from];
    while (queue.length > 0) {
      const id = queue.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const edge of edges) if (edge.from === id && edge.kind === 'static' && edge.to !== undefined) queue.push(edge.to);
    }
    return seen;
  };

  it('no module of the store screen imports one of them statically: a returning visitor’s first cards never wait for them', () => {
    const reach = staticReach(STORE_SCREEN.map(inSrc));
    expect(FAILURE_PARTS.map(inSrc).filter((part) => reach.has(part))).toEqual([]);
    // (what does load them: the door in the store screen's chunk)
    expect(reach.has('lib/components/failure-parts.ts')).toBe(true);
  });

  it('the door (failure-parts.ts) loads each of them, and no other module of the app does but the shell and the failed boot through it', () => {
    const dynamicTo = (to: string) => edges.filter((edge) => edge.kind === 'dynamic' && edge.to === to).map((edge) => edge.from);
    for (const part of FAILURE_PARTS.map(inSrc)) expect(dynamicTo(part), part).toEqual(['lib/components/failure-parts.ts']);
    expect(dynamicTo('lib/components/failure-parts.ts').sort()).toEqual(['App.svelte', 'lib/components/Shell.svelte']);
  });

  it('what it fetches ahead is every part it loads', () => {
    const code = readFileSync(join(ROOT_DIR, 'src/lib/components/failure-parts.ts'), 'utf8');
    const loaders = [...code.matchAll(/export const (\w+) = part\(\(\) => import\('\.\/(\w+)\.svelte'\)\)/g)];
    expect(loaders.map((match) => `src/lib/components/${match[2]}.svelte`).sort()).toEqual([...FAILURE_PARTS].sort());
    const ahead = /for \(const load of \[([^\]]*)\]\)/.exec(code)?.[1]?.split(',').map((name) => name.trim());
    expect(ahead?.sort()).toEqual(loaders.map((match) => match[1]).sort());
  });
});
