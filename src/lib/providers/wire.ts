/**
 * Readers for untrusted wire JSON. Each takes the JSON path of what it reads, and throws AppError
 * API_INVALID_RESPONSE naming that path (never the value: values are the server's data) when the
 * JSON breaks the contract. `null` counts as missing for optional fields.
 */
import { AppError } from '../oauth/errors.ts';

export type WireObject = Readonly<Record<string, unknown>>;

export function invalidResponse(path: string, expected: string): AppError {
  return new AppError('API_INVALID_RESPONSE', `response field ${path}: expected ${expected}`);
}

export function readObject(value: unknown, path: string): WireObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidResponse(path, 'an object');
  return value as WireObject;
}

export function requireString(object: WireObject, key: string, path: string): string {
  const value = object[key];
  if (typeof value !== 'string') throw invalidResponse(`${path}.${key}`, 'a string');
  return value;
}

export function requireNonEmptyString(object: WireObject, key: string, path: string): string {
  const value = requireString(object, key, path);
  if (value.trim() === '') throw invalidResponse(`${path}.${key}`, 'a non-empty string');
  return value;
}

export function optionalString(object: WireObject, key: string, path: string): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidResponse(`${path}.${key}`, 'a string');
  return value;
}

export function requireNumber(object: WireObject, key: string, path: string): number {
  const value = object[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidResponse(`${path}.${key}`, 'a finite number');
  return value;
}

export function optionalNumber(object: WireObject, key: string, path: string): number | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidResponse(`${path}.${key}`, 'a finite number');
  return value;
}

export function requireInteger(object: WireObject, key: string, path: string, min = Number.MIN_SAFE_INTEGER): number {
  const value = object[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw invalidResponse(`${path}.${key}`, `an integer >= ${min}`);
  }
  return value;
}

export function optionalInteger(object: WireObject, key: string, path: string, min = Number.MIN_SAFE_INTEGER): number | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  return requireInteger(object, key, path, min);
}

export function requireBoolean(object: WireObject, key: string, path: string): boolean {
  const value = object[key];
  if (typeof value !== 'boolean') throw invalidResponse(`${path}.${key}`, 'a boolean');
  return value;
}

export function optionalBoolean(object: WireObject, key: string, path: string): boolean | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidResponse(`${path}.${key}`, 'a boolean');
  return value;
}

/** A missing optional array is []. */
export function optionalArray(object: WireObject, key: string, path: string): readonly unknown[] {
  const value = object[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidResponse(`${path}.${key}`, 'an array');
  return value;
}

export function optionalStringArray(object: WireObject, key: string, path: string): string[] {
  return optionalArray(object, key, path).map((item, index) => {
    if (typeof item !== 'string') throw invalidResponse(`${path}.${key}[${index}]`, 'a string');
    return item;
  });
}

/**
 * The items of a list that `map` can read, and how many it could not (API_INVALID_RESPONSE): one
 * product without a name or a price does not hide the others. Any other failure is thrown on.
 */
export function readableItems<T>(items: readonly unknown[], map: (item: unknown, index: number) => T): { items: T[]; skipped: number } {
  const read: T[] = [];
  let skipped = 0;
  items.forEach((item, index) => {
    try {
      read.push(map(item, index));
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'API_INVALID_RESPONSE')) throw error;
      skipped++;
    }
  });
  return { items: read, skipped };
}

/** An ISO 8601 date-time the runtime can parse. */
export function requireDateTime(object: WireObject, key: string, path: string): string {
  const value = requireString(object, key, path);
  if (Number.isNaN(Date.parse(value))) throw invalidResponse(`${path}.${key}`, 'an ISO 8601 date-time');
  return value;
}

export function optionalDateTime(object: WireObject, key: string, path: string): string | undefined {
  if (object[key] === undefined || object[key] === null) return undefined;
  return requireDateTime(object, key, path);
}

/** An ISO 4217 code (normalised to upper case) that Intl knows how to format. */
export function requireCurrency(object: WireObject, key: string, path: string): string {
  const value = requireString(object, key, path).toUpperCase();
  if (!/^[A-Z]{3}$/.test(value)) throw invalidResponse(`${path}.${key}`, 'an ISO 4217 currency code');
  return value;
}
