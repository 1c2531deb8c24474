import { browserOffline, reloadUnlessOffline } from '../shared/offline.ts';

/**
 * [0], where there is one: what a part whose code did not download does by itself once the browser
 * is back online, said in place of "try again once it is back online" (a store's whole screen, where
 * a reload loses nothing: missing-screen.svelte.ts, not in the first load, says it there and takes
 * it back). An array: the cheapest of the shapes tried for the first load (npm run size).
 */
export const byItself: string[] = $state([]);

/**
 * [0], where there is one: what PartUnavailable says in place of its own words while the browser is
 * online and a newer version of the app was deployed since this page loaded, so that what is missing
 * will never come to this tab (its Try again, a reload, is then "Reload"); [1] the same without its
 * title (messages.ts explain). Written and taken back by
 * new-version.ts, which is not in the first load.
 */
export const newerVersion: string[] = $state([]);

/**
 * Try again by reloading the page, for what only a fresh start can mend: a part of the app whose
 * code did not download (PartUnavailable; a module that failed to load is not fetched again in
 * every browser), a start that failed (App's failed phase: ErrorPanel's `reloads`). Unless the
 * browser says it is offline: a reload then would leave the app for the browser's own error page,
 * so it stays and says so, from the start when the browser is offline as it shows, and for as long
 * as it is: the words follow the browser's `online` and `offline` events (back online, Try again is
 * offered plainly). It does not reload by itself then: a reload could lose what was typed elsewhere
 * on the page (a key in a credentials form, an edit), so the person presses Try again. Made while a
 * component starts (its listeners go with it). In the first load with PartUnavailable, which must
 * show when no other code can come.
 */
export class ReloadRetry {
  /** Whether the browser says it is offline: 1 (as this was made, or at an `offline` event), 2 at a Try again; 0 not (a reload can help). */
  #offline = $state.raw(+browserOffline());

  constructor() {
    $effect(() => {
      const said = () => (this.#offline = +browserOffline());
      addEventListener('online', said);
      addEventListener('offline', said);
      return () => (removeEventListener('online', said), removeEventListener('offline', said));
    });
  }

  /** What to say while the browser is offline ("still" once Try again was pressed); null: a reload can help. */
  get offlineWords(): string | null {
    return this.#offline ? `This browser is ${this.#offline > 1 ? 'still ' : ''}offline: ${byItself[0] ?? 'try again once it is back online.'}` : null;
  }

  /** Reloads the page, or (offline) stays and says so. A field, so that it can be handed on (ErrorPanel). */
  readonly tryAgain = (): void => {
    this.#offline = reloadUnlessOffline() ? 0 : 2;
  };
}
