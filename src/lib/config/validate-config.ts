/**
 * Checks the deployment's config.json: `validateConfig` (pure) checks every field and returns a
 * clean AppConfig or throws ConfigError naming the first bad field; each platform's own fields are
 * checked by its profile through a ConfigReader. Part of the boot chunk (load-config.ts imports it
 * statically): every visit checks config.json before anything else is built. Its own problems are
 * named by a key and its parameters (see {@link invalid}); their sentences are needed only for a
 * config.json that needs fixing and load only then (config-lint.ts, `sentence`).
 */
import { getProvider, knownProviderKinds } from '../providers/registry.ts';
import { ConfigError } from './config-error.ts';
import { isTrustworthy } from '../shared/loopback.ts';
import type { ConfigReader, StoreConfigBase, StoreKind } from '../connect/store-config.ts';
import type { AppConfig, StoreConfig } from './types.ts';

export { ConfigError } from './config-error.ts';

const ID_PATTERN = /^[a-z0-9-]+$/;

type JsonObject = Readonly<Record<string, unknown>>;

/**
 * CONFIG_INVALID for `field`. `words` is a profile's own sentence, or a key (lower-case letters)
 * of config-lint.ts's SENTENCES and its parameters, which the hint holds one a line
 * (`http\napiBase`) until `sentence` (config-lint.ts) says them: loadConfig and
 * validateConfigStrictly do.
 */
function invalid(field: string, ...words: string[]): ConfigError {
  return new ConfigError('CONFIG_INVALID', field, words.join('\n'));
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireText(store: JsonObject, key: string, path: string, hint: string): string {
  const value = store[key];
  if (typeof value !== 'string' || value.trim() === '') throw invalid(`${path}.${key}`, hint);
  return value;
}

/**
 * An absolute http(s) URL, https unless the host is loopback (isTrustworthy: the token travels to it), with no
 * credentials, no fragment and no surrounding whitespace. The string is kept as written:
 * redirect_uri must match the registered one exactly (RFC 6749 3.1.2).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.1
 */
function requireEndpoint(store: JsonObject, key: string, path: string): string {
  const field = `${path}.${key}`;
  const value = store[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(field, 'url', key);
  }
  // \s is what trim() removes, so it also finds surrounding whitespace
  if (/[\s\u0000-\u001F\u007F]/.test(value)) {
    throw invalid(field, 'spaces', key);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(field, 'absolute', key);
  }
  if (!isTrustworthy(url)) {
    throw invalid(field, url.protocol === 'http:' ? 'http' : 'scheme', key);
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid(field, 'userinfo', key);
  }
  if (value.includes('#')) {
    throw invalid(field, 'fragment', key);
  }
  return value;
}

/**
 * Key names that hold a secret, refused anywhere in a store entry (platforms.md 1.1), compared without case, hyphens or underscores: any name with
 * "secret", "password" or "passwd", "privatekey", "apikey" or "credential" in it (Shopware's
 * `secretAccessKey`, an `integrationSecret`), and any ending in "token" or "accesskey" (Shopware's
 * and StoreHippo's access keys, a bearer or refresh token). Endpoints (`tokenEndpoint`) are not.
 */
const SECRET_NAME = /secret|passw(or)?d|privatekey|apikey|credential|token$|accesskey$/;
const isSecretName = (key: string): boolean => SECRET_NAME.test(key.toLowerCase().replace(/[-_\s]/g, ''));
const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/** The path of the first secret-named key in `value` (nested objects and lists included), or undefined. */
function findSecretKey(value: unknown, path: string, depth = 0): string | undefined {
  if (depth > 8 || typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findSecretKey(item, `${path}[${index}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (isSecretName(key)) return `${path}.${key}`;
    const found = findSecretKey(item, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The ConfigReader a kind's validator reads its fields with. */
export function configReader(entry: JsonObject, path: string): ConfigReader {
  const fail = (key: string, ...words: string[]): never => {
    throw invalid(key === '' ? path : `${path}.${key}`, ...words);
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[], hint: string): T => {
    const value = entry[key];
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) return fail(key, hint);
    return value as T;
  };
  const text = (key: string, hint: string): string => requireText(entry, key, path, hint);
  const endpoint = (key: string): string => requireEndpoint(entry, key, path);
  /** The reading of `key`, or undefined when the key is absent. */
  const optional =
    <A extends unknown[], R>(read: (key: string, ...rest: A) => R) =>
    (key: string, ...rest: A): R | undefined =>
      entry[key] === undefined ? undefined : read(key, ...rest);
  return {
    path,
    text,
    optionalText: optional(text),
    endpoint,
    optionalEndpoint: optional(endpoint),
    oneOf,
    optionalOneOf: optional(oneOf) as ConfigReader['optionalOneOf'],
    listOf<T extends string>(key: string, allowed: readonly T[], fallback?: readonly T[]): T[] {
      const value = entry[key];
      if (value === undefined && fallback) return [...fallback];
      if (!Array.isArray(value) || value.length === 0) return fail(key, 'some', ...allowed);
      const result: T[] = [];
      value.forEach((item: unknown, index) => {
        if (typeof item !== 'string' || !(allowed as readonly string[]).includes(item)) {
          fail(`${key}[${index}]`, 'known', ...allowed);
        }
        if (result.includes(item as T)) fail(`${key}[${index}]`, 'twice', String(item));
        result.push(item as T);
      });
      return result;
    },
    flag(key, fallback) {
      const value = entry[key];
      if (value === undefined) return fallback;
      if (typeof value !== 'boolean') return fail(key, 'flag', key);
      return value;
    },
    optionalCurrency(key) {
      const value = entry[key];
      if (value === undefined) return undefined;
      if (typeof value !== 'string' || !CURRENCY_PATTERN.test(value)) return fail(key, 'currency', key);
      return value;
    },
    fail,
  };
}

function validateStore(value: unknown, index: number, seenIds: Set<string>, unknown?: UnknownKeys[]): StoreConfig {
  const path = `stores[${index}]`;
  if (!isObject(value)) throw invalid(path, 'entry');
  const secretKey = findSecretKey(value, path);
  if (secretKey) throw invalid(secretKey, 'secret');

  // The keys the platform's validator asks for, to tell a misspelt one from a key it ignores
  // (config-lint.ts); also when a check throws, the common ones' too: a required key's misspelling
  // (`apiBAse`, `Name`) is the cause to name.
  const known = new Set(['id', 'kind', 'name', 'apiBase']);
  try {
    const id = value.id;
    // Nor "constructor", which every object has: the screens look stores up by id in plain objects.
    if (typeof id !== 'string' || !ID_PATTERN.test(id) || id in {}) {
      throw invalid(`${path}.id`, 'id');
    }
    if (seenIds.has(id)) throw invalid(`${path}.id`, 'taken', id);
    seenIds.add(id);

    const kinds = knownProviderKinds();
    const kind = value.kind;
    if (typeof kind !== 'string' || !kinds.includes(kind)) {
      throw invalid(`${path}.kind`, 'kind');
    }
    const provider = getProvider(kind);
    const name = requireText(value, 'name', path, 'name');
    const apiBase = requireEndpoint(value, 'apiBase', path);
    // Nor a ?query, nor the API's own path (/api, /api/v1, /api/1.1), which each platform adds: every
    // request would be answered 404, read as "nothing at this address", naming nothing in config.json.
    if (/\?|\/api(\/[^/]*)?\/?$/.test(apiBase)) throw invalid(`${path}.apiBase`, 'base', apiBase);
    const base: StoreConfigBase = { id, kind: kind as StoreKind, name, apiBase };
    const asked = new Proxy(value, { get: (entry, key) => (typeof key === 'string' && known.add(key), Reflect.get(entry, key)) });
    return provider.validateConfig(configReader(asked, path), base);
  } finally {
    if (Object.keys(value).some((key) => !known.has(key))) unknown?.push({ entry: value, known, path });
  }
}

/** An entry with keys its platform did not ask for, and those it did (config-lint.ts checks them for misspellings). */
export interface UnknownKeys {
  entry: JsonObject;
  known: ReadonlySet<string>;
  path: string;
}

/**
 * Checks parsed config.json and returns a clean copy (unknown keys are ignored and dropped; the
 * entries that have some are added to `unknown`, also when it throws). Throws ConfigError
 * CONFIG_INVALID naming the first bad field, its hint a key and parameters (see {@link invalid}):
 * validateConfigStrictly (config-lint.ts) gives it in words.
 */
export function validateConfig(json: unknown, unknown?: UnknownKeys[]): AppConfig {
  if (!isObject(json)) throw invalid('', 'file');
  const stores = json.stores;
  if (!Array.isArray(stores)) throw invalid('stores', 'stores');
  if (stores.length === 0) throw invalid('stores', 'none');
  const seenIds = new Set<string>();
  const validated = stores.map((store: unknown, index) => validateStore(store, index, seenIds, unknown));
  refuseSharedRedirects(validated);
  return { stores: validated };
}

/**
 * Two redirect-based stores may share one redirect URI only when both name their issuer and their
 * servers always send `iss` (authorizationResponseIssParameterSupported): the callback alone then
 * cannot tell which server answered, and `iss` is what tells them apart; a server that may leave
 * it out would let one server's answer pass for the other's. The URIs are compared as the browser
 * arrives on them (`https://APP.example/` is `https://app.example/`).
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.4.2
 * @see https://www.rfc-editor.org/rfc/rfc9207#section-2.4
 */
function refuseSharedRedirects(stores: readonly StoreConfig[]): void {
  const firstWith = new Map<string, number>();
  const tellsIssuer = (store: StoreConfig) =>
    'issuer' in store && store.issuer !== undefined && 'authorizationResponseIssParameterSupported' in store && store.authorizationResponseIssParameterSupported === true;
  stores.forEach((store, index) => {
    if (!('redirectUri' in store)) return;
    const address = new URL(store.redirectUri).href;
    const earlier = firstWith.get(address);
    if (earlier === undefined) {
      firstWith.set(address, index);
      return;
    }
    const other = stores[earlier]!;
    if (!tellsIssuer(store) || !tellsIssuer(other)) {
      throw invalid(`stores[${index}].redirectUri`, 'shared', other.id);
    }
  });
}

