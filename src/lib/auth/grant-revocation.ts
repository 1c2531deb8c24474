/**
 * Ending a grant at the store (RFC 7009), for the AuthService: where the store's config names a
 * revocation endpoint, with code loaded only then (oauth/revocation.ts); best effort, it never throws.
 * Used by a sign-out, by a renewal a sign-out overtook, and for the grant a new sign-in replaced
 * ({@link supersededBy}).
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
 */
import type { AppConfig } from '../config/types.ts';
import type { TokenSet } from '../oauth/types.ts';
import type { RevocationTarget, revokeTokens } from '../oauth/revocation.ts';

export type RevokeTokens = typeof revokeTokens;
/** The revocation's code and where it sends, or undefined: no endpoint, or the code did not download. */
export type RevocationCode = Promise<{ target: RevocationTarget; revokeTokens: RevokeTokens } | undefined> | undefined;

/**
 * The revocation's code, for a store whose config names a revocation endpoint (else undefined).
 * Not downloaded (offline, the site replaced since the tab opened): undefined, nothing revoked, as
 * when the store cannot be reached; the local sign-out already stands, and the screens are told.
 */
export function revocationCode(config: AppConfig, storeId: string): RevocationCode {
  const store = config.stores.find((candidate) => candidate.id === storeId);
  if (store?.kind !== 'goodsie' || store.revocationEndpoint === undefined) return undefined;
  const target = { revocationEndpoint: store.revocationEndpoint, clientId: store.clientId };
  return import('../oauth/revocation.ts').then(({ revokeTokens }) => ({ target, revokeTokens }), () => undefined);
}

/** Of an old grant's tokens, those a new grant did not hand back again (a server may reuse one): what to revoke. */
export function supersededBy(old: TokenSet, current: TokenSet): { accessToken?: string; refreshToken?: string } {
  return {
    ...(old.accessToken !== current.accessToken ? { accessToken: old.accessToken } : {}),
    ...(old.refreshToken !== undefined && old.refreshToken !== current.refreshToken ? { refreshToken: old.refreshToken } : {}),
  };
}
