/**
 * The store APIs (StoreApis, apis.svelte.ts) as the app holds them from its first screen. The
 * stores list calls no store, so their code loads with the store screen's (one chunk,
 * test/deploy/first-load.ts): with the first store screen shown, or at boot when the address is a
 * store's. A first visit never downloads it. The screens read the instance from the context
 * (StoreApis.get()) once the shell has awaited it with their code (view-loaders.ts, loadScreen).
 */
import { untrack } from 'svelte';
import type { StoreApis } from './apis.svelte.ts';
import { installApis, installedApis, type ApisHolder } from './apis-context.ts';

/** Builds the StoreApis from its module, once that is in. */
type Build = (module: typeof import('./apis.svelte.ts')) => StoreApis;

let code: Promise<typeof import('./apis.svelte.ts')> | undefined;
/**
 * The store screen's code, asked for once: a second import() of a module already in still resolves
 * only in a later task (one hop through the module loader, 5-20 ms behind whatever the page is doing
 * at boot), and a returning visitor's first request waited for it (preload, then load). A failed
 * download is tried again at the next call.
 */
const storeCode = (): Promise<typeof import('./apis.svelte.ts')> =>
  (code ??= import('./apis.svelte.ts').catch((error: unknown) => {
    code = undefined;
    throw error;
  }));

export class LazyApis implements ApisHolder<StoreApis> {
  readonly #build: Build;
  #current = $state.raw<StoreApis | null>(null);
  #loading: Promise<StoreApis> | undefined;

  /** `new LazyApis(({ StoreApis }) => new StoreApis(session, fetch))`, as App.svelte does. */
  constructor(build: Build) {
    this.#build = build;
  }

  /**
   * Starts downloading the code every store's screen uses (the client code with it), before
   * config.json says which store it is (a store's route at boot): one hop less before the first request.
   */
  static preload(): void {
    storeCode().catch(() => undefined);
  }

  /** Whether the StoreApis is built, read without subscribing to it (the shell's loadScreen asks). */
  isLoaded(): boolean {
    return untrack(() => this.#current) !== null;
  }

  /** The StoreApis once loaded; null before (the stores list, or its code still on the way). Reactive. */
  get current(): StoreApis | null {
    return this.#current;
  }

  /** The StoreApis, its code loaded once (a failed download is tried again at the next call). */
  load(): Promise<StoreApis> {
    this.#loading ??= storeCode().then((module) => (this.#current = this.#build(module)));
    this.#loading.catch(() => (this.#loading = undefined));
    return this.#loading;
  }

  static install(apis: LazyApis): LazyApis {
    installApis(apis);
    return apis;
  }

  /** The installed store APIs, loaded or not; undefined where none is installed. */
  static get(): ApisHolder<StoreApis> | undefined {
    return installedApis<StoreApis>();
  }
}
