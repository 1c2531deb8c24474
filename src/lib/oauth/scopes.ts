/**
 * scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
 */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export function isScopeToken(value: string): boolean {
  return SCOPE_TOKEN.test(value);
}

/**
 * Split a space-delimited scope string into tokens: empty pieces dropped, duplicates removed,
 * first-seen order kept. Does not validate the characters (see {@link isScopeToken}).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
 */
export function parseScope(value: string | null | undefined): string[] {
  if (!value) return [];
  return dedupeScopes(value.split(' '));
}

/** Join scopes with single spaces, deduplicated, order-stable. */
export function formatScope(scopes: readonly string[]): string {
  return dedupeScopes(scopes).join(' ');
}

/** Drop empty and repeated entries, keeping the first occurrence's position. */
export function dedupeScopes(scopes: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const scope of scopes) {
    if (scope !== '') seen.add(scope);
  }
  return [...seen];
}

/** Whether two grants name the same scopes, in any order. */
export function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((scope) => b.includes(scope));
}
