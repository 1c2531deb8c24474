/**
 * FlickRocket products, price models, categories and orders -> the domain (platforms.md 1.4, 3.3).
 * Pure: the adapter fetches prices.json and categories.json once and passes them in.
 * - price: cents / 100, rounded to the currency's digits; with several licence bindings the lowest
 *   ("from") price; compareAtPrice from that binding's compare model, only when higher. No price
 *   model in any currency (no binding, unknown models, a model priced by country only): null, "Price
 *   not available", never 0 (free); the product stays listed.
 * - currency: the configured one if the models have it, else EUR, else USD, else the first listed.
 * - licences (two or more bindings): each binding's licence, named from licenses.json in the
 *   configured language (else English, else its `name`), as the official plugin names the variations
 *   it makes of them, with its price in that currency or null; the quality (a Video HD's HD/SD, an
 *   audio product's MP3/FLAC) and the number of users only where the bindings differ by them.
 * - name/description: the locale in the configured language, else English, else the first locale,
 *   else the product `title` and an empty description.
 */
import type { Order, OrderStatus, Product, ProductImage, ProductLicence } from '../../domain/catalog.ts';
import { toHttpUrl } from '../../sanitize/safe-url.ts';
import { roundToCurrency } from '../money.ts';
import { storeOrderStatus } from '../order-status.ts';
import {
  invalidResponse,
  optionalArray,
  optionalBoolean,
  optionalInteger,
  optionalString,
  readObject,
  requireDateTime,
  requireInteger,
  requireNonEmptyString,
  requireString,
  type WireObject,
} from '../wire.ts';
import { readCollapsibleList } from './wire.ts';

/** A price model as the mapper needs it: upper-case ISO code -> cents, in the model's order. */
export type PriceModel = ReadonlyMap<string, number>;

export interface FlickRocketMapContext {
  /** By price model id (from prices.json). */
  prices: ReadonlyMap<number, PriceModel>;
  /** Category id -> display name (from categories.json). */
  categories: ReadonlyMap<number, string>;
  /** Licence id -> its name in the configured language (from licenses.json); absent: not read. */
  licences?: ReadonlyMap<number, string>;
  /** config `currency`, e.g. "EUR". */
  currency?: string;
  /** config `language`, e.g. "en". */
  language?: string;
}

/** FlickRocket's numeric language ids [code plugin]. */
export const LANGUAGE_IDS: Readonly<Record<string, number>> = { en: 1, de: 2, pt: 6, es: 8, it: 10, fr: 12 };
const RELEASE_CUTOFF = Date.UTC(2001, 0, 1);
const KNOWN_CURRENCIES: ReadonlySet<string> | undefined =
  typeof Intl.supportedValuesOf === 'function' ? new Set(Intl.supportedValuesOf('currency')) : undefined;

function currencyCode(value: string, path: string): string {
  const code = value.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || (KNOWN_CURRENCIES !== undefined && !KNOWN_CURRENCIES.has(code))) {
    throw invalidResponse(path, 'an ISO 4217 currency code');
  }
  return code;
}

/** prices.json (`{"prices":[...]}`, or `{"price":{...}}`) -> models by id. */
export function readPriceModels(json: unknown): Map<number, PriceModel> {
  const models = new Map<number, PriceModel>();
  readCollapsibleList(json, 'prices', 'price').forEach((model, index) => {
    const path = `$.prices[${index}]`;
    const amounts = new Map<string, number>();
    optionalArray(model, 'currencies', path).forEach((entry, i) => {
      const item = readObject(entry, `${path}.currencies[${i}]`);
      const code = currencyCode(requireString(item, 'currency', `${path}.currencies[${i}]`), `${path}.currencies[${i}].currency`);
      if (!amounts.has(code)) amounts.set(code, requireInteger(item, 'price', `${path}.currencies[${i}]`, 0));
    });
    models.set(requireInteger(model, 'id', path), amounts);
  });
  return models;
}

/** categories.json (`{"categories":[...]}` or `{"category":{...}}`) -> id -> `name` (else `title`). */
export function readCategoryNames(json: unknown): Map<number, string> {
  const names = new Map<number, string>();
  readCollapsibleList(json, 'categories', 'category').forEach((category, index) => {
    const path = `$.categories[${index}]`;
    const name = optionalString(category, 'name', path) ?? optionalString(category, 'title', path);
    if (name !== undefined && name.trim() !== '') names.set(requireInteger(category, 'id', path), name);
  });
  return names;
}

/**
 * licenses.json (`{"licenses":[...]}` or `{"license":{...}}`) -> id -> the name in `language`, else
 * English, else its `name` (the plugin's get_localized_license_name, which keeps `name` where no
 * locale is in the language), else its first locale's.
 */
export function readLicenceNames(json: unknown, language: string | undefined): Map<number, string> {
  const names = new Map<number, string>();
  readCollapsibleList(json, 'licenses', 'license').forEach((licence, index) => {
    const path = `$.licenses[${index}]`;
    const locales = optionalArray(licence, 'locales', path).flatMap((l, i) => {
      const locale = readObject(l, `${path}.locales[${i}]`);
      const name = optionalString(locale, 'name', `${path}.locales[${i}]`)?.trim();
      return name ? [{ id: locale['language_id'], name }] : [];
    });
    const inLanguage = [language, 'en'].flatMap((lang) => (lang === undefined ? [] : locales.filter((l) => languageMatches(l.id, lang))))[0];
    const name = inLanguage?.name ?? optionalString(licence, 'name', path)?.trim() ?? locales[0]?.name;
    if (name) names.set(requireInteger(licence, 'id', path), name);
  });
  return names;
}

/** The currency shown: configured, else EUR, else USD, else the first one offered. */
export function chooseCurrency(offered: readonly string[], configured: string | undefined): string | undefined {
  const preferred = configured?.toUpperCase();
  for (const candidate of [preferred, 'EUR', 'USD']) if (candidate !== undefined && offered.includes(candidate)) return candidate;
  return offered[0];
}

function languageMatches(id: unknown, language: string): boolean {
  const lang = language.toLowerCase();
  return id === LANGUAGE_IDS[lang] || (typeof id === 'string' && id.toLowerCase() === lang);
}

/** The locale to show: configured language, else English, else the first. */
export function chooseLocale(locales: readonly WireObject[], language: string | undefined): WireObject | undefined {
  for (const lang of [language, 'en']) {
    if (lang === undefined) continue;
    const found = locales.find((l) => languageMatches(l['language_id'], lang));
    if (found !== undefined) return found;
  }
  return locales[0];
}

function priceModelOf(binding: WireObject, key: string, at: string, context: FlickRocketMapContext): PriceModel | undefined {
  const id = optionalInteger(binding, key, at);
  return id === undefined ? undefined : context.prices.get(id);
}

/** What tells a binding from the others, by product type (the plugin's ": HD" / ": SD", ": MP3" / ": FLAC"). */
const QUALITIES: readonly { types: readonly number[]; key: string; words: Readonly<Record<string, string>> }[] = [
  { types: [9], key: 'hd', words: { true: 'HD', false: 'SD' } },
  { types: [23, 24], key: 'audio_type', words: { 0: 'MP3', 1: 'FLAC' } },
];

/** Two or more bindings: each one's licence and price in `currency` (a price in none of them: null). */
function licencesOf(bindings: readonly WireObject[], productType: number | undefined, currency: string, context: FlickRocketMapContext, path: string): ProductLicence[] | undefined {
  if (bindings.length < 2) return undefined;
  const differ = (key: string): boolean => new Set(bindings.map((b) => String(b[key]))).size > 1;
  const details = QUALITIES.filter((q) => productType !== undefined && q.types.includes(productType) && differ(q.key));
  const users = differ('num_users');
  return bindings.map((binding, index) => {
    const at = `${path}[${index}]`;
    const id = optionalInteger(binding, 'license_id', at);
    const name = (id === undefined ? undefined : context.licences?.get(id)) ?? `Licence ${index + 1}`;
    const parts = details.flatMap((q) => q.words[String(binding[q.key])] ?? []);
    const count = optionalInteger(binding, 'num_users', at);
    if (users && count !== undefined) parts.push(count === 1 ? '1 user' : `${count} users`);
    const cents = priceModelOf(binding, 'price_id', at, context)?.get(currency);
    return { name: [name, ...parts].join(' · '), price: cents === undefined ? null : roundToCurrency(cents / 100, currency) };
  });
}

interface Pricing {
  price: number | null;
  compareAtPrice: number | null;
  currency: string;
  priceFrom?: true;
}

function pricing(bindings: readonly WireObject[], context: FlickRocketMapContext, path: string): Pricing {
  const modelOf = (binding: WireObject, key: string, at: string): PriceModel | undefined => priceModelOf(binding, key, at, context);
  const offered: string[] = [];
  for (const [index, binding] of bindings.entries()) {
    for (const code of modelOf(binding, 'price_id', `${path}[${index}]`)?.keys() ?? []) if (!offered.includes(code)) offered.push(code);
  }
  const currency = chooseCurrency(offered, context.currency);
  // No resolvable price model: no price (said so, not shown as 0, i.e. free), in the configured
  // currency; the list keeps the product (decision).
  if (currency === undefined) return { price: null, compareAtPrice: null, currency: (context.currency ?? 'EUR').toUpperCase() };
  let best: { cents: number; binding: WireObject; at: string } | undefined;
  let several = false;
  for (const [index, binding] of bindings.entries()) {
    const at = `${path}[${index}]`;
    const cents = modelOf(binding, 'price_id', at)?.get(currency);
    if (cents !== undefined && best !== undefined && cents !== best.cents) several = true;
    if (cents !== undefined && (best === undefined || cents < best.cents)) best = { cents, binding, at };
  }
  // `currency` is one some binding's model has: a binding priced in it was found.
  if (best === undefined) return { price: null, compareAtPrice: null, currency };
  const toMajor = (cents: number): number => roundToCurrency(cents / 100, currency);
  const price = toMajor(best.cents);
  const compareCents = modelOf(best.binding, 'compare_price_id', best.at)?.get(currency);
  const compareAtPrice = compareCents === undefined ? null : toMajor(compareCents);
  return { price, currency, compareAtPrice: compareAtPrice !== null && compareAtPrice > price ? compareAtPrice : null, ...(several ? { priceFrom: true as const } : {}) };
}

/** FlickRocket dates have no zone ("2019-05-02T00:00:00"): read as UTC. */
function isoUtc(value: string): string {
  return /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
}

function images(product: WireObject, path: string): ProductImage[] {
  const out: ProductImage[] = [];
  optionalArray(product, 'images', path).forEach((item) => {
    const raw = typeof item === 'string' ? item : typeof item === 'object' && item !== null ? (item as WireObject)['url'] : undefined;
    const url = toHttpUrl(raw);
    if (url !== undefined) out.push({ url, alt: '' });
  });
  return out;
}

function publishedAtOf(product: WireObject, path: string): string | undefined {
  return product['published_at'] === undefined || product['published_at'] === null ? undefined : isoUtc(requireDateTime(product, 'published_at', path));
}

/**
 * The plugin's release rule: a product is out only with a `published_at` after 2001 (FlickRocket
 * keeps 0001-01-01 for one never released); shown as published only then, and valid.
 */
export function isReleased(product: WireObject, path = '$.product'): boolean {
  const publishedAt = publishedAtOf(product, path);
  return publishedAt !== undefined && Date.parse(publishedAt) > RELEASE_CUTOFF;
}

export function mapProduct(json: unknown, context: FlickRocketMapContext, path = '$.product'): Product {
  const product = readObject(json, path);
  const id = requireInteger(product, 'id', path, 0);
  const title = requireString(product, 'title', path);
  const locales = optionalArray(product, 'locales', path).map((l, i) => readObject(l, `${path}.locales[${i}]`));
  const locale = chooseLocale(locales, context.language);
  const localeTitle = locale === undefined ? undefined : optionalString(locale, 'title', `${path}.locales`);
  const description = locale === undefined ? undefined : optionalString(locale, 'description', `${path}.locales`);
  const bindings = optionalArray(product, 'price_license_binding', path).map((b, i) => readObject(b, `${path}.price_license_binding[${i}]`));
  const publishedAt = publishedAtOf(product, path);
  const released = isReleased(product, path);
  const categories: string[] = [];
  optionalArray(product, 'categories', path).forEach((c, i) => {
    const name = context.categories.get(requireInteger(readObject(c, `${path}.categories[${i}]`), 'category_id', `${path}.categories[${i}]`));
    if (name !== undefined && !categories.includes(name)) categories.push(name);
  });
  const name = localeTitle !== undefined && localeTitle.trim() !== '' ? localeTitle : title;
  if (name.trim() === '') throw invalidResponse(`${path}.title`, 'a non-empty string');
  const priced = pricing(bindings, context, `${path}.price_license_binding`);
  const licences = licencesOf(bindings, optionalInteger(product, 'product_type', path), priced.currency, context, `${path}.price_license_binding`);
  return {
    id: String(id),
    name,
    descriptionHtml: description ?? '',
    descriptionShort: '',
    ...priced,
    ...(licences !== undefined ? { licences } : {}),
    images: images(product, path),
    categories,
    tags: [],
    inStock: undefined,
    published: optionalBoolean(product, 'valid', path) === true && released,
    created: publishedAt ?? '1970-01-01T00:00:00Z',
  };
}

const ORDER_STATUSES: Readonly<Record<string, OrderStatus>> = { pending: 'pending', paid: 'paid', shipped: 'shipped', cancelled: 'cancelled', refunded: 'refunded' };

/** An order (fields [unverified], platforms.md 3.4): unknown statuses read as pending. */
export function mapOrder(json: unknown, path = '$.order'): Order {
  const order = readObject(json, path);
  const id = requireInteger(order, 'id', path, 0);
  const currency = currencyCode(requireNonEmptyString(order, 'currency', path), `${path}.currency`);
  const email = optionalString(order, 'email', path);
  return {
    id: String(id),
    number: optionalString(order, 'order_number', path) ?? String(id),
    createdAt: isoUtc(requireDateTime(order, 'created_at', path)),
    total: roundToCurrency(requireInteger(order, 'total_price', path, 0) / 100, currency),
    currency,
    ...storeOrderStatus(optionalString(order, 'status', path), ORDER_STATUSES),
    ...(email !== undefined && email !== '' ? { customerEmail: email } : {}),
  };
}
