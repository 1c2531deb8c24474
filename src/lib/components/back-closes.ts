/**
 * A credentials form opened over the stores list (Connect on a store's card) is a step the person
 * took, and Back (a phone's, the browser's) undoes it: the form takes a history entry of its own, at
 * the same address (no route of the app's router changes: its popstate finds the same entry id and
 * path, and does nothing), marked with the store's id in history.state; Back to the entry below
 * closes it (`close`, where the caller puts the focus back on its Connect). Nothing typed goes in the
 * entry or anywhere else: closed, the form and what was typed are gone, as with Cancel.
 *
 * Closed another way (Cancel, or connected) while its entry is the one shown, the entry is taken
 * back (history.back), so that a later Back does not land on a "form open" entry with none open.
 * Not where the app moved on meanwhile (another address, or another form's entry on top).
 *
 * Forward after Back does not open it again: the form forgot what was typed as it closed (a secret
 * is kept nowhere it was not asked to be), and opening an empty form unasked would need code in the
 * stores list's first load. Such an entry (or one left by a reload while a form was open: a reload
 * shows the list with its forms closed) is taken over by the next form opened, not stacked on.
 *
 * The form of a deployment of one store, shown at once without a Connect, takes no entry: it is that
 * screen itself, not a step taken on it, and Back leaves the app there as from any first screen (an
 * entry pushed unasked would make the first Back do nothing).
 */

/** The key of history.state that names the store whose form the entry is for. */
const FORM = 'connectForm';
/** The stores whose forms are open with an entry of their own, in this page. */
const open = new Set<string>();

function formOfEntry(): unknown {
  return (history.state as Record<string, unknown> | null)?.[FORM];
}

/** An attachment for the form's element: the entry taken while it is in the page, given back after. */
export function backCloses(storeId: string, close: () => void): () => () => void {
  return () => {
    const shown = formOfEntry();
    const state = { ...(history.state as object | null), [FORM]: storeId };
    // a form's entry with no form open (Forward after Back, a reload): this form's now
    if (typeof shown === 'string' && !open.has(shown)) history.replaceState(state, '');
    else history.pushState(state, '');
    open.add(storeId);
    const href = location.href;
    const onPop = () => {
      if (formOfEntry() !== storeId) close();
    };
    addEventListener('popstate', onPop);
    return () => {
      removeEventListener('popstate', onPop);
      open.delete(storeId);
      if (formOfEntry() === storeId && location.href === href) history.back();
    };
  };
}
