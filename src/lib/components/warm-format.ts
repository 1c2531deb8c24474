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
 *
 * The shipped Content-Security-Policy enforces Trusted Types (test/deploy/csp.ts): a Worker's address
 * must be a TrustedScriptURL. The policy WORKER_POLICY, made here once and held by this module only,
 * signs this one file of the build: whatever it is asked, it gives the worker's address.
 */
import workerUrl from './price-format.worker.ts?worker&url';
import { WORKER_POLICY } from '../shared/trusted-types.ts';

interface TrustedTypes {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): string };
}

/** How long the page waits for the worker before it makes its own formatter all the same. */
const WORKER_LIMIT_MS = 1500;

/** How many times the app asked: the warm-up starts at the first only. */
let calls = 0;

/** Starts the warm-up, once per page: the worker's formatter, then the page's own in a task of its own. */
export function warmPriceFormat(): void {
  if (calls++) return;
  let worker: Worker | undefined;
  const onThePage = () => {
    clearTimeout(limit);
    worker?.terminate();
    setTimeout(() => new Intl.NumberFormat([], { style: 'currency', currency: 'USD' }).format(0));
  };
  const limit = setTimeout(onThePage, WORKER_LIMIT_MS);
  try {
    // The policy's one rule gives this worker's address whatever it is asked: it signs nothing else.
    worker = new Worker((self as { trustedTypes?: TrustedTypes }).trustedTypes?.createPolicy(WORKER_POLICY, { createScriptURL: () => workerUrl }).createScriptURL('') ?? workerUrl);
    worker.onmessage = worker.onerror = onThePage;
  } catch {
    // No workers here (a test DOM), or the page's policy refuses this one (or a second policy of that name).
    onThePage();
  }
}
