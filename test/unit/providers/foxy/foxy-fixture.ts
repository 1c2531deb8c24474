/** The local Foxy store started for unit tests, with the provider's own request code as the client. */
import { DEMO_BUNDLE } from '../../../platforms/foxy/constants.ts';
import { startFoxyStore, type FoxyStore } from '../../../platforms/foxy/server.ts';
import { foxyGetRequest, processFoxyResponse } from '../../../../src/lib/providers/foxy/request.ts';
import { foxyRefreshRequest, processFoxyRefreshResponse, foxyTokenEndpoint } from '../../../../src/lib/providers/foxy/token.ts';
import type { FoxyBundle } from '../../../../src/lib/providers/foxy/bundle.ts';

export const demoBundle: FoxyBundle = {
  clientId: DEMO_BUNDLE.client_id,
  clientSecret: DEMO_BUNDLE.client_secret,
  refreshToken: DEMO_BUNDLE.refresh_token,
};

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
  const getJson = async (url: string): Promise<unknown> =>
    processFoxyResponse(await foxyGetRequest(fetch, url, { apiBase, accessToken: tokens.accessToken }));
  return { store: server, apiBase, accessToken: tokens.accessToken, getJson };
}
