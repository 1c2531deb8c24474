/** Longest route we carry through a sign-in. */
const MAX_RETURN_TO_LENGTH = 2048;

/**
 * An internal app route to return to after sign-in, or '/' when `value` is not one: it must start
 * with '/', not '//', and hold no backslash, no control character and no scheme. Browsers strip tabs
 * and newlines and read '\' as '/', so "/\t/evil.example" or "/\evil.example" would leave the app.
 */
export function sanitizeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_RETURN_TO_LENGTH) return '/';
  if (!value.startsWith('/') || value.startsWith('//')) return '/';
  if (value.includes('\\')) return '/';
  if (/[\u0000-\u001F\u007F]/.test(value)) return '/';
  return value;
}
