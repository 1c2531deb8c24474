/**
 * Why a store's connection ended, where the store itself ended it (it refused the key or token on
 * use, and the app deleted it): a marker in the credential's place, `ended:<storeId>`, in the same
 * sealed storage, holding the reason's kind, the time and the mode it was connected with, never the
 * credential; so the screens still say why after a reload. The credential vault writes it and clears
 * it (a new connection, Forget); Session reads it at start (state/ended-before.ts). None of this is in
 * the first load. (The sign-out marker, sign-out-markers.ts, is left as it is: a plain date that
 * guards renewals, in the first load; this says why, and only lazy code reads it.)
 */
import { prefixed, type KeyValueStore } from './kv.ts';

/** Why the store ended a connection: it refused the credential on use, or its token ran out with no way to renew. */
export type EndedReason = 'refused' | 'expired';

/** A connection the store ended: why, when (epoch ms), and the mode it was connected with (an id of config's vocabulary). */
export interface EndedMarker {
  reason: EndedReason;
  at: number;
  mode?: string;
}

/** The latest time a Date holds (ECMAScript's 8.64e15 ms). */
const MAX_TIME = 8.64e15;

const REASONS: readonly unknown[] = ['refused', 'expired'] satisfies EndedReason[];

/** The markers of `store` (the sealed store the credentials are in), by store id. */
export const endedMarkers = (store: KeyValueStore): KeyValueStore => prefixed(store, 'ended:');

/** The marker of `storeId` as stored, checked; null where there is none, or it is not one. */
export function parseEnded(raw: unknown): EndedMarker | null {
  const record = raw as { v?: unknown; at?: unknown; reason?: unknown; mode?: unknown } | undefined;
  // A time a date holds (new Date(Infinity) reads "Invalid Date" in the words), not before 1970.
  if (record?.v !== 1 || typeof record.at !== 'number' || !(record.at >= 0 && record.at <= MAX_TIME) || !REASONS.includes(record.reason)) return null;
  return { reason: record.reason as EndedReason, at: record.at, ...(typeof record.mode === 'string' ? { mode: record.mode } : {}) };
}

/** The record a marker is stored as: nothing but why, when and the mode. */
export function endedRecord(ended: EndedMarker): Record<string, unknown> {
  return { v: 1, at: ended.at, reason: ended.reason, ...(ended.mode ? { mode: ended.mode } : {}) };
}

/** The markers of `storeIds` in `store`, by store id (an unreadable one counts as none). */
export async function readEnded(store: KeyValueStore, storeIds: readonly string[]): Promise<Record<string, EndedMarker>> {
  const markers = endedMarkers(store);
  const read = await Promise.all(storeIds.map((id) => markers.get(id).then(parseEnded, () => null)));
  return Object.fromEntries(storeIds.flatMap((id, i) => (read[i] ? [[id, read[i]]] : [])));
}

/**
 * The store ended `storeId`'s connection (its credential deleted): a marker of why in its place, in
 * `store` (the sealed store), never the credential. A storage failure is ignored: the ending stands,
 * only the reason is not kept.
 */
export async function markEnded(store: KeyValueStore, storeId: string, ended: EndedMarker): Promise<void> {
  await endedMarkers(store).set(storeId, endedRecord(ended)).catch(() => undefined);
}

/** A new connection, or Forget: the reason of an ending before is no longer the store's state. */
export async function clearEnded(store: KeyValueStore, storeId: string): Promise<void> {
  await endedMarkers(store).del(storeId).catch(() => undefined);
}
