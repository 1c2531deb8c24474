/**
 * What the vault keeps per store (record v2): the tokens a connector obtained, the pasted secrets it
 * needs again to renew (never a password), and probe results. Plain data, one record per store.
 */
import type { Capability } from '../domain/capability.ts';
import type { TokenSet } from '../oauth/types.ts';
import type { StoreKind } from './store-config.ts';

export const CREDENTIAL_VERSION = 2;

/** One store's connection. A v1 Goodsie record reads as `{ kind: 'goodsie', mode: 'implicit'|'code' }`. */
export interface Credential {
  v: typeof CREDENTIAL_VERSION;
  storeId: string;
  kind: StoreKind;
  /** The connection mode id of the profile's `modes` (e.g. 'implicit', 'code', 'integration', 'access-key'). */
  mode: string;
  /**
   * Issued tokens: access, refresh (rotated ones replace it), expiresAt, obtainedAt, and the scopes
   * granted ∩ requested. Absent for a pasted key used as is (StoreHippo access key).
   */
  tokens?: TokenSet;
  /** Pasted values the connector needs again (key, client secret, pasted refresh token). Never a password. */
  secrets?: Readonly<Record<string, string>>;
  /** Probe results, for platforms whose capabilities come from probes. */
  capabilities?: readonly Capability[];
  /**
   * The origins it was made for, as the vault recorded them when it wrote it (credential-origins.ts);
   * absent in records written before 2026-12-05 and in credentials not yet written.
   */
  origins?: readonly string[];
}

/** The part of a Credential a connector returns; the AuthService adds `v`, `storeId`, `kind`. */
export type IssuedCredential = Omit<Credential, 'v' | 'storeId' | 'kind'>;
