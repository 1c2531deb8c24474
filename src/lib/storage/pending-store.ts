/**
 * Sign-ins in flight (implicit flow), keyed by their state. `take` is atomic and single use: the entry
 * is swapped for a "used" marker in one transaction, so a replay can be told from a forgery.
 * Entries older than 10 minutes are void and swept.
 */
import { AppError } from '../oauth/errors.ts';
import { MAX_STATE_LENGTH } from '../oauth/state.ts';
import type { PendingAuthorization } from '../oauth/types.ts';
import { prefixed, type KeyValueStore } from './kv.ts';

export const PENDING_TTL_MS = 10 * 60 * 1000;

type PendingRecord = { v: 1; pending: PendingAuthorization } | { v: 1; usedAt: number };

export interface PendingStoreOptions {
  now: () => number;
  ttlMs?: number;
}

export class PendingStore {
  readonly #store: KeyValueStore;
  readonly #now: () => number;
  readonly #ttl: number;

  constructor(store: KeyValueStore, options: PendingStoreOptions) {
    this.#store = prefixed(store, 'pending:');
    this.#now = options.now;
    this.#ttl = options.ttlMs ?? PENDING_TTL_MS;
  }

  async put(pending: PendingAuthorization): Promise<void> {
    await this.sweep();
    const record: PendingRecord = { v: 1, pending: { ...pending, scopes: [...pending.scopes] } };
    await this.#store.set(pending.state, record);
  }

  /**
   * Consumes the entry for `state`. Throws OAUTH_STATE_MISMATCH (unknown or forged),
   * OAUTH_STATE_REUSED (already taken), or OAUTH_STATE_EXPIRED (older than 10 minutes).
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.12
   */
  async take(state: string): Promise<PendingAuthorization> {
    if (state === '' || state.length > MAX_STATE_LENGTH) {
      throw new AppError('OAUTH_STATE_MISMATCH', 'no sign-in was started with this state');
    }
    const now = this.#now();
    const result: { outcome: 'missing' | 'used' | 'expired' | 'ok'; pending?: PendingAuthorization } = {
      outcome: 'missing',
    };
    await this.#store.update(state, (current) => {
      const record = parseRecord(current);
      if (!record) {
        result.outcome = 'missing';
        return undefined;
      }
      if ('usedAt' in record) {
        result.outcome = 'used';
        return record;
      }
      if (this.#isStale(record.pending.createdAt, now) || record.pending.state !== state) {
        result.outcome = 'expired';
        return undefined;
      }
      result.outcome = 'ok';
      result.pending = record.pending;
      const used: PendingRecord = { v: 1, usedAt: now };
      return used;
    });
    if (result.outcome === 'ok' && result.pending) return result.pending;
    if (result.outcome === 'used') throw new AppError('OAUTH_STATE_REUSED', 'this sign-in response was already used');
    if (result.outcome === 'expired') {
      throw new AppError('OAUTH_STATE_EXPIRED', 'this sign-in took longer than 10 minutes');
    }
    throw new AppError('OAUTH_STATE_MISMATCH', 'no sign-in was started with this state');
  }

  /** Deletes expired entries and used markers older than the TTL; returns how many went. */
  async sweep(): Promise<number> {
    const now = this.#now();
    let removed = 0;
    for (const key of await this.#store.keys()) {
      const record = parseRecord(await this.#store.get(key));
      const at = record ? ('usedAt' in record ? record.usedAt : record.pending.createdAt) : undefined;
      if (at === undefined || this.#isStale(at, now)) {
        await this.#store.del(key);
        removed++;
      }
    }
    return removed;
  }

  #isStale(at: number, now: number): boolean {
    // A time in the future (clock moved back) is as untrustworthy as an old one.
    return now - at > this.#ttl || at - now > 60_000;
  }
}

function parseRecord(value: unknown): PendingRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (record['v'] !== 1) return null;
  if (typeof record['usedAt'] === 'number') return { v: 1, usedAt: record['usedAt'] };
  const pending = record['pending'] as Record<string, unknown> | undefined;
  if (
    typeof pending !== 'object' ||
    pending === null ||
    typeof pending['state'] !== 'string' ||
    typeof pending['storeId'] !== 'string' ||
    (pending['flow'] !== 'token' && pending['flow'] !== 'code') ||
    !Array.isArray(pending['scopes']) ||
    !pending['scopes'].every((scope) => typeof scope === 'string') ||
    typeof pending['returnTo'] !== 'string' ||
    typeof pending['createdAt'] !== 'number'
  ) {
    return null;
  }
  return {
    v: 1,
    pending: {
      state: pending['state'],
      storeId: pending['storeId'],
      flow: pending['flow'],
      scopes: pending['scopes'] as string[],
      returnTo: pending['returnTo'],
      createdAt: pending['createdAt'],
    },
  };
}
