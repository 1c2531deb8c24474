/** Request plumbing the FlickRocket contract tests share: real fetch, the consent form driven like a browser. */
import {
  openConsent as openConsentAt,
  submitConsent as submitConsentAt,
  toResult,
  type ConsentPage,
  type Result,
} from '../../demo-store/store-client.ts';
import { DEFAULT_CLIENT } from './server.ts';

const CONSENT_PATH = '/oauth2/auth';

export const CLIENT_ID = DEFAULT_CLIENT.clientId;
export const REDIRECT_URI = 'http://127.0.0.1:5173/';
export const APP_ORIGIN = 'http://127.0.0.1:5173';

export { toResult, type Result };

export async function api(origin: string, path: string, token?: string, init: RequestInit = {}): Promise<Result> {
  const headers = new Headers(init.headers);
  if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
  return toResult(await fetch(origin + path, { ...init, headers }));
}

/** POST /token with the parameters in the form body (what /token reads), the query (a leak), or both. */
export async function tokenPost(
  origin: string,
  params: Record<string, string>,
  where: 'query' | 'form' | 'both' = 'form',
  headers: Record<string, string> = {},
): Promise<Result> {
  const search = new URLSearchParams(params);
  const url = where === 'form' ? `${origin}/token` : `${origin}/token?${search}`;
  return toResult(
    await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', ...headers },
      body: where === 'query' ? '' : search,
    }),
  );
}

export const refreshParams = (refreshToken: string, clientId = CLIENT_ID): Record<string, string> => ({
  grant_type: 'refresh_token',
  refresh_token: refreshToken,
  client_id: clientId,
});

export type { ConsentPage } from '../../demo-store/store-client.ts';

/** The demo store's consent-form driver, on FlickRocket's /oauth2/auth. */
export const openConsent = (origin: string, params: Record<string, string>): Promise<ConsentPage> => openConsentAt(origin, params, CONSENT_PATH);
export const submitConsent = (origin: string, page: Pick<ConsentPage, 'fields' | 'cookie'>, decision: 'allow' | 'deny'): Promise<Response> =>
  submitConsentAt(origin, page, decision, CONSENT_PATH);

export const consentParams = (extra: Record<string, string> = {}): Record<string, string> => ({
  client_id: CLIENT_ID,
  scope: 'products,orders',
  access_type: 'offline',
  redirect_uri: REDIRECT_URI,
  state: 'st-123',
  ...extra,
});

/** Consent page -> button -> the redirect's query parameters. */
export async function consent(origin: string, extra: Record<string, string> = {}, decision: 'allow' | 'deny' = 'allow'): Promise<URLSearchParams> {
  const page = await openConsent(origin, consentParams(extra));
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}`);
  const response = await submitConsent(origin, page, decision);
  const location = response.headers.get('location');
  if (location === null) throw new Error(`expected a redirect, got ${response.status}`);
  return new URL(location).searchParams;
}

/** Consent + first exchange: the token response body. */
export async function signIn(origin: string, scope = 'products,orders'): Promise<{ access_token: string; refresh_token: string; scope: string }> {
  const code = (await consent(origin, { scope })).get('code');
  if (code === null) throw new Error('no code');
  const result = await tokenPost(origin, refreshParams(code));
  if (result.status !== 200) throw new Error(`token endpoint answered ${result.status}`);
  return result.json;
}
