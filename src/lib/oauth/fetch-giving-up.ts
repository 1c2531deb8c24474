/**
 * A fetch that gives up after a time: the one wrap behind every time limit on a request to a store.
 * Three uses, each with its own limit and its own way of saying it: the store API's requests
 * (api/time-limit.ts: API_TIMEOUT, "taking too long"), the connectors' token requests
 * (connect/token-timeout.ts: a TypeError, so each connector's network-failure path applies) and
 * oidc-client-ts's token requests (oidc/code-flow.ts: a network error of the token endpoint).
 *
 * At the limit the request is aborted with `atLimit()` as the reason, and that is what the call
 * throws. The caller's own abort is passed on with its reason, and stays that abort; the listener
 * on the caller's signal is removed once the request is over (a long-lived signal, such as a list's,
 * would gather one for each request). The answer's body is read within the same time: a store that
 * sent its headers and then stalled held the screen, or a renewal and its store's lock in every
 * tab, as long as one that never answered. It is handed back as a new Response (its `url` and
 * `redirected` are not kept; nothing reads them).
 *
 * A timer (setTimeout), not AbortSignal.timeout, so that a test's fake clock (vitest's, Playwright's
 * page.clock) moves it as it moves the rest of the app's time.
 */
export function fetchGivingUp(fetchFn: typeof fetch, ms: number, atLimit: () => unknown): typeof fetch {
  return async (input, init = {}) => {
    const caller = init.signal ?? undefined;
    const controller = new AbortController();
    const passOn = () => controller.abort(caller?.reason);
    caller?.addEventListener('abort', passOn, { once: true });
    if (caller?.aborted) passOn();
    let gaveUp = false;
    const timer = setTimeout(() => {
      gaveUp = true;
      controller.abort(atLimit());
    }, ms);
    try {
      const response = await fetchFn(input, { ...init, signal: controller.signal });
      // An opaque redirect (status 0: API requests do not follow redirects) has no body to wait for,
      // and a Response cannot be made with its status.
      if (response.status < 200) return response;
      const body = await response.arrayBuffer();
      const empty = response.status === 204 || response.status === 205 || response.status === 304;
      return new Response(empty ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      // The caller's abort wins (its reason, as the clients pass it on); the limit's is atLimit().
      if (gaveUp && !caller?.aborted) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener('abort', passOn);
    }
  };
}
