/**
 * The start of a returning visitor's catalogue, between the session read and the first render: the
 * boot's timing for that screen in one place (App.svelte calls it; the order below is pinned by the
 * e2e tests warm-start and catalog-first-frame). Beside view-loaders.ts and warm-format.ts, whose
 * helpers it runs, and in the boot chunk with them.
 */
import type { LazyApis } from '../state/apis-port.svelte.ts';
import { catalogQuery, type Route } from '../state/routes.ts';
import { preloadView } from './view-loaders.ts';
import { warmPriceFormat } from './warm-format.ts';

/** Resolves in a task of its own, after `ms` (none: the next task). */
const wait = (ms?: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asks for `route`'s first products, name and pages now, while the screen's code mounts, not once it
 * has; resolves when the screen may render. In order: the request is sent as soon as the client's
 * code is in, and the catalogue's code preloaded only after it; the screen waits for the request to
 * leave (100 ms at most); the first price formatter is made in a task of its own; the screen renders
 * in the task after that.
 */
export async function startReturningCatalogue(apis: LazyApis, route: Extract<Route, { name: 'catalog' }>): Promise<void> {
  const clientReady = apis.load().then((loaded) => loaded.prefetchCatalog(route.storeId, catalogQuery(route)), () => undefined);
  // With the request gone, the catalogue's code (in the chunk the client came with) is noted as
  // in, so that the shell draws it in the same pass as itself (view-loaders.ts loadScreen).
  void clientReady.then(() => preloadView(route));
  // Its request leaves before the screen renders (one long task): once the client code is in
  // (waited for a little, as it is usually in by now), the way to fetch() is microtasks only,
  // which run out before the next task starts.
  await Promise.race([clientReady, wait(100)]);
  await wait();
  // The first price formatter is made while the store answers, not once the cards render; and
  // the screen renders in the task after it, not in the same one: two shorter tasks, so input
  // is handled between them (one task of 18-27 ms in Lighthouse's mobile traces here, which
  // its simulated phone CPU counts four times over as blocking time).
  warmPriceFormat();
  await wait();
}
