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
import { AppError } from '../oauth/errors.ts';
import { SIGN_IN_LIFETIME_MS } from '../oauth/state.ts';
import { prefixed, type KeyValueStore } from './kv.ts';
import { isStorageFull } from './storage-full.ts';

/** An entry dated further ahead than this (the clock moved back) is as untrustworthy as an old one. */
export const FUTURE_SKEW_MS = 60_000;

/** How long a sign-in that expired unused is still known as such (its marker holds no value, only what it was about). */
export const EXPIRED_KEPT_MS = 24 * 60 * 60 * 1000;

/**
 * What a used or expired entry's marker keeps of its value: the store and the page its sign-in was
 * for, never a secret, so that a replayed or late answer to more access asked of a connected store is
 * told where it belongs (finish-sign-in.ts) while the connection stays as it was.
 */
export interface MarkerAbout {
  storeId: string;
  returnTo: string;
}

export type SingleUseStatus<T> =
  | { status: 'fresh'; value: T }
  | { status: 'used'; about?: MarkerAbout }
  | { status: 'expired'; about?: MarkerAbout }
  | { status: 'missing' };

type Entry<T> = { v: 1; value: T; createdAt: number } | { v: 1; usedAt: number; about?: MarkerAbout } | { v: 1; expiredAt: number; about?: MarkerAbout };

export interface SingleUseStoreOptions<T> {
  now: () => number;
  /** Checks a stored value; null marks it corrupt, and it then reads as missing. */
  parse: (value: unknown) => T | null;
  /** Defaults to SIGN_IN_LIFETIME_MS. */
  lifetimeMs?: number;
  /** What a value's used or expired marker keeps of it ({@link MarkerAbout}); nothing by default. */
  about?: (value: T) => MarkerAbout | undefined;
}

export class SingleUseStore<T> {
  readonly #kv: KeyValueStore;
  readonly #now: () => number;
  readonly #parse: (value: unknown) => T | null;
  readonly #lifetime: number;
  readonly #about: (value: T) => MarkerAbout | undefined;

  /** Keys live under `prefix` in `store`, so several of these share one storage. */
  constructor(store: KeyValueStore, prefix: string, options: SingleUseStoreOptions<T>) {
    this.#kv = prefixed(store, prefix);
    this.#now = options.now;
    this.#parse = options.parse;
    this.#lifetime = options.lifetimeMs ?? SIGN_IN_LIFETIME_MS;
    this.#about = options.about ?? (() => undefined);
  }

  /** Stores `value`, dated `createdAt` (now by default). */
  async put(key: string, value: T, createdAt: number = this.#now()): Promise<void> {
    await this.#kv.set(key, { v: 1, value, createdAt } satisfies Entry<T>);
  }

  /** Looks without consuming; a used marker past the lifetime reads as missing. */
  async peek(key: string): Promise<SingleUseStatus<T>> {
    return this.#status(this.#entry(await this.#kv.get(key)), this.#now());
  }

  /**
   * Consumes `key` atomically: only a fresh entry comes back as fresh, once; an expired one leaves its
   * marker, a corrupt one goes. Where storage refuses the marker's write for want of space (a full
   * disk, the site's quota: storage-full.ts), the entry is deleted instead, in one step as well (a
   * delete needs no room): still single use, and the sign-in finishes, kept in this tab's memory
   * (the storage-full note says so), rather than failing as though storage were blocked. A replay of
   * it then reads as missing, not used: nothing more of it is connected either way.
   */
  async take(key: string): Promise<SingleUseStatus<T>> {
    try {
      return await this.#take(key, true);
    } catch (error) {
      if (!isStorageFull(error)) throw error;
      return this.#take(key, false);
    }
  }

  /** `mark`: leave the used or expired marker; else delete whatever is there. */
  async #take(key: string, mark: boolean): Promise<SingleUseStatus<T>> {
    const now = this.#now();
    let result: SingleUseStatus<T> = { status: 'missing' };
    await this.#kv.update(key, (current) => {
      const entry = this.#entry(current);
      result = this.#status(entry, now);
      if (!mark) return undefined;
      if (result.status === 'fresh') return withAbout({ v: 1 as const, usedAt: now }, this.#about(result.value));
      if (result.status === 'expired') return this.#expiredMarker(entry);
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
      else if (status === 'expired' && entry && 'value' in entry) await this.#kv.set(key, this.#expiredMarker(entry));
      else continue;
      removed++;
    }
    return removed;
  }

  #status(entry: Entry<T> | null, now: number): SingleUseStatus<T> {
    if (!entry) return { status: 'missing' };
    if ('usedAt' in entry) return this.#isStale(entry.usedAt, now) ? { status: 'missing' } : withAbout({ status: 'used' }, entry.about);
    if ('expiredAt' in entry) {
      return now - entry.expiredAt > EXPIRED_KEPT_MS || entry.expiredAt - now > FUTURE_SKEW_MS ? { status: 'missing' } : withAbout({ status: 'expired' }, entry.about);
    }
    return this.#isStale(entry.createdAt, now) ? withAbout({ status: 'expired' }, this.#about(entry.value)) : { status: 'fresh', value: entry.value };
  }

  #isStale(at: number, now: number): boolean {
    return now - at > this.#lifetime || at - now > FUTURE_SKEW_MS;
  }

  #entry(raw: unknown): Entry<T> | null {
    if (typeof raw !== 'object' || raw === null) return null;
    const record = raw as Record<string, unknown>;
    if (record['v'] !== 1) return null;
    if (typeof record['usedAt'] === 'number') return withAbout({ v: 1 as const, usedAt: record['usedAt'] }, parseAbout(record['about']));
    if (typeof record['expiredAt'] === 'number') return withAbout({ v: 1 as const, expiredAt: record['expiredAt'] }, parseAbout(record['about']));
    if (typeof record['createdAt'] !== 'number') return null;
    const value = this.#parse(record['value']);
    return value === null ? null : { v: 1, value, createdAt: record['createdAt'] };
  }

  /** What an expired entry leaves: when its sign-in began and what it was about, nothing else of its value. */
  #expiredMarker(entry: Entry<T> | null): Entry<T> | undefined {
    if (entry && 'createdAt' in entry) return withAbout({ v: 1 as const, expiredAt: entry.createdAt }, this.#about(entry.value));
    return entry && 'expiredAt' in entry ? entry : undefined;
  }
}

/** A marker with what it is about: the page's path alone, not its query (a search typed there stays nowhere). */
function withAbout<M extends object>(marker: M, about: MarkerAbout | undefined): M {
  return about ? { ...marker, about: { storeId: about.storeId, returnTo: about.returnTo.split('?')[0] ?? '/' } } : marker;
}

function parseAbout(value: unknown): MarkerAbout | undefined {
  const about = value as Partial<MarkerAbout> | null;
  return typeof about === 'object' && about !== null && typeof about.storeId === 'string' && typeof about.returnTo === 'string'
    ? { storeId: about.storeId, returnTo: about.returnTo }
    : undefined;
}

/**
 * A replayed or late answer, with the store and page its sign-in was for when its marker kept them:
 * for more access asked of a connected store, back to that page, the connection as it was.
 */
export function spentState(code: 'OAUTH_STATE_REUSED' | 'OAUTH_STATE_EXPIRED', message: string, about: MarkerAbout | undefined): AppError {
  const error = new AppError(code, message, about ? { storeId: about.storeId } : {});
  if (about) error.returnTo = about.returnTo;
  return error;
}
