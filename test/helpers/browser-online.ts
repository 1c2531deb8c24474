/**
 * The browser's online state for component tests (jsdom): navigator.onLine and the `offline` and
 * `online` events, as a browser gives them when the link drops and comes back. `restoreOnline` after
 * each test puts jsdom's own navigator.onLine back.
 */
export function goOffline(): void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  dispatchEvent(new Event('offline'));
}

export function goOnline(): void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
  dispatchEvent(new Event('online'));
}

export function restoreOnline(): void {
  Reflect.deleteProperty(navigator, 'onLine');
}
