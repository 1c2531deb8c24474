/**
 * Recognising an OAuth redirect in the page URL, and the URL to show once it is scrubbed.
 * The app keeps its own routes in the hash as `#/...`, so an implicit callback is a fragment that
 * does not start with '/', and a code callback is a query with code/error + state.
 */

/** Every response parameter of RFC 6749 4.1.2, 4.2.2 and their error forms (plus RFC 9207 `iss`). */
const RESPONSE_PARAMS = new Set([
  'access_token',
  'token_type',
  'expires_in',
  'expire_in',
  'scope',
  'refresh_token',
  'id_token',
  'code',
  'state',
  'error',
  'error_description',
  'error_uri',
  'iss',
  'session_state',
  // FlickRocket's callback names the merchant's company next to the code (platforms.md 3.1).
  'companyid',
]);

/** Any of these makes a fragment an authorization response. */
const FRAGMENT_MARKERS = ['access_token', 'error', 'state', 'code', 'id_token'] as const;
/** Any of these makes a query an authorization response. */
const QUERY_MARKERS = ['code', 'error', 'state', 'access_token'] as const;

export type CapturedRedirectProblem =
  /** A response parameter appears more than once (RFC 6749 3.1: MUST NOT be included more than once). */
  | 'repeated-parameter'
  /** A code together with an access token, a token in the query, or response parameters in both places. */
  | 'mixed-response';

export interface CapturedRedirect {
  /** The authorization response parameters (form-urlencoded decoding applied). */
  params: URLSearchParams;
  responseMode: 'fragment' | 'query';
  /** The page URL without the response: pass to history.replaceState before anything else runs. */
  cleanHref: string;
  /** Set when the response is malformed; completing it yields OAUTH_INVALID_RESPONSE. */
  problem?: CapturedRedirectProblem;
  /** Epoch ms the page received the response (an implicit token's lifetime counts from here). */
  receivedAt?: number;
}

/**
 * Recognises an authorization response in `href` (fragment for the implicit grant, query for the
 * code grant) and returns it with the scrubbed URL, or null when the URL is not a callback.
 * The clean URL keeps the path and any non-OAuth query; it drops the response fragment.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.2.2
 */
export function captureRedirect(href: string): CapturedRedirect | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const fragment = url.hash.slice(1);
  const fragmentParams = fragment !== '' && !fragment.startsWith('/') ? new URLSearchParams(fragment) : null;
  const fragmentIsResponse = fragmentParams !== null && FRAGMENT_MARKERS.some((key) => fragmentParams.has(key));
  const query = url.searchParams;
  const queryIsResponse = QUERY_MARKERS.some((key) => query.has(key));
  if (!fragmentIsResponse && !queryIsResponse) return null;

  const queryResponse = new URLSearchParams();
  for (const [key, value] of query) {
    if (RESPONSE_PARAMS.has(key)) queryResponse.append(key, value);
  }

  const clean = new URL(url.href);
  for (const key of RESPONSE_PARAMS) clean.searchParams.delete(key);
  // URLSearchParams re-serialises; keep an empty query as no query at all.
  if ([...clean.searchParams.keys()].length === 0) clean.search = '';

  let captured: CapturedRedirect;
  if (fragmentIsResponse && fragmentParams) {
    clean.hash = '';
    captured = { params: fragmentParams, responseMode: 'fragment', cleanHref: stripEmptyHash(clean.href) };
    // (any parameter serialises to at least "=": an empty string is an empty list)
    if (`${queryResponse}` || fragmentParams.has('code')) captured.problem = 'mixed-response';
  } else {
    if (!clean.hash.startsWith('#/')) clean.hash = '';
    captured = { params: queryResponse, responseMode: 'query', cleanHref: stripEmptyHash(clean.href) };
    if (queryResponse.has('access_token')) captured.problem = 'mixed-response';
  }
  if (hasRepeatedParameter(captured.params)) captured.problem ??= 'repeated-parameter';
  return captured;
}

/** True when any parameter name occurs more than once. */
export function hasRepeatedParameter(params: URLSearchParams): boolean {
  return new Set(params.keys()).size < [...params.keys()].length;
}

function stripEmptyHash(href: string): string {
  return href.endsWith('#') ? href.slice(0, -1) : href;
}
