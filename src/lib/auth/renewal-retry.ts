/**
 * Retries a renewal that failed for a passing reason (security case 22): after a growing wait, and
 * at once when the browser says it is back online. Once the delays have run out it goes on at the
 * last one (one token request every two minutes), until the store answers, the grant is dead, or
 * the store is signed out of: the screens say the page loads by itself once the store can be
 * reached, and a token endpoint down for longer than the delays (an outage of minutes, not a lost
 * network, which `online` ends) left them saying so for ever, the store long back, nothing loaded.
 */
import { isAppError } from '../oauth/errors.ts';

export interface RenewalRetryDeps {
  /** Tries the store's renewal again; rejects with TOKEN_RENEWAL_UNAVAILABLE while it still cannot. */
  retry: (storeId: string) => Promise<void>;
  /** Subscribes to the browser's `online` event; returns the unsubscribe. */
  onOnline?: (listener: () => void) => () => void;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  /** The waits before each automatic try. */
  delaysMs?: readonly number[];
}

export const RETRY_DELAYS_MS: readonly number[] = [2_000, 5_000, 15_000, 30_000, 60_000, 120_000];

function windowOnline(listener: () => void): () => void {
  const target = globalThis as { addEventListener?: typeof addEventListener; removeEventListener?: typeof removeEventListener };
  target.addEventListener?.('online', listener);
  return () => target.removeEventListener?.('online', listener);
}

export class RenewalRetry {
  readonly #deps: Required<Omit<RenewalRetryDeps, 'delaysMs'>> & { delaysMs: readonly number[] };
  /** Per waiting store: tries made so far, and the pending timer (absent once the delays ran out). */
  readonly #waiting = new Map<string, { tries: number; timer?: unknown }>();
  #unsubscribe: (() => void) | undefined;

  constructor(deps: RenewalRetryDeps) {
    this.#deps = {
      retry: deps.retry,
      onOnline: deps.onOnline ?? windowOnline,
      setTimer: deps.setTimer ?? ((run, ms) => setTimeout(run, ms)),
      clearTimer: deps.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>)),
      delaysMs: deps.delaysMs ?? RETRY_DELAYS_MS,
    };
  }

  /** The store's renewal failed for a passing reason: try again later (a no-op when already waiting). */
  schedule(storeId: string): void {
    const entry = this.#waiting.get(storeId) ?? { tries: 0 };
    this.#waiting.set(storeId, entry);
    this.#unsubscribe ??= this.#deps.onOnline(() => this.#retryAll());
    if (entry.timer !== undefined) return;
    const delays = this.#deps.delaysMs;
    const delay = delays[Math.min(entry.tries, delays.length - 1)];
    if (delay !== undefined) entry.timer = this.#deps.setTimer(() => void this.#run(storeId), delay);
  }

  /** The store renewed, signed out or ended: stop waiting for it. */
  stop(storeId: string): void {
    const entry = this.#waiting.get(storeId);
    if (entry?.timer !== undefined) this.#deps.clearTimer(entry.timer);
    this.#waiting.delete(storeId);
    if (this.#waiting.size === 0) {
      this.#unsubscribe?.();
      this.#unsubscribe = undefined;
    }
  }

  #retryAll(): void {
    for (const storeId of [...this.#waiting.keys()]) void this.#run(storeId);
  }

  async #run(storeId: string): Promise<void> {
    const entry = this.#waiting.get(storeId);
    if (!entry) return;
    if (entry.timer !== undefined) this.#deps.clearTimer(entry.timer);
    delete entry.timer;
    entry.tries++;
    try {
      await this.#deps.retry(storeId);
      this.stop(storeId);
    } catch (error) {
      if (isAppError(error) && error.code === 'TOKEN_RENEWAL_UNAVAILABLE' && this.#waiting.has(storeId)) this.schedule(storeId);
      else this.stop(storeId);
    }
  }
}
