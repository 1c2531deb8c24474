import { tick } from 'svelte';

/**
 * Where the keyboard focus goes when what held it goes away (a credentials form that connected its
 * store): back to `previous` where it is still on the page, or to the element drawn in its place
 * (the same id: a screen drawn again once the store was connected again), else to the page's main
 * region (Shell's <main id="main" tabindex="-1">); without scrolling, so the person carries on from
 * where they were.
 */
export async function focusBackTo(previous: Element | null): Promise<void> {
  await tick(); // the screens the connection changes are drawn first
  const again = previous && !previous.isConnected && previous.id ? document.getElementById(previous.id) : previous;
  const target = again instanceof HTMLElement && again.isConnected && again !== document.body ? again : document.getElementById('main');
  target?.focus({ preventScroll: true });
}
