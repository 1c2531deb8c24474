/**
 * What the widget's code can be reached through and what it can reach (security cases 37, 38, 40):
 * it takes no messages from its host page and sends none, and it navigates nowhere by itself. Read
 * from the source of every file the widget's entries reach (its own and the app's modules it
 * bundles), so a change that adds such a channel fails here and has to bring its own checks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImportGraph } from '../../helpers/import-graph.ts';

const src = join(import.meta.dirname, '../../../src');
const { edges } = readImportGraph(src);

/** Every file of src/ the widget's two entries reach (the app's modules it bundles too), type-only imports left out. */
function reachedFrom(entries: string[]): string[] {
  const seen = new Set(entries);
  for (const file of seen) {
    for (const edge of edges) if (edge.from === file && edge.to !== undefined && edge.kind !== 'type') seen.add(edge.to);
  }
  return [...seen].filter((file) => /\.ts$/.test(file)).sort();
}

const files = reachedFrom(['widget/index.ts', 'widget/classic.ts']).map((name) => ({ name, text: readFileSync(join(src, name), 'utf8') }));

describe('the widget’s surface', () => {
  it('finds the files it checks', () => {
    const names = files.map((file) => file.name);
    expect(names).toContain('widget/storefront-products.ts');
    // The app's own modules the widget bundles are read too: a listener added there reaches the host page as well.
    expect(names).toContain('lib/sanitize/safe-url.ts');
  });

  it('neither listens for nor posts messages (no postMessage channel a hostile host could feed)', () => {
    for (const { name, text } of files) {
      expect(text, name).not.toMatch(/postMessage|addEventListener(\?\.)?\(\s*['"`](message|messageerror)['"`]|onmessage|BroadcastChannel|MessageChannel/);
    }
  });

  it('navigates nowhere by itself and opens no window (links are the person’s own clicks)', () => {
    for (const { name, text } of files) {
      expect(text, name).not.toMatch(/\b(location\.(assign|replace|href\s*=)|window\.open\(|\.submit\()/);
    }
  });
});
