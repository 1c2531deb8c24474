/**
 * A fake `fetch` that answers a fixed script of expected requests with real Responses. A request
 * that is not the next one in the script is recorded as unexpected and rejected; `assertDone()`
 * fails the test on any unexpected request or unanswered step.
 */
import { expect } from 'vitest';

export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string | undefined;
  init: RequestInit;
}

/** What a fake fetch records of one call. */
export function readRequest(input: RequestInfo | URL, init: RequestInit = {}): SeenRequest {
  return {
    method: init.method ?? 'GET',
    url: new URL(input instanceof Request ? input.url : String(input)),
    headers: new Headers(init.headers),
    body: typeof init.body === 'string' ? init.body : undefined,
    init,
  };
}

export interface Step {
  method: string;
  /** Path plus query, as `url.pathname + url.search`. */
  path: string;
  respond: (request: SeenRequest) => Response | Promise<Response>;
}

export function scriptedFetch(origin: string, steps: Step[]) {
  const seen: SeenRequest[] = [];
  const unexpected: string[] = [];
  let next = 0;

  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const request = readRequest(input, init);
    const url = request.url;
    seen.push(request);
    const step = steps[next];
    const label = `${request.method} ${url.href}`;
    if (!step || step.method !== request.method || `${origin}${step.path}` !== url.origin + url.pathname + url.search) {
      unexpected.push(step ? `${label} (expected ${step.method} ${origin}${step.path})` : `${label} (script finished)`);
      throw new Error(`unexpected request ${label}`);
    }
    next++;
    return step.respond(request);
  }) as typeof globalThis.fetch;

  return {
    fetch,
    seen,
    assertDone(): void {
      expect(unexpected).toEqual([]);
      expect(next, 'every scripted request was made').toBe(steps.length);
    },
  };
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, init);
}
