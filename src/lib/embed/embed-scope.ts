/**
 * Which tokens may go into a public snippet: only those that can do nothing but read the
 * storefront. Judged by the provider's own scope vocabulary, so it holds for any platform.
 */
import type { TokenSet } from '../oauth/types.ts';
import type { ProviderProfile } from '../providers/types.ts';

/** The provider's read-only scope: the first one that grants `browse` and nothing else (Goodsie: storefront). */
export function embedScope(provider: ProviderProfile): string {
  const scope = provider.scopes.find((candidate) => candidate.grants.length > 0 && candidate.grants.every((grant) => grant === 'browse'));
  if (!scope) throw new TypeError(`${provider.kind} has no read-only storefront scope`);
  return scope.id;
}

export type EmbedTokenCheck =
  | { ok: true }
  /** The token can do more than read: `beyond` lists the scopes that do (unknown scopes count). */
  | { ok: false; reason: 'too-powerful'; beyond: string[] }
  /** The token cannot read the storefront at all. */
  | { ok: false; reason: 'cannot-browse' };

/**
 * Everything the token itself was granted, as stored with it: the scopes the app gates on and any the
 * server granted unasked. Never a screen's view of the grant, which a 403 narrows: after one 403 an
 * admin token must not pass for storefront-only.
 */
export function tokenGrant(tokens: Pick<TokenSet, 'scopes' | 'unrequestedScopes'>): string[] {
  return [...tokens.scopes, ...(tokens.unrequestedScopes ?? [])];
}

/** Whether a token granted `scopes` may be published in a snippet (pass {@link tokenGrant}). */
export function checkEmbedToken(provider: ProviderProfile, scopes: readonly string[]): EmbedTokenCheck {
  const known = new Map(provider.scopes.map((scope) => [scope.id, scope]));
  const beyond = scopes.filter((id) => {
    const scope = known.get(id);
    return !scope || scope.grants.some((grant) => grant !== 'browse');
  });
  if (beyond.length > 0) return { ok: false, reason: 'too-powerful', beyond };
  const browses = scopes.some((id) => known.get(id)?.grants.includes('browse'));
  return browses ? { ok: true } : { ok: false, reason: 'cannot-browse' };
}
