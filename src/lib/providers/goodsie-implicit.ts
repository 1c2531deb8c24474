/**
 * Goodsie's implicit flow (response_type=token) as the seam's redirect connector: `begin` builds the
 * authorization URL and hands its single-use pending record to the caller's store; `complete` reads
 * the fragment's token for that record. The app's own sign-in (auth/redirect-flows.ts, which adds
 * the mix-up binding to the record) and the Embed screen's storefront-only token
 * (embed/embed-tokens.ts, state prefix `e.`) both use it: one copy of the flow.
 * Code + PKCE stays with oidc-client-ts (oidc/code-flow.ts), which keeps its own state record.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.2
 */
import { signBearer, type RedirectConnector } from '../connect/connector.ts';
import type { GoodsieStoreConfig } from '../connect/store-config.ts';
import { buildAuthorizationUrl } from '../oauth/authorize.ts';
import { parseImplicitResponse } from '../oauth/implicit.ts';
import { generateState } from '../oauth/state.ts';
import { goodsieProfile } from './goodsie-profile.ts';

export const goodsieImplicitConnector: RedirectConnector<GoodsieStoreConfig> = {
  style: 'redirect',
  mode: 'implicit',
  async begin({ store, now }, request) {
    const state = (request.statePrefix ?? '') + generateState();
    const url = buildAuthorizationUrl({
      authorizationEndpoint: store.authorizationEndpoint,
      clientId: store.clientId,
      redirectUri: store.redirectUri,
      scopes: request.scopes,
      state,
      responseType: 'token',
    });
    await request.savePending({ state, storeId: store.id, mode: 'implicit', scopes: request.scopes, returnTo: request.returnTo, createdAt: now() });
    return new URL(url);
  },
  async complete({ now }, captured, pending) {
    const tokens = parseImplicitResponse(captured.params, {
      expectedState: pending.state,
      requestedScopes: pending.scopes,
      now: captured.receivedAt ?? now(),
      quirks: goodsieProfile.tokenQuirks,
    });
    return { mode: 'implicit', tokens };
  },
  sign: signBearer,
};
