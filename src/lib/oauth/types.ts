import type { SignInBinding } from './mix-up.ts';

/** Domain (camelCase) view of a token response; converted once from the wire in token.ts. */
export interface TokenSet {
  accessToken: string;
  /** Always 'bearer' (normalised to lower case). */
  tokenType: 'bearer';
  refreshToken?: string;
  /** Scopes granted that were asked for (granted ∩ requested): what the screens gate on. */
  scopes: string[];
  /**
   * Scopes the server granted without being asked (absent when none). They unlock nothing in the
   * app, but the token holds them: whoever judges what the token can do (the embed check) counts them.
   */
  unrequestedScopes?: string[];
  /** Epoch ms, or null when the server gave no lifetime ("unknown", not "expired"). */
  expiresAt: number | null;
  /** Epoch ms. */
  obtainedAt: number;
}

/** A sign-in that has been started and not yet completed; kept in IndexedDB, single use. */
export interface PendingAuthorization {
  /** Where the sign-in was sent and must come back from (mix-up defence). */
  binding: SignInBinding;
  state: string;
  storeId: string;
  flow: 'token' | 'code';
  scopes: string[];
  /** Internal app route to return to, always starting with '/' (never '//'). */
  returnTo: string;
  /** Epoch ms. Void SIGN_IN_LIFETIME_MS (state.ts) later. */
  createdAt: number;
}

/** One connected store: what the vault keeps per store id. */
export interface StoreSession {
  storeId: string;
  tokens: TokenSet;
}
