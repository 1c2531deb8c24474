/**
 * Persisted sign-out markers: sign-out leaves one per store (a date, no secret), and a renewal that
 * takes the store's lock reads it before and after it writes, so a renewal that started before the
 * sign-out, in any tab, cannot write the session back (auth/sign-outs.ts). A completed sign-in clears it.
 */
import { prefixed, type KeyValueStore } from './kv.ts';

export class SignOutMarkers {
  readonly #kv: KeyValueStore;

  constructor(store: KeyValueStore) {
    this.#kv = prefixed(store, 'signed-out:');
  }

  async mark(storeId: string, at: number): Promise<void> {
    await this.#kv.set(storeId, { v: 1, at });
  }

  /** When the store was last signed out of, or null (never, cleared, or unreadable storage). */
  async signedOutAt(storeId: string): Promise<number | null> {
    try {
      const record = (await this.#kv.get(storeId)) as { v?: unknown; at?: unknown } | undefined;
      return record?.v === 1 && typeof record.at === 'number' ? record.at : null;
    } catch {
      return null;
    }
  }

  async clear(storeId: string): Promise<void> {
    await this.#kv.del(storeId).catch(() => undefined);
  }
}
