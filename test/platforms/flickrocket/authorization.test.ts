import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlickRocketStore, type FlickRocketStore } from './server.ts';
import { CLIENT_ID, REDIRECT_URI, consent, consentParams, openConsent, submitConsent } from './client.ts';

let store: FlickRocketStore;
let echoing: FlickRocketStore;

beforeAll(async () => {
  store = await startFlickRocketStore({ port: 0, hooksPort: null });
  echoing = await startFlickRocketStore({ port: 0, hooksPort: null, echoState: true });
});
afterAll(() => Promise.all([store.close(), echoing.close()]));

describe('consent page (GET /oauth2/auth)', () => {
  it('names the app and each comma-separated scope, with Allow and Deny', async () => {
    const page = await openConsent(store.origin, consentParams());
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.html).toContain('Storefront Connect');
    expect(page.html).toContain('<strong>products</strong>The application can get, modify, create and delete products and categories.');
    expect(page.html).toContain('<strong>orders</strong>');
    expect(page.html).toMatch(/<button type="submit" name="decision" value="allow">Allow<\/button>/);
    expect(page.html).toMatch(/<button type="submit" name="decision" value="deny">Deny<\/button>/);
  });

  it('binds a single-use consent value to a cookie', async () => {
    const first = await openConsent(store.origin, consentParams());
    const second = await openConsent(store.origin, consentParams());
    expect(first.fields.consent).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(second.fields.consent).not.toBe(first.fields.consent);
    expect(first.cookie).toMatch(/^fr_consent_[A-Za-z0-9_-]+=[A-Za-z0-9_-]{40,}$/);
    expect(first.headers.getSetCookie()[0]).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await submitConsent(store.origin, first, 'allow')).status).toBe(302);
    const again = await submitConsent(store.origin, first, 'allow');
    expect(again.status).toBe(400);
    expect(again.headers.get('location')).toBeNull();
  });

  it('refuses a form without its cookie, or with a changed request', async () => {
    const page = await openConsent(store.origin, consentParams({ scope: 'products' }));
    expect((await submitConsent(store.origin, { ...page, cookie: '' }, 'allow')).status).toBe(400);
    const tampered = await submitConsent(store.origin, { ...page, fields: { ...page.fields, scope: 'products,orders' } }, 'allow');
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain('changed');
  });

  it('shows an error page (no redirect) for an unknown client or a redirect_uri that is not an exact match', async () => {
    const cases: Record<string, string>[] = [{ client_id: 'someone-else' }, { redirect_uri: 'http://127.0.0.1:5173' }, { redirect_uri: `${REDIRECT_URI}?x=1` }];
    for (const extra of cases) {
      const page = await openConsent(store.origin, consentParams(extra));
      expect(page.status).toBe(400);
      expect(page.headers.get('location')).toBeNull();
      expect(page.fields.consent).toBeUndefined();
    }
  });

  it('treats a space-separated scope list as one unknown scope (invalid_scope back to the app)', async () => {
    const response = await fetch(`${store.origin}/oauth2/auth?${new URLSearchParams(consentParams({ scope: 'products orders' }))}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const query = new URL(response.headers.get('location') ?? '').searchParams;
    expect(query.get('error')).toBe('invalid_scope');
    expect(query.get('code')).toBeNull();
  });
});

describe('the redirect back', () => {
  it('Allow: code is a 32-hex refresh token, with companyid; no state by default', async () => {
    const query = await consent(store.origin);
    expect(query.get('code')).toMatch(/^[0-9a-f]{32}$/);
    expect(query.get('companyid')).toBe('4711');
    expect(query.has('state')).toBe(false);
    expect([...query.keys()].sort()).toEqual(['code', 'companyid']);
  });

  it('echoes state only with echoState', async () => {
    const query = await consent(echoing.origin, { state: 'st-abc' });
    expect(query.get('state')).toBe('st-abc');
    const denied = await consent(echoing.origin, { state: 'st-def' }, 'deny');
    expect(denied.get('state')).toBe('st-def');
  });

  it('Deny: ?error=access_denied and no code', async () => {
    const query = await consent(store.origin, {}, 'deny');
    expect(query.get('error')).toBe('access_denied');
    expect(query.has('code')).toBe(false);
    expect(query.has('state')).toBe(false);
  });

  it('every Allow gives a different code for the client', async () => {
    const a = (await consent(store.origin)).get('code');
    const b = (await consent(store.origin)).get('code');
    expect(a).not.toBe(b);
    expect(CLIENT_ID).toContain('apps.flickrocket.com');
  });
});

describe('the shop’s own address (GET /)', () => {
  // README's demo table names http://127.0.0.1:4050 as this shop's address: opening it must say
  // what it is and how to connect, not "There is nothing at this address".
  it('is a page naming the shop and how to connect, with no credential to copy', async () => {
    const answer = await fetch(`${store.origin}/`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/html');
    const html = await answer.text();
    expect(html).toContain('<h1>FlickRocket Demo Shop</h1>');
    expect(html).toContain(`${store.origin}/oauth2/auth`);
    expect(html).toContain('then Allow on the consent page');
    expect(html).not.toContain('There is nothing at this address');
  });

  it('still answers any other unknown address with Not found', async () => {
    expect((await fetch(`${store.origin}/nowhere`)).status).toBe(404);
  });
});
