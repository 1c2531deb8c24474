/**
 * Reads, at start, why each seam store the store itself disconnected before this visit is not
 * connected (storage/ended-markers.ts: a reason, a time, a mode, no secret), in the words the stores
 * list and the store screen show (providers/ended-words.ts). Loaded by Session.load only where
 * config.json names a seam store, and not waited for: no part of the first load.
 */
import type { AppConfig } from '../config/types.ts';
import { runsOnSeam } from '../connect/store-config.ts';
import { endedWords, type EndedWords } from '../providers/ended-words.ts';
import { readEnded } from '../storage/ended-markers.ts';
import type { KeyValueStore } from '../storage/kv.ts';

export default async function readEndedBefore(store: KeyValueStore, config: AppConfig): Promise<Record<string, EndedWords>> {
  const stores = config.stores.filter((s) => runsOnSeam(s.kind));
  const ended = await readEnded(store, stores.map((s) => s.id));
  return Object.fromEntries(stores.flatMap((s) => {
    const marker = ended[s.id];
    return marker ? [[s.id, endedWords(s, marker)]] : [];
  }));
}
