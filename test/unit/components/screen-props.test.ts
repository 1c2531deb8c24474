/**
 * The shell hands a screen its props one by one, by name (view-loaders.ts ScreenProps), not as a
 * spread (whose runtime would be in every first load): so every prop a screen's view takes must be
 * in ScreenProps, and the shell must pass every one of them, or a view gets undefined in its place.
 * (What screenFor hands each route is pinned in test/component/ui/shell-screens.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../helpers/paths.ts';

const COMPONENTS = join(ROOT_DIR, 'src/lib/components');
const read = (path: string): string => readFileSync(join(COMPONENTS, path), 'utf8');

/** The names ScreenProps lists. */
function screenProps(): string[] {
  const body = /export interface ScreenProps \{([^}]*)\}/.exec(read('view-loaders.ts'))?.[1] ?? '';
  return [...body.matchAll(/^\s*(\w+)\?:/gm)].map((match) => match[1]!);
}

/** The views screenFor loads (view-loaders.ts LOADERS), by file. */
function screenViews(): string[] {
  return [...read('view-loaders.ts').matchAll(/import\('\.\/views\/(\w+\.svelte)'\)/g)].map((match) => match[1]!);
}

/** The props a view destructures from $props(), less those with a default that the shell never sets (a test's hook). */
function viewProps(file: string): string[] {
  const list = /let \{([^}]*)\}(?:: \w+)? = \$props\(\)/.exec(read(join('views', file)))?.[1] ?? '';
  return list
    .split(/,(?![^(]*\))/)
    .map((part) => part.trim())
    .filter((part) => part !== '' && !part.startsWith('navigate'))
    .map((part) => part.split(/\s*=/)[0]!.trim());
}

describe('screen props', () => {
  it('lists some props, and the screens it is read for', () => {
    expect(screenProps()).toContain('storeId');
    expect(screenViews()).toHaveLength(9);
  });

  it('the shell passes every prop of ScreenProps to the screen, by name', () => {
    const shell = read('Shell.svelte');
    for (const name of screenProps()) expect(shell, name).toContain(`${name}={screen.props.${name}}`);
  });

  it("every prop a screen's view takes is in ScreenProps", () => {
    const listed = new Set(screenProps());
    for (const file of screenViews()) {
      const props = viewProps(file);
      expect(props.length, file).toBeGreaterThan(0);
      for (const name of props) expect(listed.has(name), `${file}: ${name}`).toBe(true);
    }
  });
});
