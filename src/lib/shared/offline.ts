/**
 * Whether the browser says it is offline: what the app then says, or keeps, instead of leaving for
 * the browser's own error page or blaming the store (sign-in, the credentials forms, PartUnavailable,
 * messages.ts). Only `navigator.onLine === false` is trusted: `true` says nothing about reaching a
 * server. No navigator (Node, in unit tests): not offline.
 */
export function browserOffline(): boolean {
  return globalThis.navigator?.onLine === false;
}

/**
 * Reloads the page, unless the browser says it is offline: a reload then would replace the app with
 * the browser's own error page. Returns whether it reloaded (false: say that the browser is offline).
 */
export function reloadUnlessOffline(): boolean {
  if (browserOffline()) return false;
  location.reload();
  return true;
}
