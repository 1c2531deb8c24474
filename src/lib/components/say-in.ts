/**
 * Says `words` once, in a live region put at the end of `container` for them and filled a moment
 * after (a region drawn already filled is not said: say-later.ts), for what happens with no element
 * of its own to carry it: a refused Save with the focus on its field already, a read that loaded by
 * itself. The region goes at `until` (an event on `container`), else after `forMs`, or when the
 * function returned is called: not left to be read later as if still so. Loaded with the store
 * screens (say-later.ts is the first visit's).
 */
export function sayIn(container: HTMLElement, words: string, until = '', forMs = 10_000): () => void {
  container.querySelector(':scope > [data-said]')?.remove();
  const region = container.appendChild(document.createElement('p'));
  region.className = 'visually-hidden';
  region.setAttribute('role', 'status');
  region.dataset.said = '';
  setTimeout(() => (region.textContent = words), 100);
  if (until) container.addEventListener(until, () => region.remove(), { once: true });
  setTimeout(() => region.remove(), forMs);
  return () => region.remove();
}
