/**
 * The Shopware adapter over the seam's transport in unit tests, signed by the Shopware connectors,
 * real fetch against the faithful server.
 */
import type { Adapter } from '../../../../src/lib/connect/adapter.ts';
import type { Credential, IssuedCredential } from '../../../../src/lib/connect/credential.ts';
import type { Send } from '../../../../src/lib/connect/request.ts';
import type { Shopware6StoreConfig } from '../../../../src/lib/connect/store-config.ts';
import { createTransport } from '../../../../src/lib/api/transport.ts';
import { createShopware6Adapter } from '../../../../src/lib/providers/shopware6/adapter.ts';
import { integrationConnector, passwordConnector } from '../../../../src/lib/providers/shopware6/connectors.ts';

export function swStore(apiBase: string, extra: Partial<Shopware6StoreConfig> = {}): Shopware6StoreConfig {
  return { id: 'fruit', kind: 'shopware6', name: 'Fruit', apiBase, auth: ['integration', 'password'], ...extra };
}

export function credentialOf(issued: IssuedCredential): Credential {
  return { v: 2, storeId: 'fruit', kind: 'shopware6', ...issued };
}

export interface Sent {
  method: string;
  url: string;
  headers: Headers;
  /** The JSON body as sent, where there was one. */
  body?: string | undefined;
}

/**
 * The seam's transport (api/transport.ts) signing with the connector of the credential's mode; a
 * 401 renews once through that connector (what the AuthService does, without the vault).
 */
export function transport(store: Shopware6StoreConfig, credential: { current: Credential }, sent: Sent[] = [], hooks?: () => Adapter['hooks']): Send {
  const connector = credential.current.mode === 'password' ? passwordConnector : integrationConnector;
  const spy: typeof fetch = (input, init) => {
    sent.push({ method: init?.method ?? 'GET', url: String(input), headers: new Headers(init?.headers), body: typeof init?.body === 'string' ? init.body : undefined });
    return fetch(input, init);
  };
  return createTransport({
    apiBase: store.apiBase,
    fetch: spy,
    sign: async (headers) => {
      connector.sign(credential.current, headers);
      return credential.current.tokens?.accessToken ?? '';
    },
    onUnauthorized: async () => {
      credential.current = credentialOf(await connector.renew!({ store, fetch, now: Date.now }, credential.current));
    },
    ...(hooks === undefined ? {} : { hooks }),
    sleep: async () => undefined,
  });
}

/** An adapter over a credential obtained with `values` in `mode`. */
export async function connectedAdapter(store: Shopware6StoreConfig, mode: 'integration' | 'password', values: Record<string, string>, sent: Sent[] = []): Promise<{ adapter: Adapter; credential: { current: Credential } }> {
  const connector = mode === 'integration' ? integrationConnector : passwordConnector;
  const credential = { current: credentialOf(await connector.connect({ store, fetch, now: Date.now }, values)) };
  let adapter: Adapter | undefined;
  adapter = createShopware6Adapter({ store, send: transport(store, credential, sent, () => adapter?.hooks) });
  return { adapter, credential };
}
