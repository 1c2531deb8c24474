import { getContext, setContext } from 'svelte';
import { captureRedirect } from '../oauth/callback.ts';
import { catalogRoute, formatRoute, parseRoute, type Route } from './routes.ts';

const KEY = Symbol('router');

/** The current route, read from and written to `location.hash` (`#/...`). */
export class Router {
  #route = $state<Route>({ name: 'home' });
  /** The last catalogue (search, category, sort) seen per store, for "Back to the catalogue". */
  #lastCatalog = new Map<string, Route>();

  constructor() {
    this.#set(parseRoute(Router.#currentPath()));
  }

  #set(route: Route): void {
    this.#route = route;
    if (route.name === 'catalog') this.#lastCatalog.set(route.storeId, route);
  }

  /** The store's catalogue as the person last left it (its search and filters), or its start. */
  catalogFor(storeId: string): Route {
    return this.#lastCatalog.get(storeId) ?? catalogRoute(storeId);
  }

  get current(): Route {
    return this.#route;
  }

  /** The current internal path (what a sign-in returns to). */
  get path(): string {
    return formatRoute(this.#route);
  }

  /** Starts following back/forward; returns the function that stops it. */
  listen(): () => void {
    const onChange = () => {
      // An authorization response can only be handled by a fresh start (main.ts scrubs it first).
      if (captureRedirect(location.href)) {
        location.reload();
        return;
      }
      this.#set(parseRoute(Router.#currentPath()));
    };
    window.addEventListener('hashchange', onChange);
    window.addEventListener('popstate', onChange);
    return () => {
      window.removeEventListener('hashchange', onChange);
      window.removeEventListener('popstate', onChange);
    };
  }

  go(route: Route, options: { replace?: boolean } = {}): void {
    const path = formatRoute(route);
    if (path === this.path && !options.replace) return;
    const url = `${location.pathname}${location.search}#${path}`;
    if (options.replace) history.replaceState(history.state, '', url);
    else history.pushState(history.state, '', url);
    this.#set(parseRoute(path));
  }

  goPath(path: string, options: { replace?: boolean } = {}): void {
    this.go(parseRoute(path), options);
  }

  static #currentPath(): string {
    const hash = location.hash.slice(1);
    return hash.startsWith('/') ? hash : '/';
  }

  static install(router: Router): Router {
    return setContext(KEY, router);
  }

  static get(): Router {
    return getContext<Router>(KEY);
  }
}
