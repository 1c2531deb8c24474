/**
 * Mix-up defence: a sign-in records where it was sent (store, authorization and token endpoints,
 * redirect URI, expected issuer), and its callback is accepted only when it arrived on that redirect
 * URI, the store's configuration still says the same, and any `iss` is the store's issuer, compared
 * as an exact string (no trailing-slash or scheme leniency). A server that always sends `iss` must
 * send it. All of this runs before any token request, so a refused response spends nothing.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.4
 * @see https://www.rfc-editor.org/rfc/rfc9207#section-2.4
 */
import { AppError } from './errors.ts';

/** What a sign-in is bound to, recorded when it starts. */
export interface SignInBinding {
  storeId: string;
  authorizationEndpoint: string;
  /** Absent for the implicit flow without a token endpoint. */
  tokenEndpoint?: string;
  redirectUri: string;
  /** The client id the code (or token) was issued to, when the store's config names one. */
  clientId?: string;
  /** The issuer the store's config names, when it names one. */
  issuer?: string;
  /** The server always sends `iss` (config `authorizationResponseIssParameterSupported`). */
  issRequired?: boolean;
}

/** The binding fields of a redirect-based store's config. */
export interface BindableStore {
  id: string;
  authorizationEndpoint: string;
  tokenEndpoint?: string;
  redirectUri: string;
  clientId?: string;
  issuer?: string;
  authorizationResponseIssParameterSupported?: boolean;
}

export function bindingOf(store: BindableStore): SignInBinding {
  const binding: SignInBinding = { storeId: store.id, authorizationEndpoint: store.authorizationEndpoint, redirectUri: store.redirectUri };
  if (store.tokenEndpoint !== undefined) binding.tokenEndpoint = store.tokenEndpoint;
  if (store.clientId !== undefined) binding.clientId = store.clientId;
  if (store.issuer !== undefined) binding.issuer = store.issuer;
  if (store.authorizationResponseIssParameterSupported === true) binding.issRequired = true;
  return binding;
}

/** Reads a binding back from storage; null when any field is missing or of the wrong type. */
export function parseBinding(value: unknown): SignInBinding | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const { storeId, authorizationEndpoint, tokenEndpoint, redirectUri, clientId, issuer, issRequired } = record;
  if (typeof storeId !== 'string' || typeof authorizationEndpoint !== 'string' || typeof redirectUri !== 'string') return null;
  if (tokenEndpoint !== undefined && typeof tokenEndpoint !== 'string') return null;
  if (clientId !== undefined && typeof clientId !== 'string') return null;
  if (issuer !== undefined && typeof issuer !== 'string') return null;
  if (issRequired !== undefined && issRequired !== true) return null;
  return bindingOf({
    id: storeId,
    authorizationEndpoint,
    redirectUri,
    ...(tokenEndpoint !== undefined ? { tokenEndpoint } : {}),
    ...(clientId !== undefined ? { clientId } : {}),
    ...(issuer !== undefined ? { issuer } : {}),
    ...(issRequired === true ? { authorizationResponseIssParameterSupported: true } : {}),
  });
}

/** The address a callback arrived on: its URL without the response, any app route (#/...) or fragment. */
export function arrivalAddress(cleanHref: string): string {
  const url = new URL(cleanHref);
  url.hash = '';
  return url.href.endsWith('#') ? url.href.slice(0, -1) : url.href;
}

function sameAddress(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

/**
 * A sign-in of ours whose store config.json now configures differently (another flow, client id,
 * endpoint, issuer) than when it began: OAUTH_MIX_UP, refused before any token request, carrying the
 * page it was for (`returnTo`, when known), so that more access asked of a connected store goes back
 * there with the connection as it was (finish-sign-in.ts), and the person can ask again.
 */
export function configuredDifferently(storeId: string, returnTo?: string): AppError {
  const error = new AppError('OAUTH_MIX_UP', 'the authorization response does not fit its sign-in: the store was configured differently when the sign-in started', { storeId });
  if (returnTo !== undefined) error.returnTo = returnTo;
  return error;
}

/**
 * Throws OAUTH_MIX_UP unless the callback fits its sign-in: `recorded` is what the sign-in stored,
 * `current` the store's configuration now, `arrivedOn` the callback's address ({@link arrivalAddress}),
 * `iss` the response's issuer parameter (null when absent). `returnTo`, the sign-in's page, goes
 * only with a store configured differently ({@link configuredDifferently}), never with a wrong
 * address or issuer.
 */
export function checkCallbackBinding(recorded: SignInBinding, current: SignInBinding, arrivedOn: string, iss: string | null, returnTo?: string): void {
  const fail = (why: string): never => {
    throw new AppError('OAUTH_MIX_UP', `the authorization response does not fit its sign-in: ${why}`, { storeId: recorded.storeId });
  };
  if (
    recorded.storeId !== current.storeId ||
    recorded.authorizationEndpoint !== current.authorizationEndpoint ||
    recorded.tokenEndpoint !== current.tokenEndpoint ||
    recorded.redirectUri !== current.redirectUri ||
    recorded.clientId !== current.clientId ||
    recorded.issuer !== current.issuer
  ) {
    throw configuredDifferently(recorded.storeId, returnTo);
  }
  if (!sameAddress(arrivedOn, recorded.redirectUri)) fail('it arrived on another address than the sign-in’s redirect URI');
  if (iss !== null && recorded.issuer !== undefined && iss !== recorded.issuer) fail('iss is not the store’s issuer');
  if (iss === null && (recorded.issRequired === true || current.issRequired === true)) fail('iss is missing although the server always sends it');
}
