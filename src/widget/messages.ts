/**
 * Why the list is not shown, for the site owner: the widget writes it to the console, never on the
 * page (visitors see only the neutral "unavailable" line). Short on purpose: every page that embeds
 * the widget downloads these words. Never a token, never a response body.
 */
import type { AppErrorCode } from '../lib/oauth/errors.ts';
import type { OptionsProblem } from './options.ts';

/** What went wrong with the attributes. */
const OPTIONS_PROBLEMS: Readonly<Record<OptionsProblem, string>> = {
  'api-base-missing': 'no api-base attribute.',
  'api-base-invalid': 'the api-base attribute is not an http(s) URL.',
  'api-base-insecure': 'api-base must start with https://.',
  'token-missing': 'no token attribute (Shopware: access-key).',
  'token-invalid': 'the token attribute is not a token.',
};

export function optionsProblemDetail(problem: OptionsProblem): string {
  return OPTIONS_PROBLEMS[problem];
}

const NOT_ACCEPTED = 'the store did not accept the token for reading its storefront; get a new snippet.';
const CHECK = 'the store refused the request; check api-base, category, search.';

/** What a failed load means, by error code. */
const ERROR_DETAILS: Partial<Record<AppErrorCode, string>> = {
  API_UNAUTHORIZED: NOT_ACCEPTED,
  API_INSUFFICIENT_SCOPE: NOT_ACCEPTED,
  API_RATE_LIMITED: 'the store is rate-limiting requests.',
  API_NETWORK_ERROR: 'the store could not be reached (offline, wrong api-base, or CORS).',
  API_INVALID_RESPONSE: 'no product list came back; check api-base.',
  API_NOT_FOUND: CHECK,
  API_BAD_REQUEST: CHECK,
  API_SERVER_ERROR: 'the store failed to answer (5xx).',
};

export function errorDetail(code: AppErrorCode | undefined): string {
  return (code && ERROR_DETAILS[code]) || 'products could not be loaded.';
}

/** Whether trying again could help (the token and the request are fine; the store or network was not). */
export function isRetryable(code: AppErrorCode | undefined): boolean {
  return code === 'API_RATE_LIMITED' || code === 'API_NETWORK_ERROR' || code === 'API_SERVER_ERROR';
}
