/** Plumbing for the Foxy contract tests: real fetch against the local server, links followed from `/`. */
import { DEMO_BUNDLE, type FoxyBundle } from './constants.ts';

export const APP_ORIGIN = 'http://127.0.0.1:5173';
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Answer {
  status: number;
  headers: Headers;
  json: Json;
}

export async function call(url: string, init: RequestInit & { version?: string | null } = {}): Promise<Answer> {
  const headers = new Headers(init.headers);
  if (init.version !== null) headers.set('FOXY-API-VERSION', init.version ?? '1');
  const response = await fetch(url, { ...init, headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text === '' ? {} : (JSON.parse(text) as Json) };
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

export function tokenCall(origin: string, form: Record<string, string>, authorization?: string): Promise<Answer> {
  return call(`${origin}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(authorization === undefined ? {} : { Authorization: authorization }) },
    body: new URLSearchParams(form),
  });
}

/** A fresh access token for the bundle (HTTP Basic client auth). */
export async function accessToken(origin: string, bundle: FoxyBundle = DEMO_BUNDLE): Promise<string> {
  const answer = await tokenCall(origin, { grant_type: 'refresh_token', refresh_token: bundle.refresh_token }, basic(bundle.client_id, bundle.client_secret));
  if (answer.status !== 200) throw new Error(`token request failed: ${answer.status}`);
  return String(answer.json.access_token);
}

export function get(url: string, token: string, init: RequestInit & { version?: string | null } = {}): Promise<Answer> {
  return call(url, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) } });
}

export function href(resource: Json, rel: string): string {
  const link = resource._links?.[rel];
  if (typeof link?.href !== 'string') throw new Error(`no link ${rel}`);
  return link.href as string;
}

/** home -> fx:store, by links only. */
export async function storeResource(origin: string, token: string): Promise<Json> {
  const home = await get(`${origin}/`, token);
  return (await get(href(home.json, 'fx:store'), token)).json;
}

export function withQuery(url: string, query: Record<string, string>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
  return u.href;
}
