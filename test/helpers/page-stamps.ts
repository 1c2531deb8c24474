/**
 * When a page did something, stamped by the page itself (`Date.now()` in the page, the moment it
 * happened), for tests that bound how soon a tab reacts. The test process's own clock, read when
 * Playwright reports an element or an event, is no measure of that: on a busy machine the report
 * comes hundreds of ms late although the page reacted in time.
 *
 * The page's `Date.now()` is the machine's wall clock, the same in every tab (and the clock of
 * Playwright's `request.timing().startTime`), so stamps of two tabs compare. Under `page.clock` it
 * is the page's own fake clock instead: it runs at the real pace, but each tab's is its own (each
 * loses the time its fast-forwards took), so compare stamps of one tab only.
 */
import type { Page } from 'playwright-core';

/** What to watch for: an element matching `selector` whose trimmed text is `text`, or starts with `startsWith`. */
export interface Shown {
  selector: string;
  text?: string;
  startsWith?: string;
}

interface StampedWindow {
  __stamps?: Record<string, number>;
}

function watch([key, { selector, text, startsWith }, gone]: [string, Shown, boolean]): boolean {
  const stamps = ((window as StampedWindow).__stamps ??= {});
  const matches = (found: string) => (text === undefined || found === text) && (startsWith === undefined || found.startsWith(startsWith));
  const done = () => [...document.querySelectorAll(selector)].some((el) => matches(el.textContent?.trim() ?? '')) !== gone;
  if (done()) return true;
  const observer = new MutationObserver(() => {
    if (stamps[key] !== undefined || !done()) return;
    stamps[key] = Date.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  return false;
}

/**
 * Stamps `key` when `shown` first appears in the page's document (with `gone`, when it is first no
 * longer there); with `andNextDocuments`, in each document the page loads after this one too (a tab
 * that goes through a consent page and back). Throws when that is so already: a stamp taken before
 * the event would prove nothing.
 */
export async function watchShown(page: Page, key: string, shown: Shown, { andNextDocuments = false, gone = false } = {}): Promise<void> {
  const args: [string, Shown, boolean] = [key, shown, gone];
  if (andNextDocuments) await page.addInitScript(watch, args);
  if (await page.evaluate(watch, args)) throw new Error(`${key}: ${JSON.stringify(shown)} is ${gone ? 'not on the page' : 'on the page already'}`);
}

/**
 * Stamps `key` when the window hears `type` (e.g. `online`); a `click`, as it starts (capture), before
 * the page's own handlers of it run.
 */
export async function watchWindowEvent(page: Page, key: string, type: string): Promise<void> {
  await page.evaluate(([key, type]) => {
    const stamps = ((window as StampedWindow).__stamps ??= {});
    addEventListener(type, () => (stamps[key] ??= Date.now()), { once: true, capture: true });
  }, [key, type] as const);
}

/** Stamps `key` when a message whose fields include `fields` arrives on the BroadcastChannel `name`. */
export async function watchChannel(page: Page, key: string, name: string, fields: Record<string, string>): Promise<void> {
  await page.evaluate(([key, name, fields]) => {
    const stamps = ((window as StampedWindow).__stamps ??= {});
    new BroadcastChannel(name).addEventListener('message', ({ data }: MessageEvent) => {
      if (typeof data === 'object' && data !== null && Object.entries(fields).every(([k, v]) => (data as Record<string, unknown>)[k] === v)) stamps[key] ??= Date.now();
    });
  }, [key, name, fields] as const);
}

/** The page's stamp for `key`, waiting for it (the page's current document). */
export async function stampOf(page: Page, key: string): Promise<number> {
  const handle = await page.waitForFunction((key) => (window as StampedWindow).__stamps?.[key], key, { timeout: 15_000 });
  return (await handle.jsonValue()) as number;
}
