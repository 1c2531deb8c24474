/**
 * A redirect seam kind (FlickRocket) through StoreConnections against the faithful server: the
 * pending record waits under the redirect page (FlickRocket does not echo `state`) and is taken only
 * in the tab that began it, a callback is completed once (a replay spends nothing), a callback with
 * no sign-in waiting or older than 10 minutes is refused unexchanged, and without CORS nothing is
 * kept at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreConnections, redirectSlot } from '../../../src/lib/state/store-connections.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import type { CapturedRedirect } from '../../../src/lib/oauth/callback.ts';
import type { AppConfig } from '../../../src/lib/config/types.ts';
import { DEFAULT_CLIENT, startFlickRocketStore, type FlickRocketStore } from '../../platforms/flickrocket/server.ts';
import { flickRocketStoreConfig } from '../../platforms/flickrocket/store-config.ts';
import { onAPage } from '../../helpers/page-leaving.ts';

const PAGE = DEFAULT_CLIENT.redirectUris[0]!;
let server: FlickRocketStore;
let config: AppConfig;

beforeAll(async () => {
  server = await startFlickRocketStore({ port: 0, hooksPort: null, rateLimit: null });
  config = { stores: [flickRocketStoreConfig(server.origin)] };
});
afterAll(() => server.close());

function callback(params: Record<string, string>): CapturedRedirect {
  return { params: new URLSearchParams(params), responseMode: 'query', cleanHref: PAGE };
}

/** A tab's own storage (its sessionStorage), in memory. */
const tabStorage = createMemoryStore;
/** The tab every sign-in in this file begins and ends in, unless a test says otherwise. */
const thisTab = tabStorage();

function connections(clock = { now: Date.now() }, fetch: typeof globalThis.fetch = globalThis.fetch) {
  return new StoreConnections({ config, fetch, store: createMemoryStore(), now: () => clock.now, tab: thisTab });
}

/**
 * One browser's saved data and a sign-in to FlickRocket begun in one of its tabs (`began`,
 * returning to /s/fr); `inTab` opens the app in another tab of the same browser, with its own
 * storage (null: a tab with none).
 */
async function signInBegunInOneTab() {
  const store = createMemoryStore();
  const inTab = (tab: ReturnType<typeof tabStorage> | null) => new StoreConnections({ config, fetch: globalThis.fetch, store, now: Date.now, tab });
  const began = inTab(tabStorage());
  await began.beginRedirect('fr', { returnTo: '/s/fr', granted: [], persistent: true });
  return { began, inTab };
}

/** The person's own answer, in the tab that began the sign-in: connects, its code exchanged once. */
async function ownAnswerConnects(began: StoreConnections): Promise<void> {
  const own = server.issueRefreshToken(['products']);
  const done = await began.completeRedirect(callback({ code: own, companyid: '4711' }), PAGE);
  expect(done?.returnTo).toBe('/s/fr');
  expect(server.tokenRequestsFor(own)).toBe(1);
}

describe('StoreConnections, redirect kinds', () => {
  it('keys a redirect by the page it returns to (no query, no fragment, no index.html)', () => {
    expect(redirectSlot('https://cdn.example/shops/fr/index.html?code=x#/s/fr')).toBe('https://cdn.example/shops/fr/');
  });

  it('completes the callback once with the record waiting for the page; a replay is refused and spends nothing', async () => {
    const seam = connections();
    // the store's defaults, what was granted, and what is asked for now
    const url = await seam.beginRedirect('fr', { scopes: ['orders'], returnTo: '/s/fr/orders', granted: ['products'], persistent: true });
    expect(url.searchParams.get('scope')).toBe('products,orders');
    const code = server.issueRefreshToken(['products', 'orders']);
    const captured = callback({ code, companyid: '4711' });
    expect(await seam.claims(captured, `${PAGE}?code=x`)).toBe(true);
    const { credential, returnTo } = (await seam.completeRedirect(captured, PAGE))!;
    expect(returnTo).toBe('/s/fr/orders');
    expect(credential.tokens?.scopes).toEqual(['products', 'orders']);
    expect((await seam.current('fr'))?.tokens?.refreshToken).toBe(credential.tokens?.refreshToken);
    await expect(seam.completeRedirect(captured, PAGE)).rejects.toMatchObject({ code: 'OAUTH_STATE_REUSED' });
    expect(server.tokenRequestsFor(code)).toBe(1);
  });

  it('a code the store refuses to exchange (invalid_grant) fails with the page that asked, for a step-up to go back to', async () => {
    const seam = connections();
    await seam.beginRedirect('fr', { scopes: ['orders'], returnTo: '/s/fr/orders', granted: ['products'], persistent: true });
    await expect(seam.completeRedirect(callback({ code: 'f'.repeat(32), companyid: '4711' }), PAGE)).rejects.toMatchObject({
      storeId: 'fr',
      returnTo: '/s/fr/orders',
    });
    expect(await seam.current('fr')).toBeNull();
  });

  it('a callback for a store taken out of config.json since its sign-in began: OAUTH_STORE_UNLISTED, the code not sent', async () => {
    const store = createMemoryStore();
    await new StoreConnections({ config, fetch: globalThis.fetch, store, now: Date.now, tab: thisTab }).beginRedirect('fr', { returnTo: '/', granted: [], persistent: true });
    const redeployed = new StoreConnections({ config: { stores: [] }, fetch: globalThis.fetch, store, now: Date.now, tab: thisTab });
    const code = server.issueRefreshToken(['products']);
    await expect(redeployed.completeRedirect(callback({ code, companyid: '4711' }), PAGE)).rejects.toMatchObject({ code: 'OAUTH_STORE_UNLISTED', storeId: 'fr' });
    expect(server.tokenRequestsFor(code)).toBe(0);
  });

  it('a grant of fewer scopes than asked (orders left out at consent): the credential holds the grant, and what was asked comes back beside it', async () => {
    const seam = connections();
    await seam.beginRedirect('fr', { scopes: ['orders'], returnTo: '/s/fr/orders', granted: ['products'], persistent: true });
    const done = await seam.completeRedirect(callback({ code: server.issueRefreshToken(['products']), companyid: '4711' }), PAGE);
    expect(done?.credential.tokens?.scopes).toEqual(['products']);
    expect(done?.asked).toEqual(['products', 'orders']);
  });

  it('a redirect begun while a renewal spends the refresh token is handed back once the rotated token is written, and leaving asks until then', async () => {
    await onAPage(async (leavingAsks) => {
      let holdRenewals = false;
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let held = 0;
      const fetch: typeof globalThis.fetch = async (input, init) => {
        // a renewal carries a refresh token (in its form body); the CORS probe a redirect's start sends to /token does not
        if (holdRenewals && new URLSearchParams(typeof init?.body === 'string' ? init.body : '').has('refresh_token')) {
          held++;
          await released;
        }
        return globalThis.fetch(input, init);
      };
      const seam = connections(undefined, fetch);
      await seam.beginRedirect('fr', { returnTo: '/', granted: [], persistent: true });
      const code = server.issueRefreshToken(['products']);
      const { credential } = (await seam.completeRedirect(callback({ code, companyid: '4711' }), PAGE))!;
      holdRenewals = true;
      const renewal = seam.handleUnauthorized('fr', credential.tokens!.accessToken);
      await expect.poll(() => held).toBe(1);
      expect(leavingAsks()).toBe(true);
      let handedBack = false;
      const redirect = seam.beginRedirect('fr', { scopes: ['orders'], returnTo: '/s/fr/orders', granted: ['products'], persistent: true }).then((url) => {
        handedBack = true;
        return url;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(handedBack).toBe(false);
      release();
      await renewal;
      expect((await redirect).searchParams.get('scope')).toBe('products,orders');
      expect(leavingAsks()).toBe(false);
      expect((await seam.current('fr'))?.tokens?.refreshToken).not.toBe(credential.tokens?.refreshToken);
    });
  });

  it('a callback with no sign-in waiting, or after 10 minutes, is refused and the code never sent', async () => {
    const clock = { now: Date.now() };
    const seam = connections(clock);
    const code = server.issueRefreshToken(['products']);
    await expect(seam.completeRedirect(callback({ code, companyid: '4711' }), PAGE)).rejects.toMatchObject({ code: 'OAUTH_STATE_MISMATCH' });
    await seam.beginRedirect('fr', { returnTo: '/', granted: [], persistent: true });
    clock.now += 11 * 60_000;
    await expect(seam.completeRedirect(callback({ code, companyid: '4711' }), PAGE)).rejects.toMatchObject({ code: 'OAUTH_STATE_EXPIRED' });
    expect(server.tokenRequestsFor(code)).toBe(0);
    expect(await seam.current('fr')).toBeNull();
  });

  it('a callback without state in another tab than the one that began the sign-in (a login CSRF): refused, nothing spent, the sign-in still waits for its tab', async () => {
    const { began, inTab } = await signInBegunInOneTab();
    // another site opens the app in a new tab with a code of its own account
    const elsewhere = inTab(tabStorage());
    const planted = server.issueRefreshToken(['products']);
    await expect(elsewhere.completeRedirect(callback({ code: planted, companyid: '666' }), PAGE)).rejects.toMatchObject({ code: 'OAUTH_OTHER_TAB', storeId: 'fr' });
    await expect(elsewhere.completeRedirect(callback({ error: 'access_denied' }), PAGE)).rejects.toMatchObject({ code: 'OAUTH_OTHER_TAB' });
    // a tab with no storage of its own at all cannot show it began the sign-in either
    const blind = inTab(null);
    await expect(blind.completeRedirect(callback({ code: planted, companyid: '666' }), PAGE)).rejects.toMatchObject({ code: 'OAUTH_OTHER_TAB' });
    expect(server.tokenRequestsFor(planted)).toBe(0);
    expect(await began.current('fr')).toBeNull();
    // the person's own answer, in the tab that began it, still connects
    await ownAnswerConnects(began);
  });

  it('a forged state beside companyid (security case 2), in any tab: refused, nothing spent, and the waiting sign-in is not burnt', async () => {
    const { began, inTab } = await signInBegunInOneTab();
    const planted = server.issueRefreshToken(['products']);
    const elsewhere = inTab(tabStorage());
    await expect(elsewhere.completeRedirect(callback({ code: planted, companyid: '666', state: 'forged' }), PAGE)).rejects.toMatchObject({ code: 'OAUTH_STATE_MISMATCH' });
    // in the tab that began it too: a state is either the record's or refused
    await expect(began.completeRedirect(callback({ code: planted, companyid: '666', state: 'forged' }), PAGE)).rejects.toMatchObject({ code: 'OAUTH_STATE_MISMATCH' });
    await expect(began.completeRedirect(callback({ error: 'access_denied', companyid: '666', state: 'forged' }), PAGE)).rejects.toMatchObject({ code: 'OAUTH_STATE_MISMATCH' });
    expect(server.tokenRequestsFor(planted)).toBe(0);
    expect(await began.current('fr')).toBeNull();
    // the person's own answer still connects
    await ownAnswerConnects(began);
  });

  it('claims a callback with state only when it is the waiting record’s (Goodsie’s code flow keeps its own)', async () => {
    const seam = connections();
    const url = await seam.beginRedirect('fr', { returnTo: '/', granted: [], persistent: true });
    const state = url.searchParams.get('state')!;
    expect(await seam.claims(callback({ code: 'c', state: 'someone-elses' }), PAGE)).toBe(false);
    expect(await seam.claims(callback({ code: 'c', state }), PAGE)).toBe(true);
    expect(await seam.claims({ ...callback({ access_token: 'a', state }), responseMode: 'fragment' }, PAGE)).toBe(false);
  });

  it('a server that echoes state (some FlickRocket setups): the waiting record’s state completes, once', async () => {
    const seam = connections();
    const url = await seam.beginRedirect('fr', { returnTo: '/', granted: [], persistent: true });
    const code = server.issueRefreshToken(['products']);
    const done = await seam.completeRedirect(callback({ code, state: url.searchParams.get('state')! }), PAGE);
    expect(done?.credential.tokens?.scopes).toEqual(['products']);
    expect(server.tokenRequestsFor(code)).toBe(1);
  });

  it('a callback that is not ours (Goodsie’s code flow) is left alone: null, nothing taken', async () => {
    const seam = connections();
    await seam.beginRedirect('fr', { returnTo: '/', granted: [], persistent: true });
    expect(await seam.completeRedirect(callback({ code: 'c', state: 'goodsie-state' }), PAGE)).toBeNull();
    expect(await seam.claims(callback({ code: 'c' }), PAGE)).toBe(true);
  });

  it('refused without persistent storage (the rotating refresh token would die with the tab), before any request', async () => {
    let sent = 0;
    const counting = ((...args: Parameters<typeof fetch>) => (sent++, globalThis.fetch(...args))) as typeof fetch;
    const seam = connections({ now: Date.now() }, counting);
    await expect(seam.beginRedirect('fr', { returnTo: '/', granted: [], persistent: false })).rejects.toMatchObject({ code: 'STORAGE_NOT_PERSISTENT', storeId: 'fr' });
    expect(sent).toBe(0);
  });

  it('without CORS on /token: refused before consent, no record kept', async () => {
    const noCors = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    const seam = connections({ now: Date.now() }, noCors);
    await expect(seam.beginRedirect('fr', { returnTo: '/', granted: [], persistent: true })).rejects.toMatchObject({ code: 'NETWORK_OR_CORS' });
    await expect(seam.completeRedirect(callback({ code: 'x', companyid: '1' }), PAGE)).rejects.toMatchObject({ code: 'OAUTH_STATE_MISMATCH' });
  });

  describe('bound to where the sign-in was sent (security case 5, mix-up)', () => {
    it('a store whose token endpoint changed in config.json since the sign-in started: refused before the code is sent anywhere', async () => {
      const store = createMemoryStore();
      const before = new StoreConnections({ config, fetch: globalThis.fetch, store, now: Date.now, tab: thisTab });
      await before.beginRedirect('fr', { returnTo: '/', granted: [], persistent: true });
      const moved = { stores: [{ ...config.stores[0]!, tokenEndpoint: 'https://elsewhere.example/token' }] } as AppConfig;
      const after = new StoreConnections({ config: moved, fetch: globalThis.fetch, store, now: Date.now, tab: thisTab });
      const code = server.issueRefreshToken(['products']);
      await expect(after.completeRedirect(callback({ code, companyid: '4711' }), PAGE)).rejects.toMatchObject({ code: 'OAUTH_MIX_UP', storeId: 'fr' });
      expect(server.tokenRequestsFor(code)).toBe(0);
      expect(await after.current('fr')).toBeNull();
    });

    it('a callback that arrived on another address than the sign-in’s redirect URI: refused, the code not sent', async () => {
      const seam = connections();
      await seam.beginRedirect('fr', { returnTo: '/', granted: [], persistent: true });
      const code = server.issueRefreshToken(['products']);
      const elsewhere: CapturedRedirect = { ...callback({ code, companyid: '4711' }), cleanHref: 'https://evil.example/shops/fr/' };
      await expect(seam.completeRedirect(elsewhere, PAGE)).rejects.toMatchObject({ code: 'OAUTH_MIX_UP' });
      expect(server.tokenRequestsFor(code)).toBe(0);
    });

    it('a waiting record with no binding (not written by this version): refused, the code not sent', async () => {
      const store = createMemoryStore();
      const seam = new StoreConnections({ config, fetch: globalThis.fetch, store, now: Date.now, tab: thisTab });
      await seam.beginRedirect('fr', { returnTo: '/', granted: [], persistent: true });
      const key = (await store.keys()).find((k) => k.startsWith('seam-pending:'))!;
      const entry = (await store.get(key)) as { value: Record<string, unknown> };
      delete entry.value['binding'];
      await store.set(key, entry);
      const code = server.issueRefreshToken(['products']);
      await expect(seam.completeRedirect(callback({ code, companyid: '4711' }), PAGE)).rejects.toMatchObject({ code: 'OAUTH_MIX_UP' });
      expect(server.tokenRequestsFor(code)).toBe(0);
    });
  });
});
