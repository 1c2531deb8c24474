/**
 * The AuthService's sign-ins: begun, completed (implicit and code flow), refused, and what a new grant replaces.
 * Its sessions in storage: auth-service-storage.test.ts; its tokens over time and their renewal: auth-service-renewal.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { catchAppError } from '../../helpers/catch-error.ts';
import { acme, answerTokens, begin, clock, codeCallback, codeFlowLoads, factory, implicitCallback, navigated, service, sessionKeys, storage, T0, ACME_REDIRECT, bolt, useAuthService } from '../../helpers/auth-service-fixture.ts';

const endpoint = useAuthService();

describe('implicit flow, end to end', () => {
  it('the lifetime counts from when the page received the callback, and scopes never asked for are dropped', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    const captured = implicitCallback(`access_token=ACME-AT&token_type=bearer&scope=storefront+cart+admin&expires_in=600&state=${state}`);
    captured.receivedAt = T0 + 1_000;
    clock.now = T0 + 9_000; // the app finished loading eight seconds later
    const done = await auth.completeSignIn(captured);
    expect(done.session.tokens.expiresAt).toBe(T0 + 1_000 + 600_000);
    expect(done.session.tokens.obtainedAt).toBe(T0 + 1_000);
    expect(done.session.tokens.scopes).toEqual(['storefront', 'cart']);
  });

  it('begin -> callback -> session stored (and persisted across reloads)', async () => {
    const auth = await service();
    expect(auth.persistent).toBe(true);
    const { url, state } = await begin(auth, 'acme', { returnTo: '/product/42?q=mug' });
    expect(navigated).toHaveLength(1);
    expect(url.origin + url.pathname).toBe(acme.authorizationEndpoint);
    expect(url.searchParams.get('response_type')).toBe('token');
    expect(url.searchParams.get('client_id')).toBe('acme-client');
    expect(url.searchParams.get('redirect_uri')).toBe(ACME_REDIRECT);
    expect(url.searchParams.get('scope')).toBe('storefront cart');
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);

    clock.now = T0 + 5_000;
    const done = await auth.completeSignIn(
      implicitCallback(`access_token=ACME-AT&token_type=bearer&scope=storefront+cart&expire_in=315360000&state=${state}`),
    );
    const expected = {
      storeId: 'acme',
      tokens: {
        accessToken: 'ACME-AT',
        tokenType: 'bearer',
        scopes: ['storefront', 'cart'],
        expiresAt: T0 + 5_000 + 315_360_000_000,
        obtainedAt: T0 + 5_000,
      },
    };
    expect(done).toEqual({ storeId: 'acme', returnTo: '/product/42?q=mug', session: expected, asked: ['storefront', 'cart'] });
    expect(await auth.getSession('acme')).toEqual(expected);
    expect(await auth.getAccessToken('acme')).toBe('ACME-AT');

    const reloaded = await service({ storage: await openStorage({ indexedDB: factory }) });
    expect(await reloaded.listSessions()).toEqual({ sessions: [expected], discarded: [], seamRecords: new Map() });
    expect(codeFlowLoads).toBe(0);
    expect(endpoint.calls).toHaveLength(0);
  });

  it('a replayed callback is OAUTH_STATE_REUSED and stores nothing new', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    const callback = implicitCallback(`access_token=FIRST&token_type=bearer&state=${state}`);
    await auth.completeSignIn(callback);
    await auth.signOut('acme');
    const replay = await catchAppError(() => auth.completeSignIn(implicitCallback(`access_token=SECOND&token_type=bearer&state=${state}`)));
    expect(replay.code).toBe('OAUTH_STATE_REUSED');
    expect(await auth.getSession('acme')).toBeNull();
  });

  it.each([
    ['forged', 'access_token=T&token_type=bearer&state=forged-state-value', 'OAUTH_STATE_MISMATCH'],
    ['missing', 'access_token=T&token_type=bearer', 'OAUTH_STATE_MISSING'],
  ])('a %s state stores nothing (%s)', async (_label, fragment, code) => {
    const auth = await service();
    await begin(auth, 'acme');
    expect((await catchAppError(() => auth.completeSignIn(implicitCallback(fragment)))).code).toBe(code);
    expect(await sessionKeys(storage.store)).toEqual([]);
  });

  it.each([
    ['a token with no state', 'access_token=T2&token_type=bearer'],
    ['a token with a forged state', 'access_token=T2&token_type=bearer&state=forged-state-value'],
    ['an error with no state', 'error=access_denied&error_description=Denied'],
    ['an error with a forged state', 'error=access_denied&error_description=Denied&state=forged-state-value'],
  ])('%s leaves the pending sign-in as it was: its own callback still completes (security cases 1 and 8)', async (_label, fragment) => {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    const error = await catchAppError(() => auth.completeSignIn(implicitCallback(fragment)));
    expect(['OAUTH_STATE_MISSING', 'OAUTH_STATE_MISMATCH']).toContain(error.code);
    expect(await sessionKeys(storage.store)).toEqual([]);
    await auth.completeSignIn(implicitCallback(`access_token=T&token_type=bearer&state=${state}`));
    expect((await auth.getSession('acme'))?.tokens.accessToken).toBe('T');
  });

  it('a state older than 10 minutes is OAUTH_STATE_EXPIRED and stores nothing', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    clock.now = T0 + 10 * 60_000 + 1;
    const error = await catchAppError(() => auth.completeSignIn(implicitCallback(`access_token=T&token_type=bearer&state=${state}`)));
    expect(error.code).toBe('OAUTH_STATE_EXPIRED');
    expect(await sessionKeys(storage.store)).toEqual([]);
  });

  it('access_denied stores nothing and names the store, and a retry works', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    const error = await catchAppError(() =>
      auth.completeSignIn(implicitCallback(`error=access_denied&error_description=The+user+denied&state=${state}`)),
    );
    expect(error.code).toBe('OAUTH_ACCESS_DENIED');
    expect(error.storeId).toBe('acme');
    expect(await sessionKeys(storage.store)).toEqual([]);

    const retry = await begin(auth, 'acme');
    expect(retry.state).not.toBe(state);
    await auth.completeSignIn(implicitCallback(`access_token=T&token_type=bearer&state=${retry.state}`));
    expect((await auth.getSession('acme'))?.tokens.accessToken).toBe('T');
  });

  it('stores the fewer scopes that were granted', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    const done = await auth.completeSignIn(implicitCallback(`access_token=T&token_type=bearer&scope=storefront&state=${state}`));
    expect(done.session.tokens.scopes).toEqual(['storefront']);
    expect((await auth.getSession('acme'))?.tokens.scopes).toEqual(['storefront']);
  });

  it('asking for an extra scope re-consents and replaces the session with the new grant', async () => {
    const auth = await service();
    const first = await begin(auth, 'acme');
    await auth.completeSignIn(implicitCallback(`access_token=OLD&token_type=bearer&scope=storefront&state=${first.state}`));

    const again = await begin(auth, 'acme', { scopes: ['admin'], returnTo: '/admin' });
    expect(again.url.searchParams.get('scope')).toBe('storefront cart admin');
    const done = await auth.completeSignIn(
      implicitCallback(`access_token=NEW&token_type=bearer&scope=storefront+admin&state=${again.state}`),
    );
    expect(done.returnTo).toBe('/admin');
    expect(await auth.listSessions()).toEqual({ sessions: [done.session], discarded: [], seamRecords: new Map() });
    expect(done.session.tokens).toMatchObject({ accessToken: 'NEW', scopes: ['storefront', 'admin'] });
  });

  it('a declined re-consent keeps the existing session', async () => {
    const auth = await service();
    const first = await begin(auth, 'acme');
    await auth.completeSignIn(implicitCallback(`access_token=OLD&token_type=bearer&state=${first.state}`));
    const again = await begin(auth, 'acme', { scopes: ['admin'] });
    await expect(auth.completeSignIn(implicitCallback(`error=access_denied&state=${again.state}`))).rejects.toMatchObject({
      code: 'OAUTH_ACCESS_DENIED',
    });
    expect(await auth.getAccessToken('acme')).toBe('OLD');
  });

  it('a re-consent answered with an unusable token keeps the existing session, and the error carries the page that asked', async () => {
    const auth = await service();
    const first = await begin(auth, 'acme');
    await auth.completeSignIn(implicitCallback(`access_token=OLD&token_type=bearer&state=${first.state}`));
    const again = await begin(auth, 'acme', { scopes: ['admin'], returnTo: '/admin' });
    await expect(auth.completeSignIn(implicitCallback(`access_token=NEW&token_type=mac&state=${again.state}`))).rejects.toMatchObject({
      code: 'OAUTH_UNSUPPORTED_TOKEN_TYPE',
      storeId: 'acme',
      returnTo: '/admin',
    });
    expect(await auth.getAccessToken('acme')).toBe('OLD');
  });

  it('a state is bound to its store and flow: a code-flow state in a token fragment is refused', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'bolt');
    const error = await catchAppError(() => auth.completeSignIn(implicitCallback(`access_token=T&token_type=bearer&state=${state}`)));
    expect(error.code).toBe('OAUTH_STATE_MISMATCH');
    expect(await sessionKeys(storage.store)).toEqual([]);
  });

  it('an implicit state in a code query is refused and stays usable for its own response', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    expect((await catchAppError(() => auth.completeSignIn(codeCallback(`code=C&state=${state}`)))).code).toBe('OAUTH_STATE_MISMATCH');
    expect(endpoint.calls).toHaveLength(0);
    await auth.completeSignIn(implicitCallback(`access_token=T&token_type=bearer&state=${state}`));
    expect(await auth.getAccessToken('acme')).toBe('T');
  });

  it('a malformed callback is OAUTH_INVALID_RESPONSE for the store and burns its state', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    const captured = implicitCallback(`access_token=A&access_token=B&token_type=bearer&state=${state}`);
    expect(captured.problem).toBe('repeated-parameter');
    const error = await catchAppError(() => auth.completeSignIn(captured));
    expect(error.code).toBe('OAUTH_INVALID_RESPONSE');
    expect(error.storeId).toBe('acme');
    const retry = await catchAppError(() => auth.completeSignIn(implicitCallback(`access_token=A&token_type=bearer&state=${state}`)));
    expect(retry.code).toBe('OAUTH_STATE_REUSED');
    expect(await sessionKeys(storage.store)).toEqual([]);
  });

  it('an unsafe returnTo becomes /', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'acme', { returnTo: '//evil.example/' });
    const done = await auth.completeSignIn(implicitCallback(`access_token=T&token_type=bearer&state=${state}`));
    expect(done.returnTo).toBe('/');
  });

  it('a callback for a store taken out of config.json since its sign-in began is OAUTH_STORE_UNLISTED, and stores nothing', async () => {
    const { state } = await begin(await service(), 'acme');
    const redeployed = await service({ config: { stores: [bolt] } });
    const error = await catchAppError(() => redeployed.completeSignIn(implicitCallback(`access_token=AT&token_type=bearer&state=${state}`)));
    expect(error.code).toBe('OAUTH_STORE_UNLISTED');
    expect(error.storeId).toBe('acme');
    expect(await sessionKeys(storage.store)).toEqual([]);
  });

  it('an unknown store cannot be signed in to', async () => {
    const auth = await service();
    const error = await catchAppError(() => auth.beginSignIn('nope'));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.storeId).toBe('nope');
    expect(navigated).toEqual([]);
  });
});
describe('code flow through the service', () => {
  it('begin -> callback -> exchange -> session with refresh token', async () => {
    const auth = await service();
    const { url } = await begin(auth, 'bolt');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const state = url.searchParams.get('state')!;
    const done = await auth.completeSignIn(codeCallback(`code=THE-CODE&state=${state}`));
    expect(endpoint.calls).toHaveLength(1);
    expect(endpoint.calls[0]!.form.get('code')).toBe('THE-CODE');
    expect(done.storeId).toBe('bolt');
    expect(done.session.tokens).toMatchObject({ accessToken: 'BOLT-AT1', refreshToken: 'BOLT-RT1', scopes: ['storefront'] });
    expect(await auth.getSession('bolt')).toEqual(done.session);
    expect(codeFlowLoads).toBeGreaterThan(0);
  });

  it('a network failure during the exchange is OAUTH_NETWORK_ERROR; the same code is never retried', async () => {
    answerTokens(() => {
      throw new TypeError('Failed to fetch');
    });
    const auth = await service();
    const { state } = await begin(auth, 'bolt');
    const callback = codeCallback(`code=THE-CODE&state=${state}`);
    const error = await catchAppError(() => auth.completeSignIn(callback));
    expect(error.code).toBe('OAUTH_NETWORK_ERROR');
    expect(error.storeId).toBe('bolt');
    expect(await sessionKeys(storage.store)).toEqual([]);
    expect((await catchAppError(() => auth.completeSignIn(callback))).code).toBe('OAUTH_STATE_REUSED');
    expect(endpoint.calls).toHaveLength(1);
  });

  it('access_denied on the code flow names the store', async () => {
    const auth = await service();
    const { state } = await begin(auth, 'bolt');
    const error = await catchAppError(() => auth.completeSignIn(codeCallback(`error=access_denied&state=${state}`)));
    expect(error.code).toBe('OAUTH_ACCESS_DENIED');
    expect(error.storeId).toBe('bolt');
  });

});
