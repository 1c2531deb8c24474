/**
 * One way of connecting a store (a kind and a mode): plain TS, lazily loaded, testable with a fake
 * fetch. The AuthService drives it; a connector never touches the vault, never navigates, and never
 * puts a secret in an error, a log line or a URL after the callback.
 */
import type { TokenSet } from '../oauth/types.ts';
import type { SignInBinding } from '../oauth/mix-up.ts';
import type { IssuedCredential, Credential } from './credential.ts';
import type { StoreConfig } from './store-config.ts';

/** Everything a connector may use: the store's config, fetch, and the clock. */
export interface ConnectorContext<S extends StoreConfig = StoreConfig> {
  store: S;
  fetch: typeof globalThis.fetch;
  /** Epoch ms. */
  now: () => number;
}

/**
 * The single-use record of a redirect in flight, kept by the one pending-sign-in store (issue 8)
 * under `state` and taken back exactly once when the callback arrives.
 */
export interface PendingSignIn {
  /** 128+ random bits; the key of the record. Echoed by the server (or not: FlickRocket). */
  state: string;
  storeId: string;
  /** The connection mode id that started it; the callback is dispatched on (storeId, mode). */
  mode: string;
  scopes: string[];
  /** Internal app route to return to, starting with '/' (never '//'). */
  returnTo: string;
  /** Epoch ms; void after the sign-in lifetime (10 min). */
  createdAt: number;
  /** Mode-specific values the callback needs (a PKCE verifier, the redirect URI used). */
  extra?: Readonly<Record<string, string>>;
  /** Where the sign-in was sent (endpoints, redirect URI): its callback must fit it (oauth/mix-up.ts). */
  binding?: SignInBinding;
}

/** What `begin` needs besides the context. */
export interface BeginRequest {
  /** Scopes to ask for (already merged with defaults and those granted). */
  scopes: string[];
  returnTo: string;
  /** Stores the pending record (the one pending-sign-in store); resolves once it is durable. */
  savePending: (pending: PendingSignIn) => Promise<void>;
  /** Prepended to the generated state, to tell a kind of sign-in apart on its callback (the Embed screen's `e.`). */
  statePrefix?: string;
}

/** A callback taken out of the address bar (oauth/callback.ts), already scrubbed. */
export interface CapturedCallback {
  responseMode: 'query' | 'fragment';
  params: URLSearchParams;
  /** Epoch ms when the callback was read (token lifetimes count from receipt). */
  receivedAt?: number;
}

interface ConnectorBase<S extends StoreConfig> {
  /** The mode id this connector serves, as in the profile's `modes`. */
  readonly mode: string;
  /**
   * A fresh credential from the current one (refresh grant, client_credentials again, ...). Absent:
   * not renewable (a 401 ends the session). Throws AppError TOKEN_EXPIRED for an `invalid_grant`-class
   * answer only (the session ends); any other failure (429, 5xx, network) leaves the stored credential
   * as it was. A rotating refresh token is in the result; the caller stores it before using the token.
   */
  renew?(ctx: ConnectorContext<S>, credential: Credential): Promise<IssuedCredential>;
  /** Puts the credential on an outgoing request (`Authorization: Bearer …`, `access-key: …`). */
  sign(credential: Credential, headers: Headers): void;
  /** Best-effort revocation at the store, when the platform has one; never throws. */
  revoke?(ctx: ConnectorContext<S>, credential: Credential): Promise<void>;
}

/** OAuth redirect style (Goodsie implicit / code + PKCE, FlickRocket). */
export interface RedirectConnector<S extends StoreConfig = StoreConfig> extends ConnectorBase<S> {
  readonly style: 'redirect';
  /**
   * Prepares the redirect: checks what must hold before consent (FlickRocket's CORS probe), saves
   * the pending record through `request.savePending`, and returns the authorization URL. Never navigates.
   */
  begin(ctx: ConnectorContext<S>, request: BeginRequest): Promise<URL>;
  /** Turns the callback answering `pending` into a credential; nothing is stored here. */
  complete(ctx: ConnectorContext<S>, captured: CapturedCallback, pending: PendingSignIn): Promise<IssuedCredential>;
}

/** Pasted credentials style (Shopware 6, StoreHippo, Foxy). */
export interface CredentialsConnector<S extends StoreConfig = StoreConfig> extends ConnectorBase<S> {
  readonly style: 'credentials';
  /**
   * First token request and/or probe with the values of the mode's form (trimmed, by field name).
   * Resolves only when everything succeeded (nothing is stored otherwise); a password is used for
   * its one request and never appears in the result.
   */
  connect(ctx: ConnectorContext<S>, values: Readonly<Record<string, string>>): Promise<IssuedCredential>;
}

export type Connector<S extends StoreConfig = StoreConfig> = RedirectConnector<S> | CredentialsConnector<S>;

/** Sets `Authorization: Bearer <access token>`; the sign of every token-based connector. */
export function signBearer(credential: Credential, headers: Headers): void {
  const token: TokenSet | undefined = credential.tokens;
  if (token) headers.set('Authorization', `Bearer ${token.accessToken}`);
}
