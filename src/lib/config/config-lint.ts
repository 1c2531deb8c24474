/**
 * What is said about a config.json that needs fixing, loaded only then (load-config.ts imports it
 * when the file does not parse, when a field is wrong, or when an entry has keys its platform did
 * not ask for): where the JSON stopped being valid, the sentence for each problem validate-config.ts
 * names by a key, and a key that nearly spells one its platform knows.
 */
import { ConfigError } from './config-error.ts';
import { validateConfig, type UnknownKeys } from './validate-config.ts';
import { knownProviderKinds } from '../providers/registry.ts';
import type { AppConfig } from './types.ts';

/**
 * How to fix each problem validate-config.ts names, by its key; the parameters are those the hint
 * holds after the key, one a line (validate-config.ts, `invalid`). The words are the page's
 * (ConfigErrorView): loadConfig and validateConfigStrictly give them, through `sentence`.
 */
const SENTENCES: Readonly<Record<string, (...params: string[]) => string>> = {
  url: (key) => `Set ${key} to an absolute https:// URL.`,
  spaces: (key) => `Remove the spaces or control characters from ${key}.`,
  absolute: (key) => `Write ${key} as an absolute URL, starting with https://.`,
  scheme: (key) => `Use an https:// URL for ${key}.`,
  http: (key) => `Use https:// for ${key}; plain http:// is only allowed for a loopback host (localhost, *.localhost, 127.x.x.x, [::1]).`,
  userinfo: (key) => `Remove the user name or password from ${key}.`,
  fragment: (key) => `Remove the #fragment from ${key}.`,
  // Also for a value written without its brackets ("storefront"): the list is what is missing.
  some: (...allowed) => `Write a list of at least one of ${allowed.join(', ')}, in square brackets, like ["${allowed[0]}"].`,
  known: (...allowed) => `Use only values this platform knows: ${allowed.join(', ')}.`,
  twice: (value) => `Remove the second "${value}": list each value once.`,
  flag: (key) => `Set ${key} to true or false (without quotes).`,
  currency: (key) => `Write ${key} as an ISO 4217 code in capitals, like "EUR".`,
  entry: () => 'Each entry of "stores" must be an object describing one store.',
  // config.json is public (anyone can download it): a secret that was deployed in it is known.
  secret: () => 'Remove this key: secrets are entered in the app when connecting, never in config.json, which anyone can download. If it held a real secret that was ever deployed, replace that secret at the store.',
  id: () => 'Give the store an id made of lower-case letters, digits and hyphens, like "my-shop" (and not "constructor", a name every JavaScript object has).',
  taken: (id) => `Another store already uses the id "${id}"; give each store its own id.`,
  kind: () => `Set kind to one of the supported platforms: ${knownProviderKinds().join(', ')}.`,
  name: () => 'Give the store a name to show people.',
  base: (apiBase) =>
    apiBase.includes('?')
      ? 'Remove the ?query from apiBase; it is the server address the API paths are added to.'
      : `Write apiBase without the trailing ${/\/api(\/[^/]*)?\/?$/.exec(apiBase)?.[0]}: it is the store's address, and the app adds the API's path itself.`,
  file: () => 'The file must hold one JSON object of the form {"stores": [...]}.',
  stores: () => 'Add a "stores" list with one entry per store the app can connect to.',
  none: () => 'List at least one store in "stores".',
  shared: (other) =>
    `"${other}" uses the same redirectUri; give each store its own redirectUri (this page's address for one, the same ending in index.html for the other: both open the app, and register each with its store), or set issuer and authorizationResponseIssParameterSupported: true on both (their servers must always send iss).`,
};

/**
 * The sentence for a hint validate-config.ts gave as a key and parameters; any other hint (a
 * profile's own sentence) as it is.
 */
export function sentence(hint: string): string {
  const [key = '', ...params] = hint.split('\n');
  return Object.hasOwn(SENTENCES, key) ? SENTENCES[key]!(...params) : hint;
}

/** The hint for a config.json that did not parse (`error` is JSON.parse's), saying where it stopped. */
export function jsonProblem(text: string, error: unknown): string {
  if (text.trimStart().startsWith('<')) return 'The server sent a web page instead of config.json; deploy the file next to index.html.';
  if (text.trim() === '') return 'config.json is empty; it needs {"stores": [...]}.';
  // Where the parser stopped, as a line and column a person can go to: V8 (Chromium) says "at
  // position 42", Firefox "at line 3 column 18"; Safari says neither, and then nothing is said.
  const message = String(error);
  const at = /position (\d+)/.exec(message)?.[1];
  const lines = at === undefined ? undefined : text.slice(0, Number(at)).split('\n');
  const given = /line (\d+) column (\d+)/.exec(message);
  const where = lines ? ` at line ${lines.length}, column ${lines.at(-1)!.length + 1}` : given ? ` at line ${given[1]}, column ${given[2]}` : '';
  // No place given (V8 gives none for a comment at the very start, nor for a comma before `]`,
  // Safari never does): a line that is a comment, or a comma after the last item (left behind when
  // a store is removed), is the likely cause, and it can be named.
  const comment = text.split('\n').findIndex((line) => /^\s*(\/\/|\/\*|#)/.test(line));
  if (where === '' && comment >= 0) return `config.json has a comment at line ${comment + 1}; JSON allows no comments: remove it.`;
  const comma = where === '' ? trailingComma(text) : -1;
  if (comma >= 0) {
    const before = text.slice(0, comma).split('\n');
    return `config.json has a comma after the last item at line ${before.length}, column ${before.at(-1)!.length + 1}; JSON allows none: remove it.`;
  }
  return `config.json is not valid JSON${where}; check for a missing comma, quote or bracket (JSON allows no comments and no comma after the last item).`;
}

/** Where a comma after an item is followed by nothing but `]` or `}` (outside strings), or -1. */
function trailingComma(text: string): number {
  const closes = /\s*[\]}]/y;
  let inString = false;
  let previous = ''; // the last character outside whitespace
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === ',' && !'[{,'.includes(previous)) {
      closes.lastIndex = i + 1;
      if (closes.test(text)) return i;
    }
    if (!/\s/.test(char)) previous = char;
  }
  return -1;
}

/**
 * Throws CONFIG_INVALID for a key the platform (with `path` '', the file itself) does not know but that nearly spells one it does and
 * the entry lacks (`revocationEndPoint`): dropped, it would leave the store without what the
 * deployer meant to give it (sign-out revoking nothing). Other unknown keys (notes, `_comment`) are
 * ignored.
 */
export function refuseMisspelt({ entry, known, path }: UnknownKeys): void {
  for (const key of Object.keys(entry)) {
    if (known.has(key)) continue;
    const meant = [...known].find((candidate) => !(candidate in entry) && nearly(key.toLowerCase(), candidate.toLowerCase()));
    if (!meant) continue;
    if (path === '') throw new ConfigError('CONFIG_INVALID', key, `config.json has no "${key}"; did you mean "${meant}"?`); // the file's own keys
    throw new ConfigError('CONFIG_INVALID', `${path}.${key}`, `This platform has no "${key}"; did you mean "${meant}"?`);
  }
}

/**
 * validateConfig, its problem said in words, with a misspelt key named first (also before the
 * missing key it stands for): what the deploy tools and tests use; the app does the same
 * (loadConfig) with this module loaded only when needed.
 */
export function validateConfigStrictly(json: unknown): AppConfig {
  const unknown: UnknownKeys[] = [];
  try {
    return validateConfig(json, unknown);
  } catch (error) {
    if (!(error instanceof ConfigError) || sentence(error.hint) === error.hint) throw error;
    throw new ConfigError('CONFIG_INVALID', error.field, sentence(error.hint));
  } finally {
    unknown.forEach(refuseMisspelt);
  }
}

/** Whether `a` and `b` (lower-cased) are the same (`Name`, `ID`), or (five letters or more) differ by at most two letters added, dropped or changed. */
function nearly(a: string, b: string): boolean {
  if (a === b) return true;
  let row = [...Array(b.length + 1).keys()];
  for (let i = 0; i < a.length; i++) {
    const next = [i + 1];
    for (let j = 0; j < b.length; j++) next.push(Math.min(row[j + 1]! + 1, next[j]! + 1, row[j]! + Number(a[i] !== b[j])));
    row = next;
  }
  return a.length > 4 && b.length > 4 && row[b.length]! < 3;
}
