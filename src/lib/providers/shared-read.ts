/**
 * A read every screen of a store waits on (FlickRocket's whole catalogue, Foxy's store resource and
 * the catalogue it derives from the orders), made once and shared. Each caller's signal stops its
 * own wait, not the read: a screen left while the read runs (the catalogue, for a product opened
 * from a link) must not fail the screen that came next and waits on the same read. The read itself
 * stops only when every caller that waited has left (and none waited without a signal).
 */
export interface SharedRead<T> {
  (signal?: AbortSignal): Promise<T>;
  /** The next call reads afresh (a read in flight goes on for those waiting on it). */
  forget(): void;
}

interface Reading<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiting: number;
  /** A caller waited without a signal: the read is never stopped. */
  kept: boolean;
}

export function sharedRead<T>(read: (signal: AbortSignal) => Promise<T>): SharedRead<T> {
  let reading: Reading<T> | undefined;
  const start = (): Reading<T> => {
    const controller = new AbortController();
    const entry: Reading<T> = { promise: read(controller.signal), controller, waiting: 0, kept: false };
    // A failed read is not kept: the next caller tries again.
    entry.promise.catch(() => {
      if (reading === entry) reading = undefined;
    });
    return entry;
  };
  const shared = ((signal?: AbortSignal): Promise<T> => {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const entry = (reading ??= start());
    if (!signal) {
      entry.kept = true;
      return entry.promise;
    }
    entry.waiting++;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const leave = (): void => {
        if (settled) return;
        settled = true;
        entry.waiting--;
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        leave();
        if (entry.waiting === 0 && !entry.kept) {
          // Forgotten at once, not when the stopped read's rejection arrives: a caller coming in
          // between (the next screen, mounted in the same task) reads afresh rather than joining it.
          if (reading === entry) reading = undefined;
          entry.controller.abort(signal.reason);
        }
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (value) => {
          leave();
          resolve(value);
        },
        (error: unknown) => {
          leave();
          reject(error);
        },
      );
    });
  }) as SharedRead<T>;
  shared.forget = () => {
    reading = undefined;
  };
  return shared;
}
