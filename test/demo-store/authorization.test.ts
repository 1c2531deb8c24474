import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoStore, type DemoStore } from './server.ts';
import {
  APP_ORIGIN,
  CLIENT_ID,
  REDIRECT_URI,
  authorize,
  openConsent,
  pkcePair,
  redirectParams,
  submitConsent,
} from './store-client.ts';

let store: DemoStore;
let origin: string;

beforeAll(async () => {
  store = await startDemoStore({ port: 0 });
  origin = store.origin;
});
afterAll(() => store.close());

const tokenRequest = (extra: Record<string, string> = {}): Record<string, string> => ({
  client_id: CLIENT_ID,
  response_type: 'token',
  redirect_uri: REDIRECT_URI,
  scope: 'storefront cart',
  state: 'xyz 123',
  ...extra,
});

const codeRequest = (extra: Record<string, string> = {}): Record<string, string> => {
  const { challenge } = pkcePair();
  return tokenRequest({ response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256', ...extra });
};

describe('consent page (GET /oauth2/authorize)', () => {
  it('names the app and each scope with its description, with Allow and Deny buttons', async () => {
    const page = await openConsent(origin, tokenRequest({ scope: 'storefront cart admin' }));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.html).toContain('Storefront Connect');
    expect(page.html).toContain('<strong>storefront</strong>Read products, pages and storefront metadata.');
    expect(page.html).toContain("<strong>cart</strong>Read and write the shopper&#39;s cart.");
    expect(page.html).toContain('<strong>admin</strong>Everything in storefront');
    expect(page.html).toMatch(/<button type="submit" name="decision" value="allow">Allow<\/button>/);
    expect(page.html).toMatch(/<button type="submit" name="decision" value="deny">Deny<\/button>/);
    expect(page.html).toContain('<html lang="en">');
  });

  it('carries the request and a per-request consent value in hidden fields, bound to a cookie', async () => {
    const params = tokenRequest();
    const first = await openConsent(origin, params);
    const second = await openConsent(origin, params);
    expect(first.fields).toMatchObject(params);
    expect(first.fields.consent).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(second.fields.consent).not.toBe(first.fields.consent);
    expect(first.cookie).toMatch(/^goodsie_consent_[A-Za-z0-9_-]+=[A-Za-z0-9_-]{40,}$/);
    expect(first.headers.getSetCookie()[0]).toMatch(/HttpOnly; SameSite=Strict/);
  });

  it('cannot be framed and lets the form go only to itself and the redirect origin', async () => {
    const page = await openConsent(origin, tokenRequest());
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`form-action 'self' ${APP_ORIGIN}`);
  });

  it('escapes a client name that looks like HTML', async () => {
    store.addClient({ clientId: 'html-name', name: '<b>Evil</b> & "co"', redirectUris: [REDIRECT_URI] });
    const page = await openConsent(origin, tokenRequest({ client_id: 'html-name' }));
    expect(page.html).toContain('&lt;b&gt;Evil&lt;/b&gt; &amp; &quot;co&quot;');
    expect(page.html).not.toContain('<b>Evil</b>');
  });

  it('warns about a requested scope the store will not grant', async () => {
    store.setMaxScopes(['storefront']);
    try {
      const page = await openConsent(origin, tokenRequest({ scope: 'storefront admin' }));
      expect(page.html.match(/will not grant/g)).toHaveLength(1);
    } finally {
      store.setMaxScopes(['storefront', 'cart', 'admin']);
    }
  });
});

describe('requests that cannot be trusted get an error page, never a redirect', () => {
  it.each([
    ['an unknown client_id', { client_id: 'nobody' }, 'Unknown app'],
    ['a missing client_id', { client_id: '' }, 'Unknown app'],
    ['a redirect_uri with no trailing slash', { redirect_uri: 'http://127.0.0.1:5173' }, 'Invalid redirect address'],
    ['a redirect_uri with an extra path', { redirect_uri: 'http://127.0.0.1:5173/callback' }, 'Invalid redirect address'],
    ['a redirect_uri on another host', { redirect_uri: 'http://localhost:5173/' }, 'Invalid redirect address'],
    ['a redirect_uri with a query added', { redirect_uri: 'http://127.0.0.1:5173/?a=1' }, 'Invalid redirect address'],
  ])('%s', async (_label, change, title) => {
    const page = await openConsent(origin, tokenRequest(change));
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
    expect(page.html).toContain(title);
    expect(page.cookie).toBe('');
  });

  it('a duplicated redirect_uri', async () => {
    const query = `client_id=${CLIENT_ID}&response_type=token&scope=storefront&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&redirect_uri=${encodeURIComponent('http://evil.test/')}`;
    const response = await fetch(`${origin}/oauth2/authorize?${query}`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });
});

describe('request errors after the redirect URI is validated are redirected', () => {
  async function errorOf(params: Record<string, string>) {
    const response = await fetch(`${origin}/oauth2/authorize?${new URLSearchParams(params)}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return redirectParams(response);
  }

  it('an unknown scope -> invalid_scope in the fragment for token, with state', async () => {
    const { fragment, location } = await errorOf(tokenRequest({ scope: 'storefront write_everything' }));
    expect(location.startsWith(`${REDIRECT_URI}#`)).toBe(true);
    expect(fragment.get('error')).toBe('invalid_scope');
    expect(fragment.get('state')).toBe('xyz 123');
  });

  it('an unknown scope -> invalid_scope in the query for code', async () => {
    const { query } = await errorOf(codeRequest({ scope: 'nope' }));
    expect(query.get('error')).toBe('invalid_scope');
  });

  it('a missing scope -> invalid_scope', async () => {
    const { fragment } = await errorOf(tokenRequest({ scope: '' }));
    expect(fragment.get('error')).toBe('invalid_scope');
  });

  it('an unsupported response_type -> unsupported_response_type', async () => {
    const { query } = await errorOf(tokenRequest({ response_type: 'id_token' }));
    expect(query.get('error')).toBe('unsupported_response_type');
    expect(query.get('state')).toBe('xyz 123');
  });

  it('PKCE: a public client without code_challenge -> invalid_request', async () => {
    const { query } = await errorOf(tokenRequest({ response_type: 'code' }));
    expect(query.get('error')).toBe('invalid_request');
    expect(query.get('error_description')).toContain('code_challenge');
  });

  it('PKCE: method plain -> invalid_request', async () => {
    const { query } = await errorOf(codeRequest({ code_challenge_method: 'plain', code_challenge: 'a'.repeat(43) }));
    expect(query.get('error')).toBe('invalid_request');
    expect(query.get('error_description')).toContain('S256');
  });

  it('PKCE: a challenge with no method (which means plain) -> invalid_request', async () => {
    const params = codeRequest();
    delete params.code_challenge_method;
    const { query } = await errorOf(params);
    expect(query.get('error')).toBe('invalid_request');
  });

  it('PKCE: a challenge that is not a SHA-256 base64url value -> invalid_request', async () => {
    const { query } = await errorOf(codeRequest({ code_challenge: 'short' }));
    expect(query.get('error')).toBe('invalid_request');
  });

  it('maxScopes leaving nothing of the request -> invalid_scope', async () => {
    store.setMaxScopes(['storefront']);
    try {
      const { fragment } = await errorOf(tokenRequest({ scope: 'cart' }));
      expect(fragment.get('error')).toBe('invalid_scope');
    } finally {
      store.setMaxScopes(['storefront', 'cart', 'admin']);
    }
  });
});

describe('Allow and Deny', () => {
  it('token + Allow: fragment with access_token, bearer, form-encoded scope, expire_in and state; no refresh token', async () => {
    const page = await openConsent(origin, tokenRequest());
    const response = await submitConsent(origin, page, 'allow');
    expect(response.status).toBe(302);
    const { location, fragment, query } = redirectParams(response);
    expect(location.startsWith(`${REDIRECT_URI}#`)).toBe(true);
    expect([...query.keys()]).toEqual([]);
    expect(location).toContain('scope=storefront+cart');
    expect(location).toContain('state=xyz+123');
    expect(fragment.get('access_token')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(fragment.get('token_type')).toBe('bearer');
    expect(fragment.get('scope')).toBe('storefront cart');
    expect(fragment.get('expire_in')).toBe('315360000');
    expect(fragment.get('state')).toBe('xyz 123');
    expect(fragment.has('refresh_token')).toBe(false);
    expect(fragment.has('expires_in')).toBe(false);
    expect(response.headers.getSetCookie()[0]).toMatch(/Max-Age=0/);
  });

  it('token + Deny: access_denied in the fragment, with state', async () => {
    const { fragment, query } = await authorize(origin, tokenRequest(), 'deny');
    expect(fragment.get('error')).toBe('access_denied');
    expect(fragment.get('error_description')).toBeTruthy();
    expect(fragment.get('state')).toBe('xyz 123');
    expect(fragment.has('access_token')).toBe(false);
    expect([...query.keys()]).toEqual([]);
  });

  it('code + Allow: code and state in the query', async () => {
    const { query, location } = await authorize(origin, codeRequest());
    expect(location.startsWith(`${REDIRECT_URI}?`)).toBe(true);
    expect(location).not.toContain('#');
    expect(query.get('code')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(query.get('state')).toBe('xyz 123');
    expect(query.has('access_token')).toBe(false);
  });

  it('code + Deny: access_denied in the query, with state', async () => {
    const { query } = await authorize(origin, codeRequest(), 'deny');
    expect(query.get('error')).toBe('access_denied');
    expect(query.get('state')).toBe('xyz 123');
    expect(query.has('code')).toBe(false);
  });

  it('omits state when the request had none', async () => {
    const params = tokenRequest();
    delete params.state;
    const { fragment } = await authorize(origin, params);
    expect(fragment.has('state')).toBe(false);
    expect(fragment.get('access_token')).toBeTruthy();
  });

  it('keeps an existing query on a registered redirect URI', async () => {
    store.addClient({ clientId: 'with-query', name: 'Q', redirectUris: ['http://127.0.0.1:5173/cb?tenant=a'] });
    const { location, query } = await authorize(origin, codeRequest({ client_id: 'with-query', redirect_uri: 'http://127.0.0.1:5173/cb?tenant=a' }));
    expect(location.startsWith('http://127.0.0.1:5173/cb?tenant=a&code=')).toBe(true);
    expect(query.get('tenant')).toBe('a');
  });
});

describe('the consent POST is protected', () => {
  it('a consent value can be used once', async () => {
    const page = await openConsent(origin, tokenRequest());
    expect((await submitConsent(origin, page, 'allow')).status).toBe(302);
    const again = await submitConsent(origin, page, 'allow');
    expect(again.status).toBe(400);
    expect(again.headers.get('location')).toBeNull();
  });

  it('a forged POST with no consent value is refused', async () => {
    const page = await openConsent(origin, tokenRequest());
    const { consent: _dropped, ...fields } = page.fields;
    const response = await submitConsent(origin, { fields, cookie: page.cookie }, 'allow');
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('a POST without the cookie (cross-site) is refused, and the real form still works after', async () => {
    const page = await openConsent(origin, tokenRequest());
    const forged = await submitConsent(origin, { fields: page.fields, cookie: '' }, 'allow');
    expect(forged.status).toBe(400);
    expect(forged.headers.get('location')).toBeNull();
    expect((await submitConsent(origin, page, 'allow')).status).toBe(302);
  });

  it('a POST whose request fields were changed is refused', async () => {
    const page = await openConsent(origin, tokenRequest({ scope: 'storefront' }));
    const response = await submitConsent(origin, { fields: { ...page.fields, scope: 'storefront admin' }, cookie: page.cookie }, 'allow');
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('a POST with a redirect_uri swapped for another registered one is refused', async () => {
    store.addClient({ clientId: 'two-uris', name: 'Two', redirectUris: [REDIRECT_URI, 'http://127.0.0.1:5173/other'] });
    const page = await openConsent(origin, tokenRequest({ client_id: 'two-uris' }));
    const fields = { ...page.fields, redirect_uri: 'http://127.0.0.1:5173/other' };
    expect((await submitConsent(origin, { fields, cookie: page.cookie }, 'allow')).status).toBe(400);
  });
});
