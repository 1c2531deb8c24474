/** Keeps the import arrows of the sign-in half pointing one way, and secrets out of web storage and logs. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../../src/lib');
const read = (folder: string) =>
  readdirSync(join(root, folder))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ path: `${folder}/${name}`, text: readFileSync(join(root, folder, name), 'utf8') }));
const files = ['oauth', 'storage', 'oidc', 'auth'].flatMap(read);
const staticImports = (text: string) => [...text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)].map((m) => ({ typeOnly: !!m[1], from: m[2]! }));

/** Static imports and dynamic `import('…')` calls alike. */
const allImports = (text: string) => [
  ...staticImports(text).map(({ from }) => from),
  ...[...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!),
];

describe('layering of oauth / storage / oidc / auth', () => {
  it('finds the files it checks', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('only src/lib/oidc imports oidc-client-ts', () => {
    expect(files.some((f) => /from\s+'oidc-client-ts'/.test(f.text))).toBe(true);
    for (const file of files) {
      if (file.path.startsWith('oidc/')) continue;
      expect(file.text, file.path).not.toMatch(/(from\s+|import\()'oidc-client-ts'/);
    }
  });

  it('src/lib/oauth imports only its own modules and uses no browser globals', () => {
    for (const file of files.filter((f) => f.path.startsWith('oauth/'))) {
      for (const { from } of staticImports(file.text)) expect(from, file.path).toMatch(/^\.\/[a-z-]+\.ts$/);
      expect(file.text, file.path).not.toMatch(/\b(window|document|indexedDB|location|navigator)\./);
    }
  });

  it('storage and oidc do not import upward (auth, state, components)', () => {
    for (const file of files.filter((f) => f.path.startsWith('storage/') || f.path.startsWith('oidc/'))) {
      for (const { from } of staticImports(file.text)) expect(from, file.path).not.toMatch(/\.\.\/(auth|state|components)\//);
    }
  });

  it('the auth service reaches the oidc module only through a dynamic import (lazy oidc-client-ts)', () => {
    const service = files.find((f) => f.path === 'auth/auth-service.ts')!;
    for (const { typeOnly, from } of staticImports(service.text)) {
      if (from.includes('/oidc/')) expect(typeOnly, from).toBe(true);
    }
    expect(service.text).toMatch(/import\('\.\.\/oidc\/code-flow\.ts'\)/);
  });

  it('nothing goes to localStorage, cookies or the console', () => {
    for (const file of files) {
      expect(file.text, file.path).not.toMatch(/\blocalStorage\s*[.[]|\.localStorage\b/);
      expect(file.text, file.path).not.toMatch(/document\.cookie/);
      expect(file.text, file.path).not.toMatch(/\bconsole\./);
    }
  });

  it('sessionStorage is touched by exactly one file, the pending sign-in fallback, and only the auth service uses it', () => {
    const touchesSessionStorage = /\bsessionStorage\s*[.[]|\.sessionStorage\b/;
    expect(files.filter((f) => touchesSessionStorage.test(f.text)).map((f) => f.path)).toEqual(['storage/session-fallback.ts']);
    const importers = files.filter((f) => allImports(f.text).some((from) => from.endsWith('/session-fallback.ts')));
    expect(importers.map((f) => f.path)).toEqual(['auth/auth-service.ts']);
  });
});
