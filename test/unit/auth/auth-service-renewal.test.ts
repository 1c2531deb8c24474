/** The AuthService's tokens over time: handed out, expired, refused (a 401), and renewed with the refresh token under the cross-tab lock. */
import { describe, expect, it, vi } from 'vitest';
import { onAPage } from '../../helpers/page-leaving.ts';
import { AuthService } from '../../../src/lib/auth/auth-service.ts';
import { catchAppError } from '../../helpers/catch-error.ts';
import { json } from '../../helpers/fake-fetch.ts';
import { answerTokens, begin, clock, codeCallback, implicitCallback, navigated, service, storage, T0, useAuthService } from '../../helpers/auth-service-fixture.ts';

const endpoint = useAuthService();

describe('implicit tokens over time', () => {
  async function signedIn(lifetime: string) {
    const auth = await service();
    const { state } = await begin(auth, 'acme');
    await auth.completeSignIn(implicitCallback(`access_token=T&token_type=bearer${lifetime}&state=${state}`));
    return auth;
  }

  it('a token with unknown lifetime is used as is', async () => {
    const auth = await signedIn('');
    clock.now = T0 + 365 * 86_400_000;
    expect(await auth.getAccessToken('acme')).toBe('T');
  });

  it('a token about to expire (no refresh token) is still handed out until it expires', async () => {
    const auth = await signedIn('&expires_in=100');
    clock.now = T0 + 90_000;
    expect(await auth.getAccessToken('acme')).toBe('T');
  });

  it('an expired token is TOKEN_EXPIRED and forgotten', async () => {
    const auth = await signedIn('&expires_in=100');
    clock.now = T0 + 100_001;
    const error = await catchAppError(() => auth.getAccessToken('acme'));
    expect(error.code).toBe('TOKEN_EXPIRED');
    expect(error.storeId).toBe('acme');
    expect(await auth.getSession('acme')).toBeNull();
  });

  it('a 401 on an implicit token forgets it: TOKEN_EXPIRED', async () => {
    const auth = await signedIn('&expire_in=315360000');
    expect((await catchAppError(() => auth.handleUnauthorized('acme', 'T'))).code).toBe('TOKEN_EXPIRED');
    expect(await auth.getSession('acme')).toBeNull();
    expect((await catchAppError(() => auth.handleUnauthorized('acme'))).code).toBe('TOKEN_MISSING');
  });
});

describe('code flow through the service', () => {
  async function signedIn(auth: AuthService) {
    const { state } = await begin(auth, 'bolt', { returnTo: '/orders' });
    return auth.completeSignIn(codeCallback(`code=THE-CODE&state=${state}`));
  }

  it('a fresh token is handed out without a request', async () => {
    const auth = await service();
    await signedIn(auth);
    expect(await auth.getAccessToken('bolt')).toBe('BOLT-AT1');
    expect(endpoint.calls).toHaveLength(1);
  });

  it('concurrent callers near expiry share one refresh, and the rotated refresh token is stored', async () => {
    const auth = await service();
    await signedIn(auth);
    answerTokens(async (form) => {
      expect(form.get('grant_type')).toBe('refresh_token');
      expect(form.get('refresh_token')).toBe('BOLT-RT1');
      await new Promise((resolve) => setTimeout(resolve, 5));
      return json({ access_token: 'BOLT-AT2', token_type: 'bearer', expires_in: 3600, refresh_token: 'BOLT-RT2' });
    });
    clock.now = T0 + 3_600_000 - 59_000;
    const tokens = await Promise.all(Array.from({ length: 5 }, () => auth.getAccessToken('bolt')));
    expect(tokens).toEqual(Array(5).fill('BOLT-AT2'));
    expect(endpoint.calls).toHaveLength(2);
    expect((await auth.getSession('bolt'))?.tokens).toMatchObject({ accessToken: 'BOLT-AT2', refreshToken: 'BOLT-RT2' });
  });

  it('leaving the page asks first while the refresh token is spent, until the rotated one is stored, and not after', async () => {
    await onAPage(async (leavingAsks) => {
      const auth = await service();
      await signedIn(auth);
      let askedDuringRequest = false;
      answerTokens(() => {
        askedDuringRequest = leavingAsks();
        return json({ access_token: 'BOLT-AT2', token_type: 'bearer', expires_in: 3600, refresh_token: 'BOLT-RT2' });
      });
      expect(leavingAsks()).toBe(false);
      expect(await auth.handleUnauthorized('bolt', 'BOLT-AT1')).toBe('BOLT-AT2');
      expect(askedDuringRequest).toBe(true);
      expect(leavingAsks()).toBe(false);
      expect((await auth.getSession('bolt'))?.tokens.refreshToken).toBe('BOLT-RT2');
    });
  });

  it('a sign-in begun while another store’s refresh token is being spent leaves the page once the rotated one is stored', async () => {
    await onAPage(async () => {
      const auth = await service();
      await signedIn(auth);
      let answer!: () => void;
      const answered = new Promise<void>((resolve) => (answer = resolve));
      let asked = false;
      answerTokens(async () => {
        asked = true;
        await answered;
        return json({ access_token: 'BOLT-AT2', token_type: 'bearer', expires_in: 3600, refresh_token: 'BOLT-RT2' });
      });
      const renewal = auth.handleUnauthorized('bolt', 'BOLT-AT1');
      await vi.waitFor(() => expect(asked).toBe(true));
      const before = navigated.length;
      const signIn = auth.beginSignIn('acme');
      // the sign-in has done its part (its pending state is stored), and a task later has not left
      await vi.waitFor(async () => expect((await storage.store.keys()).some((key) => key.startsWith('pending:'))).toBe(true));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(navigated.length).toBe(before); // not while BOLT-RT1 is spent and BOLT-RT2 unwritten
      answer();
      await renewal;
      await signIn;
      expect(navigated.length).toBe(before + 1);
      expect((await auth.getSession('bolt'))?.tokens.refreshToken).toBe('BOLT-RT2');
    });
  });

  it('handleUnauthorized refreshes once; a second call with the old token gets the new one', async () => {
    const auth = await service();
    await signedIn(auth);
    answerTokens(() => json({ access_token: 'BOLT-AT2', token_type: 'bearer', refresh_token: 'BOLT-RT2' }));
    expect(await auth.handleUnauthorized('bolt', 'BOLT-AT1')).toBe('BOLT-AT2');
    expect(await auth.handleUnauthorized('bolt', 'BOLT-AT1')).toBe('BOLT-AT2');
    expect(endpoint.calls).toHaveLength(2);
  });

  it('a refresh token the server refuses ends the session: TOKEN_EXPIRED', async () => {
    const auth = await service();
    await signedIn(auth);
    answerTokens(() => json({ error: 'invalid_grant' }, 400));
    const error = await catchAppError(() => auth.handleUnauthorized('bolt', 'BOLT-AT1'));
    expect(error.code).toBe('TOKEN_EXPIRED');
    expect(error.storeId).toBe('bolt');
    expect(await auth.getSession('bolt')).toBeNull();
  });

  it('a refresh that cannot reach the server keeps a still-valid token, and reports the failure once it expired', async () => {
    const auth = await service();
    await signedIn(auth);
    answerTokens(() => {
      throw new TypeError('Failed to fetch');
    });
    clock.now = T0 + 3_600_000 - 30_000;
    expect(await auth.getAccessToken('bolt')).toBe('BOLT-AT1');
    clock.now = T0 + 3_600_001;
    expect((await catchAppError(() => auth.getAccessToken('bolt'))).code).toBe('TOKEN_RENEWAL_UNAVAILABLE');
    expect(await auth.getSession('bolt')).not.toBeNull();
  });

  it('signing out during a refresh does not bring the session back', async () => {
    const auth = await service();
    await signedIn(auth);
    let release: () => void = () => undefined;
    answerTokens(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return json({ access_token: 'BOLT-AT2', token_type: 'bearer', refresh_token: 'BOLT-RT2' });
    });
    const refreshing = catchAppError(() => auth.handleUnauthorized('bolt', 'BOLT-AT1'));
    await vi.waitFor(() => expect(endpoint.calls).toHaveLength(2));
    await auth.signOut('bolt');
    release();
    expect((await refreshing).code).toBe('TOKEN_MISSING');
    expect(await auth.getSession('bolt')).toBeNull();
  });

  it('takes the cross-tab lock around a sign-in’s save and around a refresh', async () => {
    const locked: string[] = [];
    const auth = await service({
      withLock: async (name, task) => {
        locked.push(name);
        return task();
      },
    });
    await signedIn(auth);
    expect(locked).toEqual(['storefront-connect:refresh:bolt']);
    locked.length = 0;
    answerTokens(() => json({ access_token: 'BOLT-AT2', token_type: 'bearer' }));
    await auth.handleUnauthorized('bolt');
    expect(locked).toEqual(['storefront-connect:refresh:bolt']);
  });
});
