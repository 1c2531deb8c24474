/**
 * Waiting until tabs have no call to a store in flight, before a test expires tokens and reloads
 * them all: a call still going when its page reloads (the next page loading ahead, just asked for)
 * would meet the expiry in the old document, which could start a renewal and be unloaded before it
 * stores what the store issued. With a rotating refresh token the store has already replaced it,
 * and the new document's renewal is refused: a race of the test's making, not the lock across live
 * tabs the tests are about.
 */
import type { Page, Request } from 'playwright-core';

export interface StoreCallWatch {
  /** Resolves once no tab has had a fetch in flight for `forMs` on end; throws after `timeoutMs`. */
  quiet(forMs?: number, timeoutMs?: number): Promise<void>;
}

/** Starts counting each tab's fetches in flight (call before they load). */
export function watchStoreCalls(tabs: readonly Page[]): StoreCallWatch {
  const inFlight = new Map<Page, number>(tabs.map((tab) => [tab, 0]));
  const count = (tab: Page, by: number) => (request: Request) => {
    if (request.resourceType() === 'fetch') inFlight.set(tab, inFlight.get(tab)! + by);
  };
  for (const tab of tabs) {
    tab.on('request', count(tab, 1));
    tab.on('requestfinished', count(tab, -1));
    tab.on('requestfailed', count(tab, -1));
  }
  return {
    async quiet(forMs = 300, timeoutMs = 10_000) {
      let quietSince = Date.now();
      for (const deadline = Date.now() + timeoutMs; Date.now() - quietSince < forMs; ) {
        if (Date.now() > deadline) throw new Error(`tabs still calling the store after ${timeoutMs} ms: ${[...inFlight.values()].join(', ')} in flight`);
        if ([...inFlight.values()].some((n) => n > 0)) quietSince = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
}
