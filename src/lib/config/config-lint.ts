/**
 * What is said about a config.json that needs fixing, loaded only then (load-config.ts imports it
 * when the file does not parse, or when an entry has keys its platform did not ask for): where the
 * JSON stopped being valid, and a key that nearly spells one its platform knows.
 */
import { ConfigError } from './config-error.ts';
import { validateConfig, type UnknownKeys } from './validate-config.ts';
import type { AppConfig } from './types.ts';

/** The hint for a config.json that did not parse (`error` is JSON.parse's), saying where it stopped. */
export function jsonProblem(text: string, error: unknown): string {
  if (text.trimStart().startsWith('<')) return 'The server sent a web page instead of config.json; deploy the file next to index.html.';
  if (text.trim() === '') return 'config.json is empty; it needs {"stores": [...]}.';
  // Where the parser stopped ("... at position 42"), as a line and column a person can go to.
  const at = /position (\d+)/.exec(String(error))?.[1];
  const lines = at === undefined ? undefined : text.slice(0, Number(at)).split('\n');
  const where = lines ? ` at line ${lines.length}, column ${lines.at(-1)!.length + 1}` : '';
  return `config.json is not valid JSON${where}; check for a missing comma, quote or bracket (JSON allows no comments and no comma after the last item).`;
}

/**
 * Throws CONFIG_INVALID for a key the platform does not know but that nearly spells one it does and
 * the entry lacks (`revocationEndPoint`): dropped, it would leave the store without what the
 * deployer meant to give it (sign-out revoking nothing). Other unknown keys (notes, `_comment`) are
 * ignored.
 */
export function refuseMisspelt({ entry, known, path }: UnknownKeys): void {
  for (const key of Object.keys(entry)) {
    if (known.has(key)) continue;
    const meant = [...known].find((candidate) => !(candidate in entry) && nearly(key.toLowerCase(), candidate.toLowerCase()));
    if (meant) throw new ConfigError('CONFIG_INVALID', `${path}.${key}`, `This platform has no "${key}"; did you mean "${meant}"?`);
  }
}

/**
 * validateConfig, with a misspelt key named first (also before the missing key it stands for): what
 * the deploy tools and tests use; the app does the same with this module loaded only when needed.
 */
export function validateConfigStrictly(json: unknown): AppConfig {
  const unknown: UnknownKeys[] = [];
  try {
    return validateConfig(json, unknown);
  } finally {
    unknown.forEach(refuseMisspelt);
  }
}

/** Whether `a` and `b` (five letters or more) differ by at most two letters added, dropped or changed. */
function nearly(a: string, b: string): boolean {
  let row = [...Array(b.length + 1).keys()];
  for (let i = 0; i < a.length; i++) {
    const next = [i + 1];
    for (let j = 0; j < b.length; j++) next.push(Math.min(row[j + 1]! + 1, next[j]! + 1, row[j]! + Number(a[i] !== b[j])));
    row = next;
  }
  return a.length > 4 && b.length > 4 && row[b.length]! < 3;
}
