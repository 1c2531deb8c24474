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
 * is kept nowhere it was not asked to be), and opening an empty form unasked would need code in the
 * stores list's first load. Such an entry, counting more forms than are open, is gone back from at
 * once: Back from it would change nothing. One left by a reload while a form was open (a reload
 * shows the list with its forms closed) is gone back from as the page loads (the Router's
 * constructor), before this code is; one the next form meets all the same is taken over by it.
 *
 * The form of a deployment of one store, shown at once without a Connect, takes no entry: it is that
 * screen itself, not a step taken on it, and Back leaves the app there as from any first screen (an
 * entry pushed unasked would make the first Back do nothing).
 */

/** The key of history.state that counts the forms open at the entry (the Router reads it at a load too). */
const FORM = 'connectForm';
/** The forms open with an entry each, in the order they opened, and what closes each. */
const open: { close: () => void }[] = [];

/** How many forms the entry shown counts (none: the list's own entry, or another screen's). */
function formsOfEntry(): number {
  const count = (history.state as Record<string, unknown> | null)?.[FORM];
  return typeof count === 'number' ? count : 0;
}

function countEntry(count: number, push: boolean): void {
  const state = { ...(history.state as object | null), [FORM]: count };
  if (push) history.pushState(state, '');
  else history.replaceState(state, '');
}

/** Back (or Forward) came to an entry: the forms above its count close; one counting more than are open is gone back from. */
function onPop(): void {
  const count = formsOfEntry();
  if (count > open.length) history.go(open.length - count);
  for (const form of open.splice(count).reverse()) form.close();
}

let listening = false;

/** An attachment for the form's element: the entry taken while it is in the page, given back after. */
export function backCloses(close: () => void): () => () => void {
  return () => {
    if (!listening) addEventListener('popstate', onPop);
    listening = true;
    const form = { close };
    // an entry counting forms no longer open (a reload's, Forward's): this form's now
    countEntry(open.length + 1, formsOfEntry() <= open.length);
    open.push(form);
    const href = location.href;
    return () => {
      const at = open.indexOf(form);
      if (at < 0) return; // closed by Back: its entry is behind already
      open.splice(at, 1);
      if (formsOfEntry() === open.length + 1 && location.href === href) history.back();
    };
  };
}
