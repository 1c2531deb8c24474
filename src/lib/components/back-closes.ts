/**
 * A credentials form opened over the stores list (Connect on a store's card) is a step the person
 * took, and Back (a phone's, the browser's) undoes it: each form open takes a history entry of its
 * own, at the same address (no route of the app's router changes: its popstate finds the same entry
 * id and path, and does nothing). The entries are counted, not named: history.state's `connectForm`
 * is how many forms are open there (1 for the first opened, 2 above it for a second), and the forms
 * are kept in the order they opened. Back to an entry closes the forms above its count, the last
 * opened first (`close`, where the caller puts the focus back on its Connect). Nothing typed goes in
 * the entry or anywhere else: closed, the form and what was typed are gone, as with Cancel.
 *
 * Closed another way (Cancel, or connected) while the top entry is the one shown, one entry is taken
 * back (history.back): the entries below still count the forms left open, whichever of them was
 * closed (Cancel on the lower of two forms left the upper one's entry on top, and a Back that closed
 * nothing). Not where the app moved on meanwhile (another address).
 *
 * Forward after Back does not open it again: the form forgot what was typed as it closed (a secret
 * is kept nowhere it was not asked to be), and opening an empty form unasked would need more code in
 * the stores list's first load. Such an entry, counting more forms than are open, is gone back from
 * at once: Back from it would change nothing. One left by a reload while a form was open (a reload
 * shows the list with its forms closed) is gone back from as the page loads (the Router's
 * constructor).
 *
 * The entry is the card's (HomeView), taken at the press of Connect, not by the form once its code
 * has come: on a slow link that takes seconds, and a Back meanwhile left the app. Back then closes
 * the form still loading (its code, come after, draws nothing). This module is in the stores list's
 * first load for it (npm run size).
 *
 * The form of a deployment of one store, shown at once without a Connect, takes no entry: it is that
 * screen itself, not a step taken on it, and Back leaves the app there as from any first screen (an
 * entry pushed unasked would make the first Back do nothing).
 */

/** The forms open with an entry each, in the order they opened: what closes each. */
const open: (() => void)[] = [];

/** How many forms the entry shown counts (none: the list's own entry, or another screen's). */
const formsOfEntry = (): number => (history.state as { connectForm?: number } | null)?.connectForm! | 0;

/** Back (or Forward) came to an entry: the forms above its count close; one counting more than are open is gone back from. */
function onPop(): void {
  const count = formsOfEntry();
  if (count > open.length) history.go(open.length - count);
  while (open.length > count) open.pop()!();
}

/**
 * An attachment for the element the form is drawn in: the entry taken while it is in the page, given
 * back after. The stores list's (HomeView), put there at the press of Connect, before the form's code
 * has come: on a slow link that takes seconds, and a Back meanwhile left the app (no entry yet).
 */
export const backCloses = (close: () => void) => (): (() => void) => {
  addEventListener('popstate', onPop); // once: the same listener again is no second one
  history.pushState({ ...(history.state as object | null), connectForm: open.push(close) }, '');
  const href = location.href;
  return () => {
    const at = open.indexOf(close);
    if (at < 0) return; // closed by Back: its entry is behind already
    open.splice(at, 1);
    if (formsOfEntry() === open.length + 1 && location.href === href) history.back();
  };
};
