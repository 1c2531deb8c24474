/**
 * A minimal signed transport for the Shopware adapter in unit tests: what the seam's API client
 * does (sign through the connector, JSON body, non-2xx -> HttpError with the hooks' words), without
 * renewal. Real fetch against the faithful server.
 */
import type { Adapter } from '../../../../src/lib/connect/adapter.ts';
import type { Credential, IssuedCredential } from '../../../../src/lib/connect/credential.ts';
import type { Send } from '../../../../src/lib/connect/request.ts';
import type { Shopware6StoreConfig } from '../../../../src/lib/connect/store-config.ts';
import { codeForStatus, HttpError } from '../../../../src/lib/oauth/errors.ts';
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
}

export function transport(store: Shopware6StoreConfig, credential: () => Credential, sent: Sent[] = [], hooks?: () => Adapter['hooks']): Send {
  return async (request, operation, options) => {
    const url = new URL(`${store.apiBase}${request.path ?? ''}`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.append(key, value);
    const headers = new Headers(request.headers);
    integrationConnector.sign(credential(), headers);
    let body: string | undefined;
    if (request.body !== undefined && 'json' in request.body) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(request.body.json);
    }
    sent.push({ method: request.method, url: url.toString(), headers });
    const response = await fetch(url, { method: request.method, headers, body, credentials: 'omit' });
    const text = await response.text();
    const json: unknown = text === '' ? undefined : JSON.parse(text);
    if (response.ok || options?.accept?.includes(response.status)) return { status: response.status, json, headers: response.headers };
    const words = response.status === 403 ? hooks?.()?.forbidden?.(json, operation)?.platformWords : undefined;
    throw new HttpError(codeForStatus(response.status), response.status, { body: json, ...(words === undefined ? {} : { message: words }) });
  };
}

/** An adapter over a credential obtained with `values` in `mode`. */
export async function connectedAdapter(store: Shopware6StoreConfig, mode: 'integration' | 'password', values: Record<string, string>, sent: Sent[] = []): Promise<{ adapter: Adapter; credential: Credential }> {
  const connector = mode === 'integration' ? integrationConnector : passwordConnector;
  const credential = credentialOf(await connector.connect({ store, fetch, now: Date.now }, values));
  let adapter: Adapter | undefined;
  adapter = createShopware6Adapter({ store, send: transport(store, () => credential, sent, () => adapter?.hooks) });
  return { adapter, credential };
}
