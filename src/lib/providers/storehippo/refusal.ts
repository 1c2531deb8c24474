/**
 * A refused product PUT in StoreHippo's envelope `{ messages?: [{key, message}], error? }` [code
 * SDK; status and body of a refusal unverified]: each message's words, beside the form's field when
 * its `key` is the wire name of one the app sends (buildProductEditBody); `error` as words of its own.
 */
import type { RefusedField, StoreSaid } from '../../domain/refusal.ts';

const SENT: Readonly<Record<string, RefusedField>> = { name: 'name', price: 'price', inventory_quantity: 'inventory', description: 'description', publish: 'published' };

export function storeHippoRefused(json: unknown): StoreSaid[] {
  if (typeof json !== 'object' || json === null) return [];
  const { messages, error } = json as { messages?: unknown; error?: unknown };
  const said: StoreSaid[] = [];
  for (const entry of Array.isArray(messages) ? messages : []) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { key, message } = entry as { key?: unknown; message?: unknown };
    said.push({ field: typeof key === 'string' && Object.hasOwn(SENT, key) ? SENT[key] : undefined, words: message });
  }
  if (typeof error === 'string') said.push({ words: error });
  else if (typeof error === 'object' && error !== null) said.push({ words: (error as { message?: unknown }).message });
  return said;
}

/**
 * StoreHippo's own SDK tells a failed call by a truthy `error` in the body, whatever the status
 * (HippoInnovations/storehippo-nodejs-sdk lib/storehippo.js, sendResponse): such an answer is a
 * failure here too, never a save (docs/platform-evidence.md).
 */
export function storeHippoSaysFailed(json: unknown): boolean {
  return typeof json === 'object' && json !== null && Boolean((json as { error?: unknown }).error);
}
