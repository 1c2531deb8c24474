import { getContext, setContext } from 'svelte';
import { captureRedirect } from '../oauth/callback.ts';
import { formatRoute, parseRoute, type Route } from './routes.ts';

const KEY = Symbol('router');

/** The current route, read from and written to `location.hash` (`#/...`). */
export class Router {
  #route = $state<Route>({ name: 'home' });

  constructor() {
    this.#route = parseRoute(Router.#currentPath());
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
      this.#route = parseRoute(Router.#currentPath());
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
    this.#route = parseRoute(path);
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
