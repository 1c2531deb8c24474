/**
 * Foxy through the seam's Connections service (auth/connections.ts), the v2 vault and the transport,
 * against the faithful server: a good bundle is stored, a refused one leaves nothing; at expiry five
 * "tabs" (five Connections over one vault and one lock, as Web Locks would) renew with one token request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createTransport } from '../../../../src/lib/api/transport.ts';
import { Connections } from '../../../../src/lib/auth/connections.ts';
import type { AppConfig } from '../../../../src/lib/config/types.ts';
import type { FoxyStoreConfig } from '../../../../src/lib/connect/store-config.ts';
import { createFoxyAdapter } from '../../../../src/lib/providers/foxy/adapter.ts';
import { loadConnector } from '../../../../src/lib/providers/loaders.ts';
import { CredentialVault } from '../../../../src/lib/storage/credential-vault.ts';
import { openStorage } from '../../../../src/lib/storage/kv.ts';
import { DEMO_BUNDLE } from '../../../platforms/foxy/constants.ts';
import { startFoxyStore, type FoxyStore } from '../../../platforms/foxy/server.ts';

let server: FoxyStore;
let store: FoxyStoreConfig;
let config: AppConfig;
const paste = (secret: string): string => `client_id: ${DEMO_BUNDLE.client_id}\nclient_secret: ${secret}\nrefresh_token: ${DEMO_BUNDLE.refresh_token}`;

beforeAll(async () => {
  server = await startFoxyStore({ port: 0 });
  store = { id: 'foxy', kind: 'foxy', name: 'Foxy Store', apiBase: server.origin, auth: ['token-bundle'] };
  config = { stores: [store] };
});
afterAll(() => server.close());

/** One lock per name shared by every "tab", like navigator.locks. */
function sharedLock(): <T>(name: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (name, task) => {
    const run = (tails.get(name) ?? Promise.resolve()).then(task, task);
    tails.set(name, run.catch(() => undefined));
    return run;
  };
}

async function tabs(count: number, clock: { now: number }) {
  const { store: kv } = await openStorage({ indexedDB: new IDBFactory() });
  const vault = new CredentialVault(kv, { v1Mode: () => 'implicit' });
  const withLock = sharedLock();
  return Array.from({ length: count }, () =>
    new Connections({ config, fetch: globalThis.fetch, vault, loadConnector, now: () => clock.now, withLock }),
  ).map((connections) => ({ connections, vault }));
}

/** A tab's adapter over the seam's transport, signed through its Connections. */
function adapterOf(connections: Connections) {
  return createFoxyAdapter({
    store,
    send: createTransport({
      apiBase: store.apiBase,
      fetch: globalThis.fetch,
      sign: (headers) => connections.sign('foxy', headers),
      onUnauthorized: (refused) => connections.handleUnauthorized('foxy', refused),
    }),
  });
}

describe('Foxy through Connections', () => {
  it('stores nothing when the bundle is refused, and the credential when it is good', async () => {
    const [tab] = await tabs(1, { now: Date.now() });
    await expect(tab!.connections.connect('foxy', 'token-bundle', { bundle: paste('wrong-secret') })).rejects.toMatchObject({ code: 'CREDENTIALS_REJECTED' });
    expect(await tab!.vault.get('foxy')).toBeNull();
    await tab!.connections.connect('foxy', 'token-bundle', { bundle: paste(DEMO_BUNDLE.client_secret) });
    expect((await tab!.vault.get('foxy'))?.secrets?.['refreshToken']).toBe(DEMO_BUNDLE.refresh_token);
  });

  it('renews with one token request per expiry across five tabs browsing at once', async () => {
    const clock = { now: Date.now() };
    const all = await tabs(5, clock);
    await all[0]!.connections.connect('foxy', 'token-bundle', { bundle: paste(DEMO_BUNDLE.client_secret) });
    const adapters = all.map(({ connections }) => adapterOf(connections));
    server.resetStats();
    await Promise.all(adapters.map((adapter) => adapter.listProducts({})));
    expect(server.stats().tokenRequests).toBe(0);
    // Two hours later: every tab is due to renew at the same time.
    clock.now += 7200_000;
    server.expireAccessTokens();
    // a new adapter per tab (as after a reload): the derived catalogue is read again
    const fresh = all.map(({ connections }) => adapterOf(connections));
    const pages = await Promise.all(fresh.map((adapter) => adapter.listProducts({})));
    expect(pages.every((page) => page.products.length > 0)).toBe(true);
    expect(server.stats().tokenRequests).toBe(1);
    expect(server.stats().canaryHitsWithAuthorization).toBe(0);
  });
});
