import { HttpError } from '../oauth/http-errors.ts';

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

/** The longest a store's message is shown: a sentence or two, not a page the store sent. */
export const STORE_WORDS_MAX = 300;

/**
 * A store's message as plain text for the screen: tags and control characters out, spaces folded,
 * any copy of `secret` (the credential the request was signed with) cut out, at most
 * STORE_WORDS_MAX characters. '' for anything but text.
 */
export function storeWords(value: unknown, secret = ''): string {
  if (typeof value !== 'string') return '';
  const cut = (text: string): string => (secret === '' ? text : text.split(secret).join('[redacted]'));
  let text = cut(value).replace(/<[^>]*>/g, ' ');
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();
  return text.length > STORE_WORDS_MAX ? `${text.slice(0, STORE_WORDS_MAX - 1).trimEnd()}…` : text;
}

/**
 * Builds a refusal from the store's (field, words) pairs: a field's words beside it, the rest
 * joined into the summary; undefined when the store said nothing readable (the generic words stay).
 */
export function refusalOf(said: readonly StoreSaid[], secret = ''): SaveRefusal | undefined {
  const fields: SaveRefusal['fields'] = {};
  const loose: string[] = [];
  for (const { field, words } of said.slice(0, 20)) {
    const text = storeWords(words, secret);
    if (text === '') continue;
    if (field === undefined) {
      if (!loose.includes(text)) loose.push(text);
    } else if (fields[field] === undefined) fields[field] = text;
    else if (!fields[field].includes(text)) fields[field] = storeWords(`${fields[field]} ${text}`);
  }
  if (loose.length === 0 && Object.keys(fields).length === 0) return undefined;
  return { fields, summary: storeWords(loose.join(' ')) };
}
