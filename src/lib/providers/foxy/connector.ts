/**
 * Foxy's one connection mode, `token-bundle` (platforms.md 5.1, 5.2): the pasted Get Token bundle is
 * checked by renewing at once (HTTP Basic client authentication, FOXY-API-VERSION: 1); a token
 * without `store_full_access` is refused ("paste a store token"). Before anything is stored the
 * Connections service runs the adapter's probe, which reads the API home through the transport: it
 * must link `fx:store` (a user-scoped token links `fx:stores`). The refresh token never rotates;
 * renewals reuse the pasted bundle kept in the credential's `secrets`.
 */
import { signBearer, type Connector, type ConnectorContext, type CredentialsConnector } from '../../connect/connector.ts';
import type { Credential, IssuedCredential } from '../../connect/credential.ts';
import type { FoxyStoreConfig } from '../../connect/store-config.ts';
import { AppError } from '../../oauth/errors.ts';
import { HttpError } from '../../oauth/http-errors.ts';
import type { TokenSet } from '../../oauth/types.ts';
import { FOXY_MODE } from '../foxy-profile.ts';
import { bundleFromFields, parseFoxyBundle, type FoxyBundle } from './bundle.ts';
import { foxyRefreshRequest, foxyTokenEndpoint, processFoxyRefreshResponse } from './token.ts';

/** The bundle from the form: one pasted block (`bundle`) or three fields. */
export function bundleFromValues(values: Readonly<Record<string, string>>): FoxyBundle {
  const pasted = values['bundle'];
  if (pasted !== undefined && pasted.trim() !== '') return parseFoxyBundle(pasted);
  return bundleFromFields({
    clientId: values['clientId'] ?? '',
    clientSecret: values['clientSecret'] ?? '',
    refreshToken: values['refreshToken'] ?? '',
  });
}

function bundleFromSecrets(credential: Credential): FoxyBundle {
  const secrets = credential.secrets ?? {};
  return bundleFromFields({
    clientId: secrets['clientId'] ?? '',
    clientSecret: secrets['clientSecret'] ?? '',
    refreshToken: secrets['refreshToken'] ?? '',
  });
}

/**
 * Each refusal its own words (never a value): a wrong client secret is not a dead refresh token.
 * Only why: the form's heading says what was refused ("Foxy did not accept this Get Token bundle").
 */
function refusal(error: unknown): unknown {
  if (!(error instanceof HttpError) || error.code !== 'CREDENTIALS_REJECTED') return error;
  const kind = (error.body as { error?: string } | undefined)?.error;
  const message = kind === 'invalid_client'
    ? 'Its client_id or client_secret is wrong, or the integration was removed.'
    : 'Its refresh_token expired, was revoked, or is from another client; get a new token in Foxy admin › Integrations.';
  return new HttpError('CREDENTIALS_REJECTED', error.status, { body: error.body, message });
}

async function refresh(ctx: ConnectorContext<FoxyStoreConfig>, bundle: FoxyBundle): Promise<TokenSet> {
  const tokenEndpoint = foxyTokenEndpoint(ctx.store.apiBase, ctx.store.tokenEndpoint);
  try {
    const response = await foxyRefreshRequest(ctx.fetch, { tokenEndpoint, bundle });
    return await processFoxyRefreshResponse(response, { now: ctx.now(), previousRefreshToken: bundle.refreshToken });
  } catch (error) {
    throw refusal(error);
  }
}

function secretsOf(bundle: FoxyBundle): Record<string, string> {
  return { clientId: bundle.clientId, clientSecret: bundle.clientSecret, refreshToken: bundle.refreshToken };
}

export const foxyConnector: CredentialsConnector<FoxyStoreConfig> = {
  style: 'credentials',
  mode: FOXY_MODE,

  async connect(ctx, values): Promise<IssuedCredential> {
    const bundle = bundleFromValues(values);
    const tokens = await refresh(ctx, bundle);
    return { mode: FOXY_MODE, tokens, secrets: secretsOf(bundle) };
  },

  async renew(ctx, credential): Promise<IssuedCredential> {
    const bundle = bundleFromSecrets(credential);
    try {
      const tokens = await refresh(ctx, bundle);
      return { mode: FOXY_MODE, tokens, secrets: secretsOf(bundle) };
    } catch (error) {
      // Only a refusal of the bundle ends the session; 5xx, 429 and network failures keep it.
      if (error instanceof AppError && (error.code === 'CREDENTIALS_REJECTED' || error.code === 'CREDENTIALS_WRONG_SCOPE')) {
        throw new AppError('TOKEN_EXPIRED', error.message, { cause: error });
      }
      throw error;
    }
  },

  sign: signBearer,
};

/** The connector of `mode`; CONFIG_INVALID for a mode Foxy does not have (it has one). */
export function foxyConnectorFor(mode: string): Connector {
  if (mode !== foxyConnector.mode) throw new AppError('CONFIG_INVALID', `Foxy has no connection mode "${mode}"`);
  return foxyConnector as unknown as Connector;
}
