/**
 * Scopes a sign-in asked for and the store did not grant (the person left them unticked on its
 * consent page, or the store does not give them to this app): per store, as of the last sign-in
 * made in this tab. RFC 6749 5.1: the token response's `scope` is the grant. What stays locked then
 * says the store did not grant it when last asked, rather than asking as if it never had been.
 * Loaded with the callback that notes it and the screens that say it, not with the first screen.
 */
const withheld = $state<Record<string, readonly string[]>>({});

/** A sign-in to `storeId` that asked for `asked` was granted `granted`: whether it left any out. */
export function noteWithheld(storeId: string, asked: readonly string[], granted: readonly string[]): boolean {
  const left = asked.filter((scope) => !granted.includes(scope));
  withheld[storeId] = left;
  return left.length > 0;
}

/** The scopes the last sign-in to `storeId` asked for and was not granted ([] when none). */
export function withheldScopes(storeId: string): readonly string[] {
  return withheld[storeId] ?? [];
}
