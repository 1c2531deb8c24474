/**
 * Whether storage refused a write for want of space (the device's disk, or this site's quota),
 * rather than being unavailable (private mode, blocked, a closed database): the person can do
 * something about the first (free space), and the words say so (StorageFullNote.svelte).
 * IndexedDB rejects such a write with a DOMException named QuotaExceededError (a transaction
 * aborted for it carries it as its error); older Firefox named it NS_ERROR_DOM_QUOTA_REACHED.
 * kv.ts hands it on as STORAGE_UNAVAILABLE whose cause is that name; a cause that is the
 * DOMException itself is read too (one level: a cause's own cause is not followed).
 */
import { AppError } from '../oauth/errors.ts';

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

/**
 * Why the start-up check found IndexedDB unusable, from its error (kv.ts openStorage, where the open
 * or the probe's write threw): 'full' (isStorageFull: Chromium aborts the probe's write with a
 * QuotaExceededError, code 22, where the site's quota or the disk's room is used up); 'refused' for
 * an UnknownError (Chromium's open fails so, "Internal error.", on a disk with no room left for the
 * database's files; storage blocked for the site fails so too, but blocks sessionStorage as well,
 * which the app tells first); undefined for anything else (no IndexedDB, private modes, no answer):
 * "private mode or blocked". Read from the error's name, or the cause kv.ts keeps of it.
 */
export function refusedAtStart(error: unknown): StorageRefusal | undefined {
  if (isStorageFull(error)) return 'full';
  const { name, cause } = (error ?? {}) as { name?: unknown; cause?: unknown };
  return name === 'UnknownError' || cause === 'UnknownError' ? 'refused' : undefined;
}

/**
 * `error` as STORAGE_FULL where storage refused for want of space, else `error` itself: kv.ts (in
 * the first load, which has no room for more) gives STORAGE_UNAVAILABLE, naming the cause only, and
 * its words ("private mode or blocked") would send the person looking in the wrong place. For the
 * failures a lazily loaded caller hands to the screens (a sign-in whose state could not be written);
 * `about`: the store it concerns, where the error does not name one.
 */
export function sayFull(error: unknown, about?: string): unknown {
  if (!isStorageFull(error) || (error instanceof AppError && error.code === 'STORAGE_FULL')) return error;
  const storeId = (error instanceof AppError ? error.storeId : undefined) ?? about;
  return new AppError('STORAGE_FULL', 'storage refused a write for want of space', { cause: 'QuotaExceededError', ...(storeId !== undefined ? { storeId } : {}) });
}
