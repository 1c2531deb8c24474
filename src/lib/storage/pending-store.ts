/**
 * Sign-ins in flight (implicit flow), keyed by their state, on the single-use store: `take` is atomic
 * and single use, and entries older than the sign-in lifetime are void and swept.
 */
import { AppError } from '../oauth/errors.ts';
import { MAX_STATE_LENGTH, SIGN_IN_LIFETIME_WORDS } from '../oauth/state.ts';
import { parseBinding } from '../oauth/mix-up.ts';
import type { PendingAuthorization } from '../oauth/types.ts';
import type { KeyValueStore } from './kv.ts';
import { SingleUseStore, spentState } from './single-use-store.ts';

export interface PendingStoreOptions {
  now: () => number;
  /** Defaults to SIGN_IN_LIFETIME_MS. */
  lifetimeMs?: number;
}

export class PendingStore {
  readonly #records: SingleUseStore<PendingAuthorization>;

  constructor(store: KeyValueStore, options: PendingStoreOptions) {
    this.#records = new SingleUseStore(store, 'pending:', {
      now: options.now,
      parse: parsePending,
      ...(options.lifetimeMs !== undefined ? { lifetimeMs: options.lifetimeMs } : {}),
      about: ({ storeId, returnTo }) => ({ storeId, returnTo }),
    });
  }

  async put(pending: PendingAuthorization): Promise<void> {
    await this.sweep();
    await this.#records.put(pending.state, { ...pending, scopes: [...pending.scopes] }, pending.createdAt);
  }

  /**
   * Consumes the entry for `state`. Throws OAUTH_STATE_MISMATCH (unknown or forged),
   * OAUTH_STATE_REUSED (already taken), or OAUTH_STATE_EXPIRED (older than the sign-in lifetime).
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.12
   */
  async take(state: string): Promise<PendingAuthorization> {
    if (state === '' || state.length > MAX_STATE_LENGTH) {
      throw new AppError('OAUTH_STATE_MISMATCH', 'no sign-in was started with this state');
    }
    const found = await this.#records.take(state);
    if (found.status === 'fresh' && found.value.state === state) return found.value;
    if (found.status === 'used') throw spentState('OAUTH_STATE_REUSED', 'this sign-in response was already used', found.about);
    if (found.status !== 'missing') throw spentState('OAUTH_STATE_EXPIRED', `this sign-in took longer than ${SIGN_IN_LIFETIME_WORDS}`, found.status === 'expired' ? found.about : undefined);
    throw new AppError('OAUTH_STATE_MISMATCH', 'no sign-in was started with this state');
  }

  /** Deletes expired entries and used markers older than the lifetime; returns how many went. */
  sweep(): Promise<number> {
    return this.#records.sweep();
  }
}

function parsePending(value: unknown): PendingAuthorization | null {
  const pending = value as Record<string, unknown> | null;
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
  const binding = parseBinding(pending['binding']);
  if (binding === null || binding.storeId !== pending['storeId']) return null;
  return {
    binding,
    state: pending['state'],
    storeId: pending['storeId'],
    flow: pending['flow'],
    scopes: pending['scopes'] as string[],
    returnTo: pending['returnTo'],
    createdAt: pending['createdAt'],
  };
}
