import { browserOffline } from '../shared/offline.ts';
import { NEWER_VERSION_TITLE, newerVersionDetail } from './messages.ts';
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
 * Not in the first load (npm run size): started by the store bar of every store screen and by the
 * credentials forms, whose parts (a screen, the editor, a platform's connector) are what goes missing;
 * and by the stores list (HomeView), whose view is in the first load: it imports this once it is
 * drawn and the browser is idle, so that the code is in before a part of the list fails (the sign-in's
 * code, a platform's, the banners'): after a redeploy this chunk is gone with the rest. A part that
 * failed before it came (a start that could not load a part) is asked about as it arrives.
 */

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
  const words = newer && !browserOffline() ? newerVersionDetail(persistentNow()) : undefined;
  if (words === newerVersion[1]) return;
  newerVersion.length = 0;
  if (words) newerVersion.push(`${NEWER_VERSION_TITLE}. ${words}`, words);
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
