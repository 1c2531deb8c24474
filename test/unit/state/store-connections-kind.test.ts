/**
 * Security case 25: a saved connection of another platform than config.json now gives its store
 * (the entry moved from FlickRocket to StoreHippo, say) is discarded with the "damaged" notice,
 * never used: its token would go to the new platform's address.
 */
import { describe, expect, it } from 'vitest';
import { StoreConnections } from '../../../src/lib/state/store-connections.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import type { AppConfig } from '../../../src/lib/config/types.ts';
import type { Credential } from '../../../src/lib/connect/credential.ts';

const config: AppConfig = {
  stores: [
    { id: 'shop', kind: 'storehippo', name: 'Shop', apiBase: 'https://shop.example', apiVersion: '1.1', auth: ['access-key'], currency: 'INR' },
    { id: 'fr', kind: 'flickrocket', name: 'FR', authorizationEndpoint: 'https://fr.example/oauth2/auth', tokenEndpoint: 'https://fr.example/token', apiBase: 'https://fr.example', clientId: 'c', redirectUri: 'https://app.example/', defaultScopes: ['products'] },
  ],
};

const tokens = { accessToken: 'at-of-the-old-platform', tokenType: 'bearer' as const, scopes: ['products'], expiresAt: null, obtainedAt: 1, refreshToken: 'rt' };
const movedAway: Credential = { v: 2, storeId: 'shop', kind: 'flickrocket', mode: 'redirect', tokens };
const stillThere: Credential = { v: 2, storeId: 'fr', kind: 'flickrocket', mode: 'redirect', tokens };

describe('StoreConnections: a record of another platform than config.json names', () => {
  it.each([
    ['read from storage', false],
    ['as the vault listing read it', true],
  ])('is discarded and deleted (%s); a record of the right platform is kept', async (_how, fromListing) => {
    const store = createMemoryStore();
    await store.set('session:shop', movedAway);
    await store.set('session:fr', stillThere);
    const seam = new StoreConnections({ config, fetch: () => Promise.reject(new Error('no request expected')), store });
    const listed = fromListing ? new Map<string, unknown>([['shop', movedAway], ['fr', stillThere]]) : undefined;
    const { credentials, discarded } = await seam.list(listed);
    expect(discarded).toEqual(['shop']);
    expect(credentials.map((c) => c.storeId)).toEqual(['fr']);
    expect(await store.get('session:shop')).toBeUndefined();
    expect(await seam.current('shop')).toBeNull();
  });
});
