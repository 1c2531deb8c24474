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

/** The screen's heading (one h1 a screen), focusable from script (tabindex="-1") where a retry can land on it. */
export function screenHeading(): HTMLElement | null {
  return document.querySelector<HTMLElement>('#main h1');
}

/**
 * A retry whose control goes away while it runs (its screen shows the loading state in its place):
 * once it is over, the focus lost with the control goes to the new error's retry button where it
 * failed again, else to `landing`, what it loaded (a product's heading, the first new card). Focus
 * the person has put somewhere meanwhile stays there; a control still on the page keeps it.
 */
export async function retryKeepingFocus(control: HTMLElement, retry: () => unknown, landing?: () => HTMLElement | null | undefined): Promise<void> {
  await retry();
  await tick();
  const active = document.activeElement;
  if (control.isConnected || (active !== null && active !== document.body)) return;
  (document.querySelector<HTMLElement>('#main [data-retry]') ?? landing?.())?.focus();
}
