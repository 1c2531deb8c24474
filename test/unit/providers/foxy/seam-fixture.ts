/**
 * A minimal stand-in for the seam's API client in unit tests: signs through the connector, refuses
 * another origin before sending, renews once on a 401, maps non-2xx to the provider's HttpError.
 * The real client (src/lib/api) does more (429 waits, 403 words); this keeps Foxy testable now.
 */
import type { Credential } from '../../../../src/lib/connect/credential.ts';
import type { ApiRequest, Send } from '../../../../src/lib/connect/request.ts';
import type { FoxyStoreConfig } from '../../../../src/lib/connect/store-config.ts';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import { foxyConnector } from '../../../../src/lib/providers/foxy/connector.ts';
import { isSameOrigin } from '../../../../src/lib/providers/foxy/hal.ts';
import { processFoxyResponse } from '../../../../src/lib/providers/foxy/request.ts';

export interface TestTransport {
  send: Send;
  credential(): Credential;
  renewals(): number;
}

export function testTransport(store: FoxyStoreConfig, first: Credential): TestTransport {
  let credential = first;
  let renewals = 0;
  const ctx = { store, fetch: globalThis.fetch, now: () => Date.now() };
  const send: Send = async (request: ApiRequest, _operation, options = {}) => {
    const url = new URL(request.url ?? new URL(request.path ?? '/', store.apiBase).href);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    if (!isSameOrigin(url.href, store.apiBase)) throw new AppError('API_INVALID_RESPONSE', 'refused: another origin');
    const attempt = (): Promise<Response> => {
      const headers = new Headers(request.headers);
      foxyConnector.sign(credential, headers);
      return fetch(url, { method: request.method, headers, ...(options.signal ? { signal: options.signal } : {}) });
    };
    let response = await attempt();
    if (response.status === 401) {
      renewals++;
      credential = { ...credential, ...(await foxyConnector.renew!(ctx, credential)) };
      response = await attempt();
    }
    return { status: response.status, json: await processFoxyResponse(response), headers: response.headers };
  };
  return { send, credential: () => credential, renewals: () => renewals };
}
