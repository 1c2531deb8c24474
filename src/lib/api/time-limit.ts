/**
 * The time limit of every store API request, on all five platforms: state/store-clients.ts hands
 * this fetch to Goodsie's numbered client (client.ts) and to the seam's transport (transport.ts), which
 * every other platform's adapter sends through; state/store-connections.ts to the transport of a
 * connection's probes (what a pasted key may do). A store that took the connection and never answered
 * left the catalogue's placeholder cards, "Loading product…" and "Adding…" up for ever.
 *
 * At the limit the request is aborted (oauth/fetch-giving-up.ts, the one wrap of every time limit)
 * and fails as API_TIMEOUT: "the store is taking too long", not "could not be
 * reached" (it was reached), and for a write not "nothing happened" (the store may have done it:
 * unsure-add.ts outcomeUnknown). The caller's own abort (a list left, a search replaced) stays an
 * abort, which the catalogue takes silently. The answer's body is read within the same time: a store
 * that sent its headers and then stalled held the screen as long.
 */
import { AppError } from '../oauth/errors.ts';
import { fetchGivingUp } from '../oauth/fetch-giving-up.ts';

/**
 * 20 s, for reads and writes alike. A store's API answers in well under a second, a slow search or
 * save in a few: 20 s is many times that, so a store that is merely slow is not cut off. Much longer,
 * and the person has given up on a screen that says nothing (shopper QA gave up at 20 s). Common
 * gateways in front of a store cut off at 29-30 s (AWS API Gateway, Heroku) with a 504 that says less
 * than this does. A write is given no longer: waiting more makes its outcome no surer, only the wait
 * at "Adding…" longer, and it is then said as unsure (the store may have done it).
 */
export const STORE_API_TIME_LIMIT_MS = 20_000;

/** `fetchFn`, giving up after `ms` with API_TIMEOUT; its answer handed back with its body read. */
export function fetchInTime(fetchFn: typeof fetch, ms: number = STORE_API_TIME_LIMIT_MS): typeof fetch {
  return fetchGivingUp(fetchFn, ms, () => new AppError('API_TIMEOUT', `the store did not answer within ${ms / 1000} s`));
}
