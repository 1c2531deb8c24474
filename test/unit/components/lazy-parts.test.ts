/**
 * Every part of the app that loads on demand ({#await} of its code, in every component of src/) has
 * a {:catch}: a download that fails (offline, the site replaced since the tab opened) never leaves an
 * empty space where a form, a panel or a screen should be. What each catch shows is tested end to
 * end (the e2e failures-*.test.ts files).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../helpers/paths.ts';

const SRC = join(ROOT_DIR, 'src');

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? svelteFiles(join(dir, entry.name)) : entry.name.endsWith('.svelte') ? [join(dir, entry.name)] : [],
  );
}

interface AwaitNode {
  type: 'AwaitBlock';
  start: number;
  catch: unknown;
}

/** Every {#await} block in the template, wherever it is nested. */
function awaitBlocks(node: unknown, found: AwaitNode[] = []): AwaitNode[] {
  if (Array.isArray(node)) {
    for (const child of node) awaitBlocks(child, found);
  } else if (node && typeof node === 'object') {
    if ((node as { type?: unknown }).type === 'AwaitBlock') found.push(node as AwaitNode);
    for (const [key, value] of Object.entries(node)) if (key !== 'instance' && key !== 'module' && key !== 'css') awaitBlocks(value, found);
  }
  return found;
}

describe('parts loaded on demand', () => {
  const files = svelteFiles(SRC);

  it('finds the components and their {#await} blocks (the walk is not vacuous)', () => {
    const total = files.reduce((n, file) => n + awaitBlocks(parse(readFileSync(file, 'utf8'), { modern: true }).fragment).length, 0);
    expect(total).toBeGreaterThanOrEqual(12);
  });

  it('every {#await} has a {:catch}', () => {
    const missing = files.flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      return awaitBlocks(parse(source, { modern: true }).fragment)
        .filter((block) => block.catch === null)
        .map((block) => `${relative(ROOT_DIR, file)}:${source.slice(0, block.start).split('\n').length}`);
    });
    expect(missing).toEqual([]);
  });
});
