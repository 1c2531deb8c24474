/**
 * Reading one store's record from a vault (the v1 token vault and the v2 credential vault share it):
 * a record that cannot be read or does not parse is deleted and reported once (STORAGE_CORRUPT),
 * never a crash and never reported again.
 */
import { AppError, isCodeUnavailable } from '../oauth/errors.ts';
import type { KeyValueStore } from './key-value-store.ts';

/**
 * The record of `storeId` as `parse` reads it, or null when there is none. A damaged one is deleted,
 * then STORAGE_CORRUPT is thrown. Where the code that opens sealed records did not download (kv.ts
 * loads it with the first read), the record is kept and that failure thrown as it is.
 */
export async function readVaultRecord<T>(store: KeyValueStore, storeId: string, parse: (raw: unknown) => T | null): Promise<T | null> {
  let raw: unknown;
  try {
    raw = await store.get(storeId);
  } catch (error) {
    if (isCodeUnavailable(error)) throw error;
    await discardRecord(store, storeId);
    throw new AppError('STORAGE_CORRUPT', 'the saved sign-in could not be read', { cause: error, storeId });
  }
  return checkVaultRecord(store, storeId, raw, parse);
}

/**
 * A record of `storeId` already read (`raw`, undefined for none) as `parse` reads it, or null when
 * there is none. A damaged one is deleted, then STORAGE_CORRUPT is thrown.
 */
export async function checkVaultRecord<T>(store: KeyValueStore, storeId: string, raw: unknown, parse: (raw: unknown) => T | null): Promise<T | null> {
  if (raw === undefined) return null;
  const record = parse(raw);
  if (record === null) {
    await discardRecord(store, storeId);
    throw new AppError('STORAGE_CORRUPT', 'the saved sign-in was damaged and has been removed', { storeId });
  }
  return record;
}

/** Deletes a damaged record; when storage refuses, it is reported again next time. */
export async function discardRecord(store: KeyValueStore, storeId: string): Promise<void> {
  await store.del(storeId).catch(() => undefined);
}
