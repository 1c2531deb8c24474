/**
 * FlickRocket's authorization side (platforms.md 3.1, 3.2, 3.6 points 1-2): the consent page whose
 * Allow hands the app a refresh token as `code`, and `/token`, which only knows
 * grant_type=refresh_token and rotates the refresh token on every exchange (the old one dies at
 * once). HTTP-free: takes parsed parameters, answers `Reply`s; the clock is injected.
 */
import { randomBytes } from 'node:crypto';
import { htmlSecurityHeaders } from '../../demo-store/html-pages.ts';
import { jsonReply, randomToken, safeEqual, type Reply } from '../../demo-store/http-utils.ts';
import { SCOPE_DESCRIPTIONS, renderConsentPage, renderErrorPage } from './pages.ts';

export interface FlickRocketClient {
  clientId: string;
  name: string;
  redirectUris: string[];
}

export interface AuthOptions {
  clients: FlickRocketClient[];
  companyId: number;
  userName: string;
  echoState: boolean;
  accessTokenLifetimeSeconds: number;
  now: () => number;
}

export type AccessCheck =
  | { ok: true; scopes: string[]; clientId: string; expiresAt: number }
  | { ok: false; error: 'access_token required' | 'invalid access_token' | 'expired' };

interface Grant {
  id: string;
  clientId: string;
  scopes: string[];
  revoked: boolean;
}

interface ConsentRecord {
  params: Record<string, string>;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  cookieName: string;
  cookieSecret: string;
  expiresAt: number;
}

const REQUEST_PARAMS = ['client_id', 'scope', 'access_type', 'redirect_uri', 'state'] as const;
const CONSENT_LIFETIME_MS = 10 * 60_000;
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** OWIN-style error body: `{"error": "..."}` and nothing else [assumed, platforms.md 3.2]. */
function tokenError(error: string): Reply {
  return jsonReply(400, { error }, NO_STORE);
}

function errorPage(title: string, message: string): Reply {
  return { status: 400, html: renderErrorPage(title, message), headers: htmlSecurityHeaders() };
}

function redirect(uri: string, params: Record<string, string | undefined>): Reply {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) search.append(name, value);
  return { status: 302, headers: { Location: `${uri}${uri.includes('?') ? '&' : '?'}${search}`, 'Cache-Control': 'no-store' } };
}

/** A refresh token as FlickRocket issues them: 32 lower-case hex characters. */
function newRefreshToken(): string {
  return randomBytes(16).toString('hex');
}

export class FlickRocketAuth {
  readonly #clients = new Map<string, FlickRocketClient>();
  readonly #consents = new Map<string, ConsentRecord>();
  /** Live refresh tokens (the redirect `code` included) -> grant. */
  readonly #refreshTokens = new Map<string, Grant>();
  /** Refresh tokens already exchanged: a second use is invalid_grant. */
  readonly #usedRefreshTokens = new Set<string>();
  readonly #accessTokens = new Map<string, { grant: Grant; expiresAt: number }>();
  /** Every POST /token that named a refresh token, counted per token (valid or not). */
  readonly tokenRequestsPerRefreshToken = new Map<string, number>();
  readonly #options: AuthOptions;
  accessTokenLifetimeSeconds: number;

  constructor(options: AuthOptions) {
    this.#options = options;
    this.accessTokenLifetimeSeconds = options.accessTokenLifetimeSeconds;
    for (const client of options.clients) this.addClient(client);
  }

  addClient(client: FlickRocketClient): void {
    this.#clients.set(client.clientId, { ...client, redirectUris: [...client.redirectUris] });
  }

  /** The merchant removes the app under Extensions › Manage Apps: every token of every grant dies. */
  revokeAll(): void {
    for (const grant of this.#refreshTokens.values()) grant.revoked = true;
    for (const { grant } of this.#accessTokens.values()) grant.revoked = true;
  }

  /**
   * The merchant takes some of the app's access back (test control; whether FlickRocket's admin
   * offers this is [unverified]): every grant keeps only the scopes in `kept`, and its next refresh
   * answers with those (an OAuth server may grant less than was asked, RFC 6749 section 3.3).
   */
  narrowGrants(kept: readonly string[]): void {
    const grants = new Set([...this.#refreshTokens.values(), ...[...this.#accessTokens.values()].map((r) => r.grant)]);
    for (const grant of grants) grant.scopes = grant.scopes.filter((scope) => kept.includes(scope));
  }

  /** Access tokens expire now; refresh tokens stay usable. */
  expireAccessTokens(): void {
    const past = this.#options.now() - 1;
    for (const record of this.#accessTokens.values()) record.expiresAt = Math.min(record.expiresAt, past);
  }

  /** A refresh token for `scopes`, as if the consent page had just been allowed (test shortcut). */
  issueRefreshToken(scopes: string[], clientId = [...this.#clients.keys()][0] ?? ''): string {
    const token = newRefreshToken();
    this.#refreshTokens.set(token, { id: randomToken(9), clientId, scopes: [...scopes], revoked: false });
    return token;
  }

  checkAccessToken(token: string | undefined): AccessCheck {
    if (token === undefined || token === '') return { ok: false, error: 'access_token required' };
    const record = this.#accessTokens.get(token);
    if (record === undefined || record.grant.revoked) return { ok: false, error: 'invalid access_token' };
    if (record.expiresAt <= this.#options.now()) return { ok: false, error: 'expired' };
    return { ok: true, scopes: [...record.grant.scopes], clientId: record.grant.clientId, expiresAt: record.expiresAt };
  }

  // ------------------------------------------------------------------ GET/POST /oauth2/auth

  beginConsent(params: URLSearchParams): { reply: Reply; cookie?: { name: string; value: string } } {
    const clientId = params.get('client_id');
    const client = clientId === null ? undefined : this.#clients.get(clientId);
    if (client === undefined) return { reply: errorPage('Unknown app', 'The app that sent you here is not registered with FlickRocket.') };
    const redirectUri = params.get('redirect_uri');
    if (redirectUri === null || !client.redirectUris.includes(redirectUri)) {
      return { reply: errorPage('Invalid redirect address', `The return address is not one registered for ${client.name}.`) };
    }
    const state = this.#options.echoState ? (params.get('state') ?? undefined) : undefined;
    // Scopes are comma-separated; "products orders" is one unknown scope.
    const scopes = (params.get('scope') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (scopes.length === 0 || scopes.some((s) => !(s in SCOPE_DESCRIPTIONS))) {
      return { reply: redirect(redirectUri, { error: 'invalid_scope', state }) };
    }
    for (const [key, record] of this.#consents) if (record.expiresAt <= this.#options.now()) this.#consents.delete(key);
    const consent = randomToken();
    const recorded: Record<string, string> = {};
    for (const name of REQUEST_PARAMS) {
      const value = params.get(name);
      if (value !== null) recorded[name] = value;
    }
    const record: ConsentRecord = {
      params: recorded,
      clientId: client.clientId,
      redirectUri,
      scopes: [...new Set(scopes)],
      state,
      cookieName: `fr_consent_${randomToken(9)}`,
      cookieSecret: randomToken(),
      expiresAt: this.#options.now() + CONSENT_LIFETIME_MS,
    };
    this.#consents.set(consent, record);
    const target = new URL(redirectUri).origin;
    const html = renderConsentPage({ clientName: client.name, scopes: record.scopes, redirectOrigin: target, hidden: { ...recorded, consent } });
    return { reply: { status: 200, html, headers: htmlSecurityHeaders(target) }, cookie: { name: record.cookieName, value: record.cookieSecret } };
  }

  /** The consent form: needs the single-use hidden `consent` value AND the cookie set with the page. */
  completeConsent(form: URLSearchParams, cookies: ReadonlyMap<string, string>): { reply: Reply; clearCookie?: string } {
    const consent = form.get('consent') ?? '';
    const record = this.#consents.get(consent);
    if (record === undefined || record.expiresAt <= this.#options.now()) {
      this.#consents.delete(consent);
      return { reply: errorPage('This consent form has expired', 'The form was not issued here, was already used, or is more than 10 minutes old.') };
    }
    const cookie = cookies.get(record.cookieName);
    if (cookie === undefined || !safeEqual(cookie, record.cookieSecret)) {
      return { reply: errorPage('This consent form cannot be trusted', 'The form was not submitted from the page FlickRocket showed you.') };
    }
    if (REQUEST_PARAMS.some((name) => (form.get(name) ?? undefined) !== record.params[name])) {
      return { reply: errorPage('This consent form was changed', 'The request in the form does not match the one you were shown.') };
    }
    const decision = form.get('decision');
    if (decision !== 'allow' && decision !== 'deny') return { reply: errorPage('No decision', 'Choose Allow or Deny.') };
    this.#consents.delete(consent);
    const clearCookie = record.cookieName;
    if (decision === 'deny') return { reply: redirect(record.redirectUri, { error: 'access_denied', state: record.state }), clearCookie };
    const code = this.issueRefreshToken(record.scopes, record.clientId);
    return {
      reply: redirect(record.redirectUri, { code, companyid: String(this.#options.companyId), state: record.state }),
      clearCookie,
    };
  }

  // ------------------------------------------------------------------ POST /token

  /**
   * `params` come from the form body only (never the query), as OWIN's token endpoint reads them.
   * No grant_type (nothing in the form) is unsupported_grant_type, as in Katana once the provider
   * has let a request without client_id through, which FlickRocket's public clients need.
   */
  token(params: URLSearchParams): Reply {
    const refreshToken = params.get('refresh_token');
    if (refreshToken !== null && refreshToken !== '') {
      this.tokenRequestsPerRefreshToken.set(refreshToken, (this.tokenRequestsPerRefreshToken.get(refreshToken) ?? 0) + 1);
    }
    const grantType = params.get('grant_type');
    if (grantType === null || grantType === '') return tokenError('unsupported_grant_type');
    const clientId = params.get('client_id');
    if (clientId === null || !this.#clients.has(clientId)) return tokenError('invalid_client');
    if (grantType !== 'refresh_token') return tokenError('unsupported_grant_type');
    if (refreshToken === null || refreshToken === '') return tokenError('invalid_grant');
    const grant = this.#refreshTokens.get(refreshToken);
    if (grant === undefined || this.#usedRefreshTokens.has(refreshToken) || grant.revoked || grant.clientId !== clientId) {
      return tokenError('invalid_grant');
    }
    // Single use: the old refresh token dies before the answer leaves.
    this.#refreshTokens.delete(refreshToken);
    this.#usedRefreshTokens.add(refreshToken);
    const next = newRefreshToken();
    this.#refreshTokens.set(next, grant);
    // OWIN access tokens are long opaque base64url strings.
    const accessToken = randomToken(96);
    const issued = this.#options.now();
    const expires = issued + this.accessTokenLifetimeSeconds * 1000;
    this.#accessTokens.set(accessToken, { grant, expiresAt: expires });
    return jsonReply(
      200,
      {
        access_token: accessToken,
        token_type: 'bearer',
        expires_in: this.accessTokenLifetimeSeconds,
        refresh_token: next,
        scope: grant.scopes.join(','),
        access_type: 'offline',
        'as:client_id': clientId,
        userName: this.#options.userName,
        '.issued': new Date(issued).toUTCString(),
        '.expires': new Date(expires).toUTCString(),
      },
      NO_STORE,
    );
  }
}
