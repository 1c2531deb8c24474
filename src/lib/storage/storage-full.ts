/**
 * Whether storage refused a write for want of space (the device's disk, or this site's quota),
 * rather than being unavailable (private mode, blocked, a closed database): the person can do
 * something about the first (free space), and the words say so (StorageFullNote.svelte).
 * IndexedDB rejects such a write with a DOMException named QuotaExceededError (a transaction
 * aborted for it carries it as its error); older Firefox named it NS_ERROR_DOM_QUOTA_REACHED.
 * kv.ts hands it on as STORAGE_UNAVAILABLE whose cause is that name; a cause that is the
 * DOMException itself is read too (one level: a cause's own cause is not followed).
 */
const QUOTA: readonly unknown[] = ['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED'];

export function isStorageFull(error: unknown): boolean {
  const { name, cause } = (error ?? {}) as { name?: unknown; cause?: unknown };
  return QUOTA.includes(name) || QUOTA.includes(cause) || QUOTA.includes((cause as { name?: unknown } | null)?.name);
}

/** Why storage refused a write: 'full' (isStorageFull), or 'refused' (unavailable, or any other failure). */
export type StorageRefusal = 'full' | 'refused';

export function refusal(error: unknown): StorageRefusal {
  return isStorageFull(error) ? 'full' : 'refused';
}
