/**
 * Where the AuthService keeps sessions: the sealed token vault, with an in-memory overlay for
 * sessions that storage refused to write (a quota, a closed database), so that a rotated refresh
 * token is never lost (security case 24). The sign-out markers a renewal checks are in sign-outs.ts.
 */
import type { StoreSession } from '../oauth/types.ts';
import type { KeyValueStore } from '../storage/kv.ts';
import { TokenVault, type StoreLookup, type VaultListing } from '../storage/token-vault.ts';
import { refusal, type StorageRefusal } from '../storage/storage-full.ts';

export { REFRESH_MARGIN_MS, storesOf } from './saved-sessions.ts';

export class SessionStore {
  readonly #vault: TokenVault;
  /** Sessions storage refused to write, kept for this tab; they win over the vault's older copy. */
  readonly #unsaved = new Map<string, StoreSession>();

  /** `storeOf`: the stores as config.json gives them, whose servers a session must have been made for (TokenVaultOptions). */
  constructor(sealed: KeyValueStore, storeOf?: StoreLookup | Promise<StoreLookup>) {
    this.#vault = new TokenVault(sealed, storeOf ? { storeOf } : {});
  }

  /** The session, or null. A corrupt record throws STORAGE_CORRUPT once and is gone after. */
  async get(storeId: string): Promise<StoreSession | null> {
    return this.#unsaved.get(storeId) ?? this.#vault.get(storeId);
  }

  /**
   * Every session (those storage refused to write included); `discarded` lists store ids whose
   * record was corrupt and has been removed; `seamRecords` holds the records of stores on the seam
   * as read, which the credential vault checks (VaultListing).
   */
  async list(): Promise<VaultListing> {
    const listed = await this.#vault.list();
    return { ...listed, sessions: [...listed.sessions.filter((s) => !this.#unsaved.has(s.storeId)), ...this.#unsaved.values()] };
  }

  /**
   * Writes the session: 'saved'; or, when storage refused and it is kept in memory instead, 'full'
   * (no space: the device's disk or the site's quota, storage-full.ts) or 'refused' (anything else).
   */
  async save(session: StoreSession): Promise<'saved' | StorageRefusal> {
    try {
      await this.#vault.put(session);
      this.#unsaved.delete(session.storeId);
      return 'saved';
    } catch (error) {
      this.#unsaved.set(session.storeId, session);
      return refusal(error);
    }
  }

  /** Whether `storeId`'s session is kept in this tab's memory only (storage refused its last write). */
  isUnsaved(storeId: string): boolean {
    return this.#unsaved.has(storeId);
  }

  /**
   * The memory-only session of `storeId`, to write again (the person freed space): null where there
   * is none, or where the vault holds a newer one (obtained later: another tab's sign-in or renewal),
   * which then wins and this tab's older copy is dropped: an older refresh token is never written
   * over a newer one. The caller holds the store's renewal lock, so no renewal writes meanwhile.
   */
  async unsaved(storeId: string): Promise<StoreSession | null> {
    const kept = this.#unsaved.get(storeId);
    if (!kept) return null;
    const saved = await this.#vault.get(storeId).catch(() => null);
    if (saved && saved.tokens.obtainedAt > kept.tokens.obtainedAt) {
      if (this.#unsaved.get(storeId) === kept) this.#unsaved.delete(storeId);
      return null;
    }
    // Read again: a sign-out (which does not wait for the lock) may have dropped it meanwhile.
    return this.#unsaved.get(storeId) ?? null;
  }

  async delete(storeId: string): Promise<void> {
    this.#unsaved.delete(storeId);
    await this.#vault.delete(storeId);
  }

  /** Forgets this tab's memory-only copy (another tab signed out, or saved a new session). */
  dropUnsaved(storeId: string): void {
    this.#unsaved.delete(storeId);
  }
}
