/**
 * Tabs that are not calling the store, for tests of what tabs do together.
 *
 * A page unloaded in the middle of a renewal loses what the store issued: with a rotating refresh
 * token the store has already replaced the one it was sent, so the tab's next page is refused and
 * the session ends (security case 20 accepts this: one Reconnect prompt). A test that expires the
 * tokens and then reloads its tabs must not let an old page meet the expiry first (the next page
 * loading ahead, the idle category list, a timer): that race is of the test's making, not the lock
 * across live tabs the tests are about. {@link reloadAtExpiry} rules it out; {@link watchStoreCalls}
 * waits until no call is in flight, for tests that change something else under live tabs.
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

/**
 * Loads every tab's page again with `expire` run in between, while no page of the app is open: each
 * tab first leaves for an address of the app's origin that is not the app (its page unloads with
 * its tokens still good, so nothing renews), then `expire` ends the tokens (at the store or by the
 * browser's clock), then every tab opens its address again at once, a new page that boots with the
 * saved session as a reload's would. An old page's call meeting the expiry (a timer or an idle
 * callback firing late on a busy machine, which a wait for quiet cannot rule out) would start a
 * renewal that the reload then cuts off. Not about:blank: from there each tab starts a renderer
 * process of its own, one after another on two cores, and the five renewals no longer overlap
 * (with the Web Lock removed, the tests passed that way; from the app's origin they fail).
 */
export async function reloadAtExpiry(tabs: readonly Page[], expire: () => unknown): Promise<void> {
  const addresses = tabs.map((tab) => tab.url());
  await Promise.all(tabs.map((tab) => tab.goto(new URL('/not-the-app', tab.url()).href)));
  await expire();
  await Promise.all(tabs.map((tab, index) => tab.goto(addresses[index]!)));
}
