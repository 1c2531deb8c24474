import { browserOffline } from '../shared/offline.ts';
import { newerVersion } from './reload-retry.svelte.ts';

/**
 * A newer version of the app deployed while this page is open. Its index.html names other hashed
 * chunks (assets/, immutable), and the host usually deletes the old ones: a part this page loads
 * later (a screen, the editor, a credentials form, a platform's code) then answers 404, and no Try
 * again can bring it, only a reload. Told apart from a dropped connection by asking the host for
 * its index.html at each part that did not download (Vite's `vite:preloadError`, which every lazy
 * import() of the build passes through): it answers, and names another entry script than this page
 * runs, or not (no answer: the connection's, as PartUnavailable says by itself).
 *
 * Once found, PartUnavailable says so, with Reload (reload-retry.svelte.ts `newerVersion`, in the
 * first load, written here); so do explain()'s words and the credentials forms; a missing screen
 * may come by itself (missing-screen.svelte.ts). Said only while the browser is online.
 *
 * Not in the first load (npm run size): started by the first screens that load (the stores list,
 * a store not connected, the store bar of every store screen), before any part can go missing.
 */

/** The words, here rather than in messages.ts, which would then load with the stores list (vite.config.ts). */
const TITLE = 'A newer version of this app is out';
/** What a reload gets, and what it keeps (the sessions and product drafts in IndexedDB; not typed text; nothing where storage is the tab's memory). */
function detail(persistent: boolean): string {
  return `This part of it needs the new one. Reload to get it: ${
    persistent
      ? 'your store connections and unsaved product edits are kept, other text typed on this page is not.'
      : 'this browser keeps nothing of this visit, so the reload signs you out of your stores and empties this page.'
  }`;
}

/** The entry script the host's index.html names now, once it is not this page's; null until then. */
let newer: string | null = null;
let asking: Promise<string | null> | null = null;
let watching = false;

/** The module script an index.html starts the app with (`./assets/index-<hash>.js`). */
function entryOf(html: string): string | undefined {
  return /<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/.exec(html)?.[1];
}

/** Asks the app's host for its index.html (not from any cache): the entry it names, where another than this page's. */
async function ask(): Promise<string | null> {
  const mine = document.querySelector('script[type="module"][src]')?.getAttribute('src');
  if (!mine) return null;
  try {
    const answer = await fetch(location.href.split('#')[0] ?? '', { cache: 'no-store' });
    if (!answer.ok || !answer.headers.get('content-type')?.includes('html')) return newer;
    const named = entryOf(await answer.text());
    if (named && named !== mine) newer = named;
  } catch {
    // no answer: the connection's, said as such
  }
  return newer;
}

/** The entry script of the newer version deployed, once known (one question at a time). */
export function newerDeployed(): Promise<string | null> {
  if (newer) return Promise.resolve(newer);
  return (asking ??= ask().finally(() => (asking = null)));
}

/** The newer version's entry, if one was found; null if none is known (yet). */
export function newerKnown(): string | null {
  return newer;
}

/** Whether the reload keeps what is saved (false: storage is the tab's memory); set by watchForNewerVersion. */
let persistentNow: () => boolean = () => true;

/** PartUnavailable's words (reload-retry.svelte.ts `newerVersion`), as what is known now says. */
function say(): void {
  const words = newer && !browserOffline() ? detail(persistentNow()) : undefined;
  if (words === newerVersion[2]) return;
  newerVersion.length = 0;
  if (words) newerVersion.push(`${TITLE}. ${words}`, TITLE, words);
}

/** Asks the host whether a newer version is out (a part's code did not download), and says so if it is. */
export function checkForNewerVersion(): void {
  void newerDeployed().then(say);
}

/**
 * From now on, a part whose code did not download has the host asked whether a newer version is out,
 * and PartUnavailable's words follow (online only; `persistent` false: the reload keeps nothing).
 */
export function watchForNewerVersion(persistent: () => boolean): void {
  if (watching) return;
  watching = true;
  persistentNow = persistent;
  addEventListener('vite:preloadError', checkForNewerVersion);
  addEventListener('online', say);
  addEventListener('offline', say);
  // A part missing already, before this code came (a screen asked for with the start's code): asked now.
  if (document.querySelector('.unavailable')) checkForNewerVersion();
}
