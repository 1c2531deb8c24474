/**
 * `rate_limiter.oauth` of Shopware (`time_backoff`, `TimeBackoff` + `TimeBackoffLimiter`): attempts
 * 1-10 free, 11-15 each at least 10 s after the previous accepted one, 16-20 30 s, 21+ 60 s; a
 * throttled attempt is not counted and does not move the timer; success resets the key; state is
 * forgotten 24 h after the last accepted attempt. `divisor` shortens the intervals for tests.
 */
const TIERS = [
  { after: 10, seconds: 10 },
  { after: 15, seconds: 30 },
  { after: 20, seconds: 60 },
];
const RESET_MS = 24 * 3600 * 1000;

interface State {
  attempts: number;
  /** Time of the last accepted attempt (ms). */
  timer: number;
}

export class OAuthThrottle {
  readonly #states = new Map<string, State>();
  constructor(private readonly divisor: number) {}

  #intervalMs(count: number): number {
    let seconds = 0;
    for (const tier of TIERS) if (count > tier.after) seconds = tier.seconds;
    return (seconds * 1000) / this.divisor;
  }

  /** Counts an attempt; returns the seconds to wait when it is throttled (then it is not counted). */
  consume(key: string, now: number): number {
    let state = this.#states.get(key);
    if (state !== undefined && now - state.timer >= RESET_MS) state = undefined;
    state ??= { attempts: 0, timer: now };
    const interval = this.#intervalMs(state.attempts + 1);
    const elapsed = now - state.timer;
    if (interval > 0 && elapsed < interval) return Math.max(1, Math.ceil((state.timer + interval - now) / 1000));
    state.attempts++;
    state.timer = now;
    this.#states.set(key, state);
    if (this.#states.size > 10_000) this.#states.clear();
    return 0;
  }

  reset(key: string): void {
    this.#states.delete(key);
  }

  attempts(key: string): number {
    return this.#states.get(key)?.attempts ?? 0;
  }
}
