/**
 * Rune classes keep their `$state` private behind getters and methods (issue 8): no `*.svelte.ts`
 * class declares a public `$state` field, and no component assigns to a field of a state object.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../helpers/paths.ts';

const SRC = join(ROOT_DIR, 'src');

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path, suffix);
    return entry.name.endsWith(suffix) ? [path] : [];
  });
}

/** Public `$state` fields declared in the classes of one source text, as `Class.field`. */
export function publicStateFields(source: string): string[] {
  const found: string[] = [];
  for (const cls of source.matchAll(/^(?:export\s+)?class\s+(\w+)[^{]*\{([\s\S]*?)^\}/gm)) {
    for (const field of cls[2]!.matchAll(/^\s+(?:readonly\s+)?(?!#)(\w+)\s*(?::[^=\n]+)?=\s*\$state\b/gm)) {
      found.push(`${cls[1]}.${field[1]}`);
    }
  }
  return found;
}

/**
 * Assignments in one component to a field of a state object: a name bound to `X.get()`,
 * `X.install(...)`, `apis.info(...)` or `new StateClass(...)`, or a prop typed as a state class.
 */
export function stateFieldWrites(source: string, stateClasses: readonly string[]): string[] {
  const classes = stateClasses.join('|');
  const bound = new Set<string>();
  const binding = new RegExp(
    String.raw`(?:const|let)\s+(\w+)\s*=\s*(?:(?:${classes})\.(?:get|install)\(|\w+\.info\(|new\s+(?:${classes})\b)`,
    'g',
  );
  for (const m of source.matchAll(binding)) bound.add(m[1]!);
  for (const m of source.matchAll(new RegExp(String.raw`\b(\w+)\??\s*:\s*(?:${classes})\b`, 'g'))) bound.add(m[1]!);
  const writes: string[] = [];
  for (const name of bound) {
    const write = new RegExp(String.raw`\b${name}\.(\w+)\s*(?:[-+*/?|&]*=(?![=>])|\+\+|--)`, 'g');
    for (const m of source.matchAll(write)) writes.push(`${name}.${m[1]}`);
  }
  return writes;
}

const stateFiles = filesUnder(SRC, '.svelte.ts');
const stateClasses = stateFiles.flatMap((f) =>
  [...readFileSync(f, 'utf8').matchAll(/^export\s+class\s+(\w+)/gm)].map((m) => m[1]!),
);

describe('rune classes keep their $state private', () => {
  it('finds the state classes', () => {
    expect(stateClasses).toEqual(expect.arrayContaining(['Session', 'StoreApis', 'Catalog', 'StoreInfo', 'Router']));
  });

  it('no *.svelte.ts class declares a public $state field', () => {
    const offenders = stateFiles.flatMap((f) =>
      publicStateFields(readFileSync(f, 'utf8')).map((field) => `${relative(ROOT_DIR, f)}: ${field}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no component assigns to a field of a state object', () => {
    const offenders = filesUnder(SRC, '.svelte').flatMap((f) =>
      stateFieldWrites(readFileSync(f, 'utf8'), stateClasses).map((w) => `${relative(ROOT_DIR, f)}: ${w}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the checks catch a public $state field and a component write', () => {
    const cls = 'export class A {\n  #ok = $state(1);\n  bad = $state<string | null>(null);\n  plain = 2;\n}\n';
    expect(publicStateFields(cls)).toEqual(['A.bad']);
    const component = [
      'const session = Session.get();',
      'const info = apis.info(storeId);',
      'let form = $state({ name: "" });',
      'session.discarded = [];',
      'info.pages = await x();',
      'if (session.loaded === true) form.name = "x";',
    ].join('\n');
    expect(stateFieldWrites(component, ['Session', 'StoreApis'])).toEqual(['session.discarded', 'info.pages']);
  });
});
