/**
 * One AuthService on a fresh fake IndexedDB per test, with a clock, the pages it navigated to, a fake
 * Goodsie token endpoint and two stores (acme: implicit flow; bolt: code flow with refresh): the
 * fixture of test/unit/auth/auth-service*.test.ts. Call useAuthService() at a test file's top; the
 * bindings below are fresh for each test.
 */
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';
import { AuthService, type AuthServiceDeps } from '../../src/lib/auth/auth-service.ts';
import type { AppConfig, GoodsieStoreConfig } from '../../src/lib/config/types.ts';
import { captureRedirect, type CapturedRedirect } from '../../src/lib/oauth/callback.ts';
import { openStorage, type KeyValueStore, type OpenedStorage } from '../../src/lib/storage/kv.ts';
import { json, useTokenEndpoint } from './fake-fetch.ts';

export const ACME_REDIRECT = 'https://cdn.example.com/shops/acme/';
export const BOLT_REDIRECT = 'https://cdn.example.com/shops/bolt/';
export const TOKEN_ENDPOINT = 'https://auth.bolt.example/oauth2/access_token';
export const acme: GoodsieStoreConfig = {
  id: 'acme',
  kind: 'goodsie',
  name: 'Acme',
  authorizationEndpoint: 'https://auth.acme.example/oauth2/authorize',
  apiBase: 'https://api.acme.example/api/v1',
  clientId: 'acme-client',
  redirectUri: ACME_REDIRECT,
  defaultScopes: ['storefront', 'cart'],
  flow: 'token',
};
export const bolt: GoodsieStoreConfig = {
  id: 'bolt',
  kind: 'goodsie',
  name: 'Bolt',
  authorizationEndpoint: 'https://auth.bolt.example/oauth2/authorize',
  tokenEndpoint: TOKEN_ENDPOINT,
  apiBase: 'https://api.bolt.example/api/v1',
  clientId: 'bolt-client',
  redirectUri: BOLT_REDIRECT,
  defaultScopes: ['storefront'],
  flow: 'code',
};
export const config: AppConfig = { stores: [acme, bolt] };
export const T0 = 1_700_000_000_000;

export let factory: IDBFactory;
export let storage: OpenedStorage;
export let clock: { now: number };
export let navigated: string[];
export let codeFlowLoads: number;
let tokenAnswer: (form: URLSearchParams, call: number) => Response | Promise<Response>;
let endpoint: ReturnType<typeof useTokenEndpoint>;

/** What the token endpoint answers from now on in this test (by default BOLT-AT1 / BOLT-RT1 for an hour). */
export function answerTokens(answer: typeof tokenAnswer): void {
  tokenAnswer = answer;
}

/** Installs the fixture's hooks; returns the token endpoint (its fetch, the calls it saw). */
export function useAuthService(): ReturnType<typeof useTokenEndpoint> {
  endpoint = useTokenEndpoint(TOKEN_ENDPOINT, (form, call) => tokenAnswer(form, call));
  beforeEach(async () => {
    factory = new IDBFactory();
    storage = await openStorage({ indexedDB: factory });
    clock = { now: T0 };
    navigated = [];
    codeFlowLoads = 0;
    tokenAnswer = () =>
      json({ access_token: 'BOLT-AT1', token_type: 'Bearer', expires_in: 3600, refresh_token: 'BOLT-RT1', scope: 'storefront' });
  });
  return endpoint;
}

export async function service(overrides: Partial<AuthServiceDeps> = {}): Promise<AuthService> {
  return AuthService.create({
    config,
    fetch: endpoint.fetch,
    navigate: (url) => navigated.push(url),
    now: () => clock.now,
    storage,
    loadCodeFlow: () => {
      codeFlowLoads++;
      return import('../../src/lib/oidc/code-flow.ts');
    },
    ...overrides,
  });
}

/** Begins a sign-in and returns the authorization request the browser was sent to. */
export async function begin(auth: AuthService, storeId: string, opts?: { scopes?: string[]; returnTo?: string }) {
  await auth.beginSignIn(storeId, opts);
  const url = new URL(navigated.at(-1)!);
  return { url, state: url.searchParams.get('state')! };
}

export const implicitCallback = (fragment: string): CapturedRedirect => {
  const captured = captureRedirect(`${ACME_REDIRECT}#${fragment}`);
  if (!captured) throw new Error('not a callback');
  return captured;
};
export const codeCallback = (query: string): CapturedRedirect => {
  const captured = captureRedirect(`${BOLT_REDIRECT}?${query}`);
  if (!captured) throw new Error('not a callback');
  return captured;
};
export const sessionKeys = async (kv: KeyValueStore) => (await kv.keys()).filter((key) => key.startsWith('session:'));
