/**
 * What a connected store lets the person do, asked by name (`can(session, storeId, 'editProducts')`):
 * the capabilities that follow from the scopes it granted (less those it refused since) or from its
 * probe, and whether its platform has a capability at all. Asked by the store screens and by the
 * stores list's connection summary (connection-summary.ts), never by the list's first screen, so not
 * Session's methods (StoreAccess's, as they were): a class's methods all load with it, and Session
 * is in the first load (`npm run size`, the first-load guard). A chunk of its own (vite.config.ts), not the store screen's,
 * which the list's summary would then load whole. Same answers as the methods they were.
 */
import type { Capability } from '../domain/capability.ts';
import { capabilitiesFor, platformSupports } from '../providers/capabilities.ts';
import { getProvider } from '../providers/registry.ts';
import type { Session } from './session.svelte.ts';

/** Whether `storeId`'s platform decides capabilities by probing (no scopes to ask for). */
export function isProbed(access: Session, storeId: string): boolean {
  const store = access.store(storeId);
  return store !== undefined && getProvider(store.kind).capabilities.from === 'probe';
}

/** The scopes the store granted, less any it has since refused (StoreAccess.withdrawScope). */
export function grantedScopes(access: Session, storeId: string): string[] {
  return (access.sessionFor(storeId)?.tokens.scopes ?? access.links.get(storeId)?.scopes ?? []).filter((s) => !access.wasWithdrawn(storeId, s));
}

function capabilities(access: Session, storeId: string): ReadonlySet<Capability> {
  const store = access.store(storeId);
  if (!store || !access.isConnected(storeId)) return new Set();
  const provider = getProvider(store.kind);
  const linked = access.links.capabilities(storeId, provider.capabilities);
  return linked ? new Set(linked) : capabilitiesFor(provider, grantedScopes(access, storeId));
}

/** Whether the store's platform has `capability` at all (Shopware has no cart for apps): no tab, no lock. */
export function supports(access: Session, storeId: string, capability: Capability): boolean {
  const store = access.store(storeId);
  return store !== undefined && platformSupports(getProvider(store.kind), capability, can(access, storeId, capability));
}

export function can(access: Session, storeId: string, capability: Capability): boolean {
  return capabilities(access, storeId).has(capability);
}
