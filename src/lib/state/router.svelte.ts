import { getContext, setContext } from 'svelte';
import { captureRedirect } from '../oauth/callback.ts';
import { formatRoute, parseRoute, type Route } from './routes.ts';

const KEY = Symbol('router');
/** How many history entries keep what their views remembered (the newest; older ones start over). */
const REMEMBERED_ENTRIES = 12;
/** Tells this page load's history entries from those of an earlier load of the same tab. */
const LOAD = Math.random().toString(36).slice(2, 8);
let entries = 0;

/** The current route, read from and written to `location.hash` (`#/...`). */
export class Router {
  #route = $state<Route>({ name: 'home' });
  /** The current history entry's id, kept in history.state so Back and Forward find it again. */
  #entry = '';
  /** What views remembered per history entry, for this visit only (a reload starts over; entry-state.ts keeps what must survive one). */
  #memory = new Map<string, unknown>();

  constructor() {
    // A page loaded on the history entries of credentials forms (a reload while they were open:
    // back-closes.ts counts them in connectForm) shows the stores list with none open, and Back from
    // each would change nothing: gone back below them, to the list's own entry, the same address.
    const forms = (history.state as { connectForm?: number } | null)?.connectForm;
    if (forms) history.go(-forms);
    this.#syncEntry();
    this.#set(parseRoute(Router.#currentPath()));
  }

  /** Reads the entry's id, giving one to an entry that has none (a link or the first load made it). */
  #syncEntry(): void {
    const state: unknown = history.state;
    const entry = (state as { entry?: unknown } | null)?.entry;
    if (typeof entry === 'string') this.#entry = entry;
    else history.replaceState({ ...(state as object | null), entry: (this.#entry = `${LOAD}-${++entries}`) }, '');
  }

  /** The id of the history entry being shown, for {@link remember} and {@link recall}. */
  get entry(): string {
    return this.#entry;
  }

  /** Keeps `value` in memory for history entry `entry` (too large or live for history.state). */
  remember(entry: string, value: unknown): void {
    this.#memory.delete(entry);
    this.#memory.set(entry, value);
    for (const old of this.#memory.keys()) if (this.#memory.size > REMEMBERED_ENTRIES) this.#memory.delete(old);
  }

  /** What was remembered for history entry `entry`, if it is still kept. */
  recall(entry: string): unknown {
    return this.#memory.get(entry);
  }

  #set(route: Route): void {
    this.#route = route;
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
      const before = this.#entry;
      this.#syncEntry();
      const route = parseRoute(Router.#currentPath());
      // One change of the hash brings popstate and hashchange both: the second finds the route and
      // the entry in place, and changes nothing (a second route object re-ran every screen's
      // reactions to it, and the orders screen loaded its page twice).
      if (this.#entry === before && formatRoute(route) === formatRoute(this.#route)) return;
      this.#set(route);
    };
    addEventListener('hashchange', onChange);
    addEventListener('popstate', onChange);
    return () => {
      removeEventListener('hashchange', onChange);
      removeEventListener('popstate', onChange);
    };
  }

  go(route: Route, options: { replace?: boolean } = {}): void {
    const path = formatRoute(route);
    if (path === this.path && !options.replace) return;
    const url = `${location.pathname}${location.search}#${path}`;
    if (options.replace) history.replaceState(history.state, '', url);
    else history.pushState({ entry: (this.#entry = `${LOAD}-${++entries}`) }, '', url);
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
