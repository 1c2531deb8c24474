/**
 * What only a store's screens ask of its access (StoreAccess, through Session): the platform's paging
 * rules, the scope that grants a capability, why a probed capability is locked. Functions in the
 * store screen's chunk rather than Session's methods, since a class's methods all load with it, and
 * Session is in the first load: the stores list asks none of these (`npm run size`, the first-load
 * guard). Same answers as the methods they were.
 */
import type { Capability } from '../domain/capability.ts';
import { supportsCapability } from '../providers/capabilities.ts';
import { scopeForCapability } from '../providers/capability-scope.ts';
import { getProvider } from '../providers/registry.ts';
import type { PagingRules } from '../providers/types.ts';
import type { Session } from './session.svelte.ts';
import { can } from './store-capabilities.ts';

/** How the store's platform pages its catalogue: its largest page, whether it pages in the browser (PagingRules). */
export function catalogPaging(session: Session, storeId: string): PagingRules | undefined {
  const store = session.store(storeId);
  return store && getProvider(store.kind).paging;
}

/** Why a probe-derived capability is locked, with what to change at the store; undefined otherwise. */
export function lockReason(session: Session, storeId: string, capability: Capability): string | undefined {
  const store = session.store(storeId);
  if (!store || session.links.get(storeId) === undefined || can(session, storeId, capability)) return undefined;
  const source = getProvider(store.kind).capabilities;
  return source.from === 'probe' ? source.change[capability] : undefined;
}

/** The scope to ask the store for to gain a capability; null when its platform has none. */
export function scopeFor(session: Session, storeId: string, capability: Capability): string | null {
  const store = session.store(storeId);
  if (!store) return null;
  const provider = getProvider(store.kind);
  return supportsCapability(provider, capability) ? scopeForCapability(provider, capability) : null;
}
