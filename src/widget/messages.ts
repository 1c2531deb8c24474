/**
 * Why the list is not shown, for the site owner: the widget writes it to the console, never on the
 * page (visitors see only the neutral "unavailable" line). Short on purpose: every page that embeds
 * the widget downloads these words. Never a token, never a response body. What is wrong with the
 * attributes is said in options.ts's own words (OptionsProblem).
 */
import type { AppErrorCode } from '../lib/oauth/errors.ts';

const NOT_ACCEPTED = 'the store did not accept the token; get a new snippet.';

/**
 * What a failed load means, by error code. No answer at all may also be the host page's own
 * Content-Security-Policy: a connect-src without the store fails the request just as the network
 * does (a TypeError), and the browser's own console line beside this one names the URL it refused.
 */
const ERROR_DETAILS: Partial<Record<AppErrorCode, string>> = {
  API_UNAUTHORIZED: NOT_ACCEPTED,
  API_INSUFFICIENT_SCOPE: NOT_ACCEPTED,
  API_RATE_LIMITED: 'the store is rate-limiting requests.',
  API_NETWORK_ERROR: 'the store could not be reached (offline, wrong api-base, CORS, or CSP connect-src).',
  API_INVALID_RESPONSE: 'no product list came back; check api-base.',
  API_NOT_FOUND: 'the store answered 404; check api-base.',
  API_BAD_REQUEST: 'the store refused the request; check api-base, category, search.',
  API_SERVER_ERROR: 'the store failed to answer (5xx).',
};

export function errorDetail(code: AppErrorCode): string {
  return ERROR_DETAILS[code] ?? code;
}

/**
 * Whether trying again could help: the store or the network failed this time (no answer, a timeout,
 * 5xx, rate-limited). Not for an answer that will be the same next time (404, 400, 401, 403, no
 * product list): visitors get no Try again button that cannot help.
 */
export function isRetryable(code: AppErrorCode): boolean {
  return code === 'API_RATE_LIMITED' || code === 'API_NETWORK_ERROR' || code === 'API_SERVER_ERROR';
}
