/** Test-side helpers: real `fetch` against the Shopware server, the way the app will call it. */
import { DEMO_INTEGRATIONS, SALES_CHANNEL_ACCESS_KEY } from './constants.ts';

export interface Answer {
  status: number;
  headers: Headers;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- assertions read arbitrary fields
  text: string;
}

export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

export function tokenRequest(origin: string, body: Record<string, string>, contentType = 'application/json'): Promise<Answer> {
  const encoded = contentType.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(body).toString() : JSON.stringify(body);
  return call(`${origin}/api/oauth/token`, { method: 'POST', headers: { 'Content-Type': contentType }, body: encoded });
}

export const BROWSE = DEMO_INTEGRATIONS[0]!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
export const ORDERS = DEMO_INTEGRATIONS[1]!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
export const ADMIN = DEMO_INTEGRATIONS[2]!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
/** Browse rights without the Properties viewer's: a variant's options are refused it. */
export const NO_PROPERTIES = DEMO_INTEGRATIONS[3]!; // eslint-disable-line @typescript-eslint/no-non-null-assertion

export async function integrationToken(origin: string, integration = BROWSE): Promise<string> {
  const answer = await tokenRequest(origin, { grant_type: 'client_credentials', client_id: integration.accessKeyId, client_secret: integration.secret });
  if (answer.status !== 200) throw new Error(`token request failed: ${answer.status}`);
  return answer.json.access_token as string;
}

export function passwordGrant(origin: string, username = 'admin', password = 'shopware'): Promise<Answer> {
  return tokenRequest(origin, { grant_type: 'password', client_id: 'administration', scope: 'write', username, password });
}

export function refreshGrant(origin: string, refreshToken: string): Promise<Answer> {
  return tokenRequest(origin, { grant_type: 'refresh_token', client_id: 'administration', scope: 'write', refresh_token: refreshToken });
}

export function apiSearch(origin: string, entity: string, token: string, criteria: unknown = {}, accept: string | null = 'application/json'): Promise<Answer> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  if (accept !== null) headers.Accept = accept;
  return call(`${origin}/api/search/${entity}`, { method: 'POST', headers, body: JSON.stringify(criteria) });
}

export function storeApi(origin: string, path: string, body?: unknown, key = SALES_CHANNEL_ACCESS_KEY): Promise<Answer> {
  return call(`${origin}/store-api/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'sw-access-key': key, Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The browse criteria of platforms.md 4.3. */
export const BROWSE_CRITERIA = {
  page: 1,
  limit: 24,
  'total-count-mode': 'exact',
  filter: [
    { type: 'equals', field: 'parentId', value: null },
    { type: 'equals', field: 'active', value: true },
  ],
  sort: [{ field: 'createdAt', order: 'DESC' }],
  associations: { cover: {}, media: { sort: [{ field: 'position', order: 'ASC' }] }, categories: {} },
  includes: {
    product: ['id', 'productNumber', 'parentId', 'name', 'description', 'translated', 'price', 'stock', 'availableStock', 'available', 'active', 'cover', 'media', 'categories', 'createdAt', 'updatedAt'],
    product_media: ['id', 'position', 'media'],
    media: ['url', 'alt', 'title', 'thumbnails'],
    media_thumbnail: ['url', 'width', 'height'],
    category: ['id', 'name', 'translated'],
  },
};
