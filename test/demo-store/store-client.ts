/**
 * The one piece of request plumbing the demo store's tests share: real `fetch` against a real
 * server, driving the consent form the way a browser would (hidden fields + cookie).
 */
import { createHash, randomBytes } from 'node:crypto';
import { DEFAULT_CLIENT } from './server.ts';

export const CLIENT_ID = DEFAULT_CLIENT.clientId;
export const REDIRECT_URI = 'http://127.0.0.1:5173/';
export const APP_ORIGIN = 'http://127.0.0.1:5173';

export interface Result {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, else undefined. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read wire fields freely
  json: any;
  text: string;
}

export async function toResult(response: Response): Promise<Result> {
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
  return { status: response.status, headers: response.headers, json: isJson ? JSON.parse(text) : undefined, text };
}

export interface ApiOptions {
  token?: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A store API call: Bearer header when `token` is given, JSON body when `body` is given. */
export async function api(origin: string, path: string, options: ApiOptions = {}): Promise<Result> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(origin + path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return toResult(response);
}

/** POST /oauth2/access_token with a form body. */
export async function tokenRequest(origin: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Result> {
  const response = await fetch(`${origin}/oauth2/access_token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return toResult(response);
}

/** RFC 7636: a fresh verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function unescapeHtml(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

export interface ConsentPage {
  status: number;
  headers: Headers;
  html: string;
  /** The form's hidden fields, unescaped. */
  fields: Record<string, string>;
  /** `name=value` of the cookie the page set, or '' when none. */
  cookie: string;
  /** `name=value` of the shopper-account cookie: the one sent, else the one the page set; '' when none. */
  shopper: string;
}

/**
 * GET the consent page (`path`: /oauth2/authorize here, other servers' own), without following
 * redirects. `shopper`: the account cookie (`goodsie_shopper=…`) of a browser that has been here
 * before; without it the store makes a new account.
 */
export async function openConsent(origin: string, params: Record<string, string>, path = '/oauth2/authorize', shopper = ''): Promise<ConsentPage> {
  const response = await fetch(`${origin}${path}?${new URLSearchParams(params)}`, {
    redirect: 'manual',
    ...(shopper !== '' ? { headers: { Cookie: shopper } } : {}),
  });
  const html = await response.text();
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[unescapeHtml(match[1] ?? '')] = unescapeHtml(match[2] ?? '');
  }
  const [cookie = '', setShopper = ''] = response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  return { status: response.status, headers: response.headers, html, fields, cookie, shopper: shopper || setShopper };
}

/** Submits the consent form as the browser would; `fields`/`cookie` can be altered to forge. */
export async function submitConsent(
  origin: string,
  page: Pick<ConsentPage, 'fields' | 'cookie'> & { shopper?: string },
  decision: 'allow' | 'deny',
  path = '/oauth2/authorize',
): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const cookies = [page.cookie, page.shopper ?? ''].filter((c) => c !== '');
  if (cookies.length > 0) headers.Cookie = cookies.join('; ');
  return fetch(`${origin}${path}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams({ ...page.fields, decision }),
    redirect: 'manual',
  });
}

/** Parameters of the redirect back to the app: the query for `code`, the fragment for `token`. */
export function redirectParams(response: Response): { location: string; query: URLSearchParams; fragment: URLSearchParams } {
  const location = response.headers.get('location');
  if (location === null) throw new Error(`expected a redirect, got ${response.status}`);
  const url = new URL(location);
  return { location, query: url.searchParams, fragment: new URLSearchParams(url.hash.slice(1)) };
}

/** Open the consent page, click a button, and return the redirect's parameters (and the shopper cookie). */
export async function authorize(origin: string, params: Record<string, string>, decision: 'allow' | 'deny' = 'allow', shopper = '') {
  const page = await openConsent(origin, params, undefined, shopper);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}`);
  return { ...redirectParams(await submitConsent(origin, page, decision)), shopper: page.shopper };
}

/** An implicit-flow access token for the default client. */
export async function implicitToken(origin: string, scope: string): Promise<string> {
  const { fragment } = await authorize(origin, { client_id: CLIENT_ID, response_type: 'token', redirect_uri: REDIRECT_URI, scope, state: 's' });
  const token = fragment.get('access_token');
  if (token === null) throw new Error(`no token: ${fragment.get('error') ?? 'unknown error'}`);
  return token;
}

/** Code + PKCE for the default client: the code and its verifier, not yet exchanged. */
export async function authorizationCode(origin: string, scope: string, clientId = CLIENT_ID, redirectUri = REDIRECT_URI) {
  const { verifier, challenge } = pkcePair();
  const { query } = await authorize(origin, {
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope,
    state: 'st',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const code = query.get('code');
  if (code === null) throw new Error(`no code: ${query.get('error') ?? 'unknown error'}`);
  return { code, verifier };
}

/** Code + PKCE, exchanged: the token response body. */
export async function codeTokens(origin: string, scope: string): Promise<{ access_token: string; refresh_token: string; scope: string }> {
  const { code, verifier } = await authorizationCode(origin, scope);
  const result = await tokenRequest(origin, {
    grant_type: 'authorization_code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    code,
    code_verifier: verifier,
  });
  if (result.status !== 200) throw new Error(`token endpoint answered ${result.status} ${result.json?.error}`);
  return result.json;
}
