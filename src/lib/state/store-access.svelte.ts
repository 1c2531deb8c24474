/**
 * What each configured store offers and lets the person do, answered from its config and its
 * platform's profile (providers/): whether it is connected, the connection modes, the platform's
 * names and notes, and the scopes refused since they were granted. Queries only: Session extends it
 * and changes what they read (the sessions, the seam's links, the refusals). What only a store's
 * screens ask (its paging rules, a capability's scope, a lock's reason) is in store-queries.ts, and
 * what a connection lets the person do (`can(session, storeId, 'editProducts')`) in
 * store-capabilities.ts, out of the first load.
 */
import type { AppConfig, StoreConfig } from '../config/types.ts';
import type { Capability } from '../domain/capability.ts';
import type { StoreSession } from '../oauth/types.ts';
import { runsOnSeam } from '../connect/store-config.ts';
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

  /** A 403 on something the probe allowed (an integration's edit right): off until connected again. */
  refuseCapability(storeId: string, capability: Capability): void {
    this.links.refuse(storeId, capability);
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
