/**
 * Makes the page's first Intl.NumberFormat ahead of the first prices. The first one in a browser
 * process loads the locale's data: 30-100 ms of one task on this machine's Chromium, and later
 * ones, any locale or currency, cost almost nothing (0.1-2 ms). So a worker makes it first, off the
 * page's thread (price-format.worker.ts): in Chromium the locale data is the process's, and the
 * page's own first formatter then costs ~0.2 ms (measured in fresh tabs: 31-102 ms without the
 * worker, 0.1-1.3 ms after it). The page then makes one too, in a task of its own, so that where the
 * data is per thread (another engine, a worker refused) it is still loaded before the prices need it.
 * Started by the app as it boots (App.svelte); its own module with only the worker's URL in it, as
 * the boot carries it.
 */

/** How long the page waits for the worker before it makes its own formatter all the same. */
const WORKER_LIMIT_MS = 1500;

let started = false;

/** Starts the warm-up, once per page: the worker's formatter, then the page's own in a task of its own. */
export function warmPriceFormat(): void {
  if (started) return;
  started = true;
  let worker: Worker | undefined;
  const onThePage = () => {
    clearTimeout(limit);
    worker?.terminate();
    setTimeout(() => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(0));
  };
  const limit = setTimeout(onThePage, WORKER_LIMIT_MS);
  try {
    worker = new Worker(new URL('./price-format.worker.ts', import.meta.url));
    worker.onmessage = worker.onerror = onThePage;
  } catch {
    // No workers here (a test DOM), or the page's policy refuses this one.
    onThePage();
  }
}
