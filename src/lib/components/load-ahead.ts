/**
 * A Svelte action for the end of a list: calls `onNear` when the node comes within `margin` below
 * the viewport, to load the next page before the person reaches the end. The default, two viewport
 * heights, is more than a page of cards on a wide screen (4 rows, about 1,300 px at 1280 px), so a
 * person waiting at the bottom gets the page after next without having to scroll again.
 *
 * An IntersectionObserver reports only changes, so a node that stays near the end after a page
 * lands (a short page, a tall screen, a fast scroll) would never be reported again and the scroll
 * would stall (issue 15: infinite scroll stopped at about 120 products). The node is observed
 * afresh whenever `loaded` is a new array (every page, even one that added nothing), which makes
 * the observer report where it is now. Observing starts after the first paint, so the next page is
 * not asked for before the first has been painted. Without IntersectionObserver nothing happens:
 * the list's Load more button does the work.
 */
export interface LoadAhead {
  /** The items loaded so far; a new array after each page. */
  loaded: readonly unknown[];
  onNear: () => void;
  /** How far below the viewport "near" begins (a CSS length or % of the viewport). Default 200%. */
  margin?: string;
}

export function loadAhead(node: HTMLElement, options: LoadAhead) {
  if (typeof IntersectionObserver !== 'function') return {};
  let current = options;
  // Made in the frame, not while the list is drawn: creating an observer took a few milliseconds
  // of a search's swap (CPU profile), and it has nothing to do before the first paint.
  let observer: IntersectionObserver | null = null;
  const frame = requestAnimationFrame(() => {
    observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) current.onNear();
      },
      { rootMargin: `0px 0px ${options.margin ?? '200%'} 0px` },
    );
    observer.observe(node);
  });
  return {
    update(next: LoadAhead) {
      const fresh = next.loaded !== current.loaded;
      current = next;
      // At once, not a frame later: the observer answers at the next rendering, after this page's.
      if (!fresh || !observer) return;
      observer.unobserve(node);
      observer.observe(node);
    },
    destroy() {
      cancelAnimationFrame(frame);
      observer?.disconnect();
    },
  };
}
