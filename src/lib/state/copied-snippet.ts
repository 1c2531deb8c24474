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
 * True when the store's snippet, as last taken from the Embed screen, carries the token this
 * sign-in still holds and that token has not expired: signing out revokes it, and pages that
 * publish the snippet stop showing products. A marker for a token that is gone (a new sign-in
 * replaced it, or it expired) is forgotten here. Storage that fails says false: nothing may stand
 * between the person and signing out.
 */
export async function signOutEndsSnippet(session: Session, storeId: string, options: SnippetCheckOptions = {}): Promise<boolean> {
  const tokens = session.sessionFor(storeId)?.tokens;
  if (!tokens) return false;
  try {
    const copied = new CopiedSnippets((options.storage ?? (await openStorage())).store);
    const marker = await copied.get(storeId);
    if (!marker) return false;
    const now = options.now ?? Date.now();
    if (marker.obtainedAt === tokens.obtainedAt && (marker.expiresAt === null || marker.expiresAt > now)) return true;
    await copied.forget(storeId);
    return false;
  } catch {
    return false;
  }
}
