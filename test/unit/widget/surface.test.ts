/**
 * What the widget's code can be reached through and what it can reach (security cases 37, 38, 40):
 * it takes no messages from its host page and sends none, and it navigates nowhere by itself. Read
 * from the source, so a change that adds such a channel fails here and has to bring its own checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../../src/widget');
const files = readdirSync(root)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => ({ name, text: readFileSync(join(root, name), 'utf8') }));

describe('the widget’s surface', () => {
  it('finds the files it checks', () => {
    expect(files.map((file) => file.name)).toContain('storefront-products.ts');
  });

  it('neither listens for nor posts messages (no postMessage channel a hostile host could feed)', () => {
    for (const { name, text } of files) {
      expect(text, name).not.toMatch(/postMessage|addEventListener\(\s*['"]message['"]|onmessage|BroadcastChannel|MessageChannel/);
    }
  });

  it('navigates nowhere by itself and opens no window (links are the person’s own clicks)', () => {
    for (const { name, text } of files) {
      expect(text, name).not.toMatch(/\b(location\.(assign|replace|href\s*=)|window\.open\(|\.submit\()/);
    }
  });
});
