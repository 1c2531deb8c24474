/**
 * The four platform servers' transport, as the real platform's front end answers a browser (issue 15):
 * JSON compressed per Accept-Encoding (a store's web server or CDN does so; HAL and JSON:API too),
 * and preflights cached with Access-Control-Max-Age where the platform sends it (FlickRocket,
 * Foxy, StoreHippo: 600). Shopware's CorsListener sets no Max-Age (platforms.md 4.2): none here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodedBody, rawRequest, type RawResponse } from '../helpers/raw-http.ts';
import { startFlickRocketStore, type FlickRocketStore } from './flickrocket/server.ts';
import { signIn } from './flickrocket/client.ts';
import { startFoxyStore, type FoxyStore } from './foxy/server.ts';
import { accessToken, href, storeResource } from './foxy/foxy-client.ts';
import { startShopwareStore, type ShopwareStore } from './shopware/server.ts';
import { BROWSE, integrationToken } from './shopware/client.ts';
import { startStoreHippoStore, type StoreHippoStore } from './storehippo/server.ts';
import { DEMO_KEYS } from './storehippo/seed.ts';

const APP_ORIGIN = 'http://127.0.0.1:5173';

/** One platform's product listing as the app asks for it, with the headers it sends. */
interface Listing {
  name: string;
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** What the platform answers a preflight with in Access-Control-Max-Age (null: no header). */
  maxAge: string | null;
  /** The JSON media type of the answer. */
  type: RegExp;
}

let flickRocket: FlickRocketStore;
let foxy: FoxyStore;
let shopware: ShopwareStore;
let hippo: StoreHippoStore;
const listings: Listing[] = [];

beforeAll(async () => {
  [flickRocket, foxy, shopware, hippo] = await Promise.all([
    startFlickRocketStore({ port: 0, hooksPort: null, allowedOrigins: [APP_ORIGIN] }),
    startFoxyStore({ port: 0, allowedOrigins: [APP_ORIGIN] }),
    startShopwareStore({ port: 0 }),
    startStoreHippoStore({ port: 0, allowedOrigins: [APP_ORIGIN] }),
  ]);
  const frToken = (await signIn(flickRocket.origin)).access_token;
  const foxyToken = await accessToken(foxy.origin);
  const transactions = href(await storeResource(foxy.origin, foxyToken), 'fx:transactions');
  const swToken = await integrationToken(shopware.origin, BROWSE);
  listings.push(
    { name: 'FlickRocket', url: `${flickRocket.origin}/api/products.json`, method: 'GET', headers: { Authorization: `Bearer ${frToken}` }, maxAge: '600', type: /^application\/json/ },
    { name: 'Foxy', url: transactions, method: 'GET', headers: { Authorization: `Bearer ${foxyToken}`, 'FOXY-API-VERSION': '1' }, maxAge: '600', type: /^application\/hal\+json/ },
    {
      name: 'Shopware 6',
      url: `${shopware.origin}/api/search/product`,
      method: 'POST',
      headers: { Authorization: `Bearer ${swToken}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ limit: 25 }),
      maxAge: null,
      type: /^application\/json/,
    },
    { name: 'StoreHippo', url: `${hippo.origin}/api/1.1/entity/ms.products?limit=50`, method: 'GET', headers: { 'access-key': DEMO_KEYS.readOnly, Accept: 'application/json' }, maxAge: '600', type: /^application\/json/ },
  );
});
afterAll(() => Promise.all([flickRocket?.close(), foxy?.close(), shopware?.close(), hippo?.close()]));

const send = (listing: Listing, extra: Record<string, string>): Promise<RawResponse> =>
  rawRequest(listing.url, { ...listing.headers, ...extra }, { method: listing.method, ...(listing.body === undefined ? {} : { body: listing.body }) });

const names = ['FlickRocket', 'Foxy', 'Shopware 6', 'StoreHippo'];
const listing = (name: string): Listing => listings.find((l) => l.name === name)!;

describe('product listings are compressed per Accept-Encoding', () => {
  it.each(names)('%s: br when accepted, gzip when only that is, identity when neither; the same JSON each way', async (name) => {
    const l = listing(name);
    const plain = await send(l, {});
    const br = await send(l, { 'Accept-Encoding': 'gzip, deflate, br' });
    const gzip = await send(l, { 'Accept-Encoding': 'gzip, deflate' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toMatch(l.type);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    for (const packed of [br, gzip]) {
      expect(packed.headers['vary']).toMatch(/Accept-Encoding/);
      expect(Number(packed.headers['content-length'])).toBe(packed.body.length);
      expect(packed.body.length).toBeLessThan(plain.body.length / 2);
      expect(JSON.parse(decodedBody(packed))).toEqual(JSON.parse(plain.body.toString('utf8')));
    }
  });
});

describe('preflights', () => {
  it.each(names)('%s answers the app origin’s preflight with the Max-Age the platform sends', async (name) => {
    const l = listing(name);
    const answer = await rawRequest(l.url, { Origin: APP_ORIGIN, 'Access-Control-Request-Method': l.method, 'Access-Control-Request-Headers': 'authorization' }, { method: 'OPTIONS' });
    expect(answer.status).toBeLessThan(300);
    expect(answer.headers['access-control-allow-origin']).toMatch(/^(\*|http:\/\/127\.0\.0\.1:5173)$/);
    expect(answer.headers['access-control-max-age'] ?? null).toBe(l.maxAge);
  });
});
