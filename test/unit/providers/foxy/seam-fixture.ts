/**
 * The seam's transport (api/transport.ts) for one Foxy store in unit tests, with the connector's
 * sign and renew standing in for the Connections service: counts renewals so a test can see the
 * 401 path (renew once, then retry).
 */
import { createTransport } from '../../../../src/lib/api/transport.ts';
import type { Credential } from '../../../../src/lib/connect/credential.ts';
import type { Send } from '../../../../src/lib/connect/request.ts';
import type { FoxyStoreConfig } from '../../../../src/lib/connect/store-config.ts';
import { foxyConnector } from '../../../../src/lib/providers/foxy/connector.ts';

export interface TestTransport {
  send: Send;
  credential(): Credential;
  renewals(): number;
}

export function testTransport(store: FoxyStoreConfig, first: Credential): TestTransport {
  let credential = first;
  let renewals = 0;
  const ctx = { store, fetch: globalThis.fetch, now: () => Date.now() };
  const send = createTransport({
    apiBase: store.apiBase,
    fetch: globalThis.fetch,
    sign: async (headers) => {
      foxyConnector.sign(credential, headers);
      return credential.tokens?.accessToken ?? '';
    },
    onUnauthorized: async () => {
      renewals++;
      credential = { ...credential, ...(await foxyConnector.renew!(ctx, credential)) };
    },
  });
  return { send, credential: () => credential, renewals: () => renewals };
}
