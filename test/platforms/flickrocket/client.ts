/** Request plumbing the FlickRocket contract tests share: real fetch, the consent form driven like a browser. */
import { DEFAULT_CLIENT } from './server.ts';

export const CLIENT_ID = DEFAULT_CLIENT.clientId;
export const REDIRECT_URI = 'http://127.0.0.1:5173/';
export const APP_ORIGIN = 'http://127.0.0.1:5173';

export interface Result {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read wire fields freely
  json: any;
  text: string;
}

export async function toResult(response: Response): Promise<Result> {
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
  return { status: response.status, headers: response.headers, json: isJson ? JSON.parse(text) : undefined, text };
}

export async function api(origin: string, path: string, token?: string, init: RequestInit = {}): Promise<Result> {
  const headers = new Headers(init.headers);
  if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
  return toResult(await fetch(origin + path, { ...init, headers }));
}

/** POST /token with the parameters in the query (`where: 'query'`), the form body, or both. */
export async function tokenPost(
  origin: string,
  params: Record<string, string>,
  where: 'query' | 'form' | 'both' = 'query',
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

function unescapeHtml(text: string): string {
  return text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

export interface ConsentPage {
  status: number;
  headers: Headers;
  html: string;
  fields: Record<string, string>;
  cookie: string;
}

export async function openConsent(origin: string, params: Record<string, string>): Promise<ConsentPage> {
  const response = await fetch(`${origin}/oauth2/auth?${new URLSearchParams(params)}`, { redirect: 'manual' });
  const html = await response.text();
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[unescapeHtml(match[1] ?? '')] = unescapeHtml(match[2] ?? '');
  }
  return { status: response.status, headers: response.headers, html, fields, cookie: response.headers.getSetCookie()[0]?.split(';')[0] ?? '' };
}

export async function submitConsent(origin: string, page: Pick<ConsentPage, 'fields' | 'cookie'>, decision: 'allow' | 'deny'): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (page.cookie !== '') headers.Cookie = page.cookie;
  return fetch(`${origin}/oauth2/auth`, { method: 'POST', headers, body: new URLSearchParams({ ...page.fields, decision }), redirect: 'manual' });
}

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
