/**
 * What each configured store offers and lets the person do, answered from its config and its
 * platform's profile (providers/): whether it is connected, the connection modes, the platform's
 * names and notes, the scopes granted less those refused since, and the capabilities that follow.
 * Queries only: Session extends it (so components keep asking `session.can(storeId, 'editProducts')`)
 * and changes what they read (the sessions, the seam's links, the refusals). What only a store's
 * screens ask (its paging rules, a capability's scope, a lock's reason) is in store-queries.ts, out
 * of the first load.
 */
import type { AppConfig, StoreConfig } from '../config/types.ts';
import type { Capability } from '../domain/capability.ts';
import type { StoreSession } from '../oauth/types.ts';
import { runsOnSeam } from '../connect/store-config.ts';
import { capabilitiesFor, platformSupports } from '../providers/capabilities.ts';
import { getProvider } from '../providers/registry.ts';
import type { ConnectionModeInfo, PlatformNote } from '../providers/types.ts';
import { SeamLinks } from './seam-links.svelte.ts';

/** One connection mode as the screens offer it (components import it from session.svelte.ts, not from providers). */
export type ConnectionMode = ConnectionModeInfo;

export abstract class StoreAccess {
  readonly config: AppConfig;
  /**
   * Connections of the stores on the seam (every kind but Goodsie). Read by the store screens'
   * queries too (store-queries.ts: lockReason); changed only by Session.
   */
  readonly links = new SeamLinks();
  /** Scopes a store refused with 403 although the token claimed them; kept off until the next grant. */
  #withdrawn = $state<Record<string, string[]>>({});

  constructor(config: AppConfig) {
    this.config = config;
  }

  /** The signed-in (Goodsie) session of `storeId`, if any. */
  abstract sessionFor(storeId: string): StoreSession | undefined;

  store(storeId: string): StoreConfig | undefined {
    return this.config.stores.find((s) => s.id === storeId);
  }

  isConnected(storeId: string): boolean {
    return this.sessionFor(storeId) !== undefined || this.links.get(storeId) !== undefined;
  }

  get connectedStores(): StoreConfig[] {
    return this.config.stores.filter((s) => this.isConnected(s.id));
  }

  /** Whether `storeId`'s platform runs on the seam (every kind but Goodsie: store-connections.ts). */
  protected onSeam(storeId: string): boolean {
    const store = this.store(storeId);
    return store !== undefined && runsOnSeam(store.kind);
  }

  /** The credentials-form modes `storeId`'s config offers (none for a store that connects by redirect). */
  credentialModes(storeId: string): readonly ConnectionMode[] {
    const store = this.store(storeId);
    return store ? getProvider(store.kind).modesOf(store).filter((mode) => mode.style === 'credentials') : [];
  }

  /** The credentials mode `storeId` is connected with, or undefined (redirect-connected or not connected). */
  connectedMode(storeId: string): ConnectionMode | undefined {
    const link = this.links.get(storeId);
    return link ? this.credentialModes(storeId).find((mode) => mode.id === link.mode) : undefined;
  }

  /** The platform's name for people ("Shopware 6"). */
  platformName(storeId: string): string {
    const store = this.store(storeId);
    return store ? getProvider(store.kind).displayName : 'The store';
  }

  /** The platform's own words for `which` (FlickRocket's recovery steps, ...); undefined where the generic ones do. */
  note(storeId: string, which: PlatformNote): string | undefined {
    const store = this.store(storeId);
    return store && getProvider(store.kind).notes?.[which];
  }

  /** Whether `storeId`'s platform decides capabilities by probing (no scopes to ask for). */
  isProbed(storeId: string): boolean {
    const store = this.store(storeId);
    return store !== undefined && getProvider(store.kind).capabilities.from === 'probe';
  }

  /** A 403 on something the probe allowed (an integration's edit right): off until connected again. */
  refuseCapability(storeId: string, capability: Capability): void {
    this.links.refuse(storeId, capability);
  }

  /** The scopes the store granted, less any it has since refused. */
  grantedScopes(storeId: string): string[] {
    const withdrawn = this.#withdrawn[storeId] ?? [];
    return (this.sessionFor(storeId)?.tokens.scopes ?? this.links.get(storeId)?.scopes ?? []).filter((s) => !withdrawn.includes(s));
  }

  capabilities(storeId: string): ReadonlySet<Capability> {
    const store = this.store(storeId);
    if (!store || !this.isConnected(storeId)) return new Set();
    const provider = getProvider(store.kind);
    const linked = this.links.capabilities(storeId, provider.capabilities);
    return linked ? new Set(linked) : capabilitiesFor(provider, this.grantedScopes(storeId));
  }

  /** Whether the store's platform has `capability` at all (Shopware has no cart for apps): no tab, no lock. */
  supports(storeId: string, capability: Capability): boolean {
    const store = this.store(storeId);
    return store !== undefined && platformSupports(getProvider(store.kind), capability, this.can(storeId, capability));
  }

  can(storeId: string, capability: Capability): boolean {
    return this.capabilities(storeId).has(capability);
  }

  /** The platform's words for a scope ("Browse products and pages"); undefined for a scope it does not know. */
  scopeLabel(storeId: string, scope: string): string | undefined {
    const store = this.store(storeId);
    return store ? getProvider(store.kind).scopes.find((s) => s.id === scope)?.label : undefined;
  }

  /** A 403 insufficient_scope: the store no longer honours `scope` for this token. */
  withdrawScope(storeId: string, scope: string): void {
    const current = this.#withdrawn[storeId] ?? [];
    if (!current.includes(scope)) this.#withdrawn[storeId] = [...current, scope];
  }

  /** Whether the store took `scope` back during this visit (the person had it, and may be mid-task). */
  wasWithdrawn(storeId: string, scope: string): boolean {
    return (this.#withdrawn[storeId] ?? []).includes(scope);
  }

  /** A new grant, or the store signed out: the scopes it had refused count again. */
  protected clearWithdrawn(storeId: string): void {
    delete this.#withdrawn[storeId];
  }
}
