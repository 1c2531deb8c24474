import { describe, expect, it } from 'vitest';
import type { PendingSignIn } from '../../../src/lib/connect/connector.ts';
import type { GoodsieStoreConfig } from '../../../src/lib/connect/store-config.ts';
import { goodsieImplicitConnector } from '../../../src/lib/providers/goodsie-implicit.ts';
import { catchAppError } from '../../helpers/catch-error.ts';

const store: GoodsieStoreConfig = {
  id: 'acme',
  kind: 'goodsie',
  name: 'Acme',
  authorizationEndpoint: 'https://auth.acme.example/oauth2/authorize',
  tokenEndpoint: 'https://auth.acme.example/oauth2/access_token',
  apiBase: 'https://api.acme.example',
  clientId: 'app',
  redirectUri: 'https://app.example/',
  defaultScopes: ['storefront'],
  flow: 'token',
};
const ctx = { store, fetch: () => Promise.reject(new Error('the implicit flow fetches nothing')), now: () => 1_000_000 };

describe('Goodsie’s implicit flow as a seam connector', () => {
  it('begin hands its single-use record to the caller’s store (prefixed state) and returns the authorization URL', async () => {
    const saved: PendingSignIn[] = [];
    const url = await goodsieImplicitConnector.begin(ctx, { scopes: ['storefront'], returnTo: '/s/acme/embed', statePrefix: 'e.', savePending: async (p) => void saved.push(p) });
    expect(saved).toHaveLength(1);
    const [pending] = saved;
    expect(pending).toMatchObject({ storeId: 'acme', mode: 'implicit', scopes: ['storefront'], returnTo: '/s/acme/embed', createdAt: 1_000_000 });
    expect(pending!.state.startsWith('e.')).toBe(true);
    expect(url.origin + url.pathname).toBe(store.authorizationEndpoint);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ response_type: 'token', client_id: 'app', redirect_uri: 'https://app.example/', scope: 'storefront', state: pending!.state });
  });

  it('complete reads the token for its record, counting the lifetime from receipt; a foreign state is refused', async () => {
    const pending: PendingSignIn = { state: 's1', storeId: 'acme', mode: 'implicit', scopes: ['storefront'], returnTo: '/', createdAt: 0 };
    const params = new URLSearchParams({ access_token: 'tok', token_type: 'Bearer', expires_in: '3600', state: 's1', scope: 'storefront' });
    const issued = await goodsieImplicitConnector.complete(ctx, { responseMode: 'fragment', params, receivedAt: 2_000_000 }, pending);
    expect(issued.tokens?.accessToken).toBe('tok');
    expect(issued.tokens?.expiresAt).toBe(2_000_000 + 3_600_000);
    const foreign = new URLSearchParams({ access_token: 'tok', token_type: 'Bearer', state: 'other' });
    expect((await catchAppError(() => goodsieImplicitConnector.complete(ctx, { responseMode: 'fragment', params: foreign }, pending))).code).toMatch(/^OAUTH_STATE/);
  });
});
