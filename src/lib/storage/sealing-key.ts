/**
 * The app's sealing key for encryption at rest (sealed-store.ts): found in, or made and kept in, the
 * plain store at start-up, when storage is checked. Apart from the sealing itself, which nothing on
 * a first visit's screen needs (its storage holds no secret yet): that code loads with the reading of
 * saved records (kv.ts, vite.config.ts).
 */
import type { KeyValueStore } from './key-value-store.ts';

/** Where the key lives in the plain store (beside, not inside, the sealed records). */
export const SEALING_KEY_ID = 'sealing-key';

export const isAesKey = (value: unknown): value is CryptoKey =>
  typeof value === 'object' && value !== null && (value as CryptoKey).algorithm?.name === 'AES-GCM';

/**
 * The app's sealing key: the one in `plain`, or a new non-extractable AES-256-GCM key. Tabs starting
 * together agree on one: the first to write wins (an atomic update), the others take its key.
 * `stored`: the read of the key already under way, if the caller started it.
 */
export async function openSealingKey(plain: KeyValueStore, subtle: SubtleCrypto = crypto.subtle, stored: Promise<unknown> = plain.get(SEALING_KEY_ID)): Promise<CryptoKey> {
  const existing = await stored;
  if (isAesKey(existing)) return existing;
  const fresh = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const before = await plain.update(SEALING_KEY_ID, (current) => (isAesKey(current) ? current : fresh));
  return isAesKey(before) ? before : fresh;
}
