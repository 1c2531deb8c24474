import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { CredentialVault } from '../../../src/lib/storage/credential-vault.ts';
import { TokenVault } from '../../../src/lib/storage/token-vault.ts';
import type { Credential } from '../../../src/lib/connect/credential.ts';
import { catchAppError } from '../../helpers/catch-error.ts';

const tokens = { accessToken: 'at', tokenType: 'bearer' as const, scopes: ['storefront'], expiresAt: 5, obtainedAt: 1, refreshToken: 'rt' };

async function setup() {
  const { store } = await openStorage({ indexedDB: new IDBFactory() });
  return { store, vault: new CredentialVault(store, { v1Mode: (id) => (id === 'pkce' ? 'code' : 'implicit') }) };
}

describe('CredentialVault (record v2)', () => {
  it('writes and reads v2 records with tokens, pasted secrets and probed capabilities', async () => {
    const { store, vault } = await setup();
    const hippo: Credential = { v: 2, storeId: 'hippo', kind: 'storehippo', mode: 'access-key', secrets: { accessKey: 'k'.repeat(24) }, capabilities: ['browse', 'viewOrders'] };
    await vault.put(hippo);
    expect(await vault.get('hippo')).toEqual(hippo);
    expect(await store.get('session:hippo')).toMatchObject({ v: 2, kind: 'storehippo' });
    await vault.delete('hippo');
    expect(await vault.get('hippo')).toBeNull();
  });

  it('reads a v1 Goodsie record as kind goodsie with the mode of the store config', async () => {
    const { store, vault } = await setup();
    await new TokenVault(store).put({ storeId: 'pkce', tokens });
    expect(await vault.get('pkce')).toEqual({ v: 2, storeId: 'pkce', kind: 'goodsie', mode: 'code', tokens });
  });

  it.each([
    ['an unknown kind', { v: 2, storeId: 'x', kind: 'magento', mode: 'm', secrets: { a: 'b' } }],
    ['another store id', { v: 2, storeId: 'y', kind: 'foxy', mode: 'token-bundle', secrets: { a: 'b' } }],
    ['no tokens and no secrets', { v: 2, storeId: 'x', kind: 'foxy', mode: 'token-bundle' }],
    ['an unknown capability', { v: 2, storeId: 'x', kind: 'storehippo', mode: 'access-key', secrets: { a: 'b' }, capabilities: ['root'] }],
    ['a version from the future', { v: 3, storeId: 'x' }],
  ])('discards %s with STORAGE_CORRUPT once, never a crash', async (_name, record) => {
    const { store, vault } = await setup();
    await store.set('session:x', record);
    expect((await catchAppError(() => vault.get('x'))).code).toBe('STORAGE_CORRUPT');
    expect(await store.get('session:x')).toBeUndefined();
    expect(await vault.get('x')).toBeNull();
  });

  it('lets the Goodsie token vault read v2 Goodsie records and leave other kinds alone', async () => {
    const { store, vault } = await setup();
    await vault.put({ v: 2, storeId: 'demo', kind: 'goodsie', mode: 'implicit', tokens });
    await vault.put({ v: 2, storeId: 'foxy', kind: 'foxy', mode: 'token-bundle', secrets: { clientId: 'c' } });
    const old = new TokenVault(store);
    expect(await old.list()).toEqual({
      sessions: [{ storeId: 'demo', tokens }],
      discarded: [],
      seamRecords: new Map([['foxy', { v: 2, storeId: 'foxy', kind: 'foxy', mode: 'token-bundle', secrets: { clientId: 'c' } }]]),
    });
    expect(await store.get('session:foxy')).toBeDefined();
  });
});
