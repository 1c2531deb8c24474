/**
 * The pasted "Get Token" bundle (platforms.md 5.1): Foxy's admin › Integrations › Get Token shows
 * `client_id`, `client_secret`, `access_token` and `refresh_token` once. The person pastes the
 * whole block; this picks the three fields the app needs by name (the `access_token` is ignored:
 * the app refreshes at once to check the bundle). JSON with the same keys is accepted too.
 * Errors name the field, never a value.
 */
import { unwrapPasted } from '../../connect/pasted.ts';
import { AppError } from '../../oauth/errors.ts';

export interface FoxyBundle {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export type BundleField = 'client_id' | 'client_secret' | 'refresh_token';
export type BundleProblem = 'missing' | 'malformed' | 'conflicting';

/** `a`, `a and b`, `a, b and c`. */
function listed(fields: readonly string[]): string {
  return fields.length < 2 ? (fields[0] ?? '') : `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}`;
}

/**
 * A pasted bundle the app cannot use; `field` says which value is at fault (the first, when
 * `missing` names several). 'cut-off': JSON whose end is missing (a copy that stopped short).
 */
export class BundleError extends AppError {
  readonly field: BundleField | undefined;
  readonly problem: BundleProblem | 'unreadable' | 'cut-off';
  /** Every field the paste lacks, for a 'missing' problem. */
  readonly missing: readonly BundleField[];

  constructor(field: BundleField | undefined, problem: BundleProblem | 'unreadable' | 'cut-off', missing: readonly BundleField[] = field ? [field] : []) {
    // Shown to the person as they are (credential-words.ts): sentences, saying what to do.
    const what = field ?? 'a value';
    const wholeBlock = 'Copy the whole block from Foxy’s Integrations › Get Token page.';
    const messages = {
      missing: `The pasted text has no ${listed(missing.length > 0 ? missing : [what])}. ${wholeBlock}`,
      'cut-off': 'This looks like Foxy’s bundle, but it is cut off: copy all of it, from { to }.',
      malformed: `The ${what} does not look like a Foxy credential (no spaces, printable characters only).`,
      conflicting: `The ${what} appears twice with different values. ${wholeBlock}`,
      unreadable: `The pasted text holds none of client_id, client_secret and refresh_token. ${wholeBlock}`,
    };
    super('CREDENTIALS_INVALID', messages[problem]);
    this.name = 'BundleError';
    this.field = field;
    this.problem = problem;
    this.missing = missing;
  }
}

const FIELDS: readonly BundleField[] = ['client_id', 'client_secret', 'refresh_token'];
const KNOWN = new Set<string>([...FIELDS, 'access_token', 'expires_in', 'token_type', 'scope']);
/** Visible ASCII, no spaces: what goes into a Basic header or a form field unchanged. */
const CREDENTIAL = /^[\x21-\x7E]{1,4096}$/;
const MAX_PASTE = 64 * 1024;

/** `Client ID`, `client-id`, `clientId`, `"client_id"` → `client_id`. */
function normaliseLabel(label: string): string {
  return label
    .trim()
    .replace(/^["'`]+|["'`]+$/g, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Strips what copying from a page, a chat or a JSON-ish listing adds around a value (typographic quotes too). */
function cleanValue(value: string): string {
  return unwrapPasted(value.trim().replace(/[,;]$/, '').trim().replace(/^["'`]+|["'`]+$/g, ''));
}

function fromJson(text: string): Map<string, string> | undefined {
  if (!text.startsWith('{')) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const found = new Map<string, string>();
  const record = json as Record<string, unknown>;
  // The create-client answer nests the tokens under `token`; a flat object wins over it.
  const nested = typeof record['token'] === 'object' && record['token'] !== null ? (record['token'] as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries({ ...nested, ...record })) {
    const label = normaliseLabel(key);
    if (FIELDS.includes(label as BundleField)) {
      if (typeof value !== 'string') throw new BundleError(label as BundleField, 'malformed');
      found.set(label, value.trim());
    }
  }
  return found;
}

/**
 * Lines as `name: value`, `name = value`, `name<TAB>value`, or a name alone on its line with the
 * value on the next non-empty line (a copied table or definition list).
 */
function fromLines(text: string): Map<string, string> {
  const found = new Map<string, string>();
  const put = (label: string, value: string): void => {
    if (!FIELDS.includes(label as BundleField)) return;
    const previous = found.get(label);
    if (previous !== undefined && previous !== value) throw new BundleError(label as BundleField, 'conflicting');
    found.set(label, value);
  };
  const lines = text.split(/\r\n|\r|\n/).map((l) => l.trim()).filter((l) => l !== '');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const pair = /^([A-Za-z_"'`“”‘’ -]{2,40}?)\s*(?::|=|\t|\s{2,})\s*(.*)$/.exec(line);
    const label = normaliseLabel(pair?.[1] ?? line);
    if (pair !== null && KNOWN.has(label) && cleanValue(pair[2] ?? '') !== '') {
      put(label, cleanValue(pair[2] ?? ''));
      continue;
    }
    const alone = normaliseLabel(line.replace(/[:=]\s*$/, ''));
    if (KNOWN.has(alone)) {
      const next = lines[i + 1];
      if (next !== undefined && !KNOWN.has(normaliseLabel(next.replace(/[:=].*$/, '')))) {
        put(alone, cleanValue(next));
        i++;
      }
    }
  }
  return found;
}

/** Checks three separately typed values (a form with one input per field). */
export function bundleFromFields(fields: { clientId: string; clientSecret: string; refreshToken: string }): FoxyBundle {
  const values: Record<BundleField, string> = {
    client_id: fields.clientId.trim(),
    client_secret: fields.clientSecret.trim(),
    refresh_token: fields.refreshToken.trim(),
  };
  for (const field of FIELDS) {
    if (values[field] === '') throw new BundleError(field, 'missing');
    if (!CREDENTIAL.test(values[field])) throw new BundleError(field, 'malformed');
  }
  return { clientId: values.client_id, clientSecret: values.client_secret, refreshToken: values.refresh_token };
}

/**
 * Parses the pasted Get Token block (or JSON). Throws BundleError (CREDENTIALS_INVALID) naming
 * every missing field, or the first malformed one, or saying a JSON paste is cut off.
 */
export function parseFoxyBundle(pasted: string): FoxyBundle {
  const text = pasted.trim();
  if (text === '' || text.length > MAX_PASTE) throw new BundleError(undefined, 'unreadable');
  const json = fromJson(text);
  // `{` without its closing `}` that did not parse: the copy stopped short of the end, maybe inside
  // a value (read line by line, a refresh_token cut in half would pass for a whole one).
  if (json === undefined && text.startsWith('{') && !text.endsWith('}')) throw new BundleError(undefined, 'cut-off');
  const found = json ?? fromLines(text);
  const missing = FIELDS.filter((field) => (found.get(field) ?? '') === '');
  if (found.size === 0) throw new BundleError(undefined, 'unreadable');
  if (missing.length > 0) throw new BundleError(missing[0], 'missing', missing);
  return bundleFromFields({
    clientId: found.get('client_id') ?? '',
    clientSecret: found.get('client_secret') ?? '',
    refreshToken: found.get('refresh_token') ?? '',
  });
}
