import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../../src/lib');
const LOWER_LAYERS = ['api', 'config', 'providers', 'sanitize'];
/** What these folders may import: each other, the protocol core's errors and types, and plain libraries. */
const FORBIDDEN = /from\s+['"](?:\.\.\/(?:state|components|oidc|storage)\/|svelte|idb-keyval|oidc-client-ts)/;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(ROOT, folder, name));
}

describe('layering of api, config, providers and sanitize', () => {
  const files = LOWER_LAYERS.flatMap(sourceFiles);

  it('finds the modules it checks', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of files) {
    const relative = file.slice(ROOT.length + 1);
    it(`${relative} imports nothing from higher layers and never logs`, () => {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toMatch(FORBIDDEN);
      expect(text).not.toMatch(/\bconsole\./);
      expect(text).not.toMatch(/access_token=/);
    });
  }
});
