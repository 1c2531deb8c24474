/**
 * A Goodsie sign-in the store ended (a renewal answered invalid_grant, a 401 that cannot be renewed,
 * a token that ran out with no way to renew it) is deleted, and the AuthService leaves the same marker
 * of why as the seam's stores do (storage/ended-markers.ts): the reason and the time, never a token,
 * so that the stores list and the store screen say why after a reload (state/ended-before.ts). A new
 * sign-in clears it, and so does Sign out; a passing failure leaves none.
 */
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuthService } from '../../../src/lib/auth/auth-service.ts';
import type { AppConfig, GoodsieStoreConfig } from '../../../src/lib/config/types.ts';
import { captureRedirect } from '../../../src/lib/oauth/callback.ts';
import { loadProfiles, knownProviderKinds } from '../../../src/lib/providers/registry.ts';
import { endedWhen } from '../../../src/lib/providers/ended-words.ts';
import readEndedBefore from '../../../src/lib/state/ended-before.ts';
import { openStorage, type OpenedStorage } from '../../../src/lib/storage/kv.ts';
import { catchAppError } from '../../helpers/catch-error.ts';
import { json, useTokenEndpoint } from '../../helpers/fake-fetch.ts';

await loadProfiles(knownProviderKinds());

const REDIRECT = 'https://cdn.example.com/shops/bolt/';
const TOKEN_ENDPOINT = 'https://auth.bolt.example/oauth2/access_token';
const bolt: GoodsieStoreConfig = {
  id: 'bolt',
  kind: 'goodsie',
  name: 'Bolt',
  authorizationEndpoint: 'https://auth.bolt.example/oauth2/authorize',
  tokenEndpoint: TOKEN_ENDPOINT,
  apiBase: 'https://api.bolt.example/api/v1',
  clientId: 'bolt-client',
  redirectUri: REDIRECT,
  defaultScopes: ['storefront'],
  flow: 'code',
};
const acme: GoodsieStoreConfig = { ...bolt, id: 'acme', name: 'Acme', flow: 'token', redirectUri: 'https://cdn.example.com/shops/acme/' };
delete acme.tokenEndpoint;
const config: AppConfig = { stores: [bolt, acme] };
const T0 = 1_700_000_000_000;

let storage: OpenedStorage;
let clock: { now: number };
let navigated: string[];
let tokenAnswer: () => Response;
const endpoint = useTokenEndpoint(TOKEN_ENDPOINT, () => tokenAnswer());

beforeEach(async () => {
  storage = await openStorage({ indexedDB: new IDBFactory() });
  clock = { now: T0 };
  navigated = [];
  tokenAnswer = () => json({ access_token: 'BOLT-AT1', token_type: 'Bearer', expires_in: 3600, refresh_token: 'BOLT-RT1', scope: 'storefront' });
});

const service = () =>
  AuthService.create({ config, fetch: endpoint.fetch, navigate: (url) => navigated.push(url), now: () => clock.now, storage, loadCodeFlow: () => import('../../../src/lib/oidc/code-flow.ts') });

async function signIn(auth: AuthService, storeId: 'bolt' | 'acme'): Promise<void> {
  await auth.beginSignIn(storeId);
  const state = new URL(navigated.at(-1)!).searchParams.get('state')!;
  const store = storeId === 'bolt' ? bolt : acme;
  const captured = captureRedirect(storeId === 'bolt' ? `${REDIRECT}?code=C&state=${state}` : `${store.redirectUri}#access_token=ACME-AT&token_type=bearer&expires_in=100&state=${state}`);
  await auth.completeSignIn(captured!);
}

/** Every value the sealed storage holds, read as the app reads it (decrypted), as text, to look for a token. */
const everything = async () => JSON.stringify(await Promise.all((await storage.sealed.keys()).map(async (k) => [k, await storage.sealed.get(k).catch(() => null)])));

describe('a Goodsie sign-in the store ended leaves a marker of why, with no token', () => {
  it('a renewal answered invalid_grant: the session is deleted and ended:<store> says refused and when, and holds no token', async () => {
    const auth = await service();
    await signIn(auth, 'bolt');
    expect(await everything()).toContain('BOLT-RT1'); // the look below finds a token where one is kept
    tokenAnswer = () => json({ error: 'invalid_grant' }, 400);
    clock.now = T0 + 5_000;
    expect((await catchAppError(() => auth.handleUnauthorized('bolt', 'BOLT-AT1'))).code).toBe('TOKEN_EXPIRED');
    expect(await auth.getSession('bolt')).toBeNull();
    expect(await storage.sealed.get('ended:bolt')).toEqual({ v: 1, at: T0 + 5_000, reason: 'refused' });
    const stored = await everything();
    expect(stored).not.toContain('BOLT-AT1');
    expect(stored).not.toContain('BOLT-RT1');
  });

  it('read after a reload in the words of a store that connects on its own page', async () => {
    const auth = await service();
    await signIn(auth, 'bolt');
    tokenAnswer = () => json({ error: 'invalid_grant' }, 400);
    await auth.handleUnauthorized('bolt', 'BOLT-AT1').catch(() => undefined);
    const when = endedWhen(T0);
    expect(await readEndedBefore(storage.sealed, config)).toEqual({
      bolt: { status: `Access ended by the store on ${when} · Connect to allow it again`, detail: `Bolt stopped accepting this app’s access on ${when}. Connect to allow it again.` },
    });
  });

  it('a 401 on a token that cannot be renewed says refused; a token that ran out says expired', async () => {
    const auth = await service();
    await signIn(auth, 'acme');
    await auth.handleUnauthorized('acme', 'ACME-AT').catch(() => undefined);
    expect(await storage.sealed.get('ended:acme')).toEqual({ v: 1, at: T0, reason: 'refused' });
    await signIn(auth, 'acme');
    clock.now = T0 + 100_001;
    expect((await catchAppError(() => auth.getAccessToken('acme'))).code).toBe('TOKEN_EXPIRED');
    expect(await storage.sealed.get('ended:acme')).toEqual({ v: 1, at: T0 + 100_001, reason: 'expired' });
  });

  it('a renewal that fails for a passing reason leaves none, and keeps the session', async () => {
    const auth = await service();
    await signIn(auth, 'bolt');
    tokenAnswer = () => json({ error: 'temporarily_unavailable' }, 503);
    expect((await catchAppError(() => auth.handleUnauthorized('bolt', 'BOLT-AT1'))).code).toBe('TOKEN_RENEWAL_UNAVAILABLE');
    expect(await storage.sealed.get('ended:bolt')).toBeUndefined();
    expect(await auth.getSession('bolt')).not.toBeNull();
  });

  it('a new sign-in clears the marker, and so does Sign out', async () => {
    const auth = await service();
    await signIn(auth, 'bolt');
    tokenAnswer = () => json({ error: 'invalid_grant' }, 400);
    await auth.handleUnauthorized('bolt', 'BOLT-AT1').catch(() => undefined);
    tokenAnswer = () => json({ access_token: 'BOLT-AT2', token_type: 'Bearer', expires_in: 3600, refresh_token: 'BOLT-RT2', scope: 'storefront' });
    await signIn(auth, 'bolt');
    expect(await storage.sealed.get('ended:bolt')).toBeUndefined();

    tokenAnswer = () => json({ error: 'invalid_grant' }, 400);
    await auth.handleUnauthorized('bolt', 'BOLT-AT2').catch(() => undefined);
    expect(await storage.sealed.get('ended:bolt')).toMatchObject({ reason: 'refused' });
    await auth.signOut('bolt');
    expect(await storage.sealed.get('ended:bolt')).toBeUndefined();
  });
});
