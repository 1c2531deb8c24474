import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openStorage, type OpenedStorage } from '../../../src/lib/storage/kv.ts';
import { CopiedSnippets } from '../../../src/lib/storage/copied-snippets.ts';
import { signOutEndsSnippet } from '../../../src/lib/state/copied-snippet.ts';
import type { Session } from '../../../src/lib/state/session.svelte.ts';
import type { TokenSet } from '../../../src/lib/oauth/types.ts';

const NOW = 10_000;

/** The one thing the check asks of the session: the store's sign-in and its token. */
function sessionWith(tokens: Partial<TokenSet> | null): Session {
  const full: TokenSet = { accessToken: 'app-token', tokenType: 'bearer', scopes: ['storefront'], expiresAt: null, obtainedAt: 500, ...tokens };
  return { sessionFor: (storeId: string) => (tokens && storeId === 'demo' ? { storeId, tokens: full } : undefined) } as unknown as Session;
}

async function storageWith(marker: { obtainedAt: number; expiresAt: number | null } | null): Promise<OpenedStorage> {
  const storage = await openStorage({ indexedDB: new IDBFactory() });
  if (marker) await new CopiedSnippets(storage.store).note('demo', { copiedAt: 600, ...marker });
  return storage;
}

describe('signOutEndsSnippet', () => {
  it('says yes while the snippet copied carries the token this sign-in holds', async () => {
    const storage = await storageWith({ obtainedAt: 500, expiresAt: null });
    expect(await signOutEndsSnippet(sessionWith({}), 'demo', { storage, now: NOW })).toBe(true);
    // and until that token's own end
    const expiring = await storageWith({ obtainedAt: 500, expiresAt: NOW + 1 });
    expect(await signOutEndsSnippet(sessionWith({ expiresAt: NOW + 1 }), 'demo', { storage: expiring, now: NOW })).toBe(true);
  });

  it('says yes after the sign-in renewed a token with a lifetime, while the copied one still works: signing out revokes their grant', async () => {
    const storage = await storageWith({ obtainedAt: 500, expiresAt: NOW + 1 });
    expect(await signOutEndsSnippet(sessionWith({ obtainedAt: 700, expiresAt: NOW + 5_000 }), 'demo', { storage, now: NOW })).toBe(true);
  });

  it('says no, and asks nothing of storage, without a marker or without a sign-in', async () => {
    expect(await signOutEndsSnippet(sessionWith({}), 'demo', { storage: await storageWith(null), now: NOW })).toBe(false);
    const storage = await storageWith({ obtainedAt: 500, expiresAt: null });
    expect(await signOutEndsSnippet(sessionWith(null), 'demo', { storage, now: NOW })).toBe(false);
    expect(await new CopiedSnippets(storage.store).get('demo')).not.toBeNull();
  });

  it.each([
    ['a new sign-in replaced the token (without a lifetime: never renewed) the snippet carries', { obtainedAt: 400, expiresAt: null }],
    ['the token the snippet carries has expired (its pages show nothing already)', { obtainedAt: 500, expiresAt: NOW }],
  ])('says no, and forgets the marker, when %s', async (_label, marker) => {
    const storage = await storageWith(marker);
    expect(await signOutEndsSnippet(sessionWith({}), 'demo', { storage, now: NOW })).toBe(false);
    expect(await new CopiedSnippets(storage.store).get('demo')).toBeNull();
  });

  it('says no when storage fails: nothing stands between the person and signing out', async () => {
    const storage = await storageWith({ obtainedAt: 500, expiresAt: null });
    const broken: OpenedStorage = { ...storage, store: { ...storage.store, get: () => Promise.reject(new Error('IndexedDB failed')) } };
    expect(await signOutEndsSnippet(sessionWith({}), 'demo', { storage: broken, now: NOW })).toBe(false);
  });
});
