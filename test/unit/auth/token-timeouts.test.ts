/**
 * A store's token endpoint that never answers (security cases 15, 20, 22): the seam's platforms
 * (Shopware 6, Foxy, FlickRocket) had no timeout, so a connection waited for ever, and a renewal
 * held the store's lock for ever, every tab's requests behind it. Now each token request gives up
 * after Connections' token timeout as a network failure: a connection says the store could not be
 * reached and stores nothing; a renewal keeps the refresh token and releases the lock.
 */
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { Connections } from '../../../src/lib/auth/connections.ts';
import type { AppConfig } from '../../../src/lib/config/types.ts';
import { loadConnector } from '../../../src/lib/providers/loaders.ts';
import { fetchWithTimeout } from '../../../src/lib/connect/token-timeout.ts';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { CredentialVault } from '../../../src/lib/storage/credential-vault.ts';

const config: AppConfig = {
  stores: [
    { id: 'sw', kind: 'shopware6', name: 'Shop', apiBase: 'https://shop.example', auth: ['integration', 'password'], currency: 'EUR' },
    { id: 'fx', kind: 'foxy', name: 'Foxy', apiBase: 'https://api.foxy.example', auth: ['token-bundle'] },
  ],
} as AppConfig;

/** Requests the stalled server was sent. */
let asked = 0;
/** A fetch that never answers, as a stalled server: it only ends when its signal aborts. */
const silent: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => {
    asked++;
    const signal = init?.signal;
    signal?.addEventListener('abort', () => reject(signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError')));
  });

async function setup() {
  asked = 0;
  const { store } = await openStorage({ indexedDB: new IDBFactory() });
  const vault = new CredentialVault(store, { v1Mode: () => 'implicit' });
  const connections = new Connections({ config, fetch: silent, vault, loadConnector, probe: async () => ['browse'], tokenTimeoutMs: 50 });
  return { connections, vault };
}

/** Settles `promise` within `ms`, or says it hung. */
function within<T>(promise: Promise<T>, ms = 2000): Promise<T> {
  return Promise.race([promise, new Promise<T>((_resolve, reject) => setTimeout(() => reject(new Error('still waiting: no timeout')), ms))]);
}

describe('a token endpoint that never answers', () => {
  it('Shopware: the connection gives up as a network failure (not "wrong key"), and nothing is stored', async () => {
    const { connections, vault } = await setup();
    const connecting = connections.connect('sw', 'integration', { accessKeyId: 'SWIAEXAMPLEKEY0001', secretAccessKey: 'secret' });
    await expect(within(connecting)).rejects.toMatchObject({ code: 'NETWORK_OR_CORS' });
    expect(asked).toBe(1);
    expect(await vault.get('sw')).toBeNull();
  });

  it('Foxy: a renewal gives up, keeps the refresh token, and does not hold the store for ever', async () => {
    const { connections, vault } = await setup();
    const saved = {
      v: 2 as const,
      storeId: 'fx',
      kind: 'foxy' as const,
      mode: 'token-bundle',
      tokens: { accessToken: 'at-old', refreshToken: 'rt-kept', tokenType: 'bearer' as const, scopes: ['store_full_access'], expiresAt: Date.now() - 1000, obtainedAt: Date.now() - 7_200_000 },
      secrets: { clientId: 'client_1', clientSecret: 'secret', refreshToken: 'rt-kept' },
    };
    await vault.put(saved);
    await expect(within(connections.handleUnauthorized('fx', 'at-old'))).rejects.toMatchObject({ code: 'TOKEN_RENEWAL_UNAVAILABLE' });
    expect(asked).toBe(1);
    expect((await vault.get('fx'))?.secrets?.['refreshToken']).toBe('rt-kept');
    // the store is not held: the next try runs (and gives up) in its turn too
    await expect(within(connections.handleUnauthorized('fx', 'at-old'))).rejects.toMatchObject({ code: 'TOKEN_RENEWAL_UNAVAILABLE' });
    expect(asked).toBe(2);
  });
});

/** A caller's long-lived signal that knows which 'abort' listeners it holds now. */
function countedSignal(): { signal: AbortSignal; controller: AbortController; held: () => number } {
  const controller = new AbortController();
  const signal = controller.signal;
  const listeners = new Set<unknown>();
  const { addEventListener: add, removeEventListener: remove } = EventTarget.prototype;
  signal.addEventListener = (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) => {
    if (type === 'abort') listeners.add(listener);
    add.call(signal, type, listener, options);
  };
  signal.removeEventListener = (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) => {
    if (type === 'abort') listeners.delete(listener);
    remove.call(signal, type, listener, options);
  };
  return { signal, controller, held: () => listeners.size };
}

describe('fetchWithTimeout and the caller’s signal', () => {
  it('leaves no listener on a long-lived signal once each request is over (answered, failed, timed out)', async () => {
    const { signal, held } = countedSignal();
    const answers = fetchWithTimeout(async () => new Response('{}'), 50);
    const fails = fetchWithTimeout(async () => Promise.reject(new TypeError('Failed to fetch')), 50);
    const stalls = fetchWithTimeout(silent, 20);
    for (let i = 0; i < 3; i++) await answers('https://shop.example/token', { signal });
    await expect(fails('https://shop.example/token', { signal })).rejects.toThrow(TypeError);
    await expect(stalls('https://shop.example/token', { signal })).rejects.toThrow('the store did not answer in time');
    expect(held()).toBe(0);
  });

  it('still passes the caller’s abort on to a request in flight', async () => {
    const { signal, controller, held } = countedSignal();
    const pending = fetchWithTimeout(silent, 10_000)('https://shop.example/token', { signal });
    expect(held()).toBe(1);
    controller.abort(new DOMException('left', 'AbortError'));
    await expect(pending).rejects.toThrow('left');
  });

  it('hands an answer with status 0 (an API request’s redirect, not followed) back as it came, as the clients expect', async () => {
    const answer = await fetchWithTimeout(async () => Response.error(), 50)('https://shop.example/api/v1/products', { redirect: 'manual' });
    expect(answer.status).toBe(0);
  });
});
