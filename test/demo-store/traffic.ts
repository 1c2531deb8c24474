/**
 * What the demo store's tests read and steer about its traffic, beyond the plain counters: which
 * bearer tokens the API saw, which refresh tokens the token endpoint was sent, what was revoked, and
 * token-endpoint answers to fail on purpose (a 429, a 503) before any processing. Tokens are kept in
 * memory for comparisons only; nothing is logged.
 */
import type { Reply } from './http-utils.ts';
import { errorReply } from './http-utils.ts';

export class Traffic {
  readonly #apiTokenUses = new Map<string, number>();
  readonly #refreshTokensPresented: string[] = [];
  readonly #revoked: Array<'refresh_token' | 'access_token' | null> = [];
  #tokenFailures: Array<{ status: number; retryAfterSeconds?: number }> = [];

  /** An API request arrived bearing `token` (undefined: none). */
  sawApiToken(token: string | undefined): void {
    if (token !== undefined) this.#apiTokenUses.set(token, (this.#apiTokenUses.get(token) ?? 0) + 1);
  }

  /** How many API requests carried `token`. */
  apiRequestsWith(token: string): number {
    return this.#apiTokenUses.get(token) ?? 0;
  }

  /** A token request arrived: records its refresh token, and answers a planned failure if one is due. */
  tokenRequest(form: URLSearchParams): Reply | undefined {
    const refreshToken = form.get('refresh_token');
    if (form.get('grant_type') === 'refresh_token' && refreshToken !== null) this.#refreshTokensPresented.push(refreshToken);
    const failure = this.#tokenFailures.shift();
    if (failure === undefined) return undefined;
    const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
    if (failure.retryAfterSeconds !== undefined) headers['Retry-After'] = String(failure.retryAfterSeconds);
    return errorReply(failure.status, failure.status === 429 ? 'slow_down' : 'temporarily_unavailable', 'Planned failure of the demo store.', headers);
  }

  /** The next `count` token requests answer `status` without being processed. */
  failTokenRequests(count: number, status: number, retryAfterSeconds?: number): void {
    for (let i = 0; i < count; i++) this.#tokenFailures.push({ status, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) });
  }

  /** Every refresh token the token endpoint was sent, in order (planned failures included). */
  refreshTokensPresented(): string[] {
    return [...this.#refreshTokensPresented];
  }

  revoked(kind: 'refresh_token' | 'access_token' | null): void {
    this.#revoked.push(kind);
  }

  /** What each revocation request ended: a refresh token (its grant), an access token, or nothing known. */
  revocations(): Array<'refresh_token' | 'access_token' | null> {
    return [...this.#revoked];
  }
}
