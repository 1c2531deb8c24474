/**
 * `POST /api/oauth/token` of Shopware 6 (platforms.md 4.1, 4.2): client_credentials for integrations,
 * password + rotating refresh_token for client `administration`, league's error table, Shopware's
 * OAuth throttle. Also validates bearer tokens for the API routes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DEMO_INTEGRATIONS, DEMO_USERS, REFRESH_TOKEN_TTL_SECONDS, type DemoIntegration, type DemoUser } from './constants.ts';
import { LEAGUE, ShopwareError } from './errors.ts';
import { OAuthThrottle } from './throttle.ts';

export type Principal =
  | { kind: 'integration'; accessKeyId: string; admin: boolean; privileges: readonly string[] }
  | { kind: 'user'; userId: string; username: string; admin: boolean; privileges: readonly string[] };

interface AccessToken {
  subject: { kind: 'integration'; accessKeyId: string } | { kind: 'user'; username: string };
  issuedAt: number;
  /** Issue order: a password change kills the tokens issued before it, even within one millisecond. */
  serial: number;
  expiresAt: number;
}

interface RefreshToken {
  username: string;
  clientId: string;
  expiresAt: number;
}

export interface TokenStats {
  total: number;
  byGrant: Record<string, number>;
  /** Key: `fingerprint(refreshToken)`. */
  byRefreshToken: Record<string, number>;
  /** Key: access key id or username. */
  byCredential: Record<string, number>;
  /** Each token request's Content-Type header ('' when absent), in order. */
  contentTypes: string[];
}

/** A short non-reversible name for a token in stats (never the token itself). */
export function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

function jwtLike(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'RS256' })}.${part(claims)}.${randomBytes(48).toString('base64url')}`;
}

const KNOWN_PREFIXES = ['SWIA', 'SWUA', 'SWSC', 'SWPE'];

export interface OAuthOptions {
  league: 8 | 9;
  throttleDivisor: number;
  accessTokenTtlSeconds: number;
  now: () => number;
}

export class OAuthServer {
  readonly #integrations = new Map<string, DemoIntegration>();
  readonly #users = new Map<string, DemoUser & { passwordSerial: number }>();
  readonly #access = new Map<string, AccessToken>();
  readonly #refresh = new Map<string, RefreshToken>();
  readonly #throttle: OAuthThrottle;
  #serial = 0;
  readonly stats: TokenStats = { total: 0, byGrant: {}, byRefreshToken: {}, byCredential: {}, contentTypes: [] };

  constructor(readonly options: OAuthOptions) {
    for (const integration of DEMO_INTEGRATIONS) this.#integrations.set(integration.accessKeyId, integration);
    for (const user of DEMO_USERS) this.#users.set(user.username, { ...user, passwordSerial: 0 });
    this.#throttle = new OAuthThrottle(options.throttleDivisor);
  }

  #count(record: Record<string, number>, key: string): void {
    record[key] = (record[key] ?? 0) + 1;
  }

  /** Answers one token request: the parsed parameters, the request's Content-Type and client IP. */
  token(params: Record<string, unknown>, contentType: string, clientIp: string): { status: number; json: unknown } {
    const str = (key: string): string | undefined => (typeof params[key] === 'string' && params[key] !== '' ? (params[key] as string) : undefined);
    const grant = str('grant_type') ?? '';
    this.stats.total++;
    this.stats.contentTypes.push(contentType);
    this.#count(this.stats.byGrant, grant === '' ? '(none)' : grant);
    const refreshToken = str('refresh_token');
    if (grant === 'refresh_token' && refreshToken !== undefined) this.#count(this.stats.byRefreshToken, fingerprint(refreshToken));
    const credential = grant === 'client_credentials' ? str('client_id') : str('username');
    if (credential !== undefined) this.#count(this.stats.byCredential, credential);

    // AuthController::token: counted before the grant is checked, reset on success
    const key = `${str('username') ?? ''}-${clientIp}`;
    const now = this.options.now();
    const wait = this.#throttle.consume(key, now);
    if (wait > 0) {
      throw new ShopwareError(429, 'FRAMEWORK__AUTH_THROTTLED', 'Too Many Requests', `Auth throttled for ${wait} seconds.`, { meta: { parameters: { seconds: wait } } });
    }
    const response = this.#grant(grant, str, now);
    this.#throttle.reset(key);
    return { status: 200, json: response };
  }

  #grant(grant: string, str: (key: string) => string | undefined, now: number): Record<string, unknown> {
    const clientId = str('client_id');
    switch (grant) {
      case 'client_credentials': {
        if (clientId === undefined) throw LEAGUE.invalidRequest('client_id');
        // AccessKeyHelper::getOrigin: the first four letters as they are (a PHP array key), so `swia…`
        // is refused here; the rest is found in a utf8mb4_unicode_ci column, whatever its case
        // (ClientRepository::getByAccessKey; docs/platform-evidence.md)
        if (!KNOWN_PREFIXES.some((p) => clientId.startsWith(p))) {
          throw new ShopwareError(500, 'FRAMEWORK__API_INVALID_ACCESS_KEY', 'Internal Server Error', 'Access key is invalid and could not be identified.', { meta: { parameters: [] } });
        }
        const integration = this.#integrations.get(clientId.toUpperCase());
        const secret = str('client_secret');
        if (integration === undefined || secret === undefined || secret !== integration.secret) throw LEAGUE.invalidClient();
        return this.#issue({ kind: 'integration', accessKeyId: integration.accessKeyId }, now, false);
      }
      case 'password': {
        if (clientId === undefined) throw LEAGUE.invalidRequest('client_id');
        if (clientId !== 'administration') throw LEAGUE.unsupportedGrantType();
        const username = str('username');
        if (username === undefined) throw LEAGUE.invalidRequest('username');
        const password = str('password');
        if (password === undefined) throw LEAGUE.invalidRequest('password');
        const user = this.#users.get(username);
        if (user === undefined || user.password !== password) throw LEAGUE.invalidCredentials();
        return this.#issue({ kind: 'user', username }, now, true);
      }
      case 'refresh_token': {
        if (clientId === undefined) throw LEAGUE.invalidRequest('client_id');
        if (clientId !== 'administration') throw LEAGUE.unsupportedGrantType();
        const token = str('refresh_token');
        if (token === undefined) throw LEAGUE.invalidRequest('refresh_token');
        const record = this.#refresh.get(token);
        const league = this.options.league;
        if (record === undefined) {
          // a well-formed token we no longer hold was rotated away (or revoked); anything else does not decrypt
          throw LEAGUE.invalidRefreshToken(/^def50200[0-9a-f]{64,}$/.test(token) ? 'Token has been revoked' : 'Cannot decrypt the refresh token', league);
        }
        if (record.clientId !== clientId) throw LEAGUE.invalidRefreshToken('Token is not linked to client', league);
        if (record.expiresAt <= now) throw LEAGUE.invalidRefreshToken('Token has expired', league);
        this.#refresh.delete(token);
        return this.#issue({ kind: 'user', username: record.username }, now, true);
      }
      default:
        throw LEAGUE.unsupportedGrantType();
    }
  }

  #issue(subject: AccessToken['subject'], now: number, withRefresh: boolean): Record<string, unknown> {
    const ttl = this.options.accessTokenTtlSeconds;
    const accessToken = jwtLike({ aud: subject.kind === 'user' ? 'administration' : subject.accessKeyId, jti: randomBytes(16).toString('hex'), iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + ttl, scopes: ['write'] });
    this.#access.set(accessToken, { subject, issuedAt: now, serial: ++this.#serial, expiresAt: now + ttl * 1000 });
    const response: Record<string, unknown> = { token_type: 'Bearer', expires_in: ttl, access_token: accessToken };
    if (withRefresh && subject.kind === 'user') {
      const refreshToken = `def50200${randomBytes(96).toString('hex')}`;
      this.#refresh.set(refreshToken, { username: subject.username, clientId: 'administration', expiresAt: now + REFRESH_TOKEN_TTL_SECONDS * 1000 });
      response.refresh_token = refreshToken;
    }
    if (this.#access.size > 50_000) this.#pruneExpired(now);
    return response;
  }

  #pruneExpired(now: number): void {
    for (const [token, record] of this.#access) if (record.expiresAt <= now) this.#access.delete(token);
  }

  /** The principal of a bearer header, or a 401 like `BearerTokenValidator`. */
  authenticate(authorization: string | undefined): Principal {
    if (authorization === undefined || authorization.trim() === '') throw LEAGUE.accessDenied('Missing "Authorization" header');
    const token = authorization.replace(/^\s*Bearer\s+/i, '').trim();
    const record = this.#access.get(token);
    const now = this.options.now();
    if (record === undefined || record.expiresAt <= now) throw LEAGUE.accessDenied('Access token could not be verified');
    if (record.subject.kind === 'user') {
      const user = this.#users.get(record.subject.username);
      if (user === undefined) throw LEAGUE.accessDenied('Access token is invalid');
      // tokens issued before the last password change are dead (`BearerTokenValidator`)
      if (record.serial <= user.passwordSerial) throw LEAGUE.accessDenied('Access token is expired');
      return { kind: 'user', userId: user.id, username: user.username, admin: user.admin, privileges: user.privileges };
    }
    const integration = this.#integrations.get(record.subject.accessKeyId);
    // a deleted integration's token still verifies until it expires, but carries no rights [assumed]
    return { kind: 'integration', accessKeyId: record.subject.accessKeyId, admin: integration?.admin ?? false, privileges: integration?.privileges ?? [] };
  }

  user(username: string): DemoUser | undefined {
    return this.#users.get(username);
  }

  /** Settings › System › Integrations › delete. */
  revokeIntegration(accessKeyId: string): boolean {
    return this.#integrations.delete(accessKeyId);
  }

  /** The user's password changes: refresh tokens and access tokens issued until now die. */
  changePassword(username: string, password: string): void {
    const user = this.#users.get(username);
    if (user === undefined) throw new Error(`shopware: no user ${username}`);
    user.password = password;
    user.passwordSerial = this.#serial;
    for (const [token, record] of this.#refresh) if (record.username === username) this.#refresh.delete(token);
  }

  /** Every access token dies now (refresh tokens live on). */
  expireAccessTokens(): void {
    this.#access.clear();
  }

  throttleAttempts(username: string, clientIp: string): number {
    return this.#throttle.attempts(`${username}-${clientIp}`);
  }
}
