/**
 * Which screen shows what, in one place: {@link screenFor} maps a route (and whether its store is
 * known and connected) to the screen's code, what shows while that code loads, its props, and when
 * it starts afresh. The shell renders what it says, and the boot asks for the route's code at once
 * ({@link preloadView}) so that it downloads while config.json, storage and the session load.
 * Each screen's code loads on demand (and is cached once loaded): only the stores list and the
 * catalogue are part of a usual first load.
 */
import type { Component } from 'svelte';
import type { Route } from '../state/routes.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loader = () => Promise<{ default: Component<any> }>;

const LOADERS = {
  home: () => import('./views/HomeView.svelte'),
  /** A link to a store that is unknown or not connected is rare on a first load. */
  notConnected: () => import('./views/NotConnectedView.svelte'),
  catalog: () => import('./views/CatalogView.svelte'),
  product: () => import('./views/ProductView.svelte'),
  page: () => import('./views/StorePageView.svelte'),
  cart: () => import('./views/CartView.svelte'),
  orders: () => import('./views/OrdersView.svelte'),
  coupons: () => import('./views/CouponsView.svelte'),
  embed: () => import('./views/EmbedView.svelte'),
} satisfies Record<string, Loader>;

/** Names a screen's code: the shell loads another screen's code only when this changes. */
export type ScreenName = keyof typeof LOADERS;

/**
 * Every prop a screen is handed, by name: the shell passes each of them one by one (a view ignores
 * those that are not its own, which are undefined), not as a spread, whose runtime (Svelte's
 * props.js, with prop()) would be 0.5 KB gzip more of every first load (npm run size). A new one
 * goes here and in the shell.
 */
export interface ScreenProps {
  storeId?: string;
  productId?: string;
  slug?: string;
  page?: number;
  route?: Route;
  callbackError?: unknown;
  notFound?: boolean;
  unknown?: boolean;
}

/** What the shell shows for a route. */
export interface Screen {
  name: ScreenName;
  /** The line shown while the code loads; null: nothing. */
  loading: string | null;
  props: ScreenProps;
  /** The screen is built anew when this changes (another product, another store's catalogue). */
  key: string;
}

/** Where the route's store stands, as the shell knows it. */
export interface ScreenContext {
  knownStore: boolean;
  connected: boolean;
  /** A sign-in that failed on the way back, for the stores list to say. */
  callbackError: unknown;
}

/** Each screen's code once it is in: the shell then shows it in the same pass, not a task later. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loaded = new Map<ScreenName, Component<any>>();

/** A screen's code, noted once in (a failed download is tried again at the next call, as import() does). */
function loadCode(name: ScreenName): ReturnType<Loader> {
  return LOADERS[name]().then((module) => {
    loaded.set(name, module.default);
    return module;
  });
}

function screen(name: ScreenName, loading: string | null, props: ScreenProps, key = ''): Screen {
  return { name, loading, props, key };
}

export function screenFor(route: Route, context: ScreenContext): Screen {
  const storeId = 'storeId' in route ? route.storeId : null;
  if (!context.knownStore) return screen('notConnected', null, { storeId: storeId ?? '', unknown: true }, 'unknown');
  if (route.name === 'home' || route.name === 'notFound') {
    return screen('home', 'Loading…', { callbackError: context.callbackError, notFound: route.name === 'notFound' });
  }
  if (!context.connected) return screen('notConnected', null, { storeId: route.storeId });
  if (route.name === 'catalog') return screen('catalog', 'Loading the catalogue…', { route }, route.storeId);
  // Another store screen's props are its route's (the product, the page, the orders' page), and its
  // loading line names it by its route's name ("Loading product…"; the snippet's plain "Loading…"):
  // written once, not per screen (the first load's bytes, npm run size). Another product or page is
  // another screen; so is another store's cart, orders, coupons or snippet: built afresh, never the
  // last store's shown under the new one's name.
  const { name, ...props } = route;
  const shown = (props as ScreenProps).productId ?? (props as ScreenProps).slug;
  return screen(name, name === 'embed' ? 'Loading…' : `Loading ${name}…`, props, shown === undefined ? route.storeId : `${route.storeId}/${shown}`);
}

/**
 * Starts downloading `route`'s screen (its store taken as connected); a failure shows later, where
 * the screen is awaited. Resolves to the screen's module, or undefined when it failed to load.
 */
export function preloadView(route: Route): Promise<{ default: Component<any> } | undefined> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return loadCode(screenFor(route, { knownStore: true, connected: true, callbackError: null }).name).catch(() => undefined);
}

/** The screens that call no store: they show before the store APIs' code is in (a first visit never loads it). */
const STORELESS: readonly ScreenName[] = ['home', 'notConnected'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LoadedScreen = { name: ScreenName; view: Component<any> };

/**
 * The code of a screen by name, as the shell awaits it, with the name it was loaded for; a store's
 * screen with the store APIs it reads (StoreApis.get()), loaded beside its code. Given at once, not
 * as a promise, when both are in already (the boot preloads a returning visitor's catalogue): the
 * shell's {#await} then draws the screen in the same pass, with no loading line and no wait for
 * the promise's turn behind the tasks queued meanwhile (~50 ms under load in the warm start).
 */
export function loadScreen(name: ScreenName, apis?: { load(): Promise<unknown>; isLoaded(): boolean }): LoadedScreen | Promise<LoadedScreen> {
  const needsApis = apis !== undefined && !STORELESS.includes(name);
  const view = loaded.get(name);
  if (view && (!needsApis || apis.isLoaded())) return { name, view };
  return Promise.all([loadCode(name), needsApis ? apis.load() : undefined]).then(([mod]) => ({ name, view: mod.default }));
}
