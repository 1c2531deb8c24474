import { describe, expect, it } from 'vitest';
import { openStorage, type KeyValueStore } from '../../../src/lib/storage/kv.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import { TokenVault } from '../../../src/lib/storage/token-vault.ts';
import type { StoreSession } from '../../../src/lib/oauth/types.ts';
import { IDBFactory } from 'fake-indexeddb';
import { catchAppError } from '../../helpers/catch-error.ts';

const session = (storeId: string, extra: Partial<StoreSession['tokens']> = {}): StoreSession => ({
  storeId,
  tokens: { accessToken: `at-${storeId}`, tokenType: 'bearer', scopes: ['storefront'], expiresAt: null, obtainedAt: 1, ...extra },
});

describe('TokenVault', () => {
  it('puts, gets, lists and deletes one record per store', async () => {
    const { store } = await openStorage({ indexedDB: new IDBFactory() });
    const vault = new TokenVault(store);
    await vault.put(session('acme', { refreshToken: 'rt', expiresAt: 99 }));
    await vault.put(session('bolt'));
    expect(await vault.get('acme')).toEqual(session('acme', { refreshToken: 'rt', expiresAt: 99 }));
    expect(await vault.list()).toEqual({ sessions: [session('acme', { refreshToken: 'rt', expiresAt: 99 }), session('bolt')], discarded: [], seamRecords: new Map() });
    await vault.put(session('acme', { accessToken: 'replaced' }));
    expect((await vault.get('acme'))?.tokens.accessToken).toBe('replaced');
    await vault.delete('acme');
    expect(await vault.get('acme')).toBeNull();
    expect(await store.get('session:bolt')).toMatchObject({ v: 1 });
  });

  it.each([
    ['not an object', 'garbage'],
    ['another schema version', { v: 2, session: session('acme') }],
    ['a record for another store', { v: 1, session: session('evil') }],
    ['a numeric token', { v: 1, session: { storeId: 'acme', tokens: { ...session('acme').tokens, accessToken: 5 } } }],
    ['a mac token', { v: 1, session: { storeId: 'acme', tokens: { ...session('acme').tokens, tokenType: 'mac' } } }],
    ['unrequested scopes not strings', { v: 1, session: { storeId: 'acme', tokens: { ...session('acme').tokens, unrequestedScopes: 'admin' } } }],
    ['scopes not strings', { v: 1, session: { storeId: 'acme', tokens: { ...session('acme').tokens, scopes: [1] } } }],
    ['a string expiry', { v: 1, session: { storeId: 'acme', tokens: { ...session('acme').tokens, expiresAt: 'soon' } } }],
  ])('discards %s without breaking the list', async (_label, corrupt) => {
    const store = createMemoryStore();
    const vault = new TokenVault(store);
    await vault.put(session('bolt'));
    await store.set('session:acme', corrupt);
    expect(await vault.list()).toEqual({ sessions: [session('bolt')], discarded: ['acme'], seamRecords: new Map() });
    expect(await store.get('session:acme')).toBeUndefined();
    expect(await vault.list()).toEqual({ sessions: [session('bolt')], discarded: [], seamRecords: new Map() });
  });

  it('get reports a corrupt record once as STORAGE_CORRUPT with the store id, then forgets it', async () => {
    const store = createMemoryStore();
    const vault = new TokenVault(store);
    await store.set('session:acme', { v: 1, session: null });
    const error = await catchAppError(() => vault.get('acme'));
    expect(error.code).toBe('STORAGE_CORRUPT');
    expect(error.storeId).toBe('acme');
    expect(await vault.get('acme')).toBeNull();
  });

  it('discards a record that cannot be read', async () => {
    const base = createMemoryStore();
    const flaky: KeyValueStore = {
      ...base,
      get: async (key) => {
        if (key === 'session:acme') throw new DOMException('read failed', 'UnknownError');
        return base.get(key);
      },
    };
    const vault = new TokenVault(flaky);
    await vault.put(session('acme'));
    await vault.put(session('bolt'));
    expect(await vault.list()).toEqual({ sessions: [session('bolt')], discarded: ['acme'], seamRecords: new Map() });
    expect(await base.get('session:acme')).toBeUndefined();
  });

  it('lists by reading each record once, all at once (a returning visitor waits for the list)', async () => {
    const base = createMemoryStore();
    const reads: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const counted: KeyValueStore = {
      ...base,
      get: async (key) => {
        reads.push(key);
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return base.get(key);
      },
    };
    const vault = new TokenVault(counted);
    await vault.put(session('acme'));
    await vault.put(session('bolt'));
    await base.set('session:fx', { v: 2, storeId: 'fx', kind: 'foxy' }); // the seam's record: left alone
    // The seam's record comes back as read, for the credential vault to check without a second read.
    expect(await vault.list()).toEqual({ sessions: [session('acme'), session('bolt')], discarded: [], seamRecords: new Map([['fx', { v: 2, storeId: 'fx', kind: 'foxy' }]]) });
    expect(reads.sort()).toEqual(['session:acme', 'session:bolt', 'session:fx']);
    expect(mostInFlight).toBe(3);
    expect(await base.get('session:fx')).toEqual({ v: 2, storeId: 'fx', kind: 'foxy' });
  });

  it('keeps a seam record found under an odd key (session:__proto__) by its name, changing no object’s prototype', async () => {
    const base = createMemoryStore();
    const record = { v: 2, storeId: '__proto__', kind: 'foxy', mode: 'token-bundle', secrets: { clientSecret: 's' } };
    await base.set('session:__proto__', record);
    const { seamRecords } = await new TokenVault(base).list();
    expect([...seamRecords.keys()]).toEqual(['__proto__']);
    expect(seamRecords.get('__proto__')).toEqual(record);
    expect(seamRecords.get('fx')).toBeUndefined();
    expect(Object.getPrototypeOf(seamRecords)).toBe(Map.prototype);
  });

  it('keeps the scopes a server granted unasked with the token (the embed check reads them after a reload)', async () => {
    const vault = new TokenVault(createMemoryStore());
    await vault.put(session('acme', { unrequestedScopes: ['admin'] }));
    expect((await vault.get('acme'))?.tokens.unrequestedScopes).toEqual(['admin']);
  });

  it('stores a clean copy, not extra fields', async () => {
    const store = createMemoryStore();
    const vault = new TokenVault(store);
    await vault.put({ ...session('acme'), tokens: { ...session('acme').tokens, extra: 'x' } } as StoreSession);
    expect(await store.get('session:acme')).toEqual({ v: 1, session: session('acme') });
  });
});
