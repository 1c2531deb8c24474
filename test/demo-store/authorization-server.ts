/**
 * The demo store's OAuth 2.0 authorization server: consent (RFC 6749 4.1 / 4.2), PKCE S256 only
 * (RFC 7636), the token endpoint (RFC 6749 4.1.3, 6, 5.2) and the token check the store API uses
 * (RFC 6750). HTTP-free: it takes parsed parameters and answers `Reply`s, so it can be driven
 * directly with a fake clock.
 */
import { createHash } from 'node:crypto';
import { errorReply, jsonReply, randomToken, safeEqual, type Reply } from './http-utils.ts';
import { htmlSecurityHeaders, renderConsentPage, renderErrorPage } from './html-pages.ts';
import { ALL_SCOPES, SCOPE_DESCRIPTIONS, isScope, splitScopes, type Scope } from './scopes.ts';

export interface DemoClient {
  clientId: string;
  name: string;
  redirectUris: string[];
  secret?: string;
}

export interface AuthorizationServerOptions {
  clients: DemoClient[];
  tokenLifetimeSeconds: number;
  maxScopes: Scope[];
  /** Epoch ms; injectable so code expiry can be tested without waiting. */
  now?: () => number;
  /** Sent as `iss` on every authorization response (RFC 9207); none when absent. */
  issuer?: string;
}

/** What the store API learns about a bearer token. */
export type TokenCheck =
  | { ok: true; grantId: string; clientId: string; scopes: Scope[]; accountId: string }
  | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

/** A validated authorization request, kept server-side while the consent page is open. */
interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  responseType: 'code' | 'token';
  scopes: Scope[];
  state: string | undefined;
  codeChallenge: string | undefined;
  /** The request parameters exactly as received; the POST must carry the same values. */
  params: Record<string, string>;
}

interface ConsentRecord {
  request: AuthorizationRequest;
  cookieName: string;
  cookieSecret: string;
  expiresAt: number;
}

interface CodeRecord {
  clientId: string;
  redirectUri: string;
  codeChallenge: string | undefined;
  scopes: Scope[];
  expiresAt: number;
  /** Set once the code has been exchanged: reuse revokes this grant. */
  redeemedGrantId: string | undefined;
  /** The shopper account that allowed it. */
  accountId: string;
}

interface AccessTokenRecord {
  grantId: string;
  clientId: string;
  scopes: Scope[];
  expiresAt: number;
}

interface RefreshTokenRecord {
  grantId: string;
  clientId: string;
  /** The scopes of the original grant; a refresh may ask for fewer, never more. */
  scopes: Scope[];
}

const CODE_LIFETIME_MS = 60_000;
const CONSENT_LIFETIME_MS = 10 * 60_000;
/** Redeemed codes are remembered this long after expiry so that reuse can still be detected. */
const CODE_MEMORY_MS = 10 * 60_000;
const REQUEST_PARAMS = ['client_id', 'response_type', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method'] as const;
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The store's own sign-in, reduced to one cookie: who the shopper is on this browser. Set with the
 * consent page when missing; every grant allowed from that browser belongs to that account, so
 * what belongs to the account (the cart) outlives any one grant. Without it, each grant gets an
 * account of its own.
 */
export const SHOPPER_COOKIE = 'goodsie_shopper';
const ACCOUNT_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** RFC 7636 4.1: 43 to 128 unreserved characters. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): Reply {
  return errorReply(status, error, description, { ...NO_STORE, ...headers });
}

function errorPage(title: string, message: string): Reply {
  return { status: 400, html: renderErrorPage(title, message), headers: htmlSecurityHeaders() };
}

/** Appends form-urlencoded parameters to the query or fragment of a registered URI, unchanged otherwise. */
function redirectWith(uri: string, mode: 'query' | 'fragment', params: Record<string, string | undefined>): Reply {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) search.append(name, value);
  const location = mode === 'fragment' ? `${uri}#${search}` : `${uri}${uri.includes('?') ? '&' : '?'}${search}`;
  return { status: 302, headers: { Location: location, 'Cache-Control': 'no-store' } };
}

function firstDuplicate(params: URLSearchParams): string | undefined {
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

/** The origin a redirect goes to, for the consent page's note and its CSP form-action. */
function redirectOrigin(uri: string): string {
  try {
    const url = new URL(uri);
    return url.origin === 'null' ? url.protocol : url.origin;
  } catch {
    return uri;
  }
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export class AuthorizationServer {
  readonly #clients = new Map<string, DemoClient>();
  readonly #consents = new Map<string, ConsentRecord>();
  readonly #codes = new Map<string, CodeRecord>();
  readonly #accessTokens = new Map<string, AccessTokenRecord>();
  readonly #refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly #revokedGrants = new Set<string>();
  /** grant -> the shopper account that allowed it (what the store keeps per account, e.g. the cart). */
  readonly #accounts = new Map<string, string>();
  readonly #now: () => number;
  #maxScopes: Scope[];
  tokenLifetimeSeconds: number;
  /**
   * When set, every authorization response (success or error) carries `iss` with this value, as a
   * server advertising `authorization_response_iss_parameter_supported` does (RFC 9207 2).
   */
  issuer: string | undefined;

  constructor(options: AuthorizationServerOptions) {
    for (const client of options.clients) this.addClient(client);
    this.#maxScopes = [...options.maxScopes];
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds;
    this.#now = options.now ?? Date.now;
    this.issuer = options.issuer;
  }

  #redirectWith(uri: string, mode: 'query' | 'fragment', params: Record<string, string | undefined>): Reply {
    return redirectWith(uri, mode, { ...params, iss: this.issuer });
  }

  /**
   * POST /oauth2/revoke (RFC 7009 2.1): the client authenticates as at the token endpoint. A refresh
   * token ends its whole grant (its access tokens too, 2.1); an access token ends itself. Unknown,
   * foreign or already revoked tokens get the same 200 (2.2). Returns what was revoked, for the tests.
   * @see https://www.rfc-editor.org/rfc/rfc7009#section-2
   */
  revoke(form: URLSearchParams, authorization: string | undefined): { reply: Reply; revoked: 'refresh_token' | 'access_token' | null } {
    const duplicate = firstDuplicate(form);
    if (duplicate !== undefined) return { reply: oauthError(400, 'invalid_request', `The parameter ${duplicate} appears more than once.`), revoked: null };
    const client = this.#authenticateClient(form, authorization);
    if ('status' in client) return { reply: client, revoked: null };
    const token = form.get('token');
    if (token === null || token === '') return { reply: oauthError(400, 'invalid_request', 'token is required.'), revoked: null };
    const hint = form.get('token_type_hint');
    if (hint !== null && hint !== 'refresh_token' && hint !== 'access_token') {
      return { reply: oauthError(400, 'unsupported_token_type', 'token_type_hint must be refresh_token or access_token.'), revoked: null };
    }
    const ok: Reply = { status: 200, headers: NO_STORE, body: '' };
    const refresh = this.#refreshTokens.get(token);
    if (refresh !== undefined && refresh.clientId === client.clientId) {
      this.#refreshTokens.delete(token);
      this.#revokedGrants.add(refresh.grantId);
      return { reply: ok, revoked: 'refresh_token' };
    }
    const access = this.#accessTokens.get(token);
    if (access !== undefined && access.clientId === client.clientId) {
      this.#accessTokens.delete(token);
      return { reply: ok, revoked: 'access_token' };
    }
    return { reply: ok, revoked: null };
  }

  addClient(client: DemoClient): void {
    this.#clients.set(client.clientId, { ...client, redirectUris: [...client.redirectUris] });
  }

  setMaxScopes(scopes: string[]): void {
    const unknown = scopes.filter((s) => !isScope(s));
    if (unknown.length > 0) throw new Error(`unknown scope(s): ${unknown.join(', ')}`);
    this.#maxScopes = scopes.filter(isScope);
  }

  /** Every access and refresh token becomes invalid. */
  revokeAllTokens(): void {
    for (const record of this.#accessTokens.values()) this.#revokedGrants.add(record.grantId);
    for (const record of this.#refreshTokens.values()) this.#revokedGrants.add(record.grantId);
    this.#refreshTokens.clear();
  }

  /**
   * Every live access and refresh token keeps only those of its scopes that are in `scopes` (as
   * when a merchant takes a permission back from an app): the API answers 403 insufficient_scope
   * for the rest, and a refresh cannot win them back. New sign-ins are not affected.
   */
  narrowGrants(scopes: string[]): void {
    const unknown = scopes.filter((s) => !isScope(s));
    if (unknown.length > 0) throw new Error(`unknown scope(s): ${unknown.join(', ')}`);
    const keep = (record: { scopes: Scope[] }): void => {
      record.scopes = record.scopes.filter((s) => scopes.includes(s));
    };
    for (const record of this.#accessTokens.values()) keep(record);
    for (const record of this.#refreshTokens.values()) keep(record);
  }

  /** Access tokens expire now; refresh tokens stay valid. */
  expireAccessTokens(): void {
    const past = this.#now() - 1;
    for (const record of this.#accessTokens.values()) record.expiresAt = Math.min(record.expiresAt, past);
  }

  /** RFC 6750: what a bearer token is worth right now. */
  checkAccessToken(token: string): TokenCheck {
    const record = this.#accessTokens.get(token);
    if (record === undefined) return { ok: false, reason: 'unknown' };
    if (this.#revokedGrants.has(record.grantId)) return { ok: false, reason: 'revoked' };
    if (record.expiresAt <= this.#now()) return { ok: false, reason: 'expired' };
    const accountId = this.#accounts.get(record.grantId) ?? record.grantId;
    return { ok: true, grantId: record.grantId, clientId: record.clientId, scopes: [...record.scopes], accountId };
  }

  // ---------------------------------------------------------------- authorization endpoint

  /** GET /oauth2/authorize: validate, then show the consent page (or an error page / error redirect). */
  beginAuthorization(params: URLSearchParams): { reply: Reply; cookie?: { name: string; value: string } } {
    const checked = this.#validateRequest(params);
    if ('status' in checked) return { reply: checked };
    const request = checked;
    this.#purge();
    const consent = randomToken();
    const record: ConsentRecord = {
      request,
      cookieName: `goodsie_consent_${randomToken(9)}`,
      cookieSecret: randomToken(),
      expiresAt: this.#now() + CONSENT_LIFETIME_MS,
    };
    this.#consents.set(consent, record);
    const client = this.#clients.get(request.clientId);
    const target = redirectOrigin(request.redirectUri);
    const html = renderConsentPage({
      clientName: client?.name ?? request.clientId,
      scopes: request.scopes.map((scope) => ({
        scope,
        description: SCOPE_DESCRIPTIONS[scope],
        grantable: this.#maxScopes.includes(scope),
      })),
      redirectOrigin: target,
      hidden: { ...request.params, consent },
    });
    return {
      reply: { status: 200, html, headers: htmlSecurityHeaders(target) },
      cookie: { name: record.cookieName, value: record.cookieSecret },
    };
  }

  /**
   * POST /oauth2/authorize: the consent form. Granting needs the per-request hidden `consent`
   * value AND the cookie set with the page, so a forged cross-site POST cannot grant.
   */
  completeAuthorization(form: URLSearchParams, cookies: ReadonlyMap<string, string>): { reply: Reply; clearCookie?: string } {
    const consent = form.get('consent') ?? '';
    const record = this.#consents.get(consent);
    if (record === undefined || record.expiresAt <= this.#now()) {
      this.#consents.delete(consent);
      return { reply: errorPage('This consent form has expired', 'The form was not issued by this store, was already used, or is more than 10 minutes old.') };
    }
    const cookie = cookies.get(record.cookieName);
    if (cookie === undefined || !safeEqual(cookie, record.cookieSecret)) {
      return { reply: errorPage('This consent form cannot be trusted', 'The form was not submitted from the page this store showed you.') };
    }
    const { request } = record;
    const tampered = REQUEST_PARAMS.some((name) => (form.get(name) ?? undefined) !== request.params[name]);
    if (tampered || firstDuplicate(form) !== undefined) {
      return { reply: errorPage('This consent form was changed', 'The request in the form does not match the one you were shown.') };
    }
    const decision = form.get('decision');
    if (decision !== 'allow' && decision !== 'deny') {
      return { reply: errorPage('No decision', 'Choose Allow or Deny.') };
    }
    this.#consents.delete(consent);
    const clearCookie = record.cookieName;
    const client = this.#clients.get(request.clientId);
    if (client === undefined || !client.redirectUris.includes(request.redirectUri)) {
      return { reply: errorPage('Unknown app', 'This app is no longer registered with the store.'), clearCookie };
    }
    const mode = request.responseType === 'token' ? 'fragment' : 'query';
    if (decision === 'deny') {
      return {
        reply: this.#redirectWith(request.redirectUri, mode, {
          error: 'access_denied',
          error_description: 'The person denied the request.',
          state: request.state,
        }),
        clearCookie,
      };
    }
    const shopper = cookies.get(SHOPPER_COOKIE);
    const accountId = shopper !== undefined && ACCOUNT_ID.test(shopper) ? shopper : randomToken(12);
    const granted = request.scopes.filter((s) => this.#maxScopes.includes(s));
    if (granted.length === 0) {
      return {
        reply: this.#redirectWith(request.redirectUri, mode, {
          error: 'invalid_scope',
          error_description: 'This store grants none of the requested scopes.',
          state: request.state,
        }),
        clearCookie,
      };
    }
    if (request.responseType === 'code') {
      const code = randomToken();
      this.#codes.set(code, {
        clientId: request.clientId,
        redirectUri: request.redirectUri,
        codeChallenge: request.codeChallenge,
        scopes: granted,
        expiresAt: this.#now() + CODE_LIFETIME_MS,
        redeemedGrantId: undefined,
        accountId,
      });
      return { reply: this.#redirectWith(request.redirectUri, 'query', { code, state: request.state }), clearCookie };
    }
    // Implicit grant (RFC 6749 4.2.2): never a refresh token.
    const grantId = randomToken(12);
    this.#accounts.set(grantId, accountId);
    const accessToken = this.#issueAccessToken(grantId, request.clientId, granted);
    return {
      reply: this.#redirectWith(request.redirectUri, 'fragment', {
        access_token: accessToken,
        token_type: 'bearer',
        scope: granted.join(' '),
        expire_in: String(this.tokenLifetimeSeconds),
        state: request.state,
      }),
      clearCookie,
    };
  }

  #validateRequest(params: URLSearchParams): AuthorizationRequest | Reply {
    const duplicate = firstDuplicate(params);
    if (duplicate === 'client_id' || duplicate === 'redirect_uri') {
      return errorPage('Invalid sign-in request', `The parameter ${duplicate} appears more than once.`);
    }
    const clientId = params.get('client_id');
    const client = clientId === null ? undefined : this.#clients.get(clientId);
    if (clientId === null || client === undefined) {
      return errorPage('Unknown app', 'The app that sent you here is not registered with this store.');
    }
    const redirectUri = params.get('redirect_uri');
    if (redirectUri === null || !client.redirectUris.includes(redirectUri)) {
      return errorPage('Invalid redirect address', `The return address is not one registered for ${client.name}.`);
    }
    // From here on, errors go back to the (now trusted) redirect URI.
    const responseType = params.get('response_type');
    const state = params.get('state') ?? undefined;
    const mode = responseType === 'token' ? 'fragment' : 'query';
    const fail = (error: string, description: string): Reply =>
      this.#redirectWith(redirectUri, mode, { error, error_description: description, state });
    if (duplicate !== undefined) return fail('invalid_request', `The parameter ${duplicate} appears more than once.`);
    if (responseType === null) return fail('invalid_request', 'response_type is required.');
    if (responseType !== 'code' && responseType !== 'token') {
      return fail('unsupported_response_type', 'response_type must be code or token.');
    }
    const requested = splitScopes(params.get('scope') ?? '');
    if (requested.length === 0) return fail('invalid_scope', 'scope is required.');
    const unknown = requested.filter((s) => !isScope(s));
    if (unknown.length > 0) return fail('invalid_scope', `Unknown scope: ${unknown.join(' ')}. Known: ${ALL_SCOPES.join(' ')}.`);
    const scopes = requested.filter(isScope);
    if (!scopes.some((s) => this.#maxScopes.includes(s))) {
      return fail('invalid_scope', 'This store grants none of the requested scopes.');
    }
    const challenge = params.get('code_challenge') ?? undefined;
    const method = params.get('code_challenge_method') ?? undefined;
    let codeChallenge: string | undefined;
    if (responseType === 'code') {
      const isPublic = client.secret === undefined;
      if (isPublic || challenge !== undefined || method !== undefined) {
        if (challenge === undefined) return fail('invalid_request', 'code_challenge is required (PKCE, RFC 7636).');
        if (method !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256.');
        if (!S256_CHALLENGE.test(challenge)) return fail('invalid_request', 'code_challenge is not a base64url SHA-256 value.');
        codeChallenge = challenge;
      }
    }
    const raw: Record<string, string> = {};
    for (const name of REQUEST_PARAMS) {
      const value = params.get(name);
      if (value !== null) raw[name] = value;
    }
    return { clientId, redirectUri, responseType, scopes, state, codeChallenge, params: raw };
  }

  // ---------------------------------------------------------------- token endpoint

  /** POST /oauth2/access_token with a form-urlencoded body (RFC 6749 4.1.3 and 6). */
  token(form: URLSearchParams, authorization: string | undefined): Reply {
    const duplicate = firstDuplicate(form);
    if (duplicate !== undefined) return oauthError(400, 'invalid_request', `The parameter ${duplicate} appears more than once.`);
    const grantType = form.get('grant_type');
    if (grantType === null) return oauthError(400, 'invalid_request', 'grant_type is required.');
    const client = this.#authenticateClient(form, authorization);
    if ('status' in client) return client;
    if (grantType === 'authorization_code') return this.#exchangeCode(form, client);
    if (grantType === 'refresh_token') return this.#refresh(form, client);
    return oauthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.');
  }

  /** RFC 6749 2.3: client_id (+ client_secret) in the body, or HTTP Basic. */
  #authenticateClient(form: URLSearchParams, authorization: string | undefined): DemoClient | Reply {
    let basic: { id: string; secret: string } | undefined;
    const challenge = { 'WWW-Authenticate': 'Basic realm="goodsie"' };
    if (authorization !== undefined && /^basic /i.test(authorization)) {
      const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return oauthError(401, 'invalid_client', 'Malformed Basic credentials.', challenge);
      try {
        basic = {
          id: decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' ')),
          secret: decodeURIComponent(decoded.slice(colon + 1).replaceAll('+', ' ')),
        };
      } catch {
        return oauthError(401, 'invalid_client', 'Malformed Basic credentials.', challenge);
      }
    }
    const bodyId = form.get('client_id');
    if (basic !== undefined && bodyId !== null && bodyId !== basic.id) {
      return oauthError(400, 'invalid_request', 'client_id differs from the Basic credentials.');
    }
    if (basic !== undefined && form.has('client_secret')) {
      return oauthError(400, 'invalid_request', 'Use one client authentication method, not two.');
    }
    const clientId = basic?.id ?? bodyId;
    if (clientId === null) return oauthError(400, 'invalid_request', 'client_id is required.');
    const client = this.#clients.get(clientId);
    const extra = basic === undefined ? {} : challenge;
    if (client === undefined) return oauthError(401, 'invalid_client', 'Unknown client.', extra);
    const secret = basic?.secret ?? form.get('client_secret') ?? undefined;
    if (client.secret === undefined) {
      if (secret !== undefined) return oauthError(401, 'invalid_client', 'This public client has no secret.', extra);
    } else if (secret === undefined || !safeEqual(secret, client.secret)) {
      return oauthError(401, 'invalid_client', 'Client authentication failed.', extra);
    }
    return client;
  }

  #exchangeCode(form: URLSearchParams, client: DemoClient): Reply {
    const code = form.get('code');
    const redirectUri = form.get('redirect_uri');
    if (code === null) return oauthError(400, 'invalid_request', 'code is required.');
    if (redirectUri === null) return oauthError(400, 'invalid_request', 'redirect_uri is required.');
    const record = this.#codes.get(code);
    if (record === undefined) return oauthError(400, 'invalid_grant', 'The code is unknown.');
    if (record.redeemedGrantId !== undefined) {
      // RFC 6749 4.1.2: a code used twice revokes what it produced.
      this.#revokedGrants.add(record.redeemedGrantId);
      for (const [token, refresh] of this.#refreshTokens) {
        if (refresh.grantId === record.redeemedGrantId) this.#refreshTokens.delete(token);
      }
      return oauthError(400, 'invalid_grant', 'The code was already used; the tokens it produced are revoked.');
    }
    if (record.expiresAt <= this.#now()) return oauthError(400, 'invalid_grant', 'The code has expired.');
    if (record.clientId !== client.clientId) return oauthError(400, 'invalid_grant', 'The code was issued to another client.');
    if (record.redirectUri !== redirectUri) return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
    const verifier = form.get('code_verifier');
    if (record.codeChallenge !== undefined) {
      if (verifier === null) return oauthError(400, 'invalid_request', 'code_verifier is required.');
      if (!VERIFIER.test(verifier)) return oauthError(400, 'invalid_request', 'code_verifier must be 43 to 128 unreserved characters.');
      if (!safeEqual(s256(verifier), record.codeChallenge)) return oauthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge.');
    } else if (verifier !== null) {
      return oauthError(400, 'invalid_grant', 'No code_challenge was sent with the authorization request.');
    }
    const grantId = randomToken(12);
    record.redeemedGrantId = grantId;
    this.#accounts.set(grantId, record.accountId);
    return this.#tokenResponse(grantId, client.clientId, record.scopes, record.scopes);
  }

  #refresh(form: URLSearchParams, client: DemoClient): Reply {
    const refreshToken = form.get('refresh_token');
    if (refreshToken === null) return oauthError(400, 'invalid_request', 'refresh_token is required.');
    const record = this.#refreshTokens.get(refreshToken);
    if (record === undefined || this.#revokedGrants.has(record.grantId)) {
      return oauthError(400, 'invalid_grant', 'The refresh token is unknown, used or revoked.');
    }
    if (record.clientId !== client.clientId) return oauthError(400, 'invalid_grant', 'The refresh token was issued to another client.');
    const asked = form.has('scope') ? splitScopes(form.get('scope') ?? '') : record.scopes;
    const beyond = asked.filter((s) => !(record.scopes as string[]).includes(s));
    if (asked.length === 0 || beyond.length > 0) {
      return oauthError(400, 'invalid_scope', 'A refresh may keep or narrow the original scopes, never widen them.');
    }
    const granted = record.scopes.filter((s) => asked.includes(s) && this.#maxScopes.includes(s));
    if (granted.length === 0) return oauthError(400, 'invalid_scope', 'This store grants none of the requested scopes.');
    // Rotation: the refresh token just used is gone.
    this.#refreshTokens.delete(refreshToken);
    return this.#tokenResponse(record.grantId, client.clientId, granted, record.scopes);
  }

  #tokenResponse(grantId: string, clientId: string, scopes: Scope[], refreshScopes: Scope[]): Reply {
    const accessToken = this.#issueAccessToken(grantId, clientId, scopes);
    const refreshToken = randomToken();
    this.#refreshTokens.set(refreshToken, { grantId, clientId, scopes: [...refreshScopes] });
    return jsonReply(
      200,
      {
        access_token: accessToken,
        token_type: 'bearer',
        expire_in: this.tokenLifetimeSeconds,
        refresh_token: refreshToken,
        scope: scopes.join(' '),
      },
      NO_STORE,
    );
  }

  #issueAccessToken(grantId: string, clientId: string, scopes: Scope[]): string {
    const token = randomToken();
    this.#accessTokens.set(token, {
      grantId,
      clientId,
      scopes: [...scopes],
      expiresAt: this.#now() + this.tokenLifetimeSeconds * 1000,
    });
    return token;
  }

  /** Drops stale consent forms and long-expired codes so the maps stay small. */
  #purge(): void {
    const now = this.#now();
    for (const [key, record] of this.#consents) if (record.expiresAt <= now) this.#consents.delete(key);
    for (const [key, record] of this.#codes) if (record.expiresAt + CODE_MEMORY_MS <= now) this.#codes.delete(key);
  }
}
