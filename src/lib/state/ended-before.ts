/**
 * Reads, at start, why each store the store itself disconnected before this visit is not connected
 * (storage/ended-markers.ts: a reason, a time, a mode, no secret; the seam's vault and Goodsie's
 * AuthService write them), in the words the stores list and the store screen show
 * (providers/ended-words.ts, downloaded only where there is a marker). Loaded by Session.load and not
 * waited for: no part of the first load.
 */
import type { AppConfig } from '../config/types.ts';
import type { EndedWords } from '../providers/ended-words.ts';
import { readEnded } from '../storage/ended-markers.ts';
import type { KeyValueStore } from '../storage/kv.ts';

export default async function readEndedBefore(store: KeyValueStore, config: AppConfig): Promise<Record<string, EndedWords>> {
  const ended = await readEnded(store, config.stores.map((s) => s.id));
  if (Object.keys(ended).length === 0) return {};
  const { endedWords } = await import('../providers/ended-words.ts');
  return Object.fromEntries(config.stores.flatMap((s) => {
    const marker = ended[s.id];
    return marker ? [[s.id, endedWords(s, marker)]] : [];
  }));
}
