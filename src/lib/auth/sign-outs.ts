/**
 * Authoritative sign-out of a store (security case 27), one for every kind: Goodsie's AuthService and
 * the seam's Connections share it. A persisted sign-out marker is left, then the credential removed
 * at once, not behind the store's renewal lock (the Web Lock that serialises its renewals across
 * tabs: another tab's renewal may hold it for the 30 s a token endpoint that never answers takes);
 * then the other tabs are told at once (BroadcastChannel). A renewal, in any tab, asks `since` before
 * spending a refresh token, before writing what it obtained, and again after writing (undoing its own
 * write): either that last look sees the marker, or the write came before the marker and so before
 * the removal that follows it. Where the marker cannot be written, the removal waits for the lock.
 */
import { SignOutMarkers } from '../storage/sign-out-markers.ts';
import type { KeyValueStore } from '../storage/kv.ts';
import type { SessionChannel } from './session-channel.ts';

/** Runs `task` while holding the lock `name` across the app's tabs. */
export type WithLock = <T>(name: string, task: () => Promise<T>) => Promise<T>;

/** The Web Lock that serialises a store's renewals and its sign-out across tabs. */
export function renewalLockName(storeId: string): string {
  return `storefront-connect:refresh:${storeId}`;
}

/** navigator.locks when the browser has it, else `task` directly (a single tab is then assumed). */
export function defaultWithLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return locks ? locks.request(name, task) : task();
}

export interface SignOutsDeps {
  /** Plain storage for the markers (a date per store, no secret). */
  store: KeyValueStore;
  /** The app's channel to its other tabs; null where there is none. */
  channel: SessionChannel | null;
  withLock: WithLock;
  now: () => number;
}

export class SignOuts {
  readonly withLock: WithLock;
  readonly #markers: SignOutMarkers;
  readonly #channel: SessionChannel | null;
  readonly #now: () => number;

  constructor(deps: SignOutsDeps) {
    this.#markers = new SignOutMarkers(deps.store);
    this.#channel = deps.channel;
    this.withLock = deps.withLock;
    this.#now = deps.now;
  }

  /**
   * Signs out of `storeId`: leaves the marker, then runs `remove` (which deletes the credential and
   * returns it, for a revocation after), under its renewal lock only where the marker could not be
   * written; then tells the other tabs.
   */
  async signOut<T>(storeId: string, remove: () => Promise<T>): Promise<T> {
    const marked = await this.#markers.mark(storeId, this.#now()).then(() => true, () => false);
    const removed = await (marked ? remove() : this.withLock(renewalLockName(storeId), remove));
    this.#channel?.post({ type: 'signed-out', storeId });
    return removed;
  }

  /** Whether `storeId` was signed out of at or after `since` (epoch ms), in any tab. */
  async since(storeId: string, since: number): Promise<boolean> {
    const at = await this.#markers.signedOutAt(storeId);
    return at !== null && at >= since;
  }

  /** A sign-in completed: its credential renews normally. */
  async clear(storeId: string): Promise<void> {
    await this.#markers.clear(storeId);
  }

  /**
   * A new connection to `storeId` was saved (after {@link clear}), or a renewal that changed its
   * grant: the other tabs are told, to read it.
   */
  connected(storeId: string): void {
    this.#channel?.post({ type: 'connected', storeId });
  }

  /** Calls `listener` with the store of each sign-out in another tab; returns the unsubscribe. */
  onElsewhere(listener: (storeId: string) => void): () => void {
    return this.#channel?.subscribe((message) => message.type === 'signed-out' && listener(message.storeId)) ?? (() => undefined);
  }

  /** Calls `listener` with the store of each connection saved in another tab; returns the unsubscribe. */
  onConnectedElsewhere(listener: (storeId: string) => void): () => void {
    return this.#channel?.subscribe((message) => message.type === 'connected' && listener(message.storeId)) ?? (() => undefined);
  }
}
