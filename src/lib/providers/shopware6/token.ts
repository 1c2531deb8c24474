/**
 * Shopware 6's token endpoint (platforms.md 4.1, 4.2): the three grant bodies (JSON, field `scope`),
 * the request options every token call uses (1.3), and its error table turned into AppErrors whose
 * words say what happened without ever echoing a value that was sent.
 */
import { AppError } from '../../oauth/errors.ts';
import { HttpError } from '../../oauth/http-errors.ts';
import { normalizeTokenResponse, type TokenQuirks } from '../../oauth/token.ts';
import type { TokenSet } from '../../oauth/types.ts';

export const NETWORK_OR_CORS_MESSAGE = "The store's server did not let this app read its answer (CORS) or could not be reached.";

/** Shopware answers `expires_in` (600 s); no other quirk. */
export const SW_TOKEN_QUIRKS: TokenQuirks = { lifetimeFields: ['expires_in'], implicitRefreshToken: false };

/** `SWIA…` (integration) or `SWUA…` (user access key); anything else Shopware answers with a 500. */
export const SW_ACCESS_KEY_ID = /^SW(IA|UA)[A-Z0-9_-]{10,}$/;

export type SwGrantBody =
  | { grant_type: 'client_credentials'; client_id: string; client_secret: string }
  | { grant_type: 'password'; client_id: 'administration'; scope: 'write'; username: string; password: string }
  | { grant_type: 'refresh_token'; client_id: 'administration'; scope: 'write'; refresh_token: string };

export function tokenEndpoint(apiBase: string): string {
  return `${apiBase.replace(/\/+$/, '')}/api/oauth/token`;
}

/**
 * Why a token request failed, in words a person can act on; never a value that was sent. A refusal
 * says only why: the form's heading already says what was refused ("Shopware 6 did not accept this
 * access key ID and secret", credential-words.ts).
 */
const WORDS = {
  badClient: 'The values are wrong, or the integration was deleted.',
  badKeyPrefix: 'That access key ID is not one Shopware can identify: it starts with SWIA (integration) or SWUA (user key).',
  badPassword: 'The username or the password is wrong.',
  deadRefresh: 'The store ended this sign-in; enter the password again to continue where you were.',
  invalidResponse: 'The store answered the sign-in request with something other than a Shopware token.',
} as const;

export function throttledMessage(seconds: number): string {
  return `The store is slowing down sign-in attempts: wait ${seconds === 1 ? 'a second' : `${seconds} seconds`} and try again (this happens even with correct credentials).`;
}

interface SwErrorEntry {
  code?: string;
  status?: string;
  detail?: string;
  seconds?: number;
}

/** The first entry of Shopware's `{errors:[…]}` body, only the fields the table above reads. */
export function readSwError(json: unknown): SwErrorEntry | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const errors = (json as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || typeof errors[0] !== 'object' || errors[0] === null) return undefined;
  const first = errors[0] as Record<string, unknown>;
  const entry: SwErrorEntry = {};
  if (typeof first.code === 'string') entry.code = first.code;
  if (typeof first.status === 'string') entry.status = first.status;
  if (typeof first.detail === 'string') entry.detail = first.detail;
  const meta = first.meta as { parameters?: { seconds?: unknown } } | undefined;
  const seconds = meta?.parameters?.seconds;
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0) entry.seconds = Math.ceil(seconds);
  else if (typeof seconds === 'string' && /^\d+$/.test(seconds)) entry.seconds = Number(seconds);
  return entry;
}

/** Maps a failed token answer to the AppError the form or the session shows (4.2's table). */
export function tokenFailure(status: number, json: unknown, grant: SwGrantBody['grant_type']): AppError {
  const entry = readSwError(json);
  const code = entry?.code;
  if (status === 429 || code === 'FRAMEWORK__AUTH_THROTTLED') {
    const seconds = entry?.seconds ?? 10;
    return new HttpError('API_RATE_LIMITED', status, { retryAfter: seconds, message: throttledMessage(seconds) });
  }
  if (code === '8' && (status === 400 || status === 401)) return new HttpError('TOKEN_EXPIRED', status, { message: WORDS.deadRefresh });
  if (code === 'FRAMEWORK__API_INVALID_ACCESS_KEY') return new HttpError('CREDENTIALS_INVALID', status, { message: WORDS.badKeyPrefix });
  if (code === '4' && status === 401) {
    // a deleted integration on renewal ends the session (the secret is dead), as on first connect
    return new HttpError(grant === 'client_credentials' ? 'CREDENTIALS_REJECTED' : 'TOKEN_EXPIRED', status, { message: WORDS.badClient });
  }
  if (code === '6') return new HttpError('CREDENTIALS_REJECTED', status, { message: WORDS.badPassword });
  if (status >= 500) return new HttpError('API_SERVER_ERROR', status, { message: `The store's sign-in answered HTTP ${status}.` });
  return new HttpError('OAUTH_TOKEN_REQUEST_FAILED', status, { message: `The store refused the sign-in request (HTTP ${status}${code === undefined ? '' : `, code ${code}`}).` });
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * POSTs one grant as JSON and returns the normalised TokenSet. A fetch TypeError is NETWORK_OR_CORS
 * (never "wrong credentials"); the body object is dropped by the caller right after.
 */
export async function requestToken(fetchFn: typeof fetch, apiBase: string, body: SwGrantBody, now: () => number): Promise<TokenSet> {
  let response: Response;
  try {
    response = await fetchFn(tokenEndpoint(apiBase), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      // never followed: a 307/308 would send the password or secret again, to wherever Location says
      redirect: 'error',
    });
  } catch (error) {
    if (error instanceof TypeError) throw new AppError('NETWORK_OR_CORS', NETWORK_OR_CORS_MESSAGE);
    throw error;
  }
  const json = await readJson(response);
  if (!response.ok) throw tokenFailure(response.status, json, body.grant_type);
  if (json === undefined) throw new AppError('OAUTH_INVALID_RESPONSE', WORDS.invalidResponse);
  try {
    return normalizeTokenResponse(json, { requestedScopes: [], now: now(), quirks: SW_TOKEN_QUIRKS });
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, WORDS.invalidResponse);
    throw error;
  }
}
