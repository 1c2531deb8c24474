/**
 * What a screen reader would be told by the live regions (role="status", role="alert", aria-live)
 * of a component test's page, over time: each text a region comes to hold once it is on the page.
 * A region put on the page with its text already in it is recorded apart (`drawnFilled`): screen
 * readers watch a region for changes only once it is there, so those words are often never said.
 */
const LIVE = '[role="status"], [role="alert"], [aria-live]:not([aria-live="off"])';

export interface LiveRecord {
  /** The texts regions changed to (trimmed, non-empty), in order. */
  said: string[];
  /** Regions inserted already holding text: their text. */
  drawnFilled: string[];
  stop(): void;
}

export function recordLiveRegions(root: Node = document.body): LiveRecord {
  const record: LiveRecord = { said: [], drawnFilled: [], stop: () => observer.disconnect() };
  const last = new WeakMap<Element, string>();
  const note = (region: Element) => {
    const text = (region.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text === (last.get(region) ?? '')) return;
    last.set(region, text);
    if (text) record.said.push(text);
  };
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const added of mutation.addedNodes) {
        if (!(added instanceof Element)) continue;
        for (const region of [...(added.matches(LIVE) ? [added] : []), ...added.querySelectorAll(LIVE)]) {
          const text = (region.textContent ?? '').replace(/\s+/g, ' ').trim();
          last.set(region, text);
          if (text) record.drawnFilled.push(text);
        }
      }
      const target = mutation.target instanceof Element ? mutation.target : mutation.target.parentElement;
      const region = target?.closest(LIVE);
      if (region && region.isConnected) note(region);
    }
  });
  for (const region of (root instanceof Element || root instanceof Document ? root : document).querySelectorAll(LIVE)) {
    last.set(region, (region.textContent ?? '').replace(/\s+/g, ' ').trim());
  }
  observer.observe(root, { subtree: true, childList: true, characterData: true });
  return record;
}
