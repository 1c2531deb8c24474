/**
 * The fetch a connector's token requests go through (connect, a redirect's exchange, renewal): one
 * that gives up. A token endpoint that never answers kept a connection waiting, and a renewal
 * holding its store's lock in every tab, for ever (security cases 15, 20, 22). After the timeout the
 * request is aborted and fails the way fetch fails when the network does (a TypeError), so each
 * connector's own network-failure path applies: a connection says the store could not be reached
 * and stores nothing, a renewal keeps its refresh token for a later try. The answer's body is read
 * within the same time (a token answer is small).
 *
 * Store API requests have a time limit of their own (api/time-limit.ts), said as the store taking
 * too long rather than as a lost network.
 */

/** As long as the code flow waits for its token endpoint (oidc/code-flow.ts). */
export const TOKEN_TIMEOUT_MS = 30_000;

export function fetchWithTimeout(fetchFn: typeof fetch, ms: number = TOKEN_TIMEOUT_MS): typeof fetch {
  return async (input, init = {}) => {
    const controller = new AbortController();
    const outer = init.signal;
    // Removed once this request is over: a long-lived caller's signal would gather one for each request.
    const passOn = () => controller.abort(outer?.reason);
    outer?.addEventListener('abort', passOn, { once: true });
    if (outer?.aborted) controller.abort(outer.reason);
    const timer = setTimeout(() => controller.abort(), ms);
    try {
      const response = await fetchFn(input, { ...init, signal: controller.signal });
      // An opaque redirect (status 0: API requests do not follow redirects) has no body to wait for,
      // and a Response cannot be made with its status.
      if (response.status < 200) return response;
      const body = await response.arrayBuffer();
      const empty = response.status === 204 || response.status === 205 || response.status === 304;
      return new Response(empty ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      if (controller.signal.aborted && !outer?.aborted) throw new TypeError('the store did not answer in time');
      throw error;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', passOn);
    }
  };
}
