import { untrack } from 'svelte';
import { browserOffline, reloadUnlessOffline } from '../shared/offline.ts';
import { byItself, newerVersion } from './reload-retry.svelte.ts';
import { checkForNewerVersion, newerKnown, watchForNewerVersion } from './new-version.ts';
import { typedOnPage } from './typed-on-page.ts';

/** A screen whose code did not download: Shell's PartUnavailable, in the screen's place (main's first child). */
const MISSING_SCREEN = '#main > .unavailable';
/** What the missing screen says will happen once the browser is back online, where it comes by itself (PartUnavailable's words). */
const COMES_BY_ITSELF = 'this screen loads by itself once it is back online.';
/** How long to wait before each look at whether the app's host answers: at once, then 1, 2, 4, 8 s. */
const PROBE_DELAYS_MS = [0, 1000, 2000, 4000, 8000];

/** The key of history.state that holds the version this entry was loaded into by itself (it outlives a reload). */
const LOADED_KEY = 'newerVersionLoaded';

/**
 * Whether this page's history entry (its address) has not been reloaded by itself into `version`
 * yet; remembered if not, in the entry's own state, which a reload keeps (sessionStorage is the
 * pending sign-ins' alone: layering.test.ts). Never twice: a host whose pages and files disagree (a
 * CDN's stale copy of index.html) would otherwise reload again and again.
 */
function firstLoadOf(version: string): boolean {
  const state: unknown = history.state;
  const kept = typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : {};
  if (kept[LOADED_KEY] === version) return false;
  history.replaceState({ ...kept, [LOADED_KEY]: version }, '');
  return true;
}

/** Whether the app's own host answers: the page's address (the CSP's connect-src 'self' allows it, as for config.json). */
async function hostAnswers(): Promise<boolean> {
  try {
    return (await fetch(location.href.split('#')[0] ?? '', { method: 'HEAD', cache: 'no-store' })).ok;
  } catch {
    return false;
  }
}

/**
 * A store's screen whose code did not download while the browser was offline (a product opened as
 * the link dropped) comes by itself once the browser is back online, as its read would: the page
 * reloads at the same address, which is what its Try again does (Chromium keeps a failed import()
 * for the page's life, so nothing less brings it). Unsaved product edits are in IndexedDB
 * (ProductDraft) and come back with the editor. Not where a reload would lose something: storage
 * held in memory (`persistent` false: the sign-in and the drafts go with the page) or text typed in
 * a field still on the page; PartUnavailable's Try again is then the person's. `online` says nothing
 * of reaching a server, and a reload that fails puts the browser's error page in the app's place:
 * the app's host is asked first, a few times, before the reload.
 *
 * The same where the screen's code is gone because a newer version of the app was deployed since
 * the page loaded (new-version.ts): a full load of the same address brings the new version and the
 * screen with it, at once, once per address and version (firstLoadOf); otherwise the missing
 * screen says so, with Reload.
 *
 * While it would, the missing screen says so (it said "try again once it is back online", as a
 * part whose Try again is the person's does), through reload-retry.svelte.ts byItself.
 *
 * Made by the store bar (StoreBar.svelte), which is on every store screen, outside the screen, with
 * its code in before the next screen's is asked for: not in the first load (npm run size), whose
 * PartUnavailable and Shell it leaves as they are, but for that one hook.
 */
export class MissingScreenReload {
  constructor(persistent: () => boolean) {
    watchForNewerVersion(persistent);
    /** Whether the screen is missing and a reload would lose nothing. */
    const comesByItself = () => persistent() && document.querySelector(MISSING_SCREEN) !== null && !typedOnPage();
    $effect(() => {
      // A newer version known (online): the missing screen's code comes with it, at its first showing.
      if (!newerVersion[0]) return;
      // Not while the host does not answer (the link down, the browser still online): the reload would
      // put the browser's error page in the app's place, as the online path below asks first too. The
      // newer version may have been found long before (a part fetched ahead, as the link still held).
      let live = true;
      const mayLoad = () => live && !browserOffline() && comesByItself();
      const load = async () => {
        const version = newerKnown();
        if (version && mayLoad() && (await hostAnswers()) && mayLoad() && firstLoadOf(version)) location.reload();
      };
      void load();
      const main = document.getElementById('main');
      const missing = new MutationObserver(() => void load());
      if (main) missing.observe(main, { childList: true });
      return () => {
        live = false;
        missing.disconnect();
      };
    });
    $effect(() => {
      // Said from the moment the screen is missing (main's children change), and not once text is typed on the page.
      const say = () => {
        const says = comesByItself();
        untrack(() => {
          if (says === (byItself[0] === COMES_BY_ITSELF)) return;
          byItself.length = 0;
          if (says) byItself.push(COMES_BY_ITSELF);
        });
      };
      const seen = () => {
        say();
        // Is its code gone for good (a newer version deployed)? Asked here too: the screen's failure
        // may have come before this code did (the start asks for a screen's code early).
        if (document.querySelector(MISSING_SCREEN)) checkForNewerVersion();
      };
      seen();
      const main = document.getElementById('main');
      const missing = new MutationObserver(seen);
      if (main) missing.observe(main, { childList: true });
      addEventListener('input', say);
      return () => {
        missing.disconnect();
        removeEventListener('input', say);
        if (byItself[0] === COMES_BY_ITSELF) byItself.length = 0;
      };
    });
    $effect(() => {
      let round = 0;
      const mayReload = () => !browserOffline() && comesByItself();
      const online = async () => {
        const mine = ++round;
        for (const delay of PROBE_DELAYS_MS) {
          if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
          if (mine !== round || !mayReload()) return;
          if (await hostAnswers()) {
            if (mine === round && mayReload()) reloadUnlessOffline();
            return;
          }
        }
      };
      const offline = () => void round++;
      addEventListener('online', online);
      addEventListener('offline', offline);
      return () => {
        round++;
        removeEventListener('online', online);
        removeEventListener('offline', offline);
      };
    });
  }
}
