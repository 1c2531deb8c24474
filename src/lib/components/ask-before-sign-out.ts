/**
 * Sign out, asking first where it would end a snippet the person copied (state/copied-snippet.ts),
 * discard unsaved product edits (state/product-draft.ts) or leave an add to the cart under way
 * unseen (state/cart-adds.ts), and Forget (key, token, sign-in: the mode's short name), always asking first: a store connected with pasted credentials needs them
 * pasted again to reconnect, and some (Foxy's Get Token, a Shopware integration's secret) are shown
 * only once, so a mis-tap could mean making new ones at the store. Loaded with the button's click:
 * the stores list, the first screen, carries only the import; the question's own code loads when it
 * is first asked. A redirect sign-in without such a snippet signs out at once, as it always did.
 * The words of a sign-out that takes more than a moment (SignOutProgress) are mounted here too.
 */
import { mount } from 'svelte';
import { hrefFor } from '../state/routes.ts';
import type { Session } from '../state/session.svelte.ts';
import { signingOut, whileSigningOut } from '../state/signing-out.svelte.ts';
import type { SignOutAnswer, SignOutAsked } from './SignOutQuestion.svelte';

/** What the question calls the credential it forgets: as the store bar's button and the stores list's do ("Forget key"). */
export function forgetWords(mode: NonNullable<ReturnType<Session['connectedMode']>>, refused: boolean): NonNullable<SignOutAsked['forget']> {
  const name = mode.shortName ?? 'credentials';
  return { name, credential: mode.credentialName ?? name, revokeAt: mode.revokeAt, refused };
}

/** Stores whose sign-out is being decided: a second press meanwhile neither asks again nor signs out beside it. */
const deciding = new Set<string>();

/** The question, mounted over the page once and kept (asked again for the next sign-out). */
let question: Promise<{ ask(asked: SignOutAsked): Promise<SignOutAnswer> }> | undefined;

/** SignedOutNote was told of a Forget of a credential the store had refused: each sign-out after tells it again (refused or not). */
let toldNote = false;

/** The words of a slow sign-out, mounted over the page with the first press and kept. */
let progress: Promise<unknown> | undefined;

/**
 * Runs `signOut` (the sign-out itself) at once, or asks first and runs it on "Sign out anyway";
 * pressed again while it runs, nothing more (state/signing-out.svelte.ts keeps its step meanwhile).
 * `onEmbedScreen`: the person is on the store's Embed screen, and the question offers no link to
 * it. On Cancel the browser gives the focus back to the Sign out button (a modal dialog's closing
 * does). A question whose code cannot load (offline, the site replaced since the tab
 * opened) signs out as asked, as a Sign out whose check cannot load does (HomeView, StoreBar).
 * `unsay`: the button said "Signing out…" from the press (a sign-in's Sign out does, HomeView and
 * StoreBar: on a slow link the code here takes seconds to come); told when it is to say Sign out
 * again without a sign-out: as the question opens (behind it), once it is answered Cancel, or where
 * a sign-out of the store is being decided or under way already. Signed out, `signOut` says so.
 */
export async function askBeforeSignOut(session: Session, storeId: string, signOut: () => unknown, unsay?: () => void, onEmbedScreen = false): Promise<void> {
  if (deciding.has(storeId) || signingOut[storeId]) return unsay?.();
  deciding.add(storeId);
  progress ??= import('./SignOutProgress.svelte').then(({ default: SignOutProgress }) => mount(SignOutProgress, { target: document.body, props: { session } }));
  progress.catch(() => (progress = undefined));
  let answer: SignOutAnswer = 'sign-out';
  try {
    const mode = session.connectedMode(storeId);
    // Only a sign-in's own token can be in a copied snippet: without a sign-in here (a store of pasted
    // credentials) the check is not loaded. Loaded here, not imported with this module: the stores
    // list would otherwise name the check's chunks beside this one's in its first load (0.03 KB).
    // Unsaved product edits of the store: the sign-out discards them (auth/sign-out.ts). Counted beside
    // the snippet check, not after it: one round trip of a slow link, not two. Not counted (its code
    // did not load): none said, and the question asked for what else there is.
    const counted = import('../state/product-draft.ts').then((m) => m.storeDraftCount(storeId)).catch(() => 0);
    // An add to the cart under way: the sign-out would not stop it (state/cart-adds.ts). Its module is
    // in already wherever one was pressed (AddToCart loads it with the add); not loaded, none is.
    // Under way, the question is told when it ends (SignOutQuestion says so while still asked).
    const adding = import('../state/cart-adds.ts').then((m) => (m.cartAddsUnderway(storeId) > 0 ? [m.cartAddsSettled(storeId)] : null)).catch(() => null);
    const snippet = session.sessionFor(storeId) !== undefined && (await (await import('../state/copied-snippet.ts')).signOutEndsSnippet(session, storeId));
    const drafts = await counted;
    const addingToCart = (await adding)?.[0] ?? null;
    if (mode || snippet || drafts > 0 || addingToCart) {
      question ??= import('./SignOutQuestion.svelte').then(({ default: SignOutQuestion }) => mount(SignOutQuestion, { target: document.body }));
      question.catch(() => (question = undefined));
      const asked = await question;
      unsay?.();
      answer = await asked.ask({
        storeName: session.store(storeId)?.name ?? storeId,
        forget: mode ? forgetWords(mode, session.isExpired(storeId)) : null,
        snippet,
        drafts,
        addingToCart,
        embedHref: onEmbedScreen ? null : hrefFor({ name: 'embed', storeId }),
      });
    }
  } catch {
    // the question could not load: see above
  } finally {
    deciding.delete(storeId);
  }
  if (answer !== 'sign-out') return unsay?.();
  // A Forget of a credential the store refused in this tab (the reconnect banner shows): the stores
  // list's note (SignedOutNote) says so, not "they still work elsewhere". The session's marker of it
  // (isExpired) goes with the sign-out, so it is read here and told to the note first, whose code the
  // banners fetched ahead (a failed download: the note's own words, as before).
  const refused = session.isExpired(storeId) ? session.connectedMode(storeId) : undefined;
  const telling = refused || toldNote
    ? ((toldNote = true), import('./SignedOutNote.svelte').then((m) => m.forgetting(storeId, refused ? (refused.shortName ?? 'credentials') : null), () => undefined))
    : undefined;
  // Under way: its button says so, and SignOutProgress why, if it takes a moment.
  await whileSigningOut(storeId, telling ? () => telling.then(signOut) : signOut);
}
