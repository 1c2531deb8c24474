/**
 * The start-up storage check made again (kv.ts openStorage: the database opened, a write read back),
 * for "Try again" once the person has freed space (StorageRefusedAtStart.svelte). The tab keeps
 * using the storage it started with (memory): only a reload takes up storage that works now. Made
 * on the tab's one connection to the database (kv.ts createIdbUseStore): each Try again opened one
 * more, never closed.
 */
import { openStorage } from '../storage/kv.ts';
import type { StorageRefusal } from '../storage/storage-full.ts';

/** true: storage works now; else why not, as at start-up (OpenedStorage.refusal). */
export async function storageWorksNow(): Promise<true | StorageRefusal | undefined> {
  const opened = await openStorage();
  return opened.persistent || opened.refusal;
}
