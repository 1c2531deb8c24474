/**
 * Snippets the person took (copied, or dragged out) from the Embed screen that carry the app's own
 * sign-in token: one marker per store, saying which token by when it was obtained and until when it
 * works, never the token itself. Signing out revokes that token, and a page that publishes the
 * snippet then shows no products: while the marker holds, Sign out asks first.
 */
import { prefixed, type KeyValueStore } from './kv.ts';

export interface CopiedSnippet {
  /** When the snippet was taken (epoch ms). */
  copiedAt: number;
  /** The sign-in token's obtainedAt: which token of the store's sign-in the snippet carries. */
  obtainedAt: number;
  /** The token's expiresAt: once past, the snippet has stopped working anyway (null: no lifetime given). */
  expiresAt: number | null;
}

export class CopiedSnippets {
  readonly #kv: KeyValueStore;

  constructor(store: KeyValueStore) {
    this.#kv = prefixed(store, 'copied-snippet:');
  }

  async note(storeId: string, copied: CopiedSnippet): Promise<void> {
    await this.#kv.set(storeId, { v: 1, ...copied });
  }

  /** The store's marker, or null (none, or unreadable: a marker must never stop a sign-out). */
  async get(storeId: string): Promise<CopiedSnippet | null> {
    try {
      const record = (await this.#kv.get(storeId)) as Partial<Record<keyof CopiedSnippet | 'v', unknown>> | undefined;
      const { v, copiedAt, obtainedAt, expiresAt } = record ?? {};
      if (v !== 1 || typeof copiedAt !== 'number' || typeof obtainedAt !== 'number' || (expiresAt !== null && typeof expiresAt !== 'number')) return null;
      return { copiedAt, obtainedAt, expiresAt };
    } catch {
      return null;
    }
  }

  async forget(storeId: string): Promise<void> {
    await this.#kv.del(storeId);
  }
}
