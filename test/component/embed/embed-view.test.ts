import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../../../src/lib/config/types.ts';
import { captureRedirect } from '../../../src/lib/oauth/callback.ts';
import type { StoreSession } from '../../../src/lib/oauth/types.ts';
import { EmbedTokens } from '../../../src/lib/embed/embed-tokens.ts';
import { CopiedSnippets } from '../../../src/lib/storage/copied-snippets.ts';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { Session } from '../../../src/lib/state/session.svelte.ts';
import EmbedHarness from './EmbedHarness.svelte';
import { wirePaging, wireProduct } from '../../helpers/goodsie-wire.ts';
import { grantedScopes } from '../../../src/lib/state/store-capabilities.ts';

type AuthLike = ConstructorParameters<typeof Session>[0];

const CONFIG: AppConfig = {
  stores: [
    {
      id: 'demo',
      kind: 'goodsie',
      name: 'Demo Store',
      authorizationEndpoint: 'https://shop.example/oauth2/authorize',
      apiBase: 'https://api.shop.example',
      clientId: 'client-1',
      redirectUri: 'http://localhost:3000/',
      defaultScopes: ['storefront'],
      flow: 'token',
    },
  ],
};

const ADMIN_TOKEN = 'admin-token-SECRET';
const STOREFRONT_TOKEN = 'storefront-token-123';

function appSession(token: string, scopes: string[]): StoreSession {
  return { storeId: 'demo', tokens: { accessToken: token, tokenType: 'bearer', scopes, expiresAt: null, obtainedAt: 0 } };
}

/** A Session over a fake AuthService that fails the test if a sign-in is started through it. */
function makeSession(sessions: StoreSession[], config: AppConfig = CONFIG): { session: Session; beginSignIn: ReturnType<typeof vi.fn> } {
  const beginSignIn = vi.fn(async () => {
    throw new Error('the embed screen must not start a sign-in that replaces the app session');
  });
  const getAccessToken = async (storeId: string) => sessions.find((s) => s.storeId === storeId)?.tokens.accessToken ?? '';
  const auth = { persistent: true, listSessions: async () => ({ sessions, discarded: [], seamRecords: new Map() }), beginSignIn, getAccessToken, onEvent: () => () => undefined } as unknown as AuthLike;
  const session = new Session(auth, config);
  for (const s of sessions) session.accept(s);
  return { session, beginSignIn };
}

/** The store's API as far as the Embed screen reads it: metadata (its site) and the categories of its newest products. */
const storeInfoFetch = (async (input: RequestInfo | URL) => {
  const url = new URL(String(input));
  const body =
    url.pathname === '/api/v1/metadata'
      ? { name: 'Demo Store', currency: 'USD', canonical_url: 'https://shop.example/' }
      : url.pathname === '/api/v1/pages'
        ? { pages: [] }
        : { products: [wireProduct({ categories: ['Mugs'] }), wireProduct({ id: 'p2', categories: ['Kitchen'] })], paging: wirePaging() };
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}) as typeof fetch;

async function clearDatabase(): Promise<void> {
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase('storefront-connect');
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/** Runs an embed sign-in as the app would (begin, then the store's redirect back) and keeps its token. */
async function completeEmbedSignIn(token: string, scope: string): Promise<void> {
  const urls: string[] = [];
  const tokens = await EmbedTokens.open({ config: CONFIG, navigate: (url) => urls.push(url) });
  await tokens.begin('demo', '/s/demo/embed');
  const state = new URL(urls[0] ?? '').searchParams.get('state') ?? '';
  const captured = captureRedirect(`http://localhost:3000/#access_token=${token}&token_type=bearer&scope=${scope}&state=${state}`);
  if (!captured) throw new Error('fixture callback not recognised');
  await tokens.complete(captured);
}

/** The marker of a snippet taken with the sign-in's own token, as the Sign out buttons read it. */
async function copiedMarker() {
  return new CopiedSnippets((await openStorage()).store).get('demo');
}

beforeEach(clearDatabase);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('EmbedView', () => {
  // The first render loads the embed modules and makes the sealing key: allow it more than a second.
  it('refuses to put a token that can do more than read into a snippet, says why, and offers a separate one', async () => {
    const { session, beginSignIn } = makeSession([appSession(ADMIN_TOKEN, ['storefront', 'admin'])]);
    const navigate = vi.fn();
    render(EmbedHarness, { props: { session, storeId: 'demo', navigate } });

    // The view opens IndexedDB first: allow for a busy machine.
    expect(await screen.findByRole('heading', { name: /needs its own, show-only access/i }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText(/can be read by anyone who visits the page/i)).toBeInTheDocument();
    expect(screen.getByRole('listitem')).toHaveTextContent('Manage the store');
    // The store's name is never made possessive (a name may end in anything: "Demo Store, with cart").
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Embed products of Demo Store');
    expect(screen.getByText(/You confirm it on the page of Demo Store; your own sign-in stays as it is\./)).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(ADMIN_TOKEN);

    const get = screen.getByRole('button', { name: 'Get show-only access' });
    get.focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
    // Off while the store's page opens, but not disabled (that dropped the keyboard's focus to the
    // page): focused still, and pressed again, it asks for nothing more.
    expect(get).not.toBeDisabled();
    expect(get).toHaveAttribute('aria-disabled', 'true');
    expect(get).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(navigate).toHaveBeenCalledTimes(1);
    const url = new URL(String(navigate.mock.calls[0]?.[0]));
    expect(url.searchParams.get('scope')).toBe('storefront');
    expect(url.searchParams.get('response_type')).toBe('token');
    expect(url.searchParams.get('state')).toMatch(/^e\./);
    expect(url.href).not.toContain(ADMIN_TOKEN);
    expect(beginSignIn).not.toHaveBeenCalled();
  });

  it('offline, Get show-only access stays on this page and says so; back online it leaves for the store', async () => {
    const { session } = makeSession([appSession(ADMIN_TOKEN, ['storefront', 'admin'])]);
    const navigate = vi.fn();
    render(EmbedHarness, { props: { session, storeId: 'demo', navigate } });
    const button = await screen.findByRole('button', { name: 'Get show-only access' }, { timeout: 5000 });

    const offline = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    try {
      await userEvent.click(button);
      expect(await screen.findByRole('alert')).toHaveTextContent('This browser is offline, so the store’s page could not open. Try again once you are back online.');
      expect(navigate).not.toHaveBeenCalled();
      expect(button).toBeEnabled();
    } finally {
      offline.mockRestore();
    }
    await userEvent.click(button);
    await vi.waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('the snippet’s fallback link names a store called in Hebrew in its own direction (isolated), on the page it is pasted into', async () => {
    const hebrew = { ...CONFIG, stores: CONFIG.stores.map((store) => ({ ...store, name: '24/7 מרקט' })) };
    const { session } = makeSession([appSession(STOREFRONT_TOKEN, ['storefront'])], hebrew);
    render(EmbedHarness, { props: { session, storeId: 'demo', navigate: vi.fn(), fetch: storeInfoFetch } });
    const box = await screen.findByRole('textbox', { name: 'Snippet' }, { timeout: 5000 });
    await vi.waitFor(() => expect((box as HTMLTextAreaElement).value).toContain('<a href="https://shop.example/">See our products at \u206824/7 מרקט\u2069</a>'));
  });

  it('puts a storefront-only sign-in token into the snippet, and copies it', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { session } = makeSession([appSession(STOREFRONT_TOKEN, ['storefront'])]);
    render(EmbedHarness, { props: { session, storeId: 'demo', navigate: vi.fn(), fetch: storeInfoFetch } });

    const box = await screen.findByRole('textbox', { name: 'Snippet' }, { timeout: 5000 });
    const snippet = (box as HTMLTextAreaElement).value;
    expect(snippet).toContain(`<script src="${new URL('widget.js', document.baseURI).href}" defer></script>`);
    expect(snippet).toContain('api-base="https://api.shop.example"');
    expect(snippet).toContain(`token="${STOREFRONT_TOKEN}"`);
    // The fallback inside the element: a link to the store's own site, from its metadata.
    await vi.waitFor(() =>
      expect((box as HTMLTextAreaElement).value).toContain('<a href="https://shop.example/">See our products at Demo Store</a>'),
    );

    // Categories are picked from the store's list, not typed.
    const category = screen.getByRole('combobox', { name: 'Category' });
    await vi.waitFor(() => expect(screen.getByRole('option', { name: 'Mugs' })).toBeInTheDocument());
    expect([...(category as HTMLSelectElement).options].map((o) => o.text)).toEqual(['All categories', 'Kitchen', 'Mugs']);
    await userEvent.selectOptions(category, 'Mugs');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Columns' }), '3');
    // Regression: the search's placeholder read "Nothing"; it says what an empty one does instead.
    const search = screen.getByRole('searchbox', { name: 'Search' });
    expect(search).toHaveAccessibleDescription('Empty shows all products');
    expect(search).not.toHaveAttribute('placeholder');
    await vi.waitFor(() => expect((box as HTMLTextAreaElement).value).toContain('category="Mugs"'));
    expect((box as HTMLTextAreaElement).value).toContain('columns="3"');

    await userEvent.click(screen.getByRole('button', { name: 'Copy snippet' }));
    expect(writeText).toHaveBeenCalledWith((box as HTMLTextAreaElement).value);
    expect(await screen.findByText('Snippet copied.')).toBeInTheDocument();

    // The sign-in's own token ends with the sign-in (sign-out revokes it): said beside the offer
    // of a separate access, which does not.
    const note = screen.getByText(/safe to publish/);
    expect(note).toHaveTextContent('The access in this snippet can only show the published products and pages of Demo Store, so it is safe to publish.');
    expect(note).toHaveTextContent('once you sign out of Demo Store here, pages that publish this snippet stop showing products');
    expect(note).toHaveTextContent('Each product links to its page on Demo Store');
    expect(screen.getByRole('button', { name: 'Use a separate access instead' })).toBeInTheDocument();
  });

  it('uses the separate embed token once there is one, never the admin token', async () => {
    // Run the embed sign-in as the app would: begin, then the store's redirect back.
    await completeEmbedSignIn(STOREFRONT_TOKEN, 'storefront');

    const { session } = makeSession([appSession(ADMIN_TOKEN, ['storefront', 'admin', 'cart'])]);
    render(EmbedHarness, { props: { session, storeId: 'demo', navigate: vi.fn() } });
    const box = await screen.findByRole('textbox', { name: 'Snippet' }, { timeout: 5000 });
    expect((box as HTMLTextAreaElement).value).toContain(`token="${STOREFRONT_TOKEN}"`);
    expect(document.body.innerHTML).not.toContain(ADMIN_TOKEN);
    expect(screen.getByText(/safe to publish/)).not.toHaveTextContent('sign out');
  });

  it('refuses a stored embed token that turned out to hold more than storefront', async () => {
    // The view opens IndexedDB itself: write the record there through the same class.
    // The server granted more than it was asked for.
    await completeEmbedSignIn(ADMIN_TOKEN, 'storefront+admin');

    const { session } = makeSession([]);
    render(EmbedHarness, { props: { session, storeId: 'demo', navigate: vi.fn() } });
    expect(await screen.findByRole('button', { name: 'Get show-only access' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Snippet' })).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(ADMIN_TOKEN);
    expect(screen.getByText('A snippet needs access that can show the products of Demo Store, and do nothing else.')).toBeInTheDocument();
  });

  it('after a 403 narrowed the screen’s view of an admin token, still refuses it: judged by the token’s own stored grant', async () => {
    const { session } = makeSession([appSession(ADMIN_TOKEN, ['storefront', 'admin'])]);
    // A 403 insufficient_scope on an admin call: the screens stop offering admin features...
    session.withdrawScope('demo', 'admin');
    expect(grantedScopes(session, 'demo')).toEqual(['storefront']);
    render(EmbedHarness, { props: { session, storeId: 'demo', navigate: vi.fn() } });
    // ...but the token still holds admin, so it never goes into a public snippet.
    expect(await screen.findByRole('heading', { name: /needs its own, show-only access/i })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Snippet' })).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(ADMIN_TOKEN);
  });

  it('remembers that the snippet taken carries the sign-in’s own token (Copy snippet), which token by when it was obtained, never the token', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: vi.fn(async () => undefined) } });
    const { session } = makeSession([{ storeId: 'demo', tokens: { ...appSession(STOREFRONT_TOKEN, ['storefront']).tokens, obtainedAt: 1234, expiresAt: 9e12 } }]);
    render(EmbedHarness, { props: { session, storeId: 'demo', navigate: vi.fn() } });
    await screen.findByRole('textbox', { name: 'Snippet' }, { timeout: 5000 });
    expect(await copiedMarker()).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Copy snippet' }));
    await vi.waitFor(async () => expect(await copiedMarker()).toMatchObject({ obtainedAt: 1234, expiresAt: 9e12 }));
    const { store } = await openStorage();
    expect(JSON.stringify(await store.get('copied-snippet:demo'))).not.toContain(STOREFRONT_TOKEN);
  });

  it('without a clipboard, remembers it when the person copies (or drags) the selected snippet from its box; a part without the token is not the snippet', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) } });
    const { session } = makeSession([appSession(STOREFRONT_TOKEN, ['storefront'])]);
    render(EmbedHarness, { props: { session, storeId: 'demo', navigate: vi.fn() } });
    const box = (await screen.findByRole('textbox', { name: 'Snippet' }, { timeout: 5000 })) as HTMLTextAreaElement;
    await userEvent.click(screen.getByRole('button', { name: 'Copy snippet' }));
    expect(await screen.findByText(/The snippet is selected/)).toBeInTheDocument();
    // Selected is not taken.
    expect(await copiedMarker()).toBeNull();

    box.setSelectionRange(0, box.value.indexOf(STOREFRONT_TOKEN));
    fireEvent.copy(box);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await copiedMarker()).toBeNull();

    box.select();
    fireEvent.copy(box);
    await vi.waitFor(async () => expect(await copiedMarker()).toMatchObject({ obtainedAt: 0, expiresAt: null }));

    // Dragged out of the box (into an editor) is taken too.
    await new CopiedSnippets((await openStorage()).store).forget('demo');
    fireEvent.dragStart(box);
    await vi.waitFor(async () => expect(await copiedMarker()).not.toBeNull());
  });

  it('forgets the marker once a snippet with the separate access is taken instead', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await new CopiedSnippets((await openStorage()).store).note('demo', { copiedAt: 1, obtainedAt: 0, expiresAt: null });
    await completeEmbedSignIn('separate-token-456', 'storefront');
    const { session } = makeSession([appSession(STOREFRONT_TOKEN, ['storefront'])]);
    render(EmbedHarness, { props: { session, storeId: 'demo', navigate: vi.fn() } });
    const box = (await screen.findByRole('textbox', { name: 'Snippet' }, { timeout: 5000 })) as HTMLTextAreaElement;
    expect(box.value).toContain('token="separate-token-456"');
    // Only getting it is not replacing the one on the person's pages: that is taking the new snippet.
    expect(await copiedMarker()).not.toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Copy snippet' }));
    await vi.waitFor(async () => expect(await copiedMarker()).toBeNull());
  });

  it('sign-out forgets the store’s embed token, and the marker of a snippet copied with its own', async () => {
    await completeEmbedSignIn(STOREFRONT_TOKEN, 'storefront');
    expect(await (await EmbedTokens.open({ config: CONFIG, navigate: vi.fn() })).get('demo')).not.toBeNull();
    await new CopiedSnippets((await openStorage()).store).note('demo', { copiedAt: 1, obtainedAt: 0, expiresAt: null });

    const signOut = vi.fn(async () => undefined);
    const auth = { persistent: true, listSessions: async () => ({ sessions: [], discarded: [], seamRecords: new Map() }), signOut, onEvent: () => () => undefined } as unknown as AuthLike;
    const session = new Session(auth, CONFIG);
    session.accept(appSession(ADMIN_TOKEN, ['storefront', 'admin']));
    await session.signOut('demo');
    expect(signOut).toHaveBeenCalledWith('demo');
    const reopened = await EmbedTokens.open({ config: CONFIG, navigate: vi.fn() });
    expect(await reopened.get('demo')).toBeNull();
    expect(await copiedMarker()).toBeNull();
  });
});
