import { HttpError } from '../oauth/http-errors.ts';
import { hidesCredential, holdsCopy } from './credential-copies.ts';

/** The product form's fields a store may name when it refuses a save. */
export type RefusedField = 'name' | 'price' | 'inventory' | 'description' | 'published';

/**
 * What a store said when it refused a product save (a 400 or 422 to an update or a create), as each
 * platform's adapter reads its error body: its words for each field it named, and the words it did
 * not tie to a field. Plain text, already cut to size and cleared of the credential (storeWords).
 */
export interface SaveRefusal {
  fields: Partial<Record<RefusedField, string>>;
  /** The store's words tied to no field of the form ('' when every word was tied to one). */
  summary: string;
}

/** A product save the store refused for what was sent; the form shows its words. */
export class SaveRefusedError extends HttpError {
  readonly refusal: SaveRefusal;

  constructor(status: number, refusal: SaveRefusal, message?: string) {
    super('API_BAD_REQUEST', status, message === undefined ? {} : { message });
    this.name = 'SaveRefusedError';
    this.refusal = refusal;
  }
}

/** One thing a store said of a refused save: its words, and the form's field they concern when it named one. */
export interface StoreSaid {
  field?: RefusedField | undefined;
  words: unknown;
}

/** The operations whose 400 or 422 is a refused save, shown beside the form's fields. */
export const SAVES: readonly string[] = ['updateProduct', 'createProduct'];

/**
 * Whether the store's `status` to `operation` refused a save for what was sent (shown in the form,
 * with the store's words when it gave any). A 409 to a create is one too, not a conflict: nothing
 * existed that someone else could have changed meanwhile ("Changed elsewhere" was said of a new
 * product). Goodsie documents a 409 for PATCH only (goodsie-api.yaml: an `updated` older than the
 * store's); on POST /api/v1/products it documents none, so no reason is guessed (a taken name or
 * number): the store refused it, in its own words where it sent some.
 */
export function refusedSave(operation: string, status: number): boolean {
  return SAVES.includes(operation) && (status === 400 || status === 422 || (status === 409 && operation === 'createProduct'));
}

/** The longest a store's message is shown: a sentence or two, not a page the store sent. */
export const STORE_WORDS_MAX = 300;

/**
 * The most of a store's message read at all: the tag pattern takes time growing with the square of
 * what it scans (160 KB of '<' held the tab 14 s), and no more than this is ever shown.
 */
const READ_MAX = 4 * STORE_WORDS_MAX;

/**
 * A run shaped like a credential, whichever it is (an access or refresh token, an integration secret,
 * a pasted key) and however copied (another case, base64, URL-encoded): long, no space, letters and
 * digits both (a long word or number alone is not one).
 */
const CREDENTIAL_LIKE = /[A-Za-z0-9._~+=%-]{24,}/g;

/** Letters and digits both: a long word or a long number alone is not a credential. */
const credentialShaped = (run: string): boolean => /\d/.test(run) && /[a-z]/i.test(run);

/**
 * A store's message as plain text for the screen: tags and control characters out, spaces folded,
 * any copy of `secret` (the credential the request was signed with; several joined by U+0000) cut
 * out, every run shaped like a credential too, at most STORE_WORDS_MAX characters. '' for anything
 * but text, and where a copy of `secret` is still in it (in another case, split by spaces or tags,
 * URL-encoded, or written another way: credential-copies.ts), or a credential-shaped run is spelled
 * in escapes: nothing of such a message is shown.
 */
export function storeWords(value: unknown, secret = ''): string {
  if (typeof value !== 'string') return '';
  const secrets = secret.split('\u0000').filter((one) => one !== '');
  // Cut before the text is shortened: a copy across the READ_MAX boundary would be left half there.
  let text = secrets.reduce((words, one) => words.split(one).join('[redacted]'), value).slice(0, READ_MAX).replace(/<[^>]*>/g, ' ');
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, ' ').replace(/\s+/g, ' ').trim();
  // Before the runs are cut: a copy split in two would otherwise lose one half there and show the other.
  if (holdsCopy(text, secrets)) return '';
  text = text.replace(CREDENTIAL_LIKE, (run) => (credentialShaped(run) ? '[redacted]' : run));
  // A credential the request was not signed with, escaped (&#…; \u… %XX): nothing of it is shown.
  if (hidesCredential(text, CREDENTIAL_LIKE, credentialShaped)) return '';
  return text.length > STORE_WORDS_MAX ? `${text.slice(0, STORE_WORDS_MAX - 1).trimEnd()}…` : text;
}

/**
 * Builds a refusal from the store's (field, words) pairs: a field's words beside it, the rest
 * joined into the summary; undefined when the store said nothing readable (the generic words stay).
 */
export function refusalOf(said: readonly StoreSaid[], secret = ''): SaveRefusal | undefined {
  const words = new Map<RefusedField | undefined, string[]>();
  for (const { field, words: text } of said.slice(0, 20)) {
    const clean = storeWords(text, secret);
    const kept = words.get(field) ?? [];
    if (clean !== '' && !kept.includes(clean)) words.set(field, [...kept, clean]);
  }
  // Joined, then read again: a copy of the credential split between two messages is found there too.
  const fields: SaveRefusal['fields'] = {};
  for (const [field, texts] of words) {
    const joined = storeWords(texts.join(' '), secret);
    if (field !== undefined && joined !== '') fields[field] = joined;
  }
  const summary = storeWords((words.get(undefined) ?? []).join(' '), secret);
  if (summary === '' && Object.keys(fields).length === 0) return undefined;
  return { fields, summary };
}
