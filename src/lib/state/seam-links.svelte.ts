/**
 * What the screens know of the seam stores' connections (every kind but Goodsie): the mode, the
 * probed capabilities and the granted scopes of each credential, never a token or a secret; the
 * capabilities a store refused since; and an epoch per store, bumped when it is connected again in
 * place so that its screens load afresh. Session owns one and answers the screens' questions.
 */
import type { Capability } from '../domain/capability.ts';
import type { Credential } from '../connect/credential.ts';
import type { CapabilitySource } from '../providers/types.ts';

export interface SeamLink {
  storeId: string;
  mode: string;
  /** Probe results (Shopware), when the platform's capabilities come from probes. */
  capabilities: readonly Capability[] | undefined;
  /** Granted ∩ requested scopes, on platforms with scopes. */
  scopes: readonly string[];
}

function linkOf(credential: Credential): SeamLink {
  return { storeId: credential.storeId, mode: credential.mode, capabilities: credential.capabilities, scopes: credential.tokens?.scopes ?? [] };
}

export class SeamLinks {
  #links = $state<SeamLink[]>([]);
  /** Capabilities a store refused with 403 although the probe allowed them; off until the next connect. */
  #refused = $state<Record<string, Capability[]>>({});
  #epoch = $state<Record<string, number>>({});

  /** The saved credentials, as read at start. */
  load(credentials: readonly Credential[]): void {
    this.#links = credentials.map(linkOf);
  }

  get(storeId: string): SeamLink | undefined {
    return this.#links.find((l) => l.storeId === storeId);
  }

  /** A new credential replaces the store's link and clears its refusals; `again` (connected in place) bumps its epoch. */
  link(credential: Credential, again: boolean): void {
    const storeId = credential.storeId;
    this.#links = [...this.#links.filter((l) => l.storeId !== storeId), linkOf(credential)];
    delete this.#refused[storeId];
    if (again) this.#epoch[storeId] = this.epoch(storeId) + 1;
  }

  /** The store signed out (here or in another tab). */
  drop(storeId: string): void {
    if (this.get(storeId)) this.#links = this.#links.filter((l) => l.storeId !== storeId);
    delete this.#refused[storeId];
  }

  refuse(storeId: string, capability: Capability): void {
    const current = this.#refused[storeId] ?? [];
    if (!current.includes(capability)) this.#refused[storeId] = [...current, capability];
  }

  /**
   * A linked store's capabilities where its platform does not derive them from scopes (probed, or a
   * fixed list), less those it refused since; undefined for an unlinked store or a scopes platform.
   */
  capabilities(storeId: string, source: CapabilitySource): Capability[] | undefined {
    const link = this.get(storeId);
    if (!link || source.from === 'scopes') return undefined;
    const refused = this.#refused[storeId] ?? [];
    const all = source.from === 'probe' ? (link.capabilities ?? []) : source.capabilities;
    return all.filter((c) => !refused.includes(c));
  }

  /** Changes when the store was connected again in place. */
  epoch(storeId: string): number {
    return this.#epoch[storeId] ?? 0;
  }
}
