/**
 * The one single-use record store behind every sign-in in flight (the implicit flow's pending
 * sign-ins, oidc-client-ts's code-flow states, embed sign-ins). `take` is atomic: a fresh entry is
 * swapped for a "used" marker in one step, so a replay (used) can be told from a forgery (missing)
 * and from a late callback (expired). Entries and markers older than the lifetime are void.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.12
 */
import { SIGN_IN_LIFETIME_MS } from '../oauth/state.ts';
import { prefixed, type KeyValueStore } from './kv.ts';

/** An entry dated further ahead than this (the clock moved back) is as untrustworthy as an old one. */
export const FUTURE_SKEW_MS = 60_000;

export type SingleUseStatus<T> = { status: 'fresh'; value: T } | { status: 'used' } | { status: 'expired' } | { status: 'missing' };

type Entry<T> = { v: 1; value: T; createdAt: number } | { v: 1; usedAt: number };

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

  /** Consumes `key` atomically: only a fresh entry comes back as fresh, once; expired and corrupt entries go. */
  async take(key: string): Promise<SingleUseStatus<T>> {
    const now = this.#now();
    let result: SingleUseStatus<T> = { status: 'missing' };
    await this.#kv.update(key, (current) => {
      const entry = this.#entry(current);
      result = this.#status(entry, now);
      if (result.status === 'fresh') return { v: 1, usedAt: now } satisfies Entry<T>;
      return result.status === 'used' ? entry : undefined;
    });
    return result;
  }

  keys(): Promise<string[]> {
    return this.#kv.keys();
  }

  /** Deletes expired and corrupt entries and used markers past the lifetime; returns how many went. */
  async sweep(): Promise<number> {
    const now = this.#now();
    let removed = 0;
    for (const key of await this.#kv.keys()) {
      const status = this.#status(this.#entry(await this.#kv.get(key)), now).status;
      if (status === 'expired' || status === 'missing') {
        await this.#kv.del(key);
        removed++;
      }
    }
    return removed;
  }

  #status(entry: Entry<T> | null, now: number): SingleUseStatus<T> {
    if (!entry) return { status: 'missing' };
    if ('usedAt' in entry) return this.#isStale(entry.usedAt, now) ? { status: 'missing' } : { status: 'used' };
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
    if (typeof record['createdAt'] !== 'number') return null;
    const value = this.#parse(record['value']);
    return value === null ? null : { v: 1, value, createdAt: record['createdAt'] };
  }
}
