/**
 * StoreHippo's two credentials connectors (platforms.md 2.1): a pasted access key (header
 * `access-key`) or a pasted bearer token. `connect` only checks the paste's shape: the seam then
 * runs the adapter's probes (2.4) with it before anything is stored, and a refusal there is worded
 * by the adapter. Neither renews (a key does not expire; a 401 ends the connection). The secret goes
 * in a header and nowhere else: never in a URL, an error or a log line.
 */
import type { Connector, CredentialsConnector } from '../../connect/connector.ts';
import type { Credential, IssuedCredential } from '../../connect/credential.ts';
import type { StoreHippoStoreConfig } from '../../connect/store-config.ts';
import { cellOfRow, unwrapPasted } from '../../connect/pasted.ts';
import { AppError } from '../../oauth/errors.ts';
import { STOREHIPPO_KEY_PATTERN } from '../storehippo-profile.ts';

export type StoreHippoMode = 'access-key' | 'token';

/** The form field each mode reads, and the `secrets` key it is kept under. */
const FIELD: Readonly<Record<StoreHippoMode, string>> = { 'access-key': 'accessKey', token: 'token' };

/** A bearer token as pasted: one word of visible ASCII (RFC 6750 b64token is narrower; kept lenient). */
const TOKEN_PATTERN = /^[\x21-\x7E]{8,4096}$/;

/** Puts the key or token on `headers`; the bearer goes alone (the SDK drops `access-key` then). */
export function signStoreHippo(credential: Credential, headers: Headers): void {
  if (credential.mode === 'token') {
    const token = credential.secrets?.[FIELD.token];
    if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
    return;
  }
  const key = credential.secrets?.[FIELD['access-key']];
  if (key !== undefined) headers.set('access-key', key);
}

/**
 * What a copy may carry before the value (pasted.ts): the admin's line or the API's header
 * (`access-key: …`), `Authorization: Bearer …` or `Bearer …` for a token.
 */
const LABELS: Readonly<Record<StoreHippoMode, readonly string[]>> = { 'access-key': ['access key'], token: ['access token', 'authorization', 'bearer'] };

/**
 * A pasted value, trimmed, unquoted and unlabelled (pasted.ts); a key also out of a row of Access Keys
 * copied whole (name, user role, status, key: cellOfRow); CREDENTIALS_INVALID (naming the field,
 * never the value) when malformed.
 */
export function readPastedSecret(mode: StoreHippoMode, values: Readonly<Record<string, string>>): string {
  const pasted = unwrapPasted(values[FIELD[mode]] ?? '', LABELS[mode]);
  const value = mode === 'access-key' ? cellOfRow(pasted, STOREHIPPO_KEY_PATTERN) : pasted;
  const what = mode === 'token' ? 'access token' : 'access key';
  if (value === '') throw new AppError('CREDENTIALS_INVALID', `Paste the ${what}.`);
  if (mode === 'access-key' && !STOREHIPPO_KEY_PATTERN.test(value)) {
    throw new AppError('CREDENTIALS_INVALID', 'A StoreHippo access key is 16 to 64 letters and digits; check that the whole key was pasted.');
  }
  if (mode === 'token' && !TOKEN_PATTERN.test(value)) {
    throw new AppError('CREDENTIALS_INVALID', 'An access token is one word of visible characters; check that the whole token was pasted.');
  }
  return value;
}

export function createStoreHippoConnector(mode: StoreHippoMode): CredentialsConnector<StoreHippoStoreConfig> {
  return {
    style: 'credentials',
    mode,
    async connect(_ctx, values): Promise<IssuedCredential> {
      return { mode, secrets: { [FIELD[mode]]: readPastedSecret(mode, values) } };
    },
    sign: signStoreHippo,
  };
}

/** The connector of `mode`; CONFIG_INVALID for a mode StoreHippo does not have. */
export function storeHippoConnector(mode: string): Connector {
  if (mode === 'access-key' || mode === 'token') return createStoreHippoConnector(mode) as unknown as Connector;
  throw new AppError('CONFIG_INVALID', `StoreHippo has no connection mode "${mode}"`);
}
