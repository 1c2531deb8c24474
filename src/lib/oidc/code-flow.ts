/**
 * The authorization code flow with PKCE, through oidc-client-ts's OidcClient (no UserManager, no
 * popup or iframe). This is the only module that imports oidc-client-ts, and the one boundary where
 * its errors become ours. Plain OAuth 2.0: no `openid` scope, no discovery, no id_token expected.
 *
 * oidc-client-ts 3.x calls the global `fetch` from its internal JsonService and has no option to pass
 * one in; {@link routeFetch} points each JsonService of a client at the injected fetch instead, and
 * fails loudly if the library's internals ever change shape.
 */
import { ErrorResponse, OidcClient, type RefreshState, type UserProfile } from 'oidc-client-ts';
import type { AppConfig, GoodsieStoreConfig } from '../config/types.ts';
import { AppError } from '../oauth/errors.ts';
import { fetchGivingUp } from '../oauth/fetch-giving-up.ts';
import { HttpError, OAuthRedirectError } from '../oauth/http-errors.ts';
import { hasRepeatedParameter } from '../oauth/callback.ts';
import { formatScope } from '../oauth/scopes.ts';
import { MAX_STATE_LENGTH, SIGN_IN_LIFETIME_MS, SIGN_IN_LIFETIME_WORDS } from '../oauth/state.ts';
import { normalizeTokenResponse, parseTokenErrorResponse, sanitizeErrorText } from '../oauth/token.ts';
import type { TokenSet } from '../oauth/types.ts';
import { getProvider } from '../providers/registry.ts';
import type { OidcStateStore } from '../storage/oidc-state-store.ts';
import { arrivalAddress, bindingOf, checkCallbackBinding, configuredDifferently, parseBinding, type SignInBinding } from '../oauth/mix-up.ts';
import { spentState } from '../storage/single-use-store.ts';

export interface CodeFlowDeps {
  fetch: typeof fetch;
  /** Where the library keeps its sign-in state (IndexedDB through the KV seam). */
  stateStore: OidcStateStore;
  now: () => number;
  /** Token endpoint timeout, for the answer's headers and body together; defaults to 30 s. */
  timeoutMs?: number;
}

/** Our own data, carried in the library's sign-in state. */
export interface CodeFlowStateData {
  storeId: string;
  /** Where the sign-in was sent and must come back from (mix-up defence). */
  binding: SignInBinding;
  returnTo: string;
  scopes: string[];
}

export interface CompletedCodeFlow {
  storeId: string;
  returnTo: string;
  tokens: TokenSet;
  /** The scopes the sign-in asked for (what the store left out of them is said: finish-sign-in.ts). */
  asked: string[];
}

/** What the routed fetch saw, per client: the raw token JSON and any HTTP error. */
interface ExchangeRecord {
  tokenJson?: unknown;
  /** When the token response arrived (by deps.now): the lifetime counts from here. */
  receivedAt?: number;
  httpError?: HttpError;
}

/** The client's own staleness rule, the same lifetime as our state store's. */
const STALE_STATE_AGE_SECONDS = SIGN_IN_LIFETIME_MS / 1000;

/**
 * Stores a PKCE sign-in state (code_verifier + our data) and returns the authorization URL.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.3
 */
export async function startCodeFlow(
  store: GoodsieStoreConfig,
  request: { scopes: string[]; returnTo: string },
  deps: CodeFlowDeps,
): Promise<string> {
  const { client } = createClient(store, request.scopes, deps);
  const data: CodeFlowStateData = { storeId: store.id, binding: bindingOf(store), returnTo: request.returnTo, scopes: [...request.scopes] };
  try {
    const signin = await client.createSigninRequest({ state: data });
    return signin.url;
  } catch (error) {
    throw toAppError(error, {}, store.id);
  }
}

/**
 * Completes a code-flow callback: finds the sign-in state (reporting a forged, replayed or expired
 * one), lets the library consume it and exchange the code, and converts the token response once.
 * The state is consumed before the exchange, so a failed exchange is never retried with the same
 * code: the retry is a fresh sign-in.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.5
 */
export async function completeCodeFlow(href: string, config: AppConfig, deps: CodeFlowDeps, arrivedOn: string): Promise<CompletedCodeFlow> {
  let params: URLSearchParams;
  try {
    params = new URL(href, 'http://callback.invalid').searchParams;
  } catch {
    throw new AppError('OAUTH_INVALID_RESPONSE', 'the callback URL is malformed');
  }
  if (hasRepeatedParameter(params)) throw new AppError('OAUTH_INVALID_RESPONSE', 'a response parameter is repeated');
  const state = params.get('state');
  if (state === null || state === '') throw new AppError('OAUTH_STATE_MISSING', 'the response carries no state');
  if (state.length > MAX_STATE_LENGTH) throw new AppError('OAUTH_STATE_MISMATCH', 'no sign-in was started with this state');

  const found = await deps.stateStore.inspect(state);
  if (found.status === 'missing') throw new AppError('OAUTH_STATE_MISMATCH', 'no sign-in was started with this state');
  if (found.status === 'used') throw spentState('OAUTH_STATE_REUSED', 'this sign-in response was already used', found.about);
  if (found.status === 'expired') {
    await deps.stateStore.remove(state);
    throw spentState('OAUTH_STATE_EXPIRED', `this sign-in took longer than ${SIGN_IN_LIFETIME_WORDS}`, found.about);
  }
  const data = readStateData(found.value);
  const store = data && config.stores.find(
    (candidate): candidate is GoodsieStoreConfig => candidate.id === data.storeId && candidate.kind === 'goodsie' && candidate.flow === 'code',
  );
  if (!data || !store) {
    await deps.stateStore.remove(state);
    // Ours, for a store taken out of config.json since it began: said as such, not as a forgery.
    if (data && !config.stores.some((candidate) => candidate.id === data.storeId)) {
      throw new AppError('OAUTH_STORE_UNLISTED', 'the sign-in was for a store config.json no longer names', { storeId: data.storeId });
    }
    // Ours, for a store config.json now has on another flow: configured differently since it began.
    if (data) throw configuredDifferently(data.storeId, data.returnTo);
    throw new AppError('OAUTH_STATE_MISMATCH', 'the sign-in state names no configured store');
  }

  try {
    checkCallbackBinding(data.binding, bindingOf(store), arrivalAddress(arrivedOn), params.get('iss'), data.returnTo);
  } catch (error) {
    await deps.stateStore.remove(state);
    throw error;
  }

  const { client, record } = createClient(store, data.scopes, deps);
  try {
    await client.processSigninResponse(href);
    if (record.tokenJson === undefined) throw new AppError('OAUTH_INVALID_RESPONSE', 'no token response was received');
    const tokens = normalizeTokenResponse(record.tokenJson, normalizeOptions(store, data.scopes, record, deps));
    return { storeId: store.id, returnTo: data.returnTo, tokens, asked: data.scopes };
  } catch (error) {
    // Whatever failed from here (the store's error answer, the token request: unreachable, a 5xx,
    // invalid_grant), the sign-in was ours: its page is known, for a step-up to go back to.
    const mapped = toAppError(error, record, store.id);
    mapped.returnTo ??= data.returnTo;
    throw mapped;
  }
}

/**
 * Uses the refresh token grant. With rotation the response carries a new refresh token, which
 * replaces the old one; without one, the old one stays.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 */
export async function refreshAccessToken(store: GoodsieStoreConfig, tokens: TokenSet, deps: CodeFlowDeps): Promise<TokenSet> {
  if (tokens.refreshToken === undefined) throw new AppError('TOKEN_EXPIRED', 'no refresh token', { storeId: store.id });
  const { client, record } = createClient(store, tokens.scopes, deps);
  const scope = formatScope(tokens.scopes);
  try {
    // RefreshState is a type-only export in 3.x (not in the runtime bundle): a plain object of its shape.
    const state: RefreshState = {
      refresh_token: tokens.refreshToken,
      session_state: null,
      profile: {} as UserProfile,
      ...(scope !== '' ? { scope } : {}),
    };
    await client.useRefreshToken({ state });
    if (record.tokenJson === undefined) throw new AppError('OAUTH_INVALID_RESPONSE', 'no token response was received');
    const refreshed = normalizeTokenResponse(record.tokenJson, normalizeOptions(store, tokens.scopes, record, deps));
    if (refreshed.refreshToken === undefined) refreshed.refreshToken = tokens.refreshToken;
    return refreshed;
  } catch (error) {
    throw toAppError(error, record, store.id);
  }
}

/** Counted from the response's arrival, with the platform's lifetime rules. */
function normalizeOptions(store: GoodsieStoreConfig, requestedScopes: readonly string[], record: ExchangeRecord, deps: CodeFlowDeps) {
  return { requestedScopes, now: record.receivedAt ?? deps.now(), quirks: getProvider(store.kind).tokenQuirks };
}

function createClient(
  store: GoodsieStoreConfig,
  scopes: readonly string[],
  deps: CodeFlowDeps,
): { client: OidcClient; record: ExchangeRecord } {
  if (!store.tokenEndpoint) throw new AppError('CONFIG_INVALID', 'the code flow needs a token endpoint', { storeId: store.id });
  let authority: string;
  try {
    authority = new URL(store.authorizationEndpoint).origin;
  } catch {
    throw new AppError('CONFIG_INVALID', 'authorization endpoint is not an absolute URL', { storeId: store.id });
  }
  const scope = formatScope(scopes);
  const client = new OidcClient({
    authority,
    metadata: {
      issuer: authority,
      authorization_endpoint: store.authorizationEndpoint,
      token_endpoint: store.tokenEndpoint,
    },
    client_id: store.clientId,
    redirect_uri: store.redirectUri,
    response_type: 'code',
    response_mode: 'query',
    // The library insists on a scope string; with none configured we send none.
    scope: scope === '' ? ' ' : scope,
    omitScopeWhenRequesting: scope === '',
    loadUserInfo: false,
    fetchRequestCredentials: 'omit',
    staleStateAgeInSeconds: STALE_STATE_AGE_SECONDS,
    stateStore: deps.stateStore,
  });
  const record: ExchangeRecord = {};
  routeFetch(client, deps, record);
  return { client, record };
}

interface JsonServiceLike {
  fetchWithTimeout: (input: RequestInfo | URL, init?: RequestInit & { timeoutInSeconds?: number }) => Promise<Response>;
}

/** Points every JsonService of the client at the injected fetch (see the module comment). */
function routeFetch(client: OidcClient, deps: CodeFlowDeps, record: ExchangeRecord): void {
  const internals = client as unknown as {
    _tokenClient?: { _jsonService?: unknown };
    _validator?: { _tokenClient?: { _jsonService?: unknown }; _userInfoService?: { _jsonService?: unknown } };
    metadataService?: { _jsonService?: unknown };
  };
  const services = [
    internals._tokenClient?._jsonService,
    internals._validator?._tokenClient?._jsonService,
    internals._validator?._userInfoService?._jsonService,
    internals.metadataService?._jsonService,
  ];
  // Its body within the same time (oauth/fetch-giving-up.ts, as every time limit): a server that sent
  // its headers and then stalled held a renewal, and the store's lock in every tab, for ever.
  const inTime = fetchGivingUp(deps.fetch, deps.timeoutMs ?? 30_000, () => new TypeError('no answer in time'));
  const routed: JsonServiceLike['fetchWithTimeout'] = async (input, init = {}) => {
    const { timeoutInSeconds: _ignored, signal: _signal, ...rest } = init;
    let response: Response;
    try {
      // Never a redirect followed: a 307/308 would send the code and verifier, or the refresh token, on.
      response = await inTime(input, { ...rest, redirect: 'error' });
    } catch {
      // The fetch error may echo the request; keep none of it.
      throw new AppError('OAUTH_NETWORK_ERROR', 'could not reach the token endpoint');
    }
    record.receivedAt = deps.now();
    if (response.ok) {
      try {
        record.tokenJson = await response.clone().json();
      } catch {
        record.tokenJson = undefined;
      }
    } else {
      record.httpError = await parseTokenErrorResponse(response.clone());
    }
    return response;
  };
  for (const service of services) {
    if (typeof service !== 'object' || service === null || typeof (service as JsonServiceLike).fetchWithTimeout !== 'function') {
      throw new Error('oidc-client-ts internals changed: cannot route its requests through the injected fetch');
    }
    (service as JsonServiceLike).fetchWithTimeout = routed;
  }
}

function readStateData(value: string): CodeFlowStateData | null {
  try {
    const data: unknown = (JSON.parse(value) as Record<string, unknown>)['data'];
    if (typeof data !== 'object' || data === null) return null;
    const { storeId, returnTo, scopes } = data as Record<string, unknown>;
    if (typeof storeId !== 'string' || typeof returnTo !== 'string') return null;
    if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) return null;
    const binding = parseBinding((data as Record<string, unknown>)['binding']);
    if (binding === null || binding.storeId !== storeId) return null;
    return { storeId, binding, returnTo, scopes: scopes as string[] };
  } catch {
    return null;
  }
}

/** Library messages that mean "this state is not ours". */
const STATE_MISMATCH_MESSAGES = [
  'No matching state found in storage',
  'State does not match',
  'authority mismatch on settings vs. signin state',
  'client_id mismatch on settings vs. signin state',
];

/**
 * The one boundary that turns oidc-client-ts errors into ours. Never keeps the library error as a
 * cause: an ErrorResponse from the token endpoint holds the request form (code, verifier, tokens).
 */
function toAppError(error: unknown, record: ExchangeRecord, storeId: string): AppError {
  const mapped = mapError(error, record);
  mapped.storeId ??= storeId;
  return mapped;
}

function mapError(error: unknown, record: ExchangeRecord): AppError {
  if (error instanceof AppError) return error;
  if (record.httpError) return record.httpError;
  if (error instanceof ErrorResponse) {
    // Not from the token endpoint (that one set httpError): the authorization response's error.
    const code = sanitizeErrorText(error.error ?? '', 64);
    if (code === '') return new AppError('OAUTH_INVALID_RESPONSE', 'the error parameter is malformed');
    const description = error.error_description === null ? undefined : sanitizeErrorText(error.error_description, 500);
    return new OAuthRedirectError(code, description);
  }
  if (error instanceof Error) {
    if (error.message === 'No state in response') return new AppError('OAUTH_STATE_MISSING', 'the response carries no state');
    if (STATE_MISMATCH_MESSAGES.includes(error.message)) {
      return new AppError('OAUTH_STATE_MISMATCH', 'no sign-in was started with this state');
    }
    if (error.name === 'ErrorTimeout' || error.name === 'AbortError') {
      return new AppError('OAUTH_NETWORK_ERROR', 'the token endpoint did not answer in time');
    }
  }
  return new AppError('OAUTH_INVALID_RESPONSE', 'the authorization server sent an unusable response', {
    cause: error instanceof Error ? error.name : typeof error,
  });
}
