/**
 * The time limit of every store API request, on all five platforms: state/store-clients.ts hands
 * this fetch to Goodsie's numbered client (client.ts) and to the seam's transport (transport.ts), which
 * every other platform's adapter sends through; state/store-connections.ts to the transport of a
 * connection's probes (what a pasted key may do). A store that took the connection and never answered
 * left the catalogue's placeholder cards, "Loading product…" and "Adding…" up for ever.
 *
 * At the limit the request is aborted (an AbortController, joined to the caller's own signal with
 * AbortSignal.any) and fails as API_TIMEOUT: "the store is taking too long", not "could not be
 * reached" (it was reached), and for a write not "nothing happened" (the store may have done it:
 * unsure-add.ts outcomeUnknown). The caller's own abort (a list left, a search replaced) stays an
 * abort, which the catalogue takes silently. The answer's body is read within the same time: a store
 * that sent its headers and then stalled held the screen as long.
 *
 * A timer (setTimeout), not AbortSignal.timeout, so that a test's fake clock (vitest's, Playwright's
 * page.clock) moves it as it moves the rest of the app's time.
 */
import { AppError } from '../oauth/errors.ts';

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
  return async (input, init = {}) => {
    const caller = init.signal ?? undefined;
    const limit = new AbortController();
    const timer = setTimeout(() => limit.abort(new AppError('API_TIMEOUT', `the store did not answer within ${ms / 1000} s`)), ms);
    try {
      const response = await fetchFn(input, { ...init, signal: caller ? AbortSignal.any([caller, limit.signal]) : limit.signal });
      // An opaque redirect (status 0: API requests do not follow redirects) has no body to wait for,
      // and a Response cannot be made with its status.
      if (response.status < 200) return response;
      const body = await response.arrayBuffer();
      const empty = response.status === 204 || response.status === 205 || response.status === 304;
      return new Response(empty ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      // The caller's abort wins (its reason, as the clients pass it on); the limit's is API_TIMEOUT.
      if (limit.signal.aborted && !caller?.aborted) throw limit.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}
