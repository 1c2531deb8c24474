/**
 * The one single-use record store behind every sign-in in flight (the implicit flow's pending
 * sign-ins, oidc-client-ts's code-flow states, embed sign-ins). `take` is atomic: a fresh entry is
 * swapped for a "used" marker in one step, so a replay (used) can be told from a forgery (missing)
 * and from a late callback (expired). Entries and markers older than the lifetime are void. An entry
 * that expired unused leaves an "expired" marker (its value dropped) for a day, so that a consent page
 * left open for an hour, approved after another sign-in swept it, is told it took too long, not that
 * it was never started here.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.12
 */
import { SIGN_IN_LIFETIME_MS } from '../oauth/state.ts';
import { prefixed, type KeyValueStore } from './kv.ts';

/** An entry dated further ahead than this (the clock moved back) is as untrustworthy as an old one. */
export const FUTURE_SKEW_MS = 60_000;

/** How long a sign-in that expired unused is still known as such (its marker holds no value). */
export const EXPIRED_KEPT_MS = 24 * 60 * 60 * 1000;

export type SingleUseStatus<T> = { status: 'fresh'; value: T } | { status: 'used' } | { status: 'expired' } | { status: 'missing' };

type Entry<T> = { v: 1; value: T; createdAt: number } | { v: 1; usedAt: number } | { v: 1; expiredAt: number };

export interface SingleUseStoreOptions<T> {
  now: () => number;
  /** Checks a stored value; null marks it corrupt, and it then reads as missing. */
  parse: (value: unknown) => T | null;
  /** Defaults to SIGN_IN_LIFETIME_MS. */
  lifetimeMs?: number;
}

export class SingleUseStore<T> {
  readonly #kv: KeyValueStore;
  readonly #now: () => number;
  readonly #parse: (value: unknown) => T | null;
  readonly #lifetime: number;

  /** Keys live under `prefix` in `store`, so several of these share one storage. */
  constructor(store: KeyValueStore, prefix: string, options: SingleUseStoreOptions<T>) {
    this.#kv = prefixed(store, prefix);
    this.#now = options.now;
    this.#parse = options.parse;
    this.#lifetime = options.lifetimeMs ?? SIGN_IN_LIFETIME_MS;
  }

  /** Stores `value`, dated `createdAt` (now by default). */
  async put(key: string, value: T, createdAt: number = this.#now()): Promise<void> {
    await this.#kv.set(key, { v: 1, value, createdAt } satisfies Entry<T>);
  }

  /** Looks without consuming; a used marker past the lifetime reads as missing. */
  async peek(key: string): Promise<SingleUseStatus<T>> {
    return this.#status(this.#entry(await this.#kv.get(key)), this.#now());
  }

  /** Consumes `key` atomically: only a fresh entry comes back as fresh, once; an expired one leaves its marker, a corrupt one goes. */
  async take(key: string): Promise<SingleUseStatus<T>> {
    const now = this.#now();
    let result: SingleUseStatus<T> = { status: 'missing' };
    await this.#kv.update(key, (current) => {
      const entry = this.#entry(current);
      result = this.#status(entry, now);
      if (result.status === 'fresh') return { v: 1, usedAt: now } satisfies Entry<T>;
      if (result.status === 'expired') return expiredMarker(entry);
      return result.status === 'used' ? entry : undefined;
    });
    return result;
  }

  keys(): Promise<string[]> {
    return this.#kv.keys();
  }

  /**
   * Deletes corrupt entries and markers past their time, and puts an expired entry's marker (no value)
   * in its place; returns how many entries went or were replaced.
   */
  async sweep(): Promise<number> {
    const now = this.#now();
    let removed = 0;
    for (const key of await this.#kv.keys()) {
      const entry = this.#entry(await this.#kv.get(key));
      const status = this.#status(entry, now).status;
      if (status === 'missing') await this.#kv.del(key);
      else if (status === 'expired' && entry && 'value' in entry) await this.#kv.set(key, expiredMarker(entry));
      else continue;
      removed++;
    }
    return removed;
  }

  #status(entry: Entry<T> | null, now: number): SingleUseStatus<T> {
    if (!entry) return { status: 'missing' };
    if ('usedAt' in entry) return this.#isStale(entry.usedAt, now) ? { status: 'missing' } : { status: 'used' };
    if ('expiredAt' in entry) return now - entry.expiredAt > EXPIRED_KEPT_MS || entry.expiredAt - now > FUTURE_SKEW_MS ? { status: 'missing' } : { status: 'expired' };
    return this.#isStale(entry.createdAt, now) ? { status: 'expired' } : { status: 'fresh', value: entry.value };
  }

  #isStale(at: number, now: number): boolean {
    return now - at > this.#lifetime || at - now > FUTURE_SKEW_MS;
  }

  #entry(raw: unknown): Entry<T> | null {
    if (typeof raw !== 'object' || raw === null) return null;
    const record = raw as Record<string, unknown>;
    if (record['v'] !== 1) return null;
    if (typeof record['usedAt'] === 'number') return { v: 1, usedAt: record['usedAt'] };
    if (typeof record['expiredAt'] === 'number') return { v: 1, expiredAt: record['expiredAt'] };
    if (typeof record['createdAt'] !== 'number') return null;
    const value = this.#parse(record['value']);
    return value === null ? null : { v: 1, value, createdAt: record['createdAt'] };
  }
}

/** What an expired entry leaves: when its sign-in began, nothing of its value. */
function expiredMarker<T>(entry: Entry<T> | null): Entry<T> | undefined {
  if (entry && 'createdAt' in entry) return { v: 1, expiredAt: entry.createdAt };
  return entry && 'expiredAt' in entry ? entry : undefined;
}
