/**
 * Finishes the callback main.ts captured (and scrubbed) at start, loaded only when there is one:
 * a storefront-only embed token, a seam store's redirect (FlickRocket: `companyid`, maybe no
 * `state`), or Goodsie's sign-in through the AuthService. Says where to go and what to explain.
 */
import type { AuthPort } from '../auth/auth-port.ts';
import type { AppConfig } from '../config/types.ts';
import { runsOnSeam } from '../connect/store-config.ts';
import { completeEmbedSignIn } from '../embed/embed-tokens.ts';
import type { CapturedRedirect } from '../oauth/callback.ts';
import { AppError } from '../oauth/errors.ts';
import { OAuthRedirectError } from '../oauth/http-errors.ts';
import { catalogRoute, type Route } from './routes.ts';
import type { Session } from './session.svelte.ts';
import { noteReturnedTo } from './open-on-return.ts';
import { noteGranted, noteRefusedMore, noteWithheld, type Refusal } from './withheld.svelte.ts';
import { grantedScopes } from './store-capabilities.ts';

export type SignInOutcome = { path: string; error: null } | { route: Route; error: unknown };

/**
 * The store granted less than the sign-in asked for (the person unticked a scope on its consent page,
 * or the store does not give it to this app): a calm note says so, as for more access declined, and
 * the locks of what stays locked say the store did not grant it, instead of asking as if never asked.
 */
function grantedLess(session: Session, storeId: string, asked: readonly string[], returnTo: string): void {
  noteGranted(storeId, asked, grantedScopes(session, storeId), returnTo);
  if (noteWithheld(storeId, asked, grantedScopes(session, storeId))) session.noteDeclinedMore(storeId);
}

/** The app's own refusals of an answer that was ours ({@link Refusal}). */
const REFUSED_HERE: Partial<Record<string, Refusal>> = { OAUTH_STATE_EXPIRED: 'expired', OAUTH_STATE_REUSED: 'used', OAUTH_MIX_UP: 'changed' };

/** How more access was refused: Deny, the store's error answer, a token request that did not get through, or the app's own refusal. */
function refusal(error: AppError): Refusal {
  if (error.code === 'OAUTH_ACCESS_DENIED') return 'declined';
  if (error instanceof OAuthRedirectError) return 'error';
  return REFUSED_HERE[error.code] ?? (error.code === 'OAUTH_NETWORK_ERROR' ? 'unreachable' : 'failed');
}

export async function finishSignIn(captured: CapturedRedirect, deps: { config: AppConfig; auth: AuthPort; session: Session }): Promise<SignInOutcome> {
  const outcome = await finish(captured, deps);
  // A Reconnect started with a form open: the page opens it again (open-on-return.ts).
  if ('path' in outcome) outcome.path = noteReturnedTo(outcome.path);
  return outcome;
}

async function finish(captured: CapturedRedirect, deps: { config: AppConfig; auth: AuthPort; session: Session }): Promise<SignInOutcome> {
  const { config, auth, session } = deps;
  try {
    // A separate storefront-only token for an embed snippet comes back through the same page.
    const embed = await completeEmbedSignIn(captured, { config, navigate: (url) => window.location.assign(url) });
    if (embed) return { path: embed.returnTo, error: null };
    // Only a config with seam stores loads the seam; its claims() leaves Goodsie's callbacks alone.
    const seam = session.config.stores.some((s) => runsOnSeam(s.kind)) ? await (await session.seam()).completeRedirect(captured, window.location.href) : null;
    if (seam) {
      session.link(seam.credential);
      grantedLess(session, seam.credential.storeId, seam.asked, seam.returnTo);
      return { path: seam.returnTo, error: null };
    }
    const result = await auth.completeSignIn(captured);
    session.accept(result.session);
    grantedLess(session, result.storeId, result.asked, result.returnTo);
    return { path: result.returnTo, error: null };
  } catch (error) {
    const code = (error as { code?: string } | null)?.code;
    // More access asked for a store that is connected, and declined, answered with an error
    // (invalid_scope, server_error...), or its token request failed after consent (unreachable, a
    // 5xx, invalid_grant), or its answer came too late, a second time, or for a store configured
    // differently since: back to the page that asked, where what stays locked says so, with a calm
    // note that the connection is as it was; not to the stores list, the place lost. Only a sign-in
    // this browser started carries its page (returnTo, kept in its used or expired marker): a forged
    // answer, or one from the wrong server (iss), never does.
    if (error instanceof AppError && error.storeId && error.returnTo && session.isConnected(error.storeId)) {
      noteRefusedMore(error.storeId, refusal(error));
      session.noteDeclinedMore(error.storeId);
      return { path: error.returnTo, error: null };
    }
    // A state this browser never issued: refused, and said in the console for whoever looks after the
    // deployment (security case 2). Nothing of the response is in the line.
    if (code === 'OAUTH_STATE_MISMATCH') console.warn('Storefront Connect refused a sign-in response with a state this browser did not issue: a possible cross-site request forgery.');
    // Back to the store's consent page after signing in, and Allow again: the answer to a
    // sign-in already completed. Already connected, so nothing went wrong: go on quietly.
    const connected = session.connectedStores;
    const replay = code === 'OAUTH_STATE_REUSED' && connected.length > 0;
    return { route: replay && connected.length === 1 ? catalogRoute(connected[0]!.id) : { name: 'home' }, error: replay ? null : error };
  }
}
