/**
 * The store screens' parts for what goes wrong or comes back empty: the banners, a read's error
 * (AccessError, ErrorPanel) and the empty list's words (NoProducts). A returning visitor's first
 * cards need none of them, so they are no part of the store screen's chunk (test/deploy/first-load.ts,
 * FAILURE_PARTS: one chunk of their own) and load on demand, each {#await} with PartUnavailable as
 * its {:catch}. Yet the one that says the connection failed must show with the network gone, and
 * with this version's files deleted by a redeploy: {@link fetchFailurePartsAhead} fetches them all
 * while the network is there: as the catalogue's first cards are drawn (the frame that paints them
 * waits for none of it; not at the browser's next idle moment, which came after the link had
 * dropped in e2e offline-moments, where the network goes as soon as the cards show), or a few
 * seconds into any other store's screen; offline, as soon as it is back online.
 * Once in, each is handed over at once (not as a promise), so that the screen draws it in the same
 * pass, as it did when it was part of the chunk.
 */
import { whenIdle } from './idle.ts';
import { browserOffline } from '../shared/offline.ts';

/** A part's module, given at once once it is in; a download that failed is asked for again at the next call. */
function part<T>(load: () => Promise<T>): () => T | Promise<T> {
  let loaded: T | undefined;
  let loading: Promise<T> | undefined;
  return () =>
    loaded ??
    (loading ??= load().then(
      (module) => (loaded = module),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
}

export const accessError = part(() => import('./AccessError.svelte'));
export const errorPanel = part(() => import('./ErrorPanel.svelte'));
export const noProducts = part(() => import('./NoProducts.svelte'));
export const banners = part(() => import('./Banners.svelte'));

let fetched = false;

/** Fetches every part once (idempotent); offline, once the browser is back online. */
export function fetchFailurePartsAhead(): void {
  if (fetched) return;
  if (browserOffline()) {
    addEventListener('online', fetchFailurePartsAhead, { once: true });
    return;
  }
  fetched = true;
  for (const load of [accessError, errorPanel, noProducts, banners]) void Promise.resolve(load()).catch(() => undefined);
}

// Any other store screen a visit starts on (a product, the cart): a few seconds in, once idle.
setTimeout(() => whenIdle(fetchFailurePartsAhead, 5000), 3000);
