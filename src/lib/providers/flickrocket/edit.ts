/**
 * A domain ProductEdit -> the body of `PUT /api/products/{id}.json` (platforms.md 3.4:
 * `{"product":{title, valid, locales}}`, wrapper [unverified]). The shown name and description come
 * from the locale the mapper chose, so the edit goes to that same locale (created when the product
 * has none); the other languages' locales are sent back as read, since a PUT of `locales` most
 * likely replaces the list (docs/platform-evidence.md). Prices live in shared price models: not
 * editable from this app [decision].
 */
import type { ProductEdit } from '../../domain/catalog.ts';
import { SaveRefusedError, type RefusedField, type StoreSaid } from '../../domain/refusal.ts';
import { AppError } from '../../oauth/errors.ts';
import { optionalArray, optionalString, readObject } from '../wire.ts';
import { LANGUAGE_IDS, chooseLocale, isReleased } from './map.ts';
import type { FlickRocketLocaleWire } from './wire.ts';

export interface FlickRocketProductPutWire {
  product: { title?: string; valid?: boolean; locales?: FlickRocketLocaleWire[] };
}

/** Said beside Published when it cannot take: nothing is sent. */
const NOT_RELEASED = 'This product has never been released (it has no release date), so FlickRocket does not show it. Set its release date in FlickRocket Admin, then publish it here.';

/** `current` is the product as last read (its wire JSON); `language` the config's. */
export function productEditBody(edit: ProductEdit, current: unknown, language?: string): FlickRocketProductPutWire {
  if (edit.price !== undefined || edit.inventory !== undefined) {
    throw new AppError('API_BAD_REQUEST', 'FlickRocket prices and stock cannot be edited from this app');
  }
  const product = readObject(current, '$.product');
  // Published here is valid and released (map.ts): valid alone would leave it unpublished under "Saved.".
  if (edit.published === true && !isReleased(product)) throw new SaveRefusedError(400, { fields: { published: NOT_RELEASED }, summary: '' }, 'FlickRocket product never released');
  const body: FlickRocketProductPutWire = { product: {} };
  if (edit.name !== undefined) body.product.title = edit.name;
  if (edit.published !== undefined) body.product.valid = edit.published;
  if (edit.name !== undefined || edit.description !== undefined) {
    const locales = optionalArray(product, 'locales', '$.product').map((l, i) => readObject(l, `$.product.locales[${i}]`));
    const locale = chooseLocale(locales, language);
    const languageId = locale?.['language_id'];
    const title = edit.name ?? (locale === undefined ? undefined : optionalString(locale, 'title', '$.product.locales')) ?? optionalString(product, 'title', '$.product') ?? '';
    const description = edit.description ?? (locale === undefined ? undefined : optionalString(locale, 'description', '$.product.locales')) ?? '';
    const edited: FlickRocketLocaleWire = {
      ...locale,
      language_id: typeof languageId === 'number' || typeof languageId === 'string' ? languageId : (LANGUAGE_IDS[language?.toLowerCase() ?? 'en'] ?? 1),
      title,
      description,
    };
    // Every locale goes back, the edited one changed: a PUT that replaces the list keeps the others.
    body.product.locales = locale === undefined ? [edited] : locales.map((l) => (l === locale ? edited : { ...l }) as FlickRocketLocaleWire);
  }
  return body;
}

const MODEL_FIELDS: Readonly<Record<string, RefusedField>> = { title: 'name', valid: 'published', description: 'description' };

/**
 * A refused PUT: `{"error": "..."}` (the OWIN shape its other errors have [unverified]) or ASP.NET
 * Web API's `{"Message", "ModelState": {"product.title": ["..."]}}` [assumed], each key's words
 * beside the field its last part names.
 */
export function flickRocketRefused(json: unknown): StoreSaid[] {
  if (typeof json !== 'object' || json === null) return [];
  const body = json as { error?: unknown; Message?: unknown; ModelState?: unknown };
  const said: StoreSaid[] = [];
  const state = body.ModelState;
  if (typeof state === 'object' && state !== null) {
    for (const [key, words] of Object.entries(state)) {
      const last = /([A-Za-z]+)$/.exec(key)?.[1]?.toLowerCase() ?? '';
      for (const text of Array.isArray(words) ? words : [words]) said.push({ field: Object.hasOwn(MODEL_FIELDS, last) ? MODEL_FIELDS[last] : undefined, words: text });
    }
  }
  if (said.length === 0) said.push({ words: typeof body.error === 'string' ? body.error : body.Message });
  return said;
}
