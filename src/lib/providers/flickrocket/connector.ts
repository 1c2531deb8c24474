/**
 * FlickRocket's redirect connector (platforms.md 3.1, 3.2): the consent redirect returns `code`,
 * which is already a refresh token, exchanged (and every renewal done) with one refresh-token grant
 * carrying the client id only. Every success rotates the refresh token, so each one is sent at most
 * once: Connections (auth/connections.ts) serialises renewals per store across tabs and stores the
 * result before the lock is released and before the new access token is used.
 */
import type { RedirectConnector } from '../../connect/connector.ts';
import { signBearer } from '../../connect/connector.ts';
import type { Credential, IssuedCredential } from '../../connect/credential.ts';
import type { FlickRocketStoreConfig } from '../../connect/store-config.ts';
import { AppError } from '../../oauth/errors.ts';
import { OAuthRedirectError } from '../../oauth/http-errors.ts';
import { generateState } from '../../oauth/state.ts';
import { corsProbeAllows, corsProbeRequest, endsRenewal, isInvalidGrant, processTokenResponse, refreshTokenRequest, type TokenHttpRequest } from './token.ts';

export const FLICKROCKET_MODE = 'refresh-code';

type Ctx = Parameters<RedirectConnector<FlickRocketStoreConfig>['begin']>[0];

/** Sends one token request; a fetch failure is OAUTH_NETWORK_ERROR (the refresh token is kept). */
async function exchange(ctx: Ctx, request: TokenHttpRequest, scopesAsked: readonly string[], renewal: boolean): Promise<IssuedCredential> {
  let response: Response;
  try {
    response = await ctx.fetch(request.url, request.init);
  } catch (error) {
    // Not sent or not read: the refresh token is kept (a renewal is retried with it later).
    throw new AppError(renewal ? 'API_NETWORK_ERROR' : 'OAUTH_NETWORK_ERROR', 'FlickRocket’s token endpoint could not be reached', { storeId: ctx.store.id, cause: error });
  }
  try {
    const tokens = await processTokenResponse(response, { now: ctx.now() });
    // Granted ∩ asked; FlickRocket's answer is the truth when it names scopes.
    const scopes = tokens.scopes.length > 0 ? tokens.scopes.filter((s) => scopesAsked.length === 0 || scopesAsked.includes(s)) : [...scopesAsked];
    return { mode: FLICKROCKET_MODE, tokens: { ...tokens, scopes } };
  } catch (error) {
    if (renewal ? endsRenewal(error) : isInvalidGrant(error)) {
      throw new AppError('TOKEN_EXPIRED', 'FlickRocket no longer accepts this refresh token', { storeId: ctx.store.id, cause: error });
    }
    throw error;
  }
}

export const flickRocketConnector: RedirectConnector<FlickRocketStoreConfig> = {
  style: 'redirect',
  mode: FLICKROCKET_MODE,

  async begin(ctx, request) {
    const { store } = ctx;
    // Before consent: the code is spent by the exchange, so the page must be able to read /token's answer.
    let outcome: unknown;
    try {
      const probe = corsProbeRequest({ tokenEndpoint: store.tokenEndpoint, clientId: store.clientId });
      outcome = await ctx.fetch(probe.url, probe.init);
    } catch (error) {
      outcome = error;
    }
    if (!corsProbeAllows(outcome)) {
      // Worded for people (shown as is): the consent page is never opened, so no code is spent.
      // What it means (nothing connected) and one next step: it said why, in the app's terms ("the
      // one-time code would have been lost"), and left only Dismiss.
      throw new AppError('NETWORK_OR_CORS', 'FlickRocket could not be reached, or does not let browser apps get tokens from this address, so its consent page was not opened and nothing was connected. Check your connection and connect again; if it keeps happening, this app cannot connect to FlickRocket from this address.', {
        storeId: store.id,
      });
    }
    const state = generateState();
    const url = new URL(store.authorizationEndpoint);
    url.searchParams.set('client_id', store.clientId);
    url.searchParams.set('scope', request.scopes.join(','));
    url.searchParams.set('access_type', 'offline');
    url.searchParams.set('redirect_uri', store.redirectUri);
    url.searchParams.set('state', state);
    await request.savePending({
      state,
      storeId: store.id,
      mode: FLICKROCKET_MODE,
      scopes: [...request.scopes],
      returnTo: request.returnTo,
      createdAt: ctx.now(),
    });
    return url;
  },

  async complete(ctx, captured, pending) {
    const params = captured.params;
    const error = params.get('error');
    if (error !== null) throw new OAuthRedirectError(error, params.get('error_description') ?? undefined);
    const echoed = params.get('state');
    if (echoed !== null && echoed !== pending.state) throw new AppError('OAUTH_STATE_MISMATCH', 'the sign-in state does not fit this response');
    const code = params.get('code');
    if (code === null || code === '') throw new AppError('OAUTH_INVALID_RESPONSE', 'the FlickRocket callback carries no code');
    const request = refreshTokenRequest({ tokenEndpoint: ctx.store.tokenEndpoint, clientId: ctx.store.clientId, refreshToken: code });
    return exchange(ctx, request, pending.scopes, false);
  },

  async renew(ctx, credential: Credential) {
    const refreshToken = credential.tokens?.refreshToken;
    if (refreshToken === undefined) throw new AppError('TOKEN_EXPIRED', 'no FlickRocket refresh token is kept', { storeId: ctx.store.id });
    const request = refreshTokenRequest({ tokenEndpoint: ctx.store.tokenEndpoint, clientId: ctx.store.clientId, refreshToken });
    return exchange(ctx, request, credential.tokens?.scopes ?? [], true);
  },

  sign: signBearer,
};
