/**
 * Shopware 6's two credentials connectors (platforms.md 4.1): `integration` (access key id + secret,
 * client_credentials, re-requested before the 600 s token ends; no refresh token) and `password`
 * (client `administration`, rotating refresh token; the password is used for its one request and
 * kept nowhere). Loaded only when a Shopware store is connected or renewed.
 */
import type { Connector, ConnectorContext, CredentialsConnector } from '../../connect/connector.ts';
import { signBearer } from '../../connect/connector.ts';
import type { Credential, IssuedCredential } from '../../connect/credential.ts';
import type { Shopware6StoreConfig } from '../../connect/store-config.ts';
import { unwrapPasted } from '../../connect/pasted.ts';
import { AppError } from '../../oauth/errors.ts';
import { requestToken, SW_ACCESS_KEY_ID } from './token.ts';

type Ctx = ConnectorContext<Shopware6StoreConfig>;

/**
 * A field's value, trimmed; a pasted key (not a username or password) also without quotes around it
 * and without its label, a row of the integration's table copied whole (`Access key ID<TAB>SWIA…`).
 * A password is taken as typed: spaces at its ends are part of it (Shopware compares it as sent).
 */
function field(values: Readonly<Record<string, string>>, name: string, label: string, pasted = false): string {
  const raw = values[name] ?? '';
  const value = pasted ? unwrapPasted(raw, [label]) : name === 'password' ? raw : raw.trim();
  if (value.trim() === '') throw invalidField(name, `Enter the ${label}.`);
  return value;
}

/** Refused by this check, before anything is sent: `name` is the form's field at fault (AppError.formField). */
function invalidField(name: string, message: string): AppError {
  const error = new AppError('CREDENTIALS_INVALID', message);
  error.formField = name;
  return error;
}

export const integrationConnector: CredentialsConnector<Shopware6StoreConfig> = {
  style: 'credentials',
  mode: 'integration',
  async connect(ctx: Ctx, values): Promise<IssuedCredential> {
    // In capitals, as Shopware makes every ID (AccessKeyHelper::generateAccessKey upper-cases it): it
    // tells an ID's kind by its first four letters exactly (`swia…` is "Access key is invalid", a 500),
    // and finds the rest in a case-insensitive column (utf8mb4_unicode_ci); an ID typed in small
    // letters is that same ID (docs/platform-evidence.md).
    const accessKeyId = field(values, 'accessKeyId', 'access key ID', true).toUpperCase();
    const secretAccessKey = field(values, 'secretAccessKey', 'secret access key', true);
    if (!SW_ACCESS_KEY_ID.test(accessKeyId)) {
      // the two pasted each in the other's field: said as such (it read "not an ID Shopware can identify")
      if (SW_ACCESS_KEY_ID.test(secretAccessKey.toUpperCase())) {
        throw invalidField('accessKeyId', 'The access key ID and the secret access key are swapped: the ID is the one that starts with SWIA. Paste each in its own field.');
      }
      throw invalidField('accessKeyId', 'That access key ID is not one Shopware can identify: it starts with SWIA (integration) or SWUA (user key).');
    }
    const tokens = await requestToken(ctx.fetch, ctx.store.apiBase, { grant_type: 'client_credentials', client_id: accessKeyId, client_secret: secretAccessKey }, ctx.now);
    return { mode: 'integration', tokens, secrets: { accessKeyId, secretAccessKey } };
  },
  async renew(ctx: Ctx, credential: Credential): Promise<IssuedCredential> {
    const accessKeyId = credential.secrets?.accessKeyId;
    const secretAccessKey = credential.secrets?.secretAccessKey;
    if (accessKeyId === undefined || secretAccessKey === undefined) throw new AppError('TOKEN_EXPIRED', 'The saved integration key is incomplete; connect again.');
    try {
      const tokens = await requestToken(ctx.fetch, ctx.store.apiBase, { grant_type: 'client_credentials', client_id: accessKeyId, client_secret: secretAccessKey }, ctx.now);
      return { mode: 'integration', tokens, secrets: credential.secrets ?? {} };
    } catch (error) {
      // the integration was deleted or its secret changed: only reconnecting helps
      if (error instanceof AppError && (error.code === 'CREDENTIALS_REJECTED' || error.code === 'CREDENTIALS_INVALID')) {
        throw new AppError('TOKEN_EXPIRED', 'The store no longer accepts this integration key (deleted or changed); connect again.');
      }
      throw error;
    }
  },
  sign: signBearer,
};

export const passwordConnector: CredentialsConnector<Shopware6StoreConfig> = {
  style: 'credentials',
  mode: 'password',
  async connect(ctx: Ctx, values): Promise<IssuedCredential> {
    const username = field(values, 'username', 'username');
    // read once, straight into the one request body; nothing else holds it
    const tokens = await requestToken(ctx.fetch, ctx.store.apiBase, { grant_type: 'password', client_id: 'administration', scope: 'write', username, password: field(values, 'password', 'password') }, ctx.now);
    if (tokens.refreshToken === undefined) throw new AppError('OAUTH_INVALID_RESPONSE', 'The store answered the sign-in without a refresh token.');
    return { mode: 'password', tokens };
  },
  async renew(ctx: Ctx, credential: Credential): Promise<IssuedCredential> {
    const refreshToken = credential.tokens?.refreshToken;
    if (refreshToken === undefined) throw new AppError('TOKEN_EXPIRED', 'The store ended this sign-in; enter the password again to continue where you were.');
    const tokens = await requestToken(ctx.fetch, ctx.store.apiBase, { grant_type: 'refresh_token', client_id: 'administration', scope: 'write', refresh_token: refreshToken }, ctx.now);
    // rotating: the answer's refresh token replaces the old one, which the store has deleted
    if (tokens.refreshToken === undefined) throw new AppError('OAUTH_INVALID_RESPONSE', 'The store renewed the sign-in without a new refresh token.');
    return { mode: 'password', tokens };
  },
  sign: signBearer,
};

/** The connector of `mode`; CONFIG_INVALID for a mode Shopware does not have. */
export function shopware6Connector(mode: string): Connector {
  if (mode === 'integration') return integrationConnector as unknown as Connector;
  if (mode === 'password') return passwordConnector as unknown as Connector;
  throw new AppError('CONFIG_INVALID', `Shopware 6 has no connection mode "${mode}"`);
}
