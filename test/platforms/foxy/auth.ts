/**
 * Foxy's OAuth side (platforms.md 5.2, 5.6.2-3): OAuth clients, refresh tokens that never rotate
 * and stay valid, access tokens with `expires_in` 7200, and the Bearer check of the API.
 * A test clock (`advanceClock`) lets tests expire tokens without waiting.
 */
import { randomToken, safeEqual, type Reply } from '../../demo-store/http-utils.ts';
import { DEMO_BUNDLE, USER_BUNDLE } from './constants.ts';

export type TokenScope = 'store_full_access' | 'user_full_access';

export interface FoxyClient {
  clientId: string;
  clientSecret: string;
}

export interface RefreshGrant {
  clientId: string;
  scope: TokenScope;
}

interface AccessGrant extends RefreshGrant {
  expiresAt: number;
}

export type BearerCheck = { ok: true; scope: TokenScope } | { ok: false; reply: Reply };

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): Reply {
  return { status, json: { error, error_description: description }, headers: { ...NO_STORE, ...headers } };
}

function bearerError(error: string | undefined, description: string): Reply {
  const challenge = error === undefined ? 'Bearer realm="Foxy API"' : `Bearer realm="Foxy API", error="${error}", error_description="${description}"`;
  return {
    status: 401,
    json: { error: error ?? 'invalid_request', error_description: description },
    headers: { 'WWW-Authenticate': challenge, ...NO_STORE },
  };
}

/** `Basic base64(id:secret)` with RFC 6749 2.3.1 form-encoding of both parts; undefined if malformed. */
function parseBasic(header: string): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replaceAll('+', ' ')),
    };
  } catch {
    return undefined;
  }
}

export class FoxyAuth {
  readonly #clients = new Map<string, FoxyClient>();
  readonly #refresh = new Map<string, RefreshGrant>();
  readonly #access = new Map<string, AccessGrant>();
  #clockOffsetMs = 0;
  #lifetimeSeconds: number;

  constructor(options: { lifetimeSeconds: number }) {
    this.#lifetimeSeconds = options.lifetimeSeconds;
    this.#clients.set(DEMO_BUNDLE.client_id, { clientId: DEMO_BUNDLE.client_id, clientSecret: DEMO_BUNDLE.client_secret });
    this.#refresh.set(DEMO_BUNDLE.refresh_token, { clientId: DEMO_BUNDLE.client_id, scope: 'store_full_access' });
    this.#refresh.set(USER_BUNDLE.refresh_token, { clientId: USER_BUNDLE.client_id, scope: 'user_full_access' });
  }

  now(): number {
    return Date.now() + this.#clockOffsetMs;
  }

  advanceClock(seconds: number): void {
    this.#clockOffsetMs += seconds * 1000;
  }

  setLifetime(seconds: number): void {
    this.#lifetimeSeconds = seconds;
  }

  /** Every access token issued so far is expired; refresh tokens stay valid. */
  expireAccessTokens(): void {
    for (const grant of this.#access.values()) grant.expiresAt = 0;
  }

  /** Removes the integration: its client, refresh tokens and access tokens stop working. */
  revokeClient(clientId: string = DEMO_BUNDLE.client_id): boolean {
    const existed = this.#clients.delete(clientId);
    for (const [token, grant] of this.#refresh) if (grant.clientId === clientId) this.#refresh.delete(token);
    for (const [token, grant] of this.#access) if (grant.clientId === clientId) this.#access.delete(token);
    return existed;
  }

  /** Issues an access token directly (the Get Token page shows one). */
  issueAccessToken(grant: RefreshGrant): { token: string; expiresIn: number } {
    if (this.#access.size > 10_000) this.#access.clear();
    const token = randomToken(30);
    this.#access.set(token, { ...grant, expiresAt: this.now() + this.#lifetimeSeconds * 1000 });
    return { token, expiresIn: this.#lifetimeSeconds };
  }

  /** POST /token with an already-parsed form body (platforms.md 5.6.2). */
  token(form: URLSearchParams, authorization: string | undefined): Reply {
    const fromForm = form.has('client_id') || form.has('client_secret') ? { id: form.get('client_id') ?? '', secret: form.get('client_secret') ?? '' } : undefined;
    const basicHeader = authorization !== undefined && /^Basic\s/i.test(authorization);
    const fromBasic = basicHeader ? parseBasic(authorization) : undefined;
    const challenge: Record<string, string> = basicHeader ? { 'WWW-Authenticate': 'Basic realm="Foxy"' } : {};
    if (basicHeader && fromBasic === undefined) return oauthError(401, 'invalid_client', 'The Authorization header is malformed.', challenge);
    if (fromBasic !== undefined && fromForm !== undefined && (fromBasic.id !== fromForm.id || fromBasic.secret !== fromForm.secret)) {
      return oauthError(401, 'invalid_client', 'Only one method may be used to authenticate at a time (Auth header or POST).', challenge);
    }
    const credentials = fromBasic ?? fromForm;
    if (credentials === undefined) return oauthError(401, 'invalid_client', 'Client credentials were not found in the headers or body.');
    const client = this.#clients.get(credentials.id);
    if (client === undefined || !safeEqual(client.clientSecret, credentials.secret)) {
      return oauthError(401, 'invalid_client', 'The client credentials are invalid.', challenge);
    }
    const grantType = form.get('grant_type');
    if (grantType !== 'refresh_token') {
      return oauthError(400, grantType === null ? 'invalid_request' : 'unsupported_grant_type', 'Only grant_type=refresh_token is supported here.');
    }
    const refreshToken = form.get('refresh_token') ?? '';
    const grant = this.#refresh.get(refreshToken);
    if (refreshToken === '' || grant === undefined || grant.clientId !== client.clientId) {
      return oauthError(400, 'invalid_grant', 'Invalid refresh token.');
    }
    const { token, expiresIn } = this.issueAccessToken(grant);
    return {
      status: 200,
      json: { access_token: token, expires_in: expiresIn, token_type: 'Bearer', scope: grant.scope, refresh_token: refreshToken },
      headers: NO_STORE,
    };
  }

  /** The API's Bearer check (platforms.md 5.6.3). */
  checkBearer(authorization: string | undefined): BearerCheck {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (match?.[1] === undefined) return { ok: false, reply: bearerError(undefined, 'The access token was not found.') };
    const grant = this.#access.get(match[1]);
    if (grant === undefined) return { ok: false, reply: bearerError('invalid_token', 'The access token provided is invalid') };
    if (grant.expiresAt <= this.now()) return { ok: false, reply: bearerError('invalid_token', 'The access token provided has expired') };
    return { ok: true, scope: grant.scope };
  }
}
