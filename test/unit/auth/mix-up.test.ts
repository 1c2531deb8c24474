/**
 * Mix-up defence through the AuthService (RFC 9700 4.4, RFC 9207 2.4; security cases 5 and 6): two
 * stores on two servers share one redirect URI and name their issuers. A response is accepted only
 * when it arrived on its sign-in's redirect URI, the store's configuration is unchanged, and `iss`
 * is exactly the store's issuer (or absent, where the server does not always send it). Every refusal
 * is OAUTH_MIX_UP, before any token request, with nothing stored and the state spent.
 */
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuthService } from '../../../src/lib/auth/auth-service.ts';
import type { AppConfig, GoodsieStoreConfig } from '../../../src/lib/config/types.ts';
import { captureRedirect, type CapturedRedirect } from '../../../src/lib/oauth/callback.ts';
import { openStorage, type OpenedStorage } from '../../../src/lib/storage/kv.ts';
import { catchAppError } from '../../helpers/catch-error.ts';
import { fakeFetch, json, unanswered, type FakeFetch } from '../../helpers/fake-fetch.ts';
import { goodsieEntry } from '../../helpers/auth-tabs.ts';

const APP = 'https://app.example/shops/';
const A = 'https://a.example';
const B = 'https://b.example';
const store = (id: string, origin: string, flow: 'code' | 'token', extra: Partial<GoodsieStoreConfig> = {}): GoodsieStoreConfig =>
  goodsieEntry(id, origin, flow, { redirectUri: APP, issuer: origin, ...extra });

let storage: OpenedStorage;
let network: FakeFetch;
let navigated: string[];

beforeEach(async () => {
  storage = await openStorage({ indexedDB: new IDBFactory() });
  navigated = [];
  network = fakeFetch((request) =>
    request.url.href === `${A}/oauth2/access_token`
      ? json({ access_token: 'A-AT', token_type: 'bearer', expires_in: 3600, refresh_token: 'A-RT' })
      : unanswered('only A’s token endpoint answers'),
  );
});

function service(stores: GoodsieStoreConfig[]): Promise<AuthService> {
  const config: AppConfig = { stores };
  return AuthService.create({ config, fetch: network.fetch, navigate: (url) => navigated.push(url), storage });
}

async function stateOf(auth: AuthService, storeId: string): Promise<string> {
  await auth.beginSignIn(storeId);
  return new URL(navigated.at(-1)!).searchParams.get('state')!;
}

function callback(url: string): CapturedRedirect {
  const captured = captureRedirect(url);
  if (!captured) throw new Error('not a callback');
  return captured;
}

async function sessionKeys(): Promise<string[]> {
  return (await storage.store.keys()).filter((key) => key.startsWith('session:'));
}

async function expectMixUp(auth: AuthService, captured: CapturedRedirect): Promise<void> {
  const error = await catchAppError(() => auth.completeSignIn(captured));
  expect(error.code).toBe('OAUTH_MIX_UP');
  expect(error.storeId).toBe('a');
  expect(network.seen, 'no token request').toEqual([]);
  expect(await sessionKeys()).toEqual([]);
  expect(JSON.stringify(error) + error.message).not.toMatch(/B-CODE|B-AT/);
}

describe('code flow: A’s state with B’s answer', () => {
  it('A’s state with B’s code and B’s iss is refused before any token request, and the state is spent', async () => {
    const auth = await service([store('a', A, 'code'), store('b', B, 'code')]);
    const state = await stateOf(auth, 'a');
    const captured = callback(`${APP}?code=B-CODE&state=${state}&iss=${encodeURIComponent(B)}`);
    await expectMixUp(auth, captured);
    expect((await catchAppError(() => auth.completeSignIn(callback(`${APP}?code=A-CODE&state=${state}&iss=${encodeURIComponent(A)}`)))).code).toBe(
      'OAUTH_STATE_REUSED',
    );
  });

  it.each([
    ['a trailing slash', `${A}/`],
    ['http instead of https', A.replace('https:', 'http:')],
    ['another host', 'https://evil.example'],
    ['another case', A.toUpperCase()],
  ])('an iss with %s is refused', async (_label, iss) => {
    const auth = await service([store('a', A, 'code'), store('b', B, 'code')]);
    const state = await stateOf(auth, 'a');
    await expectMixUp(auth, callback(`${APP}?code=A-CODE&state=${state}&iss=${encodeURIComponent(iss)}`));
  });

  it('an error response with a wrong iss is refused as a mix-up too, not shown as the store’s error', async () => {
    const auth = await service([store('a', A, 'code'), store('b', B, 'code')]);
    const state = await stateOf(auth, 'a');
    await expectMixUp(auth, callback(`${APP}?error=access_denied&state=${state}&iss=${encodeURIComponent(B)}`));
  });

  it('the exact iss is accepted and the code exchanged once', async () => {
    const auth = await service([store('a', A, 'code'), store('b', B, 'code')]);
    const state = await stateOf(auth, 'a');
    const done = await auth.completeSignIn(callback(`${APP}?code=A-CODE&state=${state}&iss=${encodeURIComponent(A)}`));
    expect(done.session.tokens.accessToken).toBe('A-AT');
    expect(network.seen.map((request) => request.url.href)).toEqual([`${A}/oauth2/access_token`]);
  });

  it('a missing iss is refused when the server always sends one, and accepted when it may not', async () => {
    const strict = await service([store('a', A, 'code', { authorizationResponseIssParameterSupported: true }), store('b', B, 'code')]);
    await expectMixUp(strict, callback(`${APP}?code=A-CODE&state=${await stateOf(strict, 'a')}`));

    const lenient = await service([store('a', A, 'code'), store('b', B, 'code')]);
    const done = await lenient.completeSignIn(callback(`${APP}?code=A-CODE&state=${await stateOf(lenient, 'a')}`));
    expect(done.storeId).toBe('a');
  });

  it('a callback arriving on another address than the sign-in’s redirect URI is refused', async () => {
    const auth = await service([store('a', A, 'code'), store('b', B, 'code')]);
    const state = await stateOf(auth, 'a');
    await expectMixUp(auth, callback(`https://app.example/other/?code=A-CODE&state=${state}&iss=${encodeURIComponent(A)}`));
  });

  it('a store whose token endpoint changed in config.json since the sign-in started is refused', async () => {
    const before = await service([store('a', A, 'code'), store('b', B, 'code')]);
    const state = await stateOf(before, 'a');
    const after = await service([store('a', A, 'code', { tokenEndpoint: `${B}/oauth2/access_token` }), store('b', B, 'code')]);
    await expectMixUp(after, callback(`${APP}?code=A-CODE&state=${state}&iss=${encodeURIComponent(A)}`));
  });
});

describe('implicit flow: A’s state with B’s token', () => {
  it('A’s state with B’s token and B’s iss is refused and stores nothing', async () => {
    const auth = await service([store('a', A, 'token'), store('b', B, 'token')]);
    const state = await stateOf(auth, 'a');
    await expectMixUp(auth, callback(`${APP}#access_token=B-AT&token_type=bearer&state=${state}&iss=${encodeURIComponent(B)}`));
  });

  it('a callback on another address is refused; the right address and iss are accepted', async () => {
    const auth = await service([store('a', A, 'token'), store('b', B, 'token')]);
    const wrongPlace = await stateOf(auth, 'a');
    await expectMixUp(auth, callback(`${APP}other#access_token=B-AT&token_type=bearer&state=${wrongPlace}&iss=${encodeURIComponent(A)}`));
    const state = await stateOf(auth, 'a');
    const done = await auth.completeSignIn(callback(`${APP}#access_token=A-AT&token_type=bearer&state=${state}&iss=${encodeURIComponent(A)}`));
    expect(done.session.tokens.accessToken).toBe('A-AT');
  });
});
