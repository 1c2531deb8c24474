import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_BUNDLE } from '../../../platforms/foxy/constants.ts';
import { startFoxyStore, type FoxyStore } from '../../../platforms/foxy/server.ts';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import { HttpError } from '../../../../src/lib/oauth/http-errors.ts';
import { basicClientAuth, foxyRefreshRequest, foxyTokenEndpoint, processFoxyRefreshResponse } from '../../../../src/lib/providers/foxy/token.ts';
import { FOXY_HEADERS } from '../../../../src/lib/providers/foxy/wire.ts';
import { demoBundle, getJsonWith, signedSend } from './foxy-fixture.ts';

let store: FoxyStore;
let endpoint: string;

beforeAll(async () => {
  store = await startFoxyStore({ port: 0 });
  endpoint = foxyTokenEndpoint(store.origin);
});
afterAll(() => store.close());

async function refresh(bundle = demoBundle, now = Date.now()) {
  return processFoxyRefreshResponse(await foxyRefreshRequest(fetch, { tokenEndpoint: endpoint, bundle }), { now, previousRefreshToken: bundle.refreshToken });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error('expected an AppError');
  return error;
}

describe('foxyTokenEndpoint', () => {
  it('defaults to {apiBase}/token and refuses another origin', () => {
    expect(foxyTokenEndpoint('https://api.foxy.io')).toBe('https://api.foxy.io/token');
    expect(foxyTokenEndpoint('https://api.foxy.io', 'https://api.foxy.io/token')).toBe('https://api.foxy.io/token');
    expect(() => foxyTokenEndpoint('https://api.foxy.io', 'https://evil.example/token')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

describe('refresh against the local Foxy store', () => {
  it('gives a TokenSet: 7200 s lifetime, the same refresh token, store_full_access', async () => {
    const now = 1_700_000_000_000;
    const tokens = await refresh(demoBundle, now);
    expect(tokens).toMatchObject({ tokenType: 'bearer', refreshToken: demoBundle.refreshToken, scopes: ['store_full_access'], expiresAt: now + 7_200_000, obtainedAt: now });
  });

  it('sends HTTP Basic client auth, FOXY-API-VERSION and a form body without the secret', async () => {
    let seen: Request | undefined;
    const recording: typeof fetch = async (input, init) => {
      seen = new Request(input, init);
      return fetch(seen.clone());
    };
    await foxyRefreshRequest(recording, { tokenEndpoint: endpoint, bundle: demoBundle });
    expect(seen?.headers.get('authorization')).toBe(`Basic ${btoa(`${demoBundle.clientId}:${demoBundle.clientSecret}`)}`);
    expect(seen?.headers.get('foxy-api-version')).toBe('1');
    expect(seen?.credentials).toBe('omit');
    const body = new URLSearchParams(await seen?.text());
    expect([...body.keys()].sort()).toEqual(['grant_type', 'refresh_token']);
  });

  it('form-encodes id and secret inside Basic (RFC 6749 2.3.1)', () => {
    expect(atob(basicClientAuth('a b', 'x:y%').slice(6))).toBe('a+b:x%3Ay%25');
  });

  it('turns a wrong secret (401 invalid_client) and an unknown refresh token (400 invalid_grant) into CREDENTIALS_REJECTED', async () => {
    const wrong = await failure(refresh({ ...demoBundle, clientSecret: 'nope' }));
    expect(wrong).toBeInstanceOf(HttpError);
    expect(wrong).toMatchObject({ code: 'CREDENTIALS_REJECTED', status: 401, body: { error: 'invalid_client' } });
    const unknown = await failure(refresh({ ...demoBundle, refreshToken: 'unknown' }));
    expect(unknown).toMatchObject({ code: 'CREDENTIALS_REJECTED', status: 400, body: { error: 'invalid_grant' } });
    expect(unknown.message).not.toContain('unknown');
    expect(wrong.message).not.toContain('nope');
  });

  it('refuses a user-scoped bundle: CREDENTIALS_WRONG_SCOPE', async () => {
    const error = await failure(refresh({ ...demoBundle, refreshToken: USER_BUNDLE.refresh_token }));
    expect(error.code).toBe('CREDENTIALS_WRONG_SCOPE');
  });

  it('after revocation the bundle is CREDENTIALS_REJECTED', async () => {
    const own = await startFoxyStore({ port: 0 });
    try {
      own.revokeClient();
      const response = await foxyRefreshRequest(fetch, { tokenEndpoint: foxyTokenEndpoint(own.origin), bundle: demoBundle });
      const error = await failure(processFoxyRefreshResponse(response, { now: Date.now(), previousRefreshToken: demoBundle.refreshToken }));
      expect(error.code).toBe('CREDENTIALS_REJECTED');
    } finally {
      await own.close();
    }
  });

  it('reports an unreachable server as NETWORK_OR_CORS', async () => {
    const gone = await startFoxyStore({ port: 0 });
    const url = foxyTokenEndpoint(gone.origin);
    await gone.close();
    expect((await failure(foxyRefreshRequest(fetch, { tokenEndpoint: url, bundle: demoBundle }))).code).toBe('NETWORK_OR_CORS');
  });
});

describe('the Foxy API through the seam\'s transport', () => {
  it('never sends the token to another origin: the canary sees nothing', async () => {
    const tokens = await refresh();
    const before = store.stats().canaryHits;
    const error = await failure(getJsonWith(signedSend(store.origin, tokens.accessToken), `${store.canaryOrigin}/x`));
    expect(error.code).toBe('API_INVALID_RESPONSE');
    expect(store.stats().canaryHits).toBe(before);
  });

  it('asks for one renewal when an expired token is answered 401 invalid_token', async () => {
    const own = await startFoxyStore({ port: 0 });
    try {
      const response = await foxyRefreshRequest(fetch, { tokenEndpoint: foxyTokenEndpoint(own.origin), bundle: demoBundle });
      const tokens = await processFoxyRefreshResponse(response, { now: Date.now(), previousRefreshToken: demoBundle.refreshToken });
      own.advanceClock(7201);
      const refused: string[] = [];
      const send = signedSend(own.origin, tokens.accessToken, async (token) => {
        refused.push(token);
        throw new AppError('TOKEN_EXPIRED', 'test: renewal refused');
      });
      expect((await failure(getJsonWith(send, `${own.origin}/`))).code).toBe('TOKEN_EXPIRED');
      expect(refused).toEqual([tokens.accessToken]);
    } finally {
      await own.close();
    }
  });

  it('turns a 404 HAL error into API_NOT_FOUND and a missing FOXY-API-VERSION (400) into API_BAD_REQUEST', async () => {
    const tokens = await refresh();
    const send = signedSend(store.origin, tokens.accessToken);
    expect(await failure(getJsonWith(send, `${store.origin}/stores/8`))).toMatchObject({ code: 'API_NOT_FOUND', status: 404 });
    const bad = await failure(send({ method: 'GET', path: '/', headers: { Accept: FOXY_HEADERS.Accept! } }, 'probe'));
    expect(bad).toMatchObject({ code: 'API_BAD_REQUEST', status: 400 });
    expect(bad).toBeInstanceOf(HttpError);
  });
});
