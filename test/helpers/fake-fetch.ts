/**
 * The one fake `fetch` of the tests, and the one `json()` Response. `fakeFetch(answer)` records
 * every request and answers it with `answer`'s real Response; a request `answer` does not expect
 * (it returns `unanswered()`) is recorded in `unexpected` and rejected as a network failure would be.
 * Built on it: `scriptedFetch` (a fixed order of requests), `fakeTokenEndpoint` (one token endpoint)
 * and `answerOnce` (a single answer, or a failure); the component harness's route table too.
 */
import { afterEach, beforeEach, expect, vi } from 'vitest';

/** A JSON Response: `status` (default 200) or a full ResponseInit. */
export function json(body: unknown, init: number | ResponseInit = 200): Response {
  return Response.json(body, typeof init === 'number' ? { status: init } : init);
}

export interface SeenRequest {
  method: string;
  /** The URL as the caller wrote it (a relative one stays relative). */
  input: string;
  /** The URL resolved (a relative one against the page, else against http://relative.invalid/). */
  url: URL;
  headers: Headers;
  body: string | undefined;
  init: RequestInit;
}

/** What a fake fetch records of one call. */
export function readRequest(input: RequestInfo | URL, init: RequestInit = {}): SeenRequest {
  const body = typeof init.body === 'string' || init.body instanceof URLSearchParams ? String(init.body) : undefined;
  const written = input instanceof Request ? input.url : String(input);
  return {
    method: init.method ?? 'GET',
    input: written,
    url: new URL(written, globalThis.location?.href ?? 'http://relative.invalid/'),
    headers: new Headers(init.headers),
    body,
    init,
  };
}

/** What an answer returns for a request it does not expect; `note` says what it expected. */
export interface Unanswered {
  unanswered: string;
}

export function unanswered(note = ''): Unanswered {
  return { unanswered: note };
}

export type Answer = (request: SeenRequest) => Response | Promise<Response> | Unanswered;

export interface FakeFetch {
  fetch: typeof globalThis.fetch;
  /** Every request, in order, the unexpected ones included. */
  seen: SeenRequest[];
  /** `METHOD URL (note)` of each request no answer expected. */
  unexpected: string[];
}

export function fakeFetch(answer: Answer): FakeFetch {
  const seen: SeenRequest[] = [];
  const unexpected: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const request = readRequest(input, init);
    seen.push(request);
    const answered = answer(request);
    if ('unanswered' in answered) {
      const label = `${request.method} ${request.url.href}`;
      unexpected.push(answered.unanswered ? `${label} (${answered.unanswered})` : label);
      throw new TypeError(`unexpected request ${label}`);
    }
    return answered;
  }) as typeof globalThis.fetch;
  return { fetch, seen, unexpected };
}

/** Answers the first request with `response` (or fails it with the error); any further one is unexpected. */
export function answerOnce(response: Response | Error): FakeFetch {
  let used = false;
  return fakeFetch(() => {
    if (used) return unanswered('a second request');
    used = true;
    return response instanceof Error ? Promise.reject(response) : response;
  });
}

export interface Step {
  method: string;
  /** Path plus query, as `url.pathname + url.search`. */
  path: string;
  respond: (request: SeenRequest) => Response | Promise<Response>;
}

/** Answers a fixed script of expected requests, in order; `assertDone()` fails on any unexpected request or unanswered step. */
export function scriptedFetch(origin: string, steps: Step[]) {
  let next = 0;
  const fake = fakeFetch((request) => {
    const step = steps[next];
    const url = request.url;
    if (!step) return unanswered('script finished');
    if (step.method !== request.method || `${origin}${step.path}` !== url.origin + url.pathname + url.search) {
      return unanswered(`expected ${step.method} ${origin}${step.path}`);
    }
    next++;
    return step.respond(request);
  });
  return {
    ...fake,
    assertDone(): void {
      expect(fake.unexpected).toEqual([]);
      expect(next, 'every scripted request was made').toBe(steps.length);
    },
  };
}

/** One call to the token endpoint: its form and headers. */
export interface TokenCall {
  url: string;
  method: string;
  form: URLSearchParams;
  headers: Headers;
}

/** A fetch that only knows one token endpoint (POST); anything else is unexpected. */
export function fakeTokenEndpoint(tokenEndpoint: string, answer: (form: URLSearchParams, call: number) => Response | Promise<Response>) {
  const calls: TokenCall[] = [];
  const fake = fakeFetch((request) => {
    if (request.url.href !== tokenEndpoint || request.method !== 'POST') return unanswered();
    const form = new URLSearchParams(request.body ?? '');
    calls.push({ url: request.url.href, method: request.method, form, headers: request.headers });
    return answer(form, calls.length);
  });
  return { fetch: fake.fetch, calls, unexpected: fake.unexpected };
}

/**
 * A fresh `fakeTokenEndpoint` around each test, the global fetch made to throw (the code under test
 * must use the fetch it is given), and after each test: no unexpected request.
 */
export function useTokenEndpoint(tokenEndpoint: string, answer: (form: URLSearchParams, call: number) => Response | Promise<Response>) {
  let endpoint = fakeTokenEndpoint(tokenEndpoint, answer);
  beforeEach(() => {
    endpoint = fakeTokenEndpoint(tokenEndpoint, answer);
    vi.stubGlobal('fetch', () => {
      throw new Error('global fetch used');
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    expect(endpoint.unexpected).toEqual([]);
  });
  return {
    get fetch() {
      return endpoint.fetch;
    },
    get calls() {
      return endpoint.calls;
    },
  };
}
