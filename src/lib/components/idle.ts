/**
 * Runs `task` once the browser is idle (requestIdleCallback, at the latest after `timeoutMs`), or
 * after a short timer where there is no such thing; returns a function that cancels it.
 * For work the screen does not need to show what it shows first.
 */
export function whenIdle(task: () => void, timeoutMs = 2000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(task, 200);
  return () => clearTimeout(timer);
}
