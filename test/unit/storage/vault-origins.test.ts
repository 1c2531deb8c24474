/**
 * Security case 25, a key that does not match its store: a saved connection records the servers it
 * was made for, and one whose store config.json now points at other servers (an apiBase moved to
 * another host) is discarded like a damaged record, its token never sent. Both vaults: Goodsie's
 * token vault and the seam's credential vault (through StoreConnections, as the app builds it).
 */
import { describe, expect, it } from 'vitest';
import { credentialOrigins, madeFor } from '../../../src/lib/connect/credential-origins.ts';
import type { Credential } from '../../../src/lib/connect/credential.ts';
import type { StoreConfig } from '../../../src/lib/connect/store-config.ts';
import type { AppConfig } from '../../../src/lib/config/types.ts';
import type { StoreSession } from '../../../src/lib/oauth/types.ts';
import { StoreConnections } from '../../../src/lib/state/store-connections.ts';
import { CredentialVault } from '../../../src/lib/storage/credential-vault.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import { TokenVault, type StoreLookup } from '../../../src/lib/storage/token-vault.ts';
import { catchAppError } from '../../helpers/catch-error.ts';

const goodsie = (apiBase: string, extra: Partial<Extract<StoreConfig, { kind: 'goodsie' }>> = {}): StoreConfig => ({
  id: 'acme',
  kind: 'goodsie',
  name: 'Acme',
  apiBase,
  authorizationEndpoint: 'https://auth.acme.example/authorize',
  clientId: 'c',
  redirectUri: 'https://app.example/',
  defaultScopes: ['storefront'],
  flow: 'token',
  ...extra,
});
const lookup = (...stores: StoreConfig[]): StoreLookup => (id) => stores.find((s) => s.id === id);
const session: StoreSession = { storeId: 'acme', tokens: { accessToken: 'at-made-for-acme', tokenType: 'bearer', scopes: ['storefront'], expiresAt: null, obtainedAt: 1, refreshToken: 'rt' } };

describe('credentialOrigins and madeFor', () => {
  it('are the origins a credential is sent to: the API, the token and revocation endpoints, each once', () => {
    expect(credentialOrigins(goodsie('https://api.acme.example/v1', { tokenEndpoint: 'https://auth.acme.example/token', revocationEndpoint: 'https://api.acme.example/revoke' }))).toEqual([
      'https://api.acme.example',
      'https://auth.acme.example',
    ]);
    expect(credentialOrigins(goodsie('http://127.0.0.1:4010/api'))).toEqual(['http://127.0.0.1:4010']);
  });

  it('accept the same servers (a path changed), an older record without origins and an id no longer configured; refuse another host or platform', () => {
    const made = ['https://api.acme.example'];
    expect(madeFor(goodsie('https://api.acme.example/v2'), 'goodsie', made)).toBe(true);
    expect(madeFor(goodsie('https://elsewhere.example'), 'goodsie', undefined)).toBe(true);
    expect(madeFor(undefined, 'goodsie', made)).toBe(true);
    expect(madeFor(goodsie('https://api.acme.example.evil.example'), 'goodsie', made)).toBe(false);
    expect(madeFor(goodsie('http://api.acme.example'), 'goodsie', made)).toBe(false);
    expect(madeFor(goodsie('https://api.acme.example', { flow: 'code', tokenEndpoint: 'https://token.elsewhere.example/token' }), 'goodsie', made)).toBe(false);
    expect(madeFor(goodsie('https://api.acme.example'), 'foxy', made)).toBe(false);
  });
});

describe('TokenVault with the stores config.json gives (Goodsie)', () => {
  it('records the origins it writes a session for', async () => {
    const store = createMemoryStore();
    await new TokenVault(store, { storeOf: lookup(goodsie('https://api.acme.example/v1')) }).put(session);
    expect(await store.get('session:acme')).toMatchObject({ v: 1, origins: ['https://api.acme.example'] });
  });

  it('discards a session made for another server, in the listing and on a read, and keeps one made for this', async () => {
    const store = createMemoryStore();
    await new TokenVault(store, { storeOf: lookup(goodsie('https://old.acme.example')) }).put(session);
    expect(await new TokenVault(store, { storeOf: lookup(goodsie('https://old.acme.example/v2')) }).get('acme')).toEqual(session);

    const moved = new TokenVault(store, { storeOf: Promise.resolve(lookup(goodsie('https://new.acme.example'))) });
    expect(await moved.list()).toEqual({ sessions: [], discarded: ['acme'], seamRecords: new Map() });
    expect(await store.get('session:acme')).toBeUndefined();

    await new TokenVault(store, { storeOf: lookup(goodsie('https://old.acme.example')) }).put(session);
    const error = await catchAppError(() => moved.get('acme'));
    expect(error.code).toBe('STORAGE_CORRUPT');
    expect(await store.get('session:acme')).toBeUndefined();
  });

  it('discards a Goodsie record under an id config.json now gives another platform', async () => {
    const store = createMemoryStore();
    await store.set('session:acme', { v: 1, session });
    const foxy: StoreConfig = { id: 'acme', kind: 'foxy', name: 'Acme', apiBase: 'https://api.acme.example', auth: ['token-bundle'] };
    expect(await new TokenVault(store, { storeOf: lookup(foxy) }).list()).toMatchObject({ sessions: [], discarded: ['acme'] });
    expect(await store.get('session:acme')).toBeUndefined();
  });

  it('keeps a record written before origins were recorded, and a record whose config.json is broken (nothing is checked)', async () => {
    const store = createMemoryStore();
    await store.set('session:acme', { v: 1, session });
    expect((await new TokenVault(store, { storeOf: lookup(goodsie('https://anywhere.example')) }).list()).sessions).toEqual([session]);
    await new TokenVault(store, { storeOf: lookup(goodsie('https://old.acme.example')) }).put(session);
    const broken = Promise.reject(new Error('config.json is broken'));
    expect((await new TokenVault(store, { storeOf: broken }).list()).sessions).toEqual([session]);
    expect(await store.get('session:acme')).toMatchObject({ origins: ['https://old.acme.example'] });
  });

  it('discards a record whose origins are not a list of strings', async () => {
    const store = createMemoryStore();
    await store.set('session:acme', { v: 1, session, origins: 'https://api.acme.example' });
    expect(await new TokenVault(store).list()).toMatchObject({ sessions: [], discarded: ['acme'] });
  });
});

describe('the seam credential vault with the stores config.json gives', () => {
  const hippo = (apiBase: string): AppConfig => ({
    stores: [{ id: 'shop', kind: 'storehippo', name: 'Shop', apiBase, apiVersion: '1.1', auth: ['access-key'], currency: 'INR' }],
  });
  const credential: Credential = { v: 2, storeId: 'shop', kind: 'storehippo', mode: 'access-key', secrets: { accessKey: 'key-made-for-the-old-host' } };
  const seam = (config: AppConfig, store: ReturnType<typeof createMemoryStore>) =>
    new StoreConnections({ config, fetch: () => Promise.reject(new Error('no request expected')), store });

  it.each([
    ['read from storage', false],
    ['as the vault listing read it', true],
  ])('discards a credential made for another host (%s), keeps one made for this host, records origins on write', async (_how, fromListing) => {
    const store = createMemoryStore();
    const old = seam(hippo('https://old-shop.example/api'), store);
    // Written as StoreConnections' own vault writes it (store-connections.ts #load).
    await new CredentialVault(store, { v1Mode: () => 'implicit', storeOf: (id) => hippo('https://old-shop.example/api').stores.find((s) => s.id === id) }).put(credential);
    const written = await store.get('session:shop');
    expect(written).toMatchObject({ origins: ['https://old-shop.example'] });
    expect((await old.list(fromListing ? new Map([['shop', written]]) : undefined)).credentials.map((c) => c.storeId)).toEqual(['shop']);

    const moved = seam(hippo('https://new-shop.example/api'), store);
    const { credentials, discarded } = await moved.list(fromListing ? new Map([['shop', written]]) : undefined);
    expect(credentials).toEqual([]);
    expect(discarded).toEqual(['shop']);
    expect(await store.get('session:shop')).toBeUndefined();
  });
});
