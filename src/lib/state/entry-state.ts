/**
 * Small values a store's screen keeps in the state of the history entry it is shown in (the
 * catalogue's place, the product picture shown, a product just added), so that Back, Forward and a
 * reload of the tab find them again: unlike Router.remember, they survive a reload. Functions of the
 * store screens' code rather than Router's methods: a class's methods all load with it, and the
 * Router is in the first load, whose stores list keeps nothing here (`npm run size`).
 */
import type { Router } from './router.svelte.ts';

/**
 * Writes `value` under `key` into the state of history entry `entry` if it is still the one shown
 * (a late write never lands in the next entry). Small values only: history.state is copied at
 * every write.
 */
export function keepInEntry(router: Router, entry: string, key: string, value: unknown): void {
  if (entry === router.entry) history.replaceState({ ...(history.state as object | null), [key]: value }, '');
}

/** What {@link keepInEntry} left under `key` in the entry shown, this visit or before a reload. */
export function keptInEntry(key: string): unknown {
  return (history.state as Record<string, unknown> | null)?.[key];
}
