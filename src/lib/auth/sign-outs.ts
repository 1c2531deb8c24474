/**
 * Authoritative sign-out of a store (security case 27), one for every kind: Goodsie's AuthService and
 * the seam's Connections share it. Here, what the first screen needs too (the markers, the channel);
 * the sign-out's steps are in sign-out.ts, loaded with those two. A persisted sign-out marker is
 * left, then the credential removed at once, not behind the store's renewal lock (the Web Lock that
 * serialises its renewals across tabs: another tab's renewal may hold it for the 30 s a token
 * endpoint that never answers takes);
 * then the other tabs are told at once (BroadcastChannel). A renewal, in any tab, asks `since` before
 * spending a refresh token, before writing what it obtained, and again after writing (undoing its own
 * write): either that last look sees the marker, or the write came before the marker and so before
 * the removal that follows it. Where the marker cannot be written, the removal waits for the lock.
 */
import { SignOutMarkers } from '../storage/sign-out-markers.ts';
import type { KeyValueStore } from '../storage/kv.ts';
import type { SessionChannel, SessionMessage } from './session-channel.ts';

/**
 * A sign-out's slow steps, for its words on screen: `waiting` for another tab's renewal (the marker
 * could not be written, so the store's renewal lock is waited for); `ending`, done here and the store
 * being told (the revocation, best-effort).
 */
export type SignOutStep = 'waiting' | 'ending';

/** Runs `task` while holding the lock `name` across the app's tabs. */
export type WithLock = <T>(name: string, task: () => Promise<T>) => Promise<T>;

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

  /** Leaves the store's sign-out marker, dated now. */
  mark(storeId: string): Promise<void> {
    return this.#markers.mark(storeId, this.#now());
  }

  /** Whether `storeId` was signed out of at or after `since` (epoch ms), in any tab. */
  async since(storeId: string, since: number): Promise<boolean> {
    const at = await this.#markers.signedOutAt(storeId);
    return at !== null && at >= since;
  }

  /** A sign-in completed: its credential renews normally. */
  clear(storeId: string): Promise<void> {
    return this.#markers.clear(storeId);
  }

  /**
   * Tells the other tabs: `signed-out`, a sign-out here is done; `connected`, a new connection to
   * `storeId` was saved (after {@link clear}), or a renewal that changed its grant, for them to read.
   */
  tell(type: SessionMessage['type'], storeId: string): void {
    this.#channel?.post({ type, storeId });
  }

  /** Calls `listener` with the store of each message of `type` from another tab; returns the unsubscribe. */
  on(type: SessionMessage['type'], listener: (storeId: string) => void): () => void {
    return this.#channel?.subscribe((message) => message.type === type && listener(message.storeId)) ?? (() => undefined);
  }
}
