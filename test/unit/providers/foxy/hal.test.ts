import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_BUNDLE } from '../../../platforms/foxy/constants.ts';
import { createSeed } from '../../../platforms/foxy/seed.ts';
import { collectPages, findLink, followLink, isSameOrigin, readCollectionPage, storeLink, withQuery } from '../../../../src/lib/providers/foxy/hal.ts';
import { foxyRefreshRequest, foxyTokenEndpoint, processFoxyRefreshResponse } from '../../../../src/lib/providers/foxy/token.ts';
import { FOXY_REL } from '../../../../src/lib/providers/foxy/wire.ts';
import { connect, demoBundle, getJsonWith, signedSend, type Connected } from './foxy-fixture.ts';

let c: Connected;
let storeJson: unknown;
/** Every seeded transaction (the test, hidden and declined ones too): the collection is not filtered here. */
const TOTAL = createSeed().transactions.length;

beforeAll(async () => {
  c = await connect();
  storeJson = await c.getJson(storeLink(await c.getJson(`${c.apiBase}/`), c.apiBase));
});
afterAll(() => c.store.close());

describe('isSameOrigin', () => {
  it.each([
    ['https://api.foxy.io/stores/8', true],
    ['https://api.foxy.io:443/x', true],
    ['http://api.foxy.io/x', false],
    ['https://api.foxy.io.evil.example/x', false],
    ['https://user:pw@api.foxy.io/x', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (url, same) => {
    expect(isSameOrigin(url, 'https://api.foxy.io')).toBe(same);
  });
});

describe('links of the local store', () => {
  it('walks home → fx:store → fx:transactions by relation', () => {
    expect(findLink(storeJson, FOXY_REL.transactions)).toMatch(/\/transactions$/);
    expect(followLink(storeJson, FOXY_REL.coupons, c.apiBase).startsWith(`${c.apiBase}/s/`)).toBe(true);
    expect(findLink(storeJson, 'fx:nothing')).toBeUndefined();
  });

  it('refuses to follow the store link on another origin, and sends nothing there', () => {
    expect(new URL(findLink(storeJson, 'fx:downloadables') ?? '').origin).toBe(c.store.canaryOrigin);
    expect(() => followLink(storeJson, 'fx:downloadables', c.apiBase)).toThrow(expect.objectContaining({ code: 'API_INVALID_RESPONSE' }));
    expect(c.store.stats().canaryHitsWithAuthorization).toBe(0);
  });

  it('reports a missing link as an invalid response', () => {
    expect(() => followLink({ _links: {} }, FOXY_REL.store, c.apiBase)).toThrow(expect.objectContaining({ code: 'API_INVALID_RESPONSE' }));
  });

  it('refuses a user-scoped home (fx:stores): CREDENTIALS_WRONG_SCOPE', async () => {
    // The user bundle is refused at refresh already; read its home with the token issued anyway.
    const answer = await foxyRefreshRequest(fetch, { tokenEndpoint: foxyTokenEndpoint(c.apiBase), bundle: { ...demoBundle, refreshToken: USER_BUNDLE.refresh_token } });
    const { access_token: token } = (await answer.json()) as { access_token: string };
    const home = await getJsonWith(signedSend(c.apiBase, token), `${c.apiBase}/`);
    expect(() => storeLink(home, c.apiBase)).toThrow(expect.objectContaining({ code: 'CREDENTIALS_WRONG_SCOPE' }));
    await expect(processFoxyRefreshResponse(new Response('{}', { status: 500 }), { now: 0, previousRefreshToken: 'x' })).rejects.toMatchObject({ code: 'OAUTH_TOKEN_REQUEST_FAILED' });
  });
});

describe('collections', () => {
  it('reads a page with total_items as a string and knows the last page though next is itself', async () => {
    const url = followLink(storeJson, FOXY_REL.transactions, c.apiBase);
    const first = readCollectionPage(await c.getJson(withQuery(url, { limit: 100 })), FOXY_REL.transactions, c.apiBase);
    expect(first).toMatchObject({ total: TOTAL, offset: 0, returned: 100 });
    expect(first.next).toBeDefined();
    const last = readCollectionPage(await c.getJson(withQuery(url, { limit: 100, offset: 200 })), FOXY_REL.transactions, c.apiBase);
    expect(last).toMatchObject({ returned: TOTAL - 200, next: undefined });
  });

  it('accepts a numeric total_items and an absent _embedded', () => {
    expect(readCollectionPage({ total_items: 0, returned_items: 0, offset: 0, limit: 20, _links: {} }, 'fx:x', c.apiBase)).toMatchObject({ entries: [], total: 0 });
    expect(() => readCollectionPage({ total_items: 'many' }, 'fx:x', c.apiBase)).toThrow(expect.objectContaining({ code: 'API_INVALID_RESPONSE' }));
  });

  it('collects every page by following next, within the page bound', async () => {
    const url = withQuery(followLink(storeJson, FOXY_REL.transactions, c.apiBase), { limit: 50 });
    const all = await collectPages(c.getJson, url, FOXY_REL.transactions, c.apiBase, 10);
    expect(all).toMatchObject({ total: TOTAL, complete: true });
    expect(new Set(all.entries.map((t) => (t as { id: number }).id)).size).toBe(TOTAL);
    const capped = await collectPages(c.getJson, url, FOXY_REL.transactions, c.apiBase, 2);
    expect(capped).toMatchObject({ complete: false });
    expect(capped.entries).toHaveLength(100);
  });

  it('stops on a server whose next loops back to an earlier page', async () => {
    const pageA = { _links: { self: { href: 'https://api.foxy.io/a' }, next: { href: 'https://api.foxy.io/b' } }, _embedded: { 'fx:x': [1] }, total_items: '9', returned_items: 1, offset: 0 };
    const pageB = { ...pageA, _links: { self: { href: 'https://api.foxy.io/b' }, next: { href: 'https://api.foxy.io/a' } }, offset: 1 };
    let calls = 0;
    const result = await collectPages(async (url) => (calls++, url.endsWith('/a') ? pageA : pageB), 'https://api.foxy.io/a', 'fx:x', 'https://api.foxy.io', 50);
    expect(calls).toBe(2);
    expect(result.complete).toBe(false);
  });
});
