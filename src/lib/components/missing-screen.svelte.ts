import { untrack } from 'svelte';
import { browserOffline, reloadUnlessOffline } from '../shared/offline.ts';
import { byItself } from './reload-retry.svelte.ts';

/** A screen whose code did not download: Shell's PartUnavailable, in the screen's place (main's first child). */
const MISSING_SCREEN = '#main > .unavailable';
/** What the missing screen says will happen once the browser is back online, where it comes by itself (PartUnavailable's words). */
const COMES_BY_ITSELF = 'this screen loads by itself once it is back online.';
/** How long to wait before each look at whether the app's host answers: at once, then 1, 2, 4, 8 s. */
const PROBE_DELAYS_MS = [0, 1000, 2000, 4000, 8000];

/** Text typed in a field still on the page (a key in the reconnect banner's form), which a reload would lose. */
function typedOnPage(): boolean {
  return [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].some(
    (field) => !['checkbox', 'radio', 'hidden', 'button', 'submit'].includes(field.type) && field.value !== '',
  );
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
 * While it would, the missing screen says so (it said "try again once it is back online", as a
 * part whose Try again is the person's does), through reload-retry.svelte.ts byItself.
 *
 * Made by the store bar (StoreBar.svelte), which is on every store screen, outside the screen, with
 * its code in before the next screen's is asked for: not in the first load (npm run size), whose
 * PartUnavailable and Shell it leaves as they are, but for that one hook.
 */
export class MissingScreenReload {
  constructor(persistent: () => boolean) {
    /** Whether the screen is missing and a reload would lose nothing. */
    const comesByItself = () => persistent() && document.querySelector(MISSING_SCREEN) !== null && !typedOnPage();
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
      say();
      const main = document.getElementById('main');
      const missing = new MutationObserver(say);
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
