/**
 * Encryption at rest for what is secret (tokens, pasted credentials): a KeyValueStore that seals each
 * value with AES-GCM under a non-extractable WebCrypto key kept in the same IndexedDB, and opens it
 * again on read. The vault and the embed-token store sit on it; their record schemas know nothing of it.
 *
 * What it protects against: someone reading the profile's files on disk (a backup, a stolen laptop's
 * disk, forensic tools, malware that scrapes browser storage files): they find only ciphertext, and the
 * key cannot be exported from the browser. What it does NOT protect against: script running in the
 * app's page (an XSS, a malicious extension), which can use the key exactly as the app does.
 *
 * Each value is bound to its key name (AES-GCM additional data), so a record copied under another
 * store's key does not open. Anything that does not open (key lost, storage partly cleared, tampered)
 * rejects with a DataError DOMException, which the vault (the boundary to our errors) turns into
 * STORAGE_CORRUPT, "discarded", and the banner "The saved connection to … was removed".
 *
 * Not in the first load: kv.ts loads this with the first value read or written (a first visit's
 * screen has none), in the chunk of the saved records' reading (RECORD_READING). The key itself,
 * found or made while storage is checked, is sealing-key.ts's.
 * @see https://www.w3.org/TR/WebCryptoAPI/#aes-gcm
 */
import type { KeyValueStore } from './key-value-store.ts';

export { isAesKey, openSealingKey, SEALING_KEY_ID } from './sealing-key.ts';

interface SealedValue {
  iv: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
}

// ArrayBuffer.isView, not instanceof: a value read back may come from another realm.
const isSealed = (value: unknown): value is SealedValue =>
  typeof value === 'object' && value !== null && ArrayBuffer.isView((value as SealedValue).iv) && ArrayBuffer.isView((value as SealedValue).data);

/** A view of `plain` whose values are sealed under `key`; keys stay readable (they name store ids, not secrets). */
export function sealedStore(plain: KeyValueStore, key: CryptoKey, subtle: SubtleCrypto = crypto.subtle): KeyValueStore {
  const text = new TextEncoder();
  const seal = async (name: string, value: unknown): Promise<SealedValue> => {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: text.encode(name) }, key, text.encode(JSON.stringify(value)));
    return { iv, data: new Uint8Array(data) };
  };
  const open = async (name: string, stored: unknown): Promise<unknown> => {
    if (stored === undefined) return undefined;
    try {
      if (!isSealed(stored)) throw new TypeError('not sealed');
      const data = await subtle.decrypt({ name: 'AES-GCM', iv: stored.iv, additionalData: text.encode(name) }, key, stored.data);
      return JSON.parse(new TextDecoder().decode(data));
    } catch {
      throw new DOMException('a saved record could not be decrypted', 'DataError');
    }
  };
  return {
    get: async (name) => open(name, await plain.get(name)),
    set: async (name, value) => plain.set(name, await seal(name, value)),
    del: (name) => plain.del(name),
    keys: () => plain.keys(),
    // Sealing is async and an IndexedDB transaction cannot wait for it, so: read, compute, then swap
    // only if the record is still the one read (each seal has a fresh iv), else try again.
    async update(name, next) {
      for (let attempt = 0; attempt < 8; attempt++) {
        const stored = await plain.get(name);
        const current = await open(name, stored);
        const value = next(current);
        const replacement = value === undefined ? undefined : await seal(name, value);
        let swapped = false;
        await plain.update(name, (now) => {
          swapped = isSealed(now) && isSealed(stored) ? sameBytes(now.iv, stored.iv) : now === stored;
          return swapped ? replacement : now;
        });
        if (swapped) return current;
      }
      throw new DOMException('a saved record kept changing', 'InvalidStateError');
    },
  };
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);
