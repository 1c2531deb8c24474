import { tick } from 'svelte';
import { browserOffline } from '../shared/offline.ts';
import { saidOffline } from './messages.ts';

/**
 * Whether the browser has come back online since `error` showed with the offline words, where its
 * retry is the person's to press (it sends something): ErrorPanel's words then, ProductEditor's
 * kept edit. Offline again, or another error, and it is false again. Made while a component starts
 * (its listeners go with it).
 */
export class BackOnline {
  #back = $state(false);

  /** `watched` false: not followed (a retry that runs by itself once online says so itself). */
  constructor(error: () => unknown, watched: () => boolean = () => true) {
    $effect(() => {
      this.#back = false;
      if (!watched() || !saidOffline(error())) return;
      const online = () => (this.#back = true);
      const offline = () => (this.#back = false);
      addEventListener('online', online);
      addEventListener('offline', offline);
      return () => {
        removeEventListener('online', online);
        removeEventListener('offline', offline);
      };
    });
  }

  get current(): boolean {
    return this.#back;
  }
}

/**
 * The focus, on the red panel (its Try again) as the browser comes back online and `back` turns
 * true, goes to `action` (the form's button): the panel goes (BackOnlineNote says where things
 * stand), and the keyboard would drop to the page. Called while a component starts. Its own
 * listener, run before the page is drawn anew (the panel still there), rather than $effect.pre,
 * whose runtime would join the first load's exports. Here, not with BackOnlineNote: AddToCart, on
 * the product's screen, loads that only once it is back online (the screen's chunk, which the first
 * load names with what it imports, would otherwise import one more, shared with New product's form).
 */
export function focusActionBackOnline(back: BackOnline, panel: () => Element | null | undefined, action: () => HTMLElement | null | undefined): void {
  $effect(() => {
    const online = () => {
      if (panel()?.contains(document.activeElement)) void tick().then(() => back.current && action()?.focus());
    };
    addEventListener('online', online);
    return () => removeEventListener('online', online);
  });
}

/**
 * Watches a send that starts now: `neverLeft()`, asked once it has failed for no answer, says whether
 * it certainly never left this browser, so that the store cannot have it. So where the browser said it
 * was offline as the send started and did not come back online before the failure: Chromium then
 * fails the fetch before anything goes out (net::ERR_INTERNET_DISCONNECTED). Online as it started,
 * a failure with no answer leaves it unknown (unsure-add.ts outcomeUnknown): the link may have dropped with the
 * request at the store, and the browser does not tell the two apart. `end()` once it has settled. Here, with
 * what the forms say once back online (AddToCart, ProductEditor, NewProductForm import this module
 * already): in a module of its own, it was one more chunk the first load named beside the product screen's.
 */
export function watchSend(): { neverLeft: () => boolean; end: () => void } {
  if (!browserOffline()) return { neverLeft: () => false, end: () => undefined };
  let back = false;
  const online = () => (back = true);
  addEventListener('online', online);
  return { neverLeft: () => !back, end: () => removeEventListener('online', online) };
}
