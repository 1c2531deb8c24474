/**
 * The start of a returning visitor's catalogue, between the session read and the first render: the
 * boot's timing for that screen in one place (App.svelte calls it; the order below is pinned by the
 * e2e tests warm-start and catalog-first-frame). Beside view-loaders.ts, whose helper it runs, and
 * in the boot chunk with it.
 */
import type { LazyApis } from '../state/apis-port.svelte.ts';
import { catalogQuery, type Route } from '../state/routes.ts';
import { preloadView } from './view-loaders.ts';

/** Resolves in a task of its own, after `ms` (none: the next task). */
const wait = (ms?: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How long the screen waits for the client's and the catalogue's code once the session is read,
 * before it draws the shell with "Loading the catalogue…" instead. Since the session is read in one
 * IndexedDB transaction (kv.ts firstRead) it can be read before that code is in; 100 ms ran out once
 * in a fresh-clone CI run on this busy machine, and the loading line flashed (warm-start e2e).
 */
const CODE_GRACE_MS = 250;

/**
 * Asks for `route`'s first products, name and pages now, while the screen's code mounts, not once it
 * has; resolves when the screen may render. In order: the request is sent as soon as the client's
 * code is in, and the catalogue's code preloaded only after it; the screen waits for both
 * ({@link CODE_GRACE_MS} at most) and renders in the task after that. (The first price formatter is made by a worker the app
 * started as it booted: warm-format.ts.)
 */
export async function startReturningCatalogue(apis: LazyApis, route: Extract<Route, { name: 'catalog' }>): Promise<void> {
  const clientReady = apis.load().then((loaded) => loaded.prefetchCatalog(route.storeId, catalogQuery(route)), () => undefined);
  // With the request gone, the catalogue's code (in the chunk the client came with) is noted as
  // in, so that the shell draws it in the same pass as itself (view-loaders.ts loadScreen).
  const viewReady = clientReady.then(() => preloadView(route));
  // Its request leaves before the screen renders (one long task), and the screen waits for its
  // code to be noted as in (an import() of a loaded module resolves a task later): each waited for
  // a little, as both are usually in by now. The way to fetch() is microtasks only, which run out
  // before the next task starts.
  await Promise.race([viewReady, wait(CODE_GRACE_MS)]);
  await wait();
}
