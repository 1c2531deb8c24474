import { tick } from 'svelte';

/**
 * (Its own module, loaded with the locked panels that use it: focus.ts is in the first load.)
 *
 * The focus for what a finished action brought, where that is drawn later (a store connected again
 * in place draws its screen afresh, the panel that held the focus gone with the old one): once
 * `find` gives an element on the page that takes the focus, it gets it. Bounded: it gives up after
 * `within` ms, or as soon as the person has put the focus somewhere themselves. `options`: the
 * focus's own (preventScroll, where the screen is shown from its top).
 */
export function focusWhenDrawn(find: () => HTMLElement | null | undefined, within = 10_000, options?: FocusOptions): Promise<void> {
  return new Promise((resolve) => {
    let observer: MutationObserver | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = (): void => (observer?.disconnect(), clearTimeout(timer), resolve());
    const attempt = (): void => {
      const active = document.activeElement;
      if (active !== null && active !== document.body && active.isConnected) return done();
      const target = find();
      if (target?.isConnected) target.focus(options);
      if (target && document.activeElement === target) done();
    };
    observer = new MutationObserver(attempt);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    timer = setTimeout(done, within);
    void tick().then(attempt);
  });
}
