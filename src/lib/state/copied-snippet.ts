/**
 * Whether signing out would end a snippet the person copied: loaded with a Sign out button's click
 * (never with the first screen), asked before the sign-out.
 */
import { CopiedSnippets } from '../storage/copied-snippets.ts';
import { openStorage, type OpenedStorage } from '../storage/kv.ts';
import type { Session } from './session.svelte.ts';

export interface SnippetCheckOptions {
  /** Defaults to openStorage() (the app's IndexedDB). */
  storage?: OpenedStorage;
  now?: number;
}

/**
 * True when the store's snippet, as last taken from the Embed screen, carries a token of this
 * sign-in that has not expired: signing out revokes the sign-in, and pages that publish the snippet
 * stop showing products. Of this sign-in: the very token the session holds, or, for a token with a
 * lifetime, one the session has renewed since (renewing keeps the grant that signing out revokes:
 * the demo store's revocation ends every token of it). A token without a lifetime is never renewed,
 * so another one in the session is a new sign-in, and this sign-out leaves the copied one alone.
 * A marker for a token that is gone (replaced so, or expired) is forgotten here. Storage that
 * fails says false: nothing may stand between the person and signing out.
 */
export async function signOutEndsSnippet(session: Session, storeId: string, options: SnippetCheckOptions = {}): Promise<boolean> {
  const tokens = session.sessionFor(storeId)?.tokens;
  if (!tokens) return false;
  try {
    const copied = new CopiedSnippets((options.storage ?? (await openStorage())).store);
    const marker = await copied.get(storeId);
    if (!marker) return false;
    const now = options.now ?? Date.now();
    const live = marker.expiresAt === null || marker.expiresAt > now;
    const renewedSince = marker.expiresAt !== null && tokens.obtainedAt > marker.obtainedAt;
    if (live && (marker.obtainedAt === tokens.obtainedAt || renewedSince)) return true;
    await copied.forget(storeId);
    return false;
  } catch {
    return false;
  }
}
