/**
 * Why the list is not shown, for the site owner: the widget writes it to the console, never on the
 * page (visitors see only the neutral "unavailable" line). Short on purpose: every page that embeds
 * the widget downloads these words. Never a token, never a response body.
 */
import type { AppErrorCode } from '../lib/oauth/errors.ts';
import { WIDGET_READERS } from '../lib/providers/storefronts.ts';
import type { OptionsProblem } from './options.ts';

/** What went wrong with the attributes: each names the attribute to fix, never its value. */
const OPTIONS_PROBLEMS: Readonly<Record<OptionsProblem, string>> = {
  'kind-unknown': `kind must be ${[...WIDGET_READERS.keys()].join(' or ')}.`,
  'api-base-missing': 'no api-base attribute.',
  'api-base-invalid': 'api-base is not an http(s) URL.',
  'api-base-insecure': 'api-base must start with https://.',
  'token-missing': 'no token attribute (Shopware: access-key).',
  'token-invalid': 'the token attribute is not a token.',
};

export function optionsProblemDetail(problem: OptionsProblem): string {
  return OPTIONS_PROBLEMS[problem];
}

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
