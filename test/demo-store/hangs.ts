/**
 * API routes made to hang on purpose, for the app's time limit (src/lib/api/time-limit.ts): a request
 * to one is taken (the connection accepted, the request read) and never answered, as a store that
 * stalled, until `release()`. With `done`, the store does what the request asks at once and only its
 * answer never comes: a write the store made whose answer was lost, which the app must not call
 * "nothing happened".
 */
export interface HangOptions {
  /** The store does what the request asks at once; only the answer is held. Default false. */
  done?: boolean;
}

interface Rule {
  method: string;
  path: RegExp;
  done: boolean;
}

export class Hangs {
  #rules: Rule[] = [];
  #held: Array<() => Promise<void>> = [];
  #count = 0;

  /** From now on, `method` requests to a path `path` matches hang (until `release()`). */
  hang(method: string, path: RegExp, options: HangOptions = {}): void {
    this.#rules.push({ method: method.toUpperCase(), path, done: options.done ?? false });
  }

  /** The rule a request meets, if any. */
  ruleFor(method: string | undefined, pathname: string): { done: boolean } | undefined {
    return this.#rules.find((rule) => rule.method === method && rule.path.test(pathname));
  }

  /** Keeps a request unanswered; `answer` runs at `release()` (it checks the client is still there). */
  hold(answer: () => Promise<void>): void {
    this.#count++;
    this.#held.push(answer);
  }

  /** How many requests have hung since the store started. */
  held(): number {
    return this.#count;
  }

  /**
   * Stops hanging: later requests are answered as usual, and the held ones whose client still waits
   * are answered now (a request not `done` is carried out now). One whose client gave up is dropped.
   */
  async release(): Promise<void> {
    this.#rules = [];
    const held = this.#held;
    this.#held = [];
    for (const answer of held) await answer();
  }
}
