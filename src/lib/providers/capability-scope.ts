/**
 * The scope to ask a platform for to gain a capability (capabilities.ts has what each scope gives):
 * a module of its own because only a store's screens ask it (state/store-queries.ts), and the
 * first load holds capabilities.ts.
 */
import type { Capability } from '../domain/capability.ts';
import type { ProviderProfile } from './types.ts';

/**
 * The scope to ask for to gain `capability`: the first (narrowest) scope of the vocabulary that
 * grants it, e.g. Goodsie `browse` -> `storefront`, not `admin`.
 * Throws a TypeError when the platform has no such scope: check `supportsCapability` first.
 */
export function scopeForCapability(provider: ProviderProfile, capability: Capability): string {
  const scope = provider.scopes.find((candidate) => candidate.grants.includes(capability));
  if (!scope) throw new TypeError(`${provider.kind} has no scope granting ${capability}`);
  return scope.id;
}
