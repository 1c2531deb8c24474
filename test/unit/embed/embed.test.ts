import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../../../src/lib/config/types.ts';
import { captureRedirect } from '../../../src/lib/oauth/callback.ts';
import { checkEmbedToken, embedScope } from '../../../src/lib/embed/embed-scope.ts';
import { completeEmbedSignIn, EmbedTokens, isEmbedCallback } from '../../../src/lib/embed/embed-tokens.ts';
import { buildEmbedSnippet, escapeAttribute, pinnedWidget, widgetUrlFor } from '../../../src/lib/embed/snippet.ts';
import { goodsie } from '../../../src/lib/providers/goodsie.ts';
import { type OpenedStorage } from '../../../src/lib/storage/kv.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import { TokenVault } from '../../../src/lib/storage/token-vault.ts';
import { catchAppError } from '../../helpers/catch-error.ts';

const CONFIG: AppConfig = {
  stores: [
    {
      id: 'demo',
      kind: 'goodsie',
      name: 'Demo',
      authorizationEndpoint: 'https://shop.example/oauth2/authorize',
      tokenEndpoint: 'https://shop.example/oauth2/access_token',
      apiBase: 'https://shop.example',
      clientId: 'client-1',
      redirectUri: 'https://app.example/',
      defaultScopes: ['storefront', 'cart'],
      flow: 'code',
    },
  ],
};

describe('embedScope and checkEmbedToken', () => {
  it('finds the read-only scope of the provider', () => {
    expect(embedScope(goodsie)).toBe('storefront');
  });

  it('accepts only tokens that read the storefront and do nothing else', () => {
    expect(checkEmbedToken(goodsie, ['storefront'])).toEqual({ ok: true });
    expect(checkEmbedToken(goodsie, ['storefront', 'admin'])).toEqual({ ok: false, reason: 'too-powerful', beyond: ['admin'] });
    expect(checkEmbedToken(goodsie, ['cart', 'storefront'])).toEqual({ ok: false, reason: 'too-powerful', beyond: ['cart'] });
    // admin includes storefront reading, but it is far more than reading.
    expect(checkEmbedToken(goodsie, ['admin'])).toEqual({ ok: false, reason: 'too-powerful', beyond: ['admin'] });
    // A scope we do not know could do anything.
    expect(checkEmbedToken(goodsie, ['storefront', 'write_everything'])).toEqual({ ok: false, reason: 'too-powerful', beyond: ['write_everything'] });
    expect(checkEmbedToken(goodsie, [])).toEqual({ ok: false, reason: 'cannot-browse' });
  });
});

describe('the pinned widget (Subresource Integrity)', () => {
  const INTEGRITY = `sha384-${'A'.repeat(64)}`;
  const serve = (body: unknown, status = 200) => async () => new Response(JSON.stringify(body), { status });
  /** widget-integrity.json, then the pinned copy's HEAD answered with `copyHeaders`. */
  const host =
    (body: unknown, copyHeaders: Record<string, string>) =>
    async (_input: RequestInfo | URL, init?: RequestInit) =>
      init?.method === 'HEAD' ? new Response(null, { status: 200, headers: copyHeaders }) : new Response(JSON.stringify(body), { status: 200 });

  it('pins the snippet’s script with integrity and crossorigin', () => {
    const snippet = buildEmbedSnippet({ widgetUrl: 'https://app.example/widget/0123456789abcdef.js', integrity: INTEGRITY, apiBase: 'https://shop.example', token: 't' });
    expect(snippet).toContain(`<script src="https://app.example/widget/0123456789abcdef.js" defer integrity="${INTEGRITY}" crossorigin="anonymous"></script>`);
  });

  it('reads the pinned copy from widget-integrity.json beside the app (not in widget/, cached for good)', async () => {
    const pinned = { 'widget.js': { file: 'widget/0123456789abcdef.js', integrity: INTEGRITY } };
    const asked: string[] = [];
    const fetchFn = (input: RequestInfo | URL, init?: RequestInit) => (asked.push(String(input)), host(pinned, { 'Access-Control-Allow-Origin': '*' })(input, init));
    const found = await pinnedWidget(fetchFn as typeof fetch, 'https://cdn.example/shops/acme/index.html');
    expect(asked[0]).toBe('https://cdn.example/shops/acme/widget-integrity.json');
    expect(found).toEqual({ url: 'https://cdn.example/shops/acme/widget/0123456789abcdef.js', integrity: INTEGRITY });
  });

  it('says no-cors when the host serves the pinned copy without CORS (a pinned script needs a CORS fetch; the plain widget.js needs none)', async () => {
    const pinned = { 'widget.js': { file: 'widget/0123456789abcdef.js', integrity: INTEGRITY } };
    expect(await pinnedWidget(host(pinned, {}) as typeof fetch, 'https://cdn.example/')).toBe('no-cors');
  });

  it.each([
    ['no file (dev server)', serve({}, 404)],
    ['a file elsewhere', serve({ 'widget.js': { file: 'https://evil.example/w.js', integrity: INTEGRITY } })],
    ['a weak hash', serve({ 'widget.js': { file: 'widget/0123456789abcdef.js', integrity: 'sha1-abc' } })],
  ])('gives null for %s', async (_label, fetchFn) => {
    expect(await pinnedWidget(fetchFn as typeof fetch, 'https://cdn.example/')).toBeNull();
  });
});

describe('buildEmbedSnippet', () => {
  it('writes a deferred classic script (no CORS needed) and the element with every chosen attribute', () => {
    const snippet = buildEmbedSnippet({
      widgetUrl: widgetUrlFor('https://cdn.example.com/shops/acme/index.html#/s/demo/embed'),
      apiBase: 'https://shop.example',
      token: 'tok-123',
      category: 'Mugs & cups',
      search: '"blue" <b>',
      limit: 8,
      columns: 4,
    });
    expect(snippet).toBe(
      [
        '<script src="https://cdn.example.com/shops/acme/widget.js" defer></script>',
        '<storefront-products',
        '  api-base="https://shop.example"',
        '  token="tok-123"',
        '  category="Mugs &amp; cups"',
        '  search="&quot;blue&quot; &lt;b&gt;"',
        '  limit="8"',
        '  columns="4"',
        '></storefront-products>',
      ].join('\n'),
    );
  });

  it('puts a link to the store inside the element as its fallback, escaped, and only an http(s) one', () => {
    const base = { widgetUrl: 'https://app.example/widget.js', apiBase: 'https://shop.example', token: 't' };
    const snippet = buildEmbedSnippet({ ...base, fallback: { href: 'https://shop.example/?a=1&b=2', text: 'Shop <Acme> & co' } });
    expect(snippet).toMatch(/>\n {2}<a href="https:\/\/shop\.example\/\?a=1&amp;b=2">Shop &lt;Acme&gt; &amp; co<\/a>\n<\/storefront-products>$/);
    expect(buildEmbedSnippet({ ...base, fallback: { href: 'javascript:alert(1)', text: 'x' } })).not.toMatch(/<a |javascript/);
  });

  it('a Shopware snippet carries the shop’s storefront address (storefront-url), where its cards link; only an http(s) one', () => {
    const base = { widgetUrl: 'https://app.example/widget.js', apiBase: 'https://shop.example', token: 'SWSCKEY0000000000', kind: 'shopware6' };
    expect(buildEmbedSnippet({ ...base, storefrontUrl: 'https://shop.example/de' }).split('\n').slice(1, 6)).toEqual([
      '<storefront-products',
      '  kind="shopware6"',
      '  api-base="https://shop.example"',
      '  access-key="SWSCKEY0000000000"',
      '  storefront-url="https://shop.example/de"',
    ]);
    expect(buildEmbedSnippet(base)).not.toContain('storefront-url');
    expect(buildEmbedSnippet({ ...base, storefrontUrl: 'javascript:alert(1)' })).not.toMatch(/storefront-url|javascript/);
  });

  it('leaves out options that are not set', () => {
    const snippet = buildEmbedSnippet({ widgetUrl: 'https://app.example/widget.js', apiBase: 'https://shop.example', token: 't', category: '', search: '' });
    expect(snippet).not.toMatch(/category=|search=|limit=|columns=/);
  });

  it('escapes every character that could end the attribute', () => {
    expect(escapeAttribute('a"b<c>d&e')).toBe('a&quot;b&lt;c&gt;d&amp;e');
  });
});

describe('EmbedTokens', () => {
  function setup(): { storage: OpenedStorage; urls: string[]; tokens: Promise<EmbedTokens> } {
    const memory = createMemoryStore();
    const storage: OpenedStorage = { store: memory, sealed: memory, persistent: true };
    const urls: string[] = [];
    const tokens = EmbedTokens.open({ config: CONFIG, navigate: (url) => urls.push(url), storage, now: () => 1_000_000 });
    return { storage, urls, tokens };
  }

  function callback(state: string, extra = 'access_token=emb-tok&token_type=Bearer&scope=storefront&expire_in=315360000'): ReturnType<typeof captureRedirect> {
    return captureRedirect(`https://app.example/#${extra}&state=${encodeURIComponent(state)}`);
  }

  it('asks for exactly the storefront scope with the implicit flow, even for a code-flow store', async () => {
    const { urls, tokens } = setup();
    await (await tokens).begin('demo', '/s/demo/embed');
    expect(urls).toHaveLength(1);
    const url = new URL(urls[0] ?? '');
    expect(url.origin + url.pathname).toBe('https://shop.example/oauth2/authorize');
    expect(url.searchParams.get('response_type')).toBe('token');
    expect(url.searchParams.get('scope')).toBe('storefront');
    expect(url.searchParams.get('client_id')).toBe('client-1');
    expect(url.searchParams.get('redirect_uri')).toBe('https://app.example/');
    expect(url.searchParams.get('state')).toMatch(/^e\.[A-Za-z0-9_-]{43}$/);
  });

  it('keeps the token apart from the app session and returns to the embed screen', async () => {
    const { storage, urls, tokens } = setup();
    const embed = await tokens;
    await embed.begin('demo', '/s/demo/embed');
    const state = new URL(urls[0] ?? '').searchParams.get('state') ?? '';
    const captured = callback(state);
    if (!captured) throw new Error('fixture callback not recognised');
    expect(isEmbedCallback(captured)).toBe(true);

    const done = await embed.complete(captured);
    expect(done.storeId).toBe('demo');
    expect(done.returnTo).toBe('/s/demo/embed');
    expect(done.session.tokens).toMatchObject({ accessToken: 'emb-tok', scopes: ['storefront'], tokenType: 'bearer' });
    expect((await embed.get('demo'))?.tokens.accessToken).toBe('emb-tok');
    // The app's own vault (unprefixed) has no session for the store.
    expect(await new TokenVault(storage.store).get('demo')).toBeNull();

    const replay = await catchAppError(() => embed.complete(captured));
    expect(replay.code).toBe('OAUTH_STATE_REUSED');
  });

  it('turns a denied consent into OAUTH_ACCESS_DENIED for the store', async () => {
    const { urls, tokens } = setup();
    const embed = await tokens;
    await embed.begin('demo', '/s/demo/embed');
    const state = new URL(urls[0] ?? '').searchParams.get('state') ?? '';
    const captured = callback(state, 'error=access_denied');
    if (!captured) throw new Error('fixture callback not recognised');
    const error = await catchAppError(() => embed.complete(captured));
    expect(error.code).toBe('OAUTH_ACCESS_DENIED');
    expect(error.storeId).toBe('demo');
    expect(await embed.get('demo')).toBeNull();
  });

  it('refuses a state it never issued', async () => {
    const { tokens } = setup();
    const captured = callback('e.forged');
    if (!captured) throw new Error('fixture callback not recognised');
    expect((await catchAppError(async () => (await tokens).complete(captured))).code).toBe('OAUTH_STATE_MISMATCH');
  });

  it('leaves ordinary sign-in callbacks to the AuthService', async () => {
    const captured = callback('ordinary-state');
    if (!captured) throw new Error('fixture callback not recognised');
    expect(isEmbedCallback(captured)).toBe(false);
    const memory = createMemoryStore();
    const storage: OpenedStorage = { store: memory, sealed: memory, persistent: true };
    expect(await completeEmbedSignIn(captured, { config: CONFIG, navigate: () => undefined, storage })).toBeNull();
    expect(await storage.store.keys()).toEqual([]);
  });
});
