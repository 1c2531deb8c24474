/**
 * What the app may do for a connected store, derived from the scopes the server actually granted.
 * Components ask `can(session, storeId, 'viewOrders')` (state/store-capabilities.ts); only this module knows which scope gives what, with
 * capability-scope.ts for the scope to ask for (asked only on a store's screens: out of the first load).
 */
import type { Capability } from '../domain/capability.ts';
import type { ProviderProfile } from './types.ts';

/** The union of what each granted scope gives; scopes the profile does not know give nothing. */
export function capabilitiesFor(provider: ProviderProfile, scopes: Iterable<string>): ReadonlySet<Capability> {
  const granted = new Set<string>(scopes);
  const result = new Set<Capability>();
  for (const scope of provider.scopes) {
    if (!granted.has(scope.id)) continue;
    for (const capability of scope.grants) result.add(capability);
  }
  return result;
}

/**
 * Whether the platform has `capability` at all (Shopware has no cart for apps): no tab, no lock.
 * `can` says whether this store has it now (a probed platform has what its probe found).
 */
export function platformSupports(provider: ProviderProfile, capability: Capability, can: boolean): boolean {
  const source = provider.capabilities;
  if (source.from === 'probe') return capability in source.change || can;
  if (source.from === 'fixed') return source.capabilities.includes(capability);
  return supportsCapability(provider, capability);
}

/** Whether any scope of the platform grants `capability` (a later platform may lack coupons, say). */
export function supportsCapability(provider: ProviderProfile, capability: Capability): boolean {
  return provider.scopes.some((scope) => scope.grants.includes(capability));
}
