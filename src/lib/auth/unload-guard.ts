/**
 * While a refresh token is being spent, leaving the page asks first. A renewal sends the refresh
 * token and, on a rotating platform (Shopware, FlickRocket, Goodsie when its server rotates), the
 * store deletes it as it answers; the new one is kept only once the answer is written to IndexedDB.
 * A tab closed or reloaded in that window would lose the connection, so from the request until the
 * write, the page has a `beforeunload` handler and the browser asks "Leave site?" (it shows the
 * question only after the person has interacted with the page). The window is one request long;
 * the handler is gone after it, so the page's back/forward cache is not given up for longer.
 */

interface UnloadTarget {
  addEventListener(type: 'beforeunload', listener: (event: Event) => void): void;
  removeEventListener(type: 'beforeunload', listener: (event: Event) => void): void;
}

function confirmLeaving(event: Event): void {
  event.preventDefault();
  // Browsers before the standard's preventDefault() (Chromium before 119) asked for a returnValue
  // that is not empty; the text itself is never shown.
  if (typeof BeforeUnloadEvent === 'function' && event instanceof BeforeUnloadEvent) event.returnValue = 'leave';
}

const held = new WeakMap<UnloadTarget, number>();
const waiting = new WeakMap<UnloadTarget, (() => void)[]>();

function pageTarget(): UnloadTarget | undefined {
  const candidate = globalThis as Partial<UnloadTarget>;
  return typeof candidate.addEventListener === 'function' && typeof candidate.removeEventListener === 'function'
    ? (candidate as UnloadTarget)
    : undefined;
}

/**
 * Runs `work` (a renewal: the refresh request and the write of its answer) with leaving the page
 * held; nested and parallel renewals (several stores) share one handler, removed when the last ends.
 * Where there is no page (a worker, Node), runs `work` as it is.
 */
export async function whileLeavingAsks<T>(work: () => Promise<T>, target: UnloadTarget | undefined = pageTarget()): Promise<T> {
  if (!target) return work();
  const count = held.get(target) ?? 0;
  if (count === 0) target.addEventListener('beforeunload', confirmLeaving);
  held.set(target, count + 1);
  try {
    return await work();
  } finally {
    const left = (held.get(target) ?? 1) - 1;
    if (left === 0) {
      held.delete(target);
      target.removeEventListener('beforeunload', confirmLeaving);
      for (const settle of waiting.get(target) ?? []) settle();
      waiting.delete(target);
    } else {
      held.set(target, left);
    }
  }
}

/**
 * Before the app itself leaves the page (a sign-in's redirect to the store's consent page): waits
 * until no renewal is spending a refresh token, so the person's own click neither loses the rotated
 * token nor meets "Leave site?". At most `limitMs` (a renewal whose answer hangs would otherwise keep
 * the click from doing anything); after that the redirect goes ahead and the browser asks.
 */
export function renewalsWritten(limitMs = 5_000, target: UnloadTarget | undefined = pageTarget()): Promise<void> {
  if (!target || !held.get(target)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, limitMs);
    const settle = () => {
      clearTimeout(timer);
      resolve();
    };
    waiting.set(target, [...(waiting.get(target) ?? []), settle]);
  });
}
