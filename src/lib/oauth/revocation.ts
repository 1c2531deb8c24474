/**
 * Token revocation (RFC 7009) for a public client: a form POST of `token`, `token_type_hint` and
 * `client_id`. The server answers 200 whether or not it knew the token (2.2), so the answer says
 * only whether the request was received. Best-effort by nature: sign-out waits for it no longer than
 * for a token request, and never fails because of it.
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
 */
import { formPostInit } from './form-post.ts';

export interface RevocationTarget {
  revocationEndpoint: string;
  clientId: string;
}

/** The request of RFC 7009 2.1 (no credentials other than client_id: the app is a public client). */
export function revocationRequest(target: RevocationTarget, token: string, hint: 'refresh_token' | 'access_token'): { url: string; init: RequestInit } {
  const body = new URLSearchParams({ token, token_type_hint: hint, client_id: target.clientId });
  return { url: target.revocationEndpoint, init: formPostInit(body) };
}

/** True when the server confirmed (2xx); false on any other answer, a network failure or the timeout. */
export function processRevocationResponse(response: Response): boolean {
  void response.body?.cancel().catch(() => undefined);
  return response.ok;
}

/**
 * How long a revocation waits for the store's answer: as long as a token request may take
 * (connect/token-timeout.ts). On a slow link (a train, rural 3G, 5-15 s round trips) a shorter wait
 * gave up on requests the store had not yet received, and the token stayed alive there while the
 * screen said the store was being told; the sign-out's words say what it waits for meanwhile.
 */
export const REVOCATION_TIMEOUT_MS = 30_000;

/**
 * Revokes the refresh token (which, by 2.1, should end the access tokens of its grant too) and the
 * access token, those given, both sent at once: one round trip, not two, on a slow link. Returns how
 * many the server confirmed; never throws.
 */
export async function revokeTokens(
  fetch: typeof globalThis.fetch,
  target: RevocationTarget,
  tokens: { accessToken?: string; refreshToken?: string },
  timeoutMs = REVOCATION_TIMEOUT_MS,
): Promise<number> {
  const pairs: Array<[string, 'refresh_token' | 'access_token']> = [];
  if (tokens.refreshToken !== undefined) pairs.push([tokens.refreshToken, 'refresh_token']);
  if (tokens.accessToken !== undefined) pairs.push([tokens.accessToken, 'access_token']);
  const confirmed = await Promise.all(
    pairs.map(async ([token, hint]) => {
      const { url, init } = revocationRequest(target, token, hint);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        return processRevocationResponse(await fetch(url, { ...init, signal: controller.signal }));
      } catch {
        return false; // unreachable or too slow: the local sign-out stands
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return confirmed.filter(Boolean).length;
}
