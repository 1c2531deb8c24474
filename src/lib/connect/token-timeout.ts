/**
 * The fetch a connector's token requests go through (connect, a redirect's exchange, renewal): one
 * that gives up. A token endpoint that never answers kept a connection waiting, and a renewal
 * holding its store's lock in every tab, for ever (security cases 15, 20, 22). After the timeout the
 * request is aborted and fails the way fetch fails when the network does (a TypeError), so each
 * connector's own network-failure path applies: a connection says the store could not be reached
 * and stores nothing, a renewal keeps its refresh token for a later try. The answer's body is read
 * within the same time (a token answer is small). The wrap is oauth/fetch-giving-up.ts, as every
 * time limit's.
 *
 * Store API requests have a time limit of their own (api/time-limit.ts), said as the store taking
 * too long rather than as a lost network.
 */

import { fetchGivingUp } from '../oauth/fetch-giving-up.ts';

/** As long as the code flow waits for its token endpoint (oidc/code-flow.ts). */
export const TOKEN_TIMEOUT_MS = 30_000;

export function fetchWithTimeout(fetchFn: typeof fetch, ms: number = TOKEN_TIMEOUT_MS): typeof fetch {
  return fetchGivingUp(fetchFn, ms, () => new TypeError('the store did not answer in time'));
}
