/** The local Foxy store started for unit tests, read through the seam's transport with the provider's token code. */
import { DEMO_BUNDLE } from '../../../platforms/foxy/constants.ts';
import { startFoxyStore, type FoxyStore } from '../../../platforms/foxy/server.ts';
import { createTransport } from '../../../../src/lib/api/transport.ts';
import type { Send } from '../../../../src/lib/connect/request.ts';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import { FOXY_HEADERS } from '../../../../src/lib/providers/foxy/wire.ts';
import { foxyRefreshRequest, processFoxyRefreshResponse, foxyTokenEndpoint } from '../../../../src/lib/providers/foxy/token.ts';
import type { FoxyBundle } from '../../../../src/lib/providers/foxy/bundle.ts';

export const demoBundle: FoxyBundle = {
  clientId: DEMO_BUNDLE.client_id,
  clientSecret: DEMO_BUNDLE.client_secret,
  refreshToken: DEMO_BUNDLE.refresh_token,
};

/** The transport signed with `accessToken` alone; a 401 calls `onUnauthorized` (default: the session ends). */
export function signedSend(apiBase: string, accessToken: string, onUnauthorized: (refused: string) => Promise<void> = () => Promise.reject(new AppError('TOKEN_EXPIRED', 'no renewal in this test'))): Send {
  return createTransport({
    apiBase,
    fetch,
    sign: async (headers) => {
      headers.set('Authorization', `Bearer ${accessToken}`);
      return accessToken;
    },
    onUnauthorized,
  });
}

/** GET `url` (a link) as the adapter does: FOXY-API-VERSION and the HAL Accept header. */
export async function getJsonWith(send: Send, url: string): Promise<unknown> {
  return (await send({ method: 'GET', url, headers: FOXY_HEADERS }, 'probe')).json;
}

export interface Connected {
  store: FoxyStore;
  apiBase: string;
  accessToken: string;
  getJson(url: string): Promise<unknown>;
}

export async function connect(store?: FoxyStore): Promise<Connected> {
  const server = store ?? (await startFoxyStore({ port: 0 }));
  const apiBase = server.origin;
  const response = await foxyRefreshRequest(fetch, { tokenEndpoint: foxyTokenEndpoint(apiBase), bundle: demoBundle });
  const tokens = await processFoxyRefreshResponse(response, { now: Date.now(), previousRefreshToken: demoBundle.refreshToken });
  const send = signedSend(apiBase, tokens.accessToken);
  const getJson = (url: string): Promise<unknown> => getJsonWith(send, url);
  return { store: server, apiBase, accessToken: tokens.accessToken, getJson };
}
